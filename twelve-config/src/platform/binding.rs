//! Kubernetes service bindings (servicebinding.io, core spec 1.0): the
//! platform mounts a directory per binding under `$SERVICE_BINDING_ROOT`,
//! one file per entry (`type`, `provider`, `host`, `port`, `username`,
//! `password`, `database`, `uri`, ...).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{PlatformError, Provided, entries, read_mounted, variable_part};
use crate::loaded::Warning;

/// What a user name or password may hold unencoded in a URL's user
/// information (RFC 3986 `unreserved`): everything else is escaped.
const USERINFO: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The service bindings a platform mounts for a service, as a [`Source`](crate::Source)
/// (the [Service Binding specification for Kubernetes][spec], which
/// Bitnami's charts, Spring Cloud Bindings and Quarkus follow).
///
/// For a binding directory `orders-db` it provides:
///
/// - `ORDERS_DB_<ENTRY>` for each entry file (the name upper case, `-` and
///   `.` as `_`): `ORDERS_DB_HOST`, `ORDERS_DB_PASSWORD`, ...;
/// - `ORDERS_DB_URL`: the `uri` entry, or a URL assembled from `type`,
///   `host`, `port`, `username`, `password` and `database`, each
///   percent-encoded (a password holding `@:/%#?` or a space round-trips),
///   for the kinds this crate has handles for (`postgresql`, `mysql`,
///   `mariadb`, `redis`, `rabbitmq`, `amqp`, `mongodb`);
/// - the kind's usual variable when exactly one binding has that type:
///   `DATABASE_URL` (postgresql, mysql, mariadb), `REDIS_URL`, `AMQP_URL`
///   (rabbitmq, amqp), `MONGODB_URL`, as a platform's add-on would. When two
///   bindings have the type, neither is chosen, and
///   [`Loaded::warnings`](crate::Loaded::warnings) names them.
///
/// Each value's origin is `binding <name>/<entry>`. Entries are read as a
/// `NAME_FILE` secret is, following the `..data` symlinks a mounted
/// Secret has, never out of the root. Hidden entries (`..data`,
/// `..2026_12_06...`) are the mount's own.
///
/// [spec]: https://servicebinding.io/spec/core/1.0.0/
///
/// # Examples
///
/// ```
/// use twelve_config::resource::PostgresUrl;
/// use twelve_config::{EnvConfig, ServiceBindings, Source, Vars};
/// # let root = std::env::temp_dir().join(format!("twelve-config-bindings-doc-{}", std::process::id()));
/// # let binding = root.join("orders-db");
/// # std::fs::create_dir_all(&binding).unwrap();
/// # for (entry, value) in [("type", "postgresql"), ("host", "db.internal"), ("username", "app"), ("password", "p@ss word"), ("database", "orders")] {
/// #     std::fs::write(binding.join(entry), value).unwrap();
/// # }
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     database_url: PostgresUrl, // from the one postgresql binding
/// }
///
/// let bindings = ServiceBindings::from_root(&root)?;
/// let config = Config::from_source(&Vars::new().or(bindings))?;
/// assert_eq!(config.database_url.to_string(), "postgresql://app:***@db.internal/orders");
/// assert_eq!(config.database_url.password().map(twelve_config::ExposeSecret::expose_secret), Some("p@ss word"));
/// # std::fs::remove_dir_all(&root).unwrap();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ServiceBindings {
    root: PathBuf,
    vars: Provided,
    warnings: Vec<Warning>,
}

impl ServiceBindings {
    /// The bindings under `$SERVICE_BINDING_ROOT`; an empty source when it is
    /// unset.
    ///
    /// # Errors
    ///
    /// As [`from_root`](Self::from_root).
    ///
    /// # Examples
    ///
    /// ```
    /// let bindings = twelve_config::ServiceBindings::from_env().unwrap();
    /// # let _ = bindings;
    /// ```
    pub fn from_env() -> Result<Self, PlatformError> {
        match std::env::var_os("SERVICE_BINDING_ROOT") {
            Some(root) if !root.is_empty() => Self::from_root(root),
            _ => Ok(Self { root: PathBuf::new(), vars: Provided::default(), warnings: Vec::new() }),
        }
    }

