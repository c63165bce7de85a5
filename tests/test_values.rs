//! Every value a service needs: enums (`#[derive(EnvValue)]`), maps,
//! optional groups, and defaults that load back.

#![allow(dead_code)] // The configs exist to be loaded and listed.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use twelve_config::{EnvConfig, EnvValue, Problem, render};

#[derive(EnvValue, Debug, Clone, Copy, PartialEq, Eq)]
enum LogFormat {
    Json,
    Text,
    #[env(name = "logfmt", alias = "key-value")]
    KeyValue,
}

#[derive(EnvValue, Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Error,
    Warn,
    Info,
    Debug,
    SlowQuery,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "V_")]
struct Logging {
    #[env(default = LogFormat::Json)]
    format: LogFormat,
    #[env(default = "info")]
    level: Level,
    levels: Option<Vec<Level>>,
}

#[test]
fn enum_variants_read_by_snake_or_kebab_name_in_any_case() {
    for (text, expected) in [
        ("slow_query", Level::SlowQuery),
        ("slow-query", Level::SlowQuery),
        ("SLOW_QUERY", Level::SlowQuery),
        ("Slow-Query", Level::SlowQuery),
        ("WARN", Level::Warn),
    ] {
        assert_eq!(Level::parse_env(text), Ok(expected), "{text}");
    }
    assert_eq!(LogFormat::parse_env("logfmt"), Ok(LogFormat::KeyValue));
    assert_eq!(LogFormat::parse_env("KEY_VALUE"), Ok(LogFormat::KeyValue));
    // `name` replaces the variant's own name.
    assert!(LogFormat::parse_env("key_value").is_ok(), "the alias key-value reads as key_value too");
    assert!(LogFormat::parse_env("keyvalue").is_err());
}

#[test]
fn a_value_that_names_no_variant_lists_them_with_a_suggestion() {
    assert_eq!(LogFormat::parse_env("jsno"), Err("expected one of json, text, logfmt: did you mean json?".into()));
    assert_eq!(LogFormat::parse_env("xml"), Err("expected one of json, text, logfmt".into()));
    let error = Logging::from_vars([("V_LEVEL", "verbose"), ("V_LEVELS", "error,wran")]).unwrap_err();
    let report = error.to_string();
    assert!(report.contains("\"verbose\": expected one of error, warn, info, debug, slow_query"), "{report}");
    assert!(
        report.contains("item 2 \"wran\": expected one of error, warn, info, debug, slow_query: did you mean warn?"),
        "{report}"
    );
    assert_eq!(error.problems().len(), 2);
}

#[test]
fn choices_are_listed_and_rendered_and_defaults_are_variant_names() {
    let vars = Logging::vars();
    assert_eq!(vars[0].choices, ["json", "text", "logfmt"]);
    assert_eq!(vars[0].default.as_deref(), Some("json"));
    assert_eq!(vars[2].choices, ["error", "warn", "info", "debug", "slow_query"]);
    let example = render::env_example(&vars);
    assert!(example.contains("# LogFormat, optional, one of: json, text, logfmt\n# V_FORMAT=json\n"), "{example}");
    let markdown = render::markdown(&vars);
    assert!(markdown.contains("One of `json`, `text`, `logfmt`."), "{markdown}");
}

#[test]
fn the_effective_configuration_writes_an_expression_default_as_its_text() {
    let loaded = Logging::load(&twelve_config::Vars::new()).unwrap();
    assert!(loaded.to_string().starts_with("V_FORMAT \"json\"  default"), "{loaded}");
}

/// Every kind of default at once; each listed text must load the value back.
#[derive(EnvConfig, Debug)]
struct AllDefaults {
    #[env(default = 1_000_000)]
    max_rows: u64,
    #[env(default = Duration::from_secs(30))]
    grace: Duration,
    #[env(default = Duration::from_millis(1500))]
    short: Duration,
    #[env(default = LogFormat::KeyValue)]
    format: LogFormat,
    #[env(default = 'x')]
    letter: char,
    #[env(default = -3i64)]
    offset: i64,
    #[env(default = 0x10)]
    mask: u32,
    #[env(default = std::net::Ipv4Addr::LOCALHOST)]
    bind: std::net::Ipv4Addr,
    #[env(default = String::from("a b"))]
    label: String,
    #[env(default = vec![1, 2])]
    list: Vec<u8>,
}

