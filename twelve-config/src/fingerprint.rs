//! The fingerprint of an effective configuration (cargo feature
//! `fingerprint`): SHA-256 and HMAC-SHA-256 from RustCrypto.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use secrecy::zeroize::Zeroize;
use sha2::{Digest, Sha256};

use crate::loaded::Entry;

/// What the fingerprint reads of one value: its text as the disclosure
/// rule shows it (whole, not cut), and, for a secret or a value of which
/// the rule hides anything, a SHA-256 of the text itself, which enters only
/// the keyed form.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Print {
    public: Option<String>,
    secret: Option<[u8; 32]>,
}

impl fmt::Debug for Print {
    /// Whether each part is there, never the digest.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Print").field("public", &self.public).field("secret", &self.secret.is_some()).finish()
    }
}

impl Drop for Print {
    fn drop(&mut self) {
        if let Some(secret) = &mut self.secret {
            secret.zeroize();
        }
    }
}

impl Print {
    /// The print of `text`, the value of a variable (`secret` when it is).
    pub(crate) fn of(text: &str, disclosure: crate::disclosure::Disclosure) -> Self {
        let digest = || Sha256::digest(text.as_bytes()).into();
        if disclosure.is_secret() {
            return Self { public: None, secret: Some(digest()) };
        }
        let mut masked = crate::disclosure::mask(text);
        let hides_something = !masked.hidden.is_empty();
        Self { public: Some(std::mem::take(&mut masked.shown)), secret: hides_something.then(digest) }
    }
}

/// The text both forms hash: a version line, then the entries sorted by
/// name, each its name, whether it is set, and its public text; the keyed
/// form adds each secret's digest.
fn canonical(entries: &[Entry], with_secrets: bool) -> Vec<u8> {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.var.cmp(&b.var));
    let mut out = b"twelve-config fingerprint v1\n".to_vec();
    for entry in sorted {
        let set = entry.origin != crate::Origin::Unset;
        // Lengths first: no value can be read as two.
        push_field(&mut out, entry.var.as_bytes());
        out.push(if set { b's' } else { b'u' });
        push_field(&mut out, entry.print.public.as_deref().unwrap_or("").as_bytes());
        if with_secrets && let Some(secret) = &entry.print.secret {
            out.push(b'k');
            out.extend_from_slice(secret);
        }
    }
    out
}

fn push_field(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
    out.extend_from_slice(bytes);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

pub(crate) fn unkeyed(entries: &[Entry]) -> String {
    format!("v1:{}", hex(&Sha256::digest(canonical(entries, false))))
}

pub(crate) fn keyed(entries: &[Entry], key: &[u8]) -> String {
    let mut text = canonical(entries, true);
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(&text);
    text.zeroize();
    format!("v1k:{}", hex(&mac.finalize().into_bytes()))
}
