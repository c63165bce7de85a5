//! The URL grammar every handle shares: scheme, userinfo, one or more
//! hosts, path and query, parsed strictly (RFC 3986 with the drivers'
//! multi-host extension), with errors that name the part at fault and never
//! hold a password.

mod decode;
mod error;
mod grammar;
mod parts;
mod rules;
mod servers;
#[cfg(test)]
mod tests;

pub(crate) use decode::*;
pub use error::*;
pub(crate) use grammar::*;
pub(crate) use parts::*;
pub(crate) use rules::*;
pub(crate) use servers::*;
