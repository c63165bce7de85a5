//! Server lists (`nats://a:4222,b:4222`): where each server starts, joined and masked.

use super::*;

/// Where each server URL of a list starts: `s://a:1,s://b:2` (as Heroku's
/// `KAFKA_URL` and nats.go write a cluster) gives `[0, 10]`; a text that is
/// not such a list gives `[0]`. A `,` starts a server only when a scheme
/// and `://` follow it and the URL before it has ended its userinfo (holds
/// an `@`) or has none, so a password holding `,x://` is not cut.
pub(crate) fn server_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut search = text.find("://").map_or(text.len(), |at| at + 3);
    while let Some(offset) = text[search..].find(',') {
        let comma = search + offset;
        let next = &text[comma + 1..];
        let scheme_len =
            next.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')).count();
        if scheme_len > 0 && next[scheme_len..].starts_with("://") {
            starts.push(comma + 1);
            search = comma + 1 + scheme_len + 3;
        } else {
            search = comma + 1;
        }
    }
    starts
}

/// The server URLs of `text`, each without the `,` that ends it (the
/// whole text when it is not a list).
pub(crate) fn server_entries(text: &str) -> Vec<&str> {
    let starts = server_starts(text);
    let mut entries = Vec::with_capacity(starts.len());
    for (index, start) in starts.iter().enumerate() {
        // An entry ends at the `,` before the next one, the last at the end.
        let end = starts.get(index + 1).map_or(text.len(), |next| next - 1);
        entries.push(&text[*start..end]);
    }
    entries
}

/// A list of server URLs joined into one URL of several hosts:
/// `nats://u:p@a:1,nats://b:2` becomes `nats://u:p@a:1,b:2`, which
/// [`parse`] reads. Every server must use the first one's scheme, name no
/// path or query, and carry the first one's user info or none; `None` when
/// `text` is not a list. The joined copy holds the password: it is wiped.
pub(crate) fn join_server_list(text: &str) -> Result<Option<secrecy::zeroize::Zeroizing<String>>, ParseError> {
    let entries = server_entries(text);
    if entries.len() < 2 {
        return Ok(None);
    }
    let mut joined = secrecy::zeroize::Zeroizing::new(String::with_capacity(text.len()));
    let mut first: Option<(&str, Option<&str>)> = None;
    for (index, entry) in entries.into_iter().enumerate() {
        let (scheme, rest) = entry.split_once("://").unwrap_or((entry, ""));
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains(['/', '?', '#']) {
            return Err(ParseError::new(
                UrlPart::Path,
                format!(
                    "server {} of the list has a path or query: a list holds scheme://host:port entries",
                    index + 1
                ),
            ));
        }
        let (userinfo, host) = match rest.rfind('@') {
            Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
            None => (None, rest),
        };
        match first {
            None => {
                first = Some((scheme, userinfo));
                joined.push_str(entry.strip_suffix('/').unwrap_or(entry));
            }
            Some((first_scheme, first_userinfo)) => {
                if !scheme.eq_ignore_ascii_case(first_scheme) {
                    return Err(ParseError::new(
                        UrlPart::Scheme,
                        format!(
                            "server {} of the list uses another scheme than the first: one list, one scheme",
                            index + 1
                        ),
                    ));
                }
                if userinfo.is_some() && userinfo != first_userinfo {
                    return Err(ParseError::new(
                        UrlPart::UserInfo,
                        format!(
                            "server {} of the list has other credentials than the first: the client logs in to every server with one",
                            index + 1
                        ),
                    ));
                }
                joined.push(',');
                joined.push_str(host);
            }
        }
    }
    Ok(Some(joined))
}

/// `text` with the user info of every server of a list masked: a password
/// as `***`, and (`token_alone`) a user name without a password too, as
/// NATS reads it as a token. Only for a text that parsed as a list.
pub(crate) fn mask_server_list(text: &str, token_alone: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, entry) in server_entries(text).into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let Some((scheme, rest)) = entry.split_once("://") else {
            out.push_str(entry);
            continue;
        };
        out.push_str(scheme);
        out.push_str("://");
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        match rest[..authority_end].rfind('@') {
            Some(at) => {
                crate::disclosure::push_masked_userinfo(&mut out, &rest[..at], token_alone);
                out.push_str(&rest[at..]);
            }
            None => out.push_str(rest),
        }
    }
    out
}
