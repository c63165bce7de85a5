//! MySQL and MariaDB, as sqlx and the mysql crate read their URLs.

use super::handle;
use super::parse::{self, ParseError, Parts, Rules, Text, UrlPart};

const RULES: Rules = Rules {
    schemes: &["mysql", "mariadb"],
    default_port: |_| Some(MysqlUrl::DEFAULT_PORT),
    host_optional: true,
    at_in_path_is_error: true,
    ..Rules::DEFAULT
};

/// The `ssl-mode` values sqlx accepts (any case).
const SSL_MODES: &[&str] = &["disabled", "preferred", "required", "verify_ca", "verify_identity"];

/// A MySQL or MariaDB connection URL, as [sqlx] and the [mysql crate] read
/// it: `mysql://user:password@host:3306/database?ssl-mode=required`.
///
/// - `mysql://` or `mariadb://`; the port defaults to 3306.
/// - One host (neither driver takes a list); no host means the driver's
///   default (`localhost`).
/// - The database is one path segment, percent-decoded.
/// - `ssl-mode` (or `sslmode`) must be one of `disabled`, `preferred`,
///   `required`, `verify_ca`, `verify_identity`, in any case.
///
/// [sqlx]: https://docs.rs/sqlx/latest/sqlx/mysql/struct.MySqlConnectOptions.html
/// [mysql crate]: https://docs.rs/mysql/latest/mysql/struct.Opts.html
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{MysqlUrl, Resource};
///
/// let url: MysqlUrl = "mariadb://root:pw@db.internal/shop?ssl-mode=REQUIRED".parse().unwrap();
/// assert_eq!((url.host(), url.port(), url.database()), (Some("db.internal"), Some(3306), Some("shop")));
/// assert_eq!(url.to_string(), "mariadb://root:***@db.internal/shop?ssl-mode=REQUIRED");
///
/// let error = "mysql://h1,h2/shop".parse::<MysqlUrl>().unwrap_err();
/// assert_eq!(error.to_string(), "mysql URLs name one host; found 2 separated by ','");
/// ```
#[derive(Clone)]
pub struct MysqlUrl {
    parts: Box<Parts>,
    database: Option<Text>,
}

impl MysqlUrl {
    /// The port MySQL and MariaDB listen on unless told otherwise.
    pub const DEFAULT_PORT: u16 = 3306;

    fn parse(text: &str) -> Result<Self, ParseError> {
        // A raw space inside a query value, as django-environ writes
        // `?init_command=SET storage_engine=INNODB`: read as %20 (sqlx's URL
        // parser encodes it so). Other whitespace stays refused.
        let spaced = text.split_once('?').filter(|(_, query)| query.contains(' '));
        let encoded = spaced
            .map(|(before, query)| secrecy::zeroize::Zeroizing::new(format!("{before}?{}", query.replace(' ', "%20"))));
        let mut parts = parse::parse(encoded.as_deref().map_or(text, String::as_str), &RULES, "MysqlUrl")?;
        // sqlx connects to `?socket=` when it is given, whatever host the
        // URL names: the handle says so, the socket first among its hosts.
        if let Some(socket) = parts.query_value("socket").map(str::to_owned) {
            if !socket.starts_with('/') {
                return Err(ParseError::new(UrlPart::Query, "?socket= is the absolute path of a unix socket"));
            }
            parse::check_decoded_host(&socket, UrlPart::Query)?;
            let mut hosts = vec![super::HostPort { host: socket.into(), port: None, explicit_port: false }];
            hosts.extend(parts.hosts.iter().cloned());
            parts.hosts = hosts.into();
        }
        // sqlx reads the mode ignoring case, as MySQL's own `--ssl-mode` does.
        for key in ["ssl-mode", "sslmode"] {
            if let Some(bad) =
                parts.query_values(key).find(|value| !SSL_MODES.contains(&value.to_ascii_lowercase().as_str()))
            {
                return Err(ParseError::new(
                    UrlPart::Query,
                    format!("{key}={bad:?} is not one of {}", parse::alternatives(SSL_MODES)),
                ));
            }
        }
        let database = parts.path_segment("database name")?;
        if let Some(name @ ("." | "..")) = database.as_ref().map(|name| parts.text(name)) {
            return Err(ParseError::new(
                UrlPart::Path,
                format!("a database named {name:?} is a path step to URL parsers (sqlx drops it): rename the database"),
            ));
        }
        if parts.path().trim_start_matches('/').contains('/') {
            return Err(ParseError::new(UrlPart::Path, "the database name is one path segment: remove the second '/'"));
        }
        if database.as_ref().is_some_and(|name| parts.text(name).contains('/')) {
            return Err(ParseError::new(
                UrlPart::Path,
                "a MySQL database name cannot hold '/' (the server keeps each database as a directory)",
            ));
        }
        // A query with raw spaces was parsed from its encoded copy, another
        // text than the URL kept.
        Ok(match &encoded {
            Some(encoded) => {
                Self { database: database.map(|name| name.detached(encoded)), parts: parts.keep_detached() }
            }
            None => Self { parts: parts.keep(), database },
        })
    }

    /// The database name, percent-decoded.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::MysqlUrl;
    ///
    /// assert_eq!("mysql://db/shop".parse::<MysqlUrl>().unwrap().database(), Some("shop"));
    /// assert_eq!("mysql://db".parse::<MysqlUrl>().unwrap().database(), None);
    /// ```
    pub fn database(&self) -> Option<&str> {
        self.database.as_ref().map(|name| self.parts.text(name))
    }
}

handle!(MysqlUrl);
