//! Deploy manifests checked against the config before a release runs:
//! `check::kubernetes`, `check::kubernetes_container` and `check::compose`
//! on realistic manifests, each report asserted line by line.

use twelve_config::resource::PostgresUrl;
use twelve_config::{EnvConfig, EnvValue, Problem, SecretString, check, render};

#[derive(EnvValue, Debug)]
enum LogLevel {
    Debug,
    Info,
    Warn,
}

/// The orders service's settings.
#[derive(EnvConfig, Debug)]
#[env(prefix = "ORDERS_", deny_unknown)]
#[allow(dead_code, reason = "checked, not used")]
struct Orders {
    /// Port the HTTP server binds.
    port: u16,
    #[env(default = "info")]
    log_level: LogLevel,
    workers: u8,
    database_url: PostgresUrl,
    api_token: SecretString,
    #[env(file)]
    smtp_password: SecretString,
    pod_name: Option<String>,
}

const DEPLOYMENT: &str = include_str!("data/check/deployment.yaml");
const MISTAKES: &str = include_str!("data/check/mistakes.yaml");
const COMPOSE: &str = include_str!("data/check/compose.yaml");

fn lines(error: &twelve_config::Error) -> Vec<String> {
    error.to_string().lines().map(str::to_owned).collect()
}

#[test]
fn a_good_deployment_passes_for_its_container() {
    check::kubernetes_container::<Orders>(DEPLOYMENT, "orders").unwrap();
}

#[test]
fn a_sidecar_makes_the_container_to_check_ambiguous() {
    let error = check::kubernetes::<Orders>(DEPLOYMENT).unwrap_err();
    assert_eq!(
        lines(&error),
        [
            "1 configuration problem (1 manifest):",
            "  manifest  the manifest several containers (orders in Deployment/orders, proxy in Deployment/orders): name the one to check with check::kubernetes_container",
        ]
    );
    let error = check::kubernetes_container::<Orders>(DEPLOYMENT, "order").unwrap_err();
    assert_eq!(
        lines(&error),
        [
            "1 configuration problem (1 manifest):",
            "  manifest  container order no such container; the manifest holds orders in Deployment/orders, proxy in Deployment/orders",
        ]
    );
}

#[test]
fn every_mistake_of_a_manifest_is_reported_at_once() {
    let error = check::kubernetes_container::<Orders>(MISTAKES, "orders").unwrap_err();
    let place = "Deployment/orders, container orders";
    assert_eq!(
        lines(&error),
        [
            "6 configuration problems (1 invalid, 5 manifest):".to_owned(),
            "  invalid   ORDERS_PORT          port: u16                           \"80a\": invalid digit found in string (from ConfigMap orders-config)".to_owned(),
            format!("  manifest  ORDERS_WORKERS       {place} ConfigMap shared-config has no key WORKER: the pod would not start; add the key, or mark the reference optional"),
            format!("  manifest  ORDERS_DATABASE_URL  {place} Secret orders-secrets, key database-url: the data is not base64: write it under stringData to give it as text"),
            format!("  manifest  ORDERS_POD_NAME      {place} the value is a number: Kubernetes takes only text here; quote it"),
            format!("  manifest  ORDERS_API_TOKEN     {place} a secret from ConfigMap orders-config: a ConfigMap is readable by whoever may read the namespace's configuration; put it in a Secret"),
            format!("  manifest  ORDERS_SMTP_PASSWORD {place} a secret written in the manifest: put it in a Secret and take it with valueFrom.secretKeyRef"),
        ]
    );
    // The report never shows a secret the manifest holds.
    let report = error.to_string();
    for secret in ["token-in-a-config-map", "mail-password", "not base64 at all"] {
        assert!(!report.contains(secret), "{report}");
    }
}

/// A one-container pod whose `env` is `env` (YAML flow items).
fn pod(env: &str, more: &str) -> String {
    format!("kind: Pod\nmetadata: {{name: api}}\nspec:\n  containers:\n    - name: api\n      env: [{env}]\n{more}")
}

#[derive(EnvConfig, Debug)]
#[allow(dead_code, reason = "checked, not used")]
struct Small {
    port: u16,
    database_url: PostgresUrl,
    token: SecretString,
}

