//! The rules on environment variable names that both halves of
//! [twelve-config](https://docs.rs/twelve-config) apply: the runtime as it
//! loads and shows values, the derive as it expands (a proc-macro crate
//! cannot share items with the crate that re-exports it, so the one
//! definition lives here). Use them through `twelve-config`; this crate
//! has no API of its own to keep stable beyond what `twelve-config`
//! re-exports.
//!
//! - [`looks_like_credential`]: whether a variable name holds a credential;
//! - [`prefix_looks_like_credential`]: whether a group's prefix makes every
//!   variable under it one;
//! - [`is_secret_field`]: whether a field is secret, from everything that
//!   can make it one: the one decision both crates ask;
//! - [`is_credential_key`]: whether a key inside a value (a URL query key,
//!   a JSON member, a map's key, an HTTP header) names one;
//! - [`is_portable_name`]: whether a name can be written as a variable
//!   in a shell, a `.env` file, a Kubernetes manifest and a unit file;
//! - [`fnv1a`]: the hash a config's names are looked up by;
//! - [`edit_distance`]: how far apart two names are, for did-you-mean.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// Words that make a name a credential wherever they stand in it
/// (`DB_PASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`).
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

/// Words that make a name a credential as its last `_` word, or as the
/// whole name (`STRIPE_KEY`, `API_KEYS`, `SMTP_PASS`, `MYSQL_PWD`,
/// `GITHUB_PAT`, `SENTRY_DSN`, `TLS_PEM`, `SESSION_COOKIE`, `HASH_SALT`,
/// `BEARER`, `JWT_SIGNING`): a nested struct's field `key` reads `KEY` at
/// its own root and `APP_KEY` under a prefix, and both count. Not
/// `CERT_PATH` or `KEYSTORE`: the word must be the whole last word.
const CREDENTIAL_LAST_WORDS: &[&str] =
    &["KEY", "KEYS", "PASS", "PWD", "PAT", "DSN", "PEM", "COOKIE", "SALT", "BEARER", "SIGNING"];

/// Runs of words that make a name a credential as its last words.
const CREDENTIAL_LAST_RUNS: &[&str] = &["AUTH_HEADER"];

/// Whether a variable name looks like it holds a credential.
///
/// Such a variable is secret without `#[env(secret)]`. The rule, ignoring
/// ASCII case:
///
/// - the name contains `PASSWORD`, `PASSWD`, `PASSPHRASE`, `SECRET`,
///   `TOKEN`, `CREDENTIAL`, `APIKEY`, `PRIVATE_KEY`, `PRIVATEKEY` or
///   `BASIC_AUTH`; or
/// - its last `_`-separated word, or the whole name, is `KEY`, `KEYS`,
///   `PASS`, `PWD`, `PAT`, `DSN` (a Sentry DSN carries a key), `PEM`,
///   `COOKIE`, `SALT`, `BEARER` or `SIGNING`; or
/// - its last two words are `AUTH_HEADER`.
///
/// # Examples
///
/// ```
/// use twelve_config_names::looks_like_credential;
///
/// assert!(looks_like_credential("DB_PASSWORD"));
/// assert!(looks_like_credential("MYSQL_PWD"));
/// assert!(looks_like_credential("GITHUB_PAT"));
/// assert!(looks_like_credential("UPSTREAM_AUTH_HEADER"));
/// assert!(!looks_like_credential("CERT_PATH"));
/// assert!(!looks_like_credential("KEYSTORE"));
/// ```
pub fn looks_like_credential(name: &str) -> bool {
    let name = name.to_ascii_uppercase();
    CREDENTIAL_WORDS.iter().any(|word| name.contains(word))
        || CREDENTIAL_LAST_WORDS.iter().chain(CREDENTIAL_LAST_RUNS).any(|word| ends_with_word(&name, word))
}

/// Whether `word` is the whole of `name`, or its end after a `_`.
fn ends_with_word(name: &str, word: &str) -> bool {
    name.strip_suffix(word).is_some_and(|before| before.is_empty() || before.ends_with('_'))
}

