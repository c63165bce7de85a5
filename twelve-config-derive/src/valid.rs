// Rules across attributes and fields, each error at the tokens to change.

use std::collections::HashMap;

use crate::ast::{Field, Input};
use crate::ctxt::Ctxt;

impl Input<'_> {
    pub fn validate(&self, cx: &Ctxt) {
        let generics = &self.original.generics;
        if !generics.params.is_empty() {
            cx.error_spanned_by(
                generics,
                "EnvConfig does not support generic parameters: a config names concrete types for its variables",
            );
        }
        if let Some(prefix) = &self.attrs.prefix {
            check_prefix_text(cx, &prefix.value, "prefix");
        }
        if let Some(deny) = &self.attrs.deny_unknown
            && self.prefix().is_empty()
        {
            cx.error_spanned_by(
                &deny.tokens,
                "`deny_unknown` needs a `prefix`: without one, every variable in the environment would be unknown",
            );
        }
        let prefix = self.prefix();
        for field in &self.fields {
            field.validate(cx);
            field.check_no_credential_in_code(cx, &prefix);
            field.check_derived_name(cx, &prefix);
        }
        self.check_duplicate_names(cx);
    }

    /// Two fields reading one variable: names are known here for every
    /// field that is not nested, and two nested fields under one prefix
    /// read the same variables for every field their types share. (A
    /// nested struct's own field names are not visible to this derive.)
    fn check_duplicate_names(&self, cx: &Ctxt) {
        let mut prefixes: HashMap<String, &Field<'_>> = HashMap::new();
        for field in &self.fields {
            let (Some(part), Some(nested)) = (field.nested_part(), &field.attrs.nested) else { continue };
            let full = format!("{}{part}", self.prefix());
            match prefixes.get(&full) {
                Some(first) => cx.error_spanned_by(
                    &nested.tokens,
                    format!(
                        "nested fields `{}` and `{}` both read variables starting with `{full}`: \
                         give one of them another `nested = \"...\"`",
                        first.display_name(),
                        field.display_name(),
                    ),
                ),
                None => {
                    prefixes.insert(full, field);
                }
            }
        }
        let prefix = self.prefix();
        let mut seen: HashMap<String, &Field<'_>> = HashMap::new();
        // An alias is a name the field reads as much as its own.
        for field in self.fields.iter().filter(|field| field.attrs.nested.is_none()) {
            let own = match &field.attrs.name {
                Some(name) => name.value.value(),
                None => format!("{prefix}{}", field.suffix()),
            };
            for alias in &field.attrs.aliases {
                let (lit, _) = &alias.value;
                let text = lit.value();
                if text == own {
                    cx.error_spanned_by(
                        lit,
                        format!("`{text}` is the field's own variable: an alias names another one"),
                    );
                } else if let Some(first) = seen.get(&text) {
                    cx.error_spanned_by(
                        lit,
                        format!(
                            "fields `{}` and `{}` both read the variable `{text}`: an alias names one field's old variable",
                            first.display_name(),
                            field.display_name(),
                        ),
                    );
                } else {
                    seen.insert(text, field);
                }
            }
        }
        for field in self.fields.iter().filter(|field| field.attrs.nested.is_none()) {
            let (name, exact) = match &field.attrs.name {
                Some(name) => (name.value.value(), true),
                None => (format!("{prefix}{}", field.suffix()), false),
            };
            match seen.get(&name) {
                Some(first) => {
                    let tokens = match &field.attrs.name {
                        Some(attr) if exact => attr.tokens.clone(),
                        _ => quote::ToTokens::to_token_stream(field.ident),
                    };
                    cx.error_spanned_by(
                        tokens,
                        format!(
                            "fields `{}` and `{}` both read the variable `{name}`: give one of them another `name = \"...\"`",
                            first.display_name(),
                            field.display_name(),
                        ),
                    );
                }
                None => {
                    seen.insert(name, field);
                }
            }
        }
    }
}

/// What a secret default's error offers.
const SECRET_DEFAULT_FIX: &str = "make the field an `Option<...>` (`None` when unset), give the value in the \
     environment (a `.env` file in development: `DotEnv`), or write `#[env(secret = false)]` if the name only \
     looks like a credential";

