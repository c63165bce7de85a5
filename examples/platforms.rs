//! Attached resources on real platforms: the environment first, then what
//! the platform mounts or passes beside it: Kubernetes service bindings
//! (`$SERVICE_BINDING_ROOT`), systemd credentials (`$CREDENTIALS_DIRECTORY`)
//! and Cloud Foundry's `VCAP_SERVICES`.
//!
//! ```text
//! cargo run --example platforms
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
    /// Token for the payments API: a systemd credential in production.
    payments_token: Option<twelve_config::SecretString>,
}

fn main() {
    let sources = ServiceBindings::from_env().and_then(|bindings| {
        let credentials = SystemdCredentials::from_env()?;
        Ok(Env.or(bindings).or(credentials))
    });
    let sources = sources.unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(twelve_config::EXIT_CONFIG)
    });
    // With the `json` feature, Cloud Foundry's services layer the same way:
    // `.or(twelve_config::VcapServices::from_env()?)`.
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
    println!("orders with database {database}, payments {payments}");
}
