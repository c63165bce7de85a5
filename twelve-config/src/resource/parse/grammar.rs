//! The grammar: scheme, userinfo, hosts, path and query, parsed strictly.

use std::borrow::Cow;
use std::net::Ipv6Addr;

use super::super::{HostName, HostPort};
use super::*;
use crate::secret::into_secret;

/// The scheme of `input`, lowercase, checked against the rules.
pub(crate) fn scheme<'i>(
    input: &'i str,
    rules: &Rules,
    kind: &str,
) -> Result<(Cow<'static, str>, &'i str), ParseError> {
    scheme_and_bytes(input, rules, kind).map(|(scheme, rest, _)| (scheme, rest))
}

/// [`scheme`], and which of the bytes the parser looks for the URL holds
/// ([`bytes_present`]), found in the same pass that checks it is printable.
pub(crate) fn scheme_and_bytes<'i>(
    input: &'i str,
    rules: &Rules,
    kind: &str,
) -> Result<(Cow<'static, str>, &'i str, u8), ParseError> {
    let present = check_whole(input)?;
    // The common case, a known scheme as the rule spells it: nothing to
    // check or compare ignoring case (a known scheme is a valid one).
    if let Some(known) = rules.schemes.iter().find(|known| {
        input.len() > known.len()
            && input.as_bytes()[known.len()] == b':'
            && input.as_bytes().starts_with(known.as_bytes())
    }) {
        return Ok((Cow::Borrowed(known), &input[known.len() + 1..], present));
    }
    scheme_checked(input, rules, kind, present)
}

/// [`scheme_and_bytes`] for any scheme: checked, and compared with the
/// known ones ignoring case.
pub(crate) fn scheme_checked<'i>(
    input: &'i str,
    rules: &Rules,
    kind: &str,
    present: u8,
) -> Result<(Cow<'static, str>, &'i str, u8), ParseError> {
    let not_a_url = || ParseError::new(UrlPart::Whole, format!("not a URL: expected {}", example(rules, kind)));
    let colon = input.bytes().position(|byte| byte == b':').ok_or_else(not_a_url)?;
    let (scheme, rest) = (&input[..colon], &input[colon + 1..]);
    if !is_scheme(scheme) {
        return Err(not_a_url());
    }
    // A known scheme is the rule's own name: no copy.
    if let Some(known) = rules.schemes.iter().find(|known| known.eq_ignore_ascii_case(scheme)) {
        if rules.scheme_case_sensitive && *known != scheme {
            return Err(ParseError::new(
                UrlPart::Scheme,
                format!("write the scheme in lowercase, {known}://: the driver does not read {scheme}:// as a URL"),
            ));
        }
        return Ok((Cow::Borrowed(known), rest, present));
    }
    let scheme = scheme.to_ascii_lowercase();
    if !rules.schemes.is_empty() {
        return Err(ParseError::new(
            UrlPart::Scheme,
            format!("scheme {scheme:?} is not {}", alternatives(rules.schemes)),
        ));
    }
    Ok((Cow::Owned(scheme), rest, present))
}

/// Whether `text` is a scheme (RFC 3986: a letter, then letters, digits,
/// `+`, `-` or `.`).
pub(crate) fn is_scheme(text: &str) -> bool {
    text.bytes().next().is_some_and(|byte| byte.is_ascii_alphabetic())
        && text.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.'))
}

