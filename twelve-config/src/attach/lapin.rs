//! lapin: `lapin::uri::AMQPUri`.

use secrecy::ExposeSecret;

use super::AttachError;
use crate::resource::{AmqpUrl, Resource};

/// The query options lapin reads; the others would be dropped.
const READ: &[&str] = &["frame_max", "channel_max", "heartbeat", "connection_timeout", "auth_mechanism"];

impl AmqpUrl {
    /// lapin's URI for this broker, for `Connection::connect_uri` (feature
    /// `lapin`), with the vhost as the RabbitMQ URI spec reads it.
    ///
    /// # Errors
    ///
    /// A query option lapin does not read (`verify`, `cacertfile`, ...:
    /// configure TLS through lapin's own API), or what lapin rejects.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::AmqpUrl;
    ///
    /// let url: AmqpUrl = "amqp://guest:guest@mq.internal/%2f?heartbeat=10".parse().unwrap();
    /// let uri = url.to_amqp_uri().unwrap();
    /// assert_eq!((uri.vhost.as_str(), uri.authority.host.as_str()), ("/", "mq.internal"));
    /// ```
    pub fn to_amqp_uri(&self) -> Result<lapin::uri::AMQPUri, AttachError> {
        if let Some((key, _)) = self.query_pairs().find(|(key, _)| !READ.contains(key)) {
            return Err(AttachError::ignored("lapin", key));
        }
        let mut uri: lapin::uri::AMQPUri = self
            .expose_url()
            .expose_secret()
            .parse()
            .map_err(|error: String| AttachError::new(format!("lapin: {error}")))?;
        uri.vhost = self.vhost().to_owned();
        Ok(uri)
    }
}
