//! `HostPort`: one host of a URL and its port.

use std::fmt;

/// One host of a URL with its port.
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{MongoUrl, Resource};
///
/// let url: MongoUrl = "mongodb://a.example,b.example:27018".parse().unwrap();
/// let second = &url.hosts()[1];
/// assert_eq!((second.host(), second.port(), second.has_explicit_port()), ("b.example", Some(27018), true));
/// assert_eq!(url.hosts()[0].port(), Some(27017));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HostPort {
    pub(crate) host: HostName,
    pub(crate) port: Option<u16>,
    pub(crate) explicit_port: bool,
}

/// The text of a host. A host is no secret, so it needs no wiping.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct HostName(Box<str>);

impl HostName {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the host is a unix socket path.
    pub fn is_socket(&self) -> bool {
        self.0.starts_with('/')
    }
}

impl From<&str> for HostName {
    fn from(text: &str) -> Self {
        HostName(text.into())
    }
}

impl From<String> for HostName {
    fn from(text: String) -> Self {
        HostName(text.into_boxed_str())
    }
}

impl fmt::Debug for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl HostPort {
    /// The host: a name, an IP address (IPv6 without brackets), or a unix
    /// socket path (which starts with `/`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, Resource};
    ///
    /// let url: PostgresUrl = "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname".parse().unwrap();
    /// assert_eq!(url.hosts()[0].host(), "/var/lib/postgresql");
    /// ```
    pub fn host(&self) -> &str {
        self.host.as_str()
    }

    /// The port, explicit or the kind's default; `None` for a unix socket
    /// of a kind that names the socket file itself (Redis).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{RedisUrl, Resource};
    ///
    /// let url: RedisUrl = "redis+unix:///run/redis.sock".parse().unwrap();
    /// assert_eq!(url.hosts()[0].port(), None);
    /// ```
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// Whether the URL gave the port, rather than the default filling it in.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, Resource};
    ///
    /// let url: PostgresUrl = "postgres://db/app".parse().unwrap();
    /// assert!(!url.hosts()[0].has_explicit_port());
    /// ```
    pub fn has_explicit_port(&self) -> bool {
        self.explicit_port
    }

    /// Whether the host is a unix socket path.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{PostgresUrl, Resource};
    ///
    /// let url: PostgresUrl = "postgresql:///dbname?host=/var/lib/postgresql".parse().unwrap();
    /// assert!(url.hosts()[0].is_socket());
    /// ```
    pub fn is_socket(&self) -> bool {
        self.host.is_socket()
    }
}