pub(crate) fn example(rules: &Rules, kind: &str) -> String {
    match rules.schemes.first() {
        Some(scheme) => format!("{scheme}://... for a {kind}"),
        None => "scheme://host".to_owned(),
    }
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn alternatives(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A `#` in the text ([`bytes_present`]).
pub(crate) const HASH: u8 = 1;
/// An `@`.
pub(crate) const AT: u8 = 2;
/// A `%`.
pub(crate) const PERCENT: u8 = 4;
/// A `,`.
pub(crate) const COMMA: u8 = 8;
/// A byte that is not printable ASCII (a space, a control, UTF-8).
pub(crate) const NOT_GRAPHIC: u8 = 16;
/// A `+` (a space in a form-encoded query).
pub(crate) const PLUS: u8 = 128;

/// Whether `byte` may stand unencoded in a user name or password. RFC
/// 3986: userinfo = *( unreserved / pct-encoded / sub-delims / ":" ), all
/// ASCII; here without the `:` that separates the password.
pub(crate) fn userinfo_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~%!$&'()*+,;=".contains(&byte)
}

/// Which of `#`, `@`, `%`, `,`, `+` and non-printable bytes `text` holds,
/// in one pass: the checks a URL without them does not need are skipped.
pub(crate) fn bytes_present(text: &str) -> u8 {
    text.bytes().fold(0, |present, byte| {
        present
            | match byte {
                b'#' => HASH,
                b'@' => AT,
                b'%' => PERCENT,
                b',' => COMMA,
                b'+' => PLUS,
                b'!'..=b'~' => 0,
                _ => NOT_GRAPHIC,
            }
    })
}

/// The index of the first byte of `bytes` that is `a` or `b`.
pub(crate) fn first_of(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    bytes.iter().position(|&byte| byte == a || byte == b)
}

/// `text` split at the first `byte`, which is ASCII, so both sides are `str`.
pub(crate) fn split_at_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    text.find(char::from(byte)).map(|at| (&text[..at], &text[at + 1..]))
}

/// Whitespace, control and invisible characters ([`is_invisible`]) are
/// never part of a URL. Returns [`bytes_present`] of the URL.
pub(crate) fn check_whole(input: &str) -> Result<u8, ParseError> {
    if input.is_empty() {
        return Err(ParseError::new(UrlPart::Whole, "the URL is empty"));
    }
    // Printable ASCII holds neither; only other text needs the Unicode tables.
    let present = bytes_present(input);
    if present & NOT_GRAPHIC == 0 {
        return Ok(present);
    }
    if input.chars().any(char::is_whitespace) {
        return Err(ParseError::new(
            UrlPart::Whole,
            "the URL holds whitespace: remove it, or percent-encode a space that is part of a value as %20",
        ));
    }
    if input.chars().any(char::is_control) {
        return Err(ParseError::new(UrlPart::Whole, "the URL holds a control character"));
    }
    if let Some(invisible) = input.chars().find(|c| is_invisible(*c)) {
        return Err(ParseError::new(
            UrlPart::Whole,
            format!(
                "the URL holds an invisible character, U+{:04X}: remove it (text pasted from a web page, a chat or a \
                 document can bring one), or percent-encode it if it is part of a value",
                u32::from(invisible)
            ),
        ));
    }
    Ok(present)
}

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

/// Parses `scheme://[user[:password]@]host[:port][,host[:port]...][/path][?query]`.
///
/// An error never quotes a fragment of a password: when an `@` stands
/// after the point where the authority seems to end (`admin:pa?ss@db`,
/// `admin:pa/ss@db`), the text before it may be a password holding an
/// unencoded `?`, `/` or `#`, so every error about the host, port, path or
/// query is replaced by one that quotes nothing.
pub(crate) fn parse<'a>(input: &'a str, rules: &Rules, kind: &str) -> Result<Parsing<'a>, ParseError> {
    parse_parts(input, rules, kind).map_err(|error| without_fragments(input, error))
}

/// `error`, or one that quotes nothing when the password's end is unclear.
pub(crate) fn without_fragments(input: &str, error: ParseError) -> ParseError {
    let Some((_, rest)) = input.split_once("://") else { return error };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let unclear = rest[authority_end..].contains('@');
    match error.part() {
        UrlPart::Host | UrlPart::Port | UrlPart::Path | UrlPart::Query | UrlPart::Fragment if unclear => {
            ParseError::new(
                error.part(),
                "an '@' stands after the host: if the user name or password holds '/', '?' or '#', \
                 write them as %2F, %3F and %23 (an '@' in a path or a query value is written %40)",
            )
        }
        _ => error,
    }
}

