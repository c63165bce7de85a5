//! Attaching: from a [`resource`](crate::resource) handle to the connection
//! options of the driver that connects to it.
//!
//! "Attached resource" means the handle is what the application hands to its
//! driver: swap the URL, and the same code talks to another database, cache
//! or broker. Each conversion sits behind a cargo feature named for the
//! driver, with the driver's default features off:
//!
//! | feature | handle | method | gives |
//! | --- | --- | --- | --- |
//! | `sqlx-postgres` | [`PostgresUrl`] | [`to_pg_connect_options`](crate::resource::PostgresUrl::to_pg_connect_options) | `sqlx::postgres::PgConnectOptions` |
//! | `sqlx-mysql` | [`MysqlUrl`] | [`to_mysql_connect_options`](crate::resource::MysqlUrl::to_mysql_connect_options) | `sqlx::mysql::MySqlConnectOptions` |
//! | `sqlx-sqlite` | [`SqliteUrl`] | [`to_sqlite_connect_options`](crate::resource::SqliteUrl::to_sqlite_connect_options) | `sqlx::sqlite::SqliteConnectOptions` |
//! | `sqlx-any` | [`DatabaseUrl`] | [`to_any_connect_options`](crate::resource::DatabaseUrl::to_any_connect_options) | `sqlx::any::AnyConnectOptions` |
//! | `tokio-postgres` | [`PostgresUrl`] | [`to_tokio_postgres_config`](crate::resource::PostgresUrl::to_tokio_postgres_config) | `tokio_postgres::Config` |
//! | `redis` | [`RedisUrl`] | [`to_connection_info`](crate::resource::RedisUrl::to_connection_info), [`to_client`](crate::resource::RedisUrl::to_client) | `redis::ConnectionInfo`, `redis::Client` |
//! | `lapin` | [`AmqpUrl`] | [`to_amqp_uri`](crate::resource::AmqpUrl::to_amqp_uri) | `lapin::uri::AMQPUri` |
//! | `lettre` | [`SmtpUrl`] | [`to_smtp_transport_builder`](crate::resource::SmtpUrl::to_smtp_transport_builder) | `lettre::transport::smtp::SmtpTransportBuilder` |
//! | `async-nats` | [`NatsUrl`] | [`to_nats_connect_options`](crate::resource::NatsUrl::to_nats_connect_options), [`to_server_addrs`](crate::resource::NatsUrl::to_server_addrs) | `async_nats::ConnectOptions`, `Vec<async_nats::ServerAddr>` |
//! | `rumqttc` | [`MqttUrl`] | [`to_mqtt_options`](crate::resource::MqttUrl::to_mqtt_options), [`to_mqtt_options_with`](crate::resource::MqttUrl::to_mqtt_options_with) | `rumqttc::MqttOptions` |
//! | `url` | [`HttpUrl`] | [`to_url`](crate::resource::HttpUrl::to_url) | `url::Url` |
//!
//! A conversion carries the hosts, port, credentials (as the driver's own
//! types; never logged), database, TLS mode and the query options the
//! driver understands, and it *rejects* with an [`AttachError`] what the
//! driver would silently drop or cannot express (several hosts for sqlx,
//! `sslmode=verify-full` for tokio-postgres, an unknown query option), so a
//! URL never means less than it says.
//!
//! ```
//! # #[cfg(feature = "sqlx-postgres")]
//! # {
//! use twelve_config::EnvConfig;
//! use twelve_config::resource::PostgresUrl;
//!
//! #[derive(EnvConfig)]
//! struct Config {
//!     database_url: PostgresUrl,
//! }
//!
//! let config = Config::from_vars([("DATABASE_URL", "postgres://app:s3cret@db.internal/billing?sslmode=require")]).unwrap();
//! let options = config.database_url.to_pg_connect_options().unwrap();
//! assert_eq!(options.get_host(), "db.internal");
//! assert_eq!(options.get_database(), Some("billing"));
//! // let pool = sqlx::PgPool::connect_with(options).await?;
//! # }
//! ```
//!
//! [`PostgresUrl`]: crate::resource::PostgresUrl
//! [`MysqlUrl`]: crate::resource::MysqlUrl
//! [`SqliteUrl`]: crate::resource::SqliteUrl
//! [`DatabaseUrl`]: crate::resource::DatabaseUrl
//! [`RedisUrl`]: crate::resource::RedisUrl
//! [`AmqpUrl`]: crate::resource::AmqpUrl
//! [`SmtpUrl`]: crate::resource::SmtpUrl
//! [`HttpUrl`]: crate::resource::HttpUrl
//! [`NatsUrl`]: crate::resource::NatsUrl
//! [`MqttUrl`]: crate::resource::MqttUrl
//! [`PostgresUrl::to_pg_connect_options`]: crate::resource::PostgresUrl::to_pg_connect_options

// The table links every conversion; each exists only with its feature
// (docs.rs builds with all of them, as CI's `cargo doc` does).
#![cfg_attr(
    not(all(
        feature = "sqlx-postgres",
        feature = "sqlx-mysql",
        feature = "sqlx-sqlite",
        feature = "sqlx-any",
        feature = "tokio-postgres",
        feature = "redis",
        feature = "lapin",
        feature = "lettre",
        feature = "async-nats",
        feature = "rumqttc",
        feature = "url"
    )),
    allow(rustdoc::broken_intra_doc_links)
)]

#[cfg(feature = "async-nats")]
mod async_nats;
#[cfg(feature = "lapin")]
mod lapin;
#[cfg(feature = "lettre")]
mod lettre;
#[cfg(feature = "redis")]
mod redis;
#[cfg(feature = "rumqttc")]
mod rumqttc;
#[cfg(any(feature = "sqlx-postgres", feature = "sqlx-mysql", feature = "sqlx-sqlite"))]
mod sqlx;
#[cfg(feature = "tokio-postgres")]
mod tokio_postgres;

/// Why a handle cannot become a driver's options: what the driver cannot
/// express, or would silently drop. Never holds a password.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "sqlx-postgres")]
/// # {
/// use twelve_config::resource::PostgresUrl;
///
/// let url: PostgresUrl = "postgres://h1,h2/app".parse().unwrap();
/// let error = url.to_pg_connect_options().unwrap_err();
/// assert!(error.to_string().starts_with("sqlx connects to one host"));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{message}")]
pub struct AttachError {
    message: String,
}

#[allow(dead_code, reason = "used by the driver conversions, each behind its own feature")]
impl AttachError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        // A driver's own message may quote the URL it was given: its
        // password masked, and any control, bidirectional or zero-width
        // character written as an escape (as `ParseError`'s).
        let masked = crate::mask_passwords(&message.into());
        Self { message: crate::report::escape_text(&masked).into_owned() }
    }

    pub(crate) fn ignored(driver: &str, key: &str) -> Self {
        Self::new(format!(
            "{driver} does not read the query option {key:?}: it would be silently dropped, so remove it \
             or set it in code"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::AttachError;

    #[test]
    fn a_driver_message_shows_neither_the_password_nor_a_raw_hazard() {
        let error = AttachError::new("bad URL postgres://u:s3cret@h/d\u{202e}b: \u{1b}[2Jcleared");
        let shown = error.to_string();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(!shown.contains('\u{202e}') && !shown.contains('\u{1b}'), "{shown:?}");
        assert!(shown.contains("\\u{202e}"), "{shown}");
    }
}
