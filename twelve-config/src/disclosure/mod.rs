//! What may be shown of a value: decided once per field, asked by every
//! surface (the report, `Problem`'s `Debug`, `Loaded` and its entries,
//! both fingerprints, `vars()`, the templates and the manifests).
//!
//! Two questions, each answered here and nowhere else:
//!
//! - **Is the field secret?** [`Disclosure::of_field`], from its attribute,
//!   its type, every name it reads and its group's prefix, by the rule both
//!   crates share (`twelve_config_names::is_secret_field`). A secret's
//!   value is never shown.
//! - **What of a non-secret value may be shown?** [`mask`]: only what is
//!   proven to hold no credential. A URL's user information is hidden
//!   however its scheme and slashes are written, a query's credential
//!   value to the end of the query, a JSON value's credential-named
//!   members at any depth and every URL in its strings, a map's items
//!   under credential keys (`Authorization`, `Cookie`, `X-Api-Key`, ...).
//!   What was hidden is kept aside ([`Masked::hidden`]) so that a parser's
//!   or a rule's message about the value can be masked by the same spans,
//!   and so that the keyed fingerprint can still tell it apart.

use secrecy::zeroize::Zeroize;

/// The mask that replaces what is not shown.
pub(crate) const MASK: &str = "***";

/// The most spans a message is searched for (see `Masked::hide_in`).
const MAX_SPANS: usize = 64;

/// How much of a field's values may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Disclosure {
    /// Nothing: the field is secret.
    Secret,
    /// What [`mask`] proves free of credentials.
    Masked,
}

impl Disclosure {
    /// The one decision for a field: secret by its attribute
    /// (`#[env(secret)]`; `secret = false` turns the name rule off), by
    /// its type, by any name it reads (its variable, `NAME_FILE`, each
    /// alias and deprecated name) or by the prefix of the group it is
    /// read under (`group_prefix`, `None` at the root and for an exact
    /// `name`).
    ///
    /// The names known at compile time were decided by the derive, with
    /// this same rule (`twelve_config_names::is_secret_field`), into
    /// `info.credential`; a nested variable is named at run time, and
    /// decided here. (`NAME_FILE` adds nothing at run time: no credential
    /// word ends in `_FILE`.)
    pub(crate) fn of_field(
        info: &crate::__private::FieldInfo,
        type_is_secret: bool,
        group_prefix: Option<&str>,
        var: &str,
    ) -> Self {
        let attribute = if info.secret_attr {
            Some(true)
        } else if info.name_rule {
            None
        } else {
            Some(false)
        };
        let names: &[&str] = if group_prefix.is_some() { &[var] } else { &[] };
        let secrecy =
            twelve_config_names::Secrecy { attribute, type_is_secret, group_prefix: group_prefix.unwrap_or(""), names };
        if info.credential || twelve_config_names::is_secret_field(secrecy) { Self::Secret } else { Self::Masked }
    }

    /// The disclosure of a value the source holds as a secret
    /// ([`Source::__provides_secret`](crate::Source::__provides_secret)) when
    /// `provided_secret`: secret, whatever the field.
    pub(crate) fn provided(self, provided_secret: bool) -> Self {
        if provided_secret { Self::Secret } else { self }
    }

    /// Whether nothing of the value may be shown.
    pub(crate) fn is_secret(self) -> bool {
        self == Self::Secret
    }

    /// The value as a report or listing shows it: masked, quoted, escaped
    /// and cut; `None` for a secret.
    pub(crate) fn value(self, text: &str) -> Option<String> {
        (!self.is_secret()).then(|| crate::report::quoted(&mask(text).shown, text.len()))
    }

    /// A value that is not Unicode, as [`value`](Self::value) shows text:
    /// invalid bytes as `\xE9`.
    pub(crate) fn bytes(self, bytes: &[u8]) -> Option<String> {
        (!self.is_secret()).then(|| shown_bytes(bytes))
    }

    /// A message a parser or a rule gave about the value `text`: for a
    /// secret, `None` (the caller says that the value was rejected, not
    /// why in the parser's words, which may quote it); otherwise the
    /// message with every part of `text` that [`mask`] hides replaced, so
    /// a message that quotes the value shows no more of it than the value
    /// itself is shown.
    pub(crate) fn reason(self, reason: &str, text: &str) -> Option<String> {
        if self.is_secret() {
            return None;
        }
        let masked = mask(text);
        // The spans are of the value with JSON's escapes decoded: so is the
        // message, before they are looked for in it.
        Some(crate::report::clipped_reason(&masked.hide_in(&decode_json_escapes(reason))))
    }

