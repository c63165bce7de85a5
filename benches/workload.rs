//! The workload: one realistic 30-field config (strings, integers, floats,
//! bools, two optional left unset, two defaulted, three URLs), loaded from
//! the same process environment by every contender.

#![allow(dead_code)] // The configs exist to be loaded, not read.

use std::env;
use std::time::Duration;

use envconfig::Envconfig;
use twelve_config::EnvConfig;
use twelve_config::SecretString;
use twelve_config::resource::{HttpUrl, PostgresUrl, RedisUrl};

/// The variables the config reads that are set (the optional and defaulted
/// ones are left unset).
pub const SET: &[(&str, &str)] = &[
    ("APP_SERVICE_NAME", "billing"),
    ("APP_REGION", "eu-west-1"),
    ("APP_LOG_LEVEL", "info"),
    ("APP_LOG_FORMAT", "json"),
    ("APP_HOST", "0.0.0.0"),
    ("APP_ENVIRONMENT", "production"),
    ("APP_INSTANCE_ID", "billing-7f9c4d-2"),
    ("APP_API_TOKEN", "tok_live_4eC39HqLyjWDarjtT1zdp7dc"),
    ("APP_PORT", "8080"),
    ("APP_WORKERS", "16"),
    ("APP_MAX_CONNECTIONS", "512"),
    ("APP_POOL_SIZE", "32"),
    ("APP_RETRY_COUNT", "5"),
    ("APP_CACHE_TTL_SECS", "3600"),
    ("APP_QUEUE_DEPTH", "10000"),
    ("APP_SAMPLE_RATE", "0.25"),
    ("APP_CPU_THRESHOLD", "0.85"),
    ("APP_BACKOFF_FACTOR", "1.5"),
    ("APP_DEBUG", "false"),
    ("APP_METRICS_ENABLED", "true"),
    ("APP_TRACING_ENABLED", "true"),
    ("APP_READ_ONLY", "false"),
    ("APP_MAINTENANCE_MODE", "false"),
    ("APP_DATABASE_URL", "postgres://billing:s3cret@db.internal:5432/billing?sslmode=require"),
    ("APP_REDIS_URL", "redis://:r3dis@cache.internal:6379/2"),
    ("APP_API_URL", "https://payments.example.com/v1/"),
];

/// Replaces the whole process environment with `SET` plus unrelated
/// variables (named as [`NEIGHBOURS`]), `total` in all. Call only while no other thread runs.
pub fn install_environment(total: usize) {
    let names: Vec<_> = env::vars_os().map(|(name, _)| name).collect();
    for name in names {
        // SAFETY: the benchmark is single-threaded here (criterion runs
        // without rayon), so nothing reads the environment meanwhile.
        unsafe { env::remove_var(name) };
    }
    for (name, value) in SET {
        unsafe { env::set_var(name, value) };
    }
    for index in SET.len()..total {
        let name = format!("{}{index:05}", NEIGHBOURS[index % NEIGHBOURS.len()]);
        unsafe { env::set_var(name, "/usr/local/bin:/usr/bin:/bin:some-other-value") };
    }
}

/// How the unrelated variables' names start: as in a real container, other
/// tools' and platforms' names, some with the config's first letter (`AWS_`)
/// or its whole prefix (a sidecar's `APP_SIDECAR_`), which a lookup cannot
/// turn away at the first byte.
const NEIGHBOURS: &[&str] = &[
    "KUBERNETES_SERVICE_",
    "AWS_",
    "APP_SIDECAR_",
    "LC_",
    "NPM_CONFIG_",
    "OTEL_EXPORTER_",
    "JAVA_",
    "PAYMENTS_",
    "HOSTNAME_",
    "XDG_",
    "AZURE_",
    "PGDATA_",
];

