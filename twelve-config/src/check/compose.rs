//! What a Compose file gives a service: its `env_file:` files, then its
//! `environment:`.

use std::ffi::OsString;

use super::yaml::{self, Node};
use super::{Gathered, Given, Origin, Platform, Value, whole};
use crate::{DotEnv, Source};

pub(super) fn gather(text: &str, service: &str) -> Gathered {
    let documents = match yaml::documents(text) {
        Ok(documents) => documents,
        Err(error) => {
            return Gathered { problems: vec![whole(&error.place, error.reason)], ..Gathered::default() };
        }
    };
    let services = documents.first().and_then(|document| document.get("services"));
    let Some(node) = services.and_then(|services| services.get(service)) else {
        let names: Vec<&str> =
            services.map(Node::entries).unwrap_or_default().iter().filter_map(|(name, _)| name.as_str()).collect();
        let reason = if names.is_empty() {
            "no such service: the file holds no services".to_owned()
        } else {
            format!("no such service; the file holds {}", names.join(", "))
        };
        return Gathered { problems: vec![whole(&format!("service {service}"), reason)], ..Gathered::default() };
    };
    let mut gathered =
        Gathered { place: format!("service {service}"), platform: Platform::Compose, ..Gathered::default() };
    env_files(node, &mut gathered);
    environment(node, &mut gathered);
    gathered
}

/// `env_file:` (a path, or a list of paths or `{path, required}`), each
/// read relative to the current directory, a later file winning.
fn env_files(service: &Node, gathered: &mut Gathered) {
    let Some(files) = service.get("env_file") else { return };
    let files = match files {
        Node::Seq(items) => items.iter().collect(),
        other => vec![other],
    };
    for file in files {
        let (path, required) = match file.get("path") {
            Some(path) => (path.text(), file.get("required").and_then(Node::text) != Some("false")),
            None => (file.text(), true),
        };
        let Some(path) = path else { continue };
        let read = if required { DotEnv::require(path) } else { DotEnv::from_path(path) };
        let dotenv = match read {
            Ok(dotenv) => dotenv,
            Err(error) => {
                gathered.problem(None, format!("env_file {error}"));
                continue;
            }
        };
        let names: Vec<String> = dotenv.names().map(|name| name.to_string_lossy().into_owned()).collect();
        for name in names {
            let Some(value) = dotenv.get(&name) else { continue };
            let origin = Origin::EnvFile(dotenv.origin(&name).unwrap_or_else(|| path.to_owned()));
            let value = match value.to_str() {
                Some(text) => text_value(text),
                None => Value::Text(value.into_owned()),
            };
            gathered.vars.push(Given { name, value, origin, file: None });
        }
    }
}

/// `environment:`, as a mapping (`NAME: value`, `NAME:` from the shell) or
/// a list (`NAME=value`, `NAME` from the shell).
fn environment(service: &Node, gathered: &mut Gathered) {
    let Some(environment) = service.get("environment") else { return };
    let mut entries: Vec<(String, Option<&Node>, Option<String>)> = Vec::new();
    match environment {
        Node::Map(pairs) => {
            for (name, value) in pairs {
                let Some(name) = name.as_str() else { continue };
                entries.push((name.to_owned(), Some(value), None));
            }
        }
        Node::Seq(items) => {
            for item in items {
                let Some(item) = item.text() else { continue };
                match item.split_once('=') {
                    Some((name, value)) => entries.push((name.to_owned(), None, Some(value.to_owned()))),
                    None => entries.push((item.to_owned(), None, None)),
                }
            }
        }
        _ => return,
    }
    for (name, node, listed) in entries {
        if let Some(what) = node.and_then(Node::non_text_kind).filter(|what| *what == "a boolean") {
            gathered.problem(
                Some(&name),
                format!("the value is {what}: Compose takes only text, a number or nothing here; quote it"),
            );
        }
        let text = match (node, listed) {
            (_, Some(listed)) => Some(listed),
            (Some(node), None) => node.text().map(str::to_owned),
            (None, None) => None,
        };
        let (value, origin) = match text {
            // `NAME` alone: the deploying shell's value.
            None => (Value::Unknown, Origin::Elsewhere),
            Some(text) => match text_value(&text) {
                Value::Unknown => (Value::Unknown, Origin::Elsewhere),
                known => (known, Origin::Literal),
            },
        };
        gathered.vars.push(Given { name, value, origin, file: None });
    }
}

/// A value as Compose gives it: an interpolation (`${NAME}`, `$NAME`, with
/// any default or message) is the deploying environment's, unknown here;
/// `$$` is a `$`.
fn text_value(text: &str) -> Value {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(escaped) = after.strip_prefix('$') {
            out.push('$');
            rest = escaped;
        } else if after.starts_with(|c: char| c == '{' || c == '_' || c.is_ascii_alphabetic()) {
            return Value::Unknown;
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    Value::Text(OsString::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: Value) -> Option<String> {
        match value {
            Value::Text(text) => Some(text.into_string().unwrap()),
            Value::Unknown => None,
        }
    }

    #[test]
    fn interpolations_are_the_deploying_environments() {
        assert_eq!(text(text_value("plain")), Some("plain".to_owned()));
        assert_eq!(text(text_value("cost $$5")), Some("cost $5".to_owned()));
        assert_eq!(text(text_value("a $ b")), Some("a $ b".to_owned()));
        for interpolated in ["${TOKEN}", "$TOKEN", "x-${A:-b}", "${A:?set A}", "$_X"] {
            assert_eq!(text(text_value(interpolated)), None, "{interpolated}");
        }
    }
}
