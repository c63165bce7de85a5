//! A JSON Schema (2020-12) of a config's variables, for a pipeline to
//! validate a deploy's environment before it runs.
//!
//! The JSON is written here, not by serde_json: the schema needs no cargo
//! feature, and what it writes is strings, booleans and arrays of them.
//! Each string is written as the manifests write a YAML double-quoted
//! scalar, whose escapes are all JSON's too.

use std::fmt::Write as _;

use super::yaml_string as string;
use crate::{EnvConfig, Var};

/// A JSON Schema (draft 2020-12) of the variables `T` reads, as one object
/// whose properties are the variables (every value a string, as in an
/// environment): each with its description, default, `enum` for an enum's
/// choices (their canonical spelling; loading also takes any case and `-`
/// for `_`), a `pattern` for integers and `bool`, `format: uri` for the
/// resource handles, `writeOnly` for secrets, `deprecated` for deprecated
/// names; `NAME_FILE` beside a variable a file may hold, and `required`
/// (either of the two where a file may hold it). An empty value counts as
/// unset, as loading takes it: a variable that may be unset may be empty,
/// one that must be set has `minLength: 1`.
///
/// What a schema cannot say, it leaves to loading: the range of a number's
/// type (`70000` for a `u16`), what a URL holds beyond its form (its
/// scheme, its options), rules. Where the two differ, the schema accepts
/// and loading refuses, never the reverse (but for an enum's other
/// spellings).
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, SecretString, render};
///
/// #[derive(EnvConfig)]
/// #[env(prefix = "APP_")]
/// struct Config {
///     /// Port the HTTP server binds.
///     #[env(default = 8080)]
///     port: u16,
///     api_token: SecretString,
/// }
///
/// let schema = render::json_schema::<Config>();
/// assert!(schema.contains(r#""$schema": "https://json-schema.org/draft/2020-12/schema""#));
/// assert!(schema.contains(r#""APP_PORT": {"type": "string", "description": "Port the HTTP server binds.", "default": "8080", "pattern": "^(?:[+]?[0-9]+)?$"}"#));
/// assert!(schema.contains(r#""APP_API_TOKEN": {"type": "string", "writeOnly": true, "minLength": 1}"#));
/// assert!(schema.contains(r#""required": ["APP_API_TOKEN"]"#));
/// ```
pub fn json_schema<T: EnvConfig>() -> String {
    let vars = T::vars();
    let full = std::any::type_name::<T>();
    let title = full.rsplit("::").next().unwrap_or(full);
    let mut properties = Vec::new();
    let mut required = Vec::new();
    let mut either = Vec::new();
    for var in &vars {
        properties.push(format!("    {}: {}", string(&var.name), property(var)));
        if var.file {
            let file = format!("{}_FILE", var.name);
            let description = format!("A file that holds {}.", var.name);
            properties.push(format!(
                "    {}: {{\"type\": \"string\", \"description\": {}}}",
                string(&file),
                string(&description)
            ));
        }
        for alias in &var.aliases {
            let deprecated = var.deprecated.contains(alias);
            let description = if deprecated {
                format!("Deprecated: rename it to {}.", var.name)
            } else {
                format!("Read when {} is unset.", var.name)
            };
            let mut alias_property = format!("{{\"type\": \"string\", \"description\": {}", string(&description));
            if deprecated {
                alias_property.push_str(", \"deprecated\": true");
            }
            if var.secret {
                alias_property.push_str(", \"writeOnly\": true");
            }
            alias_property.push('}');
            properties.push(format!("    {}: {alias_property}", string(alias)));
        }
        if var.required {
            if var.file {
                either.push(format!(
                    "{{\"anyOf\": [{{\"required\": [{}]}}, {{\"required\": [{}]}}]}}",
                    string(&var.name),
                    string(&format!("{}_FILE", var.name))
                ));
            } else {
                required.push(string(&var.name));
            }
        }
    }
    let mut out = String::from("{\n");
    let _ = writeln!(out, "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",");
    let _ = writeln!(out, "  \"title\": {},", string(title));
    let _ = writeln!(out, "  \"description\": {},", string(&format!("The environment variables {title} reads.")));
    let _ = writeln!(out, "  \"type\": \"object\",");
    let _ = writeln!(out, "  \"properties\": {{\n{}\n  }},", properties.join(",\n"));
    if !either.is_empty() {
        let _ = writeln!(out, "  \"allOf\": [{}],", either.join(", "));
    }
    let _ = writeln!(out, "  \"required\": [{}]", required.join(", "));
    out.push_str("}\n");
    out
}

/// One variable's schema.
fn property(var: &Var) -> String {
    let mut out = String::from("{\"type\": \"string\"");
    if let Some(description) = &var.description {
        let _ = write!(out, ", \"description\": {}", string(description));
    }
    if var.secret {
        out.push_str(", \"writeOnly\": true");
    } else if let Some(default) = &var.default {
        let _ = write!(out, ", \"default\": {}", string(default));
    }
    // An empty value counts as unset: a variable that may be unset may be
    // empty, one that must be set may not (unless `NAME_FILE` may stand
    // in for it, which the `anyOf` of the whole schema says).
    let may_be_empty = !var.required;
    if var.required && !var.file {
        out.push_str(", \"minLength\": 1");
    }
    if !var.choices.is_empty() {
        let mut choices = Vec::with_capacity(var.choices.len() + 1);
        for choice in &var.choices {
            choices.push(string(choice));
        }
        if may_be_empty {
            choices.push(string(""));
        }
        let _ = write!(out, ", \"enum\": [{}]", choices.join(", "));
    } else if let Some(pattern) = pattern(&var.type_name) {
        let pattern = if may_be_empty { format!("^(?:{pattern})?$") } else { format!("^(?:{pattern})$") };
        let _ = write!(out, ", \"pattern\": {}", string(&pattern));
    } else if is_handle(&var.type_name) {
        if may_be_empty {
            out.push_str(", \"anyOf\": [{\"maxLength\": 0}, {\"format\": \"uri\"}]");
        } else {
            out.push_str(", \"format\": \"uri\"");
        }
    }
    out.push('}');
    out
}

/// The field's type without `Option<...>` around it.
fn bare(type_name: &str) -> &str {
    type_name.strip_prefix("Option<").and_then(|inner| inner.strip_suffix('>')).unwrap_or(type_name).trim()
}

/// The pattern of a type's text, unanchored, for the integers and `bool`
/// (the forms `FromStr` and the crate's `bool` take).
fn pattern(type_name: &str) -> Option<&'static str> {
    Some(match bare(type_name) {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "[+]?[0-9]+",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "[+-]?[0-9]+",
        "bool" => "[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|1|0|[Yy][Ee][Ss]|[Nn][Oo]|[Oo][Nn]|[Oo][Ff][Ff]",
        _ => return None,
    })
}

/// Whether the type is one of the resource handles, whose text is a URL.
fn is_handle(type_name: &str) -> bool {
    let name = bare(type_name);
    let name = name.rsplit("::").next().unwrap_or(name);
    matches!(
        name,
        "PostgresUrl"
            | "MysqlUrl"
            | "SqliteUrl"
            | "RedisUrl"
            | "AmqpUrl"
            | "SmtpUrl"
            | "MongoUrl"
            | "MemcachedUrl"
            | "HttpUrl"
            | "DatabaseUrl"
            | "ResourceUrl"
            | "NatsUrl"
            | "MqttUrl"
            | "KafkaUrl"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_json_says() {
        assert_eq!(string("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    #[test]
    fn integer_and_bool_patterns() {
        assert_eq!(pattern("Option<u16>"), Some("[+]?[0-9]+"));
        assert!(pattern("String").is_none());
        assert!(is_handle("Option<PostgresUrl>") && is_handle("twelve_config::resource::RedisUrl"));
    }
}
