//! Handles assembled from parts: separate host, port, user, password and
//! database variables, libpq's `PG*` variables, and a password given apart
//! from its URL.

use std::fmt;
use std::net::Ipv6Addr;
use std::ops::Deref;

use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

use super::parse::{ParseError, UrlPart, server_entries};
use super::{
    AmqpUrl, HttpUrl, KafkaUrl, MemcachedUrl, MongoUrl, MqttUrl, MysqlUrl, NatsUrl, PostgresUrl, RedisUrl, Resource,
    SmtpUrl,
};
use crate::__private::{Loader, Scope};
use crate::{EnvConfig, Var};

/// A handle kind that can be assembled from parts: the scheme it is
/// written with.
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{Assemble, RedisUrl};
///
/// assert_eq!(RedisUrl::SCHEME, "redis");
/// ```
pub trait Assemble: Resource {
    /// The scheme a URL assembled from parts starts with.
    const SCHEME: &'static str;
}

macro_rules! assemble {
    ($($name:ident => $scheme:literal),* $(,)?) => {
        $(impl Assemble for $name {
            const SCHEME: &'static str = $scheme;
        })*
    };
}

assemble! {
    PostgresUrl => "postgres",
    MysqlUrl => "mysql",
    RedisUrl => "redis",
    AmqpUrl => "amqp",
    MongoUrl => "mongodb",
    SmtpUrl => "smtp",
    MemcachedUrl => "memcache",
    HttpUrl => "https",
    NatsUrl => "nats",
    MqttUrl => "mqtt",
    KafkaUrl => "kafka",
}

/// The parts of a URL, percent-encoded into one and parsed as a handle:
/// the general way to build any handle from separate values.
///
/// Every part is encoded whole (a password may hold `@`, `:` or `/`; a
/// vhost `/` becomes `%2F`); an IPv6 host is bracketed, and a host that is
/// a path (a PostgreSQL socket directory) is encoded as libpq reads it.
/// The text, which holds the password, is wiped once parsed.
///
/// # Examples
///
/// ```
/// use twelve_config::ExposeSecret;
/// use twelve_config::resource::{AmqpUrl, PostgresUrl, Resource, UrlParts};
///
/// let url: PostgresUrl = UrlParts::new("postgres")
///     .host("db.internal")
///     .port(6432)
///     .user("app")
///     .password("p@ss:w/rd".into())
///     .database("billing")
///     .param("sslmode", "require")
///     .build()
///     .unwrap();
/// assert_eq!(url.to_string(), "postgres://app:***@db.internal:6432/billing?sslmode=require");
/// assert_eq!(url.password().unwrap().expose_secret(), "p@ss:w/rd");
///
/// let url: AmqpUrl = UrlParts::new("amqp").host("mq").database("/").build().unwrap();
/// assert_eq!(url.vhost(), "/");
/// ```
#[derive(Clone, Default)]
pub struct UrlParts {
    scheme: String,
    user: Option<String>,
    password: Option<SecretString>,
    hosts: Vec<(String, Option<u16>)>,
    port: Option<u16>,
    database: Option<String>,
    params: Vec<(String, String)>,
}

impl fmt::Debug for UrlParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UrlParts")
            .field("scheme", &self.scheme)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("hosts", &self.hosts)
            .field("port", &self.port)
            .field("database", &self.database)
            .field("params", &self.params)
            .finish()
    }
}

impl UrlParts {
    /// Parts of a URL of `scheme`, with nothing else yet.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{RedisUrl, Resource, UrlParts};
    ///
    /// let url: RedisUrl = UrlParts::new("redis").host("cache").build().unwrap();
    /// assert_eq!((url.host(), url.port()), (Some("cache"), Some(6379)));
    /// ```
    pub fn new(scheme: &str) -> Self {
        Self { scheme: scheme.to_owned(), ..Self::default() }
    }

