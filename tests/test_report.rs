//! The report: every problem at once, in declaration order, readable.
#![allow(dead_code)] // The configs exist to be reported on.

use std::time::Duration;

use twelve_config::{EnvConfig, Problem, SecretString};

/// Settings of the billing service.
#[derive(EnvConfig, Debug)]
#[env(prefix = "BILLING_")]
struct Config {
    /// Port the HTTP server binds.
    #[env(default = 8080)]
    port: u16,
    /// Primary database.
    #[env(name = "DATABASE_URL")]
    database: String,
    /// Cache; caching is off when unset.
    redis_url: Option<String>,
    /// Token for the payments API.
    #[env(file)]
    api_token: SecretString,
    #[env(default = "")]
    allowed_origins: Vec<String>,
    #[env(default = "30s")]
    request_timeout: Duration,
    workers: u8,
    #[env(nested)]
    smtp: Smtp,
}

#[derive(EnvConfig)]
#[env(debug)]
struct Smtp {
    /// Mail relay host.
    host: String,
    #[env(default = 587)]
    port: u16,
    #[env(secret)]
    password: String,
}

#[test]
fn every_problem_is_reported_once_in_declaration_order() {
    let error = Config::from_vars([
        ("BILLING_PORT", "eighty"),
        ("BILLING_REQUEST_TIMEOUT", "soon"),
        ("BILLING_WORKERS", "300"),
        ("BILLING_SMTP_PORT", "-1"),
        ("BILLING_SMTP_PASSWORD", ""),
    ])
    .unwrap_err();
    // Nested problems join the parent's, in field order.
    let vars: Vec<&str> = error.problems().iter().map(Problem::var).collect();
    assert_eq!(
        vars,
        [
            "BILLING_PORT",
            "DATABASE_URL",
            "BILLING_API_TOKEN",
            "BILLING_REQUEST_TIMEOUT",
            "BILLING_WORKERS",
            "BILLING_SMTP_HOST",
            "BILLING_SMTP_PORT",
            "BILLING_SMTP_PASSWORD",
        ]
    );
}

#[test]
fn the_report_reads_like_a_table() {
    let error = Config::from_vars([
        ("BILLING_PORT", "eighty"),
        ("BILLING_WORKERS", "300"),
        ("BILLING_SMTP_PORT", "-1"),
        ("BILLING_SMTP_PASSWORD", ""),
    ])
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "\
7 configuration problems (4 missing, 3 invalid):
  invalid  BILLING_PORT          port: u16               \"eighty\": invalid digit found in string
  missing  DATABASE_URL          database: String        Primary database.
  missing  BILLING_API_TOKEN     api_token: SecretString Token for the payments API. (set it, or BILLING_API_TOKEN_FILE)
  invalid  BILLING_WORKERS       workers: u8             \"300\": number too large to fit in target type
  missing  BILLING_SMTP_HOST     smtp.host: String       Mail relay host.
  invalid  BILLING_SMTP_PORT     smtp.port: u16          \"-1\": invalid digit found in string
  missing  BILLING_SMTP_PASSWORD smtp.password: String   (set but empty)"
    );
}

#[test]
fn debug_prints_the_same_report_so_main_can_return_it() {
    let error = Config::from_vars([("BILLING_PORT", "x")]).unwrap_err();
    assert_eq!(format!("{error:?}"), error.to_string());
    assert_eq!(format!("{error:#?}"), error.to_string());
    let boxed: Box<dyn std::error::Error> = Box::new(error.clone());
    assert_eq!(boxed.to_string(), error.to_string());
}

#[test]
fn a_url_value_goes_on_its_own_line_with_its_password_masked() {
    #[derive(EnvConfig, Debug)]
    struct Db {
        #[env(name = "DATABASE_URL", parse_with = postgres_only)]
        database: String,
    }
    fn postgres_only(text: &str) -> Result<String, String> {
        match text.split_once("://") {
            Some(("postgres" | "postgresql", _)) => Ok(text.to_owned()),
            Some((scheme, _)) => Err(format!("scheme {scheme:?} is not postgres or postgresql")),
            None => Err("not a URL".to_owned()),
        }
    }
    let error = Db::from_vars([("DATABASE_URL", "mysql://admin:hunter2@db.internal/app")]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "\
1 configuration problem (1 invalid):
  invalid  DATABASE_URL database: String scheme \"mysql\" is not postgres or postgresql
                                         (value: \"mysql://admin:***@db.internal/app\")"
    );
}

#[test]
fn problems_display_as_single_lines() {
    let error = Config::from_vars([("BILLING_PORT", "x")]).unwrap_err();
    let first = error.problems()[0].to_string();
    assert_eq!(first, "invalid BILLING_PORT (port: u16): \"x\": invalid digit found in string");
    for problem in error.problems() {
        assert!(!problem.to_string().contains('\n'), "{problem}");
    }
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_", deny_unknown)]
struct Strict {
    #[env(default = "x")]
    database_url: String,
    #[env(default = 1)]
    port: u16,
}

#[test]
fn deny_unknown_reports_unread_prefixed_variables_with_a_suggestion() {
    let error =
        Strict::from_vars([("APP_DATABSE_URL", "x"), ("APP_ZZZ_UNRELATED", "1"), ("OTHER_VAR", "1")]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "\
2 configuration problems (2 unknown):
  unknown  APP_DATABSE_URL   did you mean APP_DATABASE_URL?
  unknown  APP_ZZZ_UNRELATED no field reads it"
    );
    assert!(matches!(
        &error.problems()[0],
        Problem::Unknown { suggestion: Some(s), .. } if s == "APP_DATABASE_URL"
    ));
    assert!(Strict::from_vars([("APP_PORT", "2"), ("OTHER", "x")]).is_ok());
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct Lenient {
    database_url: String,
    port: u16,
}

#[test]
fn without_deny_unknown_a_missing_variable_names_a_near_miss_that_is_set() {
    let error =
        Lenient::from_vars([("APP_DATABSE_URL", "postgres://db"), ("APP_PROT", "80"), ("APP_PATH", "/x")]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "\
2 configuration problems (2 missing):
  missing  APP_DATABASE_URL database_url: String not set (APP_DATABSE_URL is set: a typo?)
  missing  APP_PORT         port: u16            not set (APP_PROT is set: a typo?)"
    );
    assert!(matches!(
        &error.problems()[0],
        Problem::Missing { similar: Some(s), .. } if s == "APP_DATABSE_URL"
    ));
    // No unknown problems without deny_unknown, and no hint from far names.
    let error = Lenient::from_vars([("APP_PORT", "80"), ("APP_SOMETHING", "x")]).unwrap_err();
    assert!(matches!(error.problems(), [Problem::Missing { similar: None, .. }]), "{error}");
}
