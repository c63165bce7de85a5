//! sqlx: `PgConnectOptions`, `MySqlConnectOptions`, `SqliteConnectOptions`
//! and `AnyConnectOptions`.

#[cfg(any(feature = "sqlx-postgres", feature = "sqlx-mysql"))]
use secrecy::ExposeSecret;

use super::AttachError;
#[cfg(any(feature = "sqlx-postgres", feature = "sqlx-mysql"))]
use crate::resource::Resource;

#[cfg(feature = "sqlx-postgres")]
impl crate::resource::PostgresUrl {
    /// sqlx's options for this database, for `PgPool::connect_with`
    /// (feature `sqlx-postgres`).
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
                    "statement-cache-capacity" => options.statement_cache_capacity(value.parse().map_err(|_| {
                        AttachError::new(format!("statement-cache-capacity={value:?} is not a number"))
                    })?),
                    other => return Err(AttachError::ignored("sqlx's Postgres driver", other)),
                };
        }
        Ok(options)
    }
}

#[cfg(feature = "sqlx-mysql")]
impl crate::resource::MysqlUrl {
    /// sqlx's options for this database, for `MySqlPool::connect_with`
    /// (feature `sqlx-mysql`).
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
        if let Some(host) = self.host() {
            options = options.host(host);
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
            options = match key {
                "ssl-mode" | "sslmode" => options.ssl_mode(
                    value.parse().map_err(|_| AttachError::new(format!("sqlx does not know ssl-mode={value:?}")))?,
                ),
                "ssl-ca" => options.ssl_ca(value),
                "ssl-cert" => options.ssl_client_cert(value),
                "ssl-key" => options.ssl_client_key(value),
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
        use secrecy::ExposeSecret;
        use std::str::FromStr;
        sqlx::sqlite::SqliteConnectOptions::from_str(crate::resource::Resource::expose_url(self).expose_secret())
            .map_err(|error| AttachError::new(format!("sqlx: {error}")))
    }
}

#[cfg(feature = "sqlx-any")]
impl crate::resource::DatabaseUrl {
    /// sqlx's options for whichever database the URL names, for
    /// `AnyPool::connect_with` (feature `sqlx-any`). Call
    /// `sqlx::any::install_default_drivers()` once before connecting.
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
        use secrecy::ExposeSecret;
        use std::str::FromStr;
        // Checked by the kind's conversion first, so nothing is dropped.
        match self {
            Self::Postgres(url) => drop(url.to_pg_connect_options()?),
            Self::Mysql(url) => drop(url.to_mysql_connect_options()?),
            Self::Sqlite(url) => drop(url.to_sqlite_connect_options()?),
        }
        sqlx::any::AnyConnectOptions::from_str(crate::resource::Resource::expose_url(self).expose_secret())
            .map_err(|error| AttachError::new(format!("sqlx: {error}")))
    }
}
