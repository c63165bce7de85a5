//! Percent-decoding of a URL's parts.

use secrecy::zeroize::Zeroize;

use super::*;

/// A query part as an error quotes it: credentials masked first (a pair
/// without `=` may be a whole URL with its password, `?x://u:pw@h`), then
/// cut to 40 characters (cut first, a password could lose the `@` that
/// shows it is one).
pub(crate) fn short(text: &str) -> String {
    crate::mask_passwords(text).chars().take(40).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecodeProblem {
    /// A `%` that does not start a two-digit hex escape, or `%00`, which
    /// no driver (all C strings underneath) can take.
    BadEscape,
    NotUtf8,
}

/// Strict percent-decoding: a `%` must start a two-digit hex escape, and
/// none may be `%00`, which no driver (all C strings underneath) can take;
/// the decoding itself is the percent-encoding crate's.
/// [`decode_utf8`] skips it for a text with nothing to decode.
pub(crate) fn decode(text: &str, plus_is_space: bool) -> Result<Vec<u8>, DecodeProblem> {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('%') {
        let escape = bytes.get(at + 1..at + 3).filter(|digits| digits.iter().all(u8::is_ascii_hexdigit));
        if escape.is_none_or(|digits| digits == b"00") {
            return Err(DecodeProblem::BadEscape);
        }
    }
    // Sized once, so that no growth leaves a copy of a password behind.
    let mut out = Vec::with_capacity(bytes.len());
    if plus_is_space && text.contains('+') {
        let mut spaced = text.replace('+', " ");
        out.extend(percent_encoding::percent_decode_str(&spaced));
        spaced.zeroize();
    } else {
        out.extend(percent_encoding::percent_decode_str(text));
    }
    Ok(out)
}

/// `text`, a slice of `url`, decoded: a span of `url` when there is
/// nothing to decode.
pub(crate) fn decode_text(url: &str, text: &str, plus_is_space: bool) -> Result<Text, DecodeProblem> {
    if !needs_decoding(text, plus_is_space) {
        return Ok(Text::of(url, text));
    }
    decode_owned(text, plus_is_space)
}

/// [`decode_text`] of a text holding escapes.
pub(crate) fn decode_owned(text: &str, plus_is_space: bool) -> Result<Text, DecodeProblem> {
    decode_utf8(text, plus_is_space).map(Text::owned)
}

pub(crate) fn decode_utf8(text: &str, plus_is_space: bool) -> Result<String, DecodeProblem> {
    // Nothing to decode: the text is already UTF-8, so no second check.
    if !needs_decoding(text, plus_is_space) {
        return Ok(text.to_owned());
    }
    String::from_utf8(decode(text, plus_is_space)?).map_err(|error| {
        error.into_bytes().zeroize();
        DecodeProblem::NotUtf8
    })
}

/// Whether `text` holds a `%` (or a `+` read as a space).
pub(crate) fn needs_decoding(text: &str, plus_is_space: bool) -> bool {
    text.bytes().any(|byte| byte == b'%' || (plus_is_space && byte == b'+'))
}