impl Field<'_> {
    /// A credential in the code is published with it: a secret field takes
    /// no default (`default = ""` included), and no default's URL carries
    /// a password. (A field secret by its type is refused by a trait bound
    /// the expansion writes.)
    fn check_no_credential_in_code(&self, cx: &Ctxt, prefix: &str) {
        let Some(default) = &self.attrs.default else { return };
        if self.attrs.nested.is_none() && self.is_secret_at_compile_time(prefix) {
            cx.error_spanned_by(
                &default.tokens,
                format!(
                    "a secret field takes no default: a credential in the code is published with the code; \
                     {SECRET_DEFAULT_FIX}"
                ),
            );
        } else if let crate::attr::Default::Text(text) = &default.value
            && let Some(what) = credential_in_url(&text.value())
        {
            cx.error_spanned_by(
                text,
                format!(
                    "this default's URL carries {what}, published with the code: write the default without it, \
                     and give it in the environment (a `.env` file in development: `DotEnv`)"
                ),
            );
        }
    }

    /// A variable named after the field must be one a shell, a `.env`
    /// file and a manifest can carry.
    fn check_derived_name(&self, cx: &Ctxt, prefix: &str) {
        // A prefix with a mistake of its own has its own error.
        let prefix_is_valid = prefix.is_empty() || twelve_config_names::is_portable_name(prefix);
        if self.attrs.nested.is_some() || self.attrs.name.is_some() || !prefix_is_valid {
            return;
        }
        let name = self.variable_name(prefix);
        if !twelve_config_names::is_portable_name(&name) {
            cx.error_spanned_by(
                self.ident,
                format!(
                    "the variable `{name}` could not be written in a shell, a `.env` file or a manifest: \
                     give the field a `name = \"...\"` of ASCII letters, digits and `_`"
                ),
            );
        }
    }

    fn validate(&self, cx: &Ctxt) {
        let attrs = &self.attrs;
        if let Some(nested) = &attrs.nested {
            if let Some(name) = &attrs.name {
                cx.error_spanned_by(
                    &name.tokens,
                    "`name` cannot be used with `nested`: a nested struct reads many variables; \
                     use `nested = \"PART_\"` to choose the part its names start with",
                );
            }
            // Every other attribute is about one variable, which a group
            // is not: refused without being listed, a new one included.
            for (key, tokens) in &attrs.written {
                // `name` and `validate` say what to write instead (below);
                // `secret = false` turns the prefix rule off for the group.
                let allowed = match *key {
                    "nested" | "name" | "validate" => true,
                    "secret" => attrs.secret.as_ref().is_some_and(|secret| !secret.value),
                    _ => false,
                };
                if !allowed {
                    cx.error_spanned_by(
                        tokens,
                        format!("`{key}` cannot be used with `nested`: put it on the fields of the nested struct"),
                    );
                }
            }
            if let Some(validate) = &attrs.validate {
                cx.error_spanned_by(
                    &validate.tokens,
                    "`validate` cannot be used with `nested`: put `#[env(validate = ...)]` on the nested struct",
                );
            }
            if !matches!(self.shape, crate::ast::Shape::Plain | crate::ast::Shape::Option) {
                cx.error_spanned_by(
                    &self.original.ty,
                    "a `nested` field must be a struct that derives EnvConfig, or an `Option` of one (an optional group); not a `Vec` or a map",
                );
            }
            if let Some(part) = &nested.value {
                check_prefix_text(cx, part, "nested");
            }
            return;
        }
        if let Some(name) = &attrs.name {
            check_variable_name(cx, &name.value, "name");
        }
        for alias in &attrs.aliases {
            let (lit, deprecated) = &alias.value;
            check_variable_name(cx, lit, if *deprecated { "deprecated" } else { "alias" });
        }
        if attrs.json.is_some() {
            for (tokens, key) in [
                (attrs.split.as_ref().map(|a| &a.tokens), "split"),
                (attrs.kv_split.as_ref().map(|a| &a.tokens), "kv_split"),
                (attrs.parse_with.as_ref().map(|a| &a.tokens), "parse_with"),
            ] {
                if let Some(tokens) = tokens {
                    cx.error_spanned_by(
                        tokens,
                        format!("`{key}` cannot be used with `json`: a JSON value is read whole, by serde"),
                    );
                }
            }
            return;
        }
        if let Some(split) = &attrs.split {
            if !self.shape.is_vec() && !self.shape.is_map() {
                cx.error_spanned_by(
                    &split.tokens,
                    "`split` needs a `Vec<T>` or a map field (or an `Option` of one): it separates a list's items",
                );
            } else if split.value.value().is_empty() {
                cx.error_spanned_by(&split.value, "`split` cannot be empty: give the separator, such as `\",\"`");
            }
        }
        if let Some(kv_split) = &attrs.kv_split {
            if !self.shape.is_map() {
                cx.error_spanned_by(
                    &kv_split.tokens,
                    "`kv_split` needs a `HashMap<K, V>` or `BTreeMap<K, V>` field: it separates a key from its value",
                );
            } else if kv_split.value.value().is_empty() {
                cx.error_spanned_by(&kv_split.value, "`kv_split` cannot be empty: give the separator, such as `\"=\"`");
            } else if attrs.split.as_ref().is_some_and(|split| split.value.value() == kv_split.value.value()) {
                cx.error_spanned_by(
                    &kv_split.value,
                    "`kv_split` must differ from `split`: one separates items, the other a key from its value",
                );
            }
        }
        if let Some(default) = &attrs.default
            && self.shape.is_option()
        {
            cx.error_spanned_by(
                &default.tokens,
                "`default` cannot be used on an `Option` field: it is `None` when unset; \
                 drop the `Option` to use a default",
            );
        }
    }
}

