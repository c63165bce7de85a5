//! Attached resources on real platforms: the environment first, then what
//! the platform mounts or passes beside it: Kubernetes service bindings
//! (`$SERVICE_BINDING_ROOT`), systemd credentials (`$CREDENTIALS_DIRECTORY`)
//! and Cloud Foundry's `VCAP_SERVICES`.
//!
//! ```text
//! cargo run --example platforms
//! VCAP_SERVICES='{"p.redis":[{"name":"cache","label":"p.redis","credentials":{"host":"r","port":6379}}]}' \
//!   cargo run --example platforms --features json
//! mkdir -p /tmp/bindings/orders-db && cd /tmp/bindings/orders-db && \
//!   printf postgresql > type && printf db.internal > host && printf 'p@ss' > password && cd - && \
//!   SERVICE_BINDING_ROOT=/tmp/bindings cargo run --example platforms
//! ```

use twelve_config::resource::PostgresUrl;
use twelve_config::{Env, EnvConfig, ServiceBindings, Source, SystemdCredentials};

/// Settings of the orders service.
#[derive(EnvConfig, Debug)]
struct Config {
    /// Primary database: `DATABASE_URL`, or the one postgresql binding.
    database_url: Option<PostgresUrl>,
    /// Cache: `REDIS_URL`, or the one redis binding or service.
    redis_url: Option<twelve_config::resource::RedisUrl>,
    /// Token for the payments API: a systemd credential in production.
    payments_token: Option<twelve_config::SecretString>,
}

/// The environment first, then the service bindings, the systemd
/// credentials and (with the `json` feature) Cloud Foundry's services: the
/// first that has a variable gives it.
#[cfg(not(feature = "json"))]
fn layered() -> Result<impl Source, twelve_config::PlatformError> {
    Ok(Env.or(ServiceBindings::from_env()?).or(SystemdCredentials::from_env()?))
}

#[cfg(feature = "json")]
fn layered() -> Result<impl Source, twelve_config::PlatformError> {
    let services = twelve_config::VcapServices::from_env()?;
    Ok(Env.or(ServiceBindings::from_env()?).or(SystemdCredentials::from_env()?).or(services))
}

fn main() {
    let sources = layered().unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(twelve_config::EXIT_CONFIG)
    });
    let loaded = Config::load(&sources).unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(twelve_config::EXIT_CONFIG)
    });
    for warning in loaded.warnings() {
        eprintln!("warning: {warning}");
    }
    println!("effective configuration:\n{loaded}\n");
    let config = loaded.into_inner();
    let database = config.database_url.as_ref().map_or("none".to_owned(), ToString::to_string);
    let payments = if config.payments_token.is_some() { "on" } else { "off" };
    let cache = config.redis_url.as_ref().map_or("none".to_owned(), ToString::to_string);
    println!("orders with database {database}, cache {cache}, payments {payments}");
}
