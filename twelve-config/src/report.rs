//! The report of everything wrong with an environment: [`Error`] and
//! [`Problem`].

use std::fmt::{self, Write as _};

/// Everything wrong with an environment, found in one pass.
///
/// `Display` and `Debug` both print the readable report, one problem a line,
/// in the order the fields are declared, so returning it from `main` shows
/// the whole report. Secret values never appear, and a URL's password is
/// masked.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, Problem, SecretString};
///
/// #[derive(EnvConfig, Debug)]
/// #[env(prefix = "APP_")]
/// struct Config {
///     /// Token for the payments API.
///     token: SecretString,
///     port: u16,
///     debug: bool,
/// }
///
/// let error = Config::from_vars([("APP_PORT", "eighty"), ("APP_DEBUG", "flase")]).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "\
/// 3 configuration problems (1 missing, 2 invalid):
///   missing  APP_TOKEN token: SecretString Token for the payments API.
///   invalid  APP_PORT  port: u16           \"eighty\": invalid digit found in string
///   invalid  APP_DEBUG debug: bool         \"flase\": expected true/false, 1/0, yes/no or on/off"
/// );
/// assert!(matches!(error.problems()[0], Problem::Missing { .. }));
/// assert_eq!(error.problems()[1].var(), "APP_PORT");
/// ```
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(.problems))]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        Self { problems }
    }

    /// Every problem, in the order the fields are declared; unknown
    /// variables last.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     host: String,
    ///     port: u16,
    /// }
    ///
    /// let error = Config::from_vars([("PORT", "x")]).unwrap_err();
    /// let vars: Vec<&str> = error.problems().iter().map(|p| p.var()).collect();
    /// assert_eq!(vars, ["HOST", "PORT"]);
    /// ```
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems, by value.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     host: String,
    /// }
    ///
    /// let problems = Config::from_vars(Vec::<(String, String)>::new()).unwrap_err().into_problems();
    /// assert_eq!(problems.len(), 1);
    /// ```
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// One thing wrong with one variable.
///
/// Every variant names its variable ([`var`](Self::var)); those about a
/// field also name the field (`smtp.host`, nested fields joined by `.`) and
/// its type as written in the struct. No variant holds a secret value: the
/// `value` of an invalid secret is `None`, and a URL's password is masked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A required variable is unset, or set but empty.
    #[non_exhaustive]
    Missing {
        /// The variable.
        var: String,
        /// The field, `parent.child` for nested fields.
        field: String,
        /// The field's type as written.
        type_name: String,
        /// The field's `///` documentation.
        description: Option<String>,
        /// Set, but to the empty string.
        empty: bool,
        /// The `_FILE` variable that could supply the value instead.
        file_var: Option<String>,
        /// A set variable whose name is a likely typo of this one
        /// (`APP_DATABSE_URL` for `APP_DATABASE_URL`).
        similar: Option<String>,
        /// The variable belongs to an optional group (`#[env(nested)]` on
        /// an `Option`) that is partly set: the group's field, and the
        /// variables of it that are set.
        optional_group: Option<(String, Vec<String>)>,
        /// What was likely meant, when it is no typo: the name set in
        /// another case (`app_port`), with or without the config's prefix,
        /// a `_FILE` variable for a field that reads no files, or an empty
        /// file.
        hint: Option<String>,
    },
    /// A variable is set, but its value is not valid for the field's type.
    #[non_exhaustive]
    Invalid {
        /// The variable.
        var: String,
        /// The field, `parent.child` for nested fields.
        field: String,
        /// The field's type as written.
        type_name: String,
        /// Why the value is not valid.
        reason: String,
        /// The offending value as the report shows it: quoted and escaped
        /// like a Rust string, password-masked, and cut after 120
        /// characters; `None` for secrets.
        value: Option<String>,
        /// The value is the field's `#[env(default = "...")]`: a bug in the
        /// program, not in the environment.
        from_default: bool,
    },
    /// A variable's value is not valid Unicode.
    #[non_exhaustive]
    NotUnicode {
        /// The variable.
        var: String,
        /// The field, `parent.child` for nested fields.
        field: String,
        /// The field's type as written.
        type_name: String,
        /// The value as the report shows it, quoted, invalid bytes escaped
        /// (`"caf\xE9"`); `None` for secrets.
        value: Option<String>,
    },
    /// Both a variable and its `_FILE` variable are set: which one is meant
    /// is ambiguous.
    #[non_exhaustive]
    Ambiguous {
        /// The variable.
        var: String,
        /// Its `_FILE` variable.
        file_var: String,
        /// The field, `parent.child` for nested fields.
        field: String,
        /// The field's type as written.
        type_name: String,
    },
    /// The file a `_FILE` variable names cannot be read.
    #[non_exhaustive]
    File {
        /// The `_FILE` variable.
        var: String,
        /// The field, `parent.child` for nested fields.
        field: String,
        /// The field's type as written.
        type_name: String,
        /// The path, quoted and escaped (the file's content is never
        /// shown); `None` when the value does not read as a path (absolute,
        /// or starting `./` or `../`, in a directory that exists), as it may
        /// then be the secret itself, put in `X_FILE` by mistake.
        path: Option<String>,
        /// Why it cannot be read: `no such file`, `permission denied`, ...
        reason: String,
    },
    /// The field's own variable is unset, and two or more of its aliases
    /// (`#[env(alias = "OLD")]`, `deprecated`) are set to different
    /// values: which one is meant is ambiguous.
    #[non_exhaustive]
    Conflict {
        /// The field's own variable.
        var: String,
        /// The aliases that are set, in the order the field lists them.
        aliases: Vec<String>,
        /// The field, `parent.child` for nested fields.
        field: String,
        /// The field's type as written.
        type_name: String,
    },
    /// A rule over a whole struct (`#[env(validate = path)]`) failed.
    #[non_exhaustive]
    Rule {
        /// The variables the rule names (see [`RuleError`](crate::RuleError)),
        /// in order; empty when it names none.
        vars: Vec<String>,
        /// The struct the rule checks (`Config`, `smtp` for a nested one).
        config: String,
        /// The rule's message, masked like every value a report shows.
        message: String,
    },
    /// What only a deploy manifest can get wrong, found by
    /// [`check`](crate::check) (feature `check`): a secret written in the
    /// manifest, or taken from a `ConfigMap`; a reference to a key the
    /// manifest lacks; a value Kubernetes refuses; no container, or several
    /// when none was named; a manifest that cannot be read.
    #[non_exhaustive]
    Manifest {
        /// The variable, when the problem is about one.
        var: Option<String>,
        /// Where in the manifest: `Deployment/api, container app`,
        /// `service web`, `line 3 column 5`.
        place: String,
        /// What is wrong, and how to fix it.
        reason: String,
    },
    /// A variable under the config's prefix that no field reads (reported
    /// with `#[env(deny_unknown)]`).
    #[non_exhaustive]
    Unknown {
        /// The variable.
        var: String,
        /// The variable the config reads whose name is closest, if any is close.
        suggestion: Option<String>,
    },
}