#[test]
fn every_default_listed_loads_back_to_the_same_value() {
    let listed: Vec<(String, Option<String>, bool)> =
        AllDefaults::vars().into_iter().map(|var| (var.name, var.default, var.default_in_code)).collect();
    let text = |name: &str| listed.iter().find(|(n, _, _)| n == name).and_then(|(_, d, _)| d.clone());
    assert_eq!(text("MAX_ROWS").as_deref(), Some("1000000"));
    assert_eq!(text("GRACE").as_deref(), Some("30s"));
    assert_eq!(text("SHORT").as_deref(), Some("1s 500ms"));
    assert_eq!(text("FORMAT").as_deref(), Some("logfmt"));
    assert_eq!(text("LETTER").as_deref(), Some("x"));
    assert_eq!(text("OFFSET").as_deref(), Some("-3"));
    assert_eq!(text("MASK").as_deref(), Some("16"));
    assert_eq!(text("BIND").as_deref(), Some("127.0.0.1"));
    assert_eq!(text("LABEL").as_deref(), Some("a b"));
    // A list set in code has no text here: "set in code".
    assert!(listed.iter().any(|(n, d, in_code)| n == "LIST" && d.is_none() && *in_code));
    assert!(render::markdown(&AllDefaults::vars()).contains("| `LIST` | `Vec<u8>` | no | *set in code* |"));

    let unset = format!("{:?}", AllDefaults::from_vars(Vec::<(String, String)>::new()).unwrap());
    for (name, default, _) in &listed {
        let Some(default) = default else { continue };
        let set = format!("{:?}", AllDefaults::from_vars([(name.clone(), default.clone())]).unwrap());
        assert_eq!(set, unset, "{name}={default:?} loads another value");
    }
    let problem = AllDefaults::from_vars([("FORMAT", "yaml")]).unwrap_err();
    assert!(matches!(&problem.problems()[0], Problem::Invalid { .. }));
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "M_")]
struct Maps {
    #[env(default = "")]
    labels: HashMap<String, String>,
    #[env(split = ";", kv_split = ":", range = 1..=100, default = "")]
    weights: BTreeMap<String, u32>,
    levels: Option<BTreeMap<String, Level>>,
}

#[test]
fn maps_read_pairs_with_their_separators() {
    let config = Maps::from_vars([
        ("M_LABELS", " team = core , tier=1, url=https://x.example/?a=b"),
        ("M_WEIGHTS", "a:10; b : 20"),
        ("M_LEVELS", "db=slow-query,http=WARN"),
    ])
    .unwrap();
    assert_eq!(config.labels.len(), 3);
    assert_eq!(config.labels["team"], "core");
    assert_eq!(config.labels["url"], "https://x.example/?a=b", "a value may hold the separator");
    assert_eq!(config.weights, BTreeMap::from([("a".to_owned(), 10), ("b".to_owned(), 20)]));
    assert_eq!(config.levels.unwrap()["db"], Level::SlowQuery);
    let empty = Maps::from_vars(Vec::<(String, String)>::new()).unwrap();
    assert!(empty.labels.is_empty() && empty.weights.is_empty() && empty.levels.is_none());
}

#[test]
fn each_map_problem_names_its_item() {
    let error =
        Maps::from_vars([("M_LABELS", "team=core,team=edge"), ("M_WEIGHTS", "a:10;b"), ("M_LEVELS", "db=loud")])
            .unwrap_err();
    let report = error.to_string();
    assert!(report.contains("item 2: the key \"team\" is repeated"), "{report}");
    assert!(report.contains("item 2 \"b\": expected key:value"), "{report}");
    assert!(report.contains("item 1 \"db=loud\": expected one of error, warn"), "{report}");
    assert_eq!(error.problems().len(), 3);
    let error = Maps::from_vars([("M_WEIGHTS", "a:10;b:500")]).unwrap_err();
    assert!(error.to_string().contains("every value must be in 1..=100"), "{error}");
    let error = Maps::from_vars([("M_WEIGHTS", "a:ten")]).unwrap_err();
    assert!(error.to_string().contains("item 1 \"a:ten\": invalid digit found in string"), "{error}");
    // Every bad item of a variable, each named and shown.
    let error = Maps::from_vars([("M_WEIGHTS", "a:x;b:10;a:5;c")]).unwrap_err();
    let report = error.to_string();
    assert!(report.contains("item 1 \"a:x\": invalid digit found in string"), "{report}");
    assert!(report.contains("item 4 \"c\": expected key:value"), "{report}");
}