/// A variable name given in full (`name`, `alias`, `deprecated`): one a
/// shell, a `.env` file, a Kubernetes manifest and a unit file can all
/// carry (`twelve_config_names::is_portable_name`).
fn check_variable_name(cx: &Ctxt, lit: &syn::LitStr, key: &str) {
    let text = lit.value();
    if text.is_empty() {
        cx.error_spanned_by(lit, format!("`{key}` cannot be empty"));
    } else if !twelve_config_names::is_portable_name(&text) {
        let found = match text.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
            Some(bad) => format!("{bad:?}"),
            None => "a digit first".to_owned(),
        };
        let suggestion: String =
            text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
        let hint = if twelve_config_names::is_portable_name(&suggestion) {
            format!(": did you mean \"{suggestion}\"?")
        } else {
            String::new()
        };
        cx.error_spanned_by(
            lit,
            format!(
                "`{key}` must be ASCII letters, digits and `_`, not starting with a digit (found {found}): \
                 every shell, `.env` file and manifest can carry such a name{hint}"
            ),
        );
    }
}

/// What a URL in a default's text carries that is a credential: a
/// password in its user information, or a credential query parameter
/// with a value.
fn credential_in_url(text: &str) -> Option<&'static str> {
    let (_, rest) = text.split_once("://")?;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if let Some((userinfo, _)) = authority.rsplit_once('@')
        && userinfo.split_once(':').is_some_and(|(_, password)| !password.is_empty())
    {
        return Some("a password");
    }
    let query = &rest[rest.find('?')? + 1..];
    let query = &query[..query.find('#').unwrap_or(query.len())];
    query
        .split(['&', ';'])
        .filter_map(|pair| pair.split_once('='))
        .any(|(key, value)| !value.is_empty() && twelve_config_names::is_credential_key(key))
        .then_some("a credential query parameter")
}

/// A prefix (or the part `nested = "..."` adds): capitals, digits and `_`;
/// a `prefix` ends with `_` and starts with a letter or `_`, as the
/// variables it begins must.
fn check_prefix_text(cx: &Ctxt, lit: &syn::LitStr, key: &str) {
    let text = lit.value();
    if key == "prefix" && !text.is_empty() && !text.ends_with('_') {
        cx.error_spanned_by(
            lit,
            format!(
                "a `prefix` ends with `_`: did you mean \"{text}_\"? (without it, a field `port` reads `{text}PORT`)"
            ),
        );
    } else if key == "prefix" && text.starts_with(|c: char| c.is_ascii_digit()) {
        cx.error_spanned_by(lit, "a `prefix` cannot start with a digit: no variable name can");
    }
    if let Some(bad) = text.chars().find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')) {
        let hint = if bad.is_ascii_lowercase() {
            format!("; did you mean \"{}\"?", text.to_ascii_uppercase())
        } else {
            String::new()
        };
        cx.error_spanned_by(lit, format!("`{key}` must be capital letters, digits and `_` (found {bad:?}){hint}"));
    }
}