pub(crate) fn parse_parts<'a>(input: &'a str, rules: &Rules, kind: &str) -> Result<Parsing<'a>, ParseError> {
    let (scheme, rest, present) = scheme_and_bytes(input, rules, kind)?;
    let Some(rest) = rest.strip_prefix("//") else {
        return Err(ParseError::new(UrlPart::Whole, format!("expected {scheme}:// at the start")));
    };
    if present & HASH != 0 {
        reject_fragment(rest)?;
    }
    let authority_end = first_of(rest.as_bytes(), b'/', b'?').unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    let (path, query) = match split_at_byte(after, b'?') {
        Some((path, query)) => (path, Some(query)),
        None => (after, None),
    };
    let at = present & AT != 0;
    // libpq (and the clients that copy it) read the user info up to the
    // last '@' before the first '/', URL parsers up to the first '?': a
    // password holding '?' (`app:12?34@db`) is read two ways.
    if rules.at_in_path_is_error
        && at
        && let Some(query) = after.strip_prefix('?')
        && query.split('/').next().is_some_and(|before_slash| before_slash.contains('@'))
    {
        return Err(ParseError::new(
            UrlPart::UserInfo,
            "an '@' follows a '?' before any '/': libpq reads all before that '@' as the user info, URL \
             parsers read a host before the '?'. Write a '?' in the password as %3F (an '@' in a query value as %40)",
        ));
    }
    let last_at = if at { authority.rfind('@') } else { None };
    let (userinfo, hostlist) = match last_at {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    let (mut username, password) = match userinfo {
        Some(userinfo) => userinfo_parts(input, userinfo)?,
        None => (None, None),
    };
    if !rules.keeps_empty_username && username.as_ref().is_some_and(|user| user.get(input).is_empty()) {
        username = None;
    }
    if rules.at_in_path_is_error && at && path.contains('@') {
        return Err(ParseError::new(
            UrlPart::Path,
            "the path holds an '@': if the user name or password holds a '/', write it as %2F; \
             an '@' in a database name is written %40",
        ));
    }
    let mut hosts = host_list(hostlist, rules, &scheme, path, present)?;
    let mut hosts_default_port = (rules.default_port)(&scheme);
    // `scheme://:port`: no host (the local default) on that port.
    if let [only] = &*hosts
        && only.host.is_empty()
    {
        if !rules.host_optional {
            return Err(ParseError::new(UrlPart::Host, format!("the host is missing: expected {scheme}://host")));
        }
        hosts_default_port = only.port;
        hosts.clear();
    }
    let escapes = present & PERCENT != 0;
    let query = match query {
        Some(query) => {
            let escapes = escapes || (rules.plus_is_space && present & PLUS != 0);
            query_pairs_with(input, query, rules.plus_is_space, rules.query_flags, escapes)?
        }
        None => Query::None,
    };
    if let RepeatedKeys::Refused(allowed) = rules.repeated_keys {
        check_repeated_keys(input, &query, allowed, rules.query_keys_ignore_case)?;
    }
    Ok(Parts {
        raw: input,
        scheme,
        username,
        password,
        hosts,
        has_authority: true,
        path: Text::of(input, path),
        has_path: !path.is_empty(),
        query,
        hosts_default_port,
        keys_ignore_case: rules.query_keys_ignore_case,
        escapes,
    })
}

