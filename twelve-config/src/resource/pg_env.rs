//! `PgEnv`: a `PostgresUrl` from libpq's own `PG*` variables.

use std::ops::Deref;

use secrecy::SecretString;

use super::PostgresUrl;
use super::UrlParts;
use super::parse::{ParseError, UrlPart};
use crate::{AssembleError, RuleError};

/// libpq's environment variables: fixed names, which no prefix joins
/// (libpq's `PG` is not followed by `_`, as a derived prefix must be).
#[doc(hidden)]
#[derive(crate::EnvConfig, Debug)]
pub struct PgVars {
    #[env(name = "PGHOST")]
    host: Option<String>,
    #[env(name = "PGHOSTADDR")]
    hostaddr: Option<String>,
    #[env(name = "PGPORT")]
    port: Option<String>,
    #[env(name = "PGUSER")]
    user: Option<String>,
    #[env(name = "PGPASSWORD", file)]
    password: Option<SecretString>,
    #[env(name = "PGDATABASE")]
    database: Option<String>,
    #[env(name = "PGSSLMODE")]
    sslmode: Option<String>,
    #[env(name = "PGAPPNAME")]
    appname: Option<String>,
    #[env(name = "PGCONNECT_TIMEOUT")]
    connect_timeout: Option<String>,
    #[env(name = "PGOPTIONS")]
    options: Option<String>,
    #[env(name = "PGTARGETSESSIONATTRS")]
    targetsessionattrs: Option<String>,
    #[env(name = "PGSSLROOTCERT")]
    sslrootcert: Option<String>,
    #[env(name = "PGSSLCERT")]
    sslcert: Option<String>,
    #[env(name = "PGSSLKEY")]
    sslkey: Option<String>,
}

/// Each variable of [`PgVars`]: its suffix, its full name, its field.
const PG_VARS: &[(&str, &str, &str)] = &[
    ("HOST", "PGHOST", "host"),
    ("HOSTADDR", "PGHOSTADDR", "hostaddr"),
    ("PORT", "PGPORT", "port"),
    ("USER", "PGUSER", "user"),
    ("PASSWORD", "PGPASSWORD", "password"),
    ("DATABASE", "PGDATABASE", "database"),
    ("SSLMODE", "PGSSLMODE", "sslmode"),
    ("APPNAME", "PGAPPNAME", "appname"),
    ("CONNECT_TIMEOUT", "PGCONNECT_TIMEOUT", "connect_timeout"),
    ("OPTIONS", "PGOPTIONS", "options"),
    ("TARGETSESSIONATTRS", "PGTARGETSESSIONATTRS", "targetsessionattrs"),
    ("SSLROOTCERT", "PGSSLROOTCERT", "sslrootcert"),
    ("SSLCERT", "PGSSLCERT", "sslcert"),
    ("SSLKEY", "PGSSLKEY", "sslkey"),
];

/// The query parameter each `PG*` variable sets, after the URL's parts.
const PG_PARAMS: &[&str] = &[
    "hostaddr",
    "sslmode",
    "application_name",
    "connect_timeout",
    "options",
    "target_session_attrs",
    "sslrootcert",
    "sslcert",
    "sslkey",
];

/// A PostgreSQL handle from libpq's own environment variables, with their
/// libpq meanings and defaults.
///
/// Loaded on its own (`PgEnv::from_env()`) or as a group
/// (`#[env(nested)] database: PgEnv`), it reads [libpq's variables] by
/// their own names, whatever the parent's prefix: `PGHOST` (a host, a socket directory, or a
/// comma-separated list), `PGHOSTADDR`, `PGPORT` (one port, or one per
/// host), `PGUSER`, `PGPASSWORD` or `PGPASSWORD_FILE` (a secret),
/// `PGDATABASE`, `PGSSLMODE`, `PGAPPNAME`, `PGCONNECT_TIMEOUT`,
/// `PGOPTIONS`, `PGTARGETSESSIONATTRS`, `PGSSLROOTCERT`, `PGSSLCERT` and
/// `PGSSLKEY`. Every one is optional, as in libpq: no host is the local
/// socket, no port 5432, no user the driver's default (the OS user), no
/// database the user's name. The values are checked by [`PostgresUrl`]'s
/// rules (an `sslmode` libpq does not know is a problem of `PGSSLMODE`).
/// `PGPASSFILE` and `PGSERVICE` are not read: they name files of other
/// settings, which belong to the driver. It dereferences to the
/// [`PostgresUrl`].
///
/// [libpq's variables]: https://www.postgresql.org/docs/current/libpq-envars.html
///
/// # Examples
///
/// ```
/// use twelve_config::EnvConfig;
/// use twelve_config::resource::{PgEnv, Resource};
///
/// #[derive(EnvConfig, Debug)]
/// #[env(prefix = "BILLING_")]
/// struct Config {
///     #[env(default = 8080)]
///     port: u16, // BILLING_PORT
///     #[env(nested)]
///     database: PgEnv, // PGHOST, PGPORT, ...
/// }
///
/// let config = Config::from_vars([
///     ("PGHOST", "db1,db2"),
///     ("PGPORT", "5432,5433"),
///     ("PGUSER", "app"),
///     ("PGPASSWORD", "s3cret"),
///     ("PGDATABASE", "billing"),
///     ("PGSSLMODE", "require"),
/// ])
/// .unwrap();
/// assert_eq!(config.database.to_string(), "postgres://app:***@db1:5432,db2:5433/billing?sslmode=require");
/// assert_eq!(config.database.sslmode(), Some("require"));
///
/// // Nothing set: libpq's defaults, the local socket on 5432.
/// let local = PgEnv::from_vars([("UNRELATED", "x")]).unwrap();
/// assert_eq!((local.host(), local.port()), (None, Some(5432)));
///
/// let error = PgEnv::from_vars([("PGSSLMODE", "sometimes")]).unwrap_err();
/// assert_eq!(error.problems()[0].var(), "PGSSLMODE");
/// ```
#[derive(Clone, Debug)]
pub struct PgEnv {
    url: PostgresUrl,
}

