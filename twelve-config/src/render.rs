//! Documentation and templates generated from [`EnvConfig::vars`]: a
//! `.env.example` and a Markdown table, so a service's docs never drift from
//! its code. Neither ever holds a secret's value or default.
//!
//! ```
//! use twelve_config::{EnvConfig, SecretString, render};
//!
//! #[derive(EnvConfig)]
//! #[env(prefix = "APP_")]
//! struct Config {
//!     /// Port the HTTP server binds.
//!     #[env(default = 8080)]
//!     port: u16,
//!     /// Token for the payments API.
//!     api_token: SecretString,
//! }
//!
//! let vars = Config::vars();
//! assert_eq!(
//!     render::env_example(&vars),
//!     "\
//! ## Port the HTTP server binds.
//! ## u16, optional
//! ## APP_PORT=8080
//!
//! ## Token for the payments API.
//! ## SecretString, required, secret
//! APP_API_TOKEN=
//! "
//! );
//! assert_eq!(
//!     render::markdown(&vars),
//!     "\
//! | Variable | Type | Required | Default | Description |
//! | --- | --- | --- | --- | --- |
//! | `APP_PORT` | `u16` | no | `8080` | Port the HTTP server binds. |
//! | `APP_API_TOKEN` | `SecretString` | yes | *secret* | Token for the payments API. |
//! "
//! );
//! ```
//!
//! [`EnvConfig::vars`]: crate::EnvConfig::vars

use std::fmt::Write as _;

use crate::Var;

/// A `.env.example`: each variable with its description and type as
/// comments. Required variables are left empty to fill in; variables with a
/// default or that are optional are commented out, showing the default;
/// secrets are always empty.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, render};
///
/// #[derive(EnvConfig)]
/// struct Config {
///     #[env(name = "DATABASE_URL")]
///     database: String,
///     #[env(default = "info")]
///     log_level: String,
/// }
///
/// let text = render::env_example(&Config::vars());
/// assert!(text.contains("\nDATABASE_URL=\n"));
/// assert!(text.contains("\n# LOG_LEVEL=info\n"));
/// ```
pub fn env_example(vars: &[Var]) -> String {
    let mut out = String::new();
    for (index, var) in vars.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        if let Some(description) = &var.description {
            for line in description.lines() {
                let _ = writeln!(out, "# {line}");
            }
        }
        let mut facts = vec![var.type_name.clone(), if var.required { "required" } else { "optional" }.to_owned()];
        if var.secret {
            facts.push("secret".to_owned());
        }
        if var.file {
            facts.push(format!("or set {}_FILE to a file that holds it", var.name));
        }
        if !var.aliases.is_empty() {
            facts.push(format!("also read from {}", alias_list(var, |name| name.to_owned())));
        }
        let _ = writeln!(out, "# {}", facts.join(", "));
        let value = match (&var.default, var.secret) {
            (Some(default), false) => dotenv_quote(default),
            _ => String::new(),
        };
        let comment = if var.required { "" } else { "# " };
        let _ = writeln!(out, "{comment}{}={value}", var.name);
    }
    out
}

/// A Markdown table: variable, type, required, default, description.
/// Secrets show *secret* in place of a default.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, render};
///
/// #[derive(EnvConfig)]
/// struct Config {
///     /// Port | number.
///     #[env(default = 8080)]
///     port: u16,
/// }
///
/// let table = render::markdown(&Config::vars());
/// assert!(table.ends_with("| `PORT` | `u16` | no | `8080` | Port \\| number. |\n"));
/// ```
pub fn markdown(vars: &[Var]) -> String {
    let mut out =
        String::from("| Variable | Type | Required | Default | Description |\n| --- | --- | --- | --- | --- |\n");
    for var in vars {
        let default = match (&var.default, var.secret) {
            (_, true) => "*secret*".to_owned(),
            (Some(default), false) => code(default),
            (None, false) => String::new(),
        };
        let mut description = var.description.as_deref().map(cell).unwrap_or_default();
        if var.file {
            if !description.is_empty() {
                description.push(' ');
            }
            let _ = write!(description, "Or `{}_FILE`: a file that holds it.", var.name);
        }
        if !var.aliases.is_empty() {
            if !description.is_empty() {
                description.push(' ');
            }
            let _ = write!(description, "Also read from {}.", alias_list(var, code));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {default} | {description} |",
            code(&var.name),
            code(&var.type_name),
            if var.required { "yes" } else { "no" },
        );
    }
    out
}

/// A variable's aliases, the deprecated ones marked: `DB_URL, OLD_DB (deprecated)`.
fn alias_list(var: &Var, name: impl Fn(&str) -> String) -> String {
    let names: Vec<String> = var
        .aliases
        .iter()
        .map(|alias| if var.deprecated.contains(alias) { format!("{} (deprecated)", name(alias)) } else { name(alias) })
        .collect();
    names.join(", ")
}

/// Text as a Markdown table cell: pipes escaped, lines joined with `<br>`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").lines().collect::<Vec<_>>().join("<br>")
}

/// Text as inline code in a table cell; an empty default shows as `""`.
fn code(text: &str) -> String {
    if text.is_empty() {
        return "`\"\"`".to_owned();
    }
    let text = cell(text);
    if text.contains('`') { format!("`` {text} ``") } else { format!("`{text}`") }
}

/// A value as a `.env` file holds it: bare when plain, double-quoted with
/// escapes otherwise.
fn dotenv_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ',' | ':' | '/' | '@' | '+'));
    if plain || value.is_empty() {
        return value.to_owned();
    }
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '$' => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotenv_values_are_quoted_when_needed() {
        assert_eq!(dotenv_quote("8080"), "8080");
        assert_eq!(dotenv_quote("postgres://db:5432/app"), "postgres://db:5432/app");
        assert_eq!(dotenv_quote("a b"), "\"a b\"");
        assert_eq!(dotenv_quote("say \"hi\" $HOME"), "\"say \\\"hi\\\" \\$HOME\"");
        assert_eq!(dotenv_quote("#comment"), "\"#comment\"");
    }

    #[test]
    fn markdown_cells_escape_pipes_and_backticks() {
        assert_eq!(cell("a|b\nc"), "a\\|b<br>c");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code(""), "`\"\"`");
    }
}
