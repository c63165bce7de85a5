//! Backing services as attached resources: typed, validated URL handles.
//!
//! Factor IV of the [twelve-factor app]: a database, cache, queue or mail
//! relay is a resource named by a URL in the environment, and swapping it
//! is a change of config, not of code. Each handle here is one kind of
//! resource. It parses with `FromStr`, so it is a config field like any
//! other; it rejects a wrong scheme or a malformed URL *at load time* with
//! the part at fault and how to fix it; it fills in the kind's default port;
//! and it never shows its password: `Display` and `Debug` mask it as `***`.
//! Nor does it let the URL rewrite a log line: a URL holding an invisible
//! character (a bidirectional control, a zero-width space, a word joiner,
//! a byte-order mark, a soft hyphen: text pasted from a web page or a file
//! saved on Windows brings them) is refused with its code point, and
//! `Display`, `Debug` and every [`ParseError`] write any other zero-width
//! or format character they show (a joiner, a variation selector) as an
//! escape (`\u{200d}`).
//!
//! ```
//! use twelve_config::EnvConfig;
//! use twelve_config::resource::{PostgresUrl, RedisUrl, Resource};
//!
//! #[derive(EnvConfig, Debug)]
//! struct Config {
//!     database_url: PostgresUrl,
//!     redis_url: Option<RedisUrl>,
//! }
//!
//! let config = Config::from_vars([("DATABASE_URL", "postgres://app:s3cret@db.internal/billing")]).unwrap();
//! assert_eq!(config.database_url.host(), Some("db.internal"));
//! assert_eq!(config.database_url.port(), Some(5432)); // the default, filled in
//! assert_eq!(config.database_url.database(), Some("billing"));
//! assert_eq!(config.database_url.to_string(), "postgres://app:***@db.internal/billing");
//! assert!(config.redis_url.is_none());
//!
//! let error = Config::from_vars([("DATABASE_URL", "mysql://app:s3cret@db/billing")]).unwrap_err();
//! assert!(error.to_string().contains("scheme \"mysql\" is not postgres or postgresql"));
//! assert!(!error.to_string().contains("s3cret"));
//! ```
//!
//! | handle | schemes | default port | follows |
//! | --- | --- | --- | --- |
//! | [`PostgresUrl`] | `postgres`, `postgresql` | 5432 | [libpq connection URIs] |
//! | [`MysqlUrl`] | `mysql`, `mariadb` | 3306 | [sqlx `MySqlConnectOptions`] |
//! | [`SqliteUrl`] | `sqlite` | none | [sqlx `SqliteConnectOptions`] |
//! | [`RedisUrl`] | `redis`, `rediss`, `redis+unix`, `unix` | 6379 | [redis-rs] and the [IANA `redis` scheme] |
//! | [`AmqpUrl`] | `amqp`, `amqps` | 5672, 5671 | the [RabbitMQ URI spec] |
//! | [`SmtpUrl`] | `smtp`, `smtps` | 587, 465 | [RFC 8314] and [lettre] |
//! | [`MongoUrl`] | `mongodb`, `mongodb+srv` | 27017 | the [MongoDB connection string spec] |
//! | [`MemcachedUrl`] | `memcache`, `memcached` | 11211 | the [memcache crate] |
//! | [`KafkaUrl`] | `kafka`, `kafka+ssl` | 9092 | [Heroku's `KAFKA_URL`], pydantic's [`KafkaDsn`]; gives `bootstrap.servers` |
//! | [`MqttUrl`] | `mqtt`, `mqtts`, `ws`, `wss` | 1883, 8883 (ws, wss: 80, 443) | [rumqttc] |
//! | [`NatsUrl`] | `nats`, `tls`, `ws`, `wss` | 4222 (ws, wss: 80, 443) | [async-nats] and [nats.go] |
//! | [`HttpUrl`] | `http`, `https` | 80, 443 | RFC 3986; the [WHATWG URL standard] with the `url` feature |
//! | [`DatabaseUrl`] | any of Postgres, MySQL, SQLite | by kind | the database is chosen by the URL |
//! | [`ResourceUrl`] | any | by scheme, when known | RFC 3986 |
//!
//! Every handle implements [`Resource`]: [`scheme`](Resource::scheme),
//! [`hosts`](Resource::hosts), [`host`](Resource::host),
//! [`port`](Resource::port), [`username`](Resource::username),
//! [`password`](Resource::password) (a [`SecretString`]),
//! [`query_pairs`](Resource::query_pairs) and
//! [`expose_url`](Resource::expose_url), the URL as given, for the driver.
//!
//! **One copy of the URL.** A handle keeps the URL's text once (the
//! loader's own `String`, taken, not copied) and reads its parts where they
//! stand in it; only a part that had to be percent-decoded is copied. Its
//! password stays in that text until [`password`](Resource::password) is
//! first called, which makes the one [`SecretString`] it returns from then
//! on; a short host name is held in the handle itself. Beside its text, a
//! handle allocates once (its parts, boxed, so that the handle is a
//! pointer and moves cheaply), plus once per decoded part; what may hold
//! a secret is wiped on drop.
//!
//! **Handles from parts.** Platforms often hand out a resource as separate
//! variables, or a URL without its password beside a mounted password
//! file. [`PgEnv`] reads libpq's own `PG*` variables into a
//! [`PostgresUrl`]; [`FromParts`] assembles any handle from `X_HOST`,
//! `X_PORT`, `X_USER`, `X_PASSWORD` (or `X_PASSWORD_FILE`) and
//! `X_DATABASE`; [`WithPassword`] completes `X_URL` with `X_PASSWORD` (or
//! `X_PASSWORD_FILE`), and a URL that carries a password of its own beside
//! the variable is a problem. [`UrlParts`] is the same assembly in code.
//! Each part is percent-encoded whole and the result checked by the
//! handle's own rules, so a part the kind refuses is a problem of the
//! variable it came from. All three are built on the public
//! [`Assembled`](crate::Assembled) trait, by which a type of your own is
//! read from a struct of variables the same way.
//!
//! ```
//! use twelve_config::EnvConfig;
//! use twelve_config::resource::{FromParts, PgEnv, RedisUrl, Resource, WithPassword, AmqpUrl};
//!
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "ORDERS_")]
//! struct Config {
//!     #[env(nested)]
//!     database: PgEnv, // PGHOST, PGPORT, PGUSER, PGPASSWORD(_FILE), PGDATABASE, ...
//!     #[env(nested = "REDIS_")]
//!     cache: FromParts<RedisUrl>, // ORDERS_REDIS_HOST, ORDERS_REDIS_PASSWORD(_FILE), ...
//!     #[env(nested = "AMQP_")]
//!     queue: WithPassword<AmqpUrl>, // ORDERS_AMQP_URL, ORDERS_AMQP_PASSWORD(_FILE)
//! }
//!
//! let config = Config::from_vars([
//!     ("PGHOST", "db.internal"),
//!     ("PGUSER", "orders"),
//!     ("ORDERS_REDIS_HOST", "cache.internal"),
//!     ("ORDERS_AMQP_URL", "amqp://orders@mq.internal/%2f"),
//!     ("ORDERS_AMQP_PASSWORD", "s3cret"),
//! ])
//! .unwrap();
//! assert_eq!(config.database.to_string(), "postgres://orders@db.internal");
//! assert_eq!(config.cache.host(), Some("cache.internal"));
//! assert_eq!(config.queue.to_string(), "amqp://orders:***@mq.internal/%2f");
//! ```
//!
//! **Strict where drivers are lenient.** Where a driver would guess at an
//! ambiguous URL, the handle rejects it with the exact escape to use: an
//! unencoded `@`, `:` or `#` in a password (`%40`, `%3A`, `%23`), a `'/'`
//! that splits a password from its host, a port over 65535, a bad
//! percent-escape. A URL that loads is one the driver reads the same way.
//! The same goes for inputs that two drivers of one kind read differently:
//! `POSTGRES://` (not a URL to libpq), a raw `+` in a Postgres query (a
//! plus to libpq, a space to sqlx), hosts both before the path and in
//! `?host=` (replaced by libpq, added by tokio-postgres), an escaped host
//! name (decoded by libpq, kept by sqlx), a database named `..` (dropped
//! by URL parsers), query keys in another case (libpq's are
//! case-sensitive), an option given twice with one bad value. Every
//! occurrence of an option is checked, with the driver's own spelling and
//! values.
//!
//! **Proven against the drivers.** `tests/test_differential.rs` parses a
//! seeded corpus of generated URLs (every special character raw and
//! encoded in each part, IPv6, host lists, sockets, edge ports, repeated
//! and case-varied options) with each handle and with tokio-postgres,
//! sqlx (Postgres, MySQL), redis-rs, lapin, rumqttc, async-nats and the
//! url crate: each URL is accepted by both or refused by both, or the
//! difference is on a short list that names its reason; where both accept,
//! every part agrees, and the handle's conversion equals the driver's own
//! parse. The conversions are built from the handle's parts, never by
//! handing the raw URL to a driver's parser (lapin's sends an IPv6 host to
//! `localhost`; rumqttc's leaves the user info encoded).
//!
//! [twelve-factor app]: https://12factor.net/backing-services
//! [libpq connection URIs]: https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS
//! [sqlx `MySqlConnectOptions`]: https://docs.rs/sqlx/latest/sqlx/mysql/struct.MySqlConnectOptions.html
//! [sqlx `SqliteConnectOptions`]: https://docs.rs/sqlx/latest/sqlx/sqlite/struct.SqliteConnectOptions.html
//! [redis-rs]: https://docs.rs/redis/latest/redis/#connection-parameters
//! [IANA `redis` scheme]: https://www.iana.org/assignments/uri-schemes/prov/redis
//! [RabbitMQ URI spec]: https://www.rabbitmq.com/docs/uri-spec
//! [RFC 8314]: https://www.rfc-editor.org/rfc/rfc8314
//! [lettre]: https://docs.rs/lettre/latest/lettre/transport/smtp/struct.SmtpTransport.html#method.from_url
//! [MongoDB connection string spec]: https://github.com/mongodb/specifications/blob/master/source/connection-string/connection-string-spec.md
//! [memcache crate]: https://docs.rs/memcache
//! [Heroku's `KAFKA_URL`]: https://devcenter.heroku.com/articles/kafka-on-heroku#connecting-to-a-kafka-cluster
//! [`KafkaDsn`]: https://docs.pydantic.dev/latest/api/networks/#pydantic.networks.KafkaDsn
//! [rumqttc]: https://docs.rs/rumqttc/latest/rumqttc/struct.MqttOptions.html#method.parse_url
//! [async-nats]: https://docs.rs/async-nats/latest/async_nats/struct.ServerAddr.html
//! [nats.go]: https://pkg.go.dev/github.com/nats-io/nats.go#Connect
//! [WHATWG URL standard]: https://url.spec.whatwg.org/