impl Problem {
    /// The variable the problem is about.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// #[env(prefix = "APP_")]
    /// struct Config {
    ///     port: u16,
    /// }
    ///
    /// let error = Config::from_vars([("APP_PORT", "")]).unwrap_err();
    /// assert_eq!(error.problems()[0].var(), "APP_PORT");
    /// ```
    pub fn var(&self) -> &str {
        match self {
            Self::Missing { var, .. }
            | Self::Invalid { var, .. }
            | Self::NotUnicode { var, .. }
            | Self::Ambiguous { var, .. }
            | Self::File { var, .. }
            | Self::Conflict { var, .. }
            | Self::Unknown { var, .. } => var,
            Self::Rule { vars, config, .. } => vars.first().unwrap_or(config),
            Self::Manifest { var, place, .. } => var.as_deref().unwrap_or(place),
        }
    }

    /// The field the problem is about (`smtp.host` for a nested field);
    /// `None` for an unknown variable.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     port: u16,
    /// }
    ///
    /// let error = Config::from_vars([("PORT", "x")]).unwrap_err();
    /// assert_eq!(error.problems()[0].field(), Some("port"));
    /// ```
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Missing { field, .. }
            | Self::Invalid { field, .. }
            | Self::NotUnicode { field, .. }
            | Self::Ambiguous { field, .. }
            | Self::File { field, .. }
            | Self::Conflict { field, .. } => Some(field),
            Self::Unknown { .. } | Self::Rule { .. } | Self::Manifest { .. } => None,
        }
    }

    /// The variable column: every variable a rule names, or the one.
    fn shown_vars(&self) -> String {
        match self {
            Self::Rule { vars, .. } if vars.len() > 1 => {
                vars.iter().map(|var| shown_name(var)).collect::<Vec<_>>().join(", ")
            }
            _ => shown_name(self.var()),
        }
    }

    fn label(&self) -> &'static str {
        match self {
            Self::Missing { .. } => "missing",
            Self::Invalid { .. } | Self::NotUnicode { .. } | Self::File { .. } => "invalid",
            Self::Ambiguous { .. } | Self::Conflict { .. } => "conflict",
            Self::Rule { .. } => "rule",
            Self::Unknown { .. } => "unknown",
            Self::Manifest { .. } => "manifest",
        }
    }

    fn field_and_type(&self) -> Option<String> {
        match self {
            Self::Missing { field, type_name, .. }
            | Self::Invalid { field, type_name, .. }
            | Self::NotUnicode { field, type_name, .. }
            | Self::Ambiguous { field, type_name, .. }
            | Self::File { field, type_name, .. }
            | Self::Conflict { field, type_name, .. } => Some(format!("{field}: {type_name}")),
            Self::Rule { config, .. } => Some(config.clone()),
            Self::Manifest { var: Some(_), place, .. } => Some(place.clone()),
            Self::Unknown { .. } | Self::Manifest { var: None, .. } => None,
        }
    }

    /// What went wrong, and the lines that continue it.
    fn detail(&self) -> (String, Vec<String>) {
        match self {
            Self::Missing { description, empty, file_var, similar, optional_group, hint, .. } => {
                let mut parts = Vec::new();
                if let Some(description) = description {
                    parts.push(first_line(description));
                }
                if *empty {
                    parts.push("(set but empty)".to_owned());
                }
                match file_var {
                    Some(file_var) => parts.push(format!("(set it, or {file_var})")),
                    None if parts.is_empty() => parts.push("not set".to_owned()),
                    None => {}
                }
                if let Some(similar) = similar {
                    parts.push(format!("({similar} is set: a typo?)"));
                }
                if let Some(hint) = hint {
                    parts.push(format!("({hint})"));
                }
                if let Some((group, set)) = optional_group {
                    parts.push(format!(
                        "(the group `{group}` is optional, but {} {} set: set this too, or unset the group)",
                        both_and(set),
                        if set.len() == 1 { "is" } else { "are" }
                    ));
                }
                (parts.join(" "), Vec::new())
            }
            Self::Invalid { reason, value, from_default, .. } => {
                let reason = single_line(reason);
                let origin = if *from_default { "default " } else { "" };
                let fix = if *from_default { " (fix the field's #[env(default)])" } else { "" };
                match value {
                    None => (format!("{origin}{reason} (secret: value not shown){fix}"), Vec::new()),
                    Some(value) if value.contains("://") || value.chars().count() > INLINE_VALUE => {
                        (format!("{origin}{reason}{fix}"), vec![format!("(value: {value})")])
                    }
                    Some(value) => (format!("{origin}{value}: {reason}{fix}"), Vec::new()),
                }
            }
            Self::NotUnicode { value, .. } => match value {
                Some(value) => (format!("not valid Unicode: {value}"), Vec::new()),
                None => ("not valid Unicode (secret: value not shown)".to_owned(), Vec::new()),
            },
            Self::Ambiguous { file_var, .. } => {
                (format!("both it and {file_var} are set: unset one of them"), Vec::new())
            }
            Self::File { path: Some(path), reason, .. } => (format!("cannot read {path}: {reason}"), Vec::new()),
            Self::File { path: None, reason, .. } => (
                format!(
                    "cannot read the file it names: {reason} (value not shown: it does not read as a path in a directory that exists, so it may be the secret itself)"
                ),
                Vec::new(),
            ),
            Self::Conflict { aliases, .. } => (
                format!(
                    "unset, and its aliases {} are set to different values: set it, or unset all but one",
                    both_and(aliases)
                ),
                Vec::new(),
            ),
            Self::Rule { message, .. } => (single_line(message), Vec::new()),
            Self::Manifest { reason, .. } => (single_line(reason), Vec::new()),
            Self::Unknown { suggestion, .. } => match suggestion {
                Some(suggestion) => (format!("did you mean {suggestion}?"), Vec::new()),
                None => ("no field reads it".to_owned(), Vec::new()),
            },
        }
    }
}

