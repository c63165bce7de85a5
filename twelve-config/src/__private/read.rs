//! How a field's type is read: the autoref choice of its parser, and whether the type is a secret.

use std::fmt::Display;
use std::marker::PhantomData;
use std::str::FromStr;

use secrecy::zeroize::Zeroize;

use crate::EnvConfig;
use crate::value::EnvValue;

use super::*;

/// Reads a value with a `parse_with` function.
pub fn parse_with<T, E: Display>(parse: impl Fn(&str) -> Result<T, E>, text: &str) -> Result<T, String> {
    parse(text).map_err(|error| error.to_string())
}

// Choosing how a field's type is read, by autoref specialization: the
// generated code calls `(&&&&&Kind::<T>::NEW).parser()` (one `&` more than
// the first impl, as the methods take `&self`), and method lookup
// takes the first of these that applies: `EnvValue` (its own rules), then
// `FromStr`, then serde (with the `serde` feature), then, for a type that
// derives `EnvConfig`, a hint to add `nested`, then `Unsupported`; the last
// two fail with a readable error.

/// A field's value type, for choosing how it is read.
pub struct Kind<T>(PhantomData<fn() -> T>);

impl<T> Kind<T> {
    pub const NEW: Self = Kind(PhantomData);
}

/// How a field's value is read from the loader's copy of its text.
pub type Parser<T> = fn(&mut String) -> Result<T, String>;

/// How one item of a list is read from its slice of the text.
pub type ItemParser<T> = fn(&str) -> Result<T, String>;

/// What a field's type says of its values: whether they are secret, and
/// the words an enum accepts. One autoref choice gives both, so a field
/// costs the user's crate one method resolution for them, not two.
#[derive(Clone, Copy)]
pub struct Meta {
    pub secret: bool,
    pub choices: &'static [&'static str],
}

impl Meta {
    /// A type that is neither secret nor an enum.
    pub const PLAIN: Meta = Meta { secret: false, choices: &[] };

    /// Secret too when the type is a `secrecy` secret, whichever way it
    /// is read ([`ViaSecrecy`]).
    pub fn or_secret(self, secret_type: bool) -> Meta {
        Meta { secret: self.secret || secret_type, ..self }
    }
}

// Whether a field's type is a `secrecy` secret, by the same autoref
// choice, apart from how it is read: a `SecretBox<T>` read through serde
// or `#[env(json)]` is as secret as one read through `FromStr`.

/// A field's value type, for asking whether it is a `secrecy` secret.
pub struct SecretKind<T: ?Sized>(PhantomData<fn() -> *const T>);

impl<T: ?Sized> SecretKind<T> {
    pub const NEW: Self = SecretKind(PhantomData);
}

pub trait ViaSecrecy {
    fn secret_type(&self) -> bool {
        true
    }
    fn default_check(&self) -> SecretTypeDefault {
        SecretTypeDefault
    }
}

impl<T: ?Sized + Zeroize> ViaSecrecy for &SecretKind<secrecy::SecretBox<T>> {}

pub trait ViaPlainType {
    fn secret_type(&self) -> bool {
        false
    }
    fn default_check(&self) -> PlainTypeDefault {
        PlainTypeDefault
    }
}

/// A default given to a field whose type is a `secrecy` secret.
pub struct SecretTypeDefault;

/// A default given to a field of any other type.
pub struct PlainTypeDefault;

/// Implemented for [`PlainTypeDefault`] only: the derive writes
/// `no_secret_default((&&SecretKind::<T>::NEW).default_check())` for each
/// field with a default, so a secret type's default does not compile.
#[diagnostic::on_unimplemented(
    message = "a secret field takes no default: a credential in the code is published with the code",
    label = "a default for a `secrecy` secret",
    note = "make the field an `Option<...>` (`None` when unset), or give the value in the environment (a `.env` file in development: `DotEnv`)"
)]
pub trait DefaultAllowed {}

impl DefaultAllowed for PlainTypeDefault {}

/// Compiles only for a default that is allowed.
pub fn no_secret_default<D: DefaultAllowed>(_: D) {}

impl<T: ?Sized> ViaPlainType for SecretKind<T> {}

pub trait ViaEnvValue<T> {
    fn parser(&self) -> Parser<T>;
    fn item_parser(&self) -> ItemParser<T>;
    fn meta(&self) -> Meta;
}

impl<T: EnvValue> ViaEnvValue<T> for &&&&Kind<T> {
    fn parser(&self) -> Parser<T> {
        T::parse_env_owned
    }
    fn item_parser(&self) -> ItemParser<T> {
        T::parse_env
    }
    fn meta(&self) -> Meta {
        Meta { secret: T::SECRET, choices: T::CHOICES }
    }
}

