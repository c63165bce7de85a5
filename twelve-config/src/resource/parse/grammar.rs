//! The grammar: scheme, userinfo, hosts, path and query, parsed strictly.

use std::borrow::Cow;

use super::*;

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
