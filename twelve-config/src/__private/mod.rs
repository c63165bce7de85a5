//! What the derive's generated code names, and nothing else: the loader's
//! items re-exported, the autoref choice of a type's reader (`read.rs`) and
//! writer (`shown.rs`), and the secret `Debug` guard (`debug.rs`). Not a
//! stable API.

mod debug;
mod read;
mod shown;

pub use debug::*;
pub use read::*;
pub use shown::*;

pub use crate::snapshot::{Name, Snapshot};
pub use crate::value::{choice_error, parse_from_str, parse_list, parse_map, parse_owned_from_str};

/// A choice's text as it is compared: ASCII lowercase, `-` as `_`.
pub fn normalize_choice(text: &str) -> Cow<'_, str> {
    if text.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_') {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_ascii_lowercase().replace('-', "_"))
    }
}

pub use ::core::convert::Into;
pub use ::core::option::Option::{self, None, Some};
pub use ::std::borrow::Cow;
pub use ::std::string::String;
pub use ::std::vec::Vec;

pub use crate::load::*;
