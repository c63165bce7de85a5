//! Documentation, templates and manifests generated from
//! [`EnvConfig::vars`]: a `.env.example`, a Markdown table, Kubernetes
//! manifests, a Compose `environment:` block, a systemd drop-in and a JSON
//! Schema, so a service's docs and deploy files never drift from its code.
//! None ever holds a secret's value or default.
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

mod schema;
mod systemd;

use std::fmt::Write as _;

pub use schema::json_schema;
pub use systemd::systemd;

use crate::{EnvConfig, Var};

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
        if !var.choices.is_empty() {
            facts.push(format!("one of: {}", var.choices.join(", ")));
        }
        if var.default_in_code {
            facts.push("default set in code".to_owned());
        }
        if !var.aliases.is_empty() {
            facts.push(format!("also read from {}", alias_list(var, str::to_owned)));
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
            (None, false) if var.default_in_code => "*set in code*".to_owned(),
            (None, false) => String::new(),
        };
        let mut description = var.description.as_deref().map(cell).unwrap_or_default();
        if var.file {
            if !description.is_empty() {
                description.push(' ');
            }
            let _ = write!(description, "Or `{}_FILE`: a file that holds it.", var.name);
        }
        if !var.choices.is_empty() {
            if !description.is_empty() {
                description.push(' ');
            }
            description.push_str("One of ");
            for (index, choice) in var.choices.iter().enumerate() {
                description.push_str(if index == 0 { "" } else { ", " });
                description.push_str(&code(choice));
            }
            description.push('.');
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

/// Kubernetes manifests for the config `T`, as one multi-document YAML
/// text:
///
/// - a `ConfigMap` with every variable that is not secret, holding its
///   default (or `""` with a comment for one to fill in: an empty value
///   counts as unset, so a default in the code still applies);
/// - a `Secret` (`stringData`, every value `""` to fill in, never a
///   default) with every secret variable;
/// - the container's part of a pod spec: `env:` entries taking each plain
///   variable from the `ConfigMap` (`configMapKeyRef`) and each secret from
///   the `Secret` (`secretKeyRef`); a secret that may come from a file
///   (`#[env(file)]`) is mounted instead, as a read-only `Secret` volume at
///   `/run/secrets/<app>`, with its `NAME_FILE` variable pointing into it.
///
/// `<app>` is the prefix in kebab case (`BILLING_` → `billing`), or the
/// type's name. Every variable is referenced exactly once.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, SecretString, render};
///
/// #[derive(EnvConfig)]
/// #[env(prefix = "BILLING_")]
/// struct Config {
///     #[env(default = 8080)]
///     port: u16,
///     api_token: SecretString,
/// }
///
/// let yaml = render::kubernetes::<Config>();
/// assert!(yaml.contains("kind: ConfigMap\nmetadata:\n  name: billing-config\ndata:\n  \"BILLING_PORT\": \"8080\"\n"));
/// assert!(yaml.contains("secretKeyRef:\n              name: billing-secrets\n              key: \"BILLING_API_TOKEN\"\n"));
/// ```
pub fn kubernetes<T: EnvConfig>() -> String {
    let vars = T::vars();
    let app = app_name::<T>();
    let mut out = format!(
        "# Kubernetes manifests for {app}, generated by twelve-config from `{}`.\n# Fill in the empty values; secrets are never filled in.\n",
        std::any::type_name::<T>()
    );
    let _ = write!(out, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {app}-config\ndata:");
    let plain: Vec<&Var> = vars.iter().filter(|var| !var.secret).collect();
    if plain.is_empty() {
        out.push_str(" {}");
    }
    out.push('\n');
    for var in &plain {
        let _ = writeln!(
            out,
            "  {}: {}{}",
            yaml_string(&var.name),
            yaml_string(var.default.as_deref().unwrap_or("")),
            fill_in(var)
        );
    }
    let _ =
        write!(out, "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: {app}-secrets\ntype: Opaque\nstringData:");
    let secrets: Vec<&Var> = vars.iter().filter(|var| var.secret).collect();
    if secrets.is_empty() {
        out.push_str(" {}");
    }
    out.push('\n');
    for var in &secrets {
        let _ = writeln!(out, "  {}: \"\"{}", yaml_string(&var.name), fill_in(var));
    }
    let _ = writeln!(
        out,
        "---\n# The container's part of the pod spec: merge it into your Deployment's template.\nspec:\n  containers:\n    - name: {app}\n      env:"
    );
    for var in &vars {
        if mounted_as_file(var) {
            let _ = writeln!(
                out,
                "        - name: {}\n          value: {}",
                yaml_string(&format!("{}_FILE", var.name)),
                yaml_string(&format!("/run/secrets/{app}/{}", var.name))
            );
        } else {
            let (reference, source) = if var.secret {
                ("secretKeyRef", format!("{app}-secrets"))
            } else {
                ("configMapKeyRef", format!("{app}-config"))
            };
            let _ = writeln!(
                out,
                "        - name: {name}\n          valueFrom:\n            {reference}:\n              name: {source}\n              key: {name}",
                name = yaml_string(&var.name)
            );
        }
    }
    let files: Vec<&Var> = vars.iter().filter(|var| mounted_as_file(var)).collect();
    if !files.is_empty() {
        let _ = writeln!(
            out,
            "      volumeMounts:\n        - name: {app}-secret-files\n          mountPath: /run/secrets/{app}\n          readOnly: true\n  volumes:\n    - name: {app}-secret-files\n      secret:\n        secretName: {app}-secrets\n        items:"
        );
        for var in files {
            let _ = writeln!(out, "          - key: {name}\n            path: {name}", name = yaml_string(&var.name));
        }
    }
    out
}

/// A Docker Compose file for the config `T`: one service (`<app>`, as in
/// [`kubernetes`]) with its `environment:` block.
///
/// Plain variables hold their default; those without one are taken from
/// the shell or an `env_file` (`${NAME}`, or `${NAME:?...}` when
/// required). Secrets are never written: each is `${NAME}` from the shell,
/// and one that may come from a file (`#[env(file)]`) is a Compose secret
/// mounted at `/run/secrets/<name>`, with `NAME_FILE` pointing at it.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, SecretString, render};
///
/// #[derive(EnvConfig)]
/// #[env(prefix = "BILLING_")]
/// struct Config {
///     #[env(default = 8080)]
///     port: u16,
///     api_token: SecretString,
/// }
///
/// let yaml = render::compose::<Config>();
/// assert!(yaml.contains("      \"BILLING_PORT\": \"8080\"\n"));
/// assert!(yaml.contains("      \"BILLING_API_TOKEN\": \"${BILLING_API_TOKEN:?set BILLING_API_TOKEN}\"\n"));
/// ```
pub fn compose<T: EnvConfig>() -> String {
    let vars = T::vars();
    let app = app_name::<T>();
    let mut out = format!(
        "# A Compose service for {app}, generated by twelve-config from `{}`.\nservices:\n  {app}:\n    environment:",
        std::any::type_name::<T>()
    );
    if vars.is_empty() {
        out.push_str(" {}");
    }
    out.push('\n');
    for var in &vars {
        let (name, value) = if mounted_as_file(var) {
            (format!("{}_FILE", var.name), format!("/run/secrets/{}", secret_name(var)))
        } else {
            let value = match (&var.default, var.secret, var.required) {
                (Some(default), false, _) => default.replace('$', "$$"),
                (_, _, true) => format!("${{{name}:?set {name}}}", name = var.name),
                _ => format!("${{{}}}", var.name),
            };
            (var.name.clone(), value)
        };
        let _ = writeln!(out, "      {}: {}", yaml_string(&name), yaml_string(&value));
    }
    let files: Vec<&Var> = vars.iter().filter(|var| mounted_as_file(var)).collect();
    if !files.is_empty() {
        out.push_str("    secrets:\n");
        for var in &files {
            let _ = writeln!(out, "      - {}", secret_name(var));
        }
        out.push_str("secrets:\n");
        for var in &files {
            let _ = writeln!(out, "  {}:\n    environment: {}", secret_name(var), yaml_string(&var.name));
        }
    }
    out
}

/// Whether a secret is mounted as a file (`#[env(file)]`), its `NAME_FILE`
/// pointing at it, rather than passed in the environment.
fn mounted_as_file(var: &Var) -> bool {
    var.secret && var.file
}

/// The name of a Compose secret: the variable in lowercase.
fn secret_name(var: &Var) -> String {
    var.name.to_ascii_lowercase()
}

/// `<app>`: the prefix in kebab case, or the type's name.
fn app_name<T: EnvConfig>() -> String {
    let prefix = T::__prefix().trim_end_matches('_');
    let base = if prefix.is_empty() {
        let full = std::any::type_name::<T>();
        full.rsplit("::").next().unwrap_or(full).to_owned()
    } else {
        prefix.to_owned()
    };
    let mut out = String::new();
    for (index, c) in base.chars().enumerate() {
        if c.is_ascii_uppercase() && index > 0 && prefix.is_empty() {
            out.push('-');
        }
        match c {
            '_' => out.push('-'),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    if out.is_empty() { "app".to_owned() } else { out }
}

/// A comment for a value to fill in.
fn fill_in(var: &Var) -> &'static str {
    match (var.required, var.default.is_some() && !var.secret) {
        (true, _) => "  # required: fill in",
        (false, false) => "  # optional",
        (false, true) => "",
    }
}

/// Text as a YAML double-quoted scalar: every `"`, `\` and control
/// character escaped, so any value is one valid scalar. It is also a JSON
/// string (RFC 8259): every escape it writes is JSON's too, which the
/// JSON Schema relies on.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || ('\u{80}'..='\u{9f}').contains(&c)
                || c == '\u{2028}'
                || c == '\u{2029}'
                || c == '\u{feff}' =>
            {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A variable's aliases, the deprecated ones marked: `DB_URL, OLD_DB (deprecated)`.
fn alias_list(var: &Var, name: fn(&str) -> String) -> String {
    let mut list = String::new();
    for alias in &var.aliases {
        if !list.is_empty() {
            list.push_str(", ");
        }
        list.push_str(&name(alias));
        if var.deprecated.contains(alias) {
            list.push_str(" (deprecated)");
        }
    }
    list
}

/// Text as a Markdown table cell: pipes escaped, lines joined with `<br>`.
fn cell(text: &str) -> String {
    let mut cell = String::new();
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            cell.push_str("<br>");
        }
        cell.push_str(&line.replace('|', "\\|"));
    }
    cell
}

/// Text as inline code in a table cell; an empty default shows as `""`.
fn code(text: &str) -> String {
    if text.is_empty() {
        return "`\"\"`".to_owned();
    }
    let text = cell(text);
    // CommonMark closes a code span at the first run of backticks as long
    // as the one that opened it: open with a longer run than any inside,
    // and pad with spaces (which CommonMark strips) where a backtick would
    // touch the fence.
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
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
        // Every line break is kept, a leading or a blank line too.
        assert_eq!(cell("\na\n\nb"), "<br>a<br><br>b");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(code("`a"), "`` `a ``");
        assert_eq!(code(""), "`\"\"`");
    }
}