mod amqp;
mod checks;
mod database;
mod from_parts;
mod generic;
mod handle;
mod host;
mod http;
mod kafka;
mod memcached;
mod mongo;
mod mqtt;
mod mysql;
mod nats;
mod parse;
mod pg_env;
mod postgres;
mod query;
mod redis;
mod smtp;
mod sqlite;
mod url_parts;
mod with_password;

use std::fmt;
use std::str::FromStr;

use secrecy::SecretString;

pub use amqp::AmqpUrl;
pub use database::DatabaseUrl;
#[allow(unused_imports, reason = "used by the sqlx conversions")]
pub use from_parts::FromParts;
pub use generic::ResourceUrl;
pub use http::HttpUrl;
pub use kafka::KafkaUrl;
pub use memcached::MemcachedUrl;
pub use mongo::MongoUrl;
pub use mqtt::MqttUrl;
pub use mysql::MysqlUrl;
pub use nats::NatsUrl;
#[allow(unused_imports, reason = "used by the rumqttc conversion")]
pub(crate) use nats::server as server_url;
pub use parse::{ParseError, UrlPart};
pub use pg_env::PgEnv;
pub use postgres::PostgresUrl;
pub use redis::RedisUrl;
pub use smtp::SmtpUrl;
pub use sqlite::SqliteUrl;
pub(crate) use url_parts::encode_into;
pub use url_parts::{Assemble, UrlParts};
#[doc(hidden)]
pub use with_password::RawUrl;
pub use with_password::WithPassword;

