//! The URL grammar every handle shares: scheme, userinfo, one or more
//! hosts, path and query, parsed strictly (RFC 3986 with the drivers'
//! multi-host extension), with errors that name the part at fault and never
//! hold a password.

mod decode;
mod error;
mod grammar;
mod hosts;
mod parts;
mod query;
mod rules;
mod servers;
#[cfg(test)]
mod tests;
mod userinfo;

pub(crate) use decode::*;
pub use error::*;
pub(crate) use grammar::*;
pub(crate) use hosts::*;
pub(crate) use parts::*;
pub(crate) use query::*;
pub(crate) use rules::*;
pub(crate) use servers::*;
pub(crate) use userinfo::*;
