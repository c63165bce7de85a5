//! PostgreSQL, by libpq's rules for connection URIs.

use super::parse::{self, ParseError, Parsing, Parts, Rules, Text, UrlPart};
use super::{HostPort, check_choice, check_number, handle};

pub(crate) const RULES: Rules = Rules {
    repeated_keys: parse::RepeatedKeys::Accepted,
    schemes: &["postgres", "postgresql"],
    default_port: |_| Some(PostgresUrl::DEFAULT_PORT),
    multi_host: true,
    host_optional: true,
    plus_is_space: false,
    at_in_path_is_error: true,
    keeps_empty_username: false,
    query_keys_ignore_case: false,
    scheme_case_sensitive: true,
    host_escapes: super::parse::HostEscapes::SocketPath(
        "a host name holds a percent-escape, which libpq decodes and URL-based drivers (sqlx) do not: write it \
         plainly (only a socket directory is written encoded)",
    ),
    query_flags: false,
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

/// The parameters whose value is one of a few words, in the order they are
/// checked.
const CHOICES: [(&str, &[&str]); 8] = [
    ("sslmode", SSL_MODES),
    ("ssl-mode", SSL_MODES),
    ("target_session_attrs", SESSION_ATTRS),
    ("load_balance_hosts", &["disable", "random"]),
    ("channel_binding", &["disable", "prefer", "require"]),
    ("sslnegotiation", &["postgres", "direct"]),
    ("gssencmode", &["disable", "prefer", "require"]),
    ("sslcertmode", &["disable", "allow", "require"]),
];

/// The parameters libpq reads as an integer.
const NUMBERS: [&str; 6] =
    ["connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout"];

/// libpq's connection parameters (PostgreSQL 17,
/// <https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS>),
/// and the spellings sqlx adds (`ssl-mode`, `ssl-root-cert`, ...).
const KEYS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "require_auth",
    "channel_binding",
    "connect_timeout",
    "client_encoding",
    "options",
    "application_name",
    "fallback_application_name",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
    "replication",
    "gssencmode",
    "sslmode",
    "requiressl",
    "sslnegotiation",
    "sslcompression",
    "sslcert",
    "sslkey",
    "sslpassword",
    "sslcertmode",
    "sslrootcert",
    "sslcrl",
    "sslcrldir",
    "sslsni",
    "requirepeer",
    "ssl_min_protocol_version",
    "ssl_max_protocol_version",
    "krbsrvname",
    "gsslib",
    "gssdelegation",
    "service",
    "target_session_attrs",
    "load_balance_hosts",
    // sqlx's own spellings.
    "ssl-mode",
    "ssl-root-cert",
    "ssl-ca",
    "ssl-cert",
    "ssl-key",
    "statement-cache-capacity",
];

/// What [`scan_query`] found.
struct QueryScan {
    /// A key of [`OVERRIDES`] is given.
    overrides: bool,
    /// Every value of [`CHOICES`] and [`NUMBERS`] is valid.
    valid: bool,
}

/// What a known key's value is, for [`scan_query`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum KeyKind {
    /// One of [`OVERRIDES`].
    Override,
    /// One of [`CHOICES`], with its words.
    Choice(&'static [&'static str]),
    /// One of [`NUMBERS`].
    Number,
    /// Any other of [`KEYS`].
    Other,
}

/// The kind of `key`, `None` when libpq does not know it: one match, which
/// the compiler sorts by length, in place of a search of each list.
fn key_kind(key: &str) -> Option<KeyKind> {
    Some(match key {
        "host" | "port" | "hostaddr" | "user" | "password" | "dbname" => KeyKind::Override,
        // The words come from CHOICES itself, so the two cannot differ.
        "sslmode"
        | "ssl-mode"
        | "target_session_attrs"
        | "load_balance_hosts"
        | "channel_binding"
        | "sslnegotiation"
        | "gssencmode"
        | "sslcertmode" => {
            return CHOICES.iter().find(|(choice, _)| *choice == key).map(|(_, allowed)| KeyKind::Choice(allowed));
        }
        "connect_timeout"
        | "keepalives"
        | "keepalives_idle"
        | "keepalives_interval"
        | "keepalives_count"
        | "tcp_user_timeout" => KeyKind::Number,
        _ if KEYS.contains(&key) => KeyKind::Other,
        _ => return None,
    })
}

/// Every query key is one libpq (or sqlx) reads, spelt as it reads it:
/// keys are case-sensitive, and libpq refuses any other
/// ("invalid URI query parameter"). Also tells whether a key overrides a
/// part of the URL and whether every checked value is valid.
fn scan_query(parts: &Parsing<'_>) -> Result<QueryScan, ParseError> {
    let mut scan = QueryScan { overrides: false, valid: true };
    for (key, value) in parts.query() {
        match key_kind(key) {
            Some(KeyKind::Override) => scan.overrides = true,
            Some(KeyKind::Choice(allowed)) => scan.valid &= allowed.contains(&value),
            Some(KeyKind::Number) => scan.valid &= value.parse::<i64>().is_ok(),
            Some(KeyKind::Other) => {}
            None => return Err(unknown_key(key)),
        }
    }
    Ok(scan)
}

