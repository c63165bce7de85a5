//! Generates a service's environment documentation from its config type,
//! so the docs and templates never drift from the code.
//!
//! ```text
//! cargo run --example env_docs               # a .env.example on stdout
//! cargo run --example env_docs -- markdown   # a Markdown table for the README
//! ```

use std::time::Duration;

use twelve_config::resource::{AmqpUrl, PostgresUrl, RedisUrl};
use twelve_config::{EnvConfig, SecretString, render};

/// Settings of the billing service.
#[derive(EnvConfig)]
#[env(prefix = "BILLING_", file)]
#[allow(dead_code)] // Only the variables are documented here.
struct Config {
    /// Port the HTTP server binds.
    #[env(default = 8080)]
    port: u16,
    /// Primary database.
    #[env(name = "DATABASE_URL")]
    database: PostgresUrl,
    /// Cache; caching is off when unset.
    redis_url: Option<RedisUrl>,
    /// Queue for invoices to send.
    #[env(default = "amqp://localhost/%2f")]
    amqp_url: AmqpUrl,
    /// Token for the payments API.
    api_token: SecretString,
    /// Allowed CORS origins, comma-separated.
    #[env(default = "")]
    allowed_origins: Vec<String>,
    /// How long a request may take.
    #[env(default = "30s")]
    request_timeout: Duration,
    /// The mail relay.
    #[env(nested)]
    smtp: Smtp,
}

/// How the service sends mail.
#[derive(EnvConfig)]
#[allow(dead_code)]
struct Smtp {
    /// Mail relay host.
    host: String,
    /// Mail relay port.
    #[env(default = 587)]
    port: u16,
    /// Mail relay password.
    password: Option<SecretString>,
}

fn main() {
    let vars = Config::vars();
    match std::env::args().nth(1).as_deref() {
        None | Some("env") => print!("{}", render::env_example(&vars)),
        Some("markdown") => print!("{}", render::markdown(&vars)),
        Some(other) => {
            eprintln!("unknown format {other:?}: expected `env` or `markdown`");
            std::process::exit(2);
        }
    }
}
