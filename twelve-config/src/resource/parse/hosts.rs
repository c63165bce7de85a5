//! Hosts: a list, each host and port, decoded and checked.

use std::net::Ipv6Addr;

use super::*;
use crate::resource::{HostName, HostPort};

/// A character that shows as nothing and is never part of a URL a driver
/// can use: a bidirectional control (which also reorders what follows on
/// screen), a zero-width space or word joiner, a byte-order mark, a soft
/// hyphen. The zero-width joiner and non-joiner and the variation
/// selectors are left alone: internationalised names and emoji use them
/// (a handle's `Display` escapes them).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{61C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Refuses a host as its driver reads it, once percent-decoded (`h%0Aevil`,
/// `?host=` of a PostgreSQL URL, a unix socket path), when it holds what
/// no host holds: a control character (a line break forged into a log line
/// by whoever can set the variable), an invisible or line-breaking
/// character (any the report escapes, but the joiners and variation
/// selectors that internationalised names and emoji use), and in a host
/// name (not a socket path) whitespace or an ASCII character a host name
/// cannot hold written plainly either (`"#/:<>?@[\]^|` and the like: an
/// IPv6 address is written in brackets, never encoded). WHATWG refuses
/// all of these in an HTTP host (UTS 46 disallows the invisible ones), and
/// DNS resolves none of them. A written host never reaches here:
/// `check_whole` and `decode_host` refuse the same characters unencoded.
///
/// The error names the character by its code point and quotes nothing.
pub(crate) fn check_decoded_host(host: &str, part: UrlPart) -> Result<(), ParseError> {
    let socket = host.starts_with('/');
    let hazard = |c: char| {
        crate::report::is_hazardous_char(c) && !matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
    };
    let refused = host
        .chars()
        .find(|c| hazard(*c) || (!socket && (c.is_whitespace() || (c.is_ascii() && !is_host_name_char(*c)))));
    let Some(refused) = refused else { return Ok(()) };
    let code = u32::from(refused);
    let what = if refused.is_control() {
        format!("a control character (U+{code:04X})")
    } else if matches!(refused, '\u{2028}' | '\u{2029}') {
        format!("a line or paragraph separator (U+{code:04X})")
    } else if hazard(refused) {
        format!("an invisible character (U+{code:04X})")
    } else if refused.is_whitespace() {
        format!("whitespace (U+{code:04X})")
    } else {
        format!("{refused:?}")
    };
    let which = if socket { "socket path" } else { "host name" };
    Err(ParseError::new(part, format!("once percent-decoded, the {which} holds {what}, which no {which} holds")))
}

pub(crate) fn host_list(
    hostlist: &str,
    rules: &Rules,
    scheme: &str,
    path: &str,
    present: u8,
) -> Result<Hosts, ParseError> {
    let default_port = (rules.default_port)(scheme);
    if hostlist.is_empty() {
        if rules.host_optional {
            return Ok(Hosts::None);
        }
        return Err(ParseError::new(UrlPart::Host, format!("the host is missing: expected {scheme}://host")));
    }
    // One host, the common case, needs no list of entries (no ',' and no
    // '%' anywhere in the URL: either sends it the long way).
    if present & (COMMA | PERCENT) == 0 {
        return Ok(Hosts::One(host_port(hostlist, default_port, path)?));
    }
    let entries: Vec<&str> = hostlist.split(',').collect();
    if entries.len() > 1 && !rules.multi_host {
        return Err(ParseError::new(
            UrlPart::Host,
            format!("{scheme} URLs name one host; found {} separated by ','", entries.len()),
        ));
    }
    if rules.host_escapes == HostEscapes::No
        && let Some(entry) = entries.iter().find(|entry| entry.contains('%'))
    {
        let host = entry.split(':').next().unwrap_or(entry);
        return Err(ParseError::new(
            UrlPart::Host,
            format!(
                "the host {host:?} holds a percent-escape, which this driver does not decode: write the host plainly"
            ),
        ));
    }
    let mut hosts = Vec::with_capacity(entries.len());
    for entry in &entries {
        hosts.push(host_port(entry, default_port, path)?);
    }
    for (entry, host) in entries.iter().zip(&hosts) {
        if !entry.contains('%') {
            continue;
        }
        if host.host.as_bytes().contains(&b'/') && !host.host.is_socket() {
            return Err(ParseError::new(
                UrlPart::Host,
                "a host holds an encoded '/': a unix socket directory starts with one (%2Fvar%2Frun%2Fpostgresql)",
            ));
        }
        if let HostEscapes::SocketPath(escaped_name) = rules.host_escapes
            && !host.host.is_socket()
        {
            return Err(ParseError::new(UrlPart::Host, escaped_name));
        }
        check_decoded_host(host.host.as_str(), UrlPart::Host)?;
    }
    Ok(hosts.into())
}

