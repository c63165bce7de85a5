//! `render::json_schema` checked by a real JSON Schema validator (the
//! `jsonschema` crate, feature `schema`): the schema is valid 2020-12, and
//! its verdict on sets of variables is compared with loading the same sets.

use std::collections::BTreeMap;

use twelve_config::resource::PostgresUrl;
use twelve_config::{EnvConfig, EnvValue, SecretString, render};

#[derive(EnvValue, Debug)]
enum Mode {
    Fast,
    Safe,
}

/// A service with one variable of each kind the schema describes.
#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
#[allow(dead_code, reason = "loaded to compare verdicts")]
struct Config {
    /// Port the HTTP server binds.
    #[env(default = 8080)]
    port: u16,
    offset: Option<i32>,
    verbose: Option<bool>,
    #[env(default = "fast")]
    mode: Mode,
    database_url: PostgresUrl,
    #[env(file)]
    api_token: SecretString,
    #[env(deprecated = "APP_LEGACY_NAME")]
    name: Option<String>,
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&render::json_schema::<Config>()).unwrap();
    assert!(jsonschema::meta::is_valid(&schema), "not a valid JSON Schema");
    jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
}

/// The validator's verdict and loading's, on `vars`.
fn verdicts(validator: &jsonschema::Validator, vars: &[(&str, &str)]) -> (bool, bool) {
    let object: BTreeMap<&str, &str> = vars.iter().copied().collect();
    let schema_says = validator.is_valid(&serde_json::to_value(&object).unwrap());
    let loading_says = Config::from_vars(vars.iter().copied()).is_ok();
    (schema_says, loading_says)
}

const GOOD: [(&str, &str); 3] =
    [("APP_DATABASE_URL", "postgres://app@db/orders"), ("APP_API_TOKEN", "token"), ("APP_PORT", "8080")];

fn with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut vars: Vec<_> = GOOD.iter().copied().filter(|(name, _)| !changes.iter().any(|(n, _)| n == name)).collect();
    vars.extend(changes.iter().copied().filter(|(_, value)| *value != "<unset>"));
    vars
}

#[test]
fn the_schema_and_loading_agree() {
    let validator = validator();
    let cases: Vec<(Vec<(&str, &str)>, bool)> = vec![
        (with(&[]), true),
        (with(&[("APP_PORT", "<unset>")]), true),
        (with(&[("APP_PORT", "+443")]), true),
        (with(&[("APP_PORT", "eighty")]), false),
        (with(&[("APP_PORT", "-1")]), false),
        (with(&[("APP_OFFSET", "-5")]), true),
        (with(&[("APP_OFFSET", "5.5")]), false),
        (with(&[("APP_VERBOSE", "yes")]), true),
        (with(&[("APP_VERBOSE", "OFF")]), true),
        (with(&[("APP_VERBOSE", "maybe")]), false),
        (with(&[("APP_MODE", "safe")]), true),
        (with(&[("APP_MODE", "turbo")]), false),
        (with(&[("APP_DATABASE_URL", "<unset>")]), false),
        (with(&[("APP_DATABASE_URL", "not a url")]), false),
        (with(&[("APP_API_TOKEN", "<unset>")]), false),
        (with(&[("APP_LEGACY_NAME", "old")]), true),
        (with(&[("APP_NAME", "new"), ("UNRELATED", "x")]), true),
        // An empty value counts as unset.
        (with(&[("APP_OFFSET", "")]), true),
        (with(&[("APP_MODE", "")]), true),
        (with(&[("APP_PORT", "")]), true),
        (with(&[("APP_DATABASE_URL", "")]), false),
    ];
    for (vars, valid) in cases {
        assert_eq!(verdicts(&validator, &vars), (valid, valid), "{vars:?}");
    }
}

/// Where the schema cannot say what loading checks, it accepts what
/// loading refuses, never the reverse: a range of a number's type, and what
/// a URL holds beyond its form.
#[test]
fn the_schema_is_never_stricter_than_loading_where_it_cannot_say_it_all() {
    let validator = validator();
    for vars in [with(&[("APP_PORT", "70000")]), with(&[("APP_DATABASE_URL", "mysql://app@db/orders")])] {
        assert_eq!(verdicts(&validator, &vars), (true, false), "{vars:?}");
    }
}
