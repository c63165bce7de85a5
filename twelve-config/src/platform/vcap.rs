//! Cloud Foundry's bound services: `VCAP_SERVICES`, a JSON object of
//! service instances by label, each with a `name`, a `label`, `tags` and
//! `credentials`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;

use serde_json::Value;

use super::binding::{assembled_url, usual_variable};
use super::{PlatformError, Provided, variable_part};
use crate::loaded::Warning;

/// The most `VCAP_SERVICES` may hold: as a mounted file may.
const MAX_JSON: usize = crate::file::MAX_FILE as usize;

/// The services Cloud Foundry binds to an app, as a [`Source`](crate::Source) (feature
/// `json`): `VCAP_SERVICES`, parsed by serde_json.
///
/// For an instance named `orders-db` it provides `ORDERS_DB_URL` (from its
/// credentials' `uri` or `url`, or assembled from `host`/`hostname`,
/// `port`, `username`/`user`, `password` and `name`/`database`, each
/// percent-encoded) and `ORDERS_DB_<KEY>` for each credential that is a
/// string or a number (a `port` of `6380` as `6380`). When exactly one
/// instance has a given kind, by its label or a tag (`postgresql`,
/// `elephantsql`, `mysql`, `cleardb`, `redis`, `rediscloud`, `rabbitmq`,
/// `cloudamqp`, `mongodb`, and the `p.`/`p-` marketplace names), it also
/// provides the kind's usual variable (`DATABASE_URL`, `REDIS_URL`,
/// `AMQP_URL`, `MONGODB_URL`); two of one kind give none, and
/// [`Loaded::warnings`](crate::Loaded::warnings) names them. Each value's
/// origin is `vcap <name>`.
///
/// # Examples
///
/// ```
/// use twelve_config::resource::PostgresUrl;
/// use twelve_config::{EnvConfig, SecretString, Source, VcapServices, Vars};
///
/// let vcap = r#"{
///   "elephantsql": [{"name": "orders-db", "label": "elephantsql", "tags": ["postgres"],
///                    "credentials": {"uri": "postgres://app:s3cr3t@db.example/orders"}}],
///   "user-provided": [{"name": "stripe", "label": "user-provided", "tags": [],
///                      "credentials": {"api_key": "sk_test_1"}}]
/// }"#;
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     database_url: PostgresUrl,
///     stripe_api_key: SecretString,
/// }
///
/// let services = VcapServices::from_json(vcap)?;
/// let loaded = Config::load(&Vars::new().or(services))?;
/// assert_eq!(loaded.config().database_url.host(), Some("db.example"));
/// assert!(loaded.to_string().contains("vcap stripe"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct VcapServices {
    vars: Provided,
    warnings: Vec<Warning>,
}

impl VcapServices {
    /// The services in `$VCAP_SERVICES`; an empty source when it is unset.
    ///
    /// # Errors
    ///
    /// As [`from_json`](Self::from_json); a value that is not Unicode.
    ///
    /// # Examples
    ///
    /// ```
    /// let services = twelve_config::VcapServices::from_env().unwrap();
    /// # let _ = services;
    /// ```
    pub fn from_env() -> Result<Self, PlatformError> {
        match std::env::var_os("VCAP_SERVICES") {
            None => Ok(Self { vars: Provided::default(), warnings: Vec::new() }),
            Some(value) => match value.into_string() {
                Ok(mut text) => {
                    let parsed = Self::from_json(&text);
                    secrecy::zeroize::Zeroize::zeroize(&mut text);
                    parsed
                }
                Err(mut raw) => {
                    crate::snapshot::wipe(&mut raw);
                    Err(error(vec![(".".to_owned(), "it is not valid Unicode".to_owned())]))
                }
            },
        }
    }

    /// The services of a `VCAP_SERVICES` text.
    ///
    /// # Errors
    ///
    /// Every problem, in one [`PlatformError`] that quotes no value: text
    /// that is not JSON (its line and column), over 1 MiB, or not an object
    /// of arrays of instances; an instance without a `name`, or with one
    /// that is not a variable's start; credentials that are not an object.
    ///
    /// # Examples
    ///
    /// ```
    /// let error = twelve_config::VcapServices::from_json("{\"x\": [{}]}").unwrap_err();
    /// assert!(error.to_string().contains("x[0]: the instance has no `name`"), "{error}");
    /// ```
    pub fn from_json(text: &str) -> Result<Self, PlatformError> {
        if text.len() > MAX_JSON {
            return Err(error(vec![(".".to_owned(), format!("it is larger than {} KiB", MAX_JSON / 1024))]));
        }
        let mut root: Value = serde_json::from_str(text).map_err(|json| {
            // serde_json's syntax errors say where, never what.
            error(vec![(".".to_owned(), format!("not JSON: line {}, column {}", json.line(), json.column()))])
        })?;
        let parsed = Self::from_value(&root);
        wipe_json(&mut root);
        parsed
    }

