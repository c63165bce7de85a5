//! Any attached resource with a `scheme://` URL.

use super::parse::{self, ParseError, Parts, Rules};
use super::{handle, well_known_port};

const RULES: Rules = Rules {
    repeated_keys: parse::RepeatedKeys::Accepted,
    schemes: &[],
    default_port: well_known_port,
    multi_host: true,
    host_optional: true,
    keeps_empty_username: true,
    host_escapes: super::parse::HostEscapes::Any,
    query_flags: true,
    ..Rules::DEFAULT
};

/// A URL of any scheme, for a resource without a handle of its own (NATS,
/// MQTT, LDAP, an in-house service): the same strict parsing, the same
/// masked password, with the default port of well-known schemes.
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{Resource, ResourceUrl};
///
/// let url: ResourceUrl = "nats://app:pw@n1:4222,n2:4223".parse().unwrap();
/// assert_eq!((url.scheme(), url.hosts().len()), ("nats", 2));
/// assert_eq!(url.to_string(), "nats://app:***@n1:4222,n2:4223");
/// assert_eq!("mqtt://broker".parse::<ResourceUrl>().unwrap().port(), Some(1883));
/// assert_eq!("custom://svc".parse::<ResourceUrl>().unwrap().port(), None);
/// ```
#[derive(Clone)]
pub struct ResourceUrl {
    parts: Box<Parts>,
}

impl ResourceUrl {
    fn parse(text: &str) -> Result<Self, ParseError> {
        Ok(Self { parts: parse::parse(text, &RULES, "ResourceUrl")?.keep() })
    }

    /// The path as written, not decoded (`/vhost`, `/0`, `/db`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::ResourceUrl;
    ///
    /// assert_eq!("ldap://dir.example/dc=example,dc=com".parse::<ResourceUrl>().unwrap().path(), "/dc=example,dc=com");
    /// ```
    pub fn path(&self) -> &str {
        self.parts.path()
    }
}

handle!(ResourceUrl);