use crate::disclosure::is_credential_query_key;

/// A typed URL of one kind of attached resource.
///
/// # Examples
///
/// Code that takes any resource:
///
/// ```
/// use twelve_config::resource::{AmqpUrl, RedisUrl, Resource};
///
/// fn describe(resource: &impl Resource) -> String {
///     format!("{} at {}:{}", resource.scheme(), resource.host().unwrap_or("-"), resource.port().unwrap_or(0))
/// }
///
/// assert_eq!(describe(&"redis://cache".parse::<RedisUrl>().unwrap()), "redis at cache:6379");
/// assert_eq!(describe(&"amqps://mq.example".parse::<AmqpUrl>().unwrap()), "amqps at mq.example:5671");
/// ```
pub trait Resource: FromStr<Err = ParseError> + fmt::Display + fmt::Debug {
    /// The scheme, lowercase: `postgres`, `rediss`, ...
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{RedisUrl, Resource};
    ///
    /// let url: RedisUrl = "REDIS://cache/0".parse().unwrap();
    /// assert_eq!(url.scheme(), "redis");
    /// ```
    fn scheme(&self) -> &str;

    /// Every host, in order (`h1:5432,h2:5433`); empty when the URL names
    /// none (`postgres:///db` means the local default).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, Resource};
    ///
    /// let url: PostgresUrl = "postgresql://h1:5432,h2:5433/db".parse().unwrap();
    /// let hosts: Vec<(&str, Option<u16>)> = url.hosts().iter().map(|h| (h.host(), h.port())).collect();
    /// assert_eq!(hosts, [("h1", Some(5432)), ("h2", Some(5433))]);
    /// ```
    fn hosts(&self) -> &[HostPort];

