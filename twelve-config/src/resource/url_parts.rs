//! `UrlParts`: a URL written from its parts, each percent-encoded; the
//! kinds a handle can be assembled from (`Assemble`).

use std::fmt;
use std::net::Ipv6Addr;

use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

use super::parse::ParseError;
use super::{
    AmqpUrl, HttpUrl, KafkaUrl, MemcachedUrl, MongoUrl, MqttUrl, MysqlUrl, NatsUrl, PostgresUrl, RedisUrl, Resource,
    SmtpUrl,
};

/// A handle kind that can be assembled from parts: the scheme it is
/// written with.
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{Assemble, RedisUrl};
///
/// assert_eq!(RedisUrl::SCHEME, "redis");
/// ```
pub trait Assemble: Resource {
    /// The scheme a URL assembled from parts starts with.
    const SCHEME: &'static str;
}

macro_rules! assemble {
    ($($name:ident => $scheme:literal),* $(,)?) => {
        $(impl Assemble for $name {
            const SCHEME: &'static str = $scheme;
        })*
    };
}

assemble! {
    PostgresUrl => "postgres",
    MysqlUrl => "mysql",
    RedisUrl => "redis",
    AmqpUrl => "amqp",
    MongoUrl => "mongodb",
    SmtpUrl => "smtp",
    MemcachedUrl => "memcache",
    HttpUrl => "https",
    NatsUrl => "nats",
    MqttUrl => "mqtt",
    KafkaUrl => "kafka",
}

/// The parts of a URL, percent-encoded into one and parsed as a handle:
/// the general way to build any handle from separate values.
///
/// Every part is encoded whole (a password may hold `@`, `:` or `/`; a
/// vhost `/` becomes `%2F`); an IPv6 host is bracketed, and a host that is
/// a path (a PostgreSQL socket directory) is encoded as libpq reads it.
/// The text, which holds the password, is wiped once parsed.
///
/// # Examples
///
/// ```
/// use twelve_config::ExposeSecret;
/// use twelve_config::resource::{AmqpUrl, PostgresUrl, Resource, UrlParts};
///
/// let url: PostgresUrl = UrlParts::new("postgres")
///     .host("db.internal")
///     .port(6432)
///     .user("app")
///     .password("p@ss:w/rd".into())
///     .database("billing")
///     .param("sslmode", "require")
///     .build()
///     .unwrap();
/// assert_eq!(url.to_string(), "postgres://app:***@db.internal:6432/billing?sslmode=require");
/// assert_eq!(url.password().unwrap().expose_secret(), "p@ss:w/rd");
///
/// let url: AmqpUrl = UrlParts::new("amqp").host("mq").database("/").build().unwrap();
/// assert_eq!(url.vhost(), "/");
/// ```
#[derive(Clone, Default)]
pub struct UrlParts {
    scheme: String,
    pub(super) user: Option<String>,
    password: Option<SecretString>,
    pub(super) hosts: Vec<(String, Option<u16>)>,
    port: Option<u16>,
    database: Option<String>,
    params: Vec<(String, String)>,
}

impl fmt::Debug for UrlParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UrlParts")
            .field("scheme", &self.scheme)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("hosts", &self.hosts)
            .field("port", &self.port)
            .field("database", &self.database)
            .field("params", &self.params)
            .finish()
    }
}

impl UrlParts {
    /// Parts of a URL of `scheme`, with nothing else yet.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{RedisUrl, Resource, UrlParts};
    ///
    /// let url: RedisUrl = UrlParts::new("redis").host("cache").build().unwrap();
    /// assert_eq!((url.host(), url.port()), (Some("cache"), Some(6379)));
    /// ```
    pub fn new(scheme: &str) -> Self {
        Self { scheme: scheme.to_owned(), ..Self::default() }
    }

