//! Credential parameters of a query, a keyword list or a map, hidden to the end of their value.

use super::*;

/// Schemes whose user information may be a token alone: NATS (`nats`,
/// `tls`, `ws`, `wss`, as nats.go and the NATS server read
/// `nats://TOKEN@host`) and HTTP (`https://TOKEN@github.com`, as git and
/// GitHub take it).
pub(crate) fn token_scheme(scheme: &str) -> bool {
    ["nats", "tls", "ws", "wss", "http", "https"].iter().any(|known| known.eq_ignore_ascii_case(scheme))
}

/// Where a credential parameter's value in a query ends.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum QueryValue {
    /// At the next `&` or `#`: for a URL a parser has read, pair by pair.
    ToTheNextPair,
    /// At the end of the text: for text no parser has read, where an
    /// unencoded `&` or `#` may be part of the value.
    ToTheEnd,
}

/// Whether a key names a credential: [`twelve_config_names::is_credential_key`]
/// after percent-decoding (`pass%77ord` is `password`).
pub(crate) fn is_credential_query_key(key: &str) -> bool {
    twelve_config_names::is_credential_key(&percent_encoding::percent_decode_str(key).decode_utf8_lossy())
}

/// Masks the values of `key=value` pairs whose key names a credential, in
/// a query string, a keyword list or a map, and of `"key": value` members
/// written as JSON.
pub(crate) fn mask_credential_parameters(text: &str, query: QueryValue) -> String {
    let mut scratch = Masked { shown: String::new(), hidden: Vec::new() };
    mask_parameters(text, query, &mut scratch)
}

pub(crate) fn mask_parameters(text: &str, query: QueryValue, masked: &mut Masked) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Everything up to `copied` is in `out`.
    let mut copied = 0;
    let mut index = 0;
    while let Some(offset) = text[index..].find(['=', ':']) {
        let separator = index + offset;
        index = separator + 1;
        let json = bytes[separator] == b':';
        // The key: the run of key characters before the separator, spaces
        // allowed between them (libpq: `password = x`), quoted for JSON.
        let mut key_end = separator;
        while key_end > copied && bytes[key_end - 1].is_ascii_whitespace() {
            key_end -= 1;
        }
        if json {
            // Only `"key":` is a JSON member; a URL's `:` is not.
            if key_end == copied || bytes[key_end - 1] != b'"' {
                continue;
            }
            key_end -= 1;
        }
        let mut key_start = key_end;
        while key_start > copied && is_key_byte(bytes[key_start - 1]) {
            key_start -= 1;
        }
        if json && (key_start == copied || bytes[key_start - 1] != b'"') {
            continue;
        }
        if key_start == key_end || !is_credential_query_key(&text[key_start..key_end]) {
            continue;
        }
        let in_query = !json && key_start > 0 && matches!(bytes[key_start - 1], b'?' | b'&' | b';');
        let mut value_start = separator + 1;
        if !in_query {
            while value_start < bytes.len() && bytes[value_start].is_ascii_whitespace() {
                value_start += 1;
            }
        }
        let value_end = match bytes.get(value_start) {
            Some(&quote @ (b'\'' | b'"')) if !in_query => closing_quote(bytes, value_start, quote),
            // A JSON member that is not a string: to the next `,`, `}` or `]`.
            _ if json => bytes[value_start..]
                .iter()
                .position(|byte| matches!(byte, b',' | b'}' | b']'))
                .map_or(bytes.len(), |end| value_start + end),
            // In a query (after `?`, `&` or `;`) a URL parser reads a value
            // to the next `&` or `#`, through any `;`.
            _ if in_query && query == QueryValue::ToTheNextPair => bytes[value_start..]
                .iter()
                .position(|byte| matches!(byte, b'&' | b'#'))
                .map_or(bytes.len(), |end| value_start + end),
            _ => bytes.len(),
        };
        out.push_str(&text[copied..value_start]);
        masked.record(&text[value_start..value_end]);
        out.push_str(MASK);
        copied = value_end;
        index = value_end.max(index);
    }
    out.push_str(&text[copied..]);
    out
}

/// A byte that may be part of a parameter's name (percent-escapes included).
pub(crate) fn is_key_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.' | b'%')
}

/// The end of a quoted value starting at `start` (past its closing quote,
/// `\` escaping), or the end of the text.
pub(crate) fn closing_quote(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut index = start + 1;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            byte if byte == quote => return index + 1,
            _ => index += 1,
        }
    }
    bytes.len()
}
