//! MongoDB, by the MongoDB connection string specification.

use super::parse::{self, ParseError, Parsing, Parts, Rules, Text, UrlPart};
use super::{check_choice, handle};

const RULES: Rules = Rules {
    repeated_keys: parse::RepeatedKeys::Refused(&["readPreferenceTags"]),
    schemes: &["mongodb", "mongodb+srv"],
    default_port: |scheme| if scheme == "mongodb+srv" { None } else { Some(MongoUrl::DEFAULT_PORT) },
    multi_host: true,
    at_in_path_is_error: true,
    query_keys_ignore_case: true,
    scheme_case_sensitive: true,
    // The MongoDB spec decodes only a socket path.
    host_escapes: super::parse::HostEscapes::SocketPath(
        "a host name holds a percent-escape, which MongoDB drivers decode only in a unix socket path: write it \
         plainly (only a socket path is written encoded, %2Ftmp%2Fmongodb-27017.sock)",
    ),
    ..Rules::DEFAULT
};

/// A MongoDB connection string, read by the [connection string spec].
///
/// - `mongodb://` with one or more hosts (port 27017 by default), or
///   `mongodb+srv://` with exactly one host and no port (DNS gives them).
/// - A unix socket host is a percent-encoded path
///   (`mongodb://%2Ftmp%2Fmongodb-27017.sock`).
/// - Options follow a `/`: `mongodb://host/?w=1`; every option has a value.
/// - The user name and password must percent-encode `:`, `/`, `@`.
/// - The database (the authentication database) is the path,
///   percent-decoded; it cannot hold `/ \ . " $` or a space.
/// - `tls`/`ssl` are `true` or `false` and agree; `directConnection=true`
///   takes one host and no `+srv`.
///
/// [connection string spec]: https://github.com/mongodb/specifications/blob/master/source/connection-string/connection-string-spec.md
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{MongoUrl, Resource};
///
/// let url: MongoUrl = "mongodb://alice:secret@example.com,[::1]:27019/admin?replicaSet=rs0".parse().unwrap();
/// assert_eq!(url.hosts().len(), 2);
/// assert_eq!(url.database(), Some("admin"));
/// assert!(!url.is_srv());
///
/// let error = "mongodb+srv://cluster.example.com:27017".parse::<MongoUrl>().unwrap_err();
/// assert_eq!(error.to_string(), "mongodb+srv:// takes a host name without a port: DNS supplies the ports");
/// ```
#[derive(Clone)]
pub struct MongoUrl {
    parts: Box<Parts>,
    database: Option<Text>,
}

impl MongoUrl {
    /// The port MongoDB listens on unless told otherwise.
    pub const DEFAULT_PORT: u16 = 27017;

    fn parse(text: &str) -> Result<Self, ParseError> {
        let mut parts = parse::parse(text, &RULES, "MongoUrl")?;
        // The spec (since 2023): `mongodb://host?opt=v`, with no '/', is valid.
        if parts.password.is_some() && parts.username.is_none() {
            return Err(ParseError::new(
                UrlPart::UserInfo,
                "a password with no user name, which the MongoDB driver refuses: write mongodb://user:password@host",
            ));
        }
        // A unix socket host has no port (the spec: a path ending in .sock).
        for host in parts.hosts.iter_mut() {
            if host.host.is_socket() {
                if host.explicit_port {
                    return Err(ParseError::new(UrlPart::Port, "a unix socket host takes no port"));
                }
                host.port = None;
            }
        }
        check_options(&parts)?;
        let srv = parts.scheme == "mongodb+srv";
        if srv {
            if parts.hosts.len() > 1 {
                return Err(ParseError::new(
                    UrlPart::Host,
                    "mongodb+srv:// takes one host name: DNS supplies the rest",
                ));
            }
            if parts.hosts.iter().any(|host| host.explicit_port) {
                return Err(ParseError::new(
                    UrlPart::Port,
                    "mongodb+srv:// takes a host name without a port: DNS supplies the ports",
                ));
            }
        }
        let database = parts.path_segment("database name")?;
        if let Some(name) = &database
            && let Some(bad) = parts.text(name).chars().find(|c| "/\\ \"$".contains(*c))
        {
            return Err(ParseError::new(UrlPart::Path, format!("the database name cannot hold {bad:?}")));
        }
        for key in BOOLEANS {
            check_choice(&parts, key, &["true", "false"])?;
        }
        if let (Some(tls), Some(ssl)) = (parts.query_value("tls"), parts.query_value("ssl"))
            && !tls.eq_ignore_ascii_case(ssl)
        {
            return Err(ParseError::new(UrlPart::Query, "tls and ssl are the same option and must agree"));
        }
        if parts.query_value("directConnection").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            if srv {
                return Err(ParseError::new(
                    UrlPart::Query,
                    "directConnection=true cannot be used with mongodb+srv://",
                ));
            }
            if parts.hosts.len() > 1 {
                return Err(ParseError::new(UrlPart::Query, "directConnection=true takes exactly one host"));
            }
        }
        Ok(Self { parts: parts.keep(), database })
    }

    /// The database named in the path, percent-decoded.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::MongoUrl;
    ///
    /// assert_eq!("mongodb://h/my%3Ddb".parse::<MongoUrl>().unwrap().database(), Some("my=db"));
    /// assert_eq!("mongodb://h/".parse::<MongoUrl>().unwrap().database(), None);
    /// ```
    pub fn database(&self) -> Option<&str> {
        self.database.as_ref().map(|name| self.parts.text(name))
    }

    /// Whether hosts come from a DNS SRV record (`mongodb+srv://`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::MongoUrl;
    ///
    /// assert!("mongodb+srv://cluster0.example.net".parse::<MongoUrl>().unwrap().is_srv());
    /// ```
    pub fn is_srv(&self) -> bool {
        self.parts.scheme == "mongodb+srv"
    }
}