/// Whether a nested group's prefix makes every variable under it a
/// credential (`nested = "API_TOKEN_"`): it holds a credential word, or it
/// ends with the start of one that the group's own field names may
/// complete: the first word of `BASIC_AUTH`, `PRIVATE_KEY` or
/// `AUTH_HEADER`, or, for a prefix that does not end in `_`, any start of
/// a credential word (`nested = "PASS"` and a field `word` read
/// `PASSWORD`).
///
/// # Examples
///
/// ```
/// use twelve_config_names::prefix_looks_like_credential;
///
/// assert!(prefix_looks_like_credential("API_TOKEN_"));
/// assert!(prefix_looks_like_credential("PRIVATE_"));
/// assert!(!prefix_looks_like_credential("SMTP_"));
/// ```
pub fn prefix_looks_like_credential(prefix: &str) -> bool {
    let prefix = prefix.to_ascii_uppercase();
    if CREDENTIAL_WORDS.iter().any(|word| prefix.contains(word))
        || ["BASIC_", "PRIVATE_", "AUTH_"].iter().any(|start| prefix.ends_with(start))
    {
        return true;
    }
    // The prefix's last word, when it runs on into the field's name.
    let tail = prefix.rsplit('_').next().unwrap_or_default();
    !tail.is_empty()
        && CREDENTIAL_WORDS
            .iter()
            .chain(CREDENTIAL_LAST_WORDS)
            .chain(CREDENTIAL_LAST_RUNS)
            .any(|word| word.starts_with(tail))
}

/// What makes a field secret, as [`is_secret_field`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Secrecy<'a> {
    /// `#[env(secret)]` (`Some(true)`), `#[env(secret = false)]`
    /// (`Some(false)`: the name rule is off), or neither.
    pub attribute: Option<bool>,
    /// The type redacts itself (`SecretString`, `SecretBox<T>` however it
    /// is read, an `EnvValue` with `SECRET`); `false` where the type is
    /// not known yet (the derive, which checks the type by a trait bound).
    pub type_is_secret: bool,
    /// The prefix of the nested group the field belongs to, as far as it
    /// is known (`""` at the root).
    pub group_prefix: &'a str,
    /// Every name the field reads: its variable, `NAME_FILE`, each alias
    /// and deprecated name.
    pub names: &'a [&'a str],
}

/// Whether a field is secret: by `#[env(secret)]`, by its type, or, unless
/// `#[env(secret = false)]`, by any name it reads or by its group's prefix
/// ([`looks_like_credential`], [`prefix_looks_like_credential`]). The one
/// decision: the derive asks it for the generated `Debug` and the compile
/// rule on secret fields, the runtime for every output.
///
/// # Examples
///
/// ```
/// use twelve_config_names::{Secrecy, is_secret_field};
///
/// let plain = Secrecy { attribute: None, type_is_secret: false, group_prefix: "", names: &["UPSTREAM"] };
/// assert!(!is_secret_field(plain));
/// // Read through a credential-like alias: secret.
/// assert!(is_secret_field(Secrecy { names: &["UPSTREAM", "LEGACY_API_TOKEN"], ..plain }));
/// // Under a credential-like group prefix: secret.
/// assert!(is_secret_field(Secrecy { group_prefix: "API_TOKEN_", ..plain }));
/// // `secret = false` turns the name rule off, never the type's.
/// let named = Secrecy { attribute: Some(false), names: &["TOKEN_BUCKET"], ..plain };
/// assert!(!is_secret_field(named));
/// assert!(is_secret_field(Secrecy { type_is_secret: true, ..named }));
/// ```
pub fn is_secret_field(field: Secrecy<'_>) -> bool {
    match field.attribute {
        Some(true) => true,
        Some(false) => field.type_is_secret,
        None => {
            field.type_is_secret
                || (!field.group_prefix.is_empty() && prefix_looks_like_credential(field.group_prefix))
                || field.names.iter().any(|name| looks_like_credential(name))
        }
    }
}