    /// A default as a template may write it: `None` for a secret, and for a
    /// text of which anything would be masked (a masked value written as a
    /// value would deploy `***`).
    pub(crate) fn default(self, text: &str) -> Option<String> {
        if self.is_secret() {
            return None;
        }
        let masked = mask(text);
        masked.hidden.is_empty().then(|| text.to_owned())
    }
}

/// Bytes escaped (`"caf\xE9"`), then masked as text (escaping keeps `:`,
/// `@`, `=` and `&`, so the masking finds in the escaped text what it finds
/// in the value), then cut like every value, with the full length.
pub(crate) fn shown_bytes(bytes: &[u8]) -> String {
    let mut escaped = String::new();
    for chunk in bytes.utf8_chunks() {
        escaped.extend(chunk.valid().chars().flat_map(char::escape_debug));
        for byte in chunk.invalid() {
            escaped.push_str(&format!("\\x{byte:02X}"));
        }
    }
    let masked = mask(&escaped);
    escaped.zeroize();
    crate::report::clip_escaped(&format!("\"{}\"", masked.shown), bytes.len())
}

mod json;
mod mask;
mod parameters;
mod userinfo;

use json::decode_json_escapes;
#[cfg(feature = "json")]
use json::mask_json;
pub use mask::mask_passwords;
pub(crate) use mask::{Masked, mask};
use parameters::mask_parameters;
pub(crate) use parameters::{QueryValue, is_credential_query_key, mask_credential_parameters, token_scheme};
use userinfo::mask_userinfo;
pub(crate) use userinfo::push_masked_userinfo;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_user_information_by_what_is_proven() {
        let cases = [
            // Well-formed: the password, the user name shown.
            ("postgres://u:p@h/db", "postgres://u:***@h/db"),
            ("postgres://u@h/db", "postgres://u@h/db"),
            ("postgres://:p@h", "postgres://:***@h"),
            ("redis://:p%40ss@h:6379/0", "redis://:***@h:6379/0"),
            // Unencoded `@`, `/`, `#`, space, `://` in the password: hidden whole.
            ("mysql://u:p@ss@h/db", "mysql://u:***@h/db"),
            ("mysql://u:pa/ss@h/db", "mysql://u:***@h/db"),
            ("mysql://u:pa#s?s w@h/db", "mysql://u:***@h/db"),
            ("mysql://u:a://b@h/db", "mysql://u:***@h/db"),
            ("https://example.com/users/@alice", "https://example.com/users/@alice"),
            ("amqp://u:p@h/%2f", "amqp://u:***@h/%2f"),
            ("", ""),
            ("://", "://"),
            ("x://@", "x://@"),
            // A token alone in the user information of a NATS or HTTP URL.
            ("nats://s3cr3t@h:4222", "nats://***@h:4222"),
            ("TLS://s3cr3t@h", "TLS://***@h"),
            ("https://ghp_s3cr3t@github.com/o/r", "https://***@github.com/o/r"),
            // Lists of URLs: no token or password survives.
            ("nats://s3cr3t@a,nats://s3cr3t@b", "nats://***@b"),
            ("kafka+ssl://u:s3cr3t@a:9096,kafka+ssl://u:s3cr3t@b:9096", "kafka+ssl://u:***@b:9096"),
            // Not well-formed: everything that could be user information.
            ("a=x://u:p@h b=y://v:q@i", "a=x://***@i"),
            ("x=wss://s3cr3t@h/mqtt", "x=wss://***@h/mqtt"),
            ("postgres:/orders:pw@db/orders", "postgres:/***@db/orders"),
            ("postgres//orders:pw@db/orders", "postgres//***@db/orders"),
            ("postgres;//orders:pw@db", "postgres;//***@db"),
            ("orders:pw@db", "***@db"),
            ("//orders:pw@db/orders", "//***@db/orders"),
            ("postgres:orders:pw@db/orders", "***@db/orders"),
            ("https:\\\\svc:pw@api\\v1", "https:\\\\***@api\\v1"),
            ("redis:/:pw@cache", "redis:/***@cache"),
            ("s3:AKIA:pw@bucket", "***@bucket"),
            ("postgres:\\/\\/app:pw@db\\/app", "postgres://app:***@db/app"),
            ("postgres://app:pw\\u0040db/app", "postgres://app:***@db/app"),
            // No password can be in these.
            ("noreply@example.com", "noreply@example.com"),
            ("Team <ops@example.com>", "Team <ops@example.com>"),
            // An `@` after a `:` before the first `//`: from the start.
            ("a:pw@x then https://u:p@h", "***@h"),
        ];
        for (input, expected) in cases {
            assert_eq!(mask_passwords(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn masks_credential_parameters() {
        let cases = [
            ("h/db?password=p&x=1", "h/db?password=***"),
            ("h/db?x=1&token=t", "h/db?x=1&token=***"),
            ("h/db?password=hun&ter2", "h/db?password=***"),
            ("h/db?password=hun#ter2", "h/db?password=***"),
            ("host=h password=p dbname=d", "host=h password=***"),
            ("h/db?passwordless=1", "h/db?passwordless=1"),
            ("h/db?keyspace=k", "h/db?keyspace=k"),
            ("h/db?sslkey=/etc/k.pem", "h/db?sslkey=/etc/k.pem"),
            ("h/db?pass%77ord=p&x=1", "h/db?pass%77ord=***"),
            ("h/db?PASSWORD=p", "h/db?PASSWORD=***"),
            ("h?sv=2022&sig=abc%2Bdef", "h?sv=2022&sig=***"),
            ("ldap://h?bindpw=p", "ldap://h?bindpw=***"),
            ("h?a=1;password=p", "h?a=1;password=***"),
            ("password='a b \\' c' dbname=d", "password=*** dbname=d"),
            ("password=\"a b\" x=1", "password=*** x=1"),
            ("password=", "password=***"),
            // Maps and headers.
            ("Accept=json,Authorization=Bearer t,X=1", "Accept=json,Authorization=***"),
            ("X-Api-Key=k", "X-Api-Key=***"),
            ("team=core,tier=1", "team=core,tier=1"),
            // JSON written as text: a credential member through its quote.
            (r#"{"host":"db","password":"p, q"}"#, r#"{"host":"db","password":***}"#),
            (r#"{"pin": 1234, "x": 1}"#, r#"{"pin": 1234, "x": 1}"#),
            (r#"{"token": 1234, "x": 1}"#, r#"{"token": ***, "x": 1}"#),
        ];
        for (input, expected) in cases {
            assert_eq!(mask_credential_parameters(input, QueryValue::ToTheEnd), expected, "input {input:?}");
        }
        assert_eq!(mask_credential_parameters("h?password=p&x=1", QueryValue::ToTheNextPair), "h?password=***&x=1");
    }

    #[test]
    fn masking_keeps_multibyte_text_intact() {
        assert_eq!(mask_passwords("é://ü:ß@ä/ö"), "é://***@ä/ö");
        assert_eq!(mask_passwords("ü?pässword=1"), "ü?pässword=1");
    }

    #[test]
    fn a_message_is_masked_by_the_spans_of_its_value() {
        let masked = mask("postgres:/orders:Kx9hunter@db");
        assert_eq!(masked.hide_in("\"postgres:/orders:Kx9hunter@db\" is bad"), "\"postgres:/***@db\" is bad");
        assert_eq!(masked.hide_in("password Kx9hunter refused"), "password *** refused");
        let masked = mask("team");
        assert_eq!(masked.hide_in("\"team\" is not key=value"), "\"team\" is not key=value");
        let masked = mask("h?password=Kx9%40hunter");
        assert_eq!(masked.hide_in("got Kx9@hunter"), "got ***");
        // A short span only as a word of its own.
        let masked = mask("u:p@h");
        assert_eq!(masked.hide_in("the password p holds whitespace"), "the password *** holds whitespace");
        let many = mask(&format!("h?password={}", (0..100).map(|i| format!("v{i}&")).collect::<String>()));
        assert!(many.hide_in("x").starts_with("(the message is not shown"));
        let masked = mask("postgresql://host?key=key=value");
        assert_eq!(
            masked.hide_in("query parameter \"key\" holds a second '='"),
            "query parameter \"key\" holds a second '='"
        );
    }

    #[test]
    fn a_default_with_anything_masked_is_not_written() {
        assert_eq!(Disclosure::Masked.default("postgres://db/app"), Some("postgres://db/app".to_owned()));
        assert_eq!(Disclosure::Masked.default("postgres://db/app?token=t"), None);
        assert_eq!(Disclosure::Secret.default("x"), None);
    }

    #[cfg(feature = "json")]
    #[test]
    fn json_is_masked_as_json() {
        let cases = [
            (r#"{"host":"db","password":"p"}"#, r#"{"host":"db","password":"***"}"#),
            (r#"{"a":{"client_secret":{"x":1}}}"#, r#"{"a":{"client_secret":"***"}}"#),
            (r#"["postgres:\/\/app:pw@db\/app"]"#, r#"["postgres://app:***@db/app"]"#),
            (r#"["postgres://app:pw\u0040db/app"]"#, r#"["postgres://app:***@db/app"]"#),
            (r#"{"tokens_used":3}"#, r#"{"tokens_used":3}"#),
        ];
        for (input, expected) in cases {
            assert_eq!(mask_passwords(input), expected, "input {input:?}");
        }
    }
}
