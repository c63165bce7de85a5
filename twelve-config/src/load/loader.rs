//! The `Loader`: reads each field's variable (its aliases, its `NAME_FILE`), parses it, and records every problem.

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::path::Path;

use secrecy::zeroize::Zeroize;

use crate::disclosure::shown_bytes;
use crate::loaded::{Entry, Origin, Warning};
use crate::snapshot::{Name, Snapshot};
use crate::{Problem, Source};

use super::field::{Fetched, Field, Unset};
use super::rules::RuleFailure;

/// Loads fields one by one, recording every problem.
pub struct Loader<'a> {
    pub(crate) source: &'a dyn Source,
    /// The values of the names the derive knows, read in one pass.
    pub(crate) snapshot: Option<Snapshot>,
    pub(crate) problems: Vec<Problem>,
    /// The last value fetched came from the file `NAME_FILE` names: a
    /// problem with it names `NAME_FILE`, as `NAME` is unset.
    pub(crate) from_file: bool,
    /// Where the last value fetched came from.
    pub(crate) origin: Origin,
    pub(crate) warnings: Vec<Warning>,
    /// The effective configuration, when [`EnvConfig::load`] asked for it.
    pub(crate) entries: Option<Vec<Entry>>,
}

impl<'a> Loader<'a> {
    /// A loader of `names` (the config's [`EnvConfig::__names`])
    /// from `source`.
    #[inline]
    pub fn new(source: &'a dyn Source, names: &[Name]) -> Self {
        let snapshot = if names.is_empty() { None } else { source.__snapshot(names) };
        Self {
            source,
            snapshot,
            problems: Vec::new(),
            from_file: false,
            origin: Origin::Env,
            warnings: Vec::new(),
            entries: None,
        }
    }