/// Keys that are credentials though no credential word is in them: short
/// forms, HTTP's credential headers, and the families of OAuth, cloud
/// signatures, Azure SAS, MongoDB and LDAP. Compared in lower case, with
/// `-` and `.` read as `_`.
const CREDENTIAL_KEYS: &[&str] = &[
    "pass",
    "pwd",
    "key",
    "auth",
    "authorization",
    "proxy_authorization",
    "sig",
    "signature",
    "x_amz_signature",
    "x_goog_signature",
    "x_amz_credential",
    "x_goog_credential",
    "bindpw",
    "authmechanismproperties",
    "client_assertion",
    "code_verifier",
];

/// Whether a key inside a value names a credential: a URL query key
/// (after percent-decoding, which is the caller's), a JSON member, a map's
/// key or an HTTP header name.
///
/// It is [`looks_like_credential`] on the key, with `-` and `.` read as
/// `_`, or one of the keys services use without a credential word
/// (`pass`, `pwd`, `key`, `auth`, `sig`, `Authorization`,
/// `Proxy-Authorization`, `X-Amz-Signature`, `bindpw`,
/// `authMechanismProperties`, ...). A key in which a credential word
/// only begins a longer word is not one: `passwordless` and `tokens_used`
/// are shown, `client_secret`, `refresh_token` and `X-Api-Key` are not.
///
/// # Examples
///
/// ```
/// use twelve_config_names::is_credential_key;
///
/// assert!(is_credential_key("Authorization"));
/// assert!(is_credential_key("client_secret"));
/// assert!(is_credential_key("X-Api-Key"));
/// assert!(is_credential_key("password"));
/// assert!(!is_credential_key("passwordless"));
/// assert!(!is_credential_key("sslkey_path"));
/// ```
pub fn is_credential_key(key: &str) -> bool {
    let normal: String = key.chars().map(|c| if c == '-' || c == '.' { '_' } else { c.to_ascii_lowercase() }).collect();
    if CREDENTIAL_KEYS.contains(&normal.as_str()) {
        return true;
    }
    // Credential words, but a word that merely starts one (`passwordless`)
    // is not: the key must end with the word, or the word be followed by
    // `_` (or a plural `S` that ends the key).
    let upper = normal.to_ascii_uppercase();
    looks_like_credential(&upper)
        && CREDENTIAL_WORDS.iter().chain(CREDENTIAL_LAST_WORDS).chain(CREDENTIAL_LAST_RUNS).any(|word| {
            upper.match_indices(word).any(|(at, _)| {
                let after = &upper[at + word.len()..];
                after.is_empty() || after.starts_with('_') || after == "S"
            })
        })
}

/// Whether `name` can be written as an environment variable everywhere
/// a config's variables are written: a shell (`export NAME=`), a `.env`
/// file, a Kubernetes manifest, a Compose file and a systemd unit. That is
/// POSIX's portable form: ASCII letters, digits and `_`, not starting
/// with a digit, and not empty.
///
/// # Examples
///
/// ```
/// use twelve_config_names::is_portable_name;
///
/// assert!(is_portable_name("APP_PORT"));
/// assert!(is_portable_name("_private"));
/// assert!(!is_portable_name("http-port"));
/// assert!(!is_portable_name("9LIVES"));
/// assert!(!is_portable_name("X\nY=1"));
/// ```
pub fn is_portable_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|first| first.is_ascii_alphabetic() || first == b'_')
        && bytes.all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
}

/// The 64-bit FNV-1a hash of a name: the derive writes each name's hash
/// beside it, and the runtime looks names up by it.
///
/// # Examples
///
/// ```
/// assert_eq!(twelve_config_names::fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
/// ```
pub const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut index = 0;
    while index < bytes.len() {
        hash = (hash ^ bytes[index] as u64).wrapping_mul(0x0100_0000_01b3);
        index += 1;
    }
    hash
}

