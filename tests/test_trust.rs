//! One regression test per class of leak and forgery the trust review
//! found: each input is hostile, and each output the crate can write is
//! checked.

#![allow(dead_code)] // The configs exist to be loaded and formatted.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use twelve_config::resource::{MongoUrl, PostgresUrl, RedisUrl};
use twelve_config::{EnvConfig, Problem, SecretString, Vars, looks_like_credential, mask_passwords, render};

mod hazard;
use hazard::has_raw_hazard;

const CANARY: &str = "Kx9CanaryVq4Zt";

#[test]
fn a_percent_encoded_credential_key_is_masked_everywhere() {
    let text = format!("postgres://db/app?pass%77ord={CANARY}&application_name=x");
    let url: PostgresUrl = text.parse().unwrap();
    assert_eq!(url.password().map(|p| twelve_config::ExposeSecret::expose_secret(p).to_owned()), Some(CANARY.into()));
    for shown in [url.to_string(), format!("{url:?}"), mask_passwords(&text)] {
        assert!(!shown.contains(CANARY), "{shown}");
    }
    assert!(url.query_pairs().all(|(key, value)| key != "password" && !value.contains(CANARY)));

    #[derive(EnvConfig, Debug)]
    struct Defaulted {
        #[env(default = "postgres://db/app?pass%77ord=Kx9CanaryVq4Zt")]
        database_url: PostgresUrl,
    }
    let vars = Defaulted::vars();
    assert!(!format!("{vars:?}").contains(CANARY));
    assert!(!render::env_example(&vars).contains(CANARY));
    assert!(!render::markdown(&vars).contains(CANARY));
}

#[test]
fn one_list_of_credential_query_keys_for_display_and_query_pairs() {
    let keys = [
        "client_secret",
        "refresh_token",
        "id_token",
        "X-Amz-Signature",
        "X-Amz-Security-Token",
        "sig",
        "api-key",
        "apikey",
        "auth",
        "authMechanismProperties",
        "bindpw",
        "passphrase",
        "sslpassword",
        "password",
        "pass",
    ];
    for key in keys {
        let text = format!("redis://cache/0?{key}={CANARY}&client_name=svc");
        let url: Result<RedisUrl, _> = text.parse();
        if let Ok(url) = &url {
            assert!(!url.to_string().contains(CANARY), "{key}: {url}");
            assert!(url.query_pairs().all(|(_, value)| !value.contains(CANARY)), "{key}: query_pairs lists it");
        }
        assert!(!mask_passwords(&text).contains(CANARY), "{key}");
    }
    // Not credentials: still shown and listed.
    let url: PostgresUrl = "postgres://db/app?sslkey=/etc/client.key".parse().unwrap();
    assert!(url.to_string().contains("/etc/client.key"));
    let url: twelve_config::resource::HttpUrl =
        "https://api/app?sslkey=/etc/client.key&passwordless=on".parse().unwrap();
    assert!(url.to_string().contains("/etc/client.key"));
    assert!(url.query_pairs().any(|(key, _)| key == "passwordless"));
}

#[test]
fn a_malformed_authority_quotes_no_fragment_of_the_password() {
    for text in [
        "postgres://admin:Kx9Can?aryVq4Zt@db/app",
        "postgres://admin:Kx9Can/aryVq4Zt@db/app",
        "postgres://admin:Kx9Can#aryVq4Zt@db/app",
        "mysql://admin:Kx9Can?ary=Vq4Zt@db/app",
        "redis://admin:Kx9Can/aryVq4Zt@cache/0",
        "amqp://admin:Kx9Can?aryVq4Zt@mq/%2f",
    ] {
        #[derive(EnvConfig, Debug)]
        struct Config {
            database_url: Option<twelve_config::resource::ResourceUrl>,
            postgres: Option<PostgresUrl>,
        }
        let error = Config::from_vars([("POSTGRES", text)]).err();
        let direct = text.parse::<PostgresUrl>().err().map(|e| e.to_string()).unwrap_or_default();
        let report = error.map(|e| e.to_string()).unwrap_or_default();
        for fragment in ["Kx9Can", "aryVq4Zt", "Vq4Zt"] {
            assert!(!direct.contains(fragment), "{text}: {direct}");
            assert!(!report.contains(fragment), "{text}: {report}");
        }
    }
}

