//! Where variables come from: the [`Source`] trait, the process environment
//! ([`Env`]) and an in-memory map ([`Vars`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::hash::BuildHasher;

use crate::snapshot::{Name, PASS_THRESHOLD, Snapshot, wipe, wipe_cow};

/// A set of named variables a config is loaded from.
///
/// The process environment ([`Env`]) is the source of production code;
/// [`Vars`] and the maps below serve tests and other back ends. Implement it
/// to load from anything else (a secrets manager, a parsed `.env` file).
///
/// Loading calls [`get`](Source::get) once per variable a config reads and
/// [`names`](Source::names) only when it needs the full list (unknown-variable
/// checks and did-you-mean hints).
///
/// # Examples
///
/// ```
/// use std::borrow::Cow;
/// use std::ffi::OsStr;
/// use twelve_config::{EnvConfig, Source};
///
/// /// Every variable is "42".
/// struct FortyTwo;
///
/// impl Source for FortyTwo {
///     fn get(&self, _name: &str) -> Option<Cow<'_, OsStr>> {
///         Some(Cow::Borrowed(OsStr::new("42")))
///     }
///     fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
///         Box::new(std::iter::empty())
///     }
/// }
///
/// #[derive(EnvConfig)]
/// struct Config {
///     answer: u8,
/// }
///
/// assert_eq!(Config::from_source(&FortyTwo).unwrap().answer, 42);
/// ```
pub trait Source {
    /// The value of the variable `name`, or `None` when it is unset.
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>>;

    /// The name of every variable the source holds, in any order.
    fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_>;

    /// Where the source holds `name`, for the effective configuration and
    /// the report: `.env:12` for a [`DotEnv`](crate::DotEnv) file's line.
    /// `None` (the default) is shown as `env`.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{Env, Source};
    ///
    /// assert_eq!(Env.origin("PATH"), None);
    /// ```
    fn origin(&self, name: &str) -> Option<String> {
        let _ = name;
        None
    }

    /// This source, then `other` for what this one does not hold: the
    /// first wins. Origins are kept, so the effective configuration says
    /// which source each value came from.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::ffi::OsStr;
    /// use twelve_config::{Source, Vars};
    ///
    /// let deploy = Vars::new().with("PORT", "80");
    /// let defaults = Vars::new().with("PORT", "8080").with("HOST", "localhost");
    /// let both = deploy.or(defaults);
    /// assert_eq!(both.get("PORT").as_deref(), Some(OsStr::new("80")));
    /// assert_eq!(both.get("HOST").as_deref(), Some(OsStr::new("localhost")));
    /// ```
    fn or<S: Source>(self, other: S) -> Or<Self, S>
    where
        Self: Sized,
    {
        Or { first: self, second: other }
    }

    /// [`get`](Self::get) for a name the derive checked at compile time
    /// (no `=`, no NUL), which a source may look up without checking again.
    /// Not a stable API.
    #[doc(hidden)]
    #[inline]
    fn __get_valid(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        self.get(name)
    }

    /// The values of `names` (checked by the derive) read in one pass,
    /// where the source can do better than one lookup per name. Not a
    /// stable API.
    #[doc(hidden)]
    #[inline]
    fn __snapshot(&self, names: &[Name]) -> Option<Snapshot> {
        let _ = names;
        None
    }

    /// What the source learned of itself that the service should hear
    /// (two service bindings of one type). Not a stable API.
    #[doc(hidden)]
    fn __warnings(&self) -> Vec<crate::Warning> {
        Vec::new()
    }

    /// Whether the source holds `name`'s value as a secret whatever the
    /// field (a manifest's `Secret` data, in [`check`](crate::check)): the
    /// value is then shown as a secret field's would be. Not a stable API.
    #[doc(hidden)]
    fn __provides_secret(&self, name: &str) -> bool {
        let _ = name;
        false
    }
}

impl<S: Source + ?Sized> Source for &S {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        (**self).get(name)
    }

    #[inline]
    fn __get_valid(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        (**self).__get_valid(name)
    }

    #[inline]
    fn __snapshot(&self, names: &[Name]) -> Option<Snapshot> {
        (**self).__snapshot(names)
    }

    fn __provides_secret(&self, name: &str) -> bool {
        (**self).__provides_secret(name)
    }

    fn __warnings(&self) -> Vec<crate::Warning> {
        (**self).__warnings()
    }

    fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
        (**self).names()
    }

    fn origin(&self, name: &str) -> Option<String> {
        (**self).origin(name)
    }
}