impl PgEnv {
    /// The PostgreSQL handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    /// use twelve_config::resource::{PgEnv, PostgresUrl};
    ///
    /// let url: PostgresUrl = PgEnv::from_vars([("PGHOST", "db")]).unwrap().into_url();
    /// assert_eq!(url.to_string(), "postgres://db");
    /// ```
    pub fn into_url(self) -> PostgresUrl {
        self.url
    }
}

impl Deref for PgEnv {
    type Target = PostgresUrl;

    fn deref(&self) -> &PostgresUrl {
        &self.url
    }
}

impl crate::SafeDebug for PgEnv {}

impl crate::Assembled for PgEnv {
    type Parts = PgVars;
    fn __trusted_messages(_: crate::assembled::sealed::Crate) -> bool {
        true
    }

    fn assemble(vars: PgVars) -> Result<Self, AssembleError> {
        let mut parts = UrlParts::new("postgres");
        let hosts: Vec<&str> = vars.host.as_deref().map(|h| h.split(',').collect()).unwrap_or_default();
        let ports: Vec<&str> = vars.port.as_deref().map(|p| p.split(',').collect()).unwrap_or_default();
        if ports.len() > 1 && ports.len() != hosts.len() {
            let message = format!(
                "PGPORT gives {} ports for {} hosts in PGHOST: give one port, or one per host",
                ports.len(),
                hosts.len()
            );
            return Err(AssembleError::Rule(RuleError::new(message).fields(["host", "port"])));
        }
        let mut port_numbers = Vec::with_capacity(ports.len());
        for port in &ports {
            match port.trim().parse::<u16>() {
                Ok(number) if number > 0 => port_numbers.push(number),
                _ => {
                    return Err(AssembleError::Invalid {
                        field: "port",
                        type_name: "String".to_owned(),
                        reason: "not a port: a number from 1 to 65535, or a comma-separated list of them".to_owned(),
                    });
                }
            }
        }
        for (index, host) in hosts.iter().enumerate() {
            parts = match port_numbers.get(index).or(port_numbers.first()).filter(|_| port_numbers.len() > 1) {
                Some(port) => parts.host_port(host.trim(), *port),
                None => parts.host(host.trim()),
            };
        }
        if let [port] = port_numbers.as_slice() {
            parts = parts.port(*port);
        }
        if let Some(user) = vars.user.clone() {
            parts = parts.user(user);
        }
        if let Some(password) = vars.password.clone() {
            parts = parts.password(password);
        }
        if let Some(database) = vars.database.clone() {
            parts = parts.database(database);
        }
        let values = [
            &vars.hostaddr,
            &vars.sslmode,
            &vars.appname,
            &vars.connect_timeout,
            &vars.options,
            &vars.targetsessionattrs,
            &vars.sslrootcert,
            &vars.sslcert,
            &vars.sslkey,
        ];
        // The URL is built a variable at a time, so that the first that
        // makes it invalid is the variable a problem names: first the
        // hosts, port, user and database, by the part at fault, then each
        // option (`hostaddr` is second in PG_VARS, the others follow
        // `PGDATABASE`).
        let invalid = |index: usize, error: ParseError| AssembleError::Invalid {
            field: PG_VARS[index].2,
            type_name: "PostgresUrl".to_owned(),
            reason: error.to_string(),
        };
        if let Err(error) = parts.build::<PostgresUrl>() {
            let index = match error.part() {
                UrlPart::Port => 2,
                UrlPart::UserInfo => 3,
                UrlPart::Path => 5,
                _ => 0,
            };
            return Err(invalid(index, error));
        }
        for (position, (key, value)) in PG_PARAMS.iter().zip(values).enumerate() {
            let Some(value) = value else { continue };
            parts = parts.param(*key, value.clone());
            if let Err(error) = parts.build::<PostgresUrl>() {
                return Err(invalid(if position == 0 { 1 } else { 5 + position }, error));
            }
        }
        parts.build::<PostgresUrl>().map(|url| Self { url }).map_err(|error| invalid(0, error))
    }
}

crate::assembled_config!(PgEnv, prefix = "PG");
