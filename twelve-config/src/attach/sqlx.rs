//! sqlx: `PgConnectOptions`, `MySqlConnectOptions`, `SqliteConnectOptions`
//! and `AnyConnectOptions`.

#[cfg(any(feature = "sqlx-postgres", feature = "sqlx-mysql"))]
use secrecy::ExposeSecret;

use super::AttachError;
#[cfg(any(feature = "sqlx-postgres", feature = "sqlx-mysql"))]
#[cfg(feature = "sqlx-postgres")]
impl crate::resource::PostgresUrl {
    /// sqlx's options for this database, for `PgPool::connect_with`
    /// (feature `sqlx-postgres`).
    ///
    /// The options hold the password, and sqlx's `PgConnectOptions` prints it in
    /// `Debug`: do not log them.
    ///
    /// The host (a name, an IP, or a socket directory), port, user,
    /// password, database, `sslmode`, certificates, `application_name` and
    /// `statement-cache-capacity` are carried over.
    ///
    /// # Errors
    ///
    /// Several hosts (sqlx tries one), or a query option sqlx does not read.
    ///
    /// # Examples
    ///
    /// ```
    /// use sqlx::postgres::PgSslMode;
    /// use twelve_config::resource::PostgresUrl;
    ///
    /// let url: PostgresUrl = "postgres://app:p%40ss@db.internal:6432/billing?sslmode=verify-full".parse().unwrap();
    /// let options = url.to_pg_connect_options().unwrap();
    /// assert_eq!((options.get_host(), options.get_port()), ("db.internal", 6432));
    /// assert_eq!(options.get_username(), "app");
    /// assert!(matches!(options.get_ssl_mode(), PgSslMode::VerifyFull));
    /// ```
    pub fn to_pg_connect_options(&self) -> Result<sqlx::postgres::PgConnectOptions, AttachError> {
        let hosts = self.hosts();
        if hosts.len() > 1 {
            return Err(AttachError::new(format!(
                "sqlx connects to one host, and this URL names {}: name one, or use tokio-postgres, which tries each",
                hosts.len()
            )));
        }
        let mut options = sqlx::postgres::PgConnectOptions::new_without_pgpass();
        match hosts.first() {
            Some(host) if host.is_socket() => options = options.socket(host.host()),
            Some(host) => options = options.host(host.host()),
            None => {}
        }
        if let Some(port) = self.port() {
            options = options.port(port);
        }
        if let Some(user) = self.username() {
            options = options.username(user);
        }
        if let Some(password) = self.password() {
            options = options.password(password.expose_secret());
        }
        if let Some(database) = self.database() {
            options = options.database(database);
        }
        for (key, value) in self.query_pairs() {
            options =
                match key {
                    // Already applied through the accessors above.
                    "host" | "port" | "user" | "dbname" => options,
                    "hostaddr" => options.host(value),
                    "sslmode" | "ssl-mode" => options.ssl_mode(
                        value.parse().map_err(|_| AttachError::new(format!("sqlx does not know sslmode={value:?}")))?,
                    ),
                    "sslrootcert" | "ssl-root-cert" | "ssl-ca" => options.ssl_root_cert(value),
                    "sslcert" | "ssl-cert" => options.ssl_client_cert(value),
                    "sslkey" | "ssl-key" => options.ssl_client_key(value),
                    "application_name" => options.application_name(value),
                    "options" => options.options(libpq_options(value)?),
                    "statement-cache-capacity" => options.statement_cache_capacity(value.parse().map_err(|_| {
                        AttachError::new(format!("statement-cache-capacity={value:?} is not a number"))
                    })?),
                    other => return Err(AttachError::ignored("sqlx's Postgres driver", other)),
                };
        }
        Ok(options)
    }
}

/// libpq's `options` (`-c key=value -c key=value`, or `--key=value`) as the
/// pairs sqlx's `PgConnectOptions::options` takes.
#[cfg(feature = "sqlx-postgres")]
fn libpq_options(text: &str) -> Result<Vec<(String, String)>, AttachError> {
    let unsupported = || {
        AttachError::new(
            "sqlx takes options=\"-c key=value ...\" (or --key=value); this one holds something else: set it in code",
        )
    };
    if text.contains('\\') {
        return Err(unsupported());
    }
    let mut pairs = Vec::new();
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        let setting = match word {
            "-c" => words.next().ok_or_else(unsupported)?,
            word => match word.strip_prefix("--").or_else(|| word.strip_prefix("-c")) {
                Some(setting) => setting,
                None => return Err(unsupported()),
            },
        };
        let (key, value) = setting.split_once('=').ok_or_else(unsupported)?;
        pairs.push((key.to_owned(), value.to_owned()));
    }
    Ok(pairs)
}