    /// Adds a host (a name, an IP address, or a socket directory for
    /// PostgreSQL), on [`port`](Self::port) or the kind's default.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, Resource, UrlParts};
    ///
    /// let url: PostgresUrl = UrlParts::new("postgres").host("/var/run/postgresql").build().unwrap();
    /// assert!(url.hosts()[0].is_socket());
    /// ```
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.hosts.push((host.into(), None));
        self
    }

    /// Adds a host on its own port.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{NatsUrl, UrlParts};
    ///
    /// let url: NatsUrl = UrlParts::new("nats").host_port("n1", 4222).host_port("::1", 4223).build().unwrap();
    /// assert_eq!(url.servers(), ["nats://n1:4222", "nats://[::1]:4223"]);
    /// ```
    pub fn host_port(mut self, host: impl Into<String>, port: u16) -> Self {
        self.hosts.push((host.into(), Some(port)));
        self
    }

    /// The port of every host added without one (and of the local default
    /// when there is no host, where the kind allows that).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{MysqlUrl, Resource, UrlParts};
    ///
    /// let url: MysqlUrl = UrlParts::new("mysql").host("db").port(3307).build().unwrap();
    /// assert_eq!(url.port(), Some(3307));
    /// ```
    pub fn port(mut self, port: u16) -> Self {
        self.port = Some(port);
        self
    }

    /// The user name.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{MongoUrl, Resource, UrlParts};
    ///
    /// let url: MongoUrl = UrlParts::new("mongodb").host("m").user("user@EXAMPLE.COM").build().unwrap();
    /// assert_eq!(url.username(), Some("user@EXAMPLE.COM"));
    /// ```
    pub fn user(mut self, user: impl Into<String>) -> Self {
        self.user = Some(user.into());
        self
    }

    /// The password (for NATS and MQTT with a user; a NATS token is a
    /// user name alone).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::ExposeSecret;
    /// use twelve_config::resource::{RedisUrl, Resource, UrlParts};
    ///
    /// let url: RedisUrl = UrlParts::new("redis").host("cache").password("s3cret".into()).build().unwrap();
    /// assert_eq!(url.password().unwrap().expose_secret(), "s3cret");
    /// assert_eq!(url.to_string(), "redis://:***@cache");
    /// ```
    pub fn password(mut self, password: SecretString) -> Self {
        self.password = Some(password);
        self
    }

    /// The database: a name (PostgreSQL, MySQL, MongoDB), a number (Redis)
    /// or a vhost (AMQP), written as the URL's path.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{RedisUrl, UrlParts};
    ///
    /// let url: RedisUrl = UrlParts::new("redis").host("cache").database("3").build().unwrap();
    /// assert_eq!(url.db(), 3);
    /// ```
    pub fn database(mut self, database: impl Into<String>) -> Self {
        self.database = Some(database.into());
        self
    }

    /// A query parameter, encoded.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, UrlParts};
    ///
    /// let url: PostgresUrl = UrlParts::new("postgres").host("db").param("application_name", "my app").build().unwrap();
    /// assert_eq!(url.to_string(), "postgres://db?application_name=my%20app");
    /// ```
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((key.into(), value.into()));
        self
    }

    /// The URL these parts make, parsed as `H` by its own rules.
    ///
    /// # Errors
    ///
    /// What `H` refuses in the assembled URL: a missing host, a query
    /// option it does not take, ...
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, UrlParts};
    ///
    /// let error = UrlParts::new("postgres").host("db").param("sslmode", "sometimes").build::<PostgresUrl>().unwrap_err();
    /// assert!(error.to_string().contains("sslmode"));
    /// ```
    pub fn build<H: Resource>(&self) -> Result<H, ParseError> {
        self.text().parse::<H>()
    }

    /// The URL these parts make, every part percent-encoded (wiped when
    /// dropped: it holds the password).
    pub(crate) fn text(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(64));
        text.push_str(&self.scheme);
        text.push_str("://");
        if self.user.is_some() || self.password.is_some() {
            if let Some(user) = &self.user {
                encode_into(&mut text, user);
            }
            if let Some(password) = &self.password {
                text.push(':');
                encode_into(&mut text, password.expose_secret());
            }
            text.push('@');
        }
        for (index, (host, port)) in self.hosts.iter().enumerate() {
            if index > 0 {
                text.push(',');
            }
            if host.parse::<Ipv6Addr>().is_ok() {
                text.push('[');
                text.push_str(host);
                text.push(']');
            } else {
                encode_into(&mut text, host);
            }
            if let Some(port) = port.or(self.port) {
                text.push_str(&format!(":{port}"));
            }
        }
        if self.hosts.is_empty()
            && let Some(port) = self.port
        {
            text.push_str(&format!(":{port}"));
        }
        if let Some(database) = &self.database {
            text.push('/');
            encode_into(&mut text, database);
        }
        for (index, (key, value)) in self.params.iter().enumerate() {
            text.push(if index == 0 { '?' } else { '&' });
            encode_into(&mut text, key);
            text.push('=');
            encode_into(&mut text, value);
        }
        text
    }
}

