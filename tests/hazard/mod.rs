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
