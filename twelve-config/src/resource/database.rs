//! A relational database chosen by the URL: Postgres, MySQL or SQLite.

use std::fmt;

use secrecy::SecretString;

use super::parse::{ParseError, UrlPart, check_whole};
use super::{Handle, HostPort, MysqlUrl, PostgresUrl, QueryPairs, Resource, SqliteUrl, handle_value};

/// A database URL whose scheme chooses the database, so one build runs on
/// SQLite in development and on PostgreSQL in production.
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{DatabaseUrl, Resource};
///
/// let url: DatabaseUrl = "sqlite::memory:".parse().unwrap();
/// assert!(matches!(url, DatabaseUrl::Sqlite(_)));
/// assert_eq!(url.database(), Some(":memory:"));
///
/// let url: DatabaseUrl = "postgres://db.internal/app".parse().unwrap();
/// assert_eq!((url.scheme(), url.port()), ("postgres", Some(5432)));
///
/// let error = "redis://cache".parse::<DatabaseUrl>().unwrap_err();
/// assert_eq!(error.to_string(), "scheme \"redis\" is not postgres, postgresql, mysql, mariadb or sqlite");
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub enum DatabaseUrl {
    /// `postgres://` or `postgresql://`.
    Postgres(PostgresUrl),
    /// `mysql://` or `mariadb://`.
    Mysql(MysqlUrl),
    /// `sqlite:`.
    Sqlite(SqliteUrl),
}

impl DatabaseUrl {
    /// The database: its name, or the SQLite file or `:memory:`.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::DatabaseUrl;
    ///
    /// assert_eq!("mysql://db/shop".parse::<DatabaseUrl>().unwrap().database(), Some("shop"));
    /// ```
    pub fn database(&self) -> Option<&str> {
        match self {
            Self::Postgres(url) => url.database(),
            Self::Mysql(url) => url.database(),
            Self::Sqlite(url) => url.database(),
        }
    }

    fn inner(&self) -> &dyn ResourceObject {
        match self {
            Self::Postgres(url) => url,
            Self::Mysql(url) => url,
            Self::Sqlite(url) => url,
        }
    }
}

/// The object-safe part of [`Resource`], to delegate through.
trait ResourceObject: fmt::Display + fmt::Debug {
    fn scheme(&self) -> &str;
    fn hosts(&self) -> &[HostPort];
    fn port(&self) -> Option<u16>;
    fn username(&self) -> Option<&str>;
    fn password(&self) -> Option<&SecretString>;
    fn query_pairs(&self) -> QueryPairs<'_>;
    fn expose_url(&self) -> SecretString;
}

impl<R: Resource> ResourceObject for R {
    fn scheme(&self) -> &str {
        Resource::scheme(self)
    }
    fn hosts(&self) -> &[HostPort] {
        Resource::hosts(self)
    }
    fn port(&self) -> Option<u16> {
        Resource::port(self)
    }
    fn username(&self) -> Option<&str> {
        Resource::username(self)
    }
    fn password(&self) -> Option<&SecretString> {
        Resource::password(self)
    }
    fn query_pairs(&self) -> QueryPairs<'_> {
        Resource::query_pairs(self)
    }
    fn expose_url(&self) -> SecretString {
        Resource::expose_url(self)
    }
}

impl Handle for DatabaseUrl {
    fn parse_text(text: &str) -> Result<Self, ParseError> {
        // A libpq keyword string has no scheme, and its `:` would make one
        // of what precedes it (a password, perhaps).
        if let Some(error) = super::postgres::keyword_string(text) {
            return Err(error);
        }
        let scheme = text.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase()).unwrap_or_default();
        match scheme.as_str() {
            "postgres" | "postgresql" => PostgresUrl::parse_text(text).map(Self::Postgres),
            "mysql" | "mariadb" => MysqlUrl::parse_text(text).map(Self::Mysql),
            "sqlite" => SqliteUrl::parse_text(text).map(Self::Sqlite),
            other => {
                // What the three parsers refuse in the whole text first (an
                // invisible character, whitespace) comes before the scheme.
                check_whole(text)?;
                Err(if other.is_empty() {
                    ParseError::new(UrlPart::Whole, "not a URL: expected postgres://, mysql:// or sqlite:")
                } else {
                    ParseError::new(
                        UrlPart::Scheme,
                        format!("scheme {other:?} is not postgres, postgresql, mysql, mariadb or sqlite"),
                    )
                })
            }
        }
    }

    fn raw_mut(&mut self) -> &mut SecretString {
        match self {
            Self::Postgres(url) => url.raw_mut(),
            Self::Mysql(url) => url.raw_mut(),
            Self::Sqlite(url) => url.raw_mut(),
        }
    }
}

handle_value!(DatabaseUrl);

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.inner(), f)
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.inner(), f)
    }
}

super::inherent_accessors!(DatabaseUrl);

impl Resource for DatabaseUrl {
    fn scheme(&self) -> &str {
        self.inner().scheme()
    }
    fn hosts(&self) -> &[HostPort] {
        self.inner().hosts()
    }
    fn port(&self) -> Option<u16> {
        self.inner().port()
    }
    fn username(&self) -> Option<&str> {
        self.inner().username()
    }
    fn password(&self) -> Option<&SecretString> {
        self.inner().password()
    }
    fn query_pairs(&self) -> QueryPairs<'_> {
        self.inner().query_pairs()
    }
    fn expose_url(&self) -> SecretString {
        self.inner().expose_url()
    }
}
