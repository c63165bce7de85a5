//! PostgreSQL, by libpq's rules for connection URIs.

use super::parse::{self, ParseError, Parts, Rules, Text, UrlPart};
use super::{HostPort, check_choice, check_number, handle};

pub(crate) const RULES: Rules = Rules {
    repeated_keys: parse::RepeatedKeys::Accepted,
    schemes: &["postgres", "postgresql"],
    default_port: |_| Some(PostgresUrl::DEFAULT_PORT),
    multi_host: true,
    host_optional: true,
    at_in_path_is_error: true,
    scheme_case_sensitive: true,
    host_escapes: super::parse::HostEscapes::SocketPath(
        "a host name holds a percent-escape, which libpq decodes and URL-based drivers (sqlx) do not: write it \
         plainly (only a socket directory is written encoded)",
    ),
    ..Rules::DEFAULT
};

/// The `sslmode` values libpq accepts.
const SSL_MODES: &[&str] = &["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];
/// The `target_session_attrs` values libpq accepts.
const SESSION_ATTRS: &[&str] = &["any", "read-write", "read-only", "primary", "standby", "prefer-standby"];

/// A PostgreSQL connection URL, read as [libpq] reads it.
///
/// - `postgres://` or `postgresql://`; the port defaults to 5432.
/// - Several hosts, tried in order: `postgresql://h1:5432,h2:5433/db`.
/// - A unix socket directory as the host, percent-encoded
///   (`postgresql://%2Fvar%2Frun%2Fpostgresql/db`) or as `?host=/dir`; no
///   host at all means libpq's default socket.
/// - Query parameters override the URL's parts as in libpq: `host`, `port`
///   (one, or one per host), `user`, `password`, `dbname`.
/// - `sslmode` must be one of `disable`, `allow`, `prefer`, `require`,
///   `verify-ca`, `verify-full`; `target_session_attrs` one of `any`,
///   `read-write`, `read-only`, `primary`, `standby`, `prefer-standby`.
///
/// [libpq]: https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{PostgresUrl, Resource};
///
/// let url: PostgresUrl = "postgresql://app:s3cret@h1,h2:5433/billing?sslmode=verify-full".parse().unwrap();
/// assert_eq!(url.hosts().len(), 2);
/// assert_eq!(url.port(), Some(5432));
/// assert_eq!(url.database(), Some("billing"));
/// assert_eq!(url.sslmode(), Some("verify-full"));
/// assert_eq!(url.to_string(), "postgresql://app:***@h1,h2:5433/billing?sslmode=verify-full");
///
/// let error = "postgres://db/app?sslmode=on".parse::<PostgresUrl>().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "sslmode=\"on\" is not one of disable, allow, prefer, require, verify-ca or verify-full"
/// );
/// ```
#[derive(Clone)]
pub struct PostgresUrl {
    parts: Box<Parts>,
    database: Option<Text>,
    /// With `?hostaddr=`, the host names the addresses stand for: libpq
    /// connects to the addresses (the handle's hosts) and checks TLS and
    /// the password file against the names.
    names: Option<Box<[HostPort]>>,
}

impl PostgresUrl {
    /// The port PostgreSQL listens on unless told otherwise.
    pub const DEFAULT_PORT: u16 = 5432;

    fn parse(text: &str) -> Result<Self, ParseError> {
        if let Some(error) = keyword_string(text) {
            return Err(error);
        }
        let mut parts = parse::parse(text, &RULES, "PostgresUrl")?;
        let raw_query = parts.raw_query();
        reject_extra_equals(raw_query)?;
        // One pass over the pairs: every key known (else the first unknown
        // one is the error), whether any overrides a part of the URL, and
        // whether every value libpq checks is valid.
        let QueryScan { overrides, valid } = scan_query(&parts)?;
        // A URL whose query overrides none of its parts, the common case,
        // skips every lookup of them.
        if overrides {
            for key in ["host", "port", "hostaddr"] {
                if parts.query_values(key).count() > 1 {
                    return Err(ParseError::new(
                        UrlPart::Query,
                        format!(
                            "?{key}= is given twice: libpq uses the last, tokio-postgres adds both, sqlx mixes them; \
                             give one (a comma-separated list for several)"
                        ),
                    ));
                }
            }
        }
        // libpq reads a raw '+' in a query value as a plus, sqlx (a form
        // decoder) as a space: the two drivers would connect differently.
        if raw_query.is_some_and(|query| query.as_bytes().contains(&b'+')) {
            return Err(ParseError::new(
                UrlPart::Query,
                "a raw '+' in the query is a plus to libpq and a space to sqlx: write %2B for a plus, %20 for a space",
            ));
        }
        // One pass tells whether every checked value is valid; only a URL
        // that holds a bad one takes the checks one key at a time, which
        // find the same first problem as before.
        if !valid {
            for (key, allowed) in CHOICES {
                check_choice(&parts, key, allowed)?;
            }
            for key in NUMBERS {
                check_number::<i64>(&parts, key, "a whole number (libpq reads it as an integer)")?;
            }
        }
        let names = if overrides {
            apply_overrides(&mut parts)?;
            route_to_addresses(&mut parts)?
        } else {
            None
        };
        // libpq would read `/a/b:5432,h2/db` as one database name; it is a
        // misplaced host list far more often than a name holding '/'.
        if parts.path().strip_prefix('/').is_some_and(|name| name.as_bytes().contains(&b'/')) {
            return Err(ParseError::new(
                UrlPart::Path,
                "the database name holds a '/': write it as %2F (a unix socket host is percent-encoded too: \
                 %2Fvar%2Frun%2Fpostgresql)",
            ));
        }
        let dbname = if overrides { parts.query_text("dbname") } else { None };
        let database = match dbname {
            Some(name) => Some(name.clone()).filter(|name| !name.get(text).is_empty()),
            None => {
                let name = parts.path_segment("database name")?;
                reject_dot_segment(name.as_ref().map(|name| name.get(text)))?;
                name
            }
        };
        Ok(Self { parts: parts.keep(), database, names })
    }

    /// The host names a conversion gives the driver: with `?hostaddr=`,
    /// the names the addresses stand for (TLS checks them), else the
    /// hosts.
    #[cfg_attr(not(feature = "tokio-postgres"), allow(dead_code))]
    pub(crate) fn host_names(&self) -> &[HostPort] {
        match &self.names {
            Some(names) if !names.is_empty() => names,
            _ => &self.parts.hosts,
        }
    }

    /// The database name: `?dbname=`, or the path, percent-decoded.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::PostgresUrl;
    ///
    /// let url: PostgresUrl = "postgres://db/my%20db".parse().unwrap();
    /// assert_eq!(url.database(), Some("my db"));
    /// assert_eq!("postgres://db".parse::<PostgresUrl>().unwrap().database(), None);
    /// ```
    pub fn database(&self) -> Option<&str> {
        self.database.as_ref().map(|name| self.parts.text(name))
    }

    /// The `sslmode` query parameter, checked against libpq's values.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::PostgresUrl;
    ///
    /// let url: PostgresUrl = "postgres://db/app?sslmode=require".parse().unwrap();
    /// assert_eq!(url.sslmode(), Some("require"));
    /// ```
    pub fn sslmode(&self) -> Option<&str> {
        self.parts.query_value("sslmode")
    }
}

mod hosts;
mod keywords;
mod options;

use hosts::*;
pub(crate) use keywords::keyword_string;
use options::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExposeSecret;

    /// The one-pass check agrees with the checks one key at a time: every
    /// value it passes, they pass, and every value they refuse, it refuses.
    #[test]
    fn the_one_pass_check_agrees_with_the_key_by_key_checks() {
        let values =
            ["require", "Require", "", "5", "-5", "5.0", "x", "read-write", "random", "direct", "9999999999999999999"];
        let keys = CHOICES.iter().map(|(key, _)| *key).chain(NUMBERS).chain(["application_name", "dbname"]);
        for key in keys {
            for value in values {
                let url = format!("postgres://db/app?{key}={value}");
                let parts = parse::parse(&url, &RULES, "PostgresUrl").unwrap();
                let one_at_a_time = CHOICES.iter().all(|(key, allowed)| check_choice(&parts, key, allowed).is_ok())
                    && NUMBERS.iter().all(|key| check_number::<i64>(&parts, key, "").is_ok());
                assert_eq!(scan_query(&parts).unwrap().valid, one_at_a_time, "{url}");
            }
        }
    }

    #[test]
    fn key_kinds_are_the_lists() {
        for key in KEYS {
            let expected = match CHOICES.iter().find(|(choice, _)| choice == key) {
                Some((_, allowed)) => KeyKind::Choice(allowed),
                None if NUMBERS.contains(key) => KeyKind::Number,
                None if OVERRIDES.contains(key) => KeyKind::Override,
                None => KeyKind::Other,
            };
            assert_eq!(key_kind(key), Some(expected), "{key}");
        }
        for key in CHOICES.iter().map(|(key, _)| *key).chain(NUMBERS).chain(OVERRIDES) {
            assert!(KEYS.contains(&key), "{key}");
        }
        for key in ["Host", "sslmodes", "ssl_mode", "", "dbname ", "keepalive"] {
            assert_eq!(key_kind(key), None, "{key}");
        }
    }

    #[test]
    fn query_parameters_override_as_in_libpq() {
        let url: PostgresUrl = "postgresql:///mydb?host=localhost&port=5433".parse().unwrap();
        assert_eq!((url.host(), url.port()), (Some("localhost"), Some(5433)));
        let url: PostgresUrl = "postgresql:///db?host=h1,h2&port=1,2&user=u&password=p%20w".parse().unwrap();
        let hosts: Vec<_> = url.hosts().iter().map(|h| (h.host(), h.port())).collect();
        assert_eq!(hosts, [("h1", Some(1)), ("h2", Some(2))]);
        assert_eq!(url.username(), Some("u"));
        assert_eq!(url.password().unwrap().expose_secret(), "p w");
        assert!(url.query_pairs().all(|(key, _)| key != "password"));
        let error = "postgresql:///db?host=h1,h2,h3&port=1,2".parse::<PostgresUrl>().unwrap_err();
        assert_eq!(error.to_string(), "?port= gives 2 ports for 3 hosts: give one, or one per host");
    }

    #[test]
    fn a_keyword_string_is_answered_with_the_url_to_write() {
        let error = "host=db user=orders password=hunter2 dbname=orders".parse::<PostgresUrl>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "this is a libpq keyword string, which PostgresUrl does not read: write it as a URL, \
             postgres://orders:PASSWORD@db/orders (the password percent-encoded in place of PASSWORD, or given \
             apart: PGPASSWORD, or a password variable)"
        );
        let error = "host=/run/pg port=6432 dbname=app sslmode=require".parse::<PostgresUrl>().unwrap_err();
        assert!(error.to_string().ends_with("postgres://%2Frun%2Fpg:6432/app?sslmode=require"), "{error}");
        let error = "host=db user=app password=se:cret".parse::<super::super::DatabaseUrl>().unwrap_err();
        assert!(
            error.to_string().contains("postgres://app:PASSWORD@db") && !error.to_string().contains("cret"),
            "{error}"
        );
        assert!(keyword_string("postgres://db/app?sslmode=require").is_none());
    }

    #[test]
    fn no_host_means_the_default_socket_with_the_default_port() {
        let url: PostgresUrl = "postgresql://".parse().unwrap();
        assert!(url.hosts().is_empty());
        assert_eq!((url.host(), url.port(), url.database()), (None, Some(5432), None));
    }
}
