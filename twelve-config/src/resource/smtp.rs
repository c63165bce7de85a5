//! SMTP submission, by RFC 8314 and lettre's URLs.

use super::parse::{self, ParseError, Parts, Rules, UrlPart};
use super::{check_choice, handle};

const RULES: Rules = Rules {
    schemes: &["smtp", "smtps"],
    default_port: |scheme| Some(if scheme == "smtps" { 465 } else { 587 }),
    at_in_path_is_error: true,
    ..Rules::DEFAULT
};

/// A mail relay URL for message submission, by [RFC 8314] and as [lettre]
/// reads it.
///
/// - `smtps://` is implicit TLS on port 465, the form RFC 8314 recommends;
///   `smtp://` is port 587, where `?tls=required` demands STARTTLS and
///   `?tls=opportunistic` uses it when offered.
/// - A user name and a password go together: SMTP AUTH needs both, and
///   lettre's `from_url` logs in only with a password.
/// - The path, when there is one, is the name sent in EHLO, as lettre
///   reads it (`smtps://relay.example.com/client.example.com`); this
///   crate's `?ehlo_domain=` says the same, and lettre's `from_url`
///   ignores it ([`ehlo_name`](Self::ehlo_name)).
/// - lettre's own `from_url` connects a bare `smtp://host` (no port, no
///   `?tls=`) to port 25, whatever its docs say; this handle reports 587,
///   and [`to_smtp_transport_builder`](Self::to_smtp_transport_builder)
///   connects there. Write the port to be sure every reader agrees.
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
        let mut parts = parse::parse(text, &RULES, "SmtpUrl")?;
        // As lettre reads it: `user:@relay` has no password.
        parts.drop_empty_password();
        if parts.password.is_some() && parts.username.is_none() {
            return Err(ParseError::new(
                UrlPart::UserInfo,
                "a password with no user name: SMTP AUTH needs both, smtp://user:password@relay",
            ));
        }
        if parts.username.is_some() && parts.password.is_none() {
            // lettre's `from_url` would then log in as nobody.
            return Err(ParseError::new(
                UrlPart::UserInfo,
                "a user name with no password: SMTP AUTH needs both, smtp://user:password@relay (lettre would \
                 send no AUTH at all)",
            ));
        }
        // lettre's `from_url` reads the path, trimmed of '/', as the name
        // to send in EHLO: `smtps://relay/client.example.com`.
        let name = parts.path().trim_matches('/');
        if !name.is_empty() {
            if !name.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_')) {
                return Err(ParseError::new(
                    UrlPart::Path,
                    "the path is the name sent in EHLO, as lettre reads it: one domain name \
                     (smtps://relay.example.com/client.example.com), written plainly",
                ));
            }
            if parts.query_value("ehlo_domain").is_some() {
                return Err(ParseError::new(
                    UrlPart::Query,
                    "the EHLO name is given twice, as the path and as ?ehlo_domain=: keep the path (lettre reads \
                     only the path)",
                ));
            }
        }
        // Said first: whatever its value, ?tls= on smtps:// is a mistake.
        if parts.scheme == "smtps" && parts.query_value("tls").is_some() {
            return Err(ParseError::new(UrlPart::Query, "smtps:// is always TLS: ?tls= is for smtp:// (STARTTLS)"));
        }
        check_choice(&parts, "tls", &["required", "opportunistic", "none"])?;
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

    /// The name to send in EHLO: the path, as lettre's `from_url` reads it
    /// (`smtps://relay/client.example.com`), or `?ehlo_domain=`; `None`
    /// for the driver's default (the machine's host name).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::SmtpUrl;
    ///
    /// let url: SmtpUrl = "smtps://relay.example.com/client.example.com".parse().unwrap();
    /// assert_eq!(url.ehlo_name(), Some("client.example.com"));
    /// assert_eq!("smtp://relay?ehlo_domain=client.example.com".parse::<SmtpUrl>().unwrap().ehlo_name(), Some("client.example.com"));
    /// assert_eq!("smtp://relay/".parse::<SmtpUrl>().unwrap().ehlo_name(), None);
    /// assert!("smtp://relay/a/b".parse::<SmtpUrl>().is_err());
    /// ```
    pub fn ehlo_name(&self) -> Option<&str> {
        let name = self.parts.path().trim_matches('/');
        if name.is_empty() { self.parts.query_value("ehlo_domain") } else { Some(name) }
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
