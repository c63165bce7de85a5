//! Secret values: how a secret is held (zeroized, no copy left behind),
//! which types may be printed by a secret field's `Debug`, and which names
//! are credentials. What may be shown of a value is `disclosure`'s.

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
}