    /// The bindings under `root`; an empty source when it does not exist.
    ///
    /// # Errors
    ///
    /// Every problem of the layout, in one [`PlatformError`]: a binding
    /// without a `type` entry, a binding or entry name that is not a
    /// variable name, an entry that is a directory, a FIFO or a device, a
    /// file over 1 MiB, a symlink that leads outside the root.
    ///
    /// # Examples
    ///
    /// ```
    /// let none = twelve_config::ServiceBindings::from_root("/no/such/dir").unwrap();
    /// assert_eq!(twelve_config::Source::names(&none).count(), 0);
    /// ```
    pub fn from_root(root: impl AsRef<Path>) -> Result<Self, PlatformError> {
        let root = root.as_ref();
        let error = |problems| PlatformError { what: "service bindings", root: root.to_owned(), problems };
        let list = match entries(root) {
            Ok(Some(list)) => list,
            Ok(None) => return Ok(Self { root: root.to_owned(), vars: Provided::default(), warnings: Vec::new() }),
            Err(why) => return Err(error(vec![(".".to_owned(), why)])),
        };
        let canonical = root.canonicalize().map_err(|why| error(vec![(".".to_owned(), why.to_string())]))?;
        let mut vars = Provided::default();
        let mut problems = Vec::new();
        // The usual variable of each kind: the bindings that would give it.
        let mut usual: BTreeMap<&'static str, Vec<(String, OsString)>> = BTreeMap::new();
        for (name, path) in list.into_iter().filter(|(name, _)| !name.starts_with('.')) {
            let Some(prefix) = variable_part(&name) else {
                problems.push((
                    name,
                    "a binding's name must read as a variable's start: letters, digits, `-`, `.` and `_`".to_owned(),
                ));
                continue;
            };
            if !path.is_dir() {
                problems.push((name, "a binding is a directory of entries".to_owned()));
                continue;
            }
            let binding = match read_binding(&canonical, &name, &path) {
                Ok(binding) => binding,
                Err(mut found) => {
                    problems.append(&mut found);
                    continue;
                }
            };
            let Some(kind) = binding.get("type").and_then(|kind| kind.to_str()).map(str::to_ascii_lowercase) else {
                problems.push((name, "the binding has no `type` entry, which the spec requires".to_owned()));
                continue;
            };
            let url = binding.get("uri").cloned().map(|uri| (uri, format!("binding {name}/uri"))).or_else(|| {
                assembled_url(&kind, &binding).map(|url| (OsString::from(url), format!("binding {name} (assembled)")))
            });
            if let Some((url, origin)) = url {
                if let Some(variable) = usual_variable(&kind) {
                    usual.entry(variable).or_default().push((name.clone(), url.clone()));
                }
                vars.insert(format!("{prefix}_URL"), url, origin);
            }
            for (entry, value) in binding {
                // An entry name that is no variable name was refused above.
                if let Some(part) = variable_part(&entry) {
                    vars.insert(format!("{prefix}_{part}"), value, format!("binding {name}/{entry}"));
                }
            }
        }
        if !problems.is_empty() {
            return Err(error(problems));
        }
        let warnings = super::settle_usual(&mut vars, usual, |name| format!("binding {name}"));
        Ok(Self { root: root.to_owned(), vars, warnings })
    }

    /// The root read (empty when `$SERVICE_BINDING_ROOT` was unset).
    ///
    /// # Examples
    ///
    /// ```
    /// let none = twelve_config::ServiceBindings::from_root("/no/such/dir").unwrap();
    /// assert_eq!(none.root(), std::path::Path::new("/no/such/dir"));
    /// ```
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// The entries of one binding, by name, or every problem with them.
fn read_binding(root: &Path, name: &str, dir: &Path) -> Result<BTreeMap<String, OsString>, Vec<(String, String)>> {
    let list = match entries(dir) {
        Ok(list) => list.unwrap_or_default(),
        Err(why) => return Err(vec![(name.to_owned(), why)]),
    };
    let mut binding = BTreeMap::new();
    let mut problems = Vec::new();
    for (entry, path) in list.into_iter().filter(|(entry, _)| !entry.starts_with('.')) {
        let place = format!("{name}/{entry}");
        // A link into `..data` for a key the Secret no longer has dangles
        // between the kubelet's swap of `..data` and its removal of the
        // link: the entry is gone.
        if std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_symlink()) && !path.exists() {
            continue;
        }
        if variable_part(&entry).is_none() {
            problems.push((
                place,
                "an entry's name must read as a variable's end: letters, digits, `-`, `.` and `_`".to_owned(),
            ));
            continue;
        }
        match read_mounted(root, &path) {
            Ok(value) => {
                binding.insert(entry, value);
            }
            Err(why) => problems.push((place, why)),
        }
    }
    if problems.is_empty() {
        Ok(binding)
    } else {
        for value in binding.values_mut() {
            crate::snapshot::wipe(value);
        }
        Err(problems)
    }
}