#[cfg(feature = "sqlx-mysql")]
impl crate::resource::MysqlUrl {
    /// sqlx's options for this database, for `MySqlPool::connect_with`
    /// (feature `sqlx-mysql`).
    ///
    /// The options hold the password, and sqlx's `MySqlConnectOptions` prints it in
    /// `Debug`: do not log them.
    ///
    /// # Errors
    ///
    /// A query option sqlx does not read.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::MysqlUrl;
    ///
    /// let url: MysqlUrl = "mysql://root:pw@db.internal/shop?ssl-mode=required".parse().unwrap();
    /// assert!(url.to_mysql_connect_options().is_ok());
    /// let url: MysqlUrl = "mysql://root@db/shop?reconnect=true".parse().unwrap();
    /// assert!(url.to_mysql_connect_options().unwrap_err().to_string().contains("\"reconnect\""));
    /// ```
    pub fn to_mysql_connect_options(&self) -> Result<sqlx::mysql::MySqlConnectOptions, AttachError> {
        let mut options = sqlx::mysql::MySqlConnectOptions::new();
        // A `?socket=` is first among the hosts; sqlx takes it from the
        // query below, and the URL's own host as its host.
        if let Some(host) = self.hosts().iter().find(|host| !host.is_socket()) {
            options = options.host(host.host());
            if let Some(port) = host.port() {
                options = options.port(port);
            }
        }
        if let Some(user) = self.username() {
            options = options.username(user);
        }
        if let Some(password) = self.password() {
            options = options.password(password.expose_secret());
        }
        if let Some(database) = self.database() {
            options = options.database(database);
        }
        for (key, value) in self.query_pairs() {
            options = match key {
                "ssl-mode" | "sslmode" => options.ssl_mode(
                    value.parse().map_err(|_| AttachError::new(format!("sqlx does not know ssl-mode={value:?}")))?,
                ),
                "ssl-ca" | "sslca" => options.ssl_ca(value),
                "ssl-cert" | "sslcert" => options.ssl_client_cert(value),
                "ssl-key" | "sslkey" => options.ssl_client_key(value),
                "timezone" | "time-zone" => options.timezone(Some(value.to_owned())),
                "charset" => options.charset(value),
                "collation" => options.collation(value),
                "socket" => options.socket(value),
                "statement-cache-capacity" => options.statement_cache_capacity(
                    value
                        .parse()
                        .map_err(|_| AttachError::new(format!("statement-cache-capacity={value:?} is not a number")))?,
                ),
                other => return Err(AttachError::ignored("sqlx's MySQL driver", other)),
            };
        }
        Ok(options)
    }
}

#[cfg(feature = "sqlx-sqlite")]
impl crate::resource::SqliteUrl {
    /// sqlx's options for this database, for `SqlitePool::connect_with`
    /// (feature `sqlx-sqlite`). The URL follows sqlx's own rules, so sqlx
    /// reads it as given; sqlx itself rejects an option it does not know.
    ///
    /// # Errors
    ///
    /// What sqlx rejects.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::SqliteUrl;
    ///
    /// let url: SqliteUrl = "sqlite://data.db?mode=rwc".parse().unwrap();
    /// let options = url.to_sqlite_connect_options().unwrap();
    /// assert_eq!(options.get_filename(), std::path::Path::new("data.db"));
    /// ```
    pub fn to_sqlite_connect_options(&self) -> Result<sqlx::sqlite::SqliteConnectOptions, AttachError> {
        use std::str::FromStr;
        sqlx::sqlite::SqliteConnectOptions::from_str(&self.canonical_url())
            .map_err(|error| AttachError::new(format!("sqlx: {error}")))
    }

    /// The URL rebuilt from the handle's parts in the one form sqlx reads
    /// without guessing: `sqlite://` (sqlx strips `sqlite:` case-sensitively,
    /// so `SQLITE:data.db` given as is would open a file of that name), the
    /// file percent-encoded, the options form-encoded.
    pub(crate) fn canonical_url(&self) -> String {
        let mut text = String::new();
        match self.database() {
            Some(":memory:") | None => text.push_str("sqlite::memory:"),
            Some(file) => {
                text.push_str("sqlite://");
                for segment in file.split('/').enumerate() {
                    if segment.0 > 0 {
                        text.push('/');
                    }
                    crate::resource::encode_into(&mut text, segment.1);
                }
            }
        }
        for (index, (key, value)) in self.query_pairs().enumerate() {
            text.push(if index == 0 { '?' } else { '&' });
            crate::resource::encode_into(&mut text, key);
            text.push('=');
            crate::resource::encode_into(&mut text, value);
        }
        text
    }
}

