//! Memcached, as the memcache crate reads its URLs.

use super::handle;
use super::parse::{self, ParseError, Parts, Rules, UrlPart};

const RULES: Rules = Rules {
    schemes: &["memcache", "memcached"],
    default_port: |_| Some(MemcachedUrl::DEFAULT_PORT),
    multi_host: false,
    host_optional: false,
    plus_is_space: false,
    at_in_path_is_error: true,
    keeps_empty_username: false,
    query_keys_ignore_case: false,
    scheme_case_sensitive: false,
    host_escapes: super::parse::HostEscapes::No,
};

/// A Memcached server URL, as the [memcache crate] reads it:
/// `memcache://host:11211?timeout=1&tcp_nodelay=true`.
///
/// One host per URL (the crate takes a list of URLs for a cluster); the
/// port defaults to 11211; the path must be empty.
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
/// ```
#[derive(Clone)]
pub struct MemcachedUrl {
    parts: Parts,
}

impl MemcachedUrl {
    /// The port Memcached listens on unless told otherwise.
    pub const DEFAULT_PORT: u16 = 11211;

    fn parse(text: &str) -> Result<Self, ParseError> {
        let parts = parse::parse(text, &RULES, "MemcachedUrl")?;
        if !matches!(parts.path.as_str(), "" | "/") {
            return Err(ParseError::new(UrlPart::Path, "a memcache URL has no path: remove what follows the host"));
        }
        super::check_number::<f64>(&parts, "timeout", "a number of seconds")?;
        Ok(Self { parts })
    }
}

handle!(MemcachedUrl);