/// Why `key` is not a libpq key.
fn unknown_key(key: &str) -> ParseError {
    let message = match KEYS.iter().find(|known| known.eq_ignore_ascii_case(key)) {
        Some(known) => format!("query parameter {key:?}: libpq's keys are case-sensitive, write {known:?}"),
        None => match crate::suggest::closest(key, KEYS.iter().map(|known| (*known, *known))) {
            Some(known) => format!("{key:?} is not a libpq connection parameter: did you mean {known:?}?"),
            None => format!("{key:?} is not a libpq connection parameter (libpq refuses the URL)"),
        },
    };
    ParseError::new(UrlPart::Query, message)
}

/// A database named `.` or `..` in the path is a path step to URL parsers:
/// sqlx drops it (the url crate resolves dot segments, `%2e%2e` too), libpq
/// connects to it.
pub(crate) fn reject_dot_segment(name: Option<&str>) -> Result<(), ParseError> {
    match name {
        Some(name @ ("." | "..")) => Err(ParseError::new(
            UrlPart::Path,
            format!("a database named {name:?} is a path step to URL parsers, which drop it: name it with ?dbname="),
        )),
        _ => Ok(()),
    }
}

/// libpq refuses a second '=' in a query parameter (`?key=a=b`).
fn reject_extra_equals(query: Option<&str>) -> Result<(), ParseError> {
    let Some(query) = query else { return Ok(()) };
    if query.bytes().filter(|byte| *byte == b'=').count() <= 1 {
        return Ok(());
    }
    match query.split('&').find(|pair| pair.matches('=').count() > 1) {
        Some(pair) => {
            let key = pair.split('=').next().unwrap_or_default();
            Err(ParseError::new(
                UrlPart::Query,
                format!("query parameter {key:?} holds a second '=': write an '=' in a value as %3D"),
            ))
        }
        None => Ok(()),
    }
}

/// The query keys that override a part of the URL ([`KeyKind::Override`]
/// in [`key_kind`], which a test holds to this list).
#[cfg(test)]
const OVERRIDES: [&str; 6] = ["host", "port", "hostaddr", "user", "password", "dbname"];

/// What a URL's user, host and path may hold unencoded.
const URL_PART: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b':')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'@')
    .add(b'[')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A libpq keyword/value string (`host=db user=app dbname=orders`), which
/// libpq reads but no URL parser does: an error that shows the URL to
/// write, built from its host, port, user, database and `sslmode` (never
/// its password), or `None` when `text` is not one.
pub(crate) fn keyword_string(text: &str) -> Option<ParseError> {
    if text.contains("://") {
        return None;
    }
    let pairs: Vec<(&str, &str)> = text
        .split_whitespace()
        .filter_map(|word| word.split_once('='))
        .map(|(key, value)| (key, value.trim_matches('\'')))
        .collect();
    const KEYWORDS: &[&str] = &["host", "hostaddr", "port", "user", "dbname", "password", "sslmode"];
    if !pairs.iter().any(|(key, _)| KEYWORDS.contains(key)) {
        return None;
    }
    let get = |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| *value);
    let encode = |part: &str| percent_encoding::utf8_percent_encode(part, URL_PART).to_string();
    let mut url = String::from("postgres://");
    let password = get("password").is_some();
    if let Some(user) = get("user") {
        url.push_str(&encode(user));
        if password {
            url.push_str(":PASSWORD");
        }
        url.push('@');
    }
    url.push_str(&encode(get("host").unwrap_or("localhost")));
    if let Some(port) = get("port") {
        url.push(':');
        url.push_str(&encode(port));
    }
    if let Some(database) = get("dbname") {
        url.push('/');
        url.push_str(&encode(database));
    }
    if let Some(mode) = get("sslmode") {
        url.push_str("?sslmode=");
        url.push_str(&encode(mode));
    }
    let password_note = if password {
        " (the password percent-encoded in place of PASSWORD, or given apart: PGPASSWORD, or a password variable)"
    } else {
        ""
    };
    Some(ParseError::new(
        UrlPart::Whole,
        format!(
            "this is a libpq keyword string, which PostgresUrl does not read: write it as a URL, {url}{password_note}"
        ),
    ))
}