/// Appends `part` percent-encoded: every byte but RFC 3986's unreserved.
pub(crate) fn encode_into(out: &mut String, part: &str) {
    for byte in part.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 15)]));
        }
    }
}

/// A URL's text, taken as given; parsed as the handle once its password
/// variable is known.
#[doc(hidden)]
pub struct RawUrl(SecretString);

impl fmt::Debug for RawUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::report::escape_text(&crate::mask_passwords(self.0.expose_secret())))
    }
}

impl crate::SafeDebug for RawUrl {}

impl crate::EnvValue for RawUrl {
    fn parse_env(text: &str) -> Result<Self, String> {
        Ok(Self(SecretString::from(text)))
    }

    fn parse_env_owned(text: &mut String) -> Result<Self, String> {
        Ok(Self(crate::secret::into_secret(std::mem::take(text))))
    }
}

/// `{prefix}URL` and `{prefix}PASSWORD`.
#[derive(crate::EnvConfig, Debug)]
struct UrlVars {
    url: RawUrl,
    #[env(file)]
    password: Option<SecretString>,
}

/// A handle from a URL without a password plus a password of its own
/// variable, for platforms that mount the password as a file beside a URL
/// (`DATABASE_URL=postgres://app@db/app` and `DATABASE_PASSWORD_FILE`).
///
/// As `#[env(nested = "DATABASE_")]`, it reads `DATABASE_URL`, and
/// `DATABASE_PASSWORD` or `DATABASE_PASSWORD_FILE` (a secret, never shown).
/// The password is optional; when the URL carries one too (in its user
/// info, or `?password=` for PostgreSQL), which one is meant is ambiguous,
/// and the load fails with a problem naming both variables. It dereferences
/// to the handle.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, ExposeSecret};
/// use twelve_config::resource::{PostgresUrl, Resource, WithPassword};
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     #[env(nested = "DATABASE_")]
///     database: WithPassword<PostgresUrl>,
/// }
///
/// let config = Config::from_vars([
///     ("DATABASE_URL", "postgres://app@db.internal/billing"),
///     ("DATABASE_PASSWORD", "p@ss w/rd"),
/// ])
/// .unwrap();
/// assert_eq!(config.database.password().unwrap().expose_secret(), "p@ss w/rd");
/// assert_eq!(config.database.to_string(), "postgres://app:***@db.internal/billing");
///
/// let error = Config::from_vars([
///     ("DATABASE_URL", "postgres://app:hunter2@db.internal/billing"),
///     ("DATABASE_PASSWORD", "s3cond"),
/// ])
/// .unwrap_err();
/// let report = error.to_string();
/// assert!(report.contains("DATABASE_URL") && report.contains("DATABASE_PASSWORD"));
/// assert!(!report.contains("hunter2") && !report.contains("s3cond"));
/// ```
#[derive(Clone, Debug)]
pub struct WithPassword<H> {
    handle: H,
}

impl<H> WithPassword<H> {
    /// The handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    /// use twelve_config::resource::{RedisUrl, WithPassword};
    ///
    /// let cache = WithPassword::<RedisUrl>::from_vars([("URL", "redis://cache")]).unwrap();
    /// let url: RedisUrl = cache.into_inner();
    /// assert_eq!(url.to_string(), "redis://cache");
    /// ```
    pub fn into_inner(self) -> H {
        self.handle
    }
}

impl<H> Deref for WithPassword<H> {
    type Target = H;

    fn deref(&self) -> &H {
        &self.handle
    }
}

impl<H: crate::SafeDebug> crate::SafeDebug for WithPassword<H> {}