#[derive(EnvConfig, Debug, PartialEq)]
struct Tls {
    cert_path: String,
    key_path: String,
    #[env(default = 1)]
    min_version: u8,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "G_")]
struct Server {
    #[env(default = 443)]
    port: u16,
    #[env(nested)]
    tls: Option<Tls>,
}

#[test]
fn an_optional_group_is_none_when_unset_and_some_when_it_loads() {
    let none = Server::from_vars([("G_PORT", "80")]).unwrap();
    assert_eq!(none.tls, None);
    let some = Server::from_vars([("G_TLS_CERT_PATH", "/c.pem"), ("G_TLS_KEY_PATH", "/k.pem")]).unwrap();
    assert_eq!(some.tls, Some(Tls { cert_path: "/c.pem".into(), key_path: "/k.pem".into(), min_version: 1 }));
    // A default alone does not make the group set; a set default does.
    let error = Server::from_vars([("G_TLS_MIN_VERSION", "2")]).unwrap_err();
    assert_eq!(error.problems().len(), 2, "{error}");
}

#[test]
fn a_partly_set_group_reports_each_missing_variable_with_what_is_set() {
    let error = Server::from_vars([("G_TLS_CERT_PATH", "/c.pem")]).unwrap_err();
    match error.problems() {
        [Problem::Missing { var, optional_group: Some((group, set)), .. }] => {
            assert_eq!(var, "G_TLS_KEY_PATH");
            assert_eq!(group, "tls");
            assert_eq!(set, &["G_TLS_CERT_PATH"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "1 configuration problem (1 missing):\n  missing  G_TLS_KEY_PATH tls.key_path: String not set (the group `tls` is optional, but G_TLS_CERT_PATH is set: set this too, or unset the group)"
    );
}

#[test]
fn an_unset_group_is_listed_unset_in_the_effective_configuration() {
    let loaded = Server::load(&twelve_config::Vars::new()).unwrap();
    let origins: Vec<(&str, String)> = loaded.entries().iter().map(|e| (e.var(), e.origin().to_string())).collect();
    assert_eq!(
        origins,
        [
            ("G_PORT", "default".to_owned()),
            ("G_TLS_CERT_PATH", "unset".to_owned()),
            ("G_TLS_KEY_PATH", "unset".to_owned()),
            ("G_TLS_MIN_VERSION", "unset".to_owned())
        ]
    );
    assert_eq!(Server::vars().len(), 4);
}

#[test]
fn a_type_that_derives_env_config_asks_for_nested_and_json_needs_its_feature() {
    // Compile-fail cases in tests/ui: field-type-that-derives-env-config,
    // json-without-the-feature. Here: the report of a JSON field.
    #[cfg(feature = "json")]
    {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Limits {
            rps: u32,
            burst: u32,
        }
        #[derive(EnvConfig, Debug)]
        struct WithJson {
            #[env(json)]
            limits: Limits,
            #[env(json, default = "[]")]
            hosts: Vec<String>,
            #[env(json)]
            extra: Option<HashMap<String, u8>>,
        }
        let config =
            WithJson::from_vars([("LIMITS", r#"{"rps": 10, "burst": 20}"#), ("HOSTS", r#"["a","b"]"#)]).unwrap();
        assert_eq!(config.limits, Limits { rps: 10, burst: 20 });
        assert_eq!(config.hosts, ["a", "b"]);
        assert!(config.extra.is_none());
        let error = WithJson::from_vars([("LIMITS", r#"{"rps": "x"}"#)]).unwrap_err();
        assert!(error.to_string().contains("invalid type: string"), "{error}");
    }
}

#[cfg(feature = "serde")]
mod serde_fields {
    use twelve_config::EnvConfig;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum LogFormat {
        Json,
        #[serde(alias = "plain")]
        PrettyText,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Percent(u8);

    #[derive(EnvConfig, Debug)]
    struct Config {
        format: LogFormat,
        sample: Percent,
    }

    #[test]
    fn deserialize_types_read_unit_variants_and_newtypes() {
        let config = Config::from_vars([("FORMAT", "plain"), ("SAMPLE", "5")]).unwrap();
        assert_eq!((config.format, config.sample), (LogFormat::PrettyText, Percent(5)));
        let error = Config::from_vars([("FORMAT", "xml"), ("SAMPLE", "500")]).unwrap_err();
        let report = error.to_string();
        assert!(report.contains("unknown variant `xml`, expected one of `json`, `plain`, `pretty_text`"), "{report}");
        assert!(report.contains("number too large"), "{report}");
    }
}

/// The issue's service config: an enum log level, a map of labels, a
/// `BTreeMap<String, u32>` with custom separators, an optional TLS group,
/// and `u64` and `Duration` expression defaults.
#[derive(EnvConfig, Debug)]
#[env(prefix = "SVC_")]
struct Service {
    #[env(default = Level::Info)]
    log_level: Level,
    #[env(default = "")]
    labels: HashMap<String, String>,
    #[env(split = ";", kv_split = ":", default = "")]
    quotas: BTreeMap<String, u32>,
    #[env(nested)]
    tls: Option<Tls>,
    #[env(default = 1_000_000u64)]
    max_rows: u64,
    #[env(default = Duration::from_secs(90))]
    grace: Duration,
}

#[test]
fn a_service_config_with_every_value_type_loads_reports_and_renders() {
    let config = Service::from_vars([
        ("SVC_LOG_LEVEL", "slow-query"),
        ("SVC_LABELS", "team=core,tier=1"),
        ("SVC_QUOTAS", "free:10;pro:1000"),
        ("SVC_TLS_CERT_PATH", "/c.pem"),
        ("SVC_TLS_KEY_PATH", "/k.pem"),
    ])
    .unwrap();
    assert_eq!(config.log_level, Level::SlowQuery);
    assert_eq!(config.quotas["pro"], 1000);
    assert!(config.tls.is_some());
    assert_eq!((config.max_rows, config.grace), (1_000_000, Duration::from_secs(90)));

    // Every problem at once.
    let error = Service::from_vars([
        ("SVC_LOG_LEVEL", "loud"),
        ("SVC_LABELS", "team"),
        ("SVC_QUOTAS", "free:ten"),
        ("SVC_TLS_KEY_PATH", "/k.pem"),
        ("SVC_MAX_ROWS", "-1"),
    ])
    .unwrap_err();
    let vars: Vec<&str> = error.problems().iter().map(Problem::var).collect();
    assert_eq!(vars, ["SVC_LOG_LEVEL", "SVC_LABELS", "SVC_QUOTAS", "SVC_TLS_CERT_PATH", "SVC_MAX_ROWS"], "{error}");

    // Every default in the templates loads back.
    let listed = Service::vars();
    assert_eq!(listed.iter().find(|v| v.name == "SVC_MAX_ROWS").unwrap().default.as_deref(), Some("1000000"));
    assert_eq!(listed.iter().find(|v| v.name == "SVC_GRACE").unwrap().default.as_deref(), Some("1m 30s"));
    let example = render::env_example(&listed);
    let unset = format!("{:?}", Service::from_vars(Vec::<(String, String)>::new()).unwrap());
    for var in &listed {
        // Setting a variable of an optional group, even to its default,
        // puts the group in use: the round trip holds outside groups.
        if var.field.starts_with("tls.") {
            continue;
        }
        if let Some(default) = &var.default {
            assert!(example.contains(&format!("# {}=", var.name)), "{example}");
            let set = format!("{:?}", Service::from_vars([(var.name.clone(), default.clone())]).unwrap());
            assert_eq!(set, unset, "{}={default:?}", var.name);
        }
    }
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "E_")]
struct Empties {
    #[env(allow_empty)]
    banner: String,
    #[env(allow_empty)]
    motd: Option<String>,
    #[env(allow_empty, default = "hello")]
    greeting: String,
    title: Option<String>,
}

#[test]
fn allow_empty_makes_an_empty_value_a_value() {
    let config = Empties::from_vars([("E_BANNER", ""), ("E_MOTD", ""), ("E_GREETING", ""), ("E_TITLE", "")]).unwrap();
    assert_eq!(config.banner, "");
    assert_eq!(config.motd.as_deref(), Some(""));
    assert_eq!(config.greeting, "", "an empty value, not the default");
    assert_eq!(config.title, None, "without allow_empty, empty is unset");
    // Unset is still unset.
    let error = Empties::from_source(&twelve_config::Vars::new()).unwrap_err();
    assert_eq!(error.problems().len(), 1);
    assert_eq!(error.problems()[0].var(), "E_BANNER");
}
