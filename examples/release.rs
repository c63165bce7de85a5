//! Dev/prod parity and releases (factors V and X): a `.env` file for local
//! runs, never written to the process environment; the effective
//! configuration and its fingerprint logged at start; the Kubernetes and
//! Compose manifests generated from the same struct.
//!
//! ```text
//! cargo run --example release                  # loads the environment, then .env
//! cargo run --example release -- kubernetes    # prints the manifests
//! cargo run --example release -- compose
//! cargo run --example release -- --config-check   # 0 and the fingerprint, or 78 and the report
//! ```
//!
//! Two pods that log the same fingerprint run the same configuration; the
//! keyed fingerprint (key from `RELEASE_FINGERPRINT_KEY`, a secret the
//! pods share) covers the secrets too, without revealing them.

use twelve_config::resource::PostgresUrl;
use twelve_config::{DotEnv, Env, EnvConfig, ExposeSecret, SecretString, Source, render};

/// Settings of the release example.
#[derive(EnvConfig, Debug)]
#[env(prefix = "RELEASE_")]
struct Config {
    /// Port the HTTP server binds.
    #[env(default = 8080)]
    port: u16,
    /// Primary database.
    #[env(default = "postgres://localhost:5432/release")]
    database_url: PostgresUrl,
    /// Token for the payments API (payments are off without it); or a file
    /// named by RELEASE_API_TOKEN_FILE. In development, a `.env` file gives it.
    #[env(file)]
    api_token: Option<SecretString>,
    /// Log level.
    #[env(default = "info")]
    log_level: String,
    /// Key of the keyed fingerprint, shared by the pods of a release.
    fingerprint_key: Option<SecretString>,
}

fn main() {
    // `--config-check` (for an init container or a pipeline step),
    // `--config-help`, `--config-template` and `--config-schema` are
    // answered here, and the process exits; any other argument is ours.
    Config::answer_config_flags();
    match std::env::args().nth(1).as_deref() {
        Some("kubernetes") => print!("{}", render::kubernetes::<Config>()),
        Some("compose") => print!("{}", render::compose::<Config>()),
        _ => run(),
    }
}

fn run() {
    // The process environment first, then `.env` for what it does not set.
    let source = match DotEnv::from_path(".env") {
        Ok(dotenv) => Env.or(dotenv),
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(twelve_config::EXIT_CONFIG)
        }
    };
    let loaded = Config::load(&source).unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(twelve_config::EXIT_CONFIG)
    });
    for warning in loaded.warnings() {
        eprintln!("warning: {warning}");
    }
    println!("effective configuration:\n{loaded}\n");
    println!("fingerprint: {}", loaded.fingerprint());
    if let Some(key) = &loaded.config().fingerprint_key {
        println!("keyed fingerprint: {}", loaded.fingerprint_keyed(key.expose_secret().as_bytes()));
    }
    let config = loaded.into_inner();
    println!(
        "release on :{} (db {}, log {}, payments {})",
        config.port,
        config.database_url,
        config.log_level,
        if config.api_token.is_some() { "on" } else { "off" }
    );
}

// The deploy manifests checked against `Config` in the service's own tests
// (`cargo test` runs them: the example is built with `test = true`).
#[cfg(test)]
mod tests {
    use twelve_config::check;

    use super::Config;

    #[test]
    fn the_kubernetes_manifest_gives_the_service_its_configuration() {
        check::kubernetes_container::<Config>(include_str!("deploy/release.yaml"), "release").unwrap();
    }

    #[test]
    fn the_compose_file_gives_the_service_its_configuration() {
        check::compose::<Config>(include_str!("deploy/compose.yaml"), "release").unwrap();
    }

    #[test]
    fn a_broken_manifest_fails_its_test() {
        let broken = include_str!("deploy/release.yaml").replace("RELEASE_PORT: \"8080\"", "RELEASE_PORT: \"80a\"");
        let report = check::kubernetes_container::<Config>(&broken, "release").unwrap_err().to_string();
        assert!(report.contains("RELEASE_PORT"), "{report}");
    }
}
