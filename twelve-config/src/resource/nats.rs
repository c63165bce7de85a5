//! NATS, as async-nats and nats.go read their server URLs.

use std::net::Ipv6Addr;

use secrecy::SecretString;

use super::parse::{self, ParseError, Parts, Password, Rules, UrlPart};
use super::{HostPort, handle};

const RULES: Rules = Rules {
    schemes: &["nats", "tls", "ws", "wss"],
    default_port: |scheme| {
        Some(match scheme {
            "ws" => 80,
            "wss" => 443,
            _ => NatsUrl::DEFAULT_PORT,
        })
    },
    multi_host: true,
    at_in_path_is_error: true,
    ..Rules::DEFAULT
};

/// A NATS server URL, or a cluster's list of them, as [async-nats] and
/// [nats.go] read it.
///
/// - Schemes `nats://` (port 4222), `tls://` (TLS required, port 4222),
///   `ws://` and `wss://` (WebSocket, ports 80 and 443, as async-nats
///   defaults them; async-nats needs its `websockets` feature for these).
/// - Several servers, either sharing one scheme and login
///   (`nats://u:p@n1:4222,n2:4222`) or each a URL of its own, as nats.go
///   and platforms write a cluster (`nats://n1:4222,nats://n2:4222`): every
///   server of a list uses the same scheme, and the same credentials or
///   none, because the client logs in to whichever it reaches with one.
/// - `nats://user:password@host` logs in with a user and password;
///   `nats://TOKEN@host` (a user name alone) with a token, as nats.go and
///   the NATS server read it. The token is a secret like a password:
///   [`token`](Self::token) and [`password`](super::Resource::password) give it,
///   `Display` and `Debug` mask it (`nats://***@host`), and
///   [`username`](super::Resource::username) is `None`.
/// - No path and no query: async-nats and nats.go ignore both, so a URL
///   holding one would mean less than it says. Set options (name, NKey,
///   credentials file) in code.
///
/// [async-nats]: https://docs.rs/async-nats/latest/async_nats/struct.ServerAddr.html
/// [nats.go]: https://pkg.go.dev/github.com/nats-io/nats.go#Connect
///
/// # Examples
///
/// ```
/// use twelve_config::ExposeSecret;
/// use twelve_config::resource::{NatsUrl, Resource};
///
/// let url: NatsUrl = "nats://app:s3cret@n1.internal,n2.internal:4223".parse().unwrap();
/// assert_eq!(url.servers(), ["nats://n1.internal:4222", "nats://n2.internal:4223"]);
/// assert_eq!(url.username(), Some("app"));
/// assert_eq!(url.to_string(), "nats://app:***@n1.internal,n2.internal:4223");
///
/// let url: NatsUrl = "tls://s3cr3t-t0ken@nats.example".parse().unwrap();
/// assert_eq!(url.token().unwrap().expose_secret(), "s3cr3t-t0ken");
/// assert_eq!(url.to_string(), "tls://***@nats.example");
/// assert!(url.is_tls());
///
/// let cluster: NatsUrl = "nats://n1:4222,nats://n2:4222".parse().unwrap();
/// assert_eq!(cluster.hosts().len(), 2);
///
/// let error = "nats://n1:4222/orders".parse::<NatsUrl>().unwrap_err();
/// assert!(error.to_string().contains("no path"));
/// ```
#[derive(Clone)]
pub struct NatsUrl {
    parts: Box<Parts>,
    /// The userinfo is a token (`nats://TOKEN@host`), kept as the password.
    is_token: bool,
}

impl NatsUrl {
    /// The port a NATS server listens on unless told otherwise.
    pub const DEFAULT_PORT: u16 = 4222;

