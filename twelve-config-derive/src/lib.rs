//! `#[derive(EnvConfig)]` for twelve-config. Use it through the
//! `twelve-config` crate, which re-exports it and documents every attribute.

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

/// Derives `twelve_config::EnvConfig`; see the `twelve-config` crate docs.
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