#[test]
fn a_value_from_a_secret_is_never_shown_whatever_the_field() {
    let manifest = pod(
        "{name: PORT, value: '80'}, {name: TOKEN, value: '$(DATABASE_URL)'}, \
         {name: DATABASE_URL, valueFrom: {secretKeyRef: {name: db, key: url}}}",
        "---\nkind: Secret\nmetadata: {name: db}\nstringData: {url: 'postgres://app:db-pass@db:99999/orders'}\n",
    );
    let error = check::kubernetes::<Small>(&manifest).unwrap_err();
    let report = error.to_string();
    assert!(!report.contains("db-pass") && !report.contains("99999") && !report.contains("db:"), "{report}");
    assert!(
        error
            .problems()
            .iter()
            .any(|p| matches!(p, Problem::Invalid { var, value: None, .. } if var == "DATABASE_URL")),
        "{report}"
    );
}

#[test]
fn objects_outside_the_manifest_and_kubernetes_fields_count_as_set() {
    // A Secret created apart, a fieldRef, and an envFrom of a ConfigMap
    // the manifest does not hold, which may set any name under its prefix.
    let manifest = pod(
        "{name: TOKEN, valueFrom: {secretKeyRef: {name: made-apart, key: token}}}, \
         {name: PORT, valueFrom: {fieldRef: {fieldPath: metadata.name}}}",
        "      envFrom: [{configMapRef: {name: cluster-wide}, prefix: DATABASE_}]\n",
    );
    check::kubernetes::<Small>(&manifest).unwrap();
    // Without the envFrom, DATABASE_URL is missing.
    let manifest =
        pod("{name: TOKEN, valueFrom: {secretKeyRef: {name: made-apart, key: token}}}, {name: PORT, value: '80'}", "");
    let error = check::kubernetes::<Small>(&manifest).unwrap_err();
    assert_eq!(error.problems().iter().map(Problem::var).collect::<Vec<_>>(), ["DATABASE_URL"]);
}

#[test]
fn references_expand_and_an_optional_key_may_be_missing() {
    let manifest = pod(
        "{name: HOST, value: db}, {name: PORT, valueFrom: {configMapKeyRef: {name: c, key: port}}}, \
         {name: DATABASE_URL, value: 'postgres://app@$(HOST):$(PORT)/orders'}, \
         {name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: t}}}, \
         {name: EXTRA, valueFrom: {configMapKeyRef: {name: c, key: absent, optional: true}}}",
        "---\nkind: ConfigMap\nmetadata: {name: c}\ndata: {port: '5432'}\n---\nkind: Secret\nmetadata: {name: s}\ndata: {t: dG9rZW4=}\n",
    );
    check::kubernetes::<Small>(&manifest).unwrap();
    // `$$(HOST)` is written out, not expanded; so is a reference to a
    // variable not defined before.
    for (port, shown) in [("$$(HOST)", "\"$(HOST)\""), ("$(LATER)", "\"$(LATER)\"")] {
        let manifest = manifest.replace(
            "{name: PORT, valueFrom: {configMapKeyRef: {name: c, key: port}}}",
            &format!("{{name: PORT, value: '{port}'}}, {{name: LATER, value: '1'}}"),
        );
        let error = check::kubernetes::<Small>(&manifest).unwrap_err();
        assert!(error.to_string().contains(shown), "{error}");
        assert_eq!(error.problems()[0].var(), "PORT", "{error}");
    }
}

#[test]
fn a_list_a_cron_job_and_init_containers_are_read() {
    let manifest = "apiVersion: v1\nkind: List\nitems:\n  - kind: CronJob\n    metadata: {name: nightly}\n    spec:\n      jobTemplate:\n        spec:\n          template:\n            spec:\n              initContainers:\n                - {name: migrate, env: [{name: PORT, value: '1'}]}\n              containers:\n                - {name: job, env: [{name: PORT, value: 'x'}]}\n";
    let error = check::kubernetes_container::<Small>(manifest, "migrate").unwrap_err();
    let vars: Vec<&str> = error.problems().iter().map(Problem::var).collect();
    assert_eq!(vars, ["DATABASE_URL", "TOKEN"], "{error}");
    let error = check::kubernetes::<Small>(manifest).unwrap_err();
    assert!(error.to_string().contains("invalid  PORT"), "{error}");
    assert!(error.to_string().contains("CronJob/nightly, container job"), "{error}");
}