    /// The first host: a name, an IP address (IPv6 without brackets), or a
    /// unix socket path.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, Resource};
    ///
    /// let url: PostgresUrl = "postgresql://[2001:db8::1234]/database".parse().unwrap();
    /// assert_eq!(url.host(), Some("2001:db8::1234"));
    /// ```
    fn host(&self) -> Option<&str> {
        self.hosts().first().map(HostPort::host)
    }

    /// The first host's port, explicit or the kind's default.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{AmqpUrl, Resource};
    ///
    /// assert_eq!("amqp://mq".parse::<AmqpUrl>().unwrap().port(), Some(5672));
    /// assert_eq!("amqp://mq:10000".parse::<AmqpUrl>().unwrap().port(), Some(10000));
    /// ```
    fn port(&self) -> Option<u16>;

    /// The user name, percent-decoded.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{MongoUrl, Resource};
    ///
    /// let url: MongoUrl = "mongodb://user%40EXAMPLE.COM:secret@localhost/".parse().unwrap();
    /// assert_eq!(url.username(), Some("user@EXAMPLE.COM"));
    /// ```
    fn username(&self) -> Option<&str>;

    /// The password, percent-decoded, as a secret.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::ExposeSecret;
    /// use twelve_config::resource::{RedisUrl, Resource};
    ///
    /// let url: RedisUrl = "redis://:p%40ss@cache".parse().unwrap();
    /// assert_eq!(url.password().unwrap().expose_secret(), "p@ss");
    /// ```
    fn password(&self) -> Option<&SecretString>;

    /// The query parameters, percent-decoded, in order. Credentials
    /// (`password`, `pass`, ...) are left out: read them with
    /// [`password`](Self::password).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, Resource};
    ///
    /// let url: PostgresUrl = "postgres://db/app?application_name=my%20app&sslmode=require".parse().unwrap();
    /// let pairs: Vec<(&str, &str)> = url.query_pairs().collect();
    /// assert_eq!(pairs, [("application_name", "my app"), ("sslmode", "require")]);
    /// ```
    fn query_pairs(&self) -> QueryPairs<'_>;

    /// The URL exactly as given, credentials included, for the driver.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::ExposeSecret;
    /// use twelve_config::resource::{PostgresUrl, Resource};
    ///
    /// let url: PostgresUrl = "postgres://app:s3cret@db/app".parse().unwrap();
    /// assert_eq!(url.expose_url().expose_secret(), "postgres://app:s3cret@db/app");
    /// ```
    fn expose_url(&self) -> SecretString;
}