#[cfg(feature = "sqlx-any")]
impl crate::resource::DatabaseUrl {
    /// sqlx's options for whichever database the URL names, for
    /// `AnyPool::connect_with` (feature `sqlx-any`). Call
    /// `sqlx::any::install_default_drivers()` once before connecting.
    ///
    /// The options hold the password, and sqlx's `AnyConnectOptions` prints it in
    /// `Debug`: do not log them.
    ///
    /// # Errors
    ///
    /// As the kind's own conversion: what sqlx would drop or cannot express.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::DatabaseUrl;
    ///
    /// let url: DatabaseUrl = "sqlite::memory:".parse().unwrap();
    /// assert!(url.to_any_connect_options().is_ok());
    /// ```
    pub fn to_any_connect_options(&self) -> Result<sqlx::any::AnyConnectOptions, AttachError> {
        use std::str::FromStr;
        // The Any driver keeps a URL and each driver parses it again when it
        // connects. The URL it gets is rebuilt from the handle's parts (not
        // the text as given, which sqlx would read its own way: `+` in a
        // query value as a space, `/%2e%2e` dropped), and what the driver
        // will read from it is checked against the kind's own conversion.
        let (text, same) = match self {
            Self::Postgres(url) => {
                let kind = url.to_pg_connect_options()?;
                let text = canonical_pg_url(url);
                let again = sqlx::postgres::PgConnectOptions::from_str(&text)
                    .map_err(|error| AttachError::new(format!("sqlx: {error}")))?;
                let same = (kind.get_host(), kind.get_port(), kind.get_socket(), kind.get_username())
                    == (again.get_host(), again.get_port(), again.get_socket(), again.get_username())
                    && (kind.get_database(), kind.get_application_name(), kind.get_options())
                        == (again.get_database(), again.get_application_name(), again.get_options())
                    && format!("{:?}", kind.get_ssl_mode()) == format!("{:?}", again.get_ssl_mode());
                (text, same)
            }
            Self::Mysql(url) => {
                let kind = url.to_mysql_connect_options()?;
                let text = canonical_mysql_url(url);
                let again = sqlx::mysql::MySqlConnectOptions::from_str(&text)
                    .map_err(|error| AttachError::new(format!("sqlx: {error}")))?;
                let same = (kind.get_host(), kind.get_port(), kind.get_socket(), kind.get_username())
                    == (again.get_host(), again.get_port(), again.get_socket(), again.get_username())
                    && (kind.get_database(), kind.get_charset(), kind.get_collation())
                        == (again.get_database(), again.get_charset(), again.get_collation())
                    && format!("{:?}", kind.get_ssl_mode()) == format!("{:?}", again.get_ssl_mode());
                (text, same)
            }
            Self::Sqlite(url) => {
                let kind = url.to_sqlite_connect_options()?;
                let text = url.canonical_url();
                let again = sqlx::sqlite::SqliteConnectOptions::from_str(&text)
                    .map_err(|error| AttachError::new(format!("sqlx: {error}")))?;
                // Each parse names its own in-memory database.
                let memory = |o: &sqlx::sqlite::SqliteConnectOptions| {
                    o.get_filename().to_string_lossy().starts_with("file:sqlx-in-memory-")
                };
                let same = kind.get_filename() == again.get_filename() || (memory(&kind) && memory(&again));
                (zeroizing(text), same)
            }
        };
        if !same {
            return Err(AttachError::new(
                "sqlx's Any driver would read this URL otherwise than the kind's own conversion \
                 (an IPv6 host, which it keeps in brackets): connect with the kind's own options",
            ));
        }
        sqlx::any::AnyConnectOptions::from_str(&text).map_err(|error| AttachError::new(format!("sqlx: {error}")))
    }
}

#[cfg(feature = "sqlx-any")]
fn zeroizing(text: String) -> secrecy::zeroize::Zeroizing<String> {
    secrecy::zeroize::Zeroizing::new(text)
}

/// A Postgres URL rebuilt from the handle's parts, as sqlx reads it.
#[cfg(feature = "sqlx-any")]
fn canonical_pg_url(url: &crate::resource::PostgresUrl) -> secrecy::zeroize::Zeroizing<String> {
    use crate::resource::UrlParts;
    let mut parts = UrlParts::new("postgres");
    if let Some(host) = url.hosts().first() {
        parts = parts.host(host.host());
    }
    if let Some(port) = url.port() {
        parts = parts.port(port);
    }
    parts = with_credentials(parts, url);
    if let Some(database) = url.database() {
        parts = parts.database(database);
    }
    for (key, value) in url.query_pairs() {
        if !matches!(key, "host" | "port" | "user" | "dbname") {
            parts = parts.param(key, value);
        }
    }
    parts.text()
}

/// A MySQL URL rebuilt from the handle's parts, as sqlx reads it.
#[cfg(feature = "sqlx-any")]
fn canonical_mysql_url(url: &crate::resource::MysqlUrl) -> secrecy::zeroize::Zeroizing<String> {
    use crate::resource::UrlParts;
    let mut parts = UrlParts::new("mysql");
    if let Some(host) = url.host() {
        parts = parts.host(host);
    }
    if let Some(port) = url.port() {
        parts = parts.port(port);
    }
    parts = with_credentials(parts, url);
    if let Some(database) = url.database() {
        parts = parts.database(database);
    }
    for (key, value) in url.query_pairs() {
        parts = parts.param(key, value);
    }
    parts.text()
}

#[cfg(feature = "sqlx-any")]
fn with_credentials(
    mut parts: crate::resource::UrlParts,
    url: &impl crate::resource::Resource,
) -> crate::resource::UrlParts {
    if let Some(user) = url.username() {
        parts = parts.user(user);
    }
    if let Some(password) = url.password() {
        parts = parts.password(password.clone());
    }
    parts
}
