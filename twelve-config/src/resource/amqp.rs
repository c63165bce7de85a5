//! AMQP 0-9-1, by the RabbitMQ URI specification.

use super::parse::{self, ParseError, Parts, Rules, UrlPart};
use super::{check_choice, check_number, handle};

const RULES: Rules = Rules {
    schemes: &["amqp", "amqps"],
    default_port: |scheme| Some(if scheme == "amqps" { 5671 } else { 5672 }),
    host_optional: true,
    keeps_empty_username: true,
    host_escapes: super::parse::HostEscapes::Any,
    ..Rules::DEFAULT
};

/// An AMQP 0-9-1 broker URL (RabbitMQ), read by the [RabbitMQ URI spec].
///
/// - `amqp://` (port 5672) or `amqps://` (TLS, port 5671).
/// - The vhost is the path: one segment, percent-decoded, so the vhost `/`
///   is written `%2f`. `amqp://host` names no vhost (the broker's default,
///   `/`); `amqp://host/` names the empty vhost, as the spec says.
/// - An empty user name (`amqp://:pw@host`) is kept as `""`: the spec
///   tells it apart from an absent one.
/// - The query parameters RabbitMQ's clients read are checked: `heartbeat`,
///   `connection_timeout`, `channel_max`, `frame_max` are numbers,
///   `auth_mechanism` is `plain`, `amqplain` or `external`, `verify` is
///   `verify_peer` or `verify_none`.
///
/// Give lapin [`to_amqp_uri`](Self::to_amqp_uri) (feature `lapin`), not
/// the URL as text: lapin's own parser sends an IPv6 host to `localhost`
/// and turns an empty user name into `guest`.
///
/// [RabbitMQ URI spec]: https://www.rabbitmq.com/docs/uri-spec
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{AmqpUrl, Resource};
///
/// let url: AmqpUrl = "amqps://user:pass@mq.example:10000/v%2fhost?heartbeat=30".parse().unwrap();
/// assert_eq!((url.host(), url.port(), url.vhost(), url.is_tls()), (Some("mq.example"), Some(10000), "v/host", true));
/// assert_eq!("amqp://mq".parse::<AmqpUrl>().unwrap().vhost(), "/");
/// assert_eq!("amqp://mq/%2f".parse::<AmqpUrl>().unwrap().vhost(), "/");
///
/// let error = "amqp://mq/a/b".parse::<AmqpUrl>().unwrap_err();
/// assert!(error.to_string().contains("%2F"));
/// ```
#[derive(Clone)]
pub struct AmqpUrl {
    parts: Box<Parts>,
    vhost: Option<String>,
}

impl AmqpUrl {
    fn parse(text: &str) -> Result<Self, ParseError> {
        let parts = parse::parse(text, &RULES, "AmqpUrl")?;
        let vhost = match parts.path().strip_prefix('/') {
            None => None,
            Some(segment) if segment.contains('/') => {
                return Err(ParseError::new(
                    UrlPart::Path,
                    "the vhost is one path segment: write a '/' inside it as %2F (the vhost \"/\" is %2F)",
                ));
            }
            Some(segment) => Some(
                parse::decode_utf8(segment, false)
                    .map_err(|_| ParseError::new(UrlPart::Path, "the vhost is not valid percent-encoding"))?,
            ),
        };
        check_number::<u16>(&parts, "heartbeat", "a number of seconds (0 to 65535)")?;
        check_number::<u64>(&parts, "connection_timeout", "a number of milliseconds")?;
        check_number::<u16>(&parts, "channel_max", "a number (0 to 65535)")?;
        check_number::<u32>(&parts, "frame_max", "a number of bytes")?;
        // lapin reads the mechanism ignoring case.
        if let Some(bad) = parts
            .query_values("auth_mechanism")
            .find(|value| !["plain", "amqplain", "external"].contains(&value.to_ascii_lowercase().as_str()))
        {
            return Err(ParseError::new(
                UrlPart::Query,
                format!("auth_mechanism={bad:?} is not one of plain, amqplain or external"),
            ));
        }
        check_choice(&parts, "verify", &["verify_peer", "verify_none"])?;
        check_choice(&parts, "fail_if_no_peer_cert", &["true", "false"])?;
        Ok(Self { parts: parts.keep(), vhost })
    }

    /// The vhost, percent-decoded; `/` (the broker's default) when the URL
    /// names none.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::AmqpUrl;
    ///
    /// assert_eq!("amqp://mq/orders".parse::<AmqpUrl>().unwrap().vhost(), "orders");
    /// assert_eq!("amqp://mq/".parse::<AmqpUrl>().unwrap().vhost(), "");
    /// ```
    pub fn vhost(&self) -> &str {
        self.vhost.as_deref().unwrap_or("/")
    }

    /// Whether the connection uses TLS (`amqps://`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::AmqpUrl;
    ///
    /// assert!("amqps://mq".parse::<AmqpUrl>().unwrap().is_tls());
    /// ```
    pub fn is_tls(&self) -> bool {
        self.parts.scheme == "amqps"
    }
}

handle!(AmqpUrl);
