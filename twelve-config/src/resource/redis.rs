//! Redis, by redis-rs and the IANA `redis` scheme.

use std::borrow::Cow;

use super::parse::{self, Hosts, ParseError, Parsing, Parts, Rules, Text, UrlPart};
use super::{HostPort, check_choice, handle};

pub(crate) const TCP_RULES: Rules = Rules {
    schemes: &["redis", "rediss"],
    default_port: |_| Some(RedisUrl::DEFAULT_PORT),
    plus_is_space: true,
    at_in_path_is_error: true,
    ..Rules::DEFAULT
};

const ALL_SCHEMES: Rules = Rules { schemes: &["redis", "rediss", "redis+unix", "unix"], ..TCP_RULES };

/// A Redis connection URL, read as [redis-rs] reads it and as the [IANA
/// `redis` scheme] defines it.
///
/// - `redis://[user][:password@]host[:port][/db]`; `rediss://` is the same
///   over TLS (`rediss://host#insecure` skips certificate checks, as in
///   redis-rs). The port defaults to 6379.
/// - Unix sockets: `redis+unix:///path/to.sock` or `unix:///path/to.sock`
///   (also `unix:/path/to.sock`), with `?db=`, `?user=` and `?pass=`.
/// - The database number is one non-negative integer: the path (`/2`), or
///   `?db=2` on a socket URL (redis-rs reads it nowhere else, so a TCP URL
///   with `?db=` is refused); 0 when absent.
/// - `?protocol=` is `2`, `3`, `resp2` or `resp3`.
/// - In the query, `+` is a space, as redis-rs decodes it.
///
/// [redis-rs]: https://docs.rs/redis/latest/redis/#connection-parameters
/// [IANA `redis` scheme]: https://www.iana.org/assignments/uri-schemes/prov/redis
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{RedisUrl, Resource};
///
/// let url: RedisUrl = "rediss://:s3cret@cache.internal:6380/2".parse().unwrap();
/// assert_eq!((url.host(), url.port(), url.db(), url.is_tls()), (Some("cache.internal"), Some(6380), 2, true));
/// assert_eq!(url.to_string(), "rediss://:***@cache.internal:6380/2");
///
/// let socket: RedisUrl = "redis+unix:///run/redis.sock?db=1".parse().unwrap();
/// assert_eq!((socket.host(), socket.port(), socket.db()), (Some("/run/redis.sock"), None, 1));
///
/// let error = "redis://cache/zero".parse::<RedisUrl>().unwrap_err();
/// assert_eq!(error.to_string(), "the database number \"zero\" is not a non-negative integer");
/// ```
#[derive(Clone)]
pub struct RedisUrl {
    parts: Box<Parts>,
    db: i64,
    insecure: bool,
}

impl RedisUrl {
    /// The port Redis listens on unless told otherwise.
    pub const DEFAULT_PORT: u16 = 6379;

    fn parse(text: &str) -> Result<Self, ParseError> {
        // The common schemes, written in lowercase, go straight to the TCP
        // parser, which checks the scheme itself; only the others need the
        // scheme read first to choose between TCP and a socket.
        let common = if text.starts_with("redis://") {
            Some("redis")
        } else if text.starts_with("rediss://") {
            Some("rediss")
        } else {
            None
        };
        let (scheme, rest) = match common {
            Some(scheme) => (std::borrow::Cow::Borrowed(scheme), ""),
            None => parse::scheme(text, &ALL_SCHEMES, "RedisUrl")?,
        };
        let (mut parts, insecure) = match &*scheme {
            "redis+unix" | "unix" => (parse_socket(text, scheme.clone(), rest)?, false),
            _ => {
                // redis-rs reads `#insecure` on rediss; nothing else follows a '#'.
                let (text, insecure) = match text.strip_suffix("#insecure") {
                    Some(stripped) if scheme == "rediss" && !stripped.contains('#') => (stripped, true),
                    _ => (text, false),
                };
                (parse::parse(text, &TCP_RULES, "RedisUrl")?, insecure)
            }
        };
        // redis-rs reads `redis://user:@host` as no password (no AUTH).
        parts.drop_empty_password();
        if let Some(host) = parts.hosts.iter().find(|host| matches!(host.host.as_bytes(), b"0.0.0.0" | b"::")) {
            return Err(ParseError::new(
                UrlPart::Host,
                format!(
                    "{} is a wildcard address, where a server listens, not one to connect to (redis-rs refuses it)",
                    host.host
                ),
            ));
        }
        check_choice(&parts, "protocol", &["2", "3", "resp2", "resp3"])?;
        let db = database_number(&parts)?;
        if parts.scheme.ends_with("unix") {
            parts.user_from_query("user");
            parts.password_from_query("pass");
        }
        Ok(Self { parts: parts.keep(), db, insecure })
    }

    /// The database number: the path or `?db=`, 0 when absent.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::RedisUrl;
    ///
    /// assert_eq!("redis://cache".parse::<RedisUrl>().unwrap().db(), 0);
    /// assert_eq!("redis://cache/3".parse::<RedisUrl>().unwrap().db(), 3);
    /// assert_eq!("redis+unix:///run/redis.sock?db=4".parse::<RedisUrl>().unwrap().db(), 4);
    /// // redis-rs would ignore it on TCP: refused.
    /// assert!("redis://cache?db=4".parse::<RedisUrl>().is_err());
    /// ```
    pub fn db(&self) -> i64 {
        self.db
    }

