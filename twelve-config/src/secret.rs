//! Keeping secrets out of output: credential-like names and masking of
//! passwords inside URL-shaped values.

use secrecy::SecretString;
use secrecy::zeroize::Zeroize;

/// `text` as a secret, leaving no unzeroized copy behind: an exactly sized
/// string moves into the secret's box; another is copied into one and
/// wiped.
pub(crate) fn into_secret(mut text: String) -> SecretString {
    if text.capacity() == text.len() {
        SecretString::from(text)
    } else {
        let secret = SecretString::from(text.as_str());
        text.zeroize();
        secret
    }
}

/// Whether a variable name looks like it holds a credential.
///
/// Such variables are treated as secret in reports even without
/// `#[env(secret)]`: their value is never shown. The rule (case-insensitive):
/// the name contains `PASSWORD`, `PASSWD`, `SECRET`, `TOKEN` or
/// `CREDENTIALS`, or ends in `_KEY` (or is `KEY`).
///
/// # Examples
///
/// ```
/// use twelve_config::looks_like_credential;
///
/// assert!(looks_like_credential("DB_PASSWORD"));
/// assert!(looks_like_credential("GITHUB_TOKEN"));
/// assert!(looks_like_credential("STRIPE_API_KEY"));
/// assert!(!looks_like_credential("KEYBOARD_LAYOUT"));
/// assert!(!looks_like_credential("PORT"));
/// ```
pub const fn looks_like_credential(name: &str) -> bool {
    let name = name.as_bytes();
    // A `const fn` without allocation: the derive folds it into a constant
    // for every name it knows at compile time.
    contains_ignore_case(name, b"PASSWORD")
        || contains_ignore_case(name, b"PASSWD")
        || contains_ignore_case(name, b"SECRET")
        || contains_ignore_case(name, b"TOKEN")
        || contains_ignore_case(name, b"CREDENTIALS")
        || ends_with_ignore_case(name, b"_KEY")
        || (name.len() == 3 && ends_with_ignore_case(name, b"KEY"))
}

/// Whether `haystack` holds `needle` (capital letters), ignoring ASCII case.
const fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    let mut start = 0;
    while start + needle.len() <= haystack.len() {
        if equal_ignore_case_at(haystack, start, needle) {
            return true;
        }
        start += 1;
    }
    false
}

const fn ends_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    needle.len() <= haystack.len() && equal_ignore_case_at(haystack, haystack.len() - needle.len(), needle)
}

/// Whether `haystack[start..]` begins with `needle`, ignoring ASCII case.
const fn equal_ignore_case_at(haystack: &[u8], start: usize, needle: &[u8]) -> bool {
    let mut index = 0;
    while index < needle.len() {
        if haystack[start + index].to_ascii_uppercase() != needle[index] {
            return false;
        }
        index += 1;
    }
    true
}

/// Query keys whose values are masked like URL passwords.
const CREDENTIAL_QUERY_KEYS: &[&str] = &[
    "password",
    "pass",
    "passwd",
    "pwd",
    "sslpassword",
    "secret",
    "token",
    "access_token",
    "api_key",
    "apikey",
    "key",
];

/// The mask that replaces a hidden password.
pub(crate) const MASK: &str = "***";

