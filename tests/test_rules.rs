//! Rules and renames: `range`, `validate` on fields and on the struct,
//! `alias` and `deprecated`, and what loading learned (`Loaded`).

#![allow(dead_code)] // The configs exist to be loaded.

use twelve_config::{EnvConfig, Origin, Problem, RuleError, SecretString, Vars, Warning};

fn even(value: &u32) -> Result<(), String> {
    if value.is_multiple_of(2) { Ok(()) } else { Err(format!("{value} is odd")) }
}

fn starts_with_sk(token: &SecretString) -> Result<(), &'static str> {
    use twelve_config::ExposeSecret;
    if token.expose_secret().starts_with("sk_") { Ok(()) } else { Err("must start with sk_") }
}

fn pool_fits(config: &Service) -> Result<(), RuleError> {
    if config.workers > config.connections {
        return Err(RuleError::new("workers must not exceed connections").fields(["workers", "connections"]));
    }
    Ok(())
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "SVC_", validate = pool_fits)]
struct Service {
    #[env(range = 1..=64, default = 4)]
    workers: u8,
    #[env(range = 1.., default = 10)]
    connections: u8,
    #[env(validate = even)]
    batch: Option<u32>,
    #[env(range = 1024.., default = "")]
    ports: Vec<u16>,
    #[env(validate = starts_with_sk)]
    api_token: SecretString,
    #[env(alias = "DATABASE_URL", alias = "POSTGRES_URL", deprecated = "SVC_DB")]
    database_url: String,
    #[env(range = 0.0..=1.0, default = 0.5)]
    sample_rate: f64,
}

fn problems(vars: &[(&str, &str)]) -> Vec<Problem> {
    Service::from_vars(vars.iter().copied()).unwrap_err().into_problems()
}

#[test]
fn every_rule_failure_joins_the_one_report() {
    let error = Service::from_vars([
        ("SVC_WORKERS", "65"),
        ("SVC_CONNECTIONS", "0"),
        ("SVC_BATCH", "7"),
        ("SVC_PORTS", "8080,80"),
        ("SVC_API_TOKEN", "pk_live_secret_canary"),
        ("SVC_SAMPLE_RATE", "1.5"),
    ])
    .unwrap_err();
    let report = error.to_string();
    let vars: Vec<&str> = error.problems().iter().map(Problem::var).collect();
    assert_eq!(
        vars,
        [
            "SVC_WORKERS",
            "SVC_CONNECTIONS",
            "SVC_BATCH",
            "SVC_PORTS",
            "SVC_API_TOKEN",
            "SVC_DATABASE_URL",
            "SVC_SAMPLE_RATE"
        ],
        "{report}"
    );
    assert!(report.contains("\"65\": must be in 1..=64"), "{report}");
    assert!(report.contains("\"0\": must be in 1.."), "{report}");
    assert!(report.contains("\"7\": even: 7 is odd"), "{report}");
    assert!(report.contains("item 2: must be in 1024.."), "{report}");
    assert!(report.contains("rejected by starts_with_sk (secret: value not shown)"), "{report}");
    assert!(!report.contains("canary"), "{report}");
    assert!(report.contains("must be in 0.0..=1.0"), "{report}");
}