    fn parse(text: &str) -> Result<Self, ParseError> {
        let joined = parse::join_server_list(text)?;
        let mut parts = parse::parse(joined.as_deref().map_or(text, String::as_str), &RULES, "NatsUrl")?;
        if !matches!(parts.path(), "" | "/") {
            return Err(ParseError::new(
                UrlPart::Path,
                "a NATS URL has no path (async-nats and nats.go ignore it): remove what follows the host",
            ));
        }
        if !parts.query.is_empty() {
            return Err(ParseError::new(
                UrlPart::Query,
                "a NATS URL has no query (async-nats and nats.go ignore it): set connection options in code",
            ));
        }
        let is_token = match (&parts.username, &parts.password) {
            (None, Some(_)) => {
                return Err(ParseError::new(
                    UrlPart::UserInfo,
                    "a password with no user name: write nats://user:password@host, or a token alone as nats://TOKEN@host",
                ));
            }
            (Some(_), None) => true,
            _ => false,
        };
        if is_token {
            // The token is a secret: kept where passwords are, wiped on drop.
            let token = parts.username.take();
            parts.password = token.map(Password::from_text);
        }
        // A joined server list is another text than the URL kept.
        let parts = if joined.is_some() { parts.keep_detached() } else { parts.keep() };
        Ok(Self { parts, is_token })
    }

    fn masked(&self) -> String {
        use secrecy::ExposeSecret;
        parse::mask_server_list(self.parts.raw.expose_secret(), true)
    }

    /// The token, when the URL logs in with one (`nats://TOKEN@host`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::ExposeSecret;
    /// use twelve_config::resource::NatsUrl;
    ///
    /// let url: NatsUrl = "nats://t0ken@localhost".parse().unwrap();
    /// assert_eq!(url.token().unwrap().expose_secret(), "t0ken");
    /// assert!("nats://app:pw@localhost".parse::<NatsUrl>().unwrap().token().is_none());
    /// ```
    pub fn token(&self) -> Option<&SecretString> {
        self.parts.password().filter(|_| self.is_token)
    }

    /// Every server as async-nats takes it, `scheme://host:port`, port
    /// filled in, IPv6 in brackets, without credentials: give these to
    /// `async_nats::ConnectOptions::connect` (with the `async-nats` feature,
    /// [`to_server_addrs`](Self::to_server_addrs) does it) and the
    /// credentials through the options.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::NatsUrl;
    ///
    /// let url: NatsUrl = "wss://u:p@[2001:db8::1],nats.example:8443".parse().unwrap();
    /// assert_eq!(url.servers(), ["wss://[2001:db8::1]:443", "wss://nats.example:8443"]);
    /// ```
    pub fn servers(&self) -> Vec<String> {
        let mut servers = Vec::with_capacity(self.parts.hosts.len());
        for host in self.parts.hosts.iter() {
            servers.push(server(&self.parts.scheme, host));
        }
        servers
    }

    /// Whether TLS is used: `tls://` (required by the client) or `wss://`.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::NatsUrl;
    ///
    /// assert!("tls://nats".parse::<NatsUrl>().unwrap().is_tls());
    /// assert!(!"nats://nats".parse::<NatsUrl>().unwrap().is_tls());
    /// ```
    pub fn is_tls(&self) -> bool {
        matches!(&*self.parts.scheme, "tls" | "wss")
    }

    /// Whether the servers are reached over WebSocket (`ws://`, `wss://`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::NatsUrl;
    ///
    /// assert!("ws://nats:8080".parse::<NatsUrl>().unwrap().is_websocket());
    /// ```
    pub fn is_websocket(&self) -> bool {
        matches!(&*self.parts.scheme, "ws" | "wss")
    }
}

/// `scheme://host:port`, an IPv6 address in brackets.
pub(crate) fn server(scheme: &str, host: &HostPort) -> String {
    format!("{scheme}://{}", host_port_text(host))
}

/// `host:port`, an IPv6 address in brackets.
pub(crate) fn host_port_text(host: &HostPort) -> String {
    let port = host.port.map(|port| format!(":{port}")).unwrap_or_default();
    if host.host.as_str().parse::<Ipv6Addr>().is_ok() {
        format!("[{}]{port}", host.host)
    } else {
        format!("{}{port}", host.host)
    }
}

handle!(NatsUrl, NatsUrl::masked);
