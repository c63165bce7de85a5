//! Dev/prod parity and releases: `.env` without `set_var`, layered
//! sources, the fingerprint, and the Kubernetes and Compose manifests.
//!
//! Runs alone (`harness = false`): the fingerprint test starts this binary
//! again with the same variables in other orders.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

use twelve_config::{DotEnv, DotEnvError, Env, EnvConfig, Origin, Problem, SecretString, Source, Vars, render};
use yaml_rust2::{Yaml, YamlLoader};

/// Settings of a service, with a secret from a file.
#[derive(EnvConfig, Debug)]
#[env(prefix = "REL_", deny_unknown)]
#[allow(dead_code, reason = "loaded to be compared")]
struct Config {
    /// Port the HTTP server binds.
    #[env(default = 8080)]
    port: u16,
    database_url: String,
    api_token: SecretString,
    #[env(file)]
    smtp_password: Option<SecretString>,
    #[env(default = "info")]
    log_level: String,
    workers: Option<u8>,
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twelve-config-release-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the temporary directory is writable");
    dir
}

fn dotenv_drives_a_run_and_the_environment_wins() {
    let dir = temp_dir("dotenv");
    let path = dir.join(".env");
    std::fs::write(
        &path,
        "# local development\nREL_PORT=9000\nREL_DATABASE_URL=postgres://dev@localhost/app\nexport REL_API_TOKEN='dev token'\n",
    )
    .unwrap();
    let env = Vars::new().with("REL_PORT", "7000");
    let layered = env.or(DotEnv::from_path(&path).unwrap());
    let loaded = Config::load(&layered).unwrap();
    assert_eq!(loaded.config().port, 7000, "the environment wins over the file");
    assert_eq!(loaded.config().database_url, "postgres://dev@localhost/app");
    let origins: HashMap<&str, &Origin> = loaded.entries().iter().map(|entry| (entry.var(), entry.origin())).collect();
    assert_eq!(origins["REL_PORT"], &Origin::Env);
    assert_eq!(origins["REL_DATABASE_URL"], &Origin::Source(format!("{}:3", path.display())));
    assert_eq!(origins["REL_API_TOKEN"], &Origin::Source(format!("{}:4", path.display())));
    let shown = loaded.to_string();
    assert!(!shown.contains("dev token"), "{shown}");
    // Nothing was written to the process environment.
    assert_eq!(std::env::var_os("REL_DATABASE_URL"), None);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn a_bad_value_in_the_file_is_reported_with_its_line() {
    let dir = temp_dir("bad-value");
    let path = dir.join(".env");
    std::fs::write(&path, "REL_DATABASE_URL=x\nREL_API_TOKEN=t\n\nREL_PORT=eighty\nREL_DATABSE_URL=typo\n").unwrap();
    let error = Config::from_source(&Env.or(DotEnv::from_path(&path).unwrap())).unwrap_err();
    let report = error.to_string();
    assert!(report.contains(&format!("(from {}:4)", path.display())), "{report}");
    // With deny_unknown, a name in the file that no field reads is unknown.
    assert!(
        error.problems().iter().any(|p| matches!(p, Problem::Unknown { var, suggestion: Some(s), .. }
            if var == "REL_DATABSE_URL" && s == "REL_DATABASE_URL")),
        "{report}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn a_malformed_line_names_the_file_and_line() {
    let dir = temp_dir("malformed");
    let path = dir.join(".env");
    std::fs::write(&path, "REL_PORT=1\nTHIS IS NOT A LINE hunter2\n").unwrap();
    let error = DotEnv::from_path(&path).unwrap_err();
    assert!(matches!(&error, DotEnvError::Line { line: 2, .. }), "{error}");
    assert_eq!(error.to_string(), format!("{}:2: no `=`: write NAME=value", path.display()));
    // A missing file is empty; `require` says so.
    assert_eq!(DotEnv::from_path(dir.join("missing")).unwrap().names().count(), 0);
    assert!(matches!(DotEnv::require(dir.join("missing")), Err(DotEnvError::Read { .. })));
    std::fs::remove_dir_all(&dir).unwrap();
}

const FINGERPRINT_VARS: [(&str, &str); 4] = [
    ("REL_DATABASE_URL", "postgres://app:pw@db/app"),
    ("REL_API_TOKEN", "token-one"),
    ("REL_LOG_LEVEL", "debug"),
    ("UNRELATED", "x"),
];

/// The fingerprints `child_fingerprint` prints, from a child process
/// started with `vars` in this order.
fn fingerprints_in_a_child(vars: &[(&str, &str)]) -> String {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let mut command = Command::new(exe);
    command.env_clear().env("TWELVE_CONFIG_RELEASE_CHILD", "fingerprint");
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().expect("the test binary starts again");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn child_fingerprint() {
    let loaded = Config::load(&Env).expect("the parent sets what is required");
    println!("{} {}", loaded.fingerprint(), loaded.fingerprint_keyed(b"shared deploy key"));
}

/// Values of several types, for the fingerprint's canonical forms.
#[derive(EnvConfig, Debug)]
#[env(prefix = "CANON_")]
#[allow(dead_code, reason = "loaded to be fingerprinted")]
struct Canonical {
    #[env(default = 8080)]
    port: u16,
    #[env(default = "30s")]
    timeout: std::time::Duration,
    database: twelve_config::resource::PostgresUrl,
    #[env(default = "false")]
    verbose: bool,
    ratio: Option<f64>,
    level: Level,
    hosts: Vec<String>,
}

#[derive(twelve_config::EnvValue, Debug)]
enum Level {
    #[env(alias = "warning")]
    Warn,
    Info,
}

fn the_fingerprint_reads_each_value_in_its_canonical_form() {
    let base = [("CANON_DATABASE", "postgres://app@db/orders"), ("CANON_LEVEL", "info"), ("CANON_HOSTS", "a,b")];
    let print = |changes: &[(&str, &str)]| {
        let mut vars: Vars = base.into_iter().collect();
        for (name, value) in changes {
            vars.insert(*name, *value);
        }
        Canonical::load(&vars).unwrap().fingerprint()
    };
    let plain = print(&[]);
    // The same values the service runs with, written otherwise: the same print.
    for same in [
        [("CANON_PORT", "08080")],
        [("CANON_PORT", "+8080")],
        [("CANON_TIMEOUT", "30000ms")],
        [("CANON_TIMEOUT", "0.5m")],
        [("CANON_VERBOSE", "no")],
        [("CANON_VERBOSE", "FALSE")],
        [("CANON_DATABASE", "postgres://app@db:5432/orders")],
        [("CANON_DATABASE", "postgres://app@DB/orders")],
        [("CANON_LEVEL", "INFO")],
    ] {
        assert_eq!(print(&same), plain, "{same:?}");
    }
    assert_eq!(print(&[("CANON_RATIO", "0.50")]), print(&[("CANON_RATIO", "5e-1")]));
    assert_eq!(print(&[("CANON_LEVEL", "warning")]), print(&[("CANON_LEVEL", "warn")]));
    // Another value, another print.
    for other in [
        [("CANON_PORT", "8081")],
        [("CANON_TIMEOUT", "31s")],
        [("CANON_VERBOSE", "yes")],
        [("CANON_DATABASE", "postgres://app@db:5433/orders")],
        [("CANON_DATABASE", "postgres://app@db/billing")],
        [("CANON_DATABASE", "postgres://other@db/orders")],
        [("CANON_LEVEL", "warn")],
        [("CANON_HOSTS", "b,a")],
        [("CANON_RATIO", "0.5")],
    ] {
        assert_ne!(print(&other), plain, "{other:?}");
    }
    // The effective configuration still shows each value as it was given.
    let mut vars: Vars = base.into_iter().collect();
    vars.insert("CANON_PORT", "08080");
    let shown = Canonical::load(&vars).unwrap().to_string();
    assert!(shown.contains("CANON_PORT     \"08080\""), "{shown}");
}

fn the_fingerprint_is_stable_across_processes_and_orders() {
    let forward = fingerprints_in_a_child(&FINGERPRINT_VARS);
    let mut reversed = FINGERPRINT_VARS;
    reversed.reverse();
    assert_eq!(forward, fingerprints_in_a_child(&reversed), "order and process do not count");
    let (unkeyed, keyed) = forward.trim().split_once(' ').unwrap();
    assert!(unkeyed.starts_with("v1:") && unkeyed.len() == 67, "{unkeyed}");
    assert!(keyed.starts_with("v1k:") && keyed.len() == 68, "{keyed}");
    // Loaded in this process from a map: the same.
    let here = Config::load(&FINGERPRINT_VARS.into_iter().collect::<Vars>()).unwrap();
    assert_eq!(here.fingerprint(), unkeyed);

    let with = |name: &str, value: &str| {
        let mut vars: Vars = FINGERPRINT_VARS.into_iter().collect();
        vars.insert(name, value);
        Config::load(&vars).unwrap()
    };
    // A changed value changes it; a default written out does not.
    assert_ne!(with("REL_LOG_LEVEL", "warn").fingerprint(), unkeyed);
    assert_eq!(with("REL_PORT", "8080").fingerprint(), unkeyed, "the default's value, set, is the same value");
    // A rotated secret: the unkeyed fingerprint is unchanged, the keyed one changes.
    let rotated = with("REL_API_TOKEN", "token-two");
    assert_eq!(rotated.fingerprint(), unkeyed);
    assert_ne!(rotated.fingerprint_keyed(b"shared deploy key"), keyed);
    // So does a URL's password, which is a secret too.
    let password = with("REL_DATABASE_URL", "postgres://app:other@db/app");
    assert_eq!(password.fingerprint(), unkeyed);
    assert_ne!(password.fingerprint_keyed(b"shared deploy key"), keyed);
    // A secret unset and set differ.
    assert_ne!(with("REL_SMTP_PASSWORD", "p").fingerprint(), unkeyed);
    // Neither holds a secret: nothing but hex after the version.
    assert!(unkeyed[3..].chars().all(|c| c.is_ascii_hexdigit()));
    assert!(!forward.contains("token-one") && !forward.contains("pw"));
}

/// Every document of a YAML text.
fn yaml(text: &str) -> Vec<Yaml> {
    YamlLoader::load_from_str(text).unwrap_or_else(|error| panic!("not YAML: {error}\n{text}"))
}

fn kubernetes_manifests_parse_and_reference_every_variable_once() {
    let text = render::kubernetes::<Config>();
    let docs = yaml(&text);
    assert_eq!(docs.len(), 3, "{text}");
    let (config_map, secret, pod) = (&docs[0], &docs[1], &docs[2]);
    assert_eq!(config_map["kind"].as_str(), Some("ConfigMap"));
    assert_eq!(secret["kind"].as_str(), Some("Secret"));
    let config_name = config_map["metadata"]["name"].as_str().unwrap();
    let secret_name = secret["metadata"]["name"].as_str().unwrap();
    assert_eq!((config_name, secret_name), ("rel-config", "rel-secrets"));
    let data = config_map["data"].as_hash().unwrap();
    let string_data = secret["stringData"].as_hash().unwrap();
    assert_eq!(data[&Yaml::String("REL_PORT".into())].as_str(), Some("8080"));
    assert!(string_data.values().all(|value| value.as_str() == Some("")), "no secret value: {text}");

    let container = &pod["spec"]["containers"][0];
    let mut referenced: Vec<String> = Vec::new();
    for entry in container["env"].as_vec().unwrap() {
        let name = entry["name"].as_str().unwrap();
        if let Some(reference) = entry["valueFrom"]["configMapKeyRef"].as_hash() {
            let key = reference[&Yaml::String("key".into())].as_str().unwrap();
            assert_eq!(reference[&Yaml::String("name".into())].as_str(), Some(config_name));
            assert!(data.contains_key(&Yaml::String(key.into())), "{key} is in the ConfigMap");
            referenced.push(key.to_owned());
        } else if let Some(reference) = entry["valueFrom"]["secretKeyRef"].as_hash() {
            let key = reference[&Yaml::String("key".into())].as_str().unwrap();
            assert_eq!(reference[&Yaml::String("name".into())].as_str(), Some(secret_name));
            assert!(string_data.contains_key(&Yaml::String(key.into())), "{key} is in the Secret");
            referenced.push(key.to_owned());
        } else {
            // A `_FILE` variable pointing into the mounted volume.
            let var = name.strip_suffix("_FILE").unwrap();
            let mount = container["volumeMounts"][0]["mountPath"].as_str().unwrap();
            assert_eq!(entry["value"].as_str(), Some(format!("{mount}/{var}").as_str()));
            let volume = &pod["spec"]["volumes"][0];
            assert_eq!(volume["name"].as_str(), container["volumeMounts"][0]["name"].as_str());
            assert_eq!(volume["secret"]["secretName"].as_str(), Some(secret_name));
            let items = volume["secret"]["items"].as_vec().unwrap();
            assert!(items.iter().any(|item| item["key"].as_str() == Some(var) && item["path"].as_str() == Some(var)));
            assert!(string_data.contains_key(&Yaml::String(var.into())));
            referenced.push(var.to_owned());
        }
    }
    let mut expected: Vec<String> = Config::vars().into_iter().map(|var| var.name).collect();
    referenced.sort();
    expected.sort();
    assert_eq!(referenced, expected, "every variable exactly once");
}

fn compose_parses_and_holds_no_secret() {
    let text = render::compose::<Config>();
    let docs = yaml(&text);
    let service = &docs[0]["services"]["rel"];
    let environment = service["environment"].as_hash().unwrap();
    let get = |name: &str| environment.get(&Yaml::String(name.into())).and_then(Yaml::as_str);
    assert_eq!(get("REL_PORT"), Some("8080"));
    assert_eq!(get("REL_DATABASE_URL"), Some("${REL_DATABASE_URL:?set REL_DATABASE_URL}"));
    assert_eq!(get("REL_API_TOKEN"), Some("${REL_API_TOKEN:?set REL_API_TOKEN}"));
    assert_eq!(get("REL_WORKERS"), Some("${REL_WORKERS}"));
    assert_eq!(get("REL_SMTP_PASSWORD_FILE"), Some("/run/secrets/rel_smtp_password"));
    assert_eq!(service["secrets"][0].as_str(), Some("rel_smtp_password"));
    assert_eq!(docs[0]["secrets"]["rel_smtp_password"]["environment"].as_str(), Some("REL_SMTP_PASSWORD"));
    assert_eq!(environment.len(), Config::vars().len(), "every variable exactly once");
}

fn hostile_defaults_stay_one_yaml_scalar() {
    #[derive(EnvConfig, Debug)]
    #[allow(dead_code, reason = "rendered only")]
    struct Hostile {
        #[env(default = "a\": b\n- x: $HOME \\ #c")]
        text: String,
    }
    let k8s = yaml(&render::kubernetes::<Hostile>());
    let value = &k8s[0]["data"]["TEXT"];
    assert_eq!(value.as_str(), Some("a\": b\n- x: $HOME \\ #c"));
    let compose = yaml(&render::compose::<Hostile>());
    assert_eq!(compose[0]["services"]["hostile"]["environment"]["TEXT"].as_str(), Some("a\": b\n- x: $$HOME \\ #c"));
}

/// The child of the flag tests: what a service's `main` does.
fn child_service() {
    Config::answer_config_flags();
    println!("started");
}

/// Runs this binary as a service with `args` and `vars`: its status,
/// standard output and standard error.
fn run_service(args: &[&str], vars: &[(&str, &str)]) -> (i32, String, String) {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let mut command = Command::new(exe);
    command.env_clear().env("TWELVE_CONFIG_RELEASE_CHILD", "service").args(args);
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().expect("the test binary starts again");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code().unwrap_or(-1), text(output.stdout), text(output.stderr))
}

fn config_check_answers_before_anything_starts() {
    let valid = [("REL_DATABASE_URL", "postgres://db/app"), ("REL_API_TOKEN", "t0ken")];
    let (status, stdout, stderr) = run_service(&["--config-check"], &valid);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.starts_with("configuration valid\nfingerprint: v1:") && !stdout.contains("started"), "{stdout}");
    let (status, stdout, stderr) = run_service(&["serve", "--config-check"], &[("REL_PORT", "eighty")]);
    assert_eq!(status, 78);
    assert!(stdout.is_empty(), "nothing starts: {stdout}");
    assert!(stderr.contains("invalid  REL_PORT") && stderr.contains("missing  REL_API_TOKEN"), "{stderr}");
    let (status, stdout, _) = run_service(&["--config-schema"], &[]);
    assert_eq!(status, 0);
    let schema: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(schema["properties"]["REL_API_TOKEN"]["writeOnly"].as_bool().unwrap());
    let (_, stdout, _) = run_service(&["--config-help"], &[]);
    assert!(stdout.starts_with("| Variable |"), "{stdout}");
    let (_, stdout, _) = run_service(&["--config-template"], &[]);
    assert!(stdout.contains("REL_API_TOKEN="), "{stdout}");
    // Any other argument is the program's.
    let (status, stdout, _) = run_service(&["--port", "1", "--config"], &valid);
    assert_eq!((status, stdout.as_str()), (0, "started\n"));
}

fn main() -> ExitCode {
    match std::env::var("TWELVE_CONFIG_RELEASE_CHILD").as_deref() {
        Ok("service") => {
            child_service();
            return ExitCode::SUCCESS;
        }
        Ok(_) => {
            child_fingerprint();
            return ExitCode::SUCCESS;
        }
        Err(_) => {}
    }
    let tests: [(&str, fn()); 9] = [
        ("config_check_answers_before_anything_starts", config_check_answers_before_anything_starts),
        ("dotenv_drives_a_run_and_the_environment_wins", dotenv_drives_a_run_and_the_environment_wins),
        ("a_bad_value_in_the_file_is_reported_with_its_line", a_bad_value_in_the_file_is_reported_with_its_line),
        ("a_malformed_line_names_the_file_and_line", a_malformed_line_names_the_file_and_line),
        (
            "the_fingerprint_is_stable_across_processes_and_orders",
            the_fingerprint_is_stable_across_processes_and_orders,
        ),
        (
            "the_fingerprint_reads_each_value_in_its_canonical_form",
            the_fingerprint_reads_each_value_in_its_canonical_form,
        ),
        (
            "kubernetes_manifests_parse_and_reference_every_variable_once",
            kubernetes_manifests_parse_and_reference_every_variable_once,
        ),
        ("compose_parses_and_holds_no_secret", compose_parses_and_holds_no_secret),
        ("hostile_defaults_stay_one_yaml_scalar", hostile_defaults_stay_one_yaml_scalar),
    ];
    common::run_tests(&tests)
}
