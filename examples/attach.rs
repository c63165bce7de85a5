//! One config, three attached resources: a database, a cache and a broker.
//! Swap a URL and the same code talks to another server.
//!
//! ```text
//! DATABASE_URL=postgres://postgres@127.0.0.1/test \
//! REDIS_URL=redis://127.0.0.1:6379/0 \
//! AMQP_URL=amqp://guest:guest@127.0.0.1:5672/%2f \
//!   cargo run --example attach --features attach
//! ```
//!
//! It runs one real round trip on each (a query, a SET and GET, a publish
//! and consume) and prints what it attached to, passwords masked.

use lapin::options::{BasicGetOptions, BasicPublishOptions, QueueDeclareOptions};
use lapin::types::FieldTable;
use lapin::{BasicProperties, Connection, ConnectionProperties};
use twelve_config::EnvConfig;
use twelve_config::resource::{AmqpUrl, DatabaseUrl, RedisUrl};

/// The resources a worker attaches to.
#[derive(EnvConfig, Debug)]
struct Config {
    /// The database: Postgres, MySQL or SQLite, chosen by the URL.
    #[env(name = "DATABASE_URL", default = "sqlite::memory:")]
    database: DatabaseUrl,
    /// The cache.
    #[env(name = "REDIS_URL")]
    redis: RedisUrl,
    /// The broker.
    #[env(name = "AMQP_URL")]
    amqp: AmqpUrl,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env_or_exit();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .connect_with(config.database.to_any_connect_options()?)
            .await?;
        let answer: i32 = sqlx::query_scalar("SELECT 40 + 2").fetch_one(&pool).await?;
        println!("database {}: SELECT 40 + 2 = {answer}", config.database);

        let mut cache = config.redis.to_client()?.get_connection()?;
        redis::cmd("SET").arg("twelve-config:attach").arg("hello").exec(&mut cache)?;
        let value: String = redis::cmd("GET").arg("twelve-config:attach").query(&mut cache)?;
        redis::cmd("DEL").arg("twelve-config:attach").exec(&mut cache)?;
        println!("cache {}: SET then GET = {value:?}", config.redis);

        let connection = Connection::connect_uri(config.amqp.to_amqp_uri()?, ConnectionProperties::default()).await?;
        let channel = connection.create_channel().await?;
        let options = QueueDeclareOptions { exclusive: true, auto_delete: true, ..QueueDeclareOptions::default() };
        let queue = channel.queue_declare("", options, FieldTable::default()).await?;
        channel
            .basic_publish(
                "",
                queue.name().as_str(),
                BasicPublishOptions::default(),
                b"hello",
                BasicProperties::default(),
            )
            .await?
            .await?;
        let mut message = None;
        for _ in 0..50 {
            message = channel.basic_get(queue.name().as_str(), BasicGetOptions { no_ack: true }).await?;
            if message.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let body = message.map(|m| String::from_utf8_lossy(&m.delivery.data).into_owned()).unwrap_or_default();
        println!("broker {} (vhost {:?}): publish then consume = {body:?}", config.amqp, config.amqp.vhost());
        connection.close(0, "done").await?;
        Ok(())
    })
}
