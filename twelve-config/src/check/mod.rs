//! Deploy manifests checked against the config before a release runs
//! (factor V, "build, release, run": a release is a build combined with a
//! deploy's config). Cargo feature `check`.
//!
//! Each check reads what a manifest gives the service's container and
//! returns the report the service would print at start, plus what only a
//! manifest can get wrong ([`Problem::Manifest`]): a secret written in the
//! manifest or taken from a `ConfigMap`, a reference to a key the manifest
//! lacks, a value Kubernetes refuses, no container or several. Text in, so
//! the manifest of the service's repository is checked in a `#[test]`:
//!
//! ```
//! use twelve_config::{EnvConfig, SecretString, check};
//!
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "BILLING_")]
//! struct Config {
//!     port: u16,
//!     api_token: SecretString,
//! }
//!
//! // In the service's tests: `include_str!("../deploy/billing.yaml")`.
//! let manifest = r#"
//! apiVersion: apps/v1
//! kind: Deployment
//! metadata: {name: billing}
//! spec:
//!   template:
//!     spec:
//!       containers:
//!         - name: billing
//!           env:
//!             - {name: BILLING_PORT, value: "80a"}
//!             - {name: BILLING_API_TOKEN, value: "hunter2"}
//! "#;
//! let report = check::kubernetes::<Config>(manifest).unwrap_err().to_string();
//! assert!(report.contains("invalid   BILLING_PORT"), "{report}");
//! assert!(report.contains("a secret written in the manifest"), "{report}");
//! assert!(!report.contains("hunter2"));
//! ```
//!
//! What the manifest gives is read as Kubernetes and Compose give it: a
//! later definition wins, `env` over `envFrom`, `environment:` over
//! `env_file:`. A value from an object the manifest does not hold (a
//! `Secret` created apart, a `fieldRef`) counts as set, its value unknown,
//! and so does a Compose interpolation (`${TOKEN}`: the deploying
//! environment's value, the right way to pass a secret there); an
//! `envFrom` of an object outside the manifest may set any variable under
//! its prefix. A value from a `Secret` is never shown, whatever the field.
//!
//! The YAML is read by yaml-rust2 within fixed bounds (4 MiB, 64 levels,
//! 200,000 nodes counting what each alias repeats): a hostile manifest (an
//! alias bomb, deep nesting, a tag) is a [`Problem::Manifest`] naming its
//! line, never a hang. yaml-rust2 was chosen among the maintained YAML
//! crates (serde_yaml is archived) for its event parser, which lets the
//! check build its tree within those bounds; `check/yaml.rs` in the
//! repository compares the others.

mod compose;
mod kubernetes;
mod yaml;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{OsStr, OsString};

use crate::platform::Provided;
use crate::{EnvConfig, Error, Problem, Source, Var};

/// Checks the container of a Kubernetes manifest against the config `T`:
/// `Ok` when the service would start, else the report it would print, with
/// what only the manifest gets wrong. The manifest must hold one container
/// (a sidecar makes two: name it with [`kubernetes_container`]).
///
/// The manifest is one or more YAML documents (`---`), or a `List`:
/// `Deployment`, `StatefulSet`, `DaemonSet`, `ReplicaSet`, `Job`,
/// `CronJob`, `Pod`, or a bare pod spec (`spec: containers:`, as
/// [`render::kubernetes`](crate::render::kubernetes) writes), with the
/// `ConfigMap`s and `Secret`s it refers to (`data`, base64, and
/// `stringData`). The container's `env` (`value`, with `$(VAR)`
/// references, and `valueFrom`), `envFrom` (with its `prefix`), and
/// `NAME_FILE` paths into a mounted `Secret` or `ConfigMap` volume are
/// followed.
///
/// # Errors
///
/// Every problem, in one [`Error`].
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, check};
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     port: u16,
/// }
///
/// let manifest = "
/// kind: ConfigMap
/// metadata: {name: settings}
/// data: {PORT: \"8080\"}
/// ---
/// kind: Pod
/// metadata: {name: api}
/// spec:
///   containers:
///     - name: api
///       envFrom: [{configMapRef: {name: settings}}]
/// ";
/// assert!(check::kubernetes::<Config>(manifest).is_ok());
/// ```
pub fn kubernetes<T: EnvConfig>(manifest: &str) -> Result<(), Error> {
    evaluate::<T>(kubernetes::gather(manifest, None))
}

