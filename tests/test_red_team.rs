//! The red-team suite: one test per class of leak found by reading every
//! output of the crate as an attacker would. Each places a canary in a
//! secret (or in the part of a value that may hold one) and checks every
//! surface: the report (`Display` and `Debug`), `Loaded` and its entries,
//! both fingerprints, `vars()`, and the generated templates and manifests.

#![allow(dead_code)] // The configs exist to be loaded and shown.

use std::collections::{BTreeMap, HashMap};

use twelve_config::resource::{AmqpUrl, HttpUrl, PostgresUrl, RedisUrl, ResourceUrl, SmtpUrl, WithPassword};
use twelve_config::{EnvConfig, ExposeSecret, RuleError, SecretString, Vars, looks_like_credential, render};

const CANARY: &str = "Kx9CanaryVq4Zt";

/// Everything the crate can write about loading `vars` as `T`: the report
/// when it fails, else the effective configuration and each entry; always
/// `vars()` and every template. (A `Debug` the user derives is the user's:
/// the compile rule on secret fields covers it.)
fn every_output<T: EnvConfig + std::fmt::Debug>(vars: &Vars) -> String {
    let mut out = String::new();
    match T::load(vars) {
        Ok(loaded) => {
            out.push_str(&format!("{loaded}\n"));
            for entry in loaded.entries() {
                out.push_str(&format!("{} {:?}\n", entry.var(), entry.value()));
            }
            for warning in loaded.warnings() {
                out.push_str(&format!("{warning}\n"));
            }
        }
        Err(error) => {
            out.push_str(&format!("{error}\n{error:?}\n"));
            for problem in error.problems() {
                out.push_str(&format!("{problem}\n{problem:?}\n"));
            }
        }
    }
    let vars = T::vars();
    out.push_str(&format!("{vars:?}\n{}\n{}\n", render::env_example(&vars), render::markdown(&vars)));
    out.push_str(&render::kubernetes::<T>());
    out.push_str(&render::compose::<T>());
    out
}

fn assert_no_canary<T: EnvConfig + std::fmt::Debug>(vars: &Vars, what: &str) {
    let out = every_output::<T>(vars);
    assert!(!out.contains(CANARY) && !out.contains(&CANARY[3..]), "{what}: the canary is shown:\n{out}");
}

// A mistyped URL: everything that could be user information is masked,
// however the scheme and slashes are written.

#[derive(EnvConfig, Debug)]
struct Urls {
    database_url: Option<PostgresUrl>,
    redis_url: Option<RedisUrl>,
    smtp_url: Option<SmtpUrl>,
    amqp_url: Option<AmqpUrl>,
    api_url: Option<HttpUrl>,
    store_url: Option<ResourceUrl>,
}

#[derive(EnvConfig, Debug)]
struct Assembled {
    #[env(nested = "DATABASE_")]
    database: WithPassword<PostgresUrl>,
}

const MISTYPED: &[(&str, &str)] = &[
    ("DATABASE_URL", "postgres:/orders:Kx9CanaryVq4Zt@db/orders"),
    ("DATABASE_URL", "postgres//orders:Kx9CanaryVq4Zt@db/orders"),
    ("DATABASE_URL", "postgres;//orders:Kx9CanaryVq4Zt@db/orders"),
    ("DATABASE_URL", "orders:Kx9CanaryVq4Zt@db"),
    ("DATABASE_URL", "//orders:Kx9CanaryVq4Zt@db/orders"),
    ("DATABASE_URL", "postgres:orders:Kx9CanaryVq4Zt@db/orders"),
    ("API_URL", "https:\\\\svc:Kx9CanaryVq4Zt@api\\v1"),
    ("REDIS_URL", "redis:/:Kx9CanaryVq4Zt@cache"),
    ("SMTP_URL", "smtp//mailer:Kx9CanaryVq4Zt@relay"),
    ("AMQP_URL", "amqp:/guest:Kx9CanaryVq4Zt@mq"),
    ("STORE_URL", "s3:AKIA:Kx9CanaryVq4Zt@bucket"),
    ("DATABASE_URL", "postgres://orders:Kx9Canary Vq4Zt@db/orders x"),
];

#[test]
fn a_mistyped_url_shows_no_user_information() {
    for (name, value) in MISTYPED {
        assert_no_canary::<Urls>(&Vars::new().with(*name, *value), value);
        if *name == "DATABASE_URL" {
            let vars = Vars::new().with(*name, *value).with("DATABASE_PASSWORD", "s3cond");
            assert_no_canary::<Assembled>(&vars, value);
        }
    }
}