/// `vars` with `RawUrl` named as the handle it is.
fn vars_as<H>(scope: &Scope<'_>, out: &mut Vec<Var>, list: fn(&Scope<'_>, &mut Vec<Var>)) {
    let start = out.len();
    list(scope, out);
    for var in &mut out[start..] {
        var.type_name = var.type_name.replace("RawUrl", &crate::value::short_type_name::<H>());
    }
}

impl<H: Resource> EnvConfig for WithPassword<H> {
    fn __load(loader: &mut Loader<'_>, scope: &Scope<'_>) -> Option<Self> {
        let mark = loader.problem_count();
        let vars = UrlVars::__load(loader, scope);
        loader.retype_since(mark, "RawUrl", &crate::value::short_type_name::<H>());
        let UrlVars { url, password } = vars?;
        let url_var = scope.name("URL", "URL").into_owned();
        let field = scope.field("url").into_owned();
        let handle = match url.0.expose_secret().parse::<H>() {
            Ok(handle) => handle,
            Err(error) => {
                let text = url.0.expose_secret();
                loader.assembled_invalid(
                    url_var,
                    field,
                    &crate::value::short_type_name::<H>(),
                    &error.to_string(),
                    Some(text),
                );
                return None;
            }
        };
        let Some(password) = password else { return Some(Self { handle }) };
        let password_var = scope.name("PASSWORD", "PASSWORD").into_owned();
        if handle.password().is_some() {
            let message = format!(
                "{url_var} carries a password (or a token) and {password_var} gives one too: which is meant is \
                 ambiguous, so remove it from the URL or unset {password_var}"
            );
            let config = if scope.path().is_empty() {
                crate::value::short_type_name::<Self>().to_owned()
            } else {
                scope.path().to_owned()
            };
            loader.group_rule_failed(vec![url_var, password_var], config, &message);
            return None;
        }
        match with_password::<H>(url.0.expose_secret(), &password) {
            Ok(handle) => Some(Self { handle }),
            Err(error) => {
                loader.assembled_invalid(
                    password_var,
                    scope.field("password").into_owned(),
                    "SecretString",
                    &error,
                    None,
                );
                None
            }
        }
    }

    fn __vars(scope: &Scope<'_>, out: &mut Vec<Var>) {
        vars_as::<H>(scope, out, UrlVars::__vars);
    }

    fn __names() -> &'static [crate::__private::Name] {
        UrlVars::__names()
    }
}

