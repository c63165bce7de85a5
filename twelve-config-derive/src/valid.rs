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
        for field in &self.fields {
            field.validate(cx);
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

impl Field<'_> {
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
            for (tokens, key) in [
                (attrs.default.as_ref().map(|a| &a.tokens), "default"),
                // `secret = false` turns the prefix rule off for the group.
                (attrs.secret.as_ref().filter(|a| a.value).map(|a| &a.tokens), "secret"),
                (attrs.split.as_ref().map(|a| &a.tokens), "split"),
                (attrs.kv_split.as_ref().map(|a| &a.tokens), "kv_split"),
                (attrs.parse_with.as_ref().map(|a| &a.tokens), "parse_with"),
                (attrs.json.as_ref().map(|a| &a.tokens), "json"),
                (attrs.file.as_ref().map(|a| &a.tokens), "file"),
                (attrs.range.as_ref().map(|a| &a.tokens), "range"),
                (attrs.aliases.first().map(|a| &a.tokens), "alias"),
            ] {
                if let Some(tokens) = tokens {
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

/// A variable name given in full (`name`, `alias`, `deprecated`).
fn check_variable_name(cx: &Ctxt, lit: &syn::LitStr, key: &str) {
    let text = lit.value();
    if text.is_empty() {
        cx.error_spanned_by(lit, format!("`{key}` cannot be empty"));
    } else if let Some(bad) = text.chars().find(|c| *c == '=' || *c == '\0' || c.is_whitespace()) {
        cx.error_spanned_by(lit, format!("a variable name cannot contain {bad:?}: use letters, digits and `_`"));
    }
}

/// A prefix (or the part `nested = "..."` adds): capitals, digits and `_`.
fn check_prefix_text(cx: &Ctxt, lit: &syn::LitStr, key: &str) {
    let text = lit.value();
    if let Some(bad) = text.chars().find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')) {
        let hint = if bad.is_ascii_lowercase() {
            format!("; did you mean \"{}\"?", text.to_ascii_uppercase())
        } else {
            String::new()
        };
        cx.error_spanned_by(lit, format!("`{key}` must be capital letters, digits and `_` (found {bad:?}){hint}"));
    }
}
