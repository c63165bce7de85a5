//! Memcached, as the memcache crate reads its URLs.

use super::handle;
use super::parse::{self, ParseError, Parts, Rules, UrlPart};

const RULES: Rules = Rules {
    schemes: &["memcache", "memcached"],
    default_port: |_| Some(MemcachedUrl::DEFAULT_PORT),
    multi_host: true,
    host_optional: true,
    at_in_path_is_error: true,
    ..Rules::DEFAULT
};

/// A Memcached server URL, as the [memcache crate] reads it:
/// `memcache://host:11211?timeout=1&tcp_nodelay=true`.
///
/// One host or a comma-separated list (`memcache://h1:11211,h2:11212`,
/// as django-environ and pylibmc write a cluster; the memcache crate takes
/// the servers as a list of URLs), or a unix socket
/// (`memcache:///tmp/memcached.sock`, port `None`). The port defaults to
/// 11211; a host URL has no path.
///
/// [memcache crate]: https://docs.rs/memcache
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{MemcachedUrl, Resource};
///
/// let url: MemcachedUrl = "memcache://cache.internal?timeout=2".parse().unwrap();
/// assert_eq!((url.host(), url.port()), (Some("cache.internal"), Some(11211)));
/// assert!("memcache://cache/0".parse::<MemcachedUrl>().is_err());
///
/// let cluster: MemcachedUrl = "memcache://h1:11211,h2:11212".parse().unwrap();
/// assert_eq!(cluster.hosts().len(), 2);
/// let socket: MemcachedUrl = "memcache:///tmp/memcached.sock".parse().unwrap();
/// assert_eq!((socket.host(), socket.port()), (Some("/tmp/memcached.sock"), None));
/// ```
#[derive(Clone)]
pub struct MemcachedUrl {
    parts: Box<Parts>,
}

impl MemcachedUrl {
    /// The port Memcached listens on unless told otherwise.
    pub const DEFAULT_PORT: u16 = 11211;

    fn parse(text: &str) -> Result<Self, ParseError> {
        let mut parts = parse::parse(text, &RULES, "MemcachedUrl")?;
        if parts.hosts.is_empty() {
            // `memcache:///tmp/memcached.sock`: a unix socket, as the memcache
            // crate and pylibmc read it.
            let socket = parse::decode_utf8(parts.path(), false)
                .map_err(|_| ParseError::new(UrlPart::Path, "the socket path is not valid percent-encoding"))?;
            if socket.len() <= 1 || parts.hosts_default_port != Some(Self::DEFAULT_PORT) {
                return Err(ParseError::new(
                    UrlPart::Host,
                    "the host is missing: expected memcache://host:11211, or memcache:///path/to/memcached.sock",
                ));
            }
            parse::check_decoded_host(&socket, UrlPart::Path)?;
            parts.hosts.push(super::HostPort { host: socket.into(), port: None, explicit_port: false });
            parts.path = parse::Text::EMPTY;
        } else if !matches!(parts.path(), "" | "/") {
            return Err(ParseError::new(UrlPart::Path, "a memcache URL has no path: remove what follows the host"));
        }
        super::check_number::<f64>(&parts, "timeout", "a number of seconds")?;
        Ok(Self { parts: parts.keep() })
    }
}

handle!(MemcachedUrl);