/// The scheme of a binding type this crate has a handle for.
pub(super) fn scheme_of(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "postgresql" | "postgres" => "postgresql",
        "mysql" | "mariadb" => "mysql",
        "redis" => "redis",
        "rabbitmq" | "amqp" => "amqp",
        "mongodb" => "mongodb",
        _ => return None,
    })
}

/// The variable a platform's add-on would set for a binding type.
pub(super) fn usual_variable(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "postgresql" | "postgres" | "mysql" | "mariadb" => "DATABASE_URL",
        "redis" => "REDIS_URL",
        "rabbitmq" | "amqp" => "AMQP_URL",
        "mongodb" => "MONGODB_URL",
        _ => return None,
    })
}

/// `scheme://user:password@host:port/database`, each part percent-encoded,
/// for a kind with a handle and a `host` entry. Every piece that holds the
/// password is wiped, and the URL is written into one buffer sized up front,
/// so no growth frees a copy.
pub(super) fn assembled_url(kind: &str, binding: &BTreeMap<String, OsString>) -> Option<String> {
    use secrecy::zeroize::Zeroizing;
    let scheme = scheme_of(kind)?;
    let text = |entry: &str| binding.get(entry).and_then(|value| value.to_str());
    let host = text("host")?;
    let encode = |part: &str| Zeroizing::new(percent_encoding::utf8_percent_encode(part, USERINFO).to_string());
    let user = text("username").map(encode);
    let password = text("password").map(encode);
    let database = text("database").or_else(|| text("vhost")).map(encode);
    let port = text("port");
    let bracket = host.contains(':') && !host.starts_with('[');
    let length = |part: &Option<Zeroizing<String>>| part.as_ref().map_or(0, |part| part.len() + 1);
    let capacity = scheme.len()
        + 3
        + length(&user)
        + length(&password)
        + 1
        + host.len()
        + 2
        + port.map_or(0, |port| port.len() + 1)
        + length(&database);
    let mut url = String::with_capacity(capacity);
    url.push_str(scheme);
    url.push_str("://");
    if let Some(user) = &user {
        url.push_str(user);
    }
    if let Some(password) = &password {
        url.push(':');
        url.push_str(password);
    }
    if user.is_some() || password.is_some() {
        url.push('@');
    }
    if bracket {
        url.push('[');
    }
    url.push_str(host);
    if bracket {
        url.push(']');
    }
    if let Some(port) = port {
        url.push(':');
        url.push_str(port);
    }
    // RabbitMQ's vhost and the databases are the path.
    if let Some(database) = &database {
        url.push('/');
        url.push_str(database);
    }
    Some(url)
}

super::provided_source!(ServiceBindings, warnings);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_assembled_with_every_part_encoded() {
        let binding: BTreeMap<String, OsString> = [
            ("type", "postgresql"),
            ("host", "db"),
            ("port", "6432"),
            ("username", "app user"),
            ("password", "p@ss:w/rd#?&% +x"),
            ("database", "my db"),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), OsString::from(value)))
        .collect();
        let url = assembled_url("postgresql", &binding).unwrap();
        assert_eq!(url, "postgresql://app%20user:p%40ss%3Aw%2Frd%23%3F%26%25%20%2Bx@db:6432/my%20db");
        let parsed: crate::resource::PostgresUrl = url.parse().unwrap();
        assert_eq!(parsed.password().map(secrecy::ExposeSecret::expose_secret), Some("p@ss:w/rd#?&% +x"));
        assert_eq!(assembled_url("kafka", &binding), None);
    }
}
