// Parsing `#[env(...)]` on the container and on fields. Each mistake is
// recorded in the `Ctxt` and parsing goes on, so all are reported at once.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, Expr, LitStr, Path, Token};

use crate::ctxt::Ctxt;
use crate::name::{did_you_mean, tokens_to_text};

pub const CONTAINER_KEYS: &[&str] = &["prefix", "deny_unknown", "debug", "file", "validate"];
pub const FIELD_KEYS: &[&str] = &[
    "name",
    "default",
    "secret",
    "split",
    "kv_split",
    "parse_with",
    "json",
    "nested",
    "file",
    "range",
    "validate",
    "alias",
    "deprecated",
    "allow_empty",
];

/// An attribute value with the tokens that set it, for error spans.
pub struct Attr<T> {
    pub tokens: TokenStream,
    pub value: T,
}

/// A key that may appear once, remembering where.
struct Slot<T> {
    key: &'static str,
    attr: Option<Attr<T>>,
}

impl<T> Slot<T> {
    fn new(key: &'static str) -> Self {
        Self { key, attr: None }
    }

    fn set(&mut self, cx: &Ctxt, path: &Path, tokens: TokenStream, value: T) {
        if self.attr.is_some() {
            cx.error_spanned_by(path, format!("duplicate env attribute `{}`", self.key));
        } else {
            self.attr = Some(Attr { tokens, value });
        }
    }
}

pub struct Container {
    pub prefix: Option<Attr<LitStr>>,
    pub deny_unknown: Option<Attr<()>>,
    pub debug: Option<Attr<()>>,
    pub file: Option<Attr<()>>,
    /// `validate = path`: a rule over the whole struct.
    pub validate: Option<Attr<Path>>,
}

pub enum Default {
    /// A string literal, parsed like the variable's text.
    Text(LitStr),
    /// A literal of another kind (`8080`, `-1`, `true`), the value itself.
    Literal(Expr),
    /// Any other expression, converted with `Into`.
    Expr(Expr),
}

impl Default {
    /// The default as `Var::default` shows it, when that is known here: the
    /// text of a string literal, and a literal as it would be written in
    /// the variable (`1000000` for `1_000_000`, `x` for `'x'`). An
    /// expression's text is found at run time, from its value.
    pub fn text(&self) -> Option<String> {
        match self {
            Self::Text(lit) => Some(lit.value()),
            Self::Literal(expr) => Some(literal_text(expr)),
            Self::Expr(_) => None,
        }
    }
}

