//! What the tests of hostile text share: which characters must never
//! reach a terminal or a log line raw. Written out here, not taken from the
//! crate's own list, so the tests check that list instead of restating it.

/// Whether `text` holds a character that rewrites what a terminal or a log
/// viewer shows: a control (newline aside), a bidirectional override or
/// isolate, a line separator, a zero-width or other invisible one.
pub fn has_raw_hazard(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{AD}'
                    | '\u{61C}'
                    | '\u{200B}'..='\u{200F}'
                    | '\u{2028}'..='\u{202E}'
                    | '\u{2060}'..='\u{206F}'
                    | '\u{FE00}'..='\u{FE0F}'
                    | '\u{FEFF}'
            )
    })
}

/// Whether a handle's host, as its driver reads it, holds what no host
/// holds: a control character (newline included), an invisible one (the
/// joiners aside, which internationalised names need), and in a host name
/// (not a unix socket path, not an IPv6 address) whitespace or ASCII
/// punctuation outside RFC 3986's unreserved and sub-delims.
pub fn has_refused_host_char(host: &str, socket: bool) -> bool {
    let name = !socket && host.parse::<std::net::Ipv6Addr>().is_err();
    host.chars().any(|c| {
        c.is_control()
            || (has_raw_hazard(c.encode_utf8(&mut [0; 4]))
                && !matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}'))
            || (name
                && (c.is_whitespace() || (c.is_ascii() && !c.is_ascii_alphanumeric() && !"-._~!$&'()*+;=".contains(c))))
    })
}