/// [`kubernetes`] for the container named `container` (in `containers` or
/// `initContainers`).
///
/// # Errors
///
/// Every problem, in one [`Error`]; a container of no such name is one.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, check};
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     port: u16,
/// }
///
/// let manifest = "
/// kind: Deployment
/// metadata: {name: api}
/// spec:
///   template:
///     spec:
///       containers:
///         - {name: api, env: [{name: PORT, value: \"8080\"}]}
///         - {name: proxy, image: envoy}
/// ";
/// assert!(check::kubernetes_container::<Config>(manifest, "api").is_ok());
/// let error = check::kubernetes::<Config>(manifest).unwrap_err();
/// assert!(error.to_string().contains("several containers"), "{error}");
/// ```
pub fn kubernetes_container<T: EnvConfig>(manifest: &str, container: &str) -> Result<(), Error> {
    evaluate::<T>(kubernetes::gather(manifest, Some(container)))
}

/// Checks the service `service` of a Docker Compose file (its text)
/// against the config `T`: `environment:` in both forms, and `env_file:`
/// read relative to the current directory (where `cargo test` runs: the
/// package's root). An interpolation (`${NAME}`, `$NAME`,
/// `${NAME:?message}`) counts as set by the deploying environment.
///
/// # Errors
///
/// Every problem, in one [`Error`].
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, SecretString, check};
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     port: u16,
///     token: SecretString,
/// }
///
/// let compose = "
/// services:
///   api:
///     environment:
///       PORT: 8080
///       TOKEN: ${TOKEN:?set the token}
/// ";
/// assert!(check::compose::<Config>(compose, "api").is_ok());
/// ```
pub fn compose<T: EnvConfig>(yaml: &str, service: &str) -> Result<(), Error> {
    evaluate::<T>(compose::gather(yaml, service))
}

/// Where a manifest takes a variable's value from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    /// Written in the manifest itself (`value:`, `environment:`).
    Literal,
    ConfigMap(String),
    Secret(String),
    /// A Compose `env_file`: its origin (`path:line`).
    EnvFile(String),
    /// Somewhere the check cannot read (a `fieldRef`, an interpolation).
    Elsewhere,
}

/// A variable's value as the manifest gives it.
#[derive(Debug)]
enum Value {
    Text(OsString),
    /// Set, to a value the check cannot know.
    Unknown,
}

/// One variable the container gets.
#[derive(Debug)]
struct Given {
    name: String,
    value: Value,
    origin: Origin,
    /// The variable's value names a file the manifest mounts: that file's
    /// content and where it comes from.
    file: Option<(Value, Origin)>,
}

/// What a manifest gives one container, in the order the platform applies
/// it (a later definition wins).
#[derive(Debug, Default)]
struct Gathered {
    /// Where: `Deployment/api, container app`, `service web`.
    place: String,
    /// What is literal is written "in the manifest" or "in the Compose file".
    platform: Platform,
    vars: Vec<Given>,
    /// Prefixes under which an `envFrom` of an object outside the manifest
    /// may set any variable.
    open_prefixes: Vec<String>,
    problems: Vec<Problem>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Platform {
    #[default]
    Kubernetes,
    Compose,
}

impl Gathered {
    fn problem(&mut self, var: Option<&str>, reason: String) {
        self.problems.push(Problem::Manifest { var: var.map(str::to_owned), place: self.place.clone(), reason });
    }
}

/// A problem with the manifest as a whole: the check stops there (its
/// `Gathered` has no place).
fn whole(place: &str, reason: String) -> Problem {
    Problem::Manifest { var: None, place: place.to_owned(), reason }
}

/// What the config's loader reads in a check: the values the manifest
/// gives, each with its origin; those it gives from a `Secret` are shown as
/// secrets; those set to a value the check cannot know are listed, never
/// read.
#[derive(Debug, Default)]
struct Manifest {
    values: Provided,
    secret: BTreeSet<String>,
    unknown: BTreeSet<String>,
}

impl Source for Manifest {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        self.values.get(name)
    }

    fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
        Box::new(self.values.names().chain(self.unknown.iter().map(|name| Cow::Borrowed(OsStr::new(name)))))
    }

    fn origin(&self, name: &str) -> Option<String> {
        self.values.origin(name)
    }

    fn __provides_secret(&self, name: &str) -> bool {
        self.secret.contains(name)
    }
}