/// The workload's config, loaded by every contender: twelve-config,
/// envconfig and serde (envy, figment, config-rs) each read only their own
/// attributes, so all of them fill in this very struct.
// `#[env(debug)]` in place of `#[derive(Debug)]`: the token and the DSN
// are secrets, which a derived `Debug` would print.
#[derive(EnvConfig, Envconfig, serde::Deserialize)]
#[env(prefix = "APP_", debug)]
pub struct Plain {
    #[envconfig(from = "APP_SERVICE_NAME")]
    pub service_name: String,
    #[envconfig(from = "APP_REGION")]
    pub region: String,
    #[envconfig(from = "APP_LOG_LEVEL")]
    pub log_level: String,
    #[envconfig(from = "APP_LOG_FORMAT")]
    pub log_format: String,
    #[envconfig(from = "APP_HOST")]
    pub host: String,
    #[envconfig(from = "APP_ENVIRONMENT")]
    pub environment: String,
    #[envconfig(from = "APP_INSTANCE_ID")]
    pub instance_id: String,
    #[envconfig(from = "APP_API_TOKEN")]
    pub api_token: String,
    #[envconfig(from = "APP_PORT")]
    pub port: u16,
    #[envconfig(from = "APP_WORKERS")]
    pub workers: u32,
    #[envconfig(from = "APP_MAX_CONNECTIONS")]
    pub max_connections: u32,
    #[envconfig(from = "APP_POOL_SIZE")]
    pub pool_size: u32,
    #[envconfig(from = "APP_RETRY_COUNT")]
    pub retry_count: u8,
    #[envconfig(from = "APP_CACHE_TTL_SECS")]
    pub cache_ttl_secs: u64,
    #[envconfig(from = "APP_QUEUE_DEPTH")]
    pub queue_depth: u64,
    #[envconfig(from = "APP_SAMPLE_RATE")]
    pub sample_rate: f64,
    #[envconfig(from = "APP_CPU_THRESHOLD")]
    pub cpu_threshold: f64,
    #[envconfig(from = "APP_BACKOFF_FACTOR")]
    pub backoff_factor: f64,
    #[envconfig(from = "APP_DEBUG")]
    pub debug: bool,
    #[envconfig(from = "APP_METRICS_ENABLED")]
    pub metrics_enabled: bool,
    #[envconfig(from = "APP_TRACING_ENABLED")]
    pub tracing_enabled: bool,
    #[envconfig(from = "APP_READ_ONLY")]
    pub read_only: bool,
    #[envconfig(from = "APP_MAINTENANCE_MODE")]
    pub maintenance_mode: bool,
    #[envconfig(from = "APP_SENTRY_DSN")]
    pub sentry_dsn: Option<String>,
    #[envconfig(from = "APP_FEATURE_FLAGS")]
    pub feature_flags: Option<String>,
    #[env(default = 5000)]
    #[envconfig(from = "APP_TIMEOUT_MS", default = "5000")]
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
    #[env(default = 60)]
    #[envconfig(from = "APP_KEEPALIVE_SECS", default = "60")]
    #[serde(default = "default_keepalive_secs")]
    pub keepalive_secs: u32,
    #[envconfig(from = "APP_DATABASE_URL")]
    pub database_url: String,
    #[envconfig(from = "APP_REDIS_URL")]
    pub redis_url: String,
    #[envconfig(from = "APP_API_URL")]
    pub api_url: String,
}

/// twelve-config with typed handles for the URLs and the secret.
#[derive(EnvConfig)]
#[env(prefix = "APP_", debug)]
pub struct Typed {
    pub service_name: String,
    pub region: String,
    pub log_level: String,
    pub log_format: String,
    pub host: String,
    pub environment: String,
    pub instance_id: String,
    pub api_token: SecretString,
    pub port: u16,
    pub workers: u32,
    pub max_connections: u32,
    pub pool_size: u32,
    pub retry_count: u8,
    pub cache_ttl_secs: u64,
    pub queue_depth: u64,
    pub sample_rate: f64,
    pub cpu_threshold: f64,
    pub backoff_factor: f64,
    pub debug: bool,
    pub metrics_enabled: bool,
    pub tracing_enabled: bool,
    pub read_only: bool,
    pub maintenance_mode: bool,
    pub sentry_dsn: Option<String>,
    pub feature_flags: Option<String>,
    #[env(default = Duration::from_millis(5000))]
    pub timeout: Duration,
    #[env(default = 60)]
    pub keepalive_secs: u32,
    pub database_url: PostgresUrl,
    pub redis_url: RedisUrl,
    pub api_url: HttpUrl,
}

