//! How the text of a variable becomes a value.
//!
//! Every `T: FromStr` whose error is `Display` is a field type. A few types
//! are read by rules of their own, through [`EnvValue`], which the derive
//! prefers over `FromStr`: `bool` (strict), `Duration` (humantime syntax) and
//! the `secrecy` types (which have no `FromStr`).

use std::fmt::Display;
use std::str::FromStr;

use secrecy::zeroize::Zeroize;
use secrecy::{SecretBox, SecretString};

/// A type with its own rule for reading an environment variable, preferred
/// by the derive over its `FromStr`.
///
/// `#[derive(EnvValue)]` writes it for an enum of unit variants (see the
/// [crate docs](crate#field-types)); implement it by hand for a type with a
/// reading rule of its own. `bool` (strict), `Duration` (humantime),
/// `String` and the `secrecy` types have it.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, EnvValue};
///
/// /// A size in bytes, written with a unit: `512k`, `64m`.
/// #[derive(Debug, PartialEq)]
/// struct Bytes(u64);
///
/// impl EnvValue for Bytes {
///     fn parse_env(text: &str) -> Result<Self, String> {
///         let (number, unit) = text.split_at(text.len().saturating_sub(1));
///         let scale = match unit {
///             "k" => 1 << 10,
///             "m" => 1 << 20,
///             _ => return Err("expected a size such as 512k or 64m".into()),
///         };
///         number.parse::<u64>().map(|n| Bytes(n * scale)).map_err(|e| e.to_string())
///     }
///
///     fn to_env(&self) -> Option<String> {
///         Some(format!("{}k", self.0 >> 10))
///     }
/// }
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     #[env(default = Bytes(64 << 10))]
///     buffer: Bytes,
/// }
///
/// assert_eq!(Config::from_vars([("BUFFER", "1m")]).unwrap().buffer, Bytes(1 << 20));
/// // The default is listed as text that loads the same value.
/// assert_eq!(Config::vars()[0].default.as_deref(), Some("64k"));
/// ```
pub trait EnvValue: Sized {
    /// Whether the type holds a secret (its value is never shown).
    const SECRET: bool = false;

    /// The texts accepted, when they are a fixed list (an enum's variants):
    /// listed in [`Var::choices`](crate::Var::choices) and the templates.
    const CHOICES: &'static [&'static str] = &[];

    /// The value as text that reads back as the same value, if there is
    /// such a text: how a default set in code is listed. `None` (the
    /// default) lists it as "set in code".
    fn to_env(&self) -> Option<String> {
        None
    }

    /// Reads the value from the variable's text.
    ///
    /// # Errors
    ///
    /// A lowercase reason the text is not a valid value.
    fn parse_env(text: &str) -> Result<Self, String>;

    /// Reads the value from the loader's own copy of the text, which a
    /// type that holds text may take instead of copying. On error the text
    /// must be left in place: the report shows it.
    ///
    /// # Errors
    ///
    /// As [`parse_env`](Self::parse_env).
    fn parse_env_owned(text: &mut String) -> Result<Self, String> {
        Self::parse_env(text)
    }
}

impl EnvValue for String {
    fn parse_env(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }

    fn to_env(&self) -> Option<String> {
        Some(self.clone())
    }

    fn parse_env_owned(text: &mut String) -> Result<Self, String> {
        Ok(std::mem::take(text))
    }
}

/// What `bool` accepts, for messages and docs.
pub(crate) const BOOL_EXPECTED: &str = "expected true/false, 1/0, yes/no or on/off";

impl EnvValue for bool {
    fn to_env(&self) -> Option<String> {
        Some(self.to_string())
    }

    fn parse_env(text: &str) -> Result<Self, String> {
        const TRUE: [&str; 4] = ["true", "1", "yes", "on"];
        const FALSE: [&str; 4] = ["false", "0", "no", "off"];
        if TRUE.iter().any(|word| text.eq_ignore_ascii_case(word)) {
            Ok(true)
        } else if FALSE.iter().any(|word| text.eq_ignore_ascii_case(word)) {
            Ok(false)
        } else {
            Err(BOOL_EXPECTED.to_owned())
        }
    }
}

#[cfg(feature = "humantime")]
impl EnvValue for std::time::Duration {
    fn to_env(&self) -> Option<String> {
        Some(humantime::format_duration(*self).to_string())
    }

    fn parse_env(text: &str) -> Result<Self, String> {
        humantime::parse_duration(text)
            .map_err(|error| format!("{error} (expected a duration such as 250ms, 30s, 5m or 1h30m)"))
    }
}

impl EnvValue for SecretString {
    const SECRET: bool = true;

