//! MQTT, as rumqttc reads its broker URLs.

use std::str::FromStr;

use super::handle;
use super::parse::{self, ParseError, Parsing, Parts, Rules, UrlPart};

const RULES: Rules = Rules {
    schemes: &["mqtt", "mqtts", "ws", "wss"],
    default_port: |scheme| {
        Some(match scheme {
            "mqtts" => MqttUrl::DEFAULT_TLS_PORT,
            "ws" => 80,
            "wss" => 443,
            _ => MqttUrl::DEFAULT_PORT,
        })
    },
    plus_is_space: true,
    at_in_path_is_error: true,
    ..Rules::DEFAULT
};

/// The query options rumqttc's `MqttOptions::parse_url` reads, each with
/// what its value must be. rumqttc matches them exactly (case and all) and
/// refuses any other, so the handle does too.
const OPTIONS: &[(&str, Value)] = &[
    ("client_id", Value::Text),
    ("keep_alive_secs", Value::Number(65_535, "a number of seconds, 0 (off) to 65535")),
    ("clean_session", Value::Bool),
    ("max_incoming_packet_size_bytes", Value::Number(u64::MAX, "a number of bytes")),
    ("max_outgoing_packet_size_bytes", Value::Number(u64::MAX, "a number of bytes")),
    ("request_channel_capacity_num", Value::Number(u64::MAX, "a number of requests")),
    ("max_request_batch_num", Value::Number(u64::MAX, "a number of requests")),
    ("pending_throttle_usecs", Value::Number(u64::MAX, "a number of microseconds")),
    ("inflight_num", Value::Number(65_535, "a number of messages, 1 to 65535")),
];

#[derive(Clone, Copy)]
enum Value {
    Text,
    Bool,
    /// The largest value, and what the value must be.
    Number(u64, &'static str),
}

/// An MQTT broker URL, as [rumqttc] reads it:
/// `mqtts://user:pass@broker:8883?client_id=orders-1&keep_alive_secs=30`.
///
/// - Schemes `mqtt://` (port 1883), `mqtts://` (TLS, port 8883), `ws://`
///   and `wss://` (MQTT over WebSocket, ports 80 and 443; the path, such
///   as `/mqtt`, is the broker's endpoint). One broker per URL.
/// - The query options are rumqttc's own, matched exactly as it matches
///   them: `client_id`, `keep_alive_secs` (0 to 65535: MQTT's field is 16
///   bits, and rumqttc would truncate a larger one), `clean_session`
///   (`true` or `false`; `false` needs a `client_id`, or rumqttc panics),
///   `max_incoming_packet_size_bytes` and `max_outgoing_packet_size_bytes`
///   (both or neither: rumqttc ignores one alone), `request_channel_capacity_num`,
///   `max_request_batch_num`, `pending_throttle_usecs`, `inflight_num` (1
///   or more: rumqttc panics at 0). Any other key, or one given twice, is
///   refused, as rumqttc refuses it, at load time.
/// - A password needs a user name (MQTT 3.1.1 §3.1.2.9):
///   `mqtt://:pw@broker` is refused.
///
/// [rumqttc]: https://docs.rs/rumqttc/latest/rumqttc/struct.MqttOptions.html#method.parse_url
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use twelve_config::resource::{MqttUrl, Resource};
///
/// let url: MqttUrl = "mqtts://sensor:s3cret@broker.example?client_id=sensor-7&keep_alive_secs=30".parse().unwrap();
/// assert_eq!((url.host(), url.port(), url.is_tls()), (Some("broker.example"), Some(8883), true));
/// assert_eq!(url.client_id(), Some("sensor-7"));
/// assert_eq!(url.keep_alive(), Some(Duration::from_secs(30)));
/// assert_eq!(url.to_string(), "mqtts://sensor:***@broker.example?client_id=sensor-7&keep_alive_secs=30");
///
/// let error = "mqtt://broker?keepalive=30".parse::<MqttUrl>().unwrap_err();
/// assert!(error.to_string().contains("keep_alive_secs"));
/// ```
#[derive(Clone)]
pub struct MqttUrl {
    parts: Box<Parts>,
}

impl MqttUrl {
    /// The port of plain MQTT.
    pub const DEFAULT_PORT: u16 = 1883;
    /// The port of MQTT over TLS.
    pub const DEFAULT_TLS_PORT: u16 = 8883;

    fn parse(text: &str) -> Result<Self, ParseError> {
        let parts = parse::parse(text, &RULES, "MqttUrl")?;
        if parts.password.is_some() && parts.username.is_none() {
            return Err(ParseError::new(
                UrlPart::UserInfo,
                "a password with no user name, which MQTT does not allow: write mqtt://user:password@host",
            ));
        }
        let websocket = matches!(&*parts.scheme, "ws" | "wss");
        if !websocket && !matches!(parts.path(), "" | "/") {
            return Err(ParseError::new(
                UrlPart::Path,
                "an mqtt URL has no path (only ws:// and wss:// name an endpoint such as /mqtt): remove what follows the host",
            ));
        }
        check_options(&parts)?;
        Ok(Self { parts: parts.keep() })
    }

    /// The value of option `key`, matched exactly, as rumqttc matches it.
    fn option(&self, key: &str) -> Option<&str> {
        self.parts.query().find(|(k, _)| *k == key).map(|(_, value)| value)
    }

    fn number<T: FromStr>(&self, key: &str) -> Option<T> {
        self.option(key).and_then(|value| value.parse().ok())
    }

