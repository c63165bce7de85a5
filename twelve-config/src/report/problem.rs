//! `Problem`: one thing wrong with one variable, and how its line reads.

use std::fmt;

use super::*;

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
    pub(crate) fn shown_vars(&self) -> String {
        match self {
            Self::Rule { vars, .. } if vars.len() > 1 => {
                let mut shown = String::new();
                for var in vars {
                    shown.push_str(if shown.is_empty() { "" } else { ", " });
                    shown.push_str(&shown_name(var));
                }
                shown
            }
            _ => shown_name(self.var()),
        }
    }

    pub(crate) fn label(&self) -> &'static str {
        match self {
            Self::Missing { .. } => "missing",
            Self::Invalid { .. } | Self::NotUnicode { .. } | Self::File { .. } => "invalid",
            Self::Ambiguous { .. } | Self::Conflict { .. } => "conflict",
            Self::Rule { .. } => "rule",
            Self::Unknown { .. } => "unknown",
            Self::Manifest { .. } => "manifest",
        }
    }

    pub(crate) fn field_and_type(&self) -> Option<String> {
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
    pub(crate) fn detail(&self) -> (String, Vec<String>) {
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
