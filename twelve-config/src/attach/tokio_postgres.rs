//! tokio-postgres: `tokio_postgres::Config`.

use std::time::Duration;

use secrecy::ExposeSecret;
use tokio_postgres::config::{SslMode, TargetSessionAttrs};

use super::AttachError;
use crate::resource::{PostgresUrl, Resource};

impl PostgresUrl {
    /// tokio-postgres's configuration for this database (feature
    /// `tokio-postgres`): every host in order (tried one after the other),
    /// unix socket directories included, with their ports, the user,
    /// password, database, `sslmode`, `application_name`, `options`,
    /// `connect_timeout` (seconds) and `target_session_attrs`.
    ///
    /// # Errors
    ///
    /// No host (tokio-postgres has no default), an `sslmode` it cannot
    /// express (`allow`, `verify-ca`, `verify-full`: certificate checks
    /// belong to its TLS connector), or a query option it does not read.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::PostgresUrl;
    ///
    /// let url: PostgresUrl = "postgresql://app:pw@h1:5432,h2:5433/billing?target_session_attrs=read-write".parse().unwrap();
    /// let config = url.to_tokio_postgres_config().unwrap();
    /// assert_eq!(config.get_ports(), [5432, 5433]);
    /// assert_eq!(config.get_dbname(), Some("billing"));
    /// ```
    pub fn to_tokio_postgres_config(&self) -> Result<tokio_postgres::Config, AttachError> {
        let mut config = tokio_postgres::Config::new();
        if self.hosts().is_empty() {
            return Err(AttachError::new(
                "tokio-postgres needs a host: name one, or a socket directory with ?host=/run/postgresql",
            ));
        }
        for host in self.hosts() {
            if host.is_socket() {
                config.host_path(host.host());
            } else {
                config.host(host.host());
            }
            config.port(host.port().unwrap_or(PostgresUrl::DEFAULT_PORT));
        }
        if let Some(user) = self.username() {
            config.user(user);
        }
        if let Some(password) = self.password() {
            config.password(password.expose_secret());
        }
        if let Some(database) = self.database() {
            config.dbname(database);
        }
        for (key, value) in self.query_pairs() {
            match key {
                "host" | "port" | "user" | "dbname" => {}
                "sslmode" => {
                    config.ssl_mode(match value {
                        "disable" => SslMode::Disable,
                        "prefer" => SslMode::Prefer,
                        "require" => SslMode::Require,
                        other => {
                            return Err(AttachError::new(format!(
                                "tokio-postgres cannot express sslmode={other}: use require, and check \
                                 certificates in the TLS connector you pass to connect"
                            )));
                        }
                    });
                }
                "application_name" => {
                    config.application_name(value);
                }
                "options" => {
                    config.options(value);
                }
                "connect_timeout" => {
                    let seconds: u64 = value.parse().map_err(|_| {
                        AttachError::new(format!("connect_timeout={value:?} is not a number of seconds"))
                    })?;
                    config.connect_timeout(Duration::from_secs(seconds));
                }
                "target_session_attrs" => {
                    config.target_session_attrs(match value {
                        "any" => TargetSessionAttrs::Any,
                        "read-write" => TargetSessionAttrs::ReadWrite,
                        "read-only" => TargetSessionAttrs::ReadOnly,
                        other => {
                            return Err(AttachError::new(format!(
                                "tokio-postgres cannot express target_session_attrs={other}"
                            )));
                        }
                    });
                }
                other => return Err(AttachError::ignored("tokio-postgres", other)),
            }
        }
        Ok(config)
    }
}