/// `text` with the password of every URL in it replaced by `***`, and the
/// values of credential query parameters (`password=`, `token=`, ...) too.
///
/// Used for every value a report shows, so a URL in a field that is not
/// marked secret still never shows its password.
///
/// # Examples
///
/// ```
/// use twelve_config::mask_passwords;
///
/// assert_eq!(
///     mask_passwords("mysql://admin:hunter2@db.internal/app"),
///     "mysql://admin:***@db.internal/app"
/// );
/// assert_eq!(
///     mask_passwords("postgres://db/app?user=me&password=hunter2"),
///     "postgres://db/app?user=me&password=***"
/// );
/// assert_eq!(mask_passwords("not a url"), "not a url");
/// ```
pub fn mask_passwords(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let after_scheme = at + 3;
        out.push_str(&rest[..after_scheme]);
        let after = &rest[after_scheme..];
        // The userinfo ends at the *last* `@` of what follows, so a password
        // holding an unencoded `@`, `/`, `#`, `?`, space or even `://` is
        // still hidden whole. Masking too much (a `:` and `@` in a path) is
        // harmless in a report; masking too little is a leak.
        match after.rfind('@') {
            Some(at_sign) if after[..at_sign].contains(':') => {
                let userinfo = &after[..at_sign];
                let colon = userinfo.find(':').unwrap_or(0);
                out.push_str(&userinfo[..=colon]);
                out.push_str(MASK);
                rest = &after[at_sign..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    mask_query_credentials(&out)
}

/// Masks the values of `key=value` pairs whose key names a credential, in a
/// query string or a libpq-style keyword list.
fn mask_query_credentials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive(['?', '&', ';', ' ']) {
        let (body, separator) = match piece.char_indices().last() {
            Some((index, '?' | '&' | ';' | ' ')) => piece.split_at(index),
            _ => (piece, ""),
        };
        match body.split_once('=') {
            Some((key, _)) if is_credential_key(key) => {
                out.push_str(key);
                out.push('=');
                out.push_str(MASK);
            }
            _ => out.push_str(body),
        }
        out.push_str(separator);
    }
    out
}

fn is_credential_key(key: &str) -> bool {
    // The key is the text after the last `/` or `?` (`db?password=` splits at `?`).
    let key = key.rsplit(['/']).next().unwrap_or(key);
    CREDENTIAL_QUERY_KEYS.iter().any(|credential| key.eq_ignore_ascii_case(credential))
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    #[test]
    fn into_secret_keeps_the_text_exactly_sized_or_not() {
        let exact = String::from("s3cret");
        assert_eq!(into_secret(exact).expose_secret(), "s3cret");
        let mut roomy = String::with_capacity(64);
        roomy.push_str("s3cret");
        assert_eq!(into_secret(roomy).expose_secret(), "s3cret");
        assert_eq!(into_secret(String::new()).expose_secret(), "");
    }

    #[test]
    fn masks_userinfo_passwords() {
        let cases = [
            ("postgres://u:p@h/db", "postgres://u:***@h/db"),
            ("postgres://u@h/db", "postgres://u@h/db"),
            ("postgres://:p@h", "postgres://:***@h"),
            ("redis://:p%40ss@h:6379/0", "redis://:***@h:6379/0"),
            // Unencoded `@`, `/`, `#`, space, `://` in the password: hidden whole.
            ("mysql://u:p@ss@h/db", "mysql://u:***@h/db"),
            ("mysql://u:pa/ss@h/db", "mysql://u:***@h/db"),
            ("mysql://u:pa#s?s w@h/db", "mysql://u:***@h/db"),
            ("mysql://u:a://b@h/db", "mysql://u:***@h/db"),
            // Two URLs: masked as one span, which hides both passwords.
            ("a=x://u:p@h b=y://v:q@i", "a=x://u:***@i"),
            // No password: left alone.
            ("https://example.com/users/@alice", "https://example.com/users/@alice"),
            ("amqp://u:p@h/%2f", "amqp://u:***@h/%2f"),
            ("", ""),
            ("://", "://"),
            ("x://@", "x://@"),
        ];
        for (input, expected) in cases {
            assert_eq!(mask_passwords(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn masks_credential_query_parameters() {
        let cases = [
            ("h/db?password=p&x=1", "h/db?password=***&x=1"),
            ("h/db?x=1&token=t", "h/db?x=1&token=***"),
            ("host=h password=p dbname=d", "host=h password=*** dbname=d"),
            ("h/db?passwordless=1", "h/db?passwordless=1"),
            ("h/db?keyspace=k", "h/db?keyspace=k"),
        ];
        for (input, expected) in cases {
            assert_eq!(mask_passwords(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn masking_keeps_multibyte_text_intact() {
        assert_eq!(mask_passwords("é://ü:ß@ä/ö"), "é://ü:***@ä/ö");
        assert_eq!(mask_passwords("ü?pässword=1"), "ü?pässword=1");
    }

    #[test]
    fn credential_names() {
        for name in ["PASSWORD", "db_password", "X_SECRET_Y", "API_TOKEN", "AWS_CREDENTIALS", "API_KEY", "key"] {
            assert!(looks_like_credential(name), "{name}");
        }
        for name in ["PORT", "KEYS", "MONKEY", "HOST", "KEY_ID"] {
            assert!(!looks_like_credential(name), "{name}");
        }
    }
}