/// The optimal string alignment distance of two names: Levenshtein plus
/// adjacent transpositions, the commonest typo (`DATABSE`). The runtime
/// suggests variable names by it, the derive attribute keys.
///
/// # Examples
///
/// ```
/// assert_eq!(twelve_config_names::edit_distance("DATABSE_URL", "DATABASE_URL"), 1);
/// assert_eq!(twelve_config_names::edit_distance("kitten", "sitting"), 3);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the dynamic-programming table.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            let mut best = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && ca == b[j - 1] && a[i - 1] == cb {
                best = best.min(before[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("DATABSE_URL", "DATABASE_URL"), 1);
        assert_eq!(edit_distance("DATBAASE_URL", "DATABASE_URL"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("défault", "default"), 1);
    }

    #[test]
    fn fnv1a_gives_the_published_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn credential_names() {
        for name in [
            "PASSWORD",
            "db_password",
            "X_SECRET_Y",
            "API_TOKEN",
            "AWS_CREDENTIALS",
            "API_KEY",
            "API_KEYS",
            "key",
            "PASSPHRASE",
            "APIKEY",
            "STRIPE_APIKEY_LIVE",
            "SENTRY_DSN",
            "SMTP_PASS",
            "MYSQL_PWD",
            "DB_PWD",
            "GITHUB_PAT",
            "BEARER",
            "UPSTREAM_BEARER",
            "AUTH_HEADER",
            "PROXY_AUTH_HEADER",
            "JWT_SIGNING",
            "PRIVATE_KEY_PATH",
            "TLS_PEM",
            "SESSION_COOKIE",
            "HASH_SALT",
            "PROXY_BASIC_AUTH_USER",
        ] {
            assert!(looks_like_credential(name), "{name}");
        }
        for name in [
            "PORT",
            "MONKEY",
            "HOST",
            "KEY_ID",
            "BYPASS",
            "COMPASS",
            "PEMBROKE",
            "SALTY",
            "DSNS",
            "CERT_PATH",
            "PATH",
            "PATTERN",
            "KEYSTORE",
            "SIGNINGS_ENABLED",
            "HEADER",
            "OAUTH_HEADER",
            "PASSPORT_ID",
            "",
        ] {
            assert!(!looks_like_credential(name), "{name}");
        }
    }

    #[test]
    fn credential_prefixes() {
        for prefix in
            ["API_TOKEN_", "DB_PASSWORD_", "BASIC_", "PRIVATE_", "AUTH_", "PASS", "APP_SECR", "K", "my_secret_"]
        {
            assert!(prefix_looks_like_credential(prefix), "{prefix}");
        }
        for prefix in ["", "SMTP_", "APP_", "TLS_", "DB_", "X"] {
            assert!(!prefix_looks_like_credential(prefix), "{prefix}");
        }
    }

    #[test]
    fn credential_keys() {
        for key in [
            "password",
            "PASSWORD",
            "client_secret",
            "refresh_token",
            "id_token",
            "X-Amz-Signature",
            "X-Amz-Security-Token",
            "sig",
            "api-key",
            "apikey",
            "auth",
            "Authorization",
            "Proxy-Authorization",
            "Cookie",
            "X-Api-Key",
            "authMechanismProperties",
            "bindpw",
            "sslpassword",
            "pass",
            "pwd",
            "api_keys",
        ] {
            assert!(is_credential_key(key), "{key}");
        }
        for key in ["passwordless", "keyspace", "sslkey", "host", "user", "tokens_used_total", "Accept", "X-Trace"] {
            assert!(!is_credential_key(key), "{key}");
        }
    }

    #[test]
    fn portable_names() {
        for name in ["A", "APP_PORT", "_X", "x9"] {
            assert!(is_portable_name(name), "{name}");
        }
        for name in ["", "9A", "A-B", "A.B", "A B", "A=B", "A\nB", "É"] {
            assert!(!is_portable_name(name), "{name}");
        }
    }
}
