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

/// A type whose `Debug` never shows a secret value.
///
/// A field that is secret (by `#[env(secret)]` or by a credential-like
/// name, see [`looks_like_credential`]) must have such a type, unless the
/// struct has `#[env(debug)]`, whose generated `Debug` shows `[REDACTED]`
/// for it: a `#[derive(Debug)]` beside a secret `String` would print the
/// secret in every log line that prints the config. So this does not
/// compile:
///
/// ```compile_fail
/// use twelve_config::EnvConfig;
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     db_password: String, // secret by its name, printed by `Debug`
/// }
/// ```
///
/// and these three do:
///
/// ```
/// use twelve_config::{EnvConfig, SecretString};
///
/// #[derive(EnvConfig, Debug)]
/// struct WithSecrecy {
///     db_password: SecretString, // `Debug` shows `[REDACTED]`
/// }
///
/// #[derive(EnvConfig)]
/// #[env(debug)] // in place of `#[derive(Debug)]`
/// struct WithGeneratedDebug {
///     db_password: String,
/// }
///
/// #[derive(EnvConfig, Debug)]
/// struct NotACredential {
///     #[env(secret = false)] // the name only looks like one
///     token_bucket_size: u32,
/// }
/// ```
///
/// Implemented for the `secrecy` types, every
/// [`resource`](crate::resource) handle (their `Debug` masks the
/// password), and `Option`, `Vec` and `Box` of those. Implement it for a
/// type of your own whose `Debug` redacts itself.
///
/// # Examples
///
/// ```
/// use std::fmt;
/// use twelve_config::{EnvConfig, SafeDebug};
///
/// /// An HMAC key, read as hex.
/// struct HmacKey(Vec<u8>);
///
/// impl fmt::Debug for HmacKey {
///     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         f.write_str("HmacKey([REDACTED])")
///     }
/// }
///
/// impl SafeDebug for HmacKey {}
///
/// impl std::str::FromStr for HmacKey {
///     type Err = String;
///     fn from_str(text: &str) -> Result<Self, String> {
///         Ok(Self(text.as_bytes().to_vec()))
///     }
/// }
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     signing_key: HmacKey, // secret by its name; `Debug` is safe
/// }
///
/// let config = Config::from_vars([("SIGNING_KEY", "c0ffee")]).unwrap();
/// assert_eq!(format!("{config:?}"), "Config { signing_key: HmacKey([REDACTED]) }");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` prints its value in `Debug`, and this field is secret",
    label = "a secret field of a type whose `Debug` shows its value",
    note = "use `SecretString` or `SecretBox<T>` for the field, or put `#[env(debug)]` on the struct in place of `#[derive(Debug)]` (it shows `[REDACTED]`), or write `#[env(secret = false)]` on the field if its name only looks like a credential"
)]
pub trait SafeDebug {}

impl<T: secrecy::zeroize::Zeroize + ?Sized> SafeDebug for secrecy::SecretBox<T> {}
impl<T: SafeDebug> SafeDebug for Option<T> {}
impl<T: SafeDebug> SafeDebug for Vec<T> {}
impl<T: SafeDebug + ?Sized> SafeDebug for Box<T> {}
impl<K, V: SafeDebug, S> SafeDebug for std::collections::HashMap<K, V, S> {}
impl<K, V: SafeDebug> SafeDebug for std::collections::BTreeMap<K, V> {}

/// Whether a variable name looks like it holds a credential.
///
/// Such variables are secret without `#[env(secret)]`: their value is never
/// shown, and a field of a type that prints its value in `Debug` needs
/// `#[env(debug)]` on the struct (or `#[env(secret = false)]` on the field
/// when the name only looks like a credential). Every name a field reads
/// counts: its variable, each `alias` and `deprecated` name, and its
/// group's prefix. The rule, ignoring ASCII case:
///
/// - the name contains `PASSWORD`, `PASSWD`, `PASSPHRASE`, `SECRET`,
///   `TOKEN`, `CREDENTIAL`, `APIKEY`, `PRIVATE_KEY`, `PRIVATEKEY` or
///   `BASIC_AUTH`; or
/// - its last `_`-separated word, or the whole name, is `KEY`, `KEYS`,
///   `PASS`, `PWD`, `PAT`, `DSN` (a Sentry DSN carries a key), `PEM`,
///   `COOKIE`, `SALT`, `BEARER` or `SIGNING`; or
/// - its last two words are `AUTH_HEADER`.
///
/// The same words decide which keys inside a value are credentials (URL
/// query keys, JSON members, map keys, HTTP headers), and the derive
/// decides with this very function (the `twelve-config-names` crate), so
/// every surface of the crate applies one rule.
///
/// # Examples
///
/// ```
/// use twelve_config::looks_like_credential;
///
/// assert!(looks_like_credential("DB_PASSWORD"));
/// assert!(looks_like_credential("GITHUB_TOKEN"));
/// assert!(looks_like_credential("STRIPE_API_KEY"));
/// assert!(looks_like_credential("SENTRY_DSN"));
/// assert!(looks_like_credential("TLS_PRIVATE_KEY_PATH"));
/// assert!(looks_like_credential("MYSQL_PWD"));
/// assert!(!looks_like_credential("KEYBOARD_LAYOUT"));
/// assert!(!looks_like_credential("BYPASS"));
/// assert!(!looks_like_credential("CERT_PATH"));
/// ```
pub fn looks_like_credential(name: &str) -> bool {
    twelve_config_names::looks_like_credential(name)
}