impl fmt::Display for Problem {
    /// One line: `invalid APP_PORT (port: u16): "eighty": invalid digit found in string`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (detail, more) = self.detail();
        write!(f, "{} {}", self.label(), self.shown_vars())?;
        if let Some(field_and_type) = self.field_and_type() {
            write!(f, " ({})", escape_text(&field_and_type))?;
        }
        write!(f, ": {}", escape_text(&detail))?;
        for line in more {
            write!(f, " {}", escape_text(&line))?;
        }
        Ok(())
    }
}

/// Kinds of problem, in the order the summary counts them.
const LABELS: [&str; 6] = ["missing", "invalid", "conflict", "rule", "unknown", "manifest"];
/// The width of the widest label.
const LABEL_WIDTH: usize = 8;

/// Values longer than this go on a line of their own.
const INLINE_VALUE: usize = 32;
/// Values and reasons are cut at this many characters.
const MAX_VALUE: usize = 120;
const MAX_REASON: usize = 200;
/// Columns wider than this do not widen the table.
const MAX_COLUMN: usize = 40;

fn render(problems: &[Problem]) -> String {
    let mut out = String::new();
    let count = problems.len();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for label in LABELS {
        let n = problems.iter().filter(|p| p.label() == label).count();
        if n > 0 {
            counts.push((label, n));
        }
    }
    let counts: Vec<String> = counts.iter().map(|(label, n)| format!("{n} {label}")).collect();
    let plural = if count == 1 { "" } else { "s" };
    let _ = write!(out, "{count} configuration problem{plural} ({}):", counts.join(", "));

    let rows: Vec<Row> = problems.iter().map(Row::new).collect();
    // Labels are padded to the widest in use (at least `missing`), plus a
    // space, so a report without conflicts keeps a two-space gap.
    let label_width = rows.iter().map(|row| row.label.len()).max().unwrap_or(0).max(LABEL_WIDTH - 1) + 1;
    let var_width = column_width(rows.iter().map(|row| row.var.chars().count()));
    let field_width =
        column_width(rows.iter().filter_map(|row| row.field_and_type.as_ref().map(|f| f.chars().count())));
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
struct Row {
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
        Self {
            label: problem.label(),
            var: problem.shown_vars(),
            // A rule's struct leads its message, as a sentence's subject:
            // `Service: workers must not exceed connections`.
            field_and_type: problem.field_and_type().map(|text| match problem {
                Problem::Rule { .. } => format!("{}:", escape_text(&text)),
                _ => escape_text(&text).into_owned(),
            }),
            detail: (
                escape_text(&detail).into_owned(),
                more.iter().map(|line| escape_text(line).into_owned()).collect(),
            ),
        }
    }
}

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