#[test]
fn a_query_password_split_by_an_ampersand_is_masked_whole() {
    for value in [
        "postgres://db/app?password=Kx9&CanaryVq4Zt",
        "postgres://db/app?password=Kx9&CanaryVq4Zt=1",
        "postgres://db/app?password=Kx9#CanaryVq4Zt",
    ] {
        assert_no_canary::<Urls>(&Vars::new().with("DATABASE_URL", value), value);
    }
}

// `SecretBox<T>` is secret however it is read.

#[cfg(feature = "json")]
mod secret_box_read_as_json {
    use super::*;
    use twelve_config::SecretBox;

    #[derive(EnvConfig, Debug)]
    struct Keys {
        #[env(json)]
        allowed: SecretBox<Vec<String>>,
        #[env(json)]
        upstreams: SecretBox<Vec<String>>,
    }

    #[test]
    fn is_secret_in_every_output_and_fingerprint() {
        let vars = Vars::new().with("ALLOWED", format!("[\"{CANARY}\"]")).with("UPSTREAMS", format!("[\"{CANARY}\"]"));
        assert_no_canary::<Keys>(&vars, "valid");
        let vars =
            Vars::new().with("ALLOWED", format!("[\"{CANARY}\", 1]")).with("UPSTREAMS", format!("[\"{CANARY}\""));
        assert_no_canary::<Keys>(&vars, "invalid");
        assert!(Keys::vars().iter().all(|var| var.secret));
        // The keyless fingerprint does not change with a secret's value.
        let print = |value: &str| {
            let vars = Vars::new().with("ALLOWED", format!("[\"{value}\"]")).with("UPSTREAMS", "[]");
            Keys::load(&vars).unwrap().fingerprint()
        };
        assert_eq!(print("a"), print("b"));
    }
}

// JSON is masked as JSON: members at any depth, URLs in strings, escapes
// decoded first.

#[cfg(feature = "json")]
mod json_values {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Db {
        host: String,
        port: u16,
    }

    #[derive(EnvConfig, Debug)]
    struct Config {
        #[env(json)]
        db: Option<Db>,
        #[env(json)]
        routes: Option<HashMap<String, BTreeMap<String, String>>>,
        #[env(json)]
        replicas: Option<Vec<String>>,
    }

