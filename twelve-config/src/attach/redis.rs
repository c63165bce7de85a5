//! redis-rs: `redis::ConnectionInfo` and `redis::Client`.

use redis::IntoConnectionInfo;
use secrecy::ExposeSecret;

use super::AttachError;
use crate::resource::RedisUrl;

impl RedisUrl {
    /// redis-rs's connection info for this server (feature `redis`): the
    /// address (TCP, TLS with `rediss://`, or a unix socket), user,
    /// password, protocol and database number, built from the handle's
    /// parts (redis-rs's own URL parser ignores a socket URL's user info).
    ///
    /// # Errors
    ///
    /// What redis-rs rejects, such as `rediss://` when redis is built
    /// without a TLS feature: it never falls back to plain TCP.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::RedisUrl;
    ///
    /// let url: RedisUrl = "redis://:s3cret@cache.internal/2".parse().unwrap();
    /// let info = url.to_connection_info().unwrap();
    /// assert_eq!(info.redis_settings().db(), 2);
    /// ```
    pub fn to_connection_info(&self) -> Result<redis::ConnectionInfo, AttachError> {
        use redis::{ConnectionAddr, RedisConnectionInfo};
        let failed = |error: redis::RedisError| AttachError::new(format!("redis: {error}"));
        // The address from the handle's parts; a TLS one through redis-rs's
        // own reading of the URL, which knows its TLS features.
        let info = match self.hosts().first() {
            Some(host) if self.is_socket() => {
                ConnectionAddr::Unix(host.host().into()).into_connection_info().map_err(failed)?
            }
            Some(host) if !self.is_tls() => ConnectionAddr::Tcp(host.host().to_owned(), host.port().unwrap_or(6379))
                .into_connection_info()
                .map_err(failed)?,
            _ => self.expose_url().expose_secret().into_connection_info().map_err(failed)?,
        };
        // The settings from the handle's parts: redis-rs reads `?db=` only
        // for sockets, and a socket's user info (redis-py's
        // `unix://user:pass@/path`) not at all.
        let mut settings = RedisConnectionInfo::default().set_db(self.db());
        if let Some(user) = self.username() {
            settings = settings.set_username(user);
        }
        if let Some(password) = self.password() {
            settings = settings.set_password(password.expose_secret());
        }
        if self.query_pairs().any(|(key, value)| key == "protocol" && matches!(value, "3" | "resp3")) {
            settings = settings.set_protocol(redis::ProtocolVersion::RESP3);
        }
        Ok(info.set_redis_settings(settings))
    }

    /// A redis-rs client for this server (feature `redis`).
    ///
    /// # Errors
    ///
    /// As [`to_connection_info`](Self::to_connection_info).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::RedisUrl;
    ///
    /// let url: RedisUrl = "redis://127.0.0.1:6379".parse().unwrap();
    /// let client = url.to_client().unwrap(); // connects on first use
    /// # drop(client);
    /// ```
    pub fn to_client(&self) -> Result<redis::Client, AttachError> {
        redis::Client::open(self.to_connection_info()?).map_err(|error| AttachError::new(format!("redis: {error}")))
    }
}