/// The floor: `std::env::var` and `parse` per field, by hand.
pub fn hand_written() -> Result<Plain, String> {
    fn var(name: &str) -> Result<String, String> {
        env::var(name).map_err(|error| format!("{name}: {error}"))
    }
    fn parse<T: std::str::FromStr>(name: &str) -> Result<T, String> {
        var(name)?.parse().map_err(|_| format!("{name}: invalid"))
    }
    fn flag(name: &str) -> Result<bool, String> {
        // As strict as twelve-config's bool, and as cheap as it can be.
        let text = var(name)?;
        let is = |word: &str| text.eq_ignore_ascii_case(word);
        if is("true") || is("1") || is("yes") || is("on") {
            Ok(true)
        } else if is("false") || is("0") || is("no") || is("off") {
            Ok(false)
        } else {
            Err(format!("{name}: invalid"))
        }
    }
    fn or<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
        match env::var(name) {
            Ok(text) => text.parse().map_err(|_| format!("{name}: invalid")),
            Err(_) => Ok(default),
        }
    }
    Ok(Plain {
        service_name: var("APP_SERVICE_NAME")?,
        region: var("APP_REGION")?,
        log_level: var("APP_LOG_LEVEL")?,
        log_format: var("APP_LOG_FORMAT")?,
        host: var("APP_HOST")?,
        environment: var("APP_ENVIRONMENT")?,
        instance_id: var("APP_INSTANCE_ID")?,
        api_token: var("APP_API_TOKEN")?,
        port: parse("APP_PORT")?,
        workers: parse("APP_WORKERS")?,
        max_connections: parse("APP_MAX_CONNECTIONS")?,
        pool_size: parse("APP_POOL_SIZE")?,
        retry_count: parse("APP_RETRY_COUNT")?,
        cache_ttl_secs: parse("APP_CACHE_TTL_SECS")?,
        queue_depth: parse("APP_QUEUE_DEPTH")?,
        sample_rate: parse("APP_SAMPLE_RATE")?,
        cpu_threshold: parse("APP_CPU_THRESHOLD")?,
        backoff_factor: parse("APP_BACKOFF_FACTOR")?,
        debug: flag("APP_DEBUG")?,
        metrics_enabled: flag("APP_METRICS_ENABLED")?,
        tracing_enabled: flag("APP_TRACING_ENABLED")?,
        read_only: flag("APP_READ_ONLY")?,
        maintenance_mode: flag("APP_MAINTENANCE_MODE")?,
        sentry_dsn: env::var("APP_SENTRY_DSN").ok(),
        feature_flags: env::var("APP_FEATURE_FLAGS").ok(),
        timeout_ms: or("APP_TIMEOUT_MS", 5000)?,
        keepalive_secs: or("APP_KEEPALIVE_SECS", 60)?,
        database_url: var("APP_DATABASE_URL")?,
        redis_url: var("APP_REDIS_URL")?,
        api_url: var("APP_API_URL")?,
    })
}

fn default_timeout_ms() -> u64 {
    5000
}

fn default_keepalive_secs() -> u32 {
    60
}

pub fn with_envy() -> Result<Plain, envy::Error> {
    envy::prefixed("APP_").from_env()
}

#[allow(clippy::result_large_err, reason = "figment's own error type")]
pub fn with_figment() -> Result<Plain, figment::Error> {
    figment::Figment::new().merge(figment::providers::Env::prefixed("APP_")).extract()
}

pub fn with_config_rs() -> Result<Plain, config::ConfigError> {
    config::Config::builder()
        .add_source(config::Environment::with_prefix("APP").try_parsing(true))
        .build()?
        .try_deserialize()
}
