//! What a URL error says: the part at fault, never a password.

use std::fmt;

/// The part of a URL an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UrlPart {
    /// The whole value (empty, not a URL, holds whitespace).
    Whole,
    /// `postgres` in `postgres://...`.
    Scheme,
    /// The user name and password before the `@`.
    UserInfo,
    /// A host.
    Host,
    /// A port.
    Port,
    /// The path: a database, a vhost, a file.
    Path,
    /// A query parameter.
    Query,
    /// A `#fragment`.
    Fragment,
}

impl fmt::Display for UrlPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Whole => "url",
            Self::Scheme => "scheme",
            Self::UserInfo => "user info",
            Self::Host => "host",
            Self::Port => "port",
            Self::Path => "path",
            Self::Query => "query",
            Self::Fragment => "fragment",
        })
    }
}

/// Why a URL is not a valid handle of its kind: which part is wrong and how
/// to fix it. Never holds the password, nor a raw control, bidirectional or
/// zero-width character of the URL (written as an escape).
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{PostgresUrl, UrlPart};
///
/// let error = "mysql://db/app".parse::<PostgresUrl>().unwrap_err();
/// assert_eq!(error.part(), UrlPart::Scheme);
/// assert_eq!(error.to_string(), "scheme \"mysql\" is not postgres or postgresql");
///
/// let error = "postgres://me:p@ss@db/app".parse::<PostgresUrl>().unwrap_err();
/// assert_eq!(error.part(), UrlPart::UserInfo);
/// assert!(error.to_string().contains("%40"));
/// assert!(!error.to_string().contains("p@ss"));
///
/// // An invisible character is refused by its code point (a zero-width
/// // space pasted with the URL), and one the error quotes is escaped.
/// let error = "postgres://db/app\u{200b}".parse::<PostgresUrl>().unwrap_err();
/// assert!(error.to_string().starts_with("the URL holds an invisible character, U+200B"));
/// let error = "postgres://[::1\u{200d}]/app".parse::<PostgresUrl>().unwrap_err();
/// assert_eq!(error.to_string(), "[::1\\u{200d}] is not an IPv6 address");
/// ```
/// Its `Display` is the message, with any control, bidirectional or
/// zero-width character written as an escape: a message may quote the text
/// it could not read (`[\u{200d}...] is not an IPv6 address`), and this
/// error is shown alone too, by `FromStr` and serde, outside the report that
/// escapes its lines.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", crate::report::escape_text(.message))]
pub struct ParseError {
    part: UrlPart,
    message: String,
}

impl ParseError {
    pub(crate) fn new(part: UrlPart, message: impl Into<String>) -> Self {
        Self { part, message: message.into() }
    }

    /// The part of the URL at fault.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{RedisUrl, UrlPart};
    ///
    /// let error = "redis://cache:99999".parse::<RedisUrl>().unwrap_err();
    /// assert_eq!(error.part(), UrlPart::Port);
    /// ```
    pub fn part(&self) -> UrlPart {
        self.part
    }
}