impl Origin {
    /// How the report names it.
    fn describe(&self, place: &str) -> String {
        match self {
            Origin::Literal | Origin::Elsewhere => place.to_owned(),
            Origin::ConfigMap(name) => format!("ConfigMap {name}"),
            Origin::Secret(name) => format!("Secret {name}"),
            Origin::EnvFile(origin) => origin.clone(),
        }
    }
}

/// The report the service would print given what `gathered` holds, and
/// what only the manifest gets wrong.
fn evaluate<T: EnvConfig>(gathered: Gathered) -> Result<(), Error> {
    let Gathered { place, platform, vars: given, open_prefixes, mut problems } = gathered;
    // No container or service was found (or the YAML cannot be read):
    // there is nothing to load.
    if place.is_empty() {
        return Err(Error::new(problems));
    }
    let vars = T::vars();
    // Every name the config reads, to its variable.
    let mut reads: BTreeMap<&str, &Var> = BTreeMap::new();
    for var in &vars {
        reads.insert(&var.name, var);
        for alias in var.aliases.iter().chain(&var.deprecated) {
            reads.insert(alias, var);
        }
    }
    // A later definition wins.
    let mut last: BTreeMap<String, Given> = BTreeMap::new();
    for given in given {
        last.insert(given.name.clone(), given);
    }
    let mut manifest = Manifest::default();
    let set = |manifest: &mut Manifest, name: &str, value: Value, origin: &Origin| match value {
        Value::Text(text) => {
            if matches!(origin, Origin::Secret(_)) {
                manifest.secret.insert(name.to_owned());
            }
            manifest.values.insert(name.to_owned(), text, origin.describe(&place));
        }
        Value::Unknown => {
            manifest.unknown.insert(name.to_owned());
        }
    };
    let literal_fix = match platform {
        Platform::Kubernetes => {
            "a secret written in the manifest: put it in a Secret and take it with valueFrom.secretKeyRef"
        }
        Platform::Compose => {
            "a secret written in the Compose file: take it from the deploying environment (${NAME}), an env_file \
             kept out of the repository, or a Compose secret"
        }
    };
    for (name, given) in last {
        // `NAME_FILE` for a field that reads files: the loader would read
        // a path of the container's filesystem on this machine, so the
        // file's content is given as `NAME`, or `NAME` counts as set.
        let stem = name.strip_suffix("_FILE").and_then(|stem| reads.get(stem)).filter(|var| var.file);
        if let Some(var) = stem {
            match given.file {
                Some((content, origin)) => {
                    secret_origin(&mut problems, &place, var, &var.name, &origin, literal_fix);
                    set(&mut manifest, &var.name, content, &origin);
                }
                None => {
                    manifest.unknown.insert(var.name.clone());
                }
            }
            continue;
        }
        if let Some(var) = reads.get(name.as_str()) {
            secret_origin(&mut problems, &place, var, &name, &given.origin, literal_fix);
        }
        set(&mut manifest, &name, given.value, &given.origin);
    }
    let loaded = T::from_source(&manifest);
    let mut report = match loaded {
        Ok(_) => Vec::new(),
        Err(error) => error.into_problems(),
    };
    // A variable set to an unknown value is not missing.
    let set_elsewhere = |name: &str| {
        manifest.unknown.contains(name)
            || manifest.unknown.contains(&format!("{name}_FILE"))
            || open_prefixes.iter().any(|prefix| name.starts_with(prefix.as_str()))
    };
    report.retain(|problem| match problem {
        Problem::Missing { var, .. } => {
            let aliases = reads.get(var.as_str()).map(|v| v.aliases.iter().chain(&v.deprecated).collect::<Vec<_>>());
            !(set_elsewhere(var) || aliases.unwrap_or_default().iter().any(|alias| set_elsewhere(alias)))
        }
        _ => true,
    });
    report.append(&mut problems);
    if report.is_empty() { Ok(()) } else { Err(Error::new(report)) }
}

/// The problem of a secret variable the manifest writes itself, or takes
/// from a `ConfigMap`.
fn secret_origin(problems: &mut Vec<Problem>, place: &str, var: &Var, name: &str, origin: &Origin, literal: &str) {
    if !var.secret {
        return;
    }
    let reason = match origin {
        Origin::Literal => literal.to_owned(),
        Origin::ConfigMap(map) => format!(
            "a secret from ConfigMap {map}: a ConfigMap is readable by whoever may read the namespace's \
             configuration; put it in a Secret"
        ),
        _ => return,
    };
    problems.push(Problem::Manifest { var: Some(name.to_owned()), place: place.to_owned(), reason });
}
