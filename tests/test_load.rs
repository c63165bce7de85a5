//! Every attribute and value rule of the derive, loaded with `from_vars`.
#![allow(dead_code)] // Some configs exist only to be rejected.

use std::collections::HashMap;
use std::ffi::OsString;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use twelve_config::{EnvConfig, ExposeSecret, Problem, SecretBox, SecretString, Vars};

fn no_vars() -> Vec<(String, String)> {
    Vec::new()
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
#[allow(non_snake_case)]
struct Names {
    port: u16,
    #[env(name = "DATABASE_URL")]
    database: String,
    max_connections: u32,
    logLevel: String,
    r#type: String,
}

#[test]
fn prefix_plus_screaming_snake_field_name_and_exact_names() {
    let names: Vec<String> = Names::vars().into_iter().map(|var| var.name).collect();
    assert_eq!(names, ["APP_PORT", "DATABASE_URL", "APP_MAX_CONNECTIONS", "APP_LOG_LEVEL", "APP_TYPE"]);
    let config = Names::from_vars([
        ("APP_PORT", "80"),
        ("DATABASE_URL", "postgres://db"),
        ("APP_MAX_CONNECTIONS", "10"),
        ("APP_LOG_LEVEL", "info"),
        ("APP_TYPE", "worker"),
        // `name` means exactly this name: the prefixed one is not read.
        ("APP_DATABASE_URL", "wrong"),
    ])
    .unwrap();
    assert_eq!((config.port, config.max_connections), (80, 10));
    assert_eq!(config.database, "postgres://db");
    assert_eq!((config.logLevel.as_str(), config.r#type.as_str()), ("info", "worker"));
}

#[derive(EnvConfig, Debug)]
struct Defaults {
    #[env(default = 8080)]
    port: u16,
    #[env(default = -1)]
    offset: i64,
    #[env(default = 1.5)]
    ratio: f64,
    #[env(default = true)]
    enabled: bool,
    #[env(default = "30s")]
    timeout: Duration,
    #[env(default = Duration::ZERO)]
    grace: Duration,
    #[env(default = 7u8)]
    widened: u64,
    #[env(default = "127.0.0.1")]
    bind: IpAddr,
    #[env(default = "a,b")]
    tags: Vec<String>,
    #[env(default = "")]
    empty_list: Vec<String>,
    #[env(default = "/tmp/x")]
    path: PathBuf,
}

#[test]
fn defaults_apply_when_unset_and_string_defaults_are_parsed() {
    let config = Defaults::from_vars(no_vars()).unwrap();
    assert_eq!(config.port, 8080);
    assert_eq!(config.offset, -1);
    assert_eq!(config.ratio, 1.5);
    assert!(config.enabled);
    assert_eq!(config.timeout, Duration::from_secs(30));
    assert_eq!(config.grace, Duration::ZERO);
    assert_eq!(config.widened, 7);
    assert_eq!(config.bind, IpAddr::from([127, 0, 0, 1]));
    assert_eq!(config.tags, ["a", "b"]);
    assert!(config.empty_list.is_empty());
    assert_eq!(config.path, PathBuf::from("/tmp/x"));
}

#[test]
fn set_values_win_over_defaults_and_empty_values_count_as_unset() {
    let config = Defaults::from_vars([("PORT", "9000"), ("ENABLED", "off"), ("TIMEOUT", ""), ("TAGS", "x")]).unwrap();
    assert_eq!(config.port, 9000);
    assert!(!config.enabled);
    assert_eq!(config.timeout, Duration::from_secs(30));
    assert_eq!(config.tags, ["x"]);
}

#[test]
fn defaults_are_listed_as_text_that_loads_back() {
    let defaults: Vec<(String, Option<String>)> =
        Defaults::vars().into_iter().map(|var| (var.name, var.default)).collect();
    let expected = [
        ("PORT", Some("8080")),
        ("OFFSET", Some("-1")),
        ("RATIO", Some("1.5")),
        ("ENABLED", Some("true")),
        ("TIMEOUT", Some("30s")),
        ("GRACE", Some("0s")),
        ("WIDENED", Some("7")),
        ("BIND", Some("127.0.0.1")),
        ("TAGS", Some("a,b")),
        ("EMPTY_LIST", Some("")),
        ("PATH", Some("/tmp/x")),
    ];
    let expected: Vec<(String, Option<String>)> =
        expected.iter().map(|(n, d)| (n.to_string(), d.map(str::to_owned))).collect();
    assert_eq!(defaults, expected);
}

#[test]
fn every_listed_default_set_as_the_variable_loads_the_same_value() {
    let unset = format!("{:?}", Defaults::from_vars(Vec::<(String, String)>::new()).unwrap());
    for var in Defaults::vars() {
        let Some(text) = var.default else { continue };
        let set = format!("{:?}", Defaults::from_vars([(var.name.clone(), text.clone())]).unwrap());
        // An empty text counts as unset, which takes the default too.
        assert_eq!(set, unset, "{}={text:?} loads another value", var.name);
    }
}

#[derive(EnvConfig, Debug)]
struct BadDefault {
    #[env(default = "eighty")]
    port: u16,
}

#[test]
fn an_invalid_string_default_is_reported_as_the_programs_mistake() {
    let error = BadDefault::from_vars(no_vars()).unwrap_err();
    match &error.problems()[0] {
        Problem::Invalid { var, from_default, value, .. } => {
            assert_eq!(var, "PORT");
            assert!(from_default);
            assert_eq!(value.as_deref(), Some("\"eighty\""));
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(error.to_string().contains("default \"eighty\": invalid digit found in string"), "{error}");
    assert!(error.to_string().contains("#[env(default)]"), "{error}");
    // A valid value set in the environment never touches the default.
    assert_eq!(BadDefault::from_vars([("PORT", "1")]).unwrap().port, 1);
}

#[derive(EnvConfig, Debug)]
struct Optional {
    redis_url: Option<String>,
    workers: Option<u8>,
    hosts: Option<Vec<String>>,
}

#[test]
fn option_is_none_when_unset_or_empty_and_some_when_set() {
    let config = Optional::from_vars([("WORKERS", "")]).unwrap();
    assert_eq!((config.redis_url, config.workers, config.hosts), (None, None, None));
    let config = Optional::from_vars([("REDIS_URL", "redis://c"), ("WORKERS", "4"), ("HOSTS", "a, b")]).unwrap();
    assert_eq!(config.redis_url.as_deref(), Some("redis://c"));
    assert_eq!(config.workers, Some(4));
    assert_eq!(config.hosts, Some(vec!["a".to_owned(), "b".to_owned()]));
    let error = Optional::from_vars([("WORKERS", "many")]).unwrap_err();
    assert_eq!(error.problems()[0].var(), "WORKERS");
    assert!(Optional::vars().iter().all(|var| !var.required));
}

#[derive(EnvConfig, Debug)]
struct Lists {
    #[env(default = "")]
    origins: Vec<String>,
    #[env(split = ";")]
    ports: Vec<u16>,
    #[env(split = " | ", default = "a | b")]
    words: Vec<String>,
}

#[test]
fn lists_split_on_the_separator_and_trim_items() {
    let config = Lists::from_vars([("ORIGINS", " a.example , b.example "), ("PORTS", "80; 443")]).unwrap();
    assert_eq!(config.origins, ["a.example", "b.example"]);
    assert_eq!(config.ports, [80, 443]);
    assert_eq!(config.words, ["a", "b"]);
}

#[test]
fn a_required_list_set_to_empty_is_missing_and_a_bad_item_names_its_position() {
    let error = Lists::from_vars([("PORTS", "")]).unwrap_err();
    assert!(matches!(&error.problems()[0], Problem::Missing { var, empty: true, .. } if var == "PORTS"));
    let error = Lists::from_vars([("PORTS", "80;http")]).unwrap_err();
    match &error.problems()[0] {
        Problem::Invalid { reason, .. } => assert_eq!(reason, "item 2 \"http\": invalid digit found in string"),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

fn parse_percent(text: &str) -> Result<f32, String> {
    let number = text.strip_suffix('%').ok_or_else(|| format!("{text:?} does not end in %"))?;
    number.trim().parse::<f32>().map(|n| n / 100.0).map_err(|error| error.to_string())
}

#[derive(Debug, PartialEq)]
struct Level(u8);

fn parse_level(text: &str) -> Result<Level, std::num::ParseIntError> {
    text.parse().map(Level)
}

#[derive(EnvConfig, Debug)]
struct ParseWith {
    #[env(parse_with = parse_percent)]
    sample_rate: f32,
    #[env(parse_with = parse_level, default = "3")]
    level: Level,
    #[env(parse_with = parse_percent, split = ",")]
    quantiles: Vec<f32>,
    #[env(parse_with = parse_percent)]
    optional_rate: Option<f32>,
}

#[test]
fn parse_with_replaces_from_str_and_applies_to_each_item() {
    let config = ParseWith::from_vars([("SAMPLE_RATE", "50%"), ("QUANTILES", "50%, 99%")]).unwrap();
    assert_eq!(config.sample_rate, 0.5);
    assert_eq!(config.level, Level(3));
    assert_eq!(config.quantiles, [0.5, 0.99]);
    assert_eq!(config.optional_rate, None);
    let error = ParseWith::from_vars([("SAMPLE_RATE", "0.5"), ("QUANTILES", "1%")]).unwrap_err();
    match &error.problems()[0] {
        Problem::Invalid { reason, .. } => assert_eq!(reason, "\"0.5\" does not end in %"),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "SHOP_")]
struct Shop {
    name: String,
    #[env(nested)]
    smtp: Smtp,
    #[env(nested = "MAIL_")]
    backup_mail: Smtp,
    #[env(nested = "")]
    flat: Flat,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "IGNORED_WHEN_NESTED_")]
struct Smtp {
    host: String,
    #[env(default = 587)]
    port: u16,
    #[env(nested)]
    tls: Tls,
}

#[derive(EnvConfig, Debug)]
struct Tls {
    #[env(default = true)]
    enabled: bool,
    #[env(name = "SSL_CERT_FILE")]
    cert: Option<PathBuf>,
}

#[derive(EnvConfig, Debug)]
struct Flat {
    region: String,
}

#[test]
fn nested_structs_read_under_the_parent_prefix_plus_the_field_name() {
    let names: Vec<String> = Shop::vars().into_iter().map(|var| var.name).collect();
    assert_eq!(
        names,
        [
            "SHOP_NAME",
            "SHOP_SMTP_HOST",
            "SHOP_SMTP_PORT",
            "SHOP_SMTP_TLS_ENABLED",
            "SSL_CERT_FILE",
            "SHOP_MAIL_HOST",
            "SHOP_MAIL_PORT",
            "SHOP_MAIL_TLS_ENABLED",
            "SSL_CERT_FILE",
            "SHOP_REGION",
        ]
    );
    let fields: Vec<String> = Shop::vars().into_iter().map(|var| var.field).collect();
    assert_eq!(fields[3], "smtp.tls.enabled");
    assert_eq!(fields[5], "backup_mail.host");
    let config = Shop::from_vars([
        ("SHOP_NAME", "s"),
        ("SHOP_SMTP_HOST", "mx1"),
        ("SHOP_SMTP_TLS_ENABLED", "no"),
        ("SHOP_MAIL_HOST", "mx2"),
        ("SHOP_MAIL_PORT", "25"),
        ("SSL_CERT_FILE", "/etc/cert.pem"),
        ("SHOP_REGION", "eu"),
    ])
    .unwrap();
    assert_eq!((config.smtp.host.as_str(), config.smtp.port), ("mx1", 587));
    assert!(!config.smtp.tls.enabled);
    assert_eq!((config.backup_mail.host.as_str(), config.backup_mail.port), ("mx2", 25));
    assert_eq!(config.backup_mail.tls.cert, Some(PathBuf::from("/etc/cert.pem")));
    assert_eq!(config.flat.region, "eu");
}

#[test]
fn a_nested_struct_alone_uses_its_own_prefix() {
    let smtp = Smtp::from_vars([("IGNORED_WHEN_NESTED_HOST", "mx")]).unwrap();
    assert_eq!(smtp.host, "mx");
}

#[test]
fn nested_problems_join_the_parents_report_in_declaration_order() {
    let error = Shop::from_vars([("SHOP_SMTP_PORT", "smtp"), ("SHOP_MAIL_TLS_ENABLED", "maybe")]).unwrap_err();
    let problems: Vec<(&str, Option<&str>)> = error.problems().iter().map(|p| (p.var(), p.field())).collect();
    assert_eq!(
        problems,
        [
            ("SHOP_NAME", Some("name")),
            ("SHOP_SMTP_HOST", Some("smtp.host")),
            ("SHOP_SMTP_PORT", Some("smtp.port")),
            ("SHOP_MAIL_HOST", Some("backup_mail.host")),
            ("SHOP_MAIL_TLS_ENABLED", Some("backup_mail.tls.enabled")),
            ("SHOP_REGION", Some("flat.region")),
        ]
    );
}

/// A documented config.
#[derive(EnvConfig, Debug)]
struct Documented {
    /// Port the HTTP server binds.
    port: u16,
    /// First paragraph, which
    /// goes on here.
    ///
    /// Second paragraph.
    mode: String,
    undocumented: String,
}

#[test]
fn doc_comments_become_descriptions() {
    let vars = Documented::vars();
    assert_eq!(vars[0].description.as_deref(), Some("Port the HTTP server binds."));
    assert_eq!(vars[1].description.as_deref(), Some("First paragraph, which goes on here.\nSecond paragraph."));
    assert_eq!(vars[2].description, None);
    let error = Documented::from_vars(no_vars()).unwrap_err();
    // The report shows the first paragraph.
    assert_eq!(
        error.to_string(),
        "3 configuration problems (3 missing):
  missing  PORT         port: u16            Port the HTTP server binds.
  missing  MODE         mode: String         First paragraph, which goes on here.
  missing  UNDOCUMENTED undocumented: String not set"
    );
}

#[derive(EnvConfig, Debug)]
struct Values {
    flag: bool,
    count: u64,
    delta: i32,
    ratio: f64,
    letter: char,
    ip: IpAddr,
    timeout: Duration,
    name: String,
}

#[test]
fn any_from_str_type_is_a_field() {
    let config = Values::from_vars([
        ("FLAG", "YES"),
        ("COUNT", "18446744073709551615"),
        ("DELTA", "-5"),
        ("RATIO", "2.5e-3"),
        ("LETTER", "λ"),
        ("IP", "::1"),
        ("TIMEOUT", "1h30m"),
        ("NAME", "  spaced  "),
    ])
    .unwrap();
    assert!(config.flag);
    assert_eq!(config.count, u64::MAX);
    assert_eq!(config.delta, -5);
    assert_eq!(config.ratio, 2.5e-3);
    assert_eq!(config.letter, 'λ');
    assert_eq!(config.ip, "::1".parse::<IpAddr>().unwrap());
    assert_eq!(config.timeout, Duration::from_secs(5400));
    // Strings are taken as given, spaces included.
    assert_eq!(config.name, "  spaced  ");
}

#[test]
fn bool_accepts_only_the_documented_words() {
    #[derive(EnvConfig, Debug)]
    struct Flag {
        flag: bool,
    }
    for (text, expected) in [("true", true), ("On", true), ("1", true), ("FALSE", false), ("no", false), ("0", false)] {
        assert_eq!(Flag::from_vars([("FLAG", text)]).unwrap().flag, expected, "{text}");
    }
    for text in ["flase", "t", "2", "enabled", " true", "yes please"] {
        let error = Flag::from_vars([("FLAG", text)]).unwrap_err();
        assert!(matches!(error.problems()[0], Problem::Invalid { .. }), "{text}");
    }
}

#[test]
fn durations_use_humantime_syntax() {
    #[derive(EnvConfig, Debug)]
    struct Timeout {
        timeout: Duration,
    }
    for (text, expected) in [("250ms", 250), ("30s", 30_000), ("5m", 300_000), ("1h30m", 5_400_000)] {
        let config = Timeout::from_vars([("TIMEOUT", text)]).unwrap();
        assert_eq!(config.timeout, Duration::from_millis(expected), "{text}");
    }
    let error = Timeout::from_vars([("TIMEOUT", "30")]).unwrap_err();
    assert!(error.to_string().contains("expected a duration such as 250ms"), "{error}");
}

#[test]
fn whitespace_around_a_number_is_pointed_out() {
    let error = Values::from_vars([("COUNT", "8080 ")]).unwrap_err();
    let count = error.problems().iter().find(|p| p.var() == "COUNT").unwrap();
    match count {
        Problem::Invalid { reason, value, .. } => {
            assert!(reason.ends_with("(the value has leading or trailing whitespace)"), "{reason}");
            assert_eq!(value.as_deref(), Some("\"8080 \""));
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[derive(EnvConfig)]
#[env(debug)]
struct Secrets {
    api_token: SecretString,
    pin: SecretBox<u32>,
    #[env(secret)]
    password: String,
    #[env(secret)]
    port: u16,
    optional_token: Option<SecretString>,
}

#[test]
fn secret_fields_load_and_are_marked_secret() {
    let config =
        Secrets::from_vars([("API_TOKEN", "tok"), ("PIN", "1234"), ("PASSWORD", "pw"), ("PORT", "1")]).unwrap();
    assert_eq!(config.api_token.expose_secret(), "tok");
    assert_eq!(*config.pin.expose_secret(), 1234);
    assert_eq!(config.password, "pw");
    assert!(config.optional_token.is_none());
    assert!(Secrets::vars().iter().all(|var| var.secret));
}

#[test]
fn a_value_that_is_not_unicode_is_its_own_problem() {
    use std::os::unix::ffi::OsStringExt;
    let vars = Vars::new()
        .with("NAME", OsString::from_vec(b"caf\xE9".to_vec()))
        .with("COUNT", "x")
        .with("PASSWORD", OsString::from_vec(b"pw\xFF".to_vec()));
    let error = Values::from_source(&vars).unwrap_err();
    let name = error.problems().iter().find(|p| p.var() == "NAME").unwrap();
    match name {
        Problem::NotUnicode { var, field, type_name, value, .. } => {
            assert_eq!((var.as_str(), field.as_str(), type_name.as_str()), ("NAME", "name", "String"));
            assert_eq!(value.as_deref(), Some("\"caf\\xE9\""));
        }
        other => panic!("expected NotUnicode, got {other:?}"),
    }
    // All the other problems are still found.
    assert!(error.problems().iter().any(|p| p.var() == "COUNT"));
    assert!(error.problems().iter().any(|p| p.var() == "FLAG"));

    let error = Secrets::from_source(&vars).unwrap_err();
    let password = error.problems().iter().find(|p| p.var() == "PASSWORD").unwrap();
    assert!(matches!(password, Problem::NotUnicode { value: None, .. }), "{password:?}");
}

#[test]
fn from_vars_takes_maps_and_owned_strings_and_the_last_pair_wins() {
    #[derive(EnvConfig, Debug)]
    struct Port {
        port: u16,
    }
    let map: HashMap<String, String> = HashMap::from([("PORT".to_owned(), "1".to_owned())]);
    assert_eq!(Port::from_vars(map.clone()).unwrap().port, 1);
    assert_eq!(Port::from_source(&map).unwrap().port, 1);
    let owned = vec![("PORT".to_owned(), "2".to_owned()), ("PORT".to_owned(), "3".to_owned())];
    assert_eq!(Port::from_vars(owned).unwrap().port, 3);
}

#[test]
fn vars_describe_type_requirement_and_secrecy() {
    let vars = Secrets::vars();
    let token = &vars[0];
    assert_eq!((token.name.as_str(), token.type_name.as_str()), ("API_TOKEN", "SecretString"));
    assert!(token.required && token.secret && !token.file);
    assert_eq!(vars[1].type_name, "SecretBox<u32>");
    assert_eq!(vars[4].type_name, "Option<SecretString>");
    assert!(!vars[4].required);
}

#[derive(EnvConfig)]
#[env(prefix = "APP_", debug)]
struct CredentialNames {
    db_password: Option<String>,
    stripe_api_key: Option<String>,
    #[env(default = "keyboard")]
    keyboard: String,
}

#[test]
fn credential_like_names_are_secret_even_without_the_attribute() {
    let vars = CredentialNames::vars();
    assert!(vars[0].secret && vars[1].secret && !vars[2].secret);
    assert_eq!(vars[2].default.as_deref(), Some("keyboard"));
}

/// A source that counts the lookups of each name.
struct Counting {
    vars: Vars,
    lookups: std::cell::RefCell<HashMap<String, usize>>,
}

impl twelve_config::Source for Counting {
    fn get(&self, name: &str) -> Option<std::borrow::Cow<'_, std::ffi::OsStr>> {
        *self.lookups.borrow_mut().entry(name.to_owned()).or_default() += 1;
        self.vars.get(name)
    }

    fn names(&self) -> Box<dyn Iterator<Item = std::borrow::Cow<'_, std::ffi::OsStr>> + '_> {
        self.vars.names()
    }
}

#[test]
fn each_variable_is_read_once() {
    let source = Counting {
        vars: Vars::new().with("PORT", "1").with("TIMEOUT", "").with("TAGS", "a"),
        lookups: Default::default(),
    };
    Defaults::from_source(&source).unwrap();
    let lookups = source.lookups.borrow();
    assert_eq!(lookups.len(), Defaults::vars().len());
    assert!(lookups.values().all(|count| *count == 1), "{lookups:?}");
}

/// A port, by another name: a literal default fits it as it fits `u16`.
type Port = u16;

#[derive(EnvConfig, Debug)]
struct AliasDefault {
    #[env(default = 8080)]
    port: Port,
    #[env(default = -5)]
    offset: std::primitive::i8,
}

#[test]
fn a_literal_default_fits_an_alias_of_its_primitive() {
    let config = AliasDefault::from_vars(Vars::new()).unwrap();
    assert_eq!((config.port, config.offset), (8080, -5));
    let defaults: Vec<Option<String>> = AliasDefault::vars().into_iter().map(|var| var.default).collect();
    assert_eq!(defaults, [Some("8080".to_owned()), Some("-5".to_owned())]);
    assert_eq!(AliasDefault::from_vars([("PORT", "9090")]).unwrap().port, 9090);
}
