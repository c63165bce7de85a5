//! Kafka bootstrap servers, as Heroku's `KAFKA_URL` and pydantic's `KafkaDsn` write them.

use super::handle;
use super::nats::host_port_text;
use super::parse::{self, ParseError, Parts, Rules, UrlPart};

const RULES: Rules = Rules {
    schemes: &["kafka", "kafka+ssl"],
    default_port: |_| Some(KafkaUrl::DEFAULT_PORT),
    multi_host: true,
    at_in_path_is_error: true,
    ..Rules::DEFAULT
};

/// A Kafka cluster's bootstrap servers as a URL.
///
/// Kafka has no URL of its own: clients take a `bootstrap.servers` list
/// (`host:port,host:port`). Platforms hand it out as a URL, and this
/// handle reads their forms:
///
/// - `kafka://` (plaintext) and `kafka+ssl://` (TLS), as [Heroku's
///   `KAFKA_URL`] writes it, and `kafka://` as pydantic's [`KafkaDsn`];
///   port 9092 when none is given.
/// - Several brokers, each a URL (`kafka+ssl://b1:9096,kafka+ssl://b2:9096`,
///   Heroku's form) or sharing one (`kafka://b1:9092,b2:9092`); every broker
///   of a list uses one scheme and one login.
/// - `kafka://user:password@broker` gives SASL credentials (the mechanism,
///   `PLAIN` or `SCRAM-SHA-512`, is the client's setting);
///   [`security_protocol`](Self::security_protocol) says which of
///   librdkafka's `security.protocol` values the URL means.
/// - No path and no query: client settings belong in the client's config.
///
/// [Heroku's `KAFKA_URL`]: https://devcenter.heroku.com/articles/kafka-on-heroku#connecting-to-a-kafka-cluster
/// [`KafkaDsn`]: https://docs.pydantic.dev/latest/api/networks/#pydantic.networks.KafkaDsn
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{KafkaUrl, Resource};
///
/// let url: KafkaUrl = "kafka+ssl://b1.example:9096,kafka+ssl://b2.example:9096".parse().unwrap();
/// assert_eq!(url.bootstrap_servers(), "b1.example:9096,b2.example:9096");
/// assert_eq!(url.security_protocol(), "SSL");
///
/// let url: KafkaUrl = "kafka://app:s3cret@broker".parse().unwrap();
/// assert_eq!((url.bootstrap_servers().as_str(), url.security_protocol()), ("broker:9092", "SASL_PLAINTEXT"));
/// assert_eq!(url.to_string(), "kafka://app:***@broker");
/// ```
#[derive(Clone)]
pub struct KafkaUrl {
    parts: Box<Parts>,
}

impl KafkaUrl {
    /// The port a Kafka broker listens on unless told otherwise.
    pub const DEFAULT_PORT: u16 = 9092;

    fn parse(text: &str) -> Result<Self, ParseError> {
        let joined = parse::join_server_list(text)?;
        let parts = parse::parse(joined.as_deref().map_or(text, String::as_str), &RULES, "KafkaUrl")?;
        if !matches!(parts.path(), "" | "/") {
            return Err(ParseError::new(UrlPart::Path, "a Kafka URL names brokers only: remove what follows the host"));
        }
        if !parts.query.is_empty() {
            return Err(ParseError::new(
                UrlPart::Query,
                "a Kafka URL names brokers only: set client options (acks, group.id, ...) in the client's config",
            ));
        }
        if parts.password.is_some() && parts.username.is_none() {
            return Err(ParseError::new(
                UrlPart::UserInfo,
                "a password with no user name: SASL needs both, kafka://user:password@broker",
            ));
        }
        // A joined server list is another text than the URL kept.
        let parts = if joined.is_some() { parts.keep_detached() } else { parts.keep() };
        Ok(Self { parts })
    }

    fn masked(&self) -> String {
        use secrecy::ExposeSecret;
        parse::mask_server_list(self.parts.raw.expose_secret(), false)
    }

    /// The brokers as `bootstrap.servers` takes them (librdkafka, the Java
    /// client, rdkafka): `host:port,host:port`, IPv6 in brackets.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::KafkaUrl;
    ///
    /// let url: KafkaUrl = "kafka://[2001:db8::1],b2".parse().unwrap();
    /// assert_eq!(url.bootstrap_servers(), "[2001:db8::1]:9092,b2:9092");
    /// ```
    pub fn bootstrap_servers(&self) -> String {
        self.brokers().join(",")
    }

    /// The brokers one by one, `host:port`, as rskafka's `ClientBuilder::new`
    /// takes them.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::KafkaUrl;
    ///
    /// let url: KafkaUrl = "kafka://b1,b2:9093".parse().unwrap();
    /// assert_eq!(url.brokers(), ["b1:9092", "b2:9093"]);
    /// ```
    pub fn brokers(&self) -> Vec<String> {
        self.parts.hosts.iter().map(host_port_text).collect()
    }

    /// Whether the connection uses TLS (`kafka+ssl://`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::KafkaUrl;
    ///
    /// assert!("kafka+ssl://broker".parse::<KafkaUrl>().unwrap().is_tls());
    /// ```
    pub fn is_tls(&self) -> bool {
        self.parts.scheme == "kafka+ssl"
    }

    /// librdkafka's `security.protocol` for this URL: `PLAINTEXT`, `SSL`,
    /// and `SASL_PLAINTEXT` or `SASL_SSL` when it carries credentials.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::KafkaUrl;
    ///
    /// assert_eq!("kafka://broker".parse::<KafkaUrl>().unwrap().security_protocol(), "PLAINTEXT");
    /// assert_eq!("kafka+ssl://u:p@broker".parse::<KafkaUrl>().unwrap().security_protocol(), "SASL_SSL");
    /// ```
    pub fn security_protocol(&self) -> &'static str {
        match (self.parts.username.is_some(), self.is_tls()) {
            (false, false) => "PLAINTEXT",
            (false, true) => "SSL",
            (true, false) => "SASL_PLAINTEXT",
            (true, true) => "SASL_SSL",
        }
    }
}

handle!(KafkaUrl, KafkaUrl::masked);
