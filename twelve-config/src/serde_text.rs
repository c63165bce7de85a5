//! A field type read through serde from the variable's text (cargo feature
//! `serde`): unit variants by their serde name (`rename_all` and `alias`
//! honoured), newtypes, strings, numbers, `bool` (strict, as a field), and
//! `Option`. Structured values (sequences, maps, structs) need
//! `#[env(json)]`.

use std::fmt;

use serde_core::de::{self, DeserializeOwned, Deserializer, IntoDeserializer, Visitor};

/// Reads `T` from `text`; serde's message is the reason.
pub(crate) fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    T::deserialize(Text(text)).map_err(|error| error.0)
}

/// The reason a text does not deserialize.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct TextError(String);

impl de::Error for TextError {
    fn custom<M: fmt::Display>(message: M) -> Self {
        Self(message.to_string())
    }
}

/// One variable's text as a serde deserializer.
struct Text<'a>(&'a str);

macro_rules! numbers {
    ($($method:ident $visit:ident $ty:ty),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
                let number: $ty = self.0.parse().map_err(|error| TextError(format!("{error}")))?;
                visitor.$visit(number)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for Text<'_> {
    type Error = TextError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_bool(<bool as crate::EnvValue>::parse_env(self.0).map_err(TextError)?)
    }

    numbers! {
        deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16, deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64, deserialize_i128 visit_i128 i128,
        deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16, deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64, deserialize_u128 visit_u128 u128,
        deserialize_f32 visit_f32 f32, deserialize_f64 visit_f64 f64,
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        let mut chars = self.0.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => visitor.visit_char(c),
            _ => Err(TextError("expected a single character".to_owned())),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_bytes(self.0.as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_bytes(self.0.as_bytes())
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        // The loader reads an empty value as unset before it gets here.
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TextError> {
        // A unit variant, by its serde name.
        visitor.visit_enum(IntoDeserializer::<TextError>::into_deserializer(self.0))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, _: V) -> Result<V::Value, TextError> {
        Err(structured())
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, TextError> {
        Err(structured())
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, _: V) -> Result<V::Value, TextError> {
        Err(structured())
    }

    fn deserialize_map<V: Visitor<'de>>(self, _: V) -> Result<V::Value, TextError> {
        Err(structured())
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, TextError> {
        Err(structured())
    }
}

fn structured() -> TextError {
    TextError("a structured value cannot be read from plain text: read it with #[env(json)]".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Mode {
        ReadOnly,
        #[serde(alias = "rw")]
        ReadWrite,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Port(u16);

    #[test]
    fn unit_variants_newtypes_numbers_and_strings() {
        assert_eq!(from_text::<Mode>("read-only"), Ok(Mode::ReadOnly));
        assert_eq!(from_text::<Mode>("rw"), Ok(Mode::ReadWrite));
        assert!(from_text::<Mode>("ReadOnly").unwrap_err().contains("unknown variant `ReadOnly`"));
        assert_eq!(from_text::<Port>("8080"), Ok(Port(8080)));
        assert_eq!(from_text::<Port>("eighty"), Err("invalid digit found in string".to_owned()));
        assert_eq!(from_text::<String>("text"), Ok("text".to_owned()));
        assert_eq!(from_text::<bool>("yes"), Ok(true));
        assert!(from_text::<Vec<u8>>("1,2").unwrap_err().contains("#[env(json)]"));
    }
}