    #[test]
    fn credential_members_and_urls_in_strings_are_masked() {
        let cases = [
            ("DB", format!(r#"{{"host":"db","port":"x","password":"{CANARY}"}}"#)),
            ("DB", format!(r#"{{"host":"db","port":5432,"auth":{{"password":"{CANARY}"}}}}"#)),
            ("ROUTES", format!(r#"{{"a":{{"client_secret":"{CANARY}"}}}}"#)),
            ("ROUTES", format!(r#"{{"a":{{"url":"postgres://app:{CANARY}@db/app"}}}}"#)),
            ("REPLICAS", format!(r#"["postgres:\/\/app:{CANARY}@db\/app"]"#)),
            ("REPLICAS", format!(r#"["postgres://app:{CANARY}\u0040db/app"]"#)),
            ("REPLICAS", format!(r#"["postgres://app:{CANARY}@db/app", 1]"#)),
            ("DB", format!(r#"{{"host":"db","password":"{CANARY}""#)),
        ];
        for (name, value) in cases {
            assert_no_canary::<Config>(&Vars::new().with(name, value.as_str()), &value);
        }
    }
}

// A rule's message about a secret field is not shown.

fn admin_is_strong(config: &Admins) -> Result<(), RuleError> {
    let password = config.admin_password.expose_secret();
    if password.len() < 20 {
        return Err(RuleError::new(format!("{password} is too short")).fields(["admin_password"]));
    }
    Ok(())
}

#[derive(EnvConfig, Debug)]
#[env(validate = admin_is_strong)]
struct Admins {
    admin_password: SecretString,
}

#[test]
fn a_struct_rule_about_a_secret_field_shows_no_message() {
    let error = Admins::from_vars([("ADMIN_PASSWORD", CANARY)]).unwrap_err();
    let report = error.to_string();
    assert!(!report.contains(CANARY), "{report}");
    assert!(report.contains("admin_is_strong") || report.contains("ADMIN_PASSWORD"), "{report}");
}

// The name rule reads every name a field reads, and the words services use.

#[derive(EnvConfig)]
#[env(debug)]
struct Renamed {
    #[env(alias = "LEGACY_API_TOKEN")]
    upstream: Option<String>,
    #[env(deprecated = "OLD_DB_PWD")]
    pin: Option<u32>,
}

#[test]
fn a_value_read_through_a_credential_alias_is_secret() {
    assert_no_canary::<Renamed>(&Vars::new().with("LEGACY_API_TOKEN", CANARY), "alias, valid");
    assert_no_canary::<Renamed>(&Vars::new().with("OLD_DB_PWD", CANARY), "deprecated, invalid");
    let vars = Renamed::vars();
    assert!(vars.iter().all(|var| var.secret), "{vars:?}");
    let config = Renamed::from_vars([("LEGACY_API_TOKEN", CANARY)]).unwrap();
    assert!(!format!("{config:?}").contains(CANARY));
}

#[test]
fn the_credential_words_services_use_are_secret() {
    for name in ["MYSQL_PWD", "DB_PWD", "STRIPE_API_KEYS", "GITHUB_PAT", "BEARER", "AUTH_HEADER", "JWT_SIGNING"] {
        assert!(looks_like_credential(name), "{name}");
    }
    for name in ["CERT_PATH", "KEYSTORE", "PATH", "SIGNINGS_ENABLED", "PATTERN"] {
        assert!(!looks_like_credential(name), "{name}");
    }
}

#[derive(EnvConfig, Debug)]
struct Headers {
    upstream_headers: HashMap<String, String>,
}

#[test]
fn a_header_map_masks_credential_headers() {
    for header in ["Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key"] {
        let value = format!("Accept=json,{header}=Bearer {CANARY},X-Trace=1");
        assert_no_canary::<Headers>(&Vars::new().with("UPSTREAM_HEADERS", value.as_str()), &value);
    }
}

// Lists and maps split on `,` whatever their secrecy.

#[derive(EnvConfig, Debug)]
struct Tokens {
    api_tokens: BTreeMap<String, SecretString>,
    #[env(secret)]
    admins: Vec<SecretString>,
}

#[test]
fn a_map_of_secrets_splits_on_commas() {
    let config = Tokens::from_vars([("API_TOKENS", "billing=tok_1,search=tok_2"), ("ADMINS", "a,b")]).unwrap();
    assert_eq!(config.api_tokens.len(), 2);
    assert_eq!(config.api_tokens["search"].expose_secret(), "tok_2");
    assert_eq!(config.admins.len(), 2);
}

// Generated files never carry a masked value as a value.

#[derive(EnvConfig, Debug)]
struct Hooks {
    // A URL default with a password does not compile; a credential in a
    // shape the derive cannot see is kept out of the generated files.
    #[env(default = "Accept=json,Authorization=Kx9CanaryVq4Zt")]
    hook_headers: HashMap<String, String>,
}

#[test]
fn a_default_the_disclosure_rule_masks_is_not_written_as_a_value() {
    let vars = Hooks::vars();
    let outputs = [
        render::env_example(&vars),
        render::markdown(&vars),
        render::kubernetes::<Hooks>(),
        render::compose::<Hooks>(),
    ];
    for out in outputs {
        assert!(!out.contains(CANARY) && !out.contains("***"), "{out}");
    }
}

#[derive(EnvConfig, Debug)]
struct Ticks {
    /// The quoting of a code span: ``two`` backticks.
    #[env(default = "a``b")]
    quoted: String,
}

#[test]
fn markdown_keeps_backticks_in_a_default_inside_its_code_span() {
    let table = render::markdown(&Ticks::vars());
    let row = table.lines().find(|line| line.contains("QUOTED")).unwrap();
    // The code span opens with more backticks than the text holds in a run.
    assert!(row.contains("```a``b```") || row.contains("``` a``b ```"), "{row}");
}

// A user's `parse_with` message is shown as the user wrote it.

fn pair(text: &str) -> Result<(String, String), String> {
    text.split_once('=').map(|(a, b)| (a.to_owned(), b.to_owned())).ok_or_else(|| format!("{text:?} is not key=value"))
}

#[derive(EnvConfig, Debug)]
struct Labels {
    #[env(parse_with = pair)]
    label: (String, String),
}

#[test]
fn a_parse_with_message_is_shown_as_written() {
    let report = Labels::from_vars([("LABEL", "team")]).unwrap_err().to_string();
    assert!(report.contains(r#""team" is not key=value"#), "{report}");
}

// An optional group's variables are optional in every generated file.

#[derive(EnvConfig, Debug)]
struct Tls {
    cert_path: String,
    key_path: String,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "EDGE_")]
struct Edge {
    #[env(nested)]
    tls: Option<Tls>,
}

#[test]
fn an_optional_groups_variables_are_optional_in_templates() {
    let vars = Edge::vars();
    assert!(vars.iter().all(|var| !var.required && var.group.as_deref() == Some("tls")), "{vars:?}");
    let example = render::env_example(&vars);
    assert!(example.contains("# EDGE_TLS_CERT_PATH=") && !example.contains("\nEDGE_TLS_CERT_PATH="), "{example}");
    // Loading without the group still succeeds: the templates tell the truth.
    assert!(Edge::from_source(&Vars::new()).unwrap().tls.is_none());
}

// A `.env` file is read as a `_FILE` secret is: it cannot hang the start
// or fill memory, and each value is at the line of its name.

#[test]
fn dotenv_reads_its_file_as_a_file_secret_is_read() {
    use twelve_config::{DotEnv, Source};
    let dir = std::env::temp_dir().join(format!("twelve-config-red-team-dotenv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("fifo.env");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
    // Opening a FIFO with no writer must not block: read on a thread, so a
    // regression fails this test instead of hanging it.
    let (sender, receiver) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || sender.send(DotEnv::from_path(&path).map(|_| ()).map_err(|e| e.to_string())));
    let outcome = receiver.recv_timeout(std::time::Duration::from_secs(30)).expect("reading a FIFO blocked");
    let error = outcome.unwrap_err();
    assert!(error.contains("not a regular file"), "{error}");
    let error = DotEnv::from_path("/dev/zero").unwrap_err().to_string();
    assert!(error.contains("not a regular file"), "{error}");
    let file = dir.join("multi.env");
    std::fs::write(&file, "KEY_A=\"line one\nline two\"\nKEY_B=after\n").unwrap();
    let dotenv = DotEnv::from_path(&file).unwrap();
    assert_eq!(dotenv.origin("KEY_B"), Some(format!("{}:3", file.display())));
    std::fs::remove_dir_all(&dir).unwrap();
}

// A handle says where its driver connects, and with which options.

#[test]
fn a_repeated_option_the_driver_would_read_otherwise_is_refused() {
    use twelve_config::resource::{MysqlUrl, SqliteUrl};
    for text in ["redis://cache/0?protocol=resp3&protocol=resp2", "redis+unix:///run/r.sock?db=1&db=2"] {
        assert!(text.parse::<RedisUrl>().unwrap_err().to_string().contains("given twice"), "{text}");
    }
    let error = "smtp://relay?tls=opportunistic&tls=required".parse::<SmtpUrl>().unwrap_err();
    assert!(error.to_string().contains("given twice"), "{error}");
    let error = "sqlite://app.db?mode=memory&mode=rw".parse::<SqliteUrl>().unwrap_err();
    assert!(error.to_string().contains("given twice"), "{error}");
    let error = "mysql://db/app?ssl-mode=disabled&ssl-mode=required".parse::<MysqlUrl>().unwrap_err();
    assert!(error.to_string().contains("given twice"), "{error}");
    // The same value twice says one thing; libpq takes the last, as the
    // handle and every conversion do.
    assert!("redis://cache/0?protocol=resp3&protocol=resp3".parse::<RedisUrl>().is_ok());
    let url: PostgresUrl = "postgres://db/app?sslmode=disable&sslmode=require".parse().unwrap();
    assert_eq!(url.sslmode(), Some("require"));
}

#[test]
fn a_socket_given_in_the_query_is_where_the_handle_says_it_connects() {
    use twelve_config::resource::MysqlUrl;
    let url: MysqlUrl = "mysql://localhost/db?socket=/tmp/mysql.sock".parse().unwrap();
    assert_eq!(url.host(), Some("/tmp/mysql.sock"));
    assert!(url.hosts()[0].is_socket());
    assert_eq!(url.hosts()[1].host(), "localhost");
}

#[test]
fn a_postgres_hostaddr_is_where_the_handle_says_it_connects() {
    let url: PostgresUrl = "postgres://db.internal/app?hostaddr=10.0.0.5".parse().unwrap();
    assert_eq!(url.host(), Some("10.0.0.5"));
    let url: PostgresUrl = "postgresql://?hostaddr=127.0.0.1".parse().unwrap();
    assert_eq!((url.host(), url.port()), (Some("127.0.0.1"), Some(5432)));
}

// The derived `#[env(debug)]` shows a value that is not secret as the
// disclosure rule does.

#[derive(EnvConfig)]
#[env(debug)]
struct Hooks2 {
    webhook: String,
    headers: Option<HashMap<String, String>>,
}

#[test]
fn env_debug_masks_what_the_disclosure_rule_masks() {
    let config = Hooks2::from_vars([
        ("WEBHOOK", format!("https:/hooks:{CANARY}@example.com/x")),
        ("HEADERS", format!("Accept=json,Authorization=Bearer {CANARY}")),
    ])
    .unwrap();
    for shown in [format!("{config:?}"), format!("{config:#?}")] {
        assert!(!shown.contains(CANARY) && shown.contains("example.com"), "{shown}");
    }
}
