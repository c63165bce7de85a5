//! The configuration of a small billing service, loaded from the
//! environment.
//!
//! With nothing set, it runs on its defaults (a local development setup) and
//! prints the effective configuration, secrets redacted:
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With bad values, it prints every problem at once and exits with status 78
//! (`EX_CONFIG`):
//!
//! ```text
//! BILLING_PORT=eighty BILLING_DEBUG=flase BILLING_SMTP_HOST= \
//!   DATABASE_URL=mysql://admin:hunter2@db.internal/app cargo run --example quickstart
//! ```

use std::time::Duration;

use twelve_config::resource::{PostgresUrl, RedisUrl};
use twelve_config::{EnvConfig, ExposeSecret, SecretString};

/// Settings of the billing service.
#[derive(EnvConfig, Debug)]
#[env(prefix = "BILLING_")]
struct Config {
    /// Port the HTTP server binds.
    #[env(default = 8080)]
    port: u16,
    /// Primary database.
    #[env(name = "DATABASE_URL", default = "postgres://localhost:5432/billing")]
    database: PostgresUrl,
    /// Cache; caching is off when unset.
    redis_url: Option<RedisUrl>,
    /// Token for the payments API.
    #[env(default = "dev-token-not-for-production")]
    api_token: SecretString,
    /// Allowed CORS origins, comma-separated.
    #[env(default = "")]
    allowed_origins: Vec<String>,
    /// How long a request may take.
    #[env(default = "30s")]
    request_timeout: Duration,
    /// Verbose logging.
    #[env(default = false)]
    debug: bool,
    /// The mail relay.
    #[env(nested)]
    smtp: Smtp,
}

/// How the service sends mail.
#[derive(EnvConfig, Debug)]
struct Smtp {
    /// Mail relay host.
    #[env(default = "localhost")]
    host: String,
    /// Mail relay port.
    #[env(default = 587)]
    port: u16,
    /// Mail relay password; read from `BILLING_SMTP_PASSWORD_FILE` when that is set instead.
    #[env(file)]
    password: Option<SecretString>,
}

fn main() {
    let config = Config::from_env_or_exit();
    println!("{config:#?}");
    println!();
    println!("{}", startup_line(&config));
}

/// What the service would log once it is up: no secret in it.
fn startup_line(config: &Config) -> String {
    let origins = match config.allowed_origins.as_slice() {
        [] => "any origin".to_owned(),
        origins => origins.join(" "),
    };
    let mail_auth = if config.smtp.password.is_some() { "with a password" } else { "without auth" };
    let payments = if config.api_token.expose_secret().is_empty() { "off" } else { "on" };
    format!(
        "billing on :{} (db {}, cache {}, CORS {origins}, timeout {:?}, debug {}), \
         mail via {}:{} {mail_auth}, payments {payments}",
        config.port,
        config.database,
        config.redis_url.as_ref().map_or("off".to_owned(), ToString::to_string),
        config.request_timeout,
        config.debug,
        config.smtp.host,
        config.smtp.port,
    )
}
