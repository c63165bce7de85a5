//! A URL's user information, however its slashes are written: the password hidden.

use super::*;

/// The user information of a URL that parsed (the text before its
/// authority's `@`), as it may be shown: `user:***`, and `***` for a user
/// name alone that the kind reads as a token (`token_alone`).
pub(crate) fn push_masked_userinfo(out: &mut String, userinfo: &str, token_alone: bool) {
    match userinfo.split_once(':') {
        Some((user, _)) => {
            out.push_str(user);
            out.push(':');
            out.push_str(MASK);
        }
        None if token_alone => out.push_str(MASK),
        None => out.push_str(userinfo),
    }
}

/// Hides user information: see [`mask`].
pub(crate) fn mask_userinfo(text: &str, masked: &mut Masked) -> String {
    let Some(last_at) = text.rfind('@') else { return text.to_owned() };
    let (start, well_formed) = match well_formed_authority(text) {
        Some(start) if start <= last_at => (start, true),
        _ => match opener_end(&text[..last_at]) {
            // An `@` after a `:` before the opener (`a:b@c https://...`)
            // is user information too: all of it, from the start.
            Some((opener, _)) if text[..opener].contains(':') && text[..opener].contains('@') => (0, false),
            Some((_, start)) => (start, false),
            None => (0, false),
        },
    };
    let userinfo = &text[start..last_at];
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    if well_formed {
        let scheme = &text[..start - 3];
        match userinfo.find(':') {
            // `user:password`: the user name stays, unless it is not one
            // (a list of URLs, `nats://t@a,nats://t@b`, or a broken value).
            Some(colon) if !userinfo[..colon].contains(['@', '/', '\\']) => {
                out.push_str(&userinfo[..=colon]);
                masked.record(&userinfo[colon + 1..]);
                out.push_str(MASK);
            }
            Some(_) => {
                masked.record(userinfo);
                out.push_str(MASK);
            }
            // A token alone, in a scheme that takes one, when the `@` ends
            // the authority.
            None if token_scheme(scheme) && !userinfo.is_empty() && !userinfo.contains(['/', '?', '#']) => {
                masked.record(userinfo);
                out.push_str(MASK);
            }
            // A user name alone, or an `@` in a path.
            None => out.push_str(userinfo),
        }
    } else if userinfo.contains(':') || (start > 0 && !userinfo.is_empty()) {
        // Not a well-formed URL: whatever could be user information.
        masked.record(userinfo);
        out.push_str(MASK);
    } else {
        // `name@example.com`: no password can be in it.
        out.push_str(userinfo);
    }
    out.push_str(&text[last_at..]);
    out
}

/// Where a well-formed URL's authority starts: after `scheme://` at the
/// start of `text`.
pub(crate) fn well_formed_authority(text: &str) -> Option<usize> {
    let colon = text.find("://")?;
    let scheme = &text[..colon];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(colon + 3)
}

/// The start and the end of the first run of slashes (`/` or `\`) that
/// follows a `:` or is two long: where a mistyped URL's user information
/// would begin.
pub(crate) fn opener_end(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if matches!(bytes[index], b'/' | b'\\') {
            let mut end = index;
            while end < bytes.len() && matches!(bytes[end], b'/' | b'\\') {
                end += 1;
            }
            if end - index >= 2 || (index > 0 && bytes[index - 1] == b':') {
                return Some((index, end));
            }
            index = end;
        } else {
            index += 1;
        }
    }
    None
}