    /// Adds a host (a name, an IP address, or a socket directory for
    /// PostgreSQL), on [`port`](Self::port) or the kind's default.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, Resource, UrlParts};
    ///
    /// let url: PostgresUrl = UrlParts::new("postgres").host("/var/run/postgresql").build().unwrap();
    /// assert!(url.hosts()[0].is_socket());
    /// ```
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.hosts.push((host.into(), None));
        self
    }

    /// Adds a host on its own port.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{NatsUrl, UrlParts};
    ///
    /// let url: NatsUrl = UrlParts::new("nats").host_port("n1", 4222).host_port("::1", 4223).build().unwrap();
    /// assert_eq!(url.servers(), ["nats://n1:4222", "nats://[::1]:4223"]);
    /// ```
    pub fn host_port(mut self, host: impl Into<String>, port: u16) -> Self {
        self.hosts.push((host.into(), Some(port)));
        self
    }

    /// The port of every host added without one (and of the local default
    /// when there is no host, where the kind allows that).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{MysqlUrl, Resource, UrlParts};
    ///
    /// let url: MysqlUrl = UrlParts::new("mysql").host("db").port(3307).build().unwrap();
    /// assert_eq!(url.port(), Some(3307));
    /// ```
    pub fn port(mut self, port: u16) -> Self {
        self.port = Some(port);
        self
    }

    /// The user name.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{MongoUrl, Resource, UrlParts};
    ///
    /// let url: MongoUrl = UrlParts::new("mongodb").host("m").user("user@EXAMPLE.COM").build().unwrap();
    /// assert_eq!(url.username(), Some("user@EXAMPLE.COM"));
    /// ```
    pub fn user(mut self, user: impl Into<String>) -> Self {
        self.user = Some(user.into());
        self
    }

    /// The password (for NATS and MQTT with a user; a NATS token is a
    /// user name alone).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::ExposeSecret;
    /// use twelve_config::resource::{RedisUrl, Resource, UrlParts};
    ///
    /// let url: RedisUrl = UrlParts::new("redis").host("cache").password("s3cret".into()).build().unwrap();
    /// assert_eq!(url.password().unwrap().expose_secret(), "s3cret");
    /// assert_eq!(url.to_string(), "redis://:***@cache");
    /// ```
    pub fn password(mut self, password: SecretString) -> Self {
        self.password = Some(password);
        self
    }

    /// The database: a name (PostgreSQL, MySQL, MongoDB), a number (Redis)
    /// or a vhost (AMQP), written as the URL's path.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{RedisUrl, UrlParts};
    ///
    /// let url: RedisUrl = UrlParts::new("redis").host("cache").database("3").build().unwrap();
    /// assert_eq!(url.db(), 3);
    /// ```
    pub fn database(mut self, database: impl Into<String>) -> Self {
        self.database = Some(database.into());
        self
    }

    /// A query parameter, encoded.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, UrlParts};
    ///
    /// let url: PostgresUrl = UrlParts::new("postgres").host("db").param("application_name", "my app").build().unwrap();
    /// assert_eq!(url.to_string(), "postgres://db?application_name=my%20app");
    /// ```
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((key.into(), value.into()));
        self
    }

    /// The URL these parts make, parsed as `H` by its own rules.
    ///
    /// # Errors
    ///
    /// What `H` refuses in the assembled URL: a missing host, a query
    /// option it does not take, ...
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, UrlParts};
    ///
    /// let error = UrlParts::new("postgres").host("db").param("sslmode", "sometimes").build::<PostgresUrl>().unwrap_err();
    /// assert!(error.to_string().contains("sslmode"));
    /// ```
    pub fn build<H: Resource>(&self) -> Result<H, ParseError> {
        self.text().parse::<H>()
    }

    /// The URL these parts make, every part percent-encoded (wiped when
    /// dropped: it holds the password).
    pub(crate) fn text(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(64));
        text.push_str(&self.scheme);
        text.push_str("://");
        if self.user.is_some() || self.password.is_some() {
            if let Some(user) = &self.user {
                encode_into(&mut text, user);
            }
            if let Some(password) = &self.password {
                text.push(':');
                encode_into(&mut text, password.expose_secret());
            }
            text.push('@');
        }
        for (index, (host, port)) in self.hosts.iter().enumerate() {
            if index > 0 {
                text.push(',');
            }
            if host.parse::<Ipv6Addr>().is_ok() {
                text.push('[');
                text.push_str(host);
                text.push(']');
            } else {
                encode_into(&mut text, host);
            }
            if let Some(port) = port.or(self.port) {
                text.push_str(&format!(":{port}"));
            }
        }
        if self.hosts.is_empty()
            && let Some(port) = self.port
        {
            text.push_str(&format!(":{port}"));
        }
        if let Some(database) = &self.database {
            text.push('/');
            encode_into(&mut text, database);
        }
        for (index, (key, value)) in self.params.iter().enumerate() {
            text.push(if index == 0 { '?' } else { '&' });
            encode_into(&mut text, key);
            text.push('=');
            encode_into(&mut text, value);
        }
        text
    }
}

/// Appends `part` percent-encoded: every byte but RFC 3986's unreserved.
pub(crate) fn encode_into(out: &mut String, part: &str) {
    // Everything but RFC 3986's unreserved characters.
    const RESERVED: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
    for piece in percent_encoding::utf8_percent_encode(part, RESERVED) {
        out.push_str(piece);
    }
}
