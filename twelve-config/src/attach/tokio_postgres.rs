//! tokio-postgres: `tokio_postgres::Config`.

use std::time::Duration;

use secrecy::ExposeSecret;
use tokio_postgres::config::{ChannelBinding, LoadBalanceHosts, SslMode, SslNegotiation, TargetSessionAttrs};

use super::AttachError;
use crate::resource::PostgresUrl;

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
        // With `?hostaddr=`, the names its addresses stand for (below).
        for host in self.host_names() {
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
                    if let Some(duration) = timeout(key, value)? {
                        config.connect_timeout(duration);
                    }
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
                "sslnegotiation" => {
                    config.ssl_negotiation(match value {
                        "postgres" => SslNegotiation::Postgres,
                        "direct" => SslNegotiation::Direct,
                        other => {
                            return Err(AttachError::new(format!(
                                "tokio-postgres cannot express sslnegotiation={other}"
                            )));
                        }
                    });
                }
                "hostaddr" => {
                    for address in value.split(',') {
                        let address = address
                            .parse()
                            .map_err(|_| AttachError::new(format!("hostaddr={address:?} is not an IP address")))?;
                        config.hostaddr(address);
                    }
                }
                "tcp_user_timeout" => {
                    if let Some(duration) = timeout(key, value)? {
                        config.tcp_user_timeout(duration);
                    }
                }
                "keepalives" => {
                    config.keepalives(seconds(key, value)? != 0);
                }
                "keepalives_idle" => {
                    if let Some(duration) = timeout(key, value)? {
                        config.keepalives_idle(duration);
                    }
                }
                "keepalives_interval" => {
                    if let Some(duration) = timeout(key, value)? {
                        config.keepalives_interval(duration);
                    }
                }
                "keepalives_count" => {
                    let count = u32::try_from(seconds(key, value)?)
                        .map_err(|_| AttachError::new(format!("{key}={value:?} is out of range")))?;
                    config.keepalives_retries(count);
                }
                "channel_binding" => {
                    config.channel_binding(match value {
                        "disable" => ChannelBinding::Disable,
                        "prefer" => ChannelBinding::Prefer,
                        "require" => ChannelBinding::Require,
                        other => {
                            return Err(AttachError::new(format!(
                                "tokio-postgres cannot express channel_binding={other}"
                            )));
                        }
                    });
                }
                "load_balance_hosts" => {
                    config.load_balance_hosts(match value {
                        "disable" => LoadBalanceHosts::Disable,
                        "random" => LoadBalanceHosts::Random,
                        other => {
                            return Err(AttachError::new(format!(
                                "tokio-postgres cannot express load_balance_hosts={other}"
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

/// A whole number of seconds (or a count), as libpq reads these options;
/// zero or less turns a timeout off, as in libpq and tokio-postgres.
fn seconds(key: &str, value: &str) -> Result<u64, AttachError> {
    let number: i64 = value.parse().map_err(|_| AttachError::new(format!("{key}={value:?} is not a whole number")))?;
    Ok(u64::try_from(number).unwrap_or(0))
}

/// A timeout in whole seconds; `None` for zero or less, which libpq and
/// tokio-postgres read as no timeout.
fn timeout(key: &str, value: &str) -> Result<Option<Duration>, AttachError> {
    let number: i64 = value.parse().map_err(|_| AttachError::new(format!("{key}={value:?} is not a whole number")))?;
    Ok(u64::try_from(number).ok().filter(|seconds| *seconds > 0).map(Duration::from_secs))
}

#[cfg(test)]
mod tests {
    use crate::resource::PostgresUrl;

    #[test]
    fn a_hostaddr_is_connected_to_and_the_name_kept_for_tls() {
        let url: PostgresUrl = "postgres://db.internal/app?hostaddr=10.0.0.5".parse().unwrap();
        assert_eq!(url.host(), Some("10.0.0.5"));
        let config = url.to_tokio_postgres_config().unwrap();
        assert_eq!(config.get_hosts(), [tokio_postgres::config::Host::Tcp("db.internal".to_owned())]);
        assert_eq!(config.get_hostaddrs(), ["10.0.0.5".parse::<std::net::IpAddr>().unwrap()]);
    }
}
