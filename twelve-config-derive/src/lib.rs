//! The derive macros of [twelve-config](https://docs.rs/twelve-config):
//! `#[derive(EnvConfig)]`, a typed loader of a struct from environment
//! variables, and `#[derive(EnvValue)]`, an enum read by its variants'
//! names.
//!
//! Use them through the `twelve-config` crate, which re-exports both and
//! documents every attribute with examples
//! ([Attributes](https://docs.rs/twelve-config/latest/twelve_config/#attributes)).
//! Misuse is a compile error at the offending tokens that names the fix.
//!
//! The pipeline: `attr` reads `#[env(...)]`, `ast` builds the model,
//! `valid` checks it across fields (every mistake reported at once), then
//! `expand` writes the code, or `fallback` a stub beside the errors.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod ctxt;
mod expand;
mod fallback;
mod name;
mod valid;
mod value;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `twelve_config::EnvConfig`: a loader that reads each field from
/// its variable (the prefix plus the field's name in SCREAMING_SNAKE_CASE),
/// reports every problem at once and never shows a secret. Every attribute
/// is documented in the `twelve-config` crate docs
/// ([Attributes](https://docs.rs/twelve-config/latest/twelve_config/#attributes)).
#[proc_macro_derive(EnvConfig, attributes(env))]
pub fn derive_env_config(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}

/// Derives `twelve_config::EnvValue` for an enum of unit variants; see the
/// `twelve-config` crate docs.
#[proc_macro_derive(EnvValue, attributes(env))]
pub fn derive_env_value(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    value::derive(&input).into()
}