    /// A variable's value: from the snapshot when it holds the slot, else
    /// from the source, by the name `name` builds (only then).
    #[inline]
    pub(crate) fn lookup<N: AsRef<str>>(
        &mut self,
        slot: Option<usize>,
        name: impl FnOnce() -> N,
    ) -> Option<Cow<'a, OsStr>> {
        if let (Some(slot), Some(snapshot)) = (slot, &mut self.snapshot)
            && let Some(value) = snapshot.take(slot)
        {
            return value.map(Cow::Owned);
        }
        self.source.__get_valid(name().as_ref())
    }

    /// Reads the field's variable, or the file its `_FILE` variable names.
    #[inline]
    pub fn fetch(&mut self, field: &Field) -> Fetched {
        self.from_file = false;
        self.origin = Origin::Env;
        let raw = self.lookup(field.slot, || &*field.var);
        let empty = raw.as_ref().is_some_and(|raw| raw.is_empty());
        let direct = raw.filter(|raw| !raw.is_empty() || field.info.allow_empty);
        // The `_FILE` name is written out only when the source is asked
        // or a problem names it.
        if field.reads_file
            && let Some(path) = self.lookup(field.file_slot, || field.file_name()).filter(|path| !path.is_empty())
        {
            if let Some(direct) = direct {
                // Not used: wiped, as it may be the secret.
                crate::snapshot::wipe_cow(direct);
                crate::snapshot::wipe_cow(path);
                self.problems.push(Problem::Ambiguous {
                    var: field.var.clone().into_owned(),
                    file_var: field.file_var(),
                    field: field.field_path(),
                    type_name: field.type_name(),
                });
                return Fetched::Failed;
            }
            let fetched = self.fetch_file(field, field.file_var(), &path);
            self.from_file = matches!(fetched, Fetched::Value(_));
            if self.from_file {
                self.origin = Origin::File(shown_path(&path).unwrap_or_else(|| "(path not shown)".to_owned()));
            }
            return fetched;
        }
        if direct.is_some() && !field.info.aliases.is_empty() {
            self.warn_shadowed(field, direct.as_deref());
        }
        match direct {
            None if !field.info.aliases.is_empty() => self.fetch_alias(field, Unset { empty, empty_file: false }),
            None => Fetched::Unset(Unset { empty, empty_file: false }),
            Some(raw) => match raw.into_owned().into_string() {
                Ok(text) => Fetched::Value(text),
                Err(mut raw) => {
                    self.not_unicode(field, field.var.clone().into_owned(), raw.as_encoded_bytes());
                    crate::snapshot::wipe(&mut raw);
                    Fetched::Failed
                }
            },
        }
    }

    /// The field's own variable is set: each alias or deprecated name set
    /// to another value is a warning (the same value says nothing new).
    pub(crate) fn warn_shadowed(&mut self, field: &Field, own: Option<&OsStr>) {
        for &(name, _) in field.info.aliases {
            if let Some(value) = self.source.__get_valid(name) {
                let differs = !value.is_empty() && Some(value.as_ref()) != own;
                crate::snapshot::wipe_cow(value);
                if differs {
                    self.warnings
                        .push(Warning::Shadowed { var: field.var.clone().into_owned(), alias: name.to_owned() });
                }
            }
        }
    }

    /// The field's own variable is unset: the first alias that is set,
    /// if every alias set agrees on the value.
    pub(crate) fn fetch_alias(&mut self, field: &Field, unset: Unset) -> Fetched {
        let mut found: Vec<(&'static str, bool, OsString)> = Vec::new();
        for &(name, deprecated) in field.info.aliases {
            match self.source.__get_valid(name) {
                Some(value) if !value.is_empty() || field.info.allow_empty => {
                    found.push((name, deprecated, value.into_owned()))
                }
                _ => {}
            }
        }
        let agree = found.windows(2).all(|pair| pair[0].2 == pair[1].2);
        if !agree {
            let mut aliases = Vec::with_capacity(found.len());
            for (name, _, _) in &found {
                aliases.push((*name).to_owned());
            }
            self.problems.push(Problem::Conflict {
                var: field.var.clone().into_owned(),
                aliases,
                field: field.field_path(),
                type_name: field.type_name(),
            });
            for (_, _, value) in &mut found {
                crate::snapshot::wipe(value);
            }
            return Fetched::Failed;
        }
        let mut found = found.into_iter();
        let Some((name, deprecated, value)) = found.next() else { return Fetched::Unset(unset) };
        for (_, _, mut other) in found {
            crate::snapshot::wipe(&mut other);
        }
        if deprecated {
            self.warnings
                .push(Warning::Deprecated { var: name.to_owned(), replacement: field.var.clone().into_owned() });
        }
        self.origin = Origin::Alias(name.to_owned());
        match value.into_string() {
            Ok(text) => Fetched::Value(text),
            Err(mut raw) => {
                self.not_unicode(field, name.to_owned(), raw.as_encoded_bytes());
                crate::snapshot::wipe(&mut raw);
                Fetched::Failed
            }
        }
    }

    pub(crate) fn fetch_file(&mut self, field: &Field, file_var: String, path: &OsStr) -> Fetched {
        let mut content = match crate::file::read_limited(Path::new(path)) {
            Ok(content) => content,
            Err(error) => {
                self.problems.push(Problem::File {
                    var: file_var,
                    field: field.field_path(),
                    type_name: field.type_name(),
                    path: shown_path(path),
                    reason: error.to_string(),
                });
                return Fetched::Failed;
            }
        };
        if content.ends_with(b"\n") {
            content.pop();
            if content.ends_with(b"\r") {
                content.pop();
            }
        }
        if content.is_empty() {
            return Fetched::Unset(Unset { empty: false, empty_file: true });
        }
        match String::from_utf8(content) {
            Ok(text) => Fetched::Value(text),
            Err(error) => {
                let mut bytes = error.into_bytes();
                self.not_unicode(field, file_var, &bytes);
                bytes.zeroize();
                Fetched::Failed
            }
        }
    }

    /// Parses a fetched value, recording why it is invalid. The parser may
    /// take the text (a `String` field moves it rather than copying).
    pub fn parse<T>(
        &mut self,
        field: &Field,
        text: String,
        parse: impl Fn(&mut String) -> Result<T, String>,
    ) -> Option<T> {
        if self.entries.is_some() {
            return self.parse_checked(field, text, parse, |_: &T| Ok(()));
        }
        // No rule and no effective configuration to record: the value goes
        // straight to the caller, one move fewer (a handle is ~200 bytes).
        let mut text = text;
        let parsed = parse(&mut text);
        let value = self.record(field, &text, false, parsed);
        // What the parser did not take is wiped, as in `parse_checked`.
        text.zeroize();
        value
    }

    /// A required field without a default or rule: its value parsed, or
    /// the problem recorded.
    pub fn required<T>(
        &mut self,
        field: &Field,
        parse: impl Fn(&mut String) -> Result<T, String>,
        canonical: fn(&T) -> Option<String>,
    ) -> Option<T> {
        let value = match self.fetch(field) {
            Fetched::Value(text) => self.parse(field, text, parse),
            Fetched::Unset(unset) => self.missing(field, unset),
            Fetched::Failed => None,
        };
        self.canonical(field, value.as_ref(), canonical);
        value
    }

    /// An `Option` field without a default or rule: `Some(None)` when unset.
    pub fn optional<T>(
        &mut self,
        field: &Field,
        parse: impl Fn(&mut String) -> Result<T, String>,
        canonical: fn(&T) -> Option<String>,
    ) -> Option<Option<T>> {
        match self.fetch(field) {
            Fetched::Value(text) => {
                let value = self.parse(field, text, parse);
                self.canonical(field, value.as_ref(), canonical);
                value.map(Some)
            }
            Fetched::Unset(_) => {
                self.unset(field);
                Some(None)
            }
            Fetched::Failed => None,
        }
    }

    /// [`parse`](Self::parse), then the field's rules (`range`,
    /// `validate`) on the parsed value, each failure an invalid value.
    pub fn parse_checked<T>(
        &mut self,
        field: &Field,
        mut text: String,
        parse: impl Fn(&mut String) -> Result<T, String>,
        check: impl Fn(&T) -> Result<(), RuleFailure>,
    ) -> Option<T> {
        // The effective configuration needs the text the parser may take.
        let recorded = self.entries.is_some().then(|| text.clone());
        let parsed = parse(&mut text);
        let value = match self.record(field, &text, false, parsed) {
            Some(value) => match check(&value) {
                Ok(()) => Some(value),
                Err(failure) => {
                    self.rule_broken(field, &text, failure);
                    None
                }
            },
            None => None,
        };
        self.settle(field, value.is_some(), recorded, text);
        value
    }

    /// What [`parse_checked`](Self::parse_checked) does once the value is
    /// parsed, apart from its type (compiled once, not once per field
    /// type): the field's entry in the effective configuration when it is
    /// valid, and both texts wiped.
    pub(crate) fn settle(&mut self, field: &Field, valid: bool, mut recorded: Option<String>, mut text: String) {
        if valid && self.entries.is_some() {
            let origin = match std::mem::replace(&mut self.origin, Origin::Env) {
                Origin::Env => self.source.origin(&field.var).map_or(Origin::Env, Origin::Source),
                origin => origin,
            };
            self.entry(field, recorded.as_deref(), origin);
        }
        if let Some(recorded) = &mut recorded {
            recorded.zeroize();
        }
        // What the parser did not take is wiped, secret or not: a
        // non-secret URL field's text holds its password.
        text.zeroize();
    }

    /// Parses the field's string default, recording it as the program's
    /// mistake when it is invalid.
    pub fn parse_default<T>(&mut self, field: &Field, parse: impl Fn(&mut String) -> Result<T, String>) -> Option<T> {
        let mut text = field.info.default.unwrap_or("").to_owned();
        let parsed = parse(&mut text);
        let value = self.record(field, &text, true, parsed);
        text.zeroize();
        value
    }

    /// The parsed value, or `None` after recording why `text` is invalid.
    // Generic only in what it passes through: the report is written by
    // `invalid`, compiled once here rather than once per field type in
    // every crate that derives a config.
    pub(crate) fn record<T>(
        &mut self,
        field: &Field,
        text: &str,
        from_default: bool,
        parsed: Result<T, String>,
    ) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(given) => {
                self.invalid(field, text, from_default, given);
                None
            }
        }
    }
}

/// A `_FILE` path as a report shows it, or `None` when it may be the
/// secret itself, set in `X_FILE` by mistake. A secret can hold `/` (base64
/// does), so a value is shown only when it reads as a path: absolute or
/// starting `./` or `../`, with no whitespace, in a directory that exists
/// (a typo in a file's name is still shown; `/9j/4AAQ...` is not).
pub(crate) fn shown_path(path: &OsStr) -> Option<String> {
    let bytes = path.as_encoded_bytes();
    let path_like = (bytes.starts_with(b"/") || bytes.starts_with(b"./") || bytes.starts_with(b"../"))
        && !bytes.iter().any(u8::is_ascii_whitespace);
    let in_a_directory = || Path::new(path).parent().is_some_and(|dir| dir.as_os_str().is_empty() || dir.is_dir());
    (path_like && in_a_directory()).then(|| shown_bytes(bytes))
}
