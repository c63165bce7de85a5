//! The query options libpq reads: which, their values, and the keys that override a part of the URL.

use super::*;
use crate::resource::parse::{ParseError, Parsing, UrlPart};

/// The parameters whose value is one of a few words, in the order they are
/// checked.
pub(crate) const CHOICES: [(&str, &[&str]); 8] = [
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
pub(crate) const NUMBERS: [&str; 6] =
    ["connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout"];

/// libpq's connection parameters (PostgreSQL 17,
/// <https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS>),
/// and the spellings sqlx adds (`ssl-mode`, `ssl-root-cert`, ...).
pub(crate) const KEYS: &[&str] = &[
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
pub(crate) struct QueryScan {
    /// A key of [`OVERRIDES`] is given.
    pub(crate) overrides: bool,
    /// Every value of [`CHOICES`] and [`NUMBERS`] is valid.
    pub(crate) valid: bool,
}

/// What a known key's value is, for [`scan_query`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum KeyKind {
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
pub(crate) fn key_kind(key: &str) -> Option<KeyKind> {
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
pub(crate) fn scan_query(parts: &Parsing<'_>) -> Result<QueryScan, ParseError> {
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
pub(crate) fn unknown_key(key: &str) -> ParseError {
    let message = match KEYS.iter().find(|known| known.eq_ignore_ascii_case(key)) {
        Some(known) => format!("query parameter {key:?}: libpq's keys are case-sensitive, write {known:?}"),
        None => match crate::suggest::closest(key, KEYS).map(|index| KEYS[index]) {
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
pub(crate) fn reject_extra_equals(query: Option<&str>) -> Result<(), ParseError> {
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
pub(crate) const OVERRIDES: [&str; 6] = ["host", "port", "hostaddr", "user", "password", "dbname"];