pub trait ViaFromStr<T> {
    fn parser(&self) -> Parser<T>;
    fn item_parser(&self) -> ItemParser<T>;
    fn meta(&self) -> Meta {
        Meta::PLAIN
    }
}

impl<T> ViaFromStr<T> for &&&Kind<T>
where
    T: FromStr,
    T::Err: Display,
{
    fn parser(&self) -> Parser<T> {
        parse_owned_from_str::<T>
    }
    fn item_parser(&self) -> ItemParser<T> {
        parse_from_str::<T>
    }
}

/// `#[env(json)]`: the text as JSON, read into `T` by serde_json.
#[cfg(feature = "json")]
#[allow(clippy::ptr_arg, reason = "it is a `Parser<T>`, whose other parsers take the `String`")]
pub fn parse_json<T: serde_core::de::DeserializeOwned>(text: &mut String) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

/// `#[env(json)]` without the `json` feature: a bound no type meets, with
/// the fix in its message.
#[cfg(not(feature = "json"))]
pub fn parse_json<T: JsonFeature>(text: &mut String) -> Result<T, String> {
    T::never(text)
}

/// Never implemented without the `json` feature.
#[cfg(not(feature = "json"))]
#[diagnostic::on_unimplemented(
    message = "`#[env(json)]` needs twelve-config's `json` feature",
    label = "read as JSON here",
    note = "enable it in Cargo.toml: twelve-config with features = [\"json\"]"
)]
pub trait JsonFeature {
    fn never(text: &mut String) -> Result<Self, String>
    where
        Self: Sized;
}

/// A type read through serde from the variable's text (feature `serde`):
/// chosen after `EnvValue` and `FromStr`.
pub trait ViaSerde<T> {
    fn parser(&self) -> Parser<T>;
    fn item_parser(&self) -> ItemParser<T>;
    fn meta(&self) -> Meta {
        Meta::PLAIN
    }
}

#[cfg(feature = "serde")]
impl<T: serde_core::de::DeserializeOwned> ViaSerde<T> for &&Kind<T> {
    fn parser(&self) -> Parser<T> {
        |text| crate::serde_text::from_text(text)
    }
    fn item_parser(&self) -> ItemParser<T> {
        crate::serde_text::from_text
    }
}

/// Never implemented: a field whose type derives `EnvConfig` but lacks
/// `#[env(nested)]` names it in a bound, which gives this message.
#[diagnostic::on_unimplemented(
    message = "`{Self}` derives `EnvConfig`: read it as a nested group with `#[env(nested)]`",
    label = "a struct of variables, read as one variable",
    note = "write `#[env(nested)]` on the field (or `#[env(nested = \"PART_\")]`): its variables then join this config's, under its prefix"
)]
pub trait NeedsNested {
    fn never(text: &mut String) -> Result<Self, String>
    where
        Self: Sized;
    fn never_item(text: &str) -> Result<Self, String>
    where
        Self: Sized;
}

pub trait ViaNestedHint<T> {
    fn parser(&self) -> Parser<T>
    where
        T: NeedsNested;
    fn item_parser(&self) -> ItemParser<T>
    where
        T: NeedsNested;
    fn meta(&self) -> Meta {
        Meta::PLAIN
    }
}

impl<T: EnvConfig> ViaNestedHint<T> for &Kind<T> {
    fn parser(&self) -> Parser<T>
    where
        T: NeedsNested,
    {
        T::never
    }
    fn item_parser(&self) -> ItemParser<T>
    where
        T: NeedsNested,
    {
        T::never_item
    }
}

/// Never implemented: naming it in a bound turns an unsupported field type
/// into this message.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from an environment variable",
    label = "no way to read this type from text",
    note = "any of these reads it: implement `FromStr` for `{Self}` (with a `Display` error); `#[derive(EnvValue)]` on an enum of unit variants, or implement `EnvValue`; read it with `#[env(parse_with = path::to::function)]`; derive `serde::Deserialize` and enable twelve-config's `serde` feature; or `#[env(json)]` with the `json` feature for structured values"
)]
pub trait Unsupported {
    fn never(text: &mut String) -> Result<Self, String>
    where
        Self: Sized;
    fn never_item(text: &str) -> Result<Self, String>
    where
        Self: Sized;
}

pub trait ViaUnsupported<T> {
    fn parser(&self) -> Parser<T>
    where
        T: Unsupported;
    fn item_parser(&self) -> ItemParser<T>
    where
        T: Unsupported;
    fn meta(&self) -> Meta {
        Meta::PLAIN
    }
}

impl<T> ViaUnsupported<T> for Kind<T> {
    fn parser(&self) -> Parser<T>
    where
        T: Unsupported,
    {
        T::never
    }
    fn item_parser(&self) -> ItemParser<T>
    where
        T: Unsupported,
    {
        T::never_item
    }
}
