//! How a value is written as text: a default listed, a value fingerprinted.

use std::fmt::Display;
use std::marker::PhantomData;
use std::str::FromStr;

use crate::value::EnvValue;

use super::*;

// How a value is written as text: a default set in code is listed so, and
// the fingerprint reads every value so, the text that loads it back in one
// form for each value (`08080` as `8080`, `30000ms` as `30s`), by the same
// autoref choice: a handle's canonical URL, `EnvValue::to_env`, then
// `Display` for a `FromStr` type, else none ("set in code"; the
// fingerprint then reads the text as given). The choice is a function, so
// the generated code names it once and the loader calls it.

/// A default's value type, for choosing how it is written as text.
pub struct Shown<T>(PhantomData<fn() -> T>);

impl<T> Shown<T> {
    pub const NEW: Self = Shown(PhantomData);
}

pub trait ShownByResource<T> {
    fn text(&self) -> fn(&T) -> Option<String>;
}

impl<T: crate::resource::Resource> ShownByResource<T> for &&&Shown<T> {
    fn text(&self) -> fn(&T) -> Option<String> {
        |value| Some(crate::resource::canonical(value))
    }
}

pub trait ShownByEnvValue<T> {
    fn text(&self) -> fn(&T) -> Option<String>;
}

impl<T: EnvValue> ShownByEnvValue<T> for &&Shown<T> {
    fn text(&self) -> fn(&T) -> Option<String> {
        T::to_env
    }
}

pub trait ShownByDisplay<T> {
    fn text(&self) -> fn(&T) -> Option<String>;
}

impl<T: FromStr + Display> ShownByDisplay<T> for &Shown<T> {
    fn text(&self) -> fn(&T) -> Option<String> {
        |value| Some(value.to_string())
    }
}

pub trait ShownByNothing<T> {
    fn text(&self) -> fn(&T) -> Option<String>;
}

impl<T> ShownByNothing<T> for Shown<T> {
    fn text(&self) -> fn(&T) -> Option<String> {
        |_| None
    }
}