#[test]
fn a_struct_rule_runs_once_every_field_loaded_and_names_its_variables() {
    let found = problems(&[
        ("SVC_WORKERS", "20"),
        ("SVC_CONNECTIONS", "5"),
        ("SVC_API_TOKEN", "sk_x"),
        ("SVC_DATABASE_URL", "postgres://db/app"),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    match &found[0] {
        Problem::Rule { vars, config, message, .. } => {
            assert_eq!(vars, &["SVC_WORKERS", "SVC_CONNECTIONS"]);
            assert_eq!(config, "Service");
            assert_eq!(message, "workers must not exceed connections");
        }
        other => panic!("{other:?}"),
    }
    let report = Service::from_vars([
        ("SVC_WORKERS", "20"),
        ("SVC_CONNECTIONS", "5"),
        ("SVC_API_TOKEN", "sk_x"),
        ("SVC_DATABASE_URL", "postgres://db/app"),
    ])
    .unwrap_err()
    .to_string();
    assert_eq!(
        report,
        "1 configuration problem (1 rule):\n  rule     SVC_WORKERS, SVC_CONNECTIONS Service: workers must not exceed connections"
    );
}

#[test]
fn the_own_variable_wins_over_aliases_and_names_them() {
    let base = [("SVC_API_TOKEN", "sk_x")];
    let vars: Vars = base
        .into_iter()
        .chain([("SVC_DATABASE_URL", "own"), ("DATABASE_URL", "alias"), ("SVC_DB", "deprecated")])
        .collect();
    let loaded = Service::load(&vars).unwrap();
    assert_eq!(loaded.config().database_url, "own");
    let shadowed: Vec<&str> = loaded
        .warnings()
        .iter()
        .map(|warning| match warning {
            Warning::Shadowed { alias, .. } => alias.as_str(),
            other => panic!("{other}"),
        })
        .collect();
    assert_eq!(shadowed, ["DATABASE_URL", "SVC_DB"]);
}

#[test]
fn an_alias_is_read_when_the_own_variable_is_unset() {
    let vars: Vars = [("SVC_API_TOKEN", "sk_x"), ("POSTGRES_URL", "from-alias")].into_iter().collect();
    let loaded = Service::load(&vars).unwrap();
    assert_eq!(loaded.config().database_url, "from-alias");
    assert!(loaded.warnings().is_empty());
    let entry = loaded.entries().iter().find(|entry| entry.var() == "SVC_DATABASE_URL").unwrap();
    assert_eq!(entry.origin(), &Origin::Alias("POSTGRES_URL".into()));
}

#[test]
fn aliases_set_to_the_same_value_agree_and_different_values_conflict() {
    let vars: Vars =
        [("SVC_API_TOKEN", "sk_x"), ("DATABASE_URL", "same"), ("POSTGRES_URL", "same")].into_iter().collect();
    assert_eq!(Service::from_source(&vars).unwrap().database_url, "same");

    let found = problems(&[("SVC_API_TOKEN", "sk_x"), ("DATABASE_URL", "one"), ("SVC_DB", "two")]);
    match &found[..] {
        [Problem::Conflict { var, aliases, .. }] => {
            assert_eq!(var, "SVC_DATABASE_URL");
            assert_eq!(aliases, &["DATABASE_URL", "SVC_DB"]);
        }
        other => panic!("{other:?}"),
    }
    let report = Service::from_vars([("SVC_API_TOKEN", "sk_x"), ("DATABASE_URL", "one"), ("SVC_DB", "two")])
        .unwrap_err()
        .to_string();
    assert!(report.contains("its aliases DATABASE_URL and SVC_DB are set to different values"), "{report}");
}

#[test]
fn a_deprecated_name_in_use_is_a_warning() {
    let vars: Vars = [("SVC_API_TOKEN", "sk_x"), ("SVC_DB", "old")].into_iter().collect();
    let loaded = Service::load(&vars).unwrap();
    assert_eq!(
        loaded.warnings(),
        [Warning::Deprecated { var: "SVC_DB".into(), replacement: "SVC_DATABASE_URL".into() }]
    );
    assert_eq!(loaded.warnings()[0].to_string(), "SVC_DB is deprecated: rename it to SVC_DATABASE_URL");
}

#[test]
fn aliases_are_listed_rendered_and_suggested() {
    let vars = Service::vars();
    let database = vars.iter().find(|var| var.name == "SVC_DATABASE_URL").unwrap();
    assert_eq!(database.aliases, ["DATABASE_URL", "POSTGRES_URL", "SVC_DB"]);
    assert_eq!(database.deprecated, ["SVC_DB"]);
    let example = twelve_config::render::env_example(&vars);
    assert!(example.contains("DATABASE_URL, POSTGRES_URL"), "{example}");
    assert!(example.contains("SVC_DB (deprecated)"), "{example}");
    let markdown = twelve_config::render::markdown(&vars);
    assert!(markdown.contains("`SVC_DB` (deprecated)"), "{markdown}");
}

#[test]
fn the_effective_configuration_shows_every_origin_and_no_secret() {
    let dir = std::env::temp_dir().join(format!("twelve-config-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let token = dir.join("token");
    std::fs::write(&token, "sk_file_canary\n").unwrap();

    #[derive(EnvConfig, Debug)]
    #[env(prefix = "E_", file)]
    struct Effective {
        #[env(default = 8080)]
        port: u16,
        api_token: SecretString,
        #[env(deprecated = "OLD_URL")]
        url: String,
        name: Option<String>,
        #[env(default = "30s")]
        timeout: std::time::Duration,
    }
    let vars: Vars =
        [("E_API_TOKEN_FILE", token.to_str().unwrap()), ("OLD_URL", "redis://:pw@cache")].into_iter().collect();
    let loaded = Effective::load(&vars).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let shown = loaded.to_string();
    let expected = format!(
        "\
E_PORT      \"8080\"               default
E_API_TOKEN (secret)             file {:?}
E_URL       \"redis://:***@cache\" alias OLD_URL
E_NAME      (unset)              unset
E_TIMEOUT   \"30s\"                default",
        token.to_str().unwrap()
    );
    assert_eq!(shown, expected);
    assert!(!shown.contains("canary") && !shown.contains("pw@"));
}

#[test]
fn with_deny_unknown_an_alias_is_known_and_a_typo_of_one_is_suggested() {
    #[derive(EnvConfig, Debug)]
    #[env(prefix = "K_", deny_unknown)]
    struct Strict {
        #[env(deprecated = "K_OLD_NAME")]
        new_name: String,
    }
    let vars: Vars = [("K_OLD_NAME", "x")].into_iter().collect();
    assert_eq!(Strict::from_source(&vars).unwrap().new_name, "x");
    let error = Strict::from_vars([("K_NEW_NAME", "x"), ("K_OLD_NAM", "y")]).unwrap_err();
    assert!(matches!(error.problems(), [Problem::Unknown { suggestion: Some(s), .. }] if s == "K_OLD_NAME"), "{error}");
}

#[test]
fn from_env_or_exit_is_unchanged_by_rules_that_pass() {
    // Loading with rules that pass returns the same config as without.
    let vars: Vars =
        [("SVC_API_TOKEN", "sk_x"), ("SVC_DATABASE_URL", "u"), ("SVC_PORTS", "1024,2048")].into_iter().collect();
    let config = Service::from_source(&vars).unwrap();
    assert_eq!((config.workers, config.connections, config.ports.clone()), (4, 10, vec![1024, 2048]));
    let loaded = Service::load(&vars).unwrap();
    assert_eq!(loaded.entries().len(), Service::vars().len());
}

#[test]
fn an_old_name_set_beside_the_new_one_to_another_value_is_a_warning() {
    let vars = Vars::new()
        .with("SVC_API_TOKEN", "sk_1")
        .with("SVC_DATABASE_URL", "postgres://new/app")
        .with("SVC_DB", "postgres://old/app");
    let loaded = Service::load(&vars).unwrap();
    assert_eq!(loaded.config().database_url, "postgres://new/app");
    assert_eq!(loaded.warnings(), [Warning::Shadowed { var: "SVC_DATABASE_URL".into(), alias: "SVC_DB".into() }]);
    assert_eq!(
        loaded.warnings()[0].to_string(),
        "SVC_DATABASE_URL and SVC_DB are both set, to different values: SVC_DATABASE_URL is used; unset SVC_DB"
    );
    // The same value says nothing new.
    let vars = vars.with("SVC_DB", "postgres://new/app");
    assert!(Service::load(&vars).unwrap().warnings().is_empty());
}
