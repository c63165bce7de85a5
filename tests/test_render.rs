//! The generated `.env.example` and Markdown table of a realistic config,
//! as snapshots: they are what a service's docs and templates hold.

use std::time::Duration;

use twelve_config::resource::{PostgresUrl, RedisUrl};
use twelve_config::{EnvConfig, SecretString, render};

/// Settings of the billing service.
#[derive(EnvConfig, Debug)]
#[env(prefix = "BILLING_", file)]
#[allow(dead_code)] // Only its variables are rendered.
struct Config {
    /// Port the HTTP server binds.
    #[env(default = 8080)]
    port: u16,
    /// Primary database.
    #[env(name = "DATABASE_URL")]
    database: PostgresUrl,
    /// Cache; caching is off when unset.
    redis_url: Option<RedisUrl>,
    /// Token for the payments API.
    api_token: SecretString,
    /// Allowed CORS origins, comma-separated.
    #[env(default = "")]
    allowed_origins: Vec<String>,
    /// How long a request may take.
    #[env(default = "30s")]
    request_timeout: Duration,
    /// A greeting with "quotes" | and a pipe.
    #[env(default = "hello world")]
    greeting: String,
    #[env(nested)]
    smtp: Smtp,
}

#[derive(EnvConfig)]
#[env(debug)]
#[allow(dead_code)]
struct Smtp {
    /// Mail relay host.
    host: String,
    /// Mail relay password.
    password: Option<String>,
}

#[test]
fn env_example_snapshot() {
    let expected = r#"# Port the HTTP server binds.
# u16, optional
# BILLING_PORT=8080

# Primary database.
# PostgresUrl, required
DATABASE_URL=

# Cache; caching is off when unset.
# Option<RedisUrl>, optional
# BILLING_REDIS_URL=

# Token for the payments API.
# SecretString, required, secret, or set BILLING_API_TOKEN_FILE to a file that holds it
BILLING_API_TOKEN=

# Allowed CORS origins, comma-separated.
# Vec<String>, optional
# BILLING_ALLOWED_ORIGINS=

# How long a request may take.
# Duration, optional
# BILLING_REQUEST_TIMEOUT=30s

# A greeting with "quotes" | and a pipe.
# String, optional
# BILLING_GREETING="hello world"

# Mail relay host.
# String, required
BILLING_SMTP_HOST=

# Mail relay password.
# Option<String>, optional, secret, or set BILLING_SMTP_PASSWORD_FILE to a file that holds it
# BILLING_SMTP_PASSWORD=
"#;
    assert_eq!(render::env_example(&Config::vars()), expected);
}

#[test]
fn markdown_snapshot() {
    let expected = r#"| Variable | Type | Required | Default | Description |
| --- | --- | --- | --- | --- |
| `BILLING_PORT` | `u16` | no | `8080` | Port the HTTP server binds. |
| `DATABASE_URL` | `PostgresUrl` | yes |  | Primary database. |
| `BILLING_REDIS_URL` | `Option<RedisUrl>` | no |  | Cache; caching is off when unset. |
| `BILLING_API_TOKEN` | `SecretString` | yes | *secret* | Token for the payments API. Or `BILLING_API_TOKEN_FILE`: a file that holds it. |
| `BILLING_ALLOWED_ORIGINS` | `Vec<String>` | no | `""` | Allowed CORS origins, comma-separated. |
| `BILLING_REQUEST_TIMEOUT` | `Duration` | no | `30s` | How long a request may take. |
| `BILLING_GREETING` | `String` | no | `hello world` | A greeting with "quotes" \| and a pipe. |
| `BILLING_SMTP_HOST` | `String` | yes |  | Mail relay host. |
| `BILLING_SMTP_PASSWORD` | `Option<String>` | no | *secret* | Mail relay password. Or `BILLING_SMTP_PASSWORD_FILE`: a file that holds it. |
"#;
    assert_eq!(render::markdown(&Config::vars()), expected);
}

#[test]
fn a_default_that_would_be_masked_is_not_listed() {
    #[derive(EnvConfig, Debug)]
    #[allow(dead_code)]
    struct Dev {
        #[env(default = r#"[{"url":"postgres://localhost/app","sslpassword":"devpass"}]"#)]
        database_url: String,
    }
    let vars = Dev::vars();
    // Written masked, it would deploy `***` as the value: not written.
    assert_eq!(vars[0].default, None);
    assert!(vars[0].default_in_code);
    for text in [render::env_example(&vars), render::markdown(&vars), render::kubernetes::<Dev>()] {
        assert!(!text.contains("devpass") && !text.contains("***"), "{text}");
    }
}

#[test]
fn the_json_schema_is_json_with_every_variable() {
    let schema: serde_json::Value = serde_json::from_str(&render::json_schema::<Config>()).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["title"], "Config");
    let properties = schema["properties"].as_object().unwrap();
    for var in Config::vars() {
        let property = &properties[&var.name];
        assert_eq!(property["type"], "string", "{}", var.name);
        assert_eq!(property.get("writeOnly").is_some(), var.secret, "{}", var.name);
        if var.secret {
            assert!(property.get("default").is_none());
        }
    }
    assert_eq!(properties["BILLING_PORT"]["default"], "8080");
    assert_eq!(properties["DATABASE_URL"]["format"], "uri");
    // A file may hold the token: either variable satisfies the schema.
    assert!(properties.contains_key("BILLING_API_TOKEN_FILE"));
    let either = schema["allOf"].as_array().unwrap();
    assert!(either.iter().any(|rule| rule["anyOf"][1]["required"][0] == "BILLING_API_TOKEN_FILE"));
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(required, ["DATABASE_URL", "BILLING_SMTP_HOST"]);
}

#[test]
fn the_systemd_drop_in_loads_secrets_as_credentials() {
    let unit = render::systemd::<Config>();
    assert!(unit.starts_with("[Service]\n"), "{unit}");
    assert!(unit.contains("\nEnvironment=\"DATABASE_URL=\"\n"), "{unit}");
    assert!(unit.contains("\n#Environment=\"BILLING_GREETING=hello world\"\n"), "{unit}");
    assert!(unit.contains("\nLoadCredential=BILLING_API_TOKEN:/etc/credstore/BILLING_API_TOKEN\n"), "{unit}");
    assert!(unit.contains("\n#LoadCredential=BILLING_SMTP_PASSWORD:"), "{unit}");
    // Every credential it names is a variable SystemdCredentials gives.
    for line in unit.lines().filter(|line| line.trim_start_matches('#').starts_with("LoadCredential=")) {
        let name = line.trim_start_matches('#')["LoadCredential=".len()..].split(':').next().unwrap();
        assert!(Config::vars().iter().any(|var| var.name == name && var.secret), "{line}");
    }
}