/// Whether a URL query key names a credential, by the rule of
/// `twelve_config_names::is_credential_key`. The key is percent-decoded
/// first (`pass%77ord` is `password`); `passwordless` and `sslkey` (a
/// path) are not credentials, `client_secret`, `refresh_token`,
/// `X-Amz-Security-Token`, `api-key` and `sslpassword` are.
pub(crate) fn is_credential_query_key(key: &str) -> bool {
    twelve_config_names::is_credential_key(&percent_decode_lossy(key))
}

/// `%XX` escapes decoded, anything else kept as it is: a key is matched as
/// a driver would read it, whatever its encoding.
fn percent_decode_lossy(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|&byte| (byte as char).to_digit(16));
        match (bytes[index], hex(index + 1), hex(index + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                index += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The mask that replaces a hidden password.
pub(crate) const MASK: &str = "***";

/// `text` with the password of every URL in it replaced by `***`, and the
/// values of credential parameters too: in a query (`?password=`,
/// `&client_secret=`, percent-encoded keys such as `pass%77ord=` as well,
/// each value to the next `&` or `#`, through any `;`, as the URL parsers
/// read it) and in a libpq keyword string (`host=db password = 'x y'`,
/// separated by any whitespace, values quoted or not).
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
/// assert_eq!(mask_passwords("host=db\tpassword = 'two words'"), "host=db\tpassword = ***");
/// assert_eq!(mask_passwords("unix:/run/redis.sock?pass=;x&db=1"), "unix:/run/redis.sock?pass=***&db=1");
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
        let scheme = scheme_before(&rest[..at]);
        match after.rfind('@') {
            Some(at_sign) if after[..at_sign].contains(':') => {
                let userinfo = &after[..at_sign];
                let colon = userinfo.find(':').unwrap_or(0);
                // A "user name" holding an `@` is not one: a list of URLs
                // (`nats://t@a,nats://t@b`) or a broken value. Hidden whole.
                if !userinfo[..colon].contains('@') {
                    out.push_str(&userinfo[..=colon]);
                }
                out.push_str(MASK);
                rest = &after[at_sign..];
            }
            // `nats://TOKEN@host`, `https://TOKEN@git.example`: in these
            // schemes a user name alone is a token.
            _ if token_scheme(scheme) => match after.find(['@', '/', '?', '#']) {
                Some(at_sign) if at_sign > 0 && after.as_bytes()[at_sign] == b'@' => {
                    out.push_str(MASK);
                    rest = &after[at_sign..];
                }
                _ => rest = after,
            },
            _ => rest = after,
        }
    }
    out.push_str(rest);
    let masked = mask_credential_parameters(&out);
    // `out` still holds the query's credentials.
    out.zeroize();
    masked
}