/// A variable's name as a report shows it: an unknown name comes from the
/// environment, so hazardous characters are escaped and a long one is cut.
fn shown_name(name: &str) -> String {
    let cut = char_boundary(name, MAX_VALUE);
    let escaped = escape_text(&name[..cut]);
    if cut < name.len() { format!("{escaped}… ({} bytes in all)", name.len()) } else { escaped.into_owned() }
}

fn column_width(widths: impl Iterator<Item = usize>) -> usize {
    widths.filter(|&w| w <= MAX_COLUMN).max().unwrap_or(0)
}

/// `A and B`, `A, B and C`.
fn both_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").trim().to_owned()
}

fn single_line(text: &str) -> String {
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
fn char_boundary(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(index, _)| index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(var: &str, field: &str, ty: &str, description: Option<&str>, file_var: Option<&str>) -> Problem {
        Problem::Missing {
            var: var.into(),
            field: field.into(),
            type_name: ty.into(),
            description: description.map(str::to_owned),
            empty: false,
            file_var: file_var.map(str::to_owned),
            similar: None,
            optional_group: None,
            hint: None,
        }
    }

    #[test]
    fn report_aligns_columns_and_counts_kinds() {
        let problems = vec![
            missing("BILLING_SMTP_HOST", "smtp.host", "String", Some("Mail relay host.\nMore text."), None),
            missing("BILLING_API_TOKEN", "api_token", "SecretString", None, Some("BILLING_API_TOKEN_FILE")),
            Problem::Invalid {
                var: "BILLING_PORT".into(),
                field: "port".into(),
                type_name: "u16".into(),
                reason: "invalid digit found in string".into(),
                value: Some("\"eighty\"".into()),
                from_default: false,
            },
            Problem::Unknown { var: "BILLING_DATABSE_URL".into(), suggestion: Some("DATABASE_URL".into()) },
        ];
        let expected = "\
4 configuration problems (2 missing, 1 invalid, 1 unknown):
  missing  BILLING_SMTP_HOST   smtp.host: String       Mail relay host.
  missing  BILLING_API_TOKEN   api_token: SecretString (set it, or BILLING_API_TOKEN_FILE)
  invalid  BILLING_PORT        port: u16               \"eighty\": invalid digit found in string
  unknown  BILLING_DATABSE_URL did you mean DATABASE_URL?";
        assert_eq!(render(&problems), expected);
    }

    #[test]
    fn long_and_url_values_go_on_their_own_line() {
        let problem = Problem::Invalid {
            var: "DATABASE_URL".into(),
            field: "database".into(),
            type_name: "String".into(),
            reason: "bad".into(),
            value: crate::disclosure::Disclosure::Masked.value("mysql://admin:hunter2@db/app"),
            from_default: false,
        };
        let report = render(&[problem]);
        assert_eq!(
            report,
            "1 configuration problem (1 invalid):\n  invalid  DATABASE_URL database: String bad\n                                         (value: \"mysql://admin:***@db/app\")"
        );
    }

    #[test]
    fn shown_values_are_escaped_masked_and_clipped() {
        let shown_value = |text: &str| crate::disclosure::Disclosure::Masked.value(text).unwrap();
        assert_eq!(shown_value("a\u{7}b "), "\"a\\u{7}b \"");
        let long = "x".repeat(1_000_000);
        let shown = shown_value(&long);
        assert!(shown.len() < 200, "{}", shown.len());
        assert!(shown.ends_with("…\" (1000000 bytes in all)"), "{shown}");
    }

    #[test]
    fn a_url_cut_by_the_window_never_shows_its_password() {
        let shown_value = |text: &str| crate::disclosure::Disclosure::Masked.value(text).unwrap();
        let long_password = format!("postgres://user:{}@host/db", "p".repeat(5000));
        let shown = shown_value(&long_password);
        assert!(!shown.contains("ppp"), "{shown}");
        assert!(shown.starts_with("\"postgres://user:***@host"), "{shown}");
        let late_url = format!("{} postgres://u:{}@h", "x".repeat(1000), "p".repeat(100));
        assert!(!shown_value(&late_url).contains("ppp"));
    }

    #[test]
    fn problem_display_is_one_line() {
        let problem = Problem::Invalid {
            var: "P".into(),
            field: "p".into(),
            type_name: "u8".into(),
            reason: "too\nlong".into(),
            value: None,
            from_default: true,
        };
        assert_eq!(
            problem.to_string(),
            "invalid P (p: u8): default too long (secret: value not shown) (fix the field's #[env(default)])"
        );
    }
}
