//! `WithPassword<H>`: a handle from a URL without a password plus a
//! password variable of its own.

use std::fmt;
use std::ops::Deref;

use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

use super::Resource;
use super::encode_into;
use super::parse::{UrlPart, server_entries};
use crate::{AssembleError, RuleError};

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
#[doc(hidden)]
#[derive(crate::EnvConfig, Debug)]
pub struct UrlVars {
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

impl<H: Resource> crate::Assembled for WithPassword<H> {
    type Parts = UrlVars;
    fn __trusted_messages(_: crate::assembled::sealed::Crate) -> bool {
        true
    }

    fn assemble(UrlVars { url, password }: UrlVars) -> Result<Self, AssembleError> {
        let type_name = || crate::value::short_type_name::<H>();
        let handle = url.0.expose_secret().parse::<H>().map_err(|error| AssembleError::Invalid {
            field: "url",
            type_name: type_name(),
            reason: error.to_string(),
        })?;
        let Some(password) = password else { return Ok(Self { handle }) };
        if handle.password().is_some() {
            let message = "the URL carries a password (or a token) and the password variable gives one too: which is \
                           meant is ambiguous, so remove it from the URL or unset the password variable";
            return Err(AssembleError::Rule(RuleError::new(message).fields(["url", "password"])));
        }
        with_password::<H>(url.0.expose_secret(), &password).map(|handle| Self { handle }).map_err(|reason| {
            AssembleError::Invalid { field: "password", type_name: "SecretString".to_owned(), reason }
        })
    }

    /// The URL is read as text, and reported as the handle it makes.
    fn part_type_name(field: &str) -> Option<String> {
        (field == "url").then(crate::value::short_type_name::<H>)
    }
}

crate::assembled_config!(<H: Resource> WithPassword<H>);

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
