//! SMTP submission, by RFC 8314 and lettre's URLs.

use super::parse::{self, ParseError, Parts, Rules, UrlPart};
use super::{check_choice, handle};

const RULES: Rules = Rules {
    schemes: &["smtp", "smtps"],
    default_port: |scheme| Some(if scheme == "smtps" { 465 } else { 587 }),
    multi_host: false,
    host_optional: false,
    plus_is_space: false,
    at_in_path_is_error: true,
    keeps_empty_username: false,
    query_keys_ignore_case: false,
    scheme_case_sensitive: false,
    host_escapes: super::parse::HostEscapes::No,
    query_flags: false,
};

/// A mail relay URL for message submission, by [RFC 8314] and as [lettre]
/// reads it.
///
/// - `smtps://` is implicit TLS on port 465, the form RFC 8314 recommends;
///   `smtp://` is port 587, where `?tls=required` demands STARTTLS and
///   `?tls=opportunistic` uses it when offered.
/// - The path must be empty; `?ehlo_domain=` is passed on.
///
/// [RFC 8314]: https://www.rfc-editor.org/rfc/rfc8314
/// [lettre]: https://docs.rs/lettre/latest/lettre/transport/smtp/struct.SmtpTransport.html#method.from_url
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{Resource, SmtpUrl};
///
/// let url: SmtpUrl = "smtps://mailer%40example.com:pw@smtp.example.com".parse().unwrap();
/// assert_eq!((url.port(), url.is_tls()), (Some(465), true));
/// assert_eq!(url.username(), Some("mailer@example.com"));
///
/// let plain: SmtpUrl = "smtp://relay.internal".parse().unwrap();
/// assert_eq!((plain.port(), plain.is_tls()), (Some(587), false));
/// assert!("smtp://relay.internal?tls=required".parse::<SmtpUrl>().unwrap().is_tls());
/// ```
#[derive(Clone)]
pub struct SmtpUrl {
    parts: Box<Parts>,
}

impl SmtpUrl {
    fn parse(text: &str) -> Result<Self, ParseError> {
        let parts = parse::parse(text, &RULES, "SmtpUrl")?;
        if parts.password.is_some() && parts.username.is_none() {
            return Err(ParseError::new(
                UrlPart::UserInfo,
                "a password with no user name: SMTP AUTH needs both, smtp://user:password@relay",
            ));
        }
        if !matches!(parts.path(), "" | "/") {
            return Err(ParseError::new(UrlPart::Path, "an SMTP URL has no path: remove what follows the host"));
        }
        check_choice(&parts, "tls", &["required", "opportunistic", "none"])?;
        if parts.scheme == "smtps" && parts.query_value("tls").is_some() {
            return Err(ParseError::new(UrlPart::Query, "smtps:// is always TLS: ?tls= is for smtp:// (STARTTLS)"));
        }
        Ok(Self { parts: parts.keep() })
    }

    /// Whether the connection is encrypted for certain: implicit TLS
    /// (`smtps://`) or required STARTTLS (`smtp://...?tls=required`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::SmtpUrl;
    ///
    /// assert!(!"smtp://relay?tls=opportunistic".parse::<SmtpUrl>().unwrap().is_tls());
    /// ```
    pub fn is_tls(&self) -> bool {
        self.is_implicit_tls() || self.parts.query_value("tls") == Some("required")
    }

    /// Whether TLS starts with the connection (`smtps://`), rather than by
    /// STARTTLS.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::SmtpUrl;
    ///
    /// assert!(!"smtp://relay?tls=required".parse::<SmtpUrl>().unwrap().is_implicit_tls());
    /// ```
    pub fn is_implicit_tls(&self) -> bool {
        self.parts.scheme == "smtps"
    }
}

handle!(SmtpUrl);