    /// Whether the connection uses TLS (`rediss://`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::RedisUrl;
    ///
    /// assert!("rediss://cache".parse::<RedisUrl>().unwrap().is_tls());
    /// assert!(!"redis://cache".parse::<RedisUrl>().unwrap().is_tls());
    /// ```
    pub fn is_tls(&self) -> bool {
        self.parts.scheme == "rediss"
    }

    /// Whether TLS skips certificate checks (`rediss://host#insecure`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::RedisUrl;
    ///
    /// assert!("rediss://cache#insecure".parse::<RedisUrl>().unwrap().is_insecure());
    /// ```
    pub fn is_insecure(&self) -> bool {
        self.insecure
    }

    /// Whether the server is reached through a unix socket.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::RedisUrl;
    ///
    /// assert!("unix:///run/redis.sock".parse::<RedisUrl>().unwrap().is_socket());
    /// ```
    pub fn is_socket(&self) -> bool {
        self.parts.scheme.ends_with("unix")
    }
}

/// `unix:///path`, `unix:/path`, `redis+unix:///path`, with a query.
fn parse_socket<'a>(text: &'a str, scheme: Cow<'static, str>, rest: &str) -> Result<Parsing<'a>, ParseError> {
    parse::reject_fragment(rest)?;
    // redis-py's `unix://[user[:password]@]/path?db=N`: user info, no host.
    let mut userinfo = None;
    let path_and_query = match rest.strip_prefix("//") {
        Some(after) if after.starts_with('/') => after,
        Some(after)
            if after.find('@').is_some_and(|at| after[at + 1..].starts_with('/') && !after[..at].contains('/')) =>
        {
            let at = after.find('@').unwrap_or_default();
            userinfo = Some(&after[..at]);
            &after[at + 1..]
        }
        Some(_) => {
            return Err(ParseError::new(
                UrlPart::Path,
                format!("a socket URL names no host: expected {scheme}:///path/to/redis.sock"),
            ));
        }
        None if rest.starts_with('/') => rest,
        None => {
            return Err(ParseError::new(
                UrlPart::Path,
                format!("expected an absolute socket path: {scheme}:///path/to/redis.sock"),
            ));
        }
    };
    let (path, query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path_and_query, None),
    };
    let socket = parse::decode_utf8(path, false)
        .map_err(|_| ParseError::new(UrlPart::Path, "the socket path is not valid percent-encoding"))?;
    if socket.len() <= 1 {
        return Err(ParseError::new(UrlPart::Path, "the socket path is missing"));
    }
    parse::check_decoded_host(&socket, UrlPart::Path)?;
    let query = match query {
        Some(query) => parse::query_pairs(text, query, true)?,
        None => parse::Query::None,
    };
    parse::check_repeated_keys(text, &query, &[], false)?;
    let (username, password) = match userinfo {
        Some(userinfo) => parse::userinfo_parts(text, userinfo)?,
        None => (None, None),
    };
    Ok(Parts {
        raw: text,
        scheme,
        username: username.filter(|user| !user.get(text).is_empty()),
        password,
        hosts: Hosts::One(HostPort { host: socket.into(), port: None, explicit_port: false }),
        has_authority: false,
        path: Text::EMPTY,
        has_path: false,
        query,
        hosts_default_port: None,
        keys_ignore_case: false,
        escapes: true,
    })
}

fn database_number(parts: &Parsing<'_>) -> Result<i64, ParseError> {
    let path = parts.path();
    let from_path = match path.strip_prefix('/').unwrap_or(path) {
        "" => None,
        segment => Some(parse_db(segment)?),
    };
    // redis-rs reads `?db=` only for a unix socket: on a TCP URL it would
    // connect to database 0 whatever the query says.
    let socket = parts.hosts.first().is_some_and(|host| host.host.is_socket());
    if !socket && parts.query_value("db").is_some() {
        return Err(ParseError::new(
            UrlPart::Query,
            "redis-rs reads ?db= only on a unix socket URL: write the database as the path, redis://host/3",
        ));
    }
    let from_query = parts.query_value("db").map(parse_db).transpose()?;
    match (from_path, from_query) {
        (Some(path), Some(query)) if path != query => Err(ParseError::new(
            UrlPart::Query,
            format!("the database is {path} in the path but {query} in ?db=: give it once"),
        )),
        (path, query) => Ok(path.or(query).unwrap_or(0)),
    }
}

fn parse_db(text: &str) -> Result<i64, ParseError> {
    // Written out only for a report.
    let shown = || text.chars().take(20).collect::<String>();
    if text.contains('/') {
        return Err(ParseError::new(
            UrlPart::Path,
            format!("the path {:?} is not a database number: Redis takes one non-negative integer", shown()),
        ));
    }
    match text.parse::<i64>() {
        Ok(db) if db >= 0 && text.chars().all(|c| c.is_ascii_digit()) => Ok(db),
        _ => Err(ParseError::new(
            UrlPart::Path,
            format!("the database number {:?} is not a non-negative integer", shown()),
        )),
    }
}

handle!(RedisUrl);