/// Two sources, the first winning: from [`Source::or`].
///
/// # Examples
///
/// ```
/// use twelve_config::{Env, EnvConfig, Source, Vars};
///
/// #[derive(EnvConfig, Debug)]
/// #[env(prefix = "SURELY_UNSET_")]
/// struct Config {
///     port: u16,
/// }
///
/// // The process environment first, then a fallback.
/// let config = Config::from_source(&Env.or(Vars::new().with("SURELY_UNSET_PORT", "8080"))).unwrap();
/// assert_eq!(config.port, 8080);
/// ```
#[derive(Debug, Clone)]
pub struct Or<A, B> {
    first: A,
    second: B,
}

impl<A: Source, B: Source> Source for Or<A, B> {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        self.first.get(name).or_else(|| self.second.get(name))
    }

    #[inline]
    fn __get_valid(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        self.first.__get_valid(name).or_else(|| self.second.__get_valid(name))
    }

    // No snapshot: one of the first source alone would answer "unset"
    // for a name only the second holds.

    fn __warnings(&self) -> Vec<crate::Warning> {
        let mut warnings = self.first.__warnings();
        warnings.extend(self.second.__warnings());
        warnings
    }

    fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
        let mut seen = std::collections::HashSet::new();
        Box::new(self.first.names().chain(self.second.names()).filter(move |name| seen.insert(name.clone())))
    }

    fn origin(&self, name: &str) -> Option<String> {
        if self.first_holds(name) { self.first.origin(name) } else { self.second.origin(name) }
    }

    fn __provides_secret(&self, name: &str) -> bool {
        if self.first_holds(name) { self.first.__provides_secret(name) } else { self.second.__provides_secret(name) }
    }
}

impl<A: Source, B: Source> Or<A, B> {
    /// Whether the first source gives `name`, so that what is said of its
    /// value is the first's to say.
    fn first_holds(&self, name: &str) -> bool {
        self.first.__get_valid(name).map(wipe_cow).is_some()
    }
}

/// The process environment, read through std ([`std::env::var_os`] and
/// [`std::env::vars_os`]) under std's environment lock; never written.
///
/// A config reads one `var_os` per variable, as a hand-written loader
/// does. A config whose struct names 64 variables or more reads the
/// environment once instead, through one `vars_os` snapshot, so a load
/// costs fields + environment rather than fields × environment. Either
/// way, a load beside another thread's [`std::env::set_var`] is
/// memory-safe: std's lock orders them. Values of the snapshot that no
/// field takes, and the values copied along with the names when a report
/// needs the list of names, are wiped before they are freed.
///
/// # Examples
///
/// ```
/// use twelve_config::{Env, Source};
///
/// // PATH is set in almost every environment; a name with `=` never is.
/// assert!(Env.get("NOT=A_NAME").is_none());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Env;

impl Source for Env {
    #[inline]
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        // `getenv("A=B")` would find the variable `A`; `var_os` itself
        // answers `None` for an empty name or one holding NUL.
        if name.as_bytes().contains(&b'=') {
            return None;
        }
        std::env::var_os(name).map(Cow::Owned)
    }

    fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
        // std copies every value along with its name: each is wiped, as it
        // may be another program's secret.
        Box::new(std::env::vars_os().map(|(name, mut value)| {
            wipe(&mut value);
            Cow::Owned(name)
        }))
    }

    #[inline]
    fn __get_valid(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        std::env::var_os(name).map(Cow::Owned)
    }

    /// One pass over the environment for a config of many variables.
    fn __snapshot(&self, names: &[Name]) -> Option<Snapshot> {
        if names.len() < PASS_THRESHOLD {
            return None;
        }
        Snapshot::capture(names, std::env::vars_os())
    }
}

/// An in-memory set of variables, for tests and for loading from anything
/// that is not the process environment.
///
/// Values are [`OsString`]s, so a test can supply a value that is not valid
/// Unicode without touching the process environment. `Debug` shows the
/// names only, and every value is wiped (zeroed) before it is freed:
/// values may be secrets.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, Vars};
///
/// #[derive(EnvConfig)]
/// #[env(prefix = "APP_")]
/// struct Config {
///     port: u16,
/// }
///
/// let vars = Vars::new().with("APP_PORT", "8080");
/// assert_eq!(Config::from_source(&vars).unwrap().port, 8080);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Vars {
    map: HashMap<String, OsString>,
}