pub(crate) use checks::*;
pub(crate) use handle::*;
pub(crate) use host::HostName;
pub use host::HostPort;
pub use query::QueryPairs;
pub(crate) use query::query_pairs;

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use secrecy::ExposeSecret;

    use super::{HostName, scheme_and_authority};
    use crate::resource::{HttpUrl, MongoUrl, PostgresUrl, RedisUrl};

    #[test]
    fn a_host_name_reads_as_its_text() {
        // Multi-byte UTF-8 (a decoded host), an empty one, and a socket path.
        for text in ["", "é.example", "ü", "/run/postgresql", "db.internal"] {
            let host = HostName::from(text);
            assert_eq!(host, HostName::from(text.to_owned()));
            assert_eq!(host.as_str(), text);
            assert_eq!(host.as_bytes(), text.as_bytes());
            assert_eq!(host.is_empty(), text.is_empty());
            assert_eq!(host.is_socket(), text.starts_with('/'));
            assert_eq!(format!("{host}"), text);
            assert_eq!(format!("{host:?}"), format!("{text:?}"));
        }
    }

    #[test]
    fn hosts_read_the_same_whatever_their_length() {
        let long = "a-rather-long-host-name.cluster-c9akciq32.eu-west-1.rds.amazonaws.com";
        for host in ["db", "db.internal", "exactly-22-bytes-host.", long] {
            let url: PostgresUrl = format!("postgres://u:p@{host}:6543/app").parse().unwrap();
            assert_eq!((url.host(), url.port()), (Some(host), Some(6543)));
            assert_eq!(url.hosts()[0].host(), host);
            // Equal and hashed alike, cloned or parsed again.
            let again: PostgresUrl = format!("postgres://{host}:6543/other").parse().unwrap();
            assert_eq!(url.hosts()[0], again.clone().hosts()[0]);
            let state = std::hash::RandomState::new();
            assert_eq!(state.hash_one(&url.hosts()[0]), state.hash_one(&again.hosts()[0]));
        }
        // A host decoded from escapes, and the checks that read its bytes.
        let mongo: MongoUrl = "mongodb://%2Ftmp%2Fmongodb-27017.sock/app".parse().unwrap();
        assert!(mongo.hosts()[0].is_socket());
        assert_eq!(mongo.host(), Some("/tmp/mongodb-27017.sock"));
        assert!("redis://0.0.0.0:6379".parse::<RedisUrl>().is_err());
        assert!("https://256.1.1.1/".parse::<HttpUrl>().is_err());
        assert!("https://example.com/".parse::<HttpUrl>().is_ok());
    }

    #[test]
    fn a_password_is_copied_only_when_asked_for_and_reads_the_same() {
        // As written (a span until asked), decoded (a copy from the start),
        // empty (no password), from the query (libpq's ?password=).
        let cases = [
            ("postgres://app:s3cret@db/app", Some("s3cret")),
            ("postgres://app:p%40ss%20w@db/app", Some("p@ss w")),
            ("postgres://app@db/app?password=q%3Ay", Some("q:y")),
            ("postgres://app@db/app?password=plain", Some("plain")),
            ("postgres://app@db/app", None),
        ];
        for (text, password) in cases {
            let url: PostgresUrl = text.parse().unwrap();
            // A clone taken before the first read reads the same.
            let before = url.clone();
            assert_eq!(url.password().map(|p| p.expose_secret()), password, "{text}");
            assert_eq!(before.password().map(|p| p.expose_secret()), password, "{text}");
            // The same copy each time.
            if let (Some(first), Some(second)) = (url.password(), url.password()) {
                assert!(std::ptr::eq(first, second));
            }
            assert_eq!(url.clone().password().map(|p| p.expose_secret()), password);
        }
        // `user:@host` names no password where the driver reads it so.
        let redis: RedisUrl = "redis://user:@cache".parse().unwrap();
        assert!(redis.password().is_none());
        let http: HttpUrl = "https://user:@example.com/".parse().unwrap();
        assert!(http.password().is_none());
        // A server list is joined into another text than the one kept: its
        // password (a NATS token here) is copied while that text is at hand.
        let nats: crate::resource::NatsUrl = "nats://t0ken@a:4222,nats://t0ken@b:4222".parse().unwrap();
        assert_eq!(nats.token().map(|t| t.expose_secret()), Some("t0ken"));
        // A handle may be read from several threads at once.
        let url: RedisUrl = "redis://:r3dis@cache/2".parse().unwrap();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| assert_eq!(url.password().unwrap().expose_secret(), "r3dis"));
            }
        });
    }

    #[test]
    fn the_authority_is_only_the_one_right_after_the_scheme() {
        assert_eq!(scheme_and_authority("redis://h/0"), Some(("redis", "h/0")));
        assert_eq!(scheme_and_authority("redis+unix:///run/r.sock"), Some(("redis+unix", "/run/r.sock")));
        assert_eq!(scheme_and_authority("unix:/run/r.sock?pass=x://y"), None);
        assert_eq!(scheme_and_authority("unix:/a://b"), None);
        assert_eq!(scheme_and_authority("sqlite::memory:"), None);
        assert_eq!(scheme_and_authority("a/b://c"), None);
        assert_eq!(scheme_and_authority("1a://c"), None);
        assert_eq!(scheme_and_authority("://c"), None);
        assert_eq!(scheme_and_authority("no scheme at all"), None);
    }
}
