//! The configuration of a small billing service, loaded from the
//! environment.
//!
//! With nothing set, it runs on its defaults (a local development setup) and
//! logs the effective configuration, each value with where it came from,
//! secrets never shown:
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With bad values, it prints every problem at once and exits with status 78
//! (`EX_CONFIG`):
//!
//! ```text
//! BILLING_PORT=eighty BILLING_WORKERS=0 BILLING_DEBUG=flase \
//!   DATABASE_URL=mysql://admin:hunter2@db.internal/app cargo run --example quickstart
//! ```

// README: begin
use std::time::Duration;

use twelve_config::resource::{PostgresUrl, RedisUrl};
use twelve_config::{Env, EnvConfig, Error, SecretString};

/// Settings of the billing service.
#[derive(EnvConfig, Debug)]
#[env(prefix = "BILLING_", validate = workers_fit_the_pool)]
struct Config {
    /// Port the HTTP server binds.
    #[env(default = 8080)]
    port: u16, // BILLING_PORT
    /// Primary database; POSTGRES_URL is read too, as older deploys set it.
    #[env(name = "DATABASE_URL", alias = "POSTGRES_URL", default = "postgres://localhost:5432/billing")]
    database: PostgresUrl, // DATABASE_URL (exact name, no prefix)
    /// Cache; caching is off when unset.
    redis_url: Option<RedisUrl>, // BILLING_REDIS_URL, optional
    /// Token for the payments API; payments are off without it.
    api_token: Option<SecretString>, // BILLING_API_TOKEN, never shown
    /// Allowed CORS origins, comma-separated.
    #[env(default = "", deprecated = "BILLING_CORS")]
    allowed_origins: Vec<String>, // "a.example,b.example"
    /// How long a request may take.
    #[env(default = "30s")]
    request_timeout: Duration,
    /// Request workers.
    #[env(default = 4, range = 1..=64)]
    workers: u8,
    /// Verbose logging.
    #[env(default = false)]
    debug: bool,
    /// The mail relay.
    #[env(nested)]
    smtp: Smtp, // BILLING_SMTP_HOST, BILLING_SMTP_PORT, BILLING_SMTP_PASSWORD
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
    /// Mail relay password; or a file named by `BILLING_SMTP_PASSWORD_FILE`.
    #[env(file)]
    password: Option<SecretString>,
}

/// A rule across fields: its failure joins the same report.
fn workers_fit_the_pool(config: &Config) -> Result<(), twelve_config::RuleError> {
    if config.debug && config.workers > 1 {
        let error = twelve_config::RuleError::new("debug mode runs one worker");
        return Err(error.fields(["debug", "workers"]));
    }
    Ok(())
}

fn main() {
    let config = load().unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(twelve_config::EXIT_CONFIG)
    });
    println!("{}", startup_line(&config));
}

/// Loads the config, logging warnings and the effective configuration.
fn load() -> Result<Config, Error> {
    let loaded = Config::load(&Env)?;
    for warning in loaded.warnings() {
        eprintln!("warning: {warning}");
    }
    println!("effective configuration:\n{loaded}\n");
    Ok(loaded.into_inner())
}

/// What the service would log once it is up: no secret in it.
fn startup_line(config: &Config) -> String {
    let origins = match config.allowed_origins.as_slice() {
        [] => "any origin".to_owned(),
        origins => origins.join(" "),
    };
    let mail_auth = if config.smtp.password.is_some() { "with a password" } else { "without auth" };
    let payments = if config.api_token.is_some() { "on" } else { "off" };
    format!(
        "billing on :{} with {} workers (db {}, cache {}, CORS {origins}, timeout {:?}, debug {}), \
         mail via {}:{} {mail_auth}, payments {payments}",
        config.port,
        config.workers,
        config.database,
        config.redis_url.as_ref().map_or("off".to_owned(), ToString::to_string),
        config.request_timeout,
        config.debug,
        config.smtp.host,
        config.smtp.port,
    )
}
// README: end
