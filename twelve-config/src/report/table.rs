//! The report's table: a summary line, then a row a problem, in columns.

use std::fmt::Write as _;

use super::*;

/// Kinds of problem, in the order the summary counts them.
pub(crate) const LABELS: [&str; 6] = ["missing", "invalid", "conflict", "rule", "unknown", "manifest"];
/// The width of the widest label.
pub(crate) const LABEL_WIDTH: usize = 8;

/// Values longer than this go on a line of their own.
pub(crate) const INLINE_VALUE: usize = 32;
/// Values and reasons are cut at this many characters.
pub(crate) const MAX_VALUE: usize = 120;
pub(crate) const MAX_REASON: usize = 200;
/// Columns wider than this do not widen the table.
pub(crate) const MAX_COLUMN: usize = 40;

pub(crate) fn render(problems: &[Problem]) -> String {
    let mut out = String::new();
    let count = problems.len();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for label in LABELS {
        let n = problems.iter().filter(|p| p.label() == label).count();
        if n > 0 {
            counts.push((label, n));
        }
    }
    let plural = if count == 1 { "" } else { "s" };
    let _ = write!(out, "{count} configuration problem{plural} (");
    for (index, (label, n)) in counts.iter().enumerate() {
        let separator = if index == 0 { "" } else { ", " };
        let _ = write!(out, "{separator}{n} {label}");
    }
    out.push_str("):");

    let mut rows = Vec::with_capacity(problems.len());
    // Labels are padded to the widest in use (at least `missing`), plus a
    // space, so a report without conflicts keeps a two-space gap.
    let mut label_width = LABEL_WIDTH - 1;
    let mut var_width = 0;
    let mut field_width = 0;
    for problem in problems {
        let row = Row::new(problem);
        label_width = label_width.max(row.label.len());
        var_width = column_width(var_width, row.var.chars().count());
        if let Some(field_and_type) = &row.field_and_type {
            field_width = column_width(field_width, field_and_type.chars().count());
        }
        rows.push(row);
    }
    let label_width = label_width + 1;
    for Row { label, var, field_and_type, detail: (detail, more) } in &rows {
        out.push_str("\n  ");
        let _ = write!(out, "{label:<label_width$} {var:<var_width$} ");
        let indent = 2 + label_width + 1 + var_width.max(var.chars().count()) + 1;
        let indent = match field_and_type {
            Some(field_and_type) => {
                let _ = write!(out, "{field_and_type:<field_width$} ");
                indent + field_width.max(field_and_type.chars().count()) + 1
            }
            None => indent,
        };
        out.push_str(detail);
        for line in more {
            let _ = write!(out, "\n{:indent$}{line}", "");
        }
        // No trailing spaces when the detail is empty.
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
    }
    out
}

/// One problem's line of the report, before alignment.
pub(crate) struct Row {
    label: &'static str,
    /// The variable's name as shown: control characters escaped, cut.
    var: String,
    field_and_type: Option<String>,
    /// What went wrong, and the lines that continue it.
    detail: (String, Vec<String>),
}

impl Row {
    fn new(problem: &Problem) -> Self {
        // Every piece is escaped here, whatever it holds and wherever it
        // came from (names, values, parser messages, file paths): the
        // report is read in terminals and log viewers.
        let (detail, more) = problem.detail();
        let mut lines = Vec::with_capacity(more.len());
        for line in &more {
            lines.push(escape_text(line).into_owned());
        }
        Self {
            label: problem.label(),
            var: problem.shown_vars(),
            // A rule's struct leads its message, as a sentence's subject:
            // `Service: workers must not exceed connections`.
            field_and_type: problem.field_and_type().map(|text| match problem {
                Problem::Rule { .. } => format!("{}:", escape_text(&text)),
                _ => escape_text(&text).into_owned(),
            }),
            detail: (escape_text(&detail).into_owned(), lines),
        }
    }
}

/// A variable's name as a report shows it: an unknown name comes from the
/// environment, so hazardous characters are escaped and a long one is cut.
pub(crate) fn shown_name(name: &str) -> String {
    let cut = char_boundary(name, MAX_VALUE);
    let escaped = escape_text(&name[..cut]);
    if cut < name.len() { format!("{escaped}… ({} bytes in all)", name.len()) } else { escaped.into_owned() }
}

/// A column's width so far, `width`, with a cell of `cell` characters: a
/// cell wider than `MAX_COLUMN` overflows rather than widen every row.
pub(crate) fn column_width(width: usize, cell: usize) -> usize {
    if cell <= MAX_COLUMN { width.max(cell) } else { width }
}

/// `A and B`, `A, B and C`.
pub(crate) fn both_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(crate) fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").trim().to_owned()
}

pub(crate) fn single_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A value as a report shows it, once [`Disclosure`](crate::disclosure::Disclosure)
/// has masked it: quoted and escaped like a Rust string, so control
/// characters and trailing spaces are visible, and cut, with the length of
/// the whole value (`len` bytes).
pub(crate) fn quoted(shown: &str, len: usize) -> String {
    let cut = char_boundary(shown, MAX_VALUE);
    let mut out = format!("{:?}", &shown[..cut]);
    if cut < shown.len() {
        // Drop the closing quote: the value goes on.
        out.pop();
        let _ = write!(out, "…\" ({len} bytes in all)");
    }
    out
}

/// A message as a report keeps it, once masked: cut to a readable length.
pub(crate) fn clipped_reason(text: &str) -> String {
    let cut = char_boundary(text, MAX_REASON);
    if cut < text.len() { format!("{}…", &text[..cut]) } else { text.to_owned() }
}

/// A message the crate wrote about a value it assembled (a handle from its
/// parts), which may quote a URL: masked as any text, and cut.
pub(crate) fn internal_reason(text: &str) -> String {
    clipped_reason(&crate::disclosure::mask_passwords(text))
}

/// Escaped text (`"caf\xE9"`) of a value of `len` bytes, cut to a
/// readable length like every value a report shows.
pub(crate) fn clip_escaped(escaped: &str, len: usize) -> String {
    let cut = char_boundary(escaped, MAX_VALUE);
    if cut < escaped.len() { format!("{}…\" ({len} bytes in all)", &escaped[..cut]) } else { escaped.to_owned() }
}

/// The end of the first `chars` characters of `text`.
pub(crate) fn char_boundary(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(index, _)| index)
}