    fn parse_env(text: &str) -> Result<Self, String> {
        // `From<&str>` copies into an exactly sized box, so no reallocation
        // leaves an unzeroized copy behind.
        Ok(SecretString::from(text))
    }

    fn parse_env_owned(text: &mut String) -> Result<Self, String> {
        Ok(crate::secret::into_secret(std::mem::take(text)))
    }
}

impl<T> EnvValue for SecretBox<T>
where
    T: FromStr + Zeroize,
{
    const SECRET: bool = true;

    fn parse_env(text: &str) -> Result<Self, String> {
        // The parse error may quote the secret: it is dropped, not shown.
        match T::from_str(text) {
            Ok(value) => Ok(SecretBox::new(Box::new(value))),
            Err(_) => Err(format!("not a valid {}", short_type_name::<T>())),
        }
    }
}

/// The error of a value that names no choice: `expected one of a, b, c`,
/// with the closest when one is close. Not a stable API.
#[doc(hidden)]
pub fn choice_error(text: &str, choices: &[&str]) -> String {
    let list = choices.join(", ");
    let normal = text.to_ascii_lowercase().replace('-', "_");
    let mut normalized = Vec::with_capacity(choices.len());
    for choice in choices {
        normalized.push(choice.to_ascii_lowercase().replace('-', "_"));
    }
    let normalized: Vec<&str> = normalized.iter().map(String::as_str).collect();
    match crate::suggest::closest(&normal, &normalized) {
        Some(close) => format!("expected one of {list}: did you mean {}?", choices[close]),
        None => format!("expected one of {list}"),
    }
}

/// Reads a value through `FromStr` from the loader's copy of the text.
///
/// # Errors
///
/// The `FromStr` error, as text.
#[allow(clippy::ptr_arg, reason = "it is a `Parser<T>`, whose other parsers take the `String`")]
pub fn parse_owned_from_str<T>(text: &mut String) -> Result<T, String>
where
    T: FromStr,
    T::Err: Display,
{
    parse_from_str(text)
}

/// Reads a value through `FromStr`, keeping the error's message.
///
/// # Errors
///
/// The `FromStr` error, as text.
pub fn parse_from_str<T>(text: &str) -> Result<T, String>
where
    T: FromStr,
    T::Err: Display,
{
    T::from_str(text).map_err(|error| error.to_string())
}

/// Reads a list: `text` split on `separator`, each item trimmed and parsed.
/// An empty (or all-blank) text is an empty list.
///
/// # Errors
///
/// Every item that fails, by position, each shown with its reason
/// (`item 2 "x": invalid digit found in string`). The report shows no more
/// of an item than the disclosure rule shows of the value.
pub fn parse_list<T>(
    text: &str,
    separator: &str,
    parse_item: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for (index, item) in text.split(separator).enumerate() {
        let item = item.trim();
        match parse_item(item) {
            Ok(value) => items.push(value),
            Err(reason) => problems.push(format!("item {} {item:?}: {reason}", index + 1)),
        }
    }
    if problems.is_empty() { Ok(items) } else { Err(problems.join("; ")) }
}

/// A map a field may be: one entry per key. Not a stable API.
#[doc(hidden)]
pub trait MapInsert<K, V>: Default {
    /// Inserts unless the key is there: `false` when it was.
    fn insert_new(&mut self, key: K, value: V) -> bool;
}

impl<K: Eq + std::hash::Hash, V, S: std::hash::BuildHasher + Default> MapInsert<K, V>
    for std::collections::HashMap<K, V, S>
{
    fn insert_new(&mut self, key: K, value: V) -> bool {
        match self.entry(key) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(value);
                true
            }
        }
    }
}

impl<K: Ord, V> MapInsert<K, V> for std::collections::BTreeMap<K, V> {
    fn insert_new(&mut self, key: K, value: V) -> bool {
        match self.entry(key) {
            std::collections::btree_map::Entry::Occupied(_) => false,
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(value);
                true
            }
        }
    }
}