#[test]
fn values_that_are_not_unicode_and_file_paths_are_masked() {
    #[derive(EnvConfig, Debug)]
    #[env(prefix = "T_")]
    struct Config {
        dsn_text: Option<String>,
        #[env(file)]
        certificate: Option<String>,
    }
    let mut bytes = format!("postgres://app:{CANARY}@db/app?x=").into_bytes();
    bytes.push(0xFF);
    let mut vars = Vars::new();
    vars.insert("T_DSN_TEXT", OsString::from_vec(bytes));
    vars.insert("T_CERTIFICATE_FILE", format!("/run/postgres://app:{CANARY}@db/app"));
    let error = Config::from_source(&vars).unwrap_err();
    let report = error.to_string();
    assert!(!report.contains(CANARY), "{report}");
    assert!(report.contains("\\xFF"), "the invalid byte is still shown: {report}");
    assert!(error.problems().iter().any(|p| matches!(p, Problem::File { .. })), "{report}");
}

#[test]
fn libpq_keyword_strings_are_masked_however_they_are_spaced_or_quoted() {
    for text in [
        format!("host=db password={CANARY} dbname=app"),
        format!("host=db\tpassword={CANARY}\tdbname=app"),
        format!("host=db password = {CANARY} dbname=app"),
        format!("host=db password='{CANARY} with space' dbname=app"),
        format!("host=db password=\"{CANARY}\" dbname=app"),
        format!("host=db\npassword={CANARY}"),
    ] {
        let masked = mask_passwords(&text);
        assert!(!masked.contains(CANARY) && !masked.contains("with space"), "{text:?} -> {masked:?}");
        // A quoted value ends at its quote; an unquoted one is hidden to
        // the end, as a space may be part of it.
        let quoted = text.contains('\'') || text.contains('"');
        assert!(!quoted || masked.contains("dbname=app"), "{masked:?}");
    }
}

#[test]
fn a_group_under_a_credential_prefix_is_secret_in_debug_and_the_report() {
    #[derive(EnvConfig)]
    #[env(debug)]
    struct Config {
        #[env(nested = "API_TOKEN_")]
        token: Parts,
        #[env(nested)]
        plain: Parts,
    }
    #[derive(EnvConfig, Debug)]
    struct Parts {
        value: String,
        #[env(default = 1)]
        port: u16,
    }
    let config = Config::from_vars([("API_TOKEN_VALUE", CANARY), ("PLAIN_VALUE", "shown")]).unwrap();
    let debug = format!("{config:?}");
    assert!(!debug.contains(CANARY) && debug.contains("shown"), "{debug}");
    let error = Config::from_vars([("API_TOKEN_VALUE", CANARY), ("API_TOKEN_PORT", CANARY)]).unwrap_err();
    assert!(!error.to_string().contains(CANARY), "{error}");
    assert!(Config::vars().iter().filter(|var| var.name.starts_with("API_TOKEN_")).all(|var| var.secret));
}

#[test]
fn a_prefix_that_runs_into_a_field_name_is_checked_too() {
    #[derive(EnvConfig)]
    #[env(debug)]
    struct Config {
        // `PASS` + `WORD` reads `PASSWORD`.
        #[env(nested = "PASS")]
        pass: Word,
    }
    #[derive(EnvConfig, Debug)]
    struct Word {
        word: String,
    }
    let config = Config::from_vars([("PASSWORD", CANARY)]).unwrap();
    assert!(!format!("{config:?}").contains(CANARY));
    assert!(Config::vars()[0].secret);
    let error = Config::from_vars([("PASSWORD", "")]).unwrap_err();
    assert!(error.to_string().contains("PASSWORD"));
}