/// Refuses a query key given twice with different values, but those in
/// `allowed`. One pass, whatever the number of pairs.
pub(crate) fn check_repeated_keys(
    url: &str,
    query: &Query,
    allowed: &[&str],
    ignore_case: bool,
) -> Result<(), ParseError> {
    if query.len() < 2 {
        return Ok(());
    }
    let mut first: std::collections::HashMap<std::borrow::Cow<'_, str>, &str> = std::collections::HashMap::new();
    for index in 0..query.len() {
        let Some((key, value)) = query.get(url, index) else { continue };
        let normal = if ignore_case {
            std::borrow::Cow::Owned(key.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(key)
        };
        if allowed.iter().any(|allowed| if ignore_case { allowed.eq_ignore_ascii_case(key) } else { *allowed == key }) {
            continue;
        }
        match first.get(&normal) {
            Some(earlier) if *earlier != value => {
                return Err(ParseError::new(
                    UrlPart::Query,
                    format!(
                        "query parameter {:?} is given twice, with different values: give it once (this handle \
                         reads the last, a driver that reads the URL itself may read the first)",
                        short(key)
                    ),
                ));
            }
            Some(_) => {}
            None => {
                first.insert(normal, value);
            }
        }
    }
    Ok(())
}

/// A `#` is never part of a database URL: in a password it must be `%23`.
pub(crate) fn reject_fragment(rest: &str) -> Result<(), ParseError> {
    let Some(hash) = rest.find('#') else { return Ok(()) };
    if rest[hash..].contains('@') {
        return Err(ParseError::new(
            UrlPart::UserInfo,
            "the user info holds an unencoded '#': write it as %23 (a '#' starts a fragment)",
        ));
    }
    Err(ParseError::new(
        UrlPart::Fragment,
        "the URL holds a '#' fragment, which this kind of URL does not use: if the '#' is part of a value, write it as %23",
    ))
}

pub(crate) type UserInfo = (Option<Text>, Option<Password>);

/// The user name and password of `userinfo`, a slice of `url`.
pub(crate) fn userinfo_parts(url: &str, userinfo: &str) -> Result<UserInfo, ParseError> {
    if let Some(plain) = plain_userinfo(url, userinfo) {
        return Ok(plain);
    }
    if userinfo.contains('@') {
        return Err(ParseError::new(
            UrlPart::UserInfo,
            "the user info holds an unencoded '@': write an '@' in the user name or password as %40",
        ));
    }
    let (user, password) = match split_at_byte(userinfo, b':') {
        Some((user, password)) => (user, Some(password)),
        None => (userinfo, None),
    };
    check_userinfo_chars(user, "user name")?;
    // `redis://:password@host` names no user: nothing to decode or keep.
    let username = decode_text(url, user, false).map_err(|problem| userinfo_error("user name", problem))?;
    let password = match password {
        Some(password) => {
            if password.contains(':') {
                return Err(ParseError::new(
                    UrlPart::UserInfo,
                    "the password holds an unencoded ':': write a ':' in the password as %3A",
                ));
            }
            check_userinfo_chars(password, "password")?;
            let text = decode_utf8(password, false).map_err(|problem| userinfo_error("password", problem))?;
            Some(Password::from(into_secret(text)))
        }
        None => None,
    };
    Ok((Some(username), password))
}

/// The user info of the common case, read in one pass: at most one `:`,
/// no `%` to decode, and every other byte one a user name or password may
/// hold unencoded. Anything else (`None`) takes the checks one by one,
/// which report what is wrong.
pub(crate) fn plain_userinfo(url: &str, userinfo: &str) -> Option<UserInfo> {
    let mut colon = None;
    for (index, byte) in userinfo.bytes().enumerate() {
        match byte {
            b':' if colon.is_none() => colon = Some(index),
            b'%' => return None,
            byte if userinfo_byte(byte) => {}
            _ => return None,
        }
    }
    let (user, password) = match colon {
        Some(colon) => (&userinfo[..colon], Some(&userinfo[colon + 1..])),
        None => (userinfo, None),
    };
    Some((Some(Text::of(url, user)), password.map(|password| Password::of(url, password))))
}

pub(crate) fn check_userinfo_chars(text: &str, what: &str) -> Result<(), ParseError> {
    if text.bytes().all(userinfo_byte) {
        return Ok(());
    }
    Err(ParseError::new(
        UrlPart::UserInfo,
        format!(
            "the {what} holds a character that must be percent-encoded (such as '\"', '<', '>', '\\\\', '^', '`', \
             '{{', '|', '}}', '[', ']' or a non-ASCII letter)"
        ),
    ))
}

pub(crate) fn userinfo_error(what: &str, problem: DecodeProblem) -> ParseError {
    ParseError::new(
        UrlPart::UserInfo,
        match problem {
            DecodeProblem::BadEscape => {
                format!("the {what} holds a '%' that is not a percent-escape, or %00 (write a literal '%' as %25)")
            }
            DecodeProblem::NotUtf8 => format!("the {what} is not valid UTF-8 once percent-decoded"),
        },
    )
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
    let hosts: Vec<HostPort> =
        entries.iter().map(|entry| host_port(entry, default_port, path)).collect::<Result<_, _>>()?;
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

/// `key=value&...`, decoded. A key without `=` is an error, as in libpq and
/// the MongoDB connection string spec.
pub(crate) fn query_pairs(url: &str, query: &str, plus_is_space: bool) -> Result<Query, ParseError> {
    query_pairs_with(url, query, plus_is_space, false, true)
}

/// [`query_pairs`], where `flags` lets a key stand alone (`?debug`, value
/// `""`).
///
/// `escapes`: whether the URL may hold an escape to decode (a `%`, or a `+`
/// read as a space); without one, every key and value is taken as it
/// stands, with no scan of its own.
pub(crate) fn query_pairs_with(
    url: &str,
    query: &str,
    plus_is_space: bool,
    flags: bool,
    escapes: bool,
) -> Result<Query, ParseError> {
    // Sized once, so no growth leaves a copy (a decoded value wipes
    // itself); one pair that reads as written needs no list at all, nor
    // a search for a '&' the count says is not there.
    let count = query.bytes().filter(|byte| *byte == b'&').count() + 1;
    if count == 1 {
        return Ok(match query_pair(url, query, plus_is_space, flags, escapes)? {
            Some((key, value)) => Query::one(key, value),
            None => Query::None,
        });
    }
    let mut pairs = Vec::with_capacity(count);
    let mut rest = Some(query);
    while let Some(text) = rest {
        let pair = match split_at_byte(text, b'&') {
            Some((pair, after)) => {
                rest = Some(after);
                pair
            }
            None => {
                rest = None;
                text
            }
        };
        if let Some(pair) = query_pair(url, pair, plus_is_space, flags, escapes)? {
            pairs.push(pair);
        }
    }
    Ok(Query::Many(pairs))
}

/// One `key=value` of the query, decoded; `None` for an empty one (`a=1&&b=2`).
pub(crate) fn query_pair(
    url: &str,
    pair: &str,
    plus_is_space: bool,
    flags: bool,
    escapes: bool,
) -> Result<Option<(Text, Text)>, ParseError> {
    if pair.is_empty() {
        return Ok(None);
    }
    let (key, value) = match split_at_byte(pair, b'=') {
        Some(split) => split,
        None if flags => (pair, ""),
        None => {
            return Err(ParseError::new(
                UrlPart::Query,
                format!("query parameter {:?} has no value: expected key=value", short(pair)),
            ));
        }
    };
    if !escapes {
        return Ok(Some((Text::of(url, key), Text::of(url, value))));
    }
    let key = decode_text(url, key, plus_is_space).map_err(|_| {
        ParseError::new(UrlPart::Query, format!("query key {:?} is not valid percent-encoding", short(key)))
    })?;
    let value = decode_text(url, value, plus_is_space).map_err(|problem| {
        let hint = match problem {
            DecodeProblem::BadEscape => " (a '%' must start an escape such as %20: write a literal '%' as %25)",
            DecodeProblem::NotUtf8 => " (it is not UTF-8 once decoded)",
        };
        ParseError::new(
            UrlPart::Query,
            format!("the value of query parameter {:?} is not valid percent-encoding{hint}", short(key.get(url))),
        )
    })?;
    Ok(Some((key, value)))
}