/// The options of the [connection string spec] and the Rust driver, by
/// what their values must be; the driver refuses any other.
///
/// [connection string spec]: https://github.com/mongodb/specifications/blob/master/source/uri-options/uri-options.md
const NUMBERS: &[&str] = &[
    "connectTimeoutMS",
    "heartbeatFrequencyMS",
    "localThresholdMS",
    "maxIdleTimeMS",
    "maxPoolSize",
    "maxConnecting",
    "maxStalenessSeconds",
    "minPoolSize",
    "proxyPort",
    "serverSelectionTimeoutMS",
    "socketTimeoutMS",
    "srvMaxHosts",
    "timeoutMS",
    "waitQueueTimeoutMS",
    "wTimeoutMS",
    "zlibCompressionLevel",
];
const BOOLEANS: &[&str] = &[
    "directConnection",
    "journal",
    "loadBalanced",
    "retryReads",
    "retryWrites",
    "serverSelectionTryOnce",
    "ssl",
    "tls",
    "tlsAllowInvalidCertificates",
    "tlsAllowInvalidHostnames",
    "tlsDisableCertificateRevocationCheck",
    "tlsDisableOCSPEndpointCheck",
    "tlsInsecure",
];
const TEXTS: &[&str] = &[
    "appName",
    "authMechanism",
    "authMechanismProperties",
    "authSource",
    "compressors",
    "proxyHost",
    "proxyUsername",
    "proxyPassword",
    "readConcernLevel",
    "readPreference",
    "readPreferenceTags",
    "replicaSet",
    "serverMonitoringMode",
    "srvServiceName",
    "tlsCAFile",
    "tlsCertificateKeyFile",
    "tlsCertificateKeyFilePassword",
    "uuidRepresentation",
    "w",
];

/// Every option is one the driver reads (keys ignore case, as the spec
/// says), numbers are numbers.
fn check_options(parts: &Parsing<'_>) -> Result<(), ParseError> {
    let known = |list: &[&str], key: &str| list.iter().any(|known| known.eq_ignore_ascii_case(key));
    for (key, value) in parts.query() {
        if known(NUMBERS, key) {
            if value.parse::<i64>().is_err() {
                return Err(ParseError::new(UrlPart::Query, format!("{key}={value:?} is not a whole number")));
            }
        } else if !known(BOOLEANS, key) && !known(TEXTS, key) {
            let all = [NUMBERS, BOOLEANS, TEXTS].concat();
            let hint = crate::suggest::closest(key, &all)
                .map(|index| format!(": did you mean {}?", all[index]))
                .unwrap_or_default();
            return Err(ParseError::new(
                UrlPart::Query,
                format!("{key:?} is not a MongoDB connection option (the driver refuses it){hint}"),
            ));
        }
    }
    Ok(())
}

handle!(MongoUrl);