/// `url` with `password` put into the user info of each of its servers,
/// parsed as `H`.
fn with_password<H: Resource>(url: &str, password: &SecretString) -> Result<H, String> {
    let mut text = Zeroizing::new(String::with_capacity(url.len() + password.expose_secret().len() * 3 + 1));
    for (index, entry) in server_entries(url).into_iter().enumerate() {
        if index > 0 {
            text.push(',');
        }
        let Some((scheme, rest)) = entry.split_once("://") else {
            return Err("the URL has no scheme://, so no user info to put the password in".to_owned());
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        text.push_str(scheme);
        text.push_str("://");
        match rest[..authority_end].rfind('@') {
            Some(at) => {
                text.push_str(&rest[..at]);
                text.push(':');
                encode_into(&mut text, password.expose_secret());
                text.push_str(&rest[at..]);
            }
            None if index == 0 => {
                text.push(':');
                encode_into(&mut text, password.expose_secret());
                text.push('@');
                text.push_str(rest);
            }
            None => text.push_str(rest),
        }
    }
    match text.parse::<H>() {
        Ok(handle) => Ok(handle),
        // A URL with no user info: a secret alone is a token where the kind
        // reads one (`nats://TOKEN@host`).
        Err(error) if error.part() == UrlPart::UserInfo && !url.contains('@') => {
            let Some((scheme, rest)) = url.split_once("://") else { return Err(error.to_string()) };
            let mut token = Zeroizing::new(String::with_capacity(text.len()));
            token.push_str(scheme);
            token.push_str("://");
            encode_into(&mut token, password.expose_secret());
            token.push('@');
            token.push_str(rest);
            match token.parse::<H>() {
                Ok(handle) if handle.password().is_some_and(|p| p.expose_secret() == password.expose_secret()) => {
                    Ok(handle)
                }
                _ => Err(format!("the URL with this password is not valid: {error}")),
            }
        }
        Err(error) => Err(format!("the URL with this password is not valid: {error}")),
    }
}

/// `{prefix}HOST`, `PORT`, `USER`, `PASSWORD`, `DATABASE`.
#[derive(crate::EnvConfig, Debug)]
struct PartsVars {
    host: String,
    port: Option<u16>,
    user: Option<String>,
    #[env(file)]
    password: Option<SecretString>,
    database: Option<String>,
}

/// A handle assembled from separate variables, as platforms and charts
/// hand them out (Bitnami's `REDIS_HOST`, `REDIS_PASSWORD`, ...).
///
/// As `#[env(nested = "REDIS_")]`, it reads `REDIS_HOST` (required),
/// `REDIS_PORT`, `REDIS_USER`, `REDIS_PASSWORD` or `REDIS_PASSWORD_FILE`
/// (a secret), and `REDIS_DATABASE` (the database name, number or vhost),
/// encodes each into a URL of the kind's scheme ([`Assemble::SCHEME`]) and
/// parses it by the kind's rules, so a value the handle refuses is a
/// problem of the variable it came from. It dereferences to the handle. For
/// PostgreSQL's own variables, see [`PgEnv`].
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, ExposeSecret};
/// use twelve_config::resource::{FromParts, RedisUrl, Resource};
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     #[env(nested = "REDIS_")]
///     cache: FromParts<RedisUrl>,
/// }
///
/// let config = Config::from_vars([
///     ("REDIS_HOST", "cache.internal"),
///     ("REDIS_PASSWORD", "s3cr:t"),
///     ("REDIS_DATABASE", "2"),
/// ])
/// .unwrap();
/// assert_eq!(config.cache.to_string(), "redis://:***@cache.internal/2");
/// assert_eq!((config.cache.db(), config.cache.password().unwrap().expose_secret()), (2, "s3cr:t"));
///
/// let error = Config::from_vars([("REDIS_HOST", "cache"), ("REDIS_DATABASE", "two")]).unwrap_err();
/// assert_eq!(error.problems()[0].var(), "REDIS_DATABASE");
/// ```
#[derive(Clone, Debug)]
pub struct FromParts<H> {
    handle: H,
}

impl<H> FromParts<H> {
    /// The handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    /// use twelve_config::resource::{FromParts, NatsUrl};
    ///
    /// let nats = FromParts::<NatsUrl>::from_vars([("HOST", "n1"), ("PORT", "4223")]).unwrap();
    /// assert_eq!(nats.into_inner().servers(), ["nats://n1:4223"]);
    /// ```
    pub fn into_inner(self) -> H {
        self.handle
    }
}

impl<H> Deref for FromParts<H> {
    type Target = H;

    fn deref(&self) -> &H {
        &self.handle
    }
}

impl<H: crate::SafeDebug> crate::SafeDebug for FromParts<H> {}

impl<H: Assemble> EnvConfig for FromParts<H> {
    fn __load(loader: &mut Loader<'_>, scope: &Scope<'_>) -> Option<Self> {
        let PartsVars { host, port, user, password, database } = PartsVars::__load(loader, scope)?;
        let mut parts = UrlParts::new(H::SCHEME).host(host);
        if let Some(port) = port {
            parts = parts.port(port);
        }
        if let Some(user) = user {
            parts = parts.user(user);
        }
        if let Some(password) = password {
            parts = parts.password(password);
        }
        if let Some(database) = &database {
            parts = parts.database(database.clone());
        }
        match parts.build::<H>() {
            Ok(handle) => Some(Self { handle }),
            Err(error) => {
                let (name, field, value) = match error.part() {
                    UrlPart::Port => ("PORT", "port", port.map(|port| port.to_string())),
                    UrlPart::UserInfo => ("USER", "user", parts.user.clone()),
                    UrlPart::Path => ("DATABASE", "database", database),
                    _ => ("HOST", "host", parts.hosts.first().map(|(host, _)| host.clone())),
                };
                let var = scope.name(name, name).into_owned();
                let reason = format!("not valid in a {} URL: {error}", crate::value::short_type_name::<H>());
                loader.assembled_invalid(
                    var,
                    scope.field(field).into_owned(),
                    &crate::value::short_type_name::<H>(),
                    &reason,
                    value.as_deref(),
                );
                None
            }
        }
    }