/// Reads a map: `text` split on `separator` into items, each split at its
/// first `kv_separator` into a key and a value (a value may hold more of
/// it), both trimmed and parsed. An empty text is an empty map; a repeated
/// key is invalid. Not a stable API.
///
/// # Errors
///
/// Every item that fails, by position, each shown with its reason.
#[doc(hidden)]
pub fn parse_map<M, K, V>(
    text: &str,
    separator: &str,
    kv_separator: &str,
    parse_key: impl Fn(&str) -> Result<K, String>,
    parse_value: impl Fn(&str) -> Result<V, String>,
) -> Result<M, String>
where
    M: MapInsert<K, V>,
{
    let mut map = M::default();
    if text.trim().is_empty() {
        return Ok(map);
    }
    let mut problems = Vec::new();
    for (index, item) in text.split(separator).enumerate() {
        let number = index + 1;
        let item = item.trim();
        let Some((key, value)) = item.split_once(kv_separator) else {
            problems.push(format!("item {number} {item:?}: expected key{kv_separator}value"));
            continue;
        };
        let (key_text, value) = (key.trim(), value.trim());
        let key = match parse_key(key_text) {
            Ok(key) => key,
            Err(reason) => {
                problems.push(format!("item {number} {item:?}: the key: {reason}"));
                continue;
            }
        };
        let value = match parse_value(value) {
            Ok(value) => value,
            Err(reason) => {
                problems.push(format!("item {number} {item:?}: {reason}"));
                continue;
            }
        };
        if !map.insert_new(key, value) {
            problems.push(format!("item {number}: the key {key_text:?} is repeated"));
        }
    }
    if problems.is_empty() { Ok(map) } else { Err(problems.join("; ")) }
}

/// A type's name without its module paths, generic arguments included:
/// `u32`, `Vec<u8>`, `WithPassword<PostgresUrl>`.
pub(crate) fn short_type_name<T: ?Sized>() -> String {
    let full = std::any::type_name::<T>();
    let mut out = String::with_capacity(full.len());
    let mut rest = full;
    while !rest.is_empty() {
        let end = rest.find(['<', '>', ',', '(', ')', '[', ']', ';', ' ', '&', '*']).unwrap_or(rest.len());
        let path = &rest[..end];
        out.push_str(path.rsplit("::").next().unwrap_or(path));
        let delimiter = rest[end..].chars().next();
        if let Some(delimiter) = delimiter {
            out.push(delimiter);
        }
        rest = &rest[end + delimiter.map_or(0, char::len_utf8)..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn bool_is_strict_and_case_insensitive() {
        for text in ["true", "TRUE", "True", "1", "yes", "YES", "on", "On"] {
            assert_eq!(bool::parse_env(text), Ok(true), "{text}");
        }
        for text in ["false", "FALSE", "0", "no", "No", "off", "OFF"] {
            assert_eq!(bool::parse_env(text), Ok(false), "{text}");
        }
        for text in ["flase", "", " true", "2", "y", "t", "enabled", "truee"] {
            assert_eq!(bool::parse_env(text), Err(BOOL_EXPECTED.to_owned()), "{text:?}");
        }
    }

    #[cfg(feature = "humantime")]
    #[test]
    fn durations_use_humantime_syntax() {
        use std::time::Duration;
        assert_eq!(Duration::parse_env("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(Duration::parse_env("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(Duration::parse_env("5m"), Ok(Duration::from_secs(300)));
        let error = Duration::parse_env("30 parsecs").unwrap_err();
        assert!(error.contains("expected a duration"), "{error}");
    }

    #[test]
    fn secrets_parse_and_hide_their_parse_errors() {
        assert_eq!(SecretString::parse_env("s3cret").unwrap().expose_secret(), "s3cret");
        assert_eq!(*SecretBox::<u32>::parse_env("42").unwrap().expose_secret(), 42);
        let error = SecretBox::<u32>::parse_env("s3cret").unwrap_err();
        assert_eq!(error, "not a valid u32");
    }

    #[test]
    fn lists_split_trim_and_report_the_item() {
        assert_eq!(parse_list("a, b ,c", ",", parse_from_str::<String>), Ok(vec!["a".into(), "b".into(), "c".into()]));
        assert_eq!(parse_list("", ",", parse_from_str::<u8>), Ok(vec![]));
        assert_eq!(parse_list("  ", ",", parse_from_str::<u8>), Ok(vec![]));
        assert_eq!(parse_list("1;2", ";", parse_from_str::<u8>), Ok(vec![1, 2]));
        let error = parse_list("1,x,3", ",", parse_from_str::<u8>).unwrap_err();
        assert_eq!(error, "item 2 \"x\": invalid digit found in string");
        // Every bad item, not the first alone.
        let error = parse_list("x,2,300", ",", parse_from_str::<u8>).unwrap_err();
        assert_eq!(
            error,
            "item 1 \"x\": invalid digit found in string; item 3 \"300\": number too large to fit in target type"
        );
    }

    #[test]
    fn short_type_names() {
        assert_eq!(short_type_name::<u32>(), "u32");
        assert_eq!(short_type_name::<std::net::IpAddr>(), "IpAddr");
        assert_eq!(short_type_name::<Vec<u8>>(), "Vec<u8>");
        assert_eq!(short_type_name::<Option<std::net::IpAddr>>(), "Option<IpAddr>");
        assert_eq!(short_type_name::<std::collections::HashMap<String, (u8, &str)>>(), "HashMap<String, (u8, &str)>");
    }
}
