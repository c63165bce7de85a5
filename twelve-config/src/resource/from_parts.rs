//! `FromParts<H>`: a handle assembled from separate host, port, user,
//! password and database variables.

use std::ops::Deref;

use secrecy::SecretString;

use super::parse::UrlPart;
use super::{Assemble, UrlParts};
use crate::AssembleError;

/// `{prefix}HOST`, `PORT`, `USER`, `PASSWORD`, `DATABASE`.
#[doc(hidden)]
#[derive(crate::EnvConfig, Debug)]
pub struct PartsVars {
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

impl<H: Assemble> crate::Assembled for FromParts<H> {
    type Parts = PartsVars;
    fn __trusted_messages(_: crate::assembled::sealed::Crate) -> bool {
        true
    }

    fn assemble(PartsVars { host, port, user, password, database }: PartsVars) -> Result<Self, AssembleError> {
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
        if let Some(database) = database {
            parts = parts.database(database);
        }
        parts.build::<H>().map(|handle| Self { handle }).map_err(|error| {
            let type_name = crate::value::short_type_name::<H>();
            AssembleError::Invalid {
                field: match error.part() {
                    UrlPart::Port => "port",
                    UrlPart::UserInfo => "user",
                    UrlPart::Path => "database",
                    _ => "host",
                },
                reason: format!("not valid in a {type_name} URL: {error}"),
                type_name,
            }
        })
    }
}

crate::assembled_config!(<H: Assemble> FromParts<H>);