pub struct Field {
    pub name: Option<Attr<LitStr>>,
    pub default: Option<Attr<Default>>,
    /// `secret` (true) or `secret = false` (the name rule off).
    pub secret: Option<Attr<bool>>,
    pub split: Option<Attr<LitStr>>,
    /// `kv_split = ":"`: between a map item's key and value.
    pub kv_split: Option<Attr<LitStr>>,
    pub parse_with: Option<Attr<Path>>,
    /// `json`: the value is JSON, read into the field's type by serde.
    pub json: Option<Attr<()>>,
    /// `nested`, or `nested = "PART_"`.
    pub nested: Option<Attr<Option<LitStr>>>,
    pub file: Option<Attr<()>>,
    /// `allow_empty`: an empty value is a value, not "unset".
    pub allow_empty: Option<Attr<()>>,
    /// `range = 1..=64`: the tokens of the range, as written.
    pub range: Option<Attr<TokenStream>>,
    /// `validate = path`.
    pub validate: Option<Attr<Path>>,
    /// `alias = "OLD"` and `deprecated = "OLD"`, in order, each with
    /// whether it is deprecated.
    pub aliases: Vec<Attr<(LitStr, bool)>>,
    /// Every key written, with its tokens, in order: for the rules that
    /// hold for any attribute (none but a few go with `nested`), so a new
    /// attribute is under them without being listed.
    pub written: Vec<(&'static str, TokenStream)>,
}

pub fn container(cx: &Ctxt, attrs: &[Attribute]) -> Container {
    let mut prefix = Slot::new("prefix");
    let mut deny_unknown = Slot::new("deny_unknown");
    let mut debug = Slot::new("debug");
    let mut file = Slot::new("file");
    let mut validate = Slot::new("validate");
    for_each_env_meta(cx, attrs, "container", CONTAINER_KEYS, |meta, key| {
        let path = meta.path.clone();
        match key {
            "prefix" => {
                let lit = string_value(&meta)?;
                prefix.set(cx, &path, lit.to_token_stream(), lit);
            }
            "deny_unknown" => deny_unknown.set(cx, &path, path.to_token_stream(), flag(&meta)?),
            "debug" => debug.set(cx, &path, path.to_token_stream(), flag(&meta)?),
            "file" => file.set(cx, &path, path.to_token_stream(), flag(&meta)?),
            "validate" => {
                let function = function_path(&meta, "validate")?;
                validate.set(cx, &path, quote::quote!(#path = #function), function);
            }
            _ => unreachable_key(&meta)?,
        }
        Ok(())
    });
    Container {
        prefix: prefix.attr,
        deny_unknown: deny_unknown.attr,
        debug: debug.attr,
        file: file.attr,
        validate: validate.attr,
    }
}

pub fn field(cx: &Ctxt, attrs: &[Attribute]) -> Field {
    let mut name = Slot::new("name");
    let mut default = Slot::new("default");
    let mut secret = Slot::new("secret");
    let mut split = Slot::new("split");
    let mut kv_split = Slot::new("kv_split");
    let mut parse_with = Slot::new("parse_with");
    let mut json = Slot::new("json");
    let mut nested = Slot::new("nested");
    let mut file = Slot::new("file");
    let mut allow_empty = Slot::new("allow_empty");
    let mut range = Slot::new("range");
    let mut validate = Slot::new("validate");
    let mut aliases = Vec::new();
    let mut written = Vec::new();
    for_each_env_meta(cx, attrs, "field", FIELD_KEYS, |meta, key| {
        let path = meta.path.clone();
        let mut entry = path.to_token_stream();
        entry.extend(tokens_to_comma(&meta.input.fork()));
        written.push((key, entry));
        if let Some(example) = value_example(key)
            && !meta.input.peek(Token![=])
        {
            return Err(syn::Error::new_spanned(&path, format!("`{key}` needs a value: {example}")));
        }
        match key {
            "name" => {
                let lit = string_value(&meta)?;
                name.set(cx, &path, lit.to_token_stream(), lit);
            }
            "default" => {
                let expr: Expr = meta.value()?.parse()?;
                let tokens = quote::quote!(#path = #expr);
                default.set(cx, &path, tokens, classify_default(expr));
            }
            "secret" => {
                let value = if meta.input.peek(Token![=]) {
                    meta.value()?.parse::<syn::LitBool>().map_err(|error| {
                        syn::Error::new(
                            error.span(),
                            "`secret` takes `true` or `false`: `secret` alone, or `secret = false` when the name only looks like a credential",
                        )
                    })?
                    .value
                } else {
                    flag(&meta)?;
                    true
                };
                secret.set(cx, &path, meta_tokens(&path, value), value);
            }
            "split" => {
                let lit = string_value(&meta)?;
                split.set(cx, &path, quote::quote!(#path = #lit), lit);
            }
            "kv_split" => {
                let lit = string_value(&meta)?;
                kv_split.set(cx, &path, quote::quote!(#path = #lit), lit);
            }
            "parse_with" => {
                let function = function_path(&meta, "parse_with")?;
                parse_with.set(cx, &path, quote::quote!(#path = #function), function);
            }
            "validate" => {
                let function = function_path(&meta, "validate")?;
                validate.set(cx, &path, quote::quote!(#path = #function), function);
            }
            "range" => {
                let input = meta.value()?;
                let tokens = tokens_to_comma(input);
                if !is_range(&tokens) {
                    return Err(syn::Error::new_spanned(
                        &tokens,
                        "`range` takes a range: `range = 1..=64`, `1..65`, `1..` or `..=64`",
                    ));
                }
                range.set(cx, &path, quote::quote!(#path = #tokens), tokens);
            }
            "alias" | "deprecated" => {
                let lit = string_value(&meta)?;
                aliases.push(Attr { tokens: quote::quote!(#path = #lit), value: (lit, key == "deprecated") });
            }
            "nested" => {
                if meta.input.peek(Token![=]) {
                    let lit = string_value(&meta)?;
                    nested.set(cx, &path, quote::quote!(#path = #lit), Some(lit));
                } else {
                    nested.set(cx, &path, path.to_token_stream(), None);
                }
            }
            "json" => json.set(cx, &path, path.to_token_stream(), flag(&meta)?),
            "file" => file.set(cx, &path, path.to_token_stream(), flag(&meta)?),
            "allow_empty" => allow_empty.set(cx, &path, path.to_token_stream(), flag(&meta)?),
            _ => unreachable_key(&meta)?,
        }
        Ok(())
    });
    Field {
        allow_empty: allow_empty.attr,
        name: name.attr,
        default: default.attr,
        secret: secret.attr,
        split: split.attr,
        kv_split: kv_split.attr,
        parse_with: parse_with.attr,
        json: json.attr,
        nested: nested.attr,
        file: file.attr,
        range: range.attr,
        validate: validate.attr,
        aliases,
        written,
    }
}

/// How a field attribute that takes a value is written, for the error when
/// it stands alone (`#[env(default)]`); `None` for a flag.
fn value_example(key: &str) -> Option<&'static str> {
    Some(match key {
        "name" => "`name = \"PORT\"`",
        "default" => {
            "`default = 8080` (the value itself) or `default = \"30s\"` (text, parsed as the variable would be)"
        }
        "split" => "`split = \";\"`",
        "kv_split" => "`kv_split = \":\"`",
        "parse_with" => "`parse_with = path::to::function`",
        "validate" => "`validate = path::to::function`",
        "range" => "`range = 1..=64`",
        "alias" => "`alias = \"OLD_NAME\"`",
        "deprecated" => "`deprecated = \"OLD_NAME\"`",
        _ => return None,
    })
}

/// The path of `key = path::to::function`.
fn function_path(meta: &ParseNestedMeta<'_>, key: &str) -> syn::Result<Path> {
    meta.value()?.parse::<Path>().map_err(|error| {
        syn::Error::new(error.span(), format!("`{key}` takes a path to a function: `{key} = path::to::function`"))
    })
}

/// The tokens of one attribute value: up to the next top-level comma.
fn tokens_to_comma(input: ParseStream<'_>) -> TokenStream {
    input
        .step(|cursor| {
            let mut tokens = TokenStream::new();
            let mut rest = *cursor;
            while let Some((tree, next)) = rest.token_tree() {
                if let TokenTree::Punct(punct) = &tree
                    && punct.as_char() == ','
                {
                    break;
                }
                tokens.extend([tree]);
                rest = next;
            }
            Ok((tokens, rest))
        })
        .unwrap_or_default()
}

/// Whether the tokens hold a top-level `..` (a range, `..=` included).
fn is_range(tokens: &TokenStream) -> bool {
    let mut previous_dot = false;
    for tree in tokens.clone() {
        match &tree {
            TokenTree::Punct(punct) if punct.as_char() == '.' => {
                if previous_dot {
                    return true;
                }
                previous_dot = punct.spacing() == proc_macro2::Spacing::Joint;
            }
            _ => previous_dot = false,
        }
    }
    false
}

/// A literal default as the variable would hold it.
fn literal_text(expr: &Expr) -> String {
    let (negative, lit) = match expr {
        Expr::Unary(unary) => match &*unary.expr {
            Expr::Lit(lit) => (true, &lit.lit),
            _ => return tokens_to_text(expr.to_token_stream()),
        },
        Expr::Lit(lit) => (false, &lit.lit),
        _ => return tokens_to_text(expr.to_token_stream()),
    };
    let text = match lit {
        syn::Lit::Int(int) => int.base10_digits().to_owned(),
        syn::Lit::Float(float) => float.base10_digits().to_owned(),
        syn::Lit::Char(c) => c.value().to_string(),
        syn::Lit::Bool(b) => b.value.to_string(),
        other => tokens_to_text(other.to_token_stream()),
    };
    if negative { format!("-{text}") } else { text }
}

fn classify_default(expr: Expr) -> Default {
    match &expr {
        Expr::Lit(lit) => match &lit.lit {
            syn::Lit::Str(text) => Default::Text(text.clone()),
            // `7u8` names its type: convert it with `Into` like any expression.
            lit if has_suffix(lit) => Default::Expr(expr),
            _ => Default::Literal(expr),
        },
        Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Neg(_)) => match &*unary.expr {
            Expr::Lit(lit) if !has_suffix(&lit.lit) => Default::Literal(expr),
            _ => Default::Expr(expr),
        },
        _ => Default::Expr(expr),
    }
}

fn has_suffix(lit: &syn::Lit) -> bool {
    match lit {
        syn::Lit::Int(int) => !int.suffix().is_empty(),
        syn::Lit::Float(float) => !float.suffix().is_empty(),
        _ => false,
    }
}

/// Calls `handle` for each known key in every `#[env(...)]`, reporting
/// unknown keys (with a suggestion) and recovering from every error.
fn for_each_env_meta(
    cx: &Ctxt,
    attrs: &[Attribute],
    place: &str,
    keys: &[&'static str],
    mut handle: impl FnMut(ParseNestedMeta<'_>, &'static str) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("env")) {
        if let syn::Meta::Path(path) = &attr.meta {
            cx.error_spanned_by(path, "expected `#[env(...)]` with at least one key");
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
            let known = keys.iter().find(|k| **k == key);
            let outcome = match known {
                Some(known) => {
                    let input = meta.input;
                    handle(meta, known).inspect_err(|_| skip_to_comma(input))
                }
                None => {
                    let other = if keys == FIELD_KEYS { CONTAINER_KEYS } else { FIELD_KEYS };
                    let message = match did_you_mean(&key, keys) {
                        Some(suggestion) => format!("unknown env attribute `{key}`: did you mean `{suggestion}`?"),
                        None if other.contains(&key.as_str()) => {
                            format!("`{key}` is not a {place} attribute: {}", expected(place, keys))
                        }
                        None => format!("unknown env attribute `{key}`: {}", expected(place, keys)),
                    };
                    cx.error_spanned_by(&meta.path, message);
                    skip_to_comma(meta.input);
                    Ok(())
                }
            };
            if let Err(error) = outcome {
                cx.syn_error(error);
            }
            Ok(())
        });
        if let Err(error) = result {
            cx.syn_error(error);
        }
    }
}

fn expected(place: &str, keys: &[&str]) -> String {
    let list: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    format!("a {place} takes one of {}", list.join(", "))
}

/// Skips the rest of one `key = value` entry, up to the next comma.
fn skip_to_comma(input: ParseStream<'_>) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if let TokenTree::Punct(punct) = &tree
                && punct.as_char() == ','
            {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

fn string_value(meta: &ParseNestedMeta<'_>) -> syn::Result<LitStr> {
    let key = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
    let input = meta
        .value()
        .map_err(|error| syn::Error::new(error.span(), format!("`{key}` takes a string: `{key} = \"...\"`")))?;
    input
        .parse::<LitStr>()
        .map_err(|error| syn::Error::new(error.span(), format!("`{key}` takes a string literal: `{key} = \"...\"`")))
}

/// The tokens of `secret` or `secret = false`, for error spans.
fn meta_tokens(path: &Path, value: bool) -> TokenStream {
    if value { path.to_token_stream() } else { quote::quote!(#path = false) }
}

fn flag(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) || !(meta.input.is_empty() || meta.input.peek(Token![,])) {
        let key = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
        return Err(meta.error(format!("`{key}` takes no value: write `{key}` alone")));
    }
    Ok(())
}

fn unreachable_key(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    Err(meta.error("unknown env attribute"))
}