    fn from_value(root: &Value) -> Result<Self, PlatformError> {
        let Value::Object(labels) = root else {
            return Err(error(vec![(".".to_owned(), "not an object of service labels".to_owned())]));
        };
        let mut vars = Provided::default();
        let mut problems = Vec::new();
        let mut usual: BTreeMap<&'static str, Vec<(String, OsString)>> = BTreeMap::new();
        for (label, instances) in labels {
            let Value::Array(instances) = instances else {
                problems.push((label.clone(), "not an array of service instances".to_owned()));
                continue;
            };
            for (index, instance) in instances.iter().enumerate() {
                let place = format!("{label}[{index}]");
                let Some(name) = instance.get("name").and_then(Value::as_str) else {
                    problems.push((place, "the instance has no `name`".to_owned()));
                    continue;
                };
                let Some(prefix) = variable_part(name) else {
                    problems.push((
                        place,
                        "its name must read as a variable's start: letters, digits, `-`, `.` and `_`".to_owned(),
                    ));
                    continue;
                };
                let credentials = match instance.get("credentials") {
                    None | Some(Value::Null) => BTreeMap::new(),
                    Some(Value::Object(credentials)) => credentials
                        .iter()
                        .filter_map(|(key, value)| match value {
                            Value::String(text) => Some((key.clone(), text.clone())),
                            Value::Number(number) => Some((key.clone(), number.to_string())),
                            Value::Bool(flag) => Some((key.clone(), flag.to_string())),
                            _ => None,
                        })
                        .collect(),
                    Some(_) => {
                        problems.push((place, "its `credentials` are not an object".to_owned()));
                        continue;
                    }
                };
                let origin = format!("vcap {name}");
                let kind = kind_of(label, instance);
                let url = credentials.get("uri").or_else(|| credentials.get("url")).cloned().or_else(|| {
                    let mut parts = url_parts(&credentials);
                    let url = kind.and_then(|kind| assembled_url(kind, &parts));
                    for value in parts.values_mut() {
                        crate::snapshot::wipe(value);
                    }
                    url
                });
                if let Some(url) = url {
                    if let Some(variable) = kind.and_then(usual_variable) {
                        usual.entry(variable).or_default().push((name.to_owned(), OsString::from(url.clone())));
                    }
                    vars.insert(format!("{prefix}_URL"), OsString::from(url), origin.clone());
                }
                for (key, value) in credentials {
                    if let Some(part) = variable_part(&key) {
                        vars.insert(format!("{prefix}_{part}"), OsString::from(value), origin.clone());
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(error(problems));
        }
        let warnings = super::settle_usual(&mut vars, usual, |name| format!("vcap {name}"));
        Ok(Self { vars, warnings })
    }
}

fn error(problems: Vec<(String, String)>) -> PlatformError {
    PlatformError { what: "bound services", root: PathBuf::from("VCAP_SERVICES"), problems }
}

/// The kind of an instance, by its label or a tag, as a binding type.
fn kind_of(label: &str, instance: &Value) -> Option<&'static str> {
    let tags = instance.get("tags").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
    std::iter::once(label).chain(instance.get("label").and_then(Value::as_str)).chain(tags).find_map(|name| {
        let name = name.to_ascii_lowercase();
        let name = name.strip_prefix("p.").or_else(|| name.strip_prefix("p-")).unwrap_or(&name).to_owned();
        Some(match name.as_str() {
            "postgresql" | "postgres" | "elephantsql" => "postgresql",
            "mysql" | "mariadb" | "cleardb" => "mysql",
            "redis" | "rediscloud" => "redis",
            "rabbitmq" | "cloudamqp" | "amqp" => "rabbitmq",
            "mongodb" => "mongodb",
            _ => return None,
        })
    })
}

/// Cloud Foundry's credential names as a binding's entries.
fn url_parts(credentials: &BTreeMap<String, String>) -> BTreeMap<String, OsString> {
    let mut parts = BTreeMap::new();
    for (entry, keys) in [
        ("host", &["host", "hostname"][..]),
        ("port", &["port"][..]),
        ("username", &["username", "user"][..]),
        ("password", &["password"][..]),
        ("database", &["database", "name", "db"][..]),
        ("vhost", &["vhost"][..]),
    ] {
        if let Some(value) = keys.iter().find_map(|key| credentials.get(*key)) {
            parts.insert(entry.to_owned(), OsString::from(value));
        }
    }
    parts
}

/// Wipes every string of a JSON value.
fn wipe_json(value: &mut Value) {
    match value {
        Value::String(text) => secrecy::zeroize::Zeroize::zeroize(text),
        Value::Array(items) => items.iter_mut().for_each(wipe_json),
        Value::Object(members) => members.values_mut().for_each(wipe_json),
        _ => {}
    }
}

super::provided_source!(VcapServices, warnings);