/// The scheme that ends `text` (the letters before a `://`).
fn scheme_before(text: &str) -> &str {
    let start = text
        .char_indices()
        .rfind(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .map_or(0, |(index, c)| index + c.len_utf8());
    &text[start..]
}

/// Schemes whose userinfo may be a token alone: NATS (`nats`, `tls`, `ws`,
/// `wss`, as nats.go and the NATS server read `nats://TOKEN@host`) and HTTP
/// (`https://TOKEN@github.com`, as git and GitHub take it).
pub(crate) fn token_scheme(scheme: &str) -> bool {
    ["nats", "tls", "ws", "wss", "http", "https"].iter().any(|known| known.eq_ignore_ascii_case(scheme))
}

/// Masks the values of `key=value` pairs whose key names a credential, in a
/// query string or a libpq-style keyword list.
pub(crate) fn mask_credential_parameters(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Everything up to `copied` is in `out`.
    let mut copied = 0;
    let mut index = 0;
    while let Some(offset) = text[index..].find('=') {
        let equals = index + offset;
        index = equals + 1;
        // The key: the run of key characters before the `=`, spaces allowed
        // between them (libpq: `password = x`).
        let mut key_end = equals;
        while key_end > copied && bytes[key_end - 1].is_ascii_whitespace() {
            key_end -= 1;
        }
        let mut key_start = key_end;
        while key_start > copied && is_key_byte(bytes[key_start - 1]) {
            key_start -= 1;
        }
        if key_start == key_end || !is_credential_query_key(&text[key_start..key_end]) {
            continue;
        }
        // In a query (after `?`, `&` or `;`) a value runs to the next `&`
        // or `#`, as every handle's parser reads it: not to a `;`, which
        // they keep in the value (`?pass=;secret` is the password
        // `;secret`), so stopping there would show all after it. In a
        // keyword list, to the next whitespace, or through its closing
        // quote.
        let in_query = key_start > 0 && matches!(bytes[key_start - 1], b'?' | b'&' | b';');
        let mut value_start = equals + 1;
        if !in_query {
            while value_start < bytes.len() && bytes[value_start].is_ascii_whitespace() {
                value_start += 1;
            }
        }
        let value_end = match bytes.get(value_start) {
            Some(&quote @ (b'\'' | b'"')) if !in_query => closing_quote(bytes, value_start, quote),
            _ => {
                let stop = |byte: &u8| {
                    if in_query { matches!(byte, b'&' | b'#') } else { byte.is_ascii_whitespace() }
                };
                bytes[value_start..].iter().position(stop).map_or(bytes.len(), |end| value_start + end)
            }
        };
        out.push_str(&text[copied..value_start]);
        out.push_str(MASK);
        copied = value_end;
        index = value_end.max(index);
    }
    out.push_str(&text[copied..]);
    out
}

/// A byte that may be part of a parameter's name (percent-escapes included).
fn is_key_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.' | b'%')
}

/// The end of a quoted value starting at `start` (past its closing quote,
/// `\` escaping), or the end of the text.
fn closing_quote(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut index = start + 1;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            byte if byte == quote => return index + 1,
            _ => index += 1,
        }
    }
    bytes.len()
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
            // A token alone in the userinfo of a NATS or HTTP URL.
            ("nats://s3cr3t@h:4222", "nats://***@h:4222"),
            ("TLS://s3cr3t@h", "TLS://***@h"),
            ("https://ghp_s3cr3t@github.com/o/r", "https://***@github.com/o/r"),
            ("x=wss://s3cr3t@h/mqtt", "x=wss://***@h/mqtt"),
            // Lists of URLs: no token or password survives.
            ("nats://s3cr3t@a,nats://s3cr3t@b", "nats://***@b"),
            ("nats://s3cr3t@a,b:4223", "nats://***@a,b:4223"),
            ("kafka+ssl://u:s3cr3t@a:9096,kafka+ssl://u:s3cr3t@b:9096", "kafka+ssl://u:***@b:9096"),
            ("nats://u:s3cr3t@a,nats://b", "nats://u:***@a,nats://b"),
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
            ("h/db?sslkey=/etc/k.pem", "h/db?sslkey=/etc/k.pem"),
            // Percent-encoded keys are decoded before they are matched.
            ("h/db?pass%77ord=p&x=1", "h/db?pass%77ord=***&x=1"),
            ("h/db?PASSWORD=p", "h/db?PASSWORD=***"),
            // OAuth, cloud signatures, SAS, API keys, Mongo, LDAP.
            ("h?client_secret=c&refresh_token=r&id_token=i", "h?client_secret=***&refresh_token=***&id_token=***"),
            ("h?X-Amz-Signature=s&X-Amz-Security-Token=t", "h?X-Amz-Signature=***&X-Amz-Security-Token=***"),
            ("h?sv=2022&sig=abc%2Bdef&se=x", "h?sv=2022&sig=***&se=x"),
            ("h?api-key=k&auth=u:p", "h?api-key=***&auth=***"),
            ("h?authMechanismProperties=AWS_SESSION_TOKEN:t", "h?authMechanismProperties=***"),
            ("ldap://h?bindpw=p", "ldap://h?bindpw=***"),
            // A `;` is part of the value for every handle's parser: masked
            // through (`?pass=;secret` is the password `;secret`).
            ("h?passphrase=p;x=1", "h?passphrase=***"),
            ("unix:/run/r.sock?pass=;s3cret&db=1", "unix:/run/r.sock?pass=***&db=1"),
            ("h?a=1;password=p", "h?a=1;password=***"),
            // libpq keyword strings: any whitespace, spaces around `=`, quotes.
            ("host=db\tpassword=p\tdbname=d", "host=db\tpassword=***\tdbname=d"),
            ("host=db password = p dbname=d", "host=db password = *** dbname=d"),
            ("password='a b \\' c' dbname=d", "password=*** dbname=d"),
            ("password=\"a b\" x=1", "password=*** x=1"),
            ("password=", "password=***"),
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
}
