//! How text from outside is shown: hazardous characters escaped.

/// Whether a character could change how a terminal or a log viewer shows
/// the text around it: control characters (ESC starts ANSI sequences that
/// hide or rewrite lines), bidirectional overrides and isolates (U+202E
/// reverses what follows), line and paragraph separators (U+2028 breaks a
/// line that log tools think is one), zero-width and other invisible
/// format characters.
pub(crate) fn is_hazardous_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{AD}'
                | '\u{34F}'
                | '\u{61C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// `text` with every hazardous character written as an escape (`\u{1b}`,
/// `\u{202e}`, `\n`): nothing from outside reaches a report raw.
pub(crate) fn escape_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hazardous_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hazardous_char(c) {
            if c.is_control() {
                out.extend(c.escape_debug());
            } else {
                out.extend(c.escape_unicode());
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