    /// The client identifier (`?client_id=`), percent-decoded; `None`
    /// lets the broker assign one (MQTT 3.1.1 §3.1.3.1, with a clean
    /// session).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::MqttUrl;
    ///
    /// let url: MqttUrl = "mqtt://broker?client_id=orders%2D1".parse().unwrap();
    /// assert_eq!(url.client_id(), Some("orders-1"));
    /// assert_eq!("mqtt://broker".parse::<MqttUrl>().unwrap().client_id(), None);
    /// ```
    pub fn client_id(&self) -> Option<&str> {
        self.option("client_id")
    }

    /// The keep-alive interval (`?keep_alive_secs=`); `None` leaves the
    /// client's default (rumqttc: 60 s). Zero turns keep-alive off.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use twelve_config::resource::MqttUrl;
    ///
    /// let url: MqttUrl = "mqtt://broker?keep_alive_secs=15".parse().unwrap();
    /// assert_eq!(url.keep_alive(), Some(Duration::from_secs(15)));
    /// ```
    pub fn keep_alive(&self) -> Option<std::time::Duration> {
        self.number("keep_alive_secs").map(std::time::Duration::from_secs)
    }

    /// Whether the session is clean (`?clean_session=`); `None` leaves the
    /// client's default (rumqttc: `true`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::MqttUrl;
    ///
    /// let url: MqttUrl = "mqtt://broker?client_id=a&clean_session=false".parse().unwrap();
    /// assert_eq!(url.clean_session(), Some(false));
    /// assert!("mqtt://broker?clean_session=false".parse::<MqttUrl>().is_err());
    /// ```
    pub fn clean_session(&self) -> Option<bool> {
        self.number("clean_session")
    }

    /// Whether the connection uses TLS (`mqtts://`, `wss://`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::MqttUrl;
    ///
    /// assert!("mqtts://broker".parse::<MqttUrl>().unwrap().is_tls());
    /// assert!(!"ws://broker/mqtt".parse::<MqttUrl>().unwrap().is_tls());
    /// ```
    pub fn is_tls(&self) -> bool {
        matches!(&*self.parts.scheme, "mqtts" | "wss")
    }

    /// Whether MQTT runs over WebSocket (`ws://`, `wss://`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::MqttUrl;
    ///
    /// assert!("wss://broker.example/mqtt".parse::<MqttUrl>().unwrap().is_websocket());
    /// ```
    pub fn is_websocket(&self) -> bool {
        matches!(&*self.parts.scheme, "ws" | "wss")
    }

    /// The WebSocket endpoint's path (`/mqtt`), for `ws://` and `wss://`.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::MqttUrl;
    ///
    /// assert_eq!("ws://broker:8080/mqtt".parse::<MqttUrl>().unwrap().websocket_path(), Some("/mqtt"));
    /// assert_eq!("mqtt://broker".parse::<MqttUrl>().unwrap().websocket_path(), None);
    /// ```
    pub fn websocket_path(&self) -> Option<&str> {
        self.is_websocket().then_some(self.parts.path())
    }
}

/// Every option is one rumqttc reads, given once, with a value it takes.
fn check_options(parts: &Parsing<'_>) -> Result<(), ParseError> {
    for (index, (key, value)) in parts.query().enumerate() {
        let Some((_, kind)) = OPTIONS.iter().find(|(known, _)| *known == key) else {
            let close = OPTIONS.iter().find(|(known, _)| known.eq_ignore_ascii_case(key) || known.starts_with(key));
            let hint = close.map(|(known, _)| format!(" (did you mean {known}?)")).unwrap_or_default();
            return Err(ParseError::new(
                UrlPart::Query,
                format!(
                    "{key:?} is not an option rumqttc reads{hint}: it reads client_id, keep_alive_secs, clean_session \
                     and {} more (see MqttUrl)",
                    OPTIONS.len() - 3
                ),
            ));
        };
        if parts.query().take(index).any(|(earlier, _)| earlier == key) {
            return Err(ParseError::new(UrlPart::Query, format!("{key} is given twice: keep one")));
        }
        let valid = match kind {
            Value::Text => true,
            Value::Bool => matches!(value, "true" | "false"),
            Value::Number(max, _) => value.parse::<u64>().is_ok_and(|number| number <= *max),
        };
        if !valid {
            let what = match kind {
                Value::Text => "text",
                Value::Bool => "true or false",
                Value::Number(_, what) => what,
            };
            return Err(ParseError::new(UrlPart::Query, format!("{key}={value:?} is not {what}")));
        }
    }
    let value = |key: &str| parts.query().find(|(k, _)| *k == key).map(|(_, v)| v);
    if value("inflight_num") == Some("0") {
        return Err(ParseError::new(UrlPart::Query, "inflight_num=0 allows no message in flight: give 1 or more"));
    }
    if value("clean_session") == Some("false") && value("client_id").is_none_or(str::is_empty) {
        return Err(ParseError::new(
            UrlPart::Query,
            "clean_session=false keeps a session under the client's id: give a client_id",
        ));
    }
    let incoming = value("max_incoming_packet_size_bytes").is_some();
    let outgoing = value("max_outgoing_packet_size_bytes").is_some();
    if incoming != outgoing {
        return Err(ParseError::new(
            UrlPart::Query,
            "give max_incoming_packet_size_bytes and max_outgoing_packet_size_bytes together: rumqttc ignores one alone",
        ));
    }
    Ok(())
}

handle!(MqttUrl);