/// One `host[:port]`, `[v6]:port` or `%2Fsocket%2Fpath`.
pub(crate) fn host_port(entry: &str, default_port: Option<u16>, path: &str) -> Result<HostPort, ParseError> {
    if entry.is_empty() {
        return Err(ParseError::new(UrlPart::Host, "an empty host in the host list (a ',' too many?)"));
    }
    let (host, port) = if let Some(literal) = entry.strip_prefix('[') {
        let Some((address, rest)) = literal.split_once(']') else {
            return Err(ParseError::new(UrlPart::Host, "an IPv6 address opened with '[' is not closed with ']'"));
        };
        if address.parse::<Ipv6Addr>().is_err() {
            return Err(ParseError::new(UrlPart::Host, format!("[{address}] is not an IPv6 address")));
        }
        let port = match rest {
            "" => None,
            rest => match rest.strip_prefix(':') {
                Some(port) => Some(port),
                None => {
                    return Err(ParseError::new(UrlPart::Host, "expected ':port' or nothing after an IPv6 address"));
                }
            },
        };
        (HostName::from(address), port)
    } else {
        let (host, port) = match split_at_byte(entry, b':') {
            Some((host, port)) => (host, Some(port)),
            None => (entry, None),
        };
        if host.is_empty() && port.is_some_and(|port| port.contains(':')) {
            return Err(ParseError::new(UrlPart::Host, "the host is missing before '::'"));
        }
        (decode_host(host)?, port)
    };
    // RFC 3986 allows an empty port (`host:`): it means the default.
    let port = match port {
        Some("") | None => None,
        Some(port) => Some(parse_port(port, path)?),
    };
    Ok(HostPort { host, port: port.or(default_port), explicit_port: port.is_some() })
}

/// What a host name may hold, written or decoded: RFC 3986's unreserved
/// characters and sub-delims (a written one may hold `%` escapes too).
pub(crate) fn is_host_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+;=".contains(c)
}

pub(crate) fn decode_host(host: &str) -> Result<HostName, ParseError> {
    let allowed = |c: char| c == '%' || is_host_name_char(c);
    let plain = host.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-');
    if plain {
        return Ok(HostName::from(host));
    }
    if let Some(bad) = host.chars().find(|c| !allowed(*c)) {
        return Err(ParseError::new(
            UrlPart::Host,
            format!("the host {host:?} holds {bad:?}, which no host name holds"),
        ));
    }
    decode_utf8(host, false)
        .map_err(|problem| match problem {
            DecodeProblem::BadEscape => {
                ParseError::new(UrlPart::Host, format!("the host {host:?} holds a bad percent-escape or %00"))
            }
            DecodeProblem::NotUtf8 => {
                ParseError::new(UrlPart::Host, format!("the host {host:?} is not UTF-8 once decoded"))
            }
        })
        .map(HostName::from)
}

/// A port: digits, 1 to 65535.
pub(crate) fn parse_port(port: &str, path: &str) -> Result<u16, ParseError> {
    // The common port, one to five digits that make 1 to 65535, read in
    // one pass; anything else takes the checks that say what is wrong.
    if (1..=5).contains(&port.len()) {
        let number = port
            .bytes()
            .try_fold(0_u32, |number, byte| byte.is_ascii_digit().then(|| number * 10 + u32::from(byte - b'0')));
        if let Some(port) = number.and_then(|number| u16::try_from(number).ok()).filter(|port| *port != 0) {
            return Ok(port);
        }
    }
    if port.is_empty() {
        return Err(ParseError::new(UrlPart::Port, "the port is empty after ':'"));
    }
    if !port.chars().all(|c| c.is_ascii_digit()) {
        // `user:pa/ss@host` splits at the '/': the "port" is a password.
        let hint = if path.contains('@') {
            " (if this is a password holding '/', '?' or '#', percent-encode them as %2F, %3F, %23)"
        } else {
            ""
        };
        let shown = if path.contains('@') { String::new() } else { format!(" {port:?}") };
        return Err(ParseError::new(UrlPart::Port, format!("the port{shown} is not a number{hint}")));
    }
    match port.parse::<u32>() {
        Ok(0) => Err(ParseError::new(UrlPart::Port, "port 0 is not a port a server listens on")),
        Ok(number) => u16::try_from(number)
            .map_err(|_| ParseError::new(UrlPart::Port, format!("port {number} is out of range (1-65535)"))),
        Err(_) => Err(ParseError::new(UrlPart::Port, format!("port {port} is out of range (1-65535)"))),
    }
}