    fn __vars(scope: &Scope<'_>, out: &mut Vec<Var>) {
        PartsVars::__vars(scope, out);
    }

    fn __names() -> &'static [crate::__private::Name] {
        PartsVars::__names()
    }
}

/// libpq's environment variables: fixed names, which no prefix joins
/// (libpq's `PG` is not followed by `_`, as a derived prefix must be).
#[derive(crate::EnvConfig, Debug)]
struct PgVars {
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

/// libpq's names are fixed: a parent's prefix does not apply to them.
fn pg_scope<'a>(scope: &Scope<'a>) -> Scope<'a> {
    Scope::nested("PG", scope.path(), scope.file_secrets())
}

impl EnvConfig for PgEnv {
    fn __load(loader: &mut Loader<'_>, scope: &Scope<'_>) -> Option<Self> {
        let scope = &pg_scope(scope);
        let vars = PgVars::__load(loader, scope)?;
        let name = |index: usize| scope.name(PG_VARS[index].0, PG_VARS[index].1).into_owned();
        let mut parts = UrlParts::new("postgres");
        let hosts: Vec<&str> = vars.host.as_deref().map(|h| h.split(',').collect()).unwrap_or_default();
        let ports: Vec<&str> = vars.port.as_deref().map(|p| p.split(',').collect()).unwrap_or_default();
        if ports.len() > 1 && ports.len() != hosts.len() {
            let message = format!(
                "{} gives {} ports for {} hosts in {}: give one port, or one per host",
                name(2),
                ports.len(),
                hosts.len(),
                name(0)
            );
            loader.group_rule_failed(vec![name(0), name(2)], "PgEnv".to_owned(), &message);
            return None;
        }
        let mut port_numbers = Vec::with_capacity(ports.len());
        for port in &ports {
            match port.trim().parse::<u16>() {
                Ok(number) if number > 0 => port_numbers.push(number),
                _ => {
                    let reason = "not a port: a number from 1 to 65535, or a comma-separated list of them";
                    loader.assembled_invalid(
                        name(2),
                        scope.field("port").into_owned(),
                        "String",
                        reason,
                        vars.port.as_deref(),
                    );
                    return None;
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
        for (key, value) in PG_PARAMS.iter().zip(values) {
            if let Some(value) = value {
                parts = parts.param(*key, value.clone());
            }
        }
        match parts.build::<PostgresUrl>() {
            Ok(url) => Some(Self { url }),
            Err(error) => {
                let message = error.to_string();
                // The variable the error is about: the query key it names, or the part.
                let by_key = PG_PARAMS.iter().position(|key| message.contains(&format!("{key}=")));
                let index = match (by_key, error.part()) {
                    // `hostaddr` is second in PG_VARS, the others follow `PGDATABASE`.
                    (Some(0), _) => 1,
                    (Some(index), _) => 5 + index,
                    (None, UrlPart::Port) => 2,
                    (None, UrlPart::UserInfo) => 3,
                    (None, UrlPart::Path) => 5,
                    (None, _) => 0,
                };
                let (suffix, full, field) = PG_VARS[index];
                let var = scope.name(suffix, full).into_owned();
                loader.assembled_invalid(var, scope.field(field).into_owned(), "PostgresUrl", &message, None);
                None
            }
        }
    }

    fn __vars(scope: &Scope<'_>, out: &mut Vec<Var>) {
        PgVars::__vars(&pg_scope(scope), out);
    }

    fn __prefix() -> &'static str {
        "PG"
    }
}

#[cfg(test)]
mod tests {
    use super::RawUrl;
    use crate::EnvValue;

    #[test]
    fn a_raw_url_shows_neither_its_password_nor_a_raw_hazard_in_debug() {
        let url = RawUrl::parse_env("postgres://u:s3cret@h/d\u{202e}b").unwrap();
        let shown = format!("{url:?}");
        assert_eq!(shown, "postgres://u:***@h/d\\u{202e}b");
    }
}
