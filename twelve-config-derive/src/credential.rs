//! What the derive decides about variable names as it expands, natively:
//! their FNV-1a hash ([`fnv1a`]), and which are credentials,
//! the same rule as the runtime's `looks_like_credential` and
//! `prefix_looks_like_credential` (`twelve-config/src/secret.rs`), which
//! the derived code once called in constant expressions. The compiler's
//! constant evaluator ran them at about 3 ms a field (a 300-field config
//! spent 1.1 s of its 1.9 s compile there); here they cost microseconds.
//!
//! The word lists are a copy of the runtime's: a proc-macro crate cannot
//! share items with the crate that re-exports it. The test below reads
//! the runtime's source and fails when the two lists differ, and
//! `tests/test_secrets.rs` checks the derived decisions against the
//! runtime's function.

/// `CREDENTIAL_WORDS` of `twelve-config/src/secret.rs`.
const CREDENTIAL_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "SECRET",
    "TOKEN",
    "CREDENTIAL",
    "APIKEY",
    "PRIVATE_KEY",
    "PRIVATEKEY",
    "BASIC_AUTH",
];

/// `CREDENTIAL_LAST_WORDS` of `twelve-config/src/secret.rs`.
const CREDENTIAL_LAST_WORDS: &[&str] = &["KEY", "PASS", "DSN", "PEM", "COOKIE", "SALT"];

/// `twelve_config::looks_like_credential`.
pub(crate) fn looks_like_credential(name: &str) -> bool {
    let name = name.to_ascii_uppercase();
    CREDENTIAL_WORDS.iter().any(|word| name.contains(word))
        || CREDENTIAL_LAST_WORDS
            .iter()
            .any(|word| name.strip_suffix(word).is_some_and(|before| before.is_empty() || before.ends_with('_')))
}

/// `twelve_config::__private::prefix_looks_like_credential`.
pub(crate) fn prefix_looks_like_credential(prefix: &str) -> bool {
    let prefix = prefix.to_ascii_uppercase();
    if CREDENTIAL_WORDS.iter().any(|word| prefix.contains(word))
        || prefix.ends_with("BASIC_")
        || prefix.ends_with("PRIVATE_")
    {
        return true;
    }
    // The prefix's last word, when it runs on into the field's name.
    let tail = prefix.rsplit('_').next().unwrap_or_default();
    !tail.is_empty() && CREDENTIAL_WORDS.iter().chain(CREDENTIAL_LAST_WORDS).any(|word| word.starts_with(tail))
}

/// The 64-bit FNV-1a hash of a variable name, as the runtime's
/// `Name::new` computes it (`twelve-config/src/snapshot.rs`).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::{CREDENTIAL_LAST_WORDS, CREDENTIAL_WORDS, fnv1a, looks_like_credential, prefix_looks_like_credential};

    #[test]
    fn names_are_hashed_by_fnv_1a() {
        // FNV-1a's published test vectors, as the runtime's test checks.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    /// The strings of the `const NAME: &[&[u8]] = &[b"..", ...];` list in
    /// the runtime's source.
    fn runtime_list(source: &str, name: &str) -> Vec<String> {
        let start = source.find(&format!("const {name}: &[&[u8]] = &[")).expect("the list is in secret.rs");
        let list = &source[start..];
        let list = &list[list.find("= &[").unwrap() + 4..list.find("];").unwrap()];
        list.split(',')
            .map(|item| item.trim().trim_start_matches("b\"").trim_end_matches('"').to_owned())
            .filter(|item| !item.is_empty())
            .collect()
    }

    #[test]
    fn the_word_lists_are_the_runtimes() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../twelve-config/src/secret.rs");
        // The published crate is tested without its workspace; the
        // workspace's CI runs this check.
        let Ok(source) = std::fs::read_to_string(path) else {
            assert!(std::env::var_os("CI").is_none(), "{path} is missing");
            return;
        };
        assert_eq!(runtime_list(&source, "CREDENTIAL_WORDS"), CREDENTIAL_WORDS);
        assert_eq!(runtime_list(&source, "CREDENTIAL_LAST_WORDS"), CREDENTIAL_LAST_WORDS);
    }

    #[test]
    fn names_and_prefixes_as_the_runtime_documents_them() {
        for name in
            ["DB_PASSWORD", "GITHUB_TOKEN", "STRIPE_API_KEY", "SENTRY_DSN", "TLS_PRIVATE_KEY_PATH", "key", "smtp_pass"]
        {
            assert!(looks_like_credential(name), "{name}");
        }
        for name in ["KEYBOARD_LAYOUT", "BYPASS", "PORT", "MONKEY", "PASSPORT_ID", ""] {
            assert!(!looks_like_credential(name), "{name}");
        }
        for prefix in ["API_TOKEN_", "BASIC_", "PASS", "APP_PRIVATE_", "my_secret_"] {
            assert!(prefix_looks_like_credential(prefix), "{prefix}");
        }
        for prefix in ["APP_", "", "DB_", "X"] {
            assert!(!prefix_looks_like_credential(prefix), "{prefix}");
        }
    }
}