#[test]
fn hostile_yaml_is_a_problem_naming_its_line() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let p = level - 1;
        bomb.push_str(&format!(
            "a{level}: &a{level} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let hostile = [
        bomb,
        "[".repeat(10_000),
        "kind: Pod\nspec: !!python/object:os.system {}\n".to_owned(),
        "kind: Pod\nmetadata: {name: 'unclosed secret-value\n".to_owned(),
        "x: y\n".repeat(1 << 20),
    ];
    for text in &hostile {
        let error = check::kubernetes::<Small>(text).unwrap_err();
        let [Problem::Manifest { var: None, place, reason, .. }] = error.problems() else {
            panic!("{error}");
        };
        assert!(place.starts_with("line ") || place == "the manifest", "{error}");
        assert!(!reason.contains("secret-value") && !reason.contains("python"), "{error}");
    }
}

#[test]
fn a_compose_service_reads_its_env_files_then_its_environment() {
    // `environment:` wins over the env_file's ORDERS_PORT=9999; the
    // optional file that does not exist is skipped; ${...} is the shell's.
    check::compose::<Orders>(COMPOSE, "orders").unwrap();
    let error = check::compose::<Orders>(COMPOSE, "web").unwrap_err();
    assert_eq!(
        lines(&error),
        ["1 configuration problem (1 manifest):", "  manifest  service web no such service; the file holds orders, db"]
    );
}

#[test]
fn compose_mistakes_are_reported_at_once() {
    let compose = COMPOSE
        .replace("ORDERS_PORT: 8080", "ORDERS_PORT: on")
        .replace("${ORDERS_API_TOKEN:?set ORDERS_API_TOKEN}", "token-in-the-file")
        .replace("tests/data/check/orders.env", "tests/data/check/absent.env");
    let error = check::compose::<Orders>(&compose, "orders").unwrap_err();
    let report = error.to_string();
    assert_eq!(
        lines(&error),
        [
            "5 configuration problems (1 missing, 1 invalid, 3 manifest):",
            "  invalid   ORDERS_PORT      port: u16      \"on\": invalid digit found in string (from service orders)",
            "  missing   ORDERS_WORKERS   workers: u8    not set",
            "  manifest  service orders   env_file cannot read tests/data/check/absent.env: no such file",
            "  manifest  ORDERS_PORT      service orders the value is a boolean: Compose takes only text, a number or nothing here; quote it",
            "  manifest  ORDERS_API_TOKEN service orders a secret written in the Compose file: take it from the deploying environment (${NAME}), an env_file kept out of the repository, or a Compose secret",
        ],
        "{report}"
    );
    assert!(!report.contains("token-in-the-file"));
}

/// Valid values for the placeholders `render::kubernetes` leaves empty.
const FILLED: [(&str, &str); 5] = [
    ("ORDERS_PORT", "8080"),
    ("ORDERS_WORKERS", "4"),
    ("ORDERS_DATABASE_URL", "postgres://orders@db:5432/orders"),
    ("ORDERS_API_TOKEN", "token"),
    ("ORDERS_SMTP_PASSWORD", "password"),
];

#[test]
fn the_generated_kubernetes_manifest_passes_once_filled_in() {
    let generated = render::kubernetes::<Orders>();
    let mut filled = generated.clone();
    for (name, value) in FILLED {
        let placeholder = format!("\"{name}\": \"\"");
        assert!(filled.contains(&placeholder), "{name} has no placeholder:\n{generated}");
        filled = filled.replace(&placeholder, &format!("\"{name}\": \"{value}\""));
    }
    check::kubernetes::<Orders>(&filled).unwrap();
    // Left empty, each required placeholder is reported, and nothing else.
    let error = check::kubernetes::<Orders>(&generated).unwrap_err();
    let mut missing: Vec<&str> = error
        .problems()
        .iter()
        .map(|problem| {
            assert!(matches!(problem, Problem::Missing { .. }), "{error}");
            problem.var()
        })
        .collect();
    missing.sort_unstable();
    let mut required: Vec<&str> = FILLED.iter().map(|(name, _)| *name).collect();
    required.sort_unstable();
    assert_eq!(missing, required, "{error}");
}

#[test]
fn the_generated_compose_file_passes() {
    check::compose::<Orders>(&render::compose::<Orders>(), "orders").unwrap();
}
