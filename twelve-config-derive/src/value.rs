// `#[derive(EnvValue)]`: an enum of unit variants read by name. Each
// variant reads as its `snake_case` name (or `#[env(name = "...")]`), plus
// any `#[env(alias = "...")]`, ignoring ASCII case, with `-` read as `_`,
// so `SlowQuery` takes `slow_query`, `slow-query` and `SLOW_QUERY`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::ctxt::Ctxt;
use crate::name::{did_you_mean, screaming_snake};

const VARIANT_KEYS: &[&str] = &["name", "alias"];

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let variants = variants(&cx, input);
    match cx.check() {
        Ok(()) => expand(input, &variants),
        Err(error) => {
            let errors = error.to_compile_error();
            let ident = &input.ident;
            // A stub, so uses of the type elsewhere add no cascade.
            quote! {
                #errors
                #[automatically_derived]
                impl ::twelve_config::EnvValue for #ident {
                    fn parse_env(_: &::core::primitive::str) -> ::core::result::Result<Self, ::twelve_config::__private::String> {
                        ::core::result::Result::Err(::twelve_config::__private::String::new())
                    }
                }
            }
        }
    }
}

struct Variant<'a> {
    ident: &'a syn::Ident,
    /// The name listed and rendered.
    name: String,
    /// Every name it reads, normalized: the name and the aliases.
    accepted: Vec<String>,
}

/// A variant's name or alias is written as a value in `.env.example`,
/// manifests, unit files and lists (`a,b`): no whitespace, control
/// character, quote, `\\`, `=`, `,`, `#`, `$`, `` ` `` or `|`, which one of
/// those formats would read as its own.
fn check_variant_text(cx: &Ctxt, lit: &LitStr) {
    let text = lit.value();
    let bad = text.chars().find(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '\\' | '=' | ',' | '#' | '$' | '`' | '|')
    });
    if let Some(bad) = bad {
        cx.error_spanned_by(
            lit,
            format!(
                "a variant's name cannot hold {bad:?}: it is written as a value in `.env` files, manifests and \
                 lists, which would read it as their own; use letters, digits, `-`, `_` or `.`"
            ),
        );
    }
}

/// A name as it is compared: ASCII lowercase, `-` as `_`.
fn normalize(name: &str) -> String {
    name.to_ascii_lowercase().replace('-', "_")
}

fn variants<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Vec<Variant<'a>> {
    let data = match &input.data {
        Data::Enum(data) => data,
        _ => {
            cx.error_spanned_by(
                &input.ident,
                "EnvValue can be derived for an enum of unit variants only; for a struct, implement `FromStr` or `EnvValue`",
            );
            return Vec::new();
        }
    };
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(&input.generics, "EnvValue cannot be derived for a generic enum");
    }
    if data.variants.is_empty() {
        cx.error_spanned_by(&input.ident, "EnvValue needs at least one variant to read");
    }
    for attr in input.attrs.iter().filter(|attr| attr.path().is_ident("env")) {
        cx.error_spanned_by(attr, "`#[env(...)]` goes on the variants of an EnvValue enum, not on the enum");
    }
    let mut out: Vec<Variant<'a>> = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            cx.error_spanned_by(
                &variant.fields,
                format!(
                    "EnvValue reads a variant by its name: `{}` carries data; use a unit variant, or implement `FromStr` or `EnvValue` for the enum",
                    variant.ident
                ),
            );
            continue;
        }
        let mut name: Option<LitStr> = None;
        let mut aliases: Vec<LitStr> = Vec::new();
        for attr in variant.attrs.iter().filter(|attr| attr.path().is_ident("env")) {
            let result = attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
                match key.as_str() {
                    "name" => {
                        let lit: LitStr = meta.value()?.parse()?;
                        if name.is_some() {
                            cx.error_spanned_by(&meta.path, "duplicate env attribute `name`");
                        }
                        name = Some(lit);
                    }
                    "alias" => aliases.push(meta.value()?.parse()?),
                    _ => {
                        let hint = match did_you_mean(&key, VARIANT_KEYS) {
                            Some(close) => format!(": did you mean `{close}`?"),
                            None => ": a variant takes `name` or `alias`".to_owned(),
                        };
                        cx.error_spanned_by(&meta.path, format!("unknown env attribute `{key}`{hint}"));
                        let _ = meta.input.parse::<proc_macro2::TokenStream>();
                    }
                }
                Ok(())
            });
            if let Err(error) = result {
                cx.syn_error(error);
            }
        }
        let listed = match &name {
            Some(lit) => lit.value(),
            None => screaming_snake(&variant.ident.to_string()).to_ascii_lowercase(),
        };
        if listed.is_empty() {
            cx.error_spanned_by(
                name.as_ref().map_or(&variant.ident as &dyn quote::ToTokens, |lit| lit),
                "a variant's name cannot be empty",
            );
        }
        for lit in name.iter().chain(&aliases) {
            check_variant_text(cx, lit);
        }
        let mut accepted = vec![normalize(&listed)];
        for alias in &aliases {
            accepted.push(normalize(&alias.value()));
        }
        // Two variants reading one name.
        for text in &accepted {
            if let Some(other) = out.iter().find(|other| other.accepted.contains(text)) {
                cx.error_spanned_by(
                    &variant.ident,
                    format!(
                        "variants `{}` and `{}` both read `{text}`: give one another `name` or `alias`",
                        other.ident, variant.ident
                    ),
                );
            }
        }
        out.push(Variant { ident: &variant.ident, name: listed, accepted });
    }
    out
}

fn expand(input: &DeriveInput, variants: &[Variant<'_>]) -> TokenStream {
    let ident = &input.ident;
    let names: Vec<&str> = variants.iter().map(|variant| variant.name.as_str()).collect();
    let arms = variants.iter().map(|variant| {
        let variant_ident = variant.ident;
        let accepted = &variant.accepted;
        quote!(#(#accepted)|* => ::core::result::Result::Ok(Self::#variant_ident),)
    });
    let to_env = variants.iter().map(|variant| {
        let variant_ident = variant.ident;
        let name = &variant.name;
        quote!(Self::#variant_ident => #name,)
    });
    let private = crate::expand::private();
    quote! {
        #[automatically_derived]
        impl ::twelve_config::EnvValue for #ident {
            const CHOICES: &'static [&'static ::core::primitive::str] = &[#(#names),*];

            fn parse_env(__text: &::core::primitive::str) -> ::core::result::Result<Self, #private::String> {
                let __normal = #private::normalize_choice(__text);
                match &*__normal {
                    #(#arms)*
                    _ => ::core::result::Result::Err(#private::choice_error(__text, Self::CHOICES)),
                }
            }

            fn to_env(&self) -> #private::Option<#private::String> {
                #private::Some(#private::String::from(match self {
                    #(#to_env)*
                }))
            }
        }
    }
}
