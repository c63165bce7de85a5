//! redis-rs: `redis::ConnectionInfo` and `redis::Client`.

use redis::IntoConnectionInfo;
use secrecy::ExposeSecret;

use super::AttachError;
use crate::resource::{RedisUrl, Resource};

impl RedisUrl {
    /// redis-rs's connection info for this server (feature `redis`): the
    /// address (TCP, TLS with `rediss://`, or a unix socket), user,
    /// password, protocol and database number, `?db=` included, which
    /// redis-rs itself reads only for sockets.
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
        let info = self
            .expose_url()
            .expose_secret()
            .into_connection_info()
            .map_err(|error| AttachError::new(format!("redis: {error}")))?;
        let settings = info.redis_settings().clone().set_db(self.db());
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