impl Vars {
    /// An empty set of variables.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(twelve_config::Vars::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value`, replacing any earlier value.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut vars = twelve_config::Vars::new();
    /// vars.insert("A", "1");
    /// vars.insert("A", "2");
    /// assert_eq!(vars.len(), 1);
    /// ```
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<OsString>) {
        if let Some(mut replaced) = self.map.insert(name.into(), value.into()) {
            wipe(&mut replaced);
        }
    }

    /// Builder form of [`insert`](Self::insert).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::ffi::OsStr;
    /// use twelve_config::{Source, Vars};
    ///
    /// let vars = Vars::new().with("A", "1").with("B", "2");
    /// assert_eq!(vars.get("B").as_deref(), Some(OsStr::new("2")));
    /// ```
    #[must_use]
    pub fn with(mut self, name: impl Into<String>, value: impl Into<OsString>) -> Self {
        self.insert(name, value);
        self
    }

    /// The number of variables.
    ///
    /// # Examples
    ///
    /// ```
    /// let vars: twelve_config::Vars = [("A", "1"), ("B", "2")].into_iter().collect();
    /// assert_eq!(vars.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are no variables.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(twelve_config::Vars::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl Drop for Vars {
    /// Values may be secrets: each is wiped before it is freed.
    fn drop(&mut self) {
        for value in self.map.values_mut() {
            wipe(value);
        }
    }
}

/// The pairs, moved out: what a consumer keeps is its to wipe (a `Vars`
/// built from them wipes them in turn, as `from_vars` does).
impl IntoIterator for Vars {
    type Item = (String, OsString);
    type IntoIter = std::collections::hash_map::IntoIter<String, OsString>;

    fn into_iter(mut self) -> Self::IntoIter {
        std::mem::take(&mut self.map).into_iter()
    }
}

impl fmt::Debug for Vars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = self.map.keys().map(String::as_str).collect();
        names.sort_unstable();
        f.debug_struct("Vars").field("names", &names).finish_non_exhaustive()
    }
}

impl<K: Into<String>, V: Into<OsString>> FromIterator<(K, V)> for Vars {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut vars = Self::new();
        vars.extend(iter);
        vars
    }
}

impl<K: Into<String>, V: Into<OsString>> Extend<(K, V)> for Vars {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (name, value) in iter {
            self.insert(name, value);
        }
    }
}

impl Source for Vars {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        self.map.get(name).map(|value| Cow::Borrowed(value.as_os_str()))
    }

    fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
        Box::new(self.map.keys().map(|name| Cow::Borrowed(OsStr::new(name))))
    }
}

impl<S: BuildHasher> Source for HashMap<String, String, S> {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        HashMap::get(self, name).map(|value| Cow::Borrowed(OsStr::new(value)))
    }

    fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
        Box::new(self.keys().map(|name| Cow::Borrowed(OsStr::new(name))))
    }
}

impl Source for BTreeMap<String, String> {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        BTreeMap::get(self, name).map(|value| Cow::Borrowed(OsStr::new(value)))
    }

    fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
        Box::new(self.keys().map(|name| Cow::Borrowed(OsStr::new(name))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vars_later_value_wins_and_debug_hides_values() {
        let vars: Vars = [("A", "1"), ("B", "hunter2"), ("A", "3")].into_iter().collect();
        assert_eq!(vars.get("A").as_deref(), Some(OsStr::new("3")));
        assert_eq!(vars.get("C"), None);
        let debug = format!("{vars:?}");
        assert!(debug.contains("\"A\"") && debug.contains("\"B\""), "{debug}");
        assert!(!debug.contains("hunter2"), "{debug}");
    }

    #[test]
    fn env_rejects_names_var_os_cannot_look_up() {
        assert_eq!(Env.get(""), None);
        assert_eq!(Env.get("A=B"), None);
        assert_eq!(Env.get("A\0B"), None);
    }

    #[test]
    fn maps_are_sources() {
        let hash: HashMap<String, String> = [("K".to_owned(), "v".to_owned())].into();
        let tree: BTreeMap<String, String> = [("K".to_owned(), "v".to_owned())].into();
        for source in [&hash as &dyn Source, &tree] {
            assert_eq!(source.get("K").as_deref(), Some(OsStr::new("v")));
            assert_eq!(source.names().count(), 1);
        }
    }
}