/// libpq connects to `?hostaddr=` (one address per host, in order, or
/// addresses alone) and keeps each host name for TLS and the password
/// file: the handle's hosts become the addresses, so `hosts()` says where
/// the driver connects, and the names are returned for the conversions.
fn route_to_addresses(parts: &mut Parsing<'_>) -> Result<Option<Box<[HostPort]>>, ParseError> {
    let Some(addresses) = parts.query_value("hostaddr").map(str::to_owned) else { return Ok(None) };
    let addresses: Vec<&str> = addresses.split(',').collect();
    let names: Box<[HostPort]> = parts.hosts.iter().cloned().collect();
    if names.is_empty() {
        let port = parts.hosts_default_port.or(Some(PostgresUrl::DEFAULT_PORT));
        parts.hosts = addresses
            .iter()
            .map(|address| HostPort { host: (*address).into(), port, explicit_port: false })
            .collect::<Vec<_>>()
            .into();
        return Ok(Some(names));
    }
    if addresses.len() != names.len() {
        return Err(ParseError::new(
            UrlPart::Query,
            format!(
                "?hostaddr= gives {} addresses for {} hosts: libpq pairs them in order, so give one per host",
                addresses.len(),
                names.len()
            ),
        ));
    }
    for (host, address) in parts.hosts.iter_mut().zip(addresses) {
        host.host = address.into();
    }
    Ok(Some(names))
}

/// libpq: `?hostaddr=` must be IP addresses; `?host=`, `?port=`, `?user=`
/// and `?password=` replace the URL's own (`?dbname=` is read with the path).
fn apply_overrides(parts: &mut Parsing<'_>) -> Result<(), ParseError> {
    for addresses in parts.query_values("hostaddr") {
        if let Some(bad) = addresses.split(',').find(|a| a.parse::<std::net::IpAddr>().is_err()) {
            return Err(ParseError::new(
                UrlPart::Query,
                format!("hostaddr={bad:?} is not an IP address: libpq takes a name in ?host="),
            ));
        }
    }
    apply_query_hosts(parts)?;
    parts.user_from_query("user");
    parts.password_from_query("password");
    Ok(())
}

/// libpq: `?host=` (comma-separated) replaces the URL's hosts, and `?port=`
/// gives one port for all hosts or one per host.
fn apply_query_hosts(parts: &mut Parsing<'_>) -> Result<(), ParseError> {
    // libpq lets ?host= and ?port= replace the authority's; tokio-postgres
    // adds them to it (`postgres://db/app?port=6000` is ports 5432 and 6000
    // for one host, which it then refuses) and sqlx mixes the two. A URL
    // that names hosts in both places means something different to each.
    let authority_names_a_host = !parts.hosts.is_empty();
    for key in ["host", "port"] {
        if authority_names_a_host && parts.query_value(key).is_some() {
            return Err(ParseError::new(
                UrlPart::Query,
                format!(
                    "the URL names a host before its path and ?{key}= in its query, which libpq, tokio-postgres and \
                     sqlx combine differently: give hosts and ports in one place (host:port,host:port, or \
                     postgres:///db?host=...&port=...)"
                ),
            ));
        }
    }
    if let Some(hosts) = parts.query_value("host") {
        let hosts = hosts.to_owned();
        // A port in the URL itself (`postgres://:12345?host=/dir`) still applies.
        let url_port = parts
            .hosts
            .first()
            .filter(|host| host.explicit_port)
            .and_then(|host| host.port)
            .or_else(|| parts.hosts_default_port.filter(|port| *port != PostgresUrl::DEFAULT_PORT));
        parts.hosts = hosts
            .split(',')
            .map(|host| {
                if host.is_empty() {
                    return Err(ParseError::new(UrlPart::Query, "an empty host in ?host="));
                }
                // libpq takes an IPv6 address here as written, unbracketed.
                if host.parse::<std::net::Ipv6Addr>().is_err() {
                    parse::check_decoded_host(host, UrlPart::Query)?;
                }
                Ok(HostPort {
                    host: host.into(),
                    port: url_port.or(Some(PostgresUrl::DEFAULT_PORT)),
                    explicit_port: url_port.is_some(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?
            .into();
    }
    if let Some(ports) = parts.query_value("port") {
        let ports: Vec<u16> = ports
            .split(',')
            .map(|port| {
                parse::parse_port(port, "")
                    .map_err(|error| ParseError::new(UrlPart::Query, format!("in ?port=: {error}")))
            })
            .collect::<Result<_, _>>()?;
        match (ports.as_slice(), parts.hosts.len()) {
            ([port], _) => {
                for host in parts.hosts.iter_mut() {
                    host.port = Some(*port);
                    host.explicit_port = true;
                }
                parts.hosts_default_port = Some(*port);
            }
            (ports, hosts) if ports.len() == hosts => {
                for (host, port) in parts.hosts.iter_mut().zip(ports) {
                    host.port = Some(*port);
                    host.explicit_port = true;
                }
            }
            (ports, hosts) => {
                return Err(ParseError::new(
                    UrlPart::Query,
                    format!("?port= gives {} ports for {hosts} hosts: give one, or one per host", ports.len()),
                ));
            }
        }
    }
    Ok(())
}

handle!(PostgresUrl);

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
