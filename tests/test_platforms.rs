//! Attached resources on real platforms: Kubernetes service bindings laid
//! out as the kubelet mounts a Secret, systemd credentials, and the
//! service links Kubernetes injects.

#![allow(dead_code)] // The configs exist to be loaded.

use std::path::{Path, PathBuf};

use twelve_config::resource::{AmqpUrl, PostgresUrl, RedisUrl};
use twelve_config::{
    EnvConfig, ExposeSecret, Origin, Problem, SecretString, ServiceBindings, Source, SystemdCredentials, Vars, Warning,
};

/// A password that needs every escape: `@ : / # ? & % +` and a space.
const SPECIAL: &str = "p@ss:w/rd#?&% +x";

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("twelve-config-platforms-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A binding as the kubelet mounts a Secret volume: the entries in a
/// timestamped directory, `..data` a symlink to it, and each entry a
/// symlink through `..data`.
fn kubelet_binding(root: &Path, name: &str, stamp: &str, entries: &[(&str, &str)]) {
    let binding = root.join(name);
    let data = binding.join(stamp);
    std::fs::create_dir_all(&data).unwrap();
    for (entry, value) in entries {
        std::fs::write(data.join(entry), value).unwrap();
    }
    // `..data` swapped atomically, as the kubelet does: a new link renamed
    // over the old one.
    let link = binding.join("..data_tmp");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(stamp, &link).unwrap();
    std::fs::rename(&link, binding.join("..data")).unwrap();
    for (entry, _) in entries {
        let path = binding.join(entry);
        if std::fs::symlink_metadata(&path).is_err() {
            std::os::unix::fs::symlink(format!("..data/{entry}"), &path).unwrap();
        }
    }
    // The kubelet then removes the links of keys the Secret no longer has:
    // the test leaves one, as a reader between the two steps sees it.
}

#[derive(EnvConfig, Debug)]
struct Bound {
    database_url: PostgresUrl,
    orders_db_url: PostgresUrl,
    orders_db_password: SecretString,
    cache_url: Option<RedisUrl>,
}

#[test]
fn bindings_mounted_as_the_kubelet_mounts_a_secret() {
    let root = TempDir::new("kubelet");
    let entries = [
        ("type", "postgresql"),
        ("provider", "bitnami"),
        ("host", "db.internal"),
        ("port", "6432"),
        ("username", "app"),
        ("password", SPECIAL),
        ("database", "orders"),
    ];
    kubelet_binding(&root.0, "orders-db", "..2026_12_06_10_00_00.1", &entries);
    kubelet_binding(&root.0, "cache", "..2026_12_06_10_00_00.2", &[("type", "redis"), ("uri", "redis://cache:6379/2")]);
    let bindings = ServiceBindings::from_root(&root.0).unwrap();
    let loaded = Bound::load(&Vars::new().or(bindings)).unwrap();
    let config = loaded.config();
    assert_eq!(config.orders_db_url.host(), Some("db.internal"));
    assert_eq!(config.orders_db_url.port(), Some(6432));
    assert_eq!(config.orders_db_url.password().unwrap().expose_secret(), SPECIAL);
    assert_eq!(config.database_url.database(), Some("orders"));
    assert_eq!(config.orders_db_password.expose_secret(), SPECIAL);
    // The `uri` entry of the binding `cache` is its `CACHE_URL`.
    assert_eq!(config.cache_url.as_ref().map(RedisUrl::db), Some(2));
    let shown = loaded.to_string();
    assert!(shown.contains("binding orders-db/password") && !shown.contains("p@ss"), "{shown}");
    let password = loaded.entries().iter().find(|entry| entry.var() == "ORDERS_DB_PASSWORD").unwrap();
    assert!(password.is_secret());
    assert_eq!(password.origin(), &Origin::Source("binding orders-db/password".into()));

    // The kubelet swaps `..data` when the Secret changes: a new load reads
    // the new values.
    let rotated = [("type", "postgresql"), ("host", "db2.internal"), ("username", "app"), ("password", "n3w")];
    kubelet_binding(&root.0, "orders-db", "..2026_12_06_11_00_00.3", &rotated);
    let config = Bound::from_source(&ServiceBindings::from_root(&root.0).unwrap()).unwrap();
    assert_eq!(config.orders_db_url.host(), Some("db2.internal"));
    assert_eq!(config.orders_db_password.expose_secret(), "n3w");
}

#[test]
fn the_usual_variable_comes_from_the_one_binding_of_its_type() {
    let root = TempDir::new("usual");
    kubelet_binding(&root.0, "orders-db", "..a", &[("type", "postgresql"), ("host", "a")]);
    kubelet_binding(&root.0, "cache", "..b", &[("type", "redis"), ("host", "r"), ("database", "0")]);
    kubelet_binding(
        &root.0,
        "broker",
        "..c",
        &[("type", "rabbitmq"), ("host", "mq"), ("username", "guest"), ("password", "guest")],
    );
    let bindings = ServiceBindings::from_root(&root.0).unwrap();
    let get = |name: &str| bindings.get(name).map(|value| value.to_string_lossy().into_owned());
    assert_eq!(get("DATABASE_URL").as_deref(), Some("postgresql://a"));
    assert_eq!(get("REDIS_URL").as_deref(), Some("redis://r/0"));
    assert_eq!(get("AMQP_URL").as_deref(), Some("amqp://guest:guest@mq"));
    assert!("amqp://guest:guest@mq".parse::<AmqpUrl>().is_ok());

    // Two of one type: neither is the usual variable, and a warning says so.
    kubelet_binding(&root.0, "reports-db", "..d", &[("type", "postgresql"), ("host", "b")]);
    let bindings = ServiceBindings::from_root(&root.0).unwrap();
    assert!(bindings.get("DATABASE_URL").is_none());
    #[derive(EnvConfig, Debug)]
    struct Two {
        orders_db_url: PostgresUrl,
        reports_db_url: PostgresUrl,
    }
    let loaded = Two::load(&Vars::new().or(bindings)).unwrap();
    assert_eq!(
        loaded.warnings(),
        [Warning::AmbiguousBinding {
            var: "DATABASE_URL".into(),
            bindings: vec!["orders-db".into(), "reports-db".into()]
        }]
    );
    assert!(loaded.warnings()[0].to_string().contains("orders-db, reports-db"));
}

#[test]
fn a_hostile_binding_layout_is_a_clear_problem() {
    let root = TempDir::new("hostile");
    let dir = &root.0;
    std::fs::create_dir_all(dir.join("no-type")).unwrap();
    std::fs::write(dir.join("no-type/host"), "db").unwrap();
    let bad = dir.join("bad");
    std::fs::create_dir_all(bad.join("nested")).unwrap();
    std::fs::write(bad.join("type"), "postgresql").unwrap();
    let made = std::process::Command::new("mkfifo").arg(bad.join("fifo")).status().expect("mkfifo runs");
    assert!(made.success());
    std::os::unix::fs::symlink("/etc/hostname", bad.join("outside")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", bad.join("zero")).unwrap();
    std::fs::write(bad.join("large"), vec![b'x'; (1 << 20) + 1]).unwrap();
    std::fs::write(bad.join("spaced name"), "x").unwrap();
    std::fs::create_dir_all(dir.join("bad name")).unwrap();
    // Read on a thread: a FIFO must fail the test, not hang it.
    let (sender, receiver) = std::sync::mpsc::channel();
    let path = dir.clone();
    std::thread::spawn(move || sender.send(ServiceBindings::from_root(&path).map(|_| ()).map_err(|e| e.to_string())));
    let error = receiver.recv_timeout(std::time::Duration::from_secs(30)).expect("reading blocked").unwrap_err();
    for expected in [
        "bad name: a binding's name must read as a variable's start",
        "bad/fifo: it is not a regular file",
        "bad/large: the file is larger than 1024 KiB",
        "bad/nested: it is a directory, not a file",
        "bad/outside: it is a symlink that leads outside the root",
        "bad/spaced name: an entry's name must read as a variable's end",
        "bad/zero: it is a symlink that leads outside the root",
        "no-type: the binding has no `type` entry",
    ] {
        assert!(error.contains(expected), "{expected}:\n{error}");
    }
    // A missing root is an empty source.
    assert_eq!(ServiceBindings::from_root(dir.join("missing")).unwrap().names().count(), 0);
}

#[derive(EnvConfig, Debug)]
struct Credentials {
    database_password: SecretString,
    api_token: Option<SecretString>,
}

#[test]
fn systemd_credentials_are_read_only_files_named_as_variables() {
    let dir = TempDir::new("credentials");
    std::fs::write(dir.0.join("DATABASE_PASSWORD"), format!("{SPECIAL}\n")).unwrap();
    std::fs::write(dir.0.join("API_TOKEN"), "t0ken").unwrap();
    for name in ["DATABASE_PASSWORD", "API_TOKEN"] {
        let path = dir.0.join(name);
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
    }
    let credentials = SystemdCredentials::from_dir(&dir.0).unwrap();
    assert!(!format!("{credentials:?}").contains("t0ken"));
    let loaded = Credentials::load(&Vars::new().or(credentials)).unwrap();
    assert_eq!(loaded.config().database_password.expose_secret(), SPECIAL, "one trailing newline trimmed");
    let shown = loaded.to_string();
    assert!(shown.contains("credential DATABASE_PASSWORD") && !shown.contains("t0ken"), "{shown}");

    // A credential whose name is no variable name is a problem.
    std::fs::write(dir.0.join("tls.key"), "k").unwrap();
    let error = SystemdCredentials::from_dir(&dir.0).unwrap_err().to_string();
    assert!(error.contains("tls.key: a credential's name is the variable it gives"), "{error}");
    assert_eq!(SystemdCredentials::from_dir(dir.0.join("missing")).unwrap().names().count(), 0);
}

// Kubernetes service links.

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_", deny_unknown)]
struct App {
    port: Option<u16>,
    name: Option<String>,
}

#[test]
fn a_service_link_in_a_number_variable_is_named_with_its_fix() {
    let error = App::from_vars([("APP_PORT", "tcp://10.0.0.5:8080")]).unwrap_err();
    let report = error.to_string();
    assert!(report.contains("a service link") && report.contains("enableServiceLinks: false"), "{report}");
}

#[test]
fn the_variables_kubernetes_injects_are_not_typos() {
    let vars = Vars::new()
        .with("APP_SERVICE_HOST", "10.0.0.5")
        .with("APP_SERVICE_PORT", "8080")
        .with("APP_SERVICE_PORT_HTTP", "8080")
        .with("APP_PORT_8080_TCP", "tcp://10.0.0.5:8080")
        .with("APP_PORT_8080_TCP_PROTO", "tcp")
        .with("APP_PORT_8080_TCP_PORT", "8080")
        .with("APP_PORT_8080_TCP_ADDR", "10.0.0.5")
        .with("APP_NAEM", "typo");
    let error = App::from_source(&vars).unwrap_err();
    let unknown: Vec<&str> = error
        .problems()
        .iter()
        .filter_map(|problem| match problem {
            Problem::Unknown { var, .. } => Some(var.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(unknown, ["APP_NAEM"], "{error}");
}

// Cloud Foundry's VCAP_SERVICES, in the form of its documentation's
// examples: a PostgreSQL, a RabbitMQ, a Redis and a user-provided service.

#[cfg(feature = "json")]
const VCAP: &str = r#"{
  "elephantsql": [{
    "binding_name": null,
    "credentials": {"uri": "postgres://exampleuser:examplepass@babar.elephantsql.com:5432/exampleuser"},
    "instance_name": "orders-db", "label": "elephantsql", "name": "orders-db", "plan": "turtle",
    "provider": null, "syslog_drain_url": null, "tags": ["postgres", "postgresql", "relational"], "volume_mounts": []
  }],
  "p.rabbitmq": [{
    "credentials": {"hostname": "10.0.0.41", "username": "b7a2", "password": "p@ss word", "vhost": "orders"},
    "label": "p.rabbitmq", "name": "orders-mq", "plan": "single-node", "tags": ["rabbitmq"]
  }],
  "p.redis": [{
    "credentials": {"host": "10.0.8.3", "password": "s3cr3t", "port": 6380},
    "label": "p.redis", "name": "cache", "plan": "cache-small", "tags": ["redis", "pivotal"]
  }],
  "user-provided": [{
    "credentials": {"api_key": "sk_test_1", "endpoint": "https://api.stripe.com"},
    "label": "user-provided", "name": "stripe", "tags": []
  }]
}"#;

#[cfg(feature = "json")]
#[test]
fn cloud_foundry_services_as_its_documentation_shows_them() {
    use twelve_config::VcapServices;
    #[derive(EnvConfig, Debug)]
    struct Cf {
        database_url: PostgresUrl,
        amqp_url: AmqpUrl,
        redis_url: RedisUrl,
        cache_port: u16,
        stripe_api_key: SecretString,
        stripe_endpoint: String,
    }
    let services = VcapServices::from_json(VCAP).unwrap();
    let loaded = Cf::load(&Vars::new().or(services)).unwrap();
    let config = loaded.config();
    assert_eq!(config.database_url.host(), Some("babar.elephantsql.com"));
    assert_eq!(config.amqp_url.vhost(), "orders");
    assert_eq!(config.amqp_url.password().unwrap().expose_secret(), "p@ss word");
    assert_eq!((config.redis_url.host(), config.redis_url.port()), (Some("10.0.8.3"), Some(6380)));
    assert_eq!(config.cache_port, 6380, "a number credential as its text");
    assert_eq!(config.stripe_api_key.expose_secret(), "sk_test_1");
    let shown = loaded.to_string();
    assert!(shown.contains("vcap stripe") && !shown.contains("sk_test_1") && !shown.contains("examplepass"), "{shown}");
}

#[cfg(feature = "json")]
#[test]
fn hostile_vcap_services_get_a_clear_problem() {
    use twelve_config::VcapServices;
    let error = VcapServices::from_json("{\"x\": [").unwrap_err().to_string();
    assert!(error.contains("not JSON: line 1"), "{error}");
    let error = VcapServices::from_json(&format!("[\"{}\"]", "x".repeat(2 << 20))).unwrap_err().to_string();
    assert!(error.contains("larger than 1024 KiB"), "{error}");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(VcapServices::from_json(&deep).unwrap_err().to_string().contains("not JSON"));
    let error =
        VcapServices::from_json(r#"{"a": [{"name": "bad name", "credentials": {"password": "hunter2"}}], "b": 1}"#)
            .unwrap_err()
            .to_string();
    assert!(error.contains("a[0]: its name must read") && error.contains("b: not an array"), "{error}");
    assert!(!error.contains("hunter2"));
}
