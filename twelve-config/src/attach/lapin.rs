//! lapin: `lapin::uri::AMQPUri`.

use secrecy::ExposeSecret;

use super::AttachError;
use crate::resource::AmqpUrl;

/// The query options lapin reads; the others would be dropped.
const READ: &[&str] = &["frame_max", "channel_max", "heartbeat", "connection_timeout", "auth_mechanism"];

impl AmqpUrl {
    /// lapin's URI for this broker, for `Connection::connect_uri` (feature
    /// `lapin`), with the vhost as the RabbitMQ URI spec reads it.
    ///
    /// The URI holds the password, and lapin's `AMQPUri` prints it in
    /// `Debug`: do not log it.
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
    ///
    /// // An IP address is where the credentials go, IPv6 included.
    /// let url: AmqpUrl = "amqp://app:pw@[2001:db8::10]:5672/orders".parse().unwrap();
    /// assert_eq!(url.to_amqp_uri().unwrap().authority.host, "2001:db8::10");
    /// ```
    pub fn to_amqp_uri(&self) -> Result<lapin::uri::AMQPUri, AttachError> {
        use lapin::uri::{AMQPAuthority, AMQPQueryString, AMQPScheme, AMQPUri, AMQPUserInfo};
        if let Some((key, _)) = self.query_pairs().find(|(key, _)| !READ.contains(key)) {
            return Err(AttachError::ignored("lapin", key));
        }
        // Built from the handle's parts: lapin's own parser sends an IPv6
        // address (`amqp://[2001:db8::10]`) to `localhost`, as it reads only
        // what the url crate calls a domain, and it turns the spec's empty
        // user name (`amqp://:pw@mq`) into `guest`.
        let number = |key: &str| self.query_pairs().find(|(k, _)| *k == key).map(|(_, value)| value);
        let parsed = |key: &str| -> Result<Option<u64>, AttachError> {
            number(key)
                .map(|value| {
                    value.parse::<u64>().map_err(|_| AttachError::new(format!("lapin: {key} is not a number")))
                })
                .transpose()
        };
        let narrow = |key: &str, value: Option<u64>| -> Result<Option<u32>, AttachError> {
            value
                .map(|value| {
                    u32::try_from(value).map_err(|_| AttachError::new(format!("lapin: {key} is out of range")))
                })
                .transpose()
        };
        let frame_max = narrow("frame_max", parsed("frame_max")?)?;
        let channel_max = parsed("channel_max")?
            .map(|value| u16::try_from(value).map_err(|_| AttachError::new("lapin: channel_max is out of range")))
            .transpose()?;
        let heartbeat = parsed("heartbeat")?
            .map(|value| u16::try_from(value).map_err(|_| AttachError::new("lapin: heartbeat is out of range")))
            .transpose()?;
        let auth_mechanism = number("auth_mechanism")
            .map(|value| value.parse().map_err(|error: String| AttachError::new(format!("lapin: {error}"))))
            .transpose()?;
        // The spec: an absent user name or password is the client's
        // default (`guest`); an empty one is empty.
        let username = self.username().unwrap_or("guest").to_owned();
        let password = self.password().map_or_else(|| "guest".to_owned(), |p| p.expose_secret().to_owned());
        Ok(AMQPUri {
            scheme: if self.is_tls() { AMQPScheme::AMQPS } else { AMQPScheme::AMQP },
            authority: AMQPAuthority {
                userinfo: AMQPUserInfo { username, password },
                host: self.host().unwrap_or("localhost").to_owned(),
                port: self.port().unwrap_or(if self.is_tls() { 5671 } else { 5672 }),
            },
            vhost: self.vhost().to_owned(),
            query: AMQPQueryString {
                frame_max,
                channel_max,
                heartbeat,
                connection_timeout: parsed("connection_timeout")?,
                auth_mechanism,
            },
        })
    }
}
