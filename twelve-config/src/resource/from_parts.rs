//! `FromParts<H>`: a handle assembled from separate host, port, user,
//! password and database variables.

use std::ops::Deref;

use secrecy::SecretString;

use super::parse::UrlPart;
use super::{Assemble, UrlParts};
use crate::__private::{Loader, Scope};
use crate::{EnvConfig, Var};

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
/// PostgreSQL's own variables, see [`PgEnv`](super::PgEnv).
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