#[test]
fn secret_false_turns_the_name_rule_off() {
    #[derive(EnvConfig, Debug)]
    struct Config {
        #[env(secret = false)]
        token_bucket_size: u32,
        #[env(secret = false, default = "/run/secrets")]
        secret_dir: String,
    }
    let config = Config::from_vars([("TOKEN_BUCKET_SIZE", "10")]).unwrap();
    assert_eq!(format!("{config:?}"), "Config { token_bucket_size: 10, secret_dir: \"/run/secrets\" }");
    let error = Config::from_vars([("TOKEN_BUCKET_SIZE", "ten")]).unwrap_err();
    assert!(error.to_string().contains("\"ten\""), "{error}");
    assert!(Config::vars().iter().all(|var| !var.secret));
}

#[test]
fn credential_like_names_are_secret() {
    for name in [
        "PASSPHRASE",
        "APIKEY",
        "SENTRY_DSN",
        "SMTP_PASS",
        "PRIVATE_KEY",
        "PRIVATE_KEY_ID",
        "TLS_PEM",
        "CREDENTIAL",
        "SESSION_COOKIE",
        "PASSWORD_SALT",
        "BASIC_AUTH",
    ] {
        assert!(looks_like_credential(name), "{name}");
    }
    #[derive(EnvConfig, Debug)]
    struct Config {
        sentry_dsn: SecretString,
        smtp_pass: SecretString,
    }
    let error = Config::from_vars([("SENTRY_DSN", ""), ("SMTP_PASS", "")]).unwrap_err();
    assert_eq!(error.problems().len(), 2);
}

fn echo(text: &str) -> Result<u16, String> {
    Err(format!("cannot read {text}"))
}

#[test]
fn hostile_text_cannot_forge_the_report() {
    #[derive(EnvConfig, Debug)]
    #[env(prefix = "R_", deny_unknown)]
    struct Config {
        #[env(parse_with = echo)]
        port: u16,
        host: String,
        name: Option<String>,
    }
    let hostile = [
        "\u{1b}[8mhidden",
        "\u{1b}]0;title\u{7}",
        "\u{9b}31m",
        "a\u{202e}txt.exe",
        "line\u{2028}break",
        "zero\u{200b}width",
        "bom\u{feff}",
        "new\nline",
    ];
    for text in hostile {
        let vars = Vars::new()
            .with("R_PORT", text)
            .with("R_NAME", format!("postgres://u:p@h/{text}"))
            .with(format!("R_UNKNOWN{text}"), "1")
            .with(format!("R_HOTS{text}"), "1");
        let error = Config::from_source(&vars).unwrap_err();
        for shown in [error.to_string(), format!("{error:?}")]
            .into_iter()
            .chain(error.problems().iter().map(ToString::to_string))
        {
            assert!(!has_raw_hazard(&shown), "{text:?} reached the report raw: {shown:?}");
        }
    }
}

#[test]
fn a_bad_value_from_a_file_names_the_file_variable() {
    #[derive(EnvConfig, Debug)]
    #[env(prefix = "T_")]
    struct Config {
        #[env(file)]
        workers: u8,
    }
    let dir = std::env::temp_dir().join(format!("twelve-config-trust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("workers");
    std::fs::write(&path, "many\n").unwrap();
    let error = Config::from_vars([("T_WORKERS_FILE", path.to_str().unwrap())]).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(error.problems()[0].var(), "T_WORKERS_FILE");
    assert!(error.to_string().contains("read from the file it names"), "{error}");
}

#[test]
fn handles_redact_themselves_in_derived_debug() {
    #[derive(EnvConfig, Debug)]
    struct Config {
        mongo_password_url: MongoUrl, // a credential-like name, a handle: fine
    }
    let config = Config::from_vars([("MONGO_PASSWORD_URL", format!("mongodb://u:{CANARY}@h/db"))]).unwrap();
    assert!(!format!("{config:?}").contains(CANARY));
}
