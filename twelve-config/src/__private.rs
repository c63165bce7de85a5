//! What the derive's generated code calls. Not a stable API.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fmt::{Display, Write as _};
use std::marker::PhantomData;
use std::path::Path;
use std::str::FromStr;

use secrecy::zeroize::Zeroize;

use crate::disclosure::{Disclosure, shown_bytes};
use crate::loaded::{Entry, Loaded, Origin, Warning};
use crate::report::internal_reason;
pub use crate::snapshot::{Name, Snapshot};
use crate::suggest::meant;
use crate::value::EnvValue;
pub use crate::value::{choice_error, parse_from_str, parse_list, parse_map, parse_owned_from_str};

/// A choice's text as it is compared: ASCII lowercase, `-` as `_`.
pub fn normalize_choice(text: &str) -> Cow<'_, str> {
    if text.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_') {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_ascii_lowercase().replace('-', "_"))
    }
}
use crate::{EnvConfig, Error, Problem, Source, Var};

pub use ::core::convert::Into;
pub use ::core::option::Option::{self, None, Some};
pub use ::std::borrow::Cow;
pub use ::std::string::String;
pub use ::std::vec::Vec;

/// Where a struct's variables live: the root (names known at compile time)
/// or nested under a prefix built at run time.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    prefix: Option<&'a str>,
    path: &'a str,
    /// A parent's `#[env(file)]`: it covers the nested secret fields too.
    file_secrets: bool,
}

impl<'a> Scope<'a> {
    /// The scope of the struct being loaded.
    pub const ROOT: Scope<'static> = Scope { prefix: None, path: "", file_secrets: false };

    /// The scope of a nested struct: its variables start with `prefix`, its
    /// fields with `path.`; `file_secrets` when this struct or an ancestor
    /// has `#[env(file)]`.
    pub fn nested(prefix: &'a str, path: &'a str, file_secrets: bool) -> Self {
        Self { prefix: Some(prefix), path, file_secrets }
    }

    /// Whether an ancestor has `#[env(file)]`.
    #[inline]
    pub fn file_secrets(&self) -> bool {
        self.file_secrets
    }

    /// A name under the prefix: `full` (prefix included, computed by the
    /// derive) at the root, the scope's prefix plus `suffix` when nested.
    #[inline]
    pub fn name(&self, suffix: &'static str, full: &'static str) -> Cow<'static, str> {
        match self.prefix {
            None => Cow::Borrowed(full),
            Some(prefix) => Cow::Owned(format!("{prefix}{suffix}")),
        }
    }

    /// The path of this scope's struct: `""` at the root.
    #[inline]
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// A field's index in the root's [`EnvConfig::__names`]: nested names
    /// are built at run time and are not in it.
    #[inline]
    pub fn slot(&self, index: usize) -> Option<usize> {
        match self.prefix {
            None => Some(index),
            Some(_) => None,
        }
    }

    /// The field `info` describes, in this scope: its variable, whether it
    /// is secret (decided once, by [`Disclosure::of_field`]), whether it
    /// reads `NAME_FILE`, and where a snapshot holds it.
    #[inline]
    pub fn field_of(&self, info: &'static FieldInfo, meta: Meta) -> Field<'a> {
        let Meta { secret: type_is_secret, choices } = meta;
        let var = if info.exact { Cow::Borrowed(info.root_name) } else { self.name(info.suffix, info.root_name) };
        let disclosure = Disclosure::of_field(info, type_is_secret, self.prefix.filter(|_| !info.exact), &var);
        let secret = disclosure.is_secret();
        Field {
            var,
            path: self.path,
            info,
            disclosure,
            reads_file: info.file || ((info.container_file || self.file_secrets) && secret),
            slot: info.slot.and_then(|index| self.slot(index)),
            file_slot: info.file_slot.and_then(|index| self.slot(index)),
            choices,
        }
    }

    /// The path of a field of this scope's struct.
    #[inline]
    pub fn field(&self, name: &'static str) -> Cow<'static, str> {
        join_path(self.path, name)
    }

    /// The path of a field named at run time (`smtp.host` for `host`).
    fn field_path_of(&self, name: &str) -> String {
        if self.path.is_empty() { name.to_owned() } else { format!("{}.{name}", self.path) }
    }
}

/// `parent.name`, or `name` at the root.
fn join_path(path: &str, name: &'static str) -> Cow<'static, str> {
    if path.is_empty() { Cow::Borrowed(name) } else { Cow::Owned(format!("{path}.{name}")) }
}

/// What the derive knows of a field at compile time: a constant, so a
/// load writes none of it.
#[derive(Debug)]
pub struct FieldInfo {
    /// The field's name.
    pub name: &'static str,
    pub type_name: &'static str,
    pub description: Option<&'static str>,
    /// The text of the default: the string literal, or the expression.
    pub default: Option<&'static str>,
    pub required: bool,
    /// Names read when the field's own is unset, each with whether it is
    /// deprecated.
    pub aliases: &'static [(&'static str, bool)],
    /// The variable's name after the prefix (`PORT`), and in full at the
    /// root (`APP_PORT`, or the exact `name = "..."`).
    pub suffix: &'static str,
    pub root_name: &'static str,
    /// `NAME_FILE` of the root name, written out by the derive so a load
    /// builds no name.
    pub root_file_name: &'static str,
    /// `name = "..."`: the same at the root and nested.
    pub exact: bool,
    /// Whether a credential-like name makes the field secret (not
    /// `#[env(secret = false)]`).
    pub name_rule: bool,
    /// A name the field reads at the root (its variable, `NAME_FILE`, an
    /// alias or a deprecated name) looks like a credential, and
    /// `name_rule`: decided by the derive with the rule the runtime uses.
    pub credential: bool,
    /// `#[env(secret)]`.
    pub secret_attr: bool,
    /// `#[env(file)]` on the field, and on the struct.
    pub file: bool,
    pub container_file: bool,
    /// `#[env(allow_empty)]`: an empty value is a value.
    pub allow_empty: bool,
    /// The indexes of the variable and of `NAME_FILE` in the root's names.
    pub slot: Option<usize>,
    pub file_slot: Option<usize>,
}

/// One field being loaded.
#[derive(Debug)]
pub struct Field<'s> {
    pub var: Cow<'static, str>,
    /// The path of the struct holding the field (`smtp` for `smtp.host`).
    pub path: &'s str,
    pub info: &'static FieldInfo,
    /// What may be shown of its values.
    pub(crate) disclosure: Disclosure,
    /// Whether `NAME_FILE` may hold the value.
    pub reads_file: bool,
    /// The index of the variable in the config's names, and of
    /// `NAME_FILE`: where a snapshot of the environment holds them.
    pub slot: Option<usize>,
    pub file_slot: Option<usize>,
    /// The texts accepted, when they are a fixed list.
    pub choices: &'static [&'static str],
}

impl Field<'_> {
    /// The field's path in the report: `smtp.host`.
    fn field_path(&self) -> String {
        join_path(self.path, self.info.name).into_owned()
    }

    fn type_name(&self) -> String {
        self.info.type_name.to_owned()
    }

    /// `NAME_FILE`, the variable that may name a file holding the value:
    /// the derive's constant for a root name (the only name that is
    /// borrowed), else built.
    fn file_name(&self) -> Cow<'static, str> {
        match self.var {
            Cow::Borrowed(_) => Cow::Borrowed(self.info.root_file_name),
            Cow::Owned(ref var) => Cow::Owned(format!("{var}_FILE")),
        }
    }

    /// [`Self::file_name`], owned, for a report.
    fn file_var(&self) -> String {
        self.file_name().into_owned()
    }

    /// The field as [`EnvConfig::vars`] lists it, with a default set in
    /// code written as `text` (`None`: it has no text that loads it back).
    pub fn to_var_with_default(&self, text: Option<String>) -> Var {
        let mut var = self.to_var();
        if !self.disclosure.is_secret() {
            var.default = text.and_then(|text| self.disclosure.default(&text));
            var.default_in_code = var.default.is_none();
        }
        var
    }

    /// The field as [`EnvConfig::vars`] lists it.
    pub fn to_var(&self) -> Var {
        let secret = self.disclosure.is_secret();
        // A default whose text the disclosure rule would mask is not
        // written: a template would deploy the mask as the value.
        let default = self.info.default.and_then(|text| self.disclosure.default(text));
        Var {
            name: self.var.clone().into_owned(),
            description: self.info.description.map(str::to_owned),
            type_name: self.type_name(),
            required: self.info.required,
            default_in_code: !secret && self.info.default.is_some() && default.is_none(),
            default,
            secret,
            field: self.field_path(),
            file: self.reads_file,
            choices: self.choices.iter().map(|choice| (*choice).to_owned()).collect(),
            aliases: self.info.aliases.iter().map(|(name, _)| (*name).to_owned()).collect(),
            deprecated: self
                .info
                .aliases
                .iter()
                .filter(|(_, deprecated)| *deprecated)
                .map(|(name, _)| (*name).to_owned())
                .collect(),
            group: None,
        }
    }
}

/// The variables `out` holds from `start` on belong to the optional group
/// at `path`: none is required on its own. The outermost optional group
/// names them.
pub fn optional_group(out: &mut [Var], start: usize, path: &str) {
    for var in out.iter_mut().skip(start) {
        var.required = false;
        var.group = Some(path.to_owned());
    }
}

/// The outcome of reading one variable.
pub enum Fetched {
    /// Set and non-empty.
    Value(String),
    /// Unset, or set but empty.
    Unset(Unset),
    /// A problem was recorded.
    Failed,
}

impl std::fmt::Debug for Fetched {
    /// The kind only: the value may be a secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Value(_) => "Value(..)",
            Self::Unset(_) => "Unset",
            Self::Failed => "Failed",
        })
    }
}

/// Why a variable counts as unset.
#[derive(Debug, Clone, Copy)]
pub struct Unset {
    empty: bool,
    /// The value came from a `_FILE` variable whose file is empty.
    empty_file: bool,
}

/// Loads fields one by one, recording every problem.
pub struct Loader<'a> {
    source: &'a dyn Source,
    /// The values of the names the derive knows, read in one pass.
    snapshot: Option<Snapshot>,
    problems: Vec<Problem>,
    /// The last value fetched came from the file `NAME_FILE` names: a
    /// problem with it names `NAME_FILE`, as `NAME` is unset.
    from_file: bool,
    /// Where the last value fetched came from.
    origin: Origin,
    warnings: Vec<Warning>,
    /// The effective configuration, when [`EnvConfig::load`] asked for it.
    entries: Option<Vec<Entry>>,
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

    /// Records the effective configuration as fields load.
    pub(crate) fn recording(mut self) -> Self {
        self.entries = Some(Vec::new());
        self
    }

    /// How much of `field`'s value may be shown: as the field decides, or
    /// nothing when the source holds the value as a secret.
    fn disclosure(&self, field: &Field) -> Disclosure {
        field.disclosure.provided(self.source.__provides_secret(&field.var))
    }

    /// Records one variable of the effective configuration: `text` is its
    /// value, `None` when unset.
    fn entry(&mut self, field: &Field, text: Option<&str>, origin: Origin) {
        let disclosure = self.disclosure(field);
        if let Some(entries) = &mut self.entries {
            entries.push(Entry {
                var: field.var.clone().into_owned(),
                field: field.field_path(),
                value: text.and_then(|text| disclosure.value(text)),
                secret: disclosure.is_secret(),
                origin,
                #[cfg(feature = "fingerprint")]
                print: text.map(|text| crate::fingerprint::Print::of(text, disclosure)).unwrap_or_default(),
            });
        }
    }

    /// Records that a field's variable is unset: it takes its default
    /// (whose text is known), or is `None`.
    pub fn unset(&mut self, field: &Field) {
        if self.entries.is_some() {
            let origin = if field.info.default.is_some() { Origin::Default } else { Origin::Unset };
            self.entry(field, field.info.default, origin);
        }
    }

    /// Gives the fingerprint the canonical text of the field's value just
    /// recorded (`None`: the type has none, the text as given counts).
    /// The text shown stays as given.
    #[cfg_attr(not(feature = "fingerprint"), allow(unused_variables))]
    pub fn canonical(&mut self, field: &Field, mut text: Option<String>) {
        #[cfg(feature = "fingerprint")]
        let disclosure = self.disclosure(field);
        #[cfg(feature = "fingerprint")]
        if let (Some(entries), Some(canonical)) = (&mut self.entries, &text)
            && let Some(entry) = entries.last_mut()
            && entry.var == field.var
            && entry.origin != Origin::Unset
        {
            entry.print = crate::fingerprint::Print::of(canonical, disclosure);
        }
        if let Some(text) = &mut text {
            text.zeroize();
        }
    }

    /// Whether the effective configuration is being recorded: a default
    /// set in code is then written out as text.
    #[inline]
    pub fn is_recording(&self) -> bool {
        self.entries.is_some()
    }

    /// Records that a field took its default set in code, `text` being the
    /// text that loads it back, if there is one.
    pub fn defaulted(&mut self, field: &Field, text: Option<&str>) {
        self.entry(field, text, Origin::Default);
    }

    /// A variable's value: from the snapshot when it holds the slot, else
    /// from the source, by the name `name` builds (only then).
    #[inline]
    fn lookup<N: AsRef<str>>(&mut self, slot: Option<usize>, name: impl FnOnce() -> N) -> Option<Cow<'a, OsStr>> {
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
    fn warn_shadowed(&mut self, field: &Field, own: Option<&OsStr>) {
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
    fn fetch_alias(&mut self, field: &Field, unset: Unset) -> Fetched {
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
            self.problems.push(Problem::Conflict {
                var: field.var.clone().into_owned(),
                aliases: found.iter().map(|(name, _, _)| (*name).to_owned()).collect(),
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

    fn fetch_file(&mut self, field: &Field, file_var: String, path: &OsStr) -> Fetched {
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

    fn not_unicode(&mut self, field: &Field, var: String, bytes: &[u8]) {
        let disclosure = self.disclosure(field);
        let value = disclosure.bytes(bytes);
        self.problems.push(Problem::NotUnicode { var, field: field.field_path(), type_name: field.type_name(), value });
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
    pub fn required<T>(&mut self, field: &Field, parse: impl Fn(&mut String) -> Result<T, String>) -> Option<T> {
        match self.fetch(field) {
            Fetched::Value(text) => self.parse(field, text, parse),
            Fetched::Unset(unset) => self.missing(field, unset),
            Fetched::Failed => None,
        }
    }

    /// An `Option` field without a default or rule: `Some(None)` when unset.
    pub fn optional<T>(
        &mut self,
        field: &Field,
        parse: impl Fn(&mut String) -> Result<T, String>,
    ) -> Option<Option<T>> {
        match self.fetch(field) {
            Fetched::Value(text) => self.parse(field, text, parse).map(Some),
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
    fn settle(&mut self, field: &Field, valid: bool, mut recorded: Option<String>, mut text: String) {
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
    fn record<T>(&mut self, field: &Field, text: &str, from_default: bool, parsed: Result<T, String>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(given) => {
                self.invalid(field, text, from_default, given);
                None
            }
        }
    }

    /// Records why `text` is not a valid value of the field.
    fn invalid(&mut self, field: &Field, text: &str, from_default: bool, mut given: String) {
        let disclosure = self.disclosure(field);
        // A parse error may quote its input: a secret's is replaced, and
        // wiped; another's shows no more of it than the value is shown.
        let mut reason =
            disclosure.reason(&given, text).unwrap_or_else(|| format!("not a valid {}", field.info.type_name));
        given.zeroize();
        if text.trim() != text {
            reason.push_str(" (the value has leading or trailing whitespace)");
        }
        if !disclosure.is_secret() && is_service_link(text) {
            let _ = write!(
                reason,
                " (a service link: Kubernetes sets {}=tcp://<address>:<port> in every pod of the namespace for a \
                 Service named like its start; set enableServiceLinks: false in the pod spec, or choose another prefix)",
                field.var
            );
        }
        if self.from_file {
            reason.push_str(" (read from the file it names)");
        } else if let Some(place) = self.source.origin(&field.var) {
            let _ = write!(reason, " (from {place})");
        }
        self.problems.push(Problem::Invalid {
            var: self.invalid_var(field),
            field: field.field_path(),
            type_name: field.type_name(),
            reason,
            value: disclosure.value(text),
            from_default,
        });
    }

    /// A value that parsed as a field but not as what the group assembles
    /// from it (a handle from its parts): an `Invalid` problem.
    pub(crate) fn assembled_invalid(
        &mut self,
        var: String,
        field: String,
        type_name: &str,
        reason: &str,
        value: Option<&str>,
    ) {
        self.problems.push(Problem::Invalid {
            var,
            field,
            type_name: type_name.to_owned(),
            reason: internal_reason(reason),
            value: value.and_then(|value| Disclosure::Masked.value(value)),
            from_default: false,
        });
    }

    /// A rule of a group the crate defines (a handle from its parts)
    /// failed: `message`, about `vars`.
    pub(crate) fn group_rule_failed(&mut self, vars: Vec<String>, config: String, message: &str) {
        self.problems.push(Problem::Rule { vars, config, message: internal_reason(message) });
    }

    /// Problems recorded since `mark` that name the type `from` name `to`.
    pub(crate) fn retype_since(&mut self, mark: usize, from: &str, to: &str) {
        for problem in self.problems.iter_mut().skip(mark) {
            if let Problem::Missing { type_name, .. }
            | Problem::Invalid { type_name, .. }
            | Problem::NotUnicode { type_name, .. }
            | Problem::Ambiguous { type_name, .. }
            | Problem::File { type_name, .. }
            | Problem::Conflict { type_name, .. } = problem
            {
                *type_name = type_name.replace(from, to);
            }
        }
    }

    /// The variable an invalid value is reported against: `NAME_FILE`
    /// when the value came from the file it names (`NAME` is unset).
    fn invalid_var(&self, field: &Field) -> String {
        if self.from_file { field.file_var() } else { field.var.clone().into_owned() }
    }

    /// A field rule failed on the value `text` held.
    fn rule_broken(&mut self, field: &Field, text: &str, failure: RuleFailure) {
        let disclosure = self.disclosure(field);
        let RuleFailure { mut message, from_user } = failure;
        // A validator's message may quote the value: a secret's is not shown.
        let reason = match disclosure.reason(&message, text) {
            None if from_user => format!("rejected by {}", failure_source(&message)),
            None => crate::report::clipped_reason(&message),
            Some(reason) => reason,
        };
        message.zeroize();
        self.problems.push(Problem::Invalid {
            var: self.invalid_var(field),
            field: field.field_path(),
            type_name: field.type_name(),
            reason,
            value: disclosure.value(text),
            from_default: false,
        });
    }

    /// A rule over a whole struct failed: `rule` (the function's path)
    /// gave `message`, naming `fields` (as the struct's fields; their
    /// variables are found in `vars`). The message is not shown when the
    /// rule concerns a secret field, or names no field in a struct that has
    /// one: it may quote the secret.
    pub fn rule_failed(
        &mut self,
        scope: &Scope<'_>,
        config: &'static str,
        rule: &'static str,
        failure: (String, Vec<String>),
        vars: &[Var],
    ) {
        let (mut message, fields) = failure;
        let named: Vec<&Var> = fields
            .iter()
            .filter_map(|name| {
                let path = scope.field_path_of(name);
                vars.iter().find(|var| var.field == path)
            })
            .collect();
        let shown = if named.iter().any(|var| var.secret) {
            format!("{rule} failed (its message is not shown: the rule concerns a secret)")
        } else if fields.is_empty() && vars.iter().any(|var| var.secret) {
            format!(
                "{rule} failed (its message is not shown, as it may concern a secret: name the fields it \
                 concerns with RuleError::fields to have it shown)"
            )
        } else {
            internal_reason(&message)
        };
        message.zeroize();
        let vars = named.iter().map(|var| var.name.clone()).collect();
        let config = if scope.path().is_empty() { config.to_owned() } else { scope.path().to_owned() };
        self.problems.push(Problem::Rule { vars, config, message: shown });
    }

    /// The variables of an optional group (the nested struct `C` under
    /// `scope`) that are set: none means the group is `None`.
    pub fn group_vars_set<C: EnvConfig>(&self, scope: &Scope<'_>) -> Vec<String> {
        let mut vars = Vec::new();
        C::__vars(scope, &mut vars);
        let is_set = |name: &str| {
            self.source.get(name).is_some_and(|value| {
                let set = !value.is_empty();
                crate::snapshot::wipe_cow(value);
                set
            })
        };
        let mut set = Vec::new();
        for var in &vars {
            let file = var.file.then(|| format!("{}_FILE", var.name));
            let names =
                std::iter::once(var.name.as_str()).chain(file.as_deref()).chain(var.aliases.iter().map(String::as_str));
            set.extend(names.filter(|name| is_set(name)).map(str::to_owned));
        }
        set
    }

    /// An optional group is `None`: its variables are unset.
    pub fn group_unset<C: EnvConfig>(&mut self, scope: &Scope<'_>) {
        if let Some(entries) = &mut self.entries {
            let mut vars = Vec::new();
            C::__vars(scope, &mut vars);
            for var in vars {
                entries.push(Entry {
                    var: var.name,
                    field: var.field,
                    value: None,
                    secret: var.secret,
                    origin: Origin::Unset,
                    #[cfg(feature = "fingerprint")]
                    print: crate::fingerprint::Print::default(),
                });
            }
        }
    }

    /// How many problems are recorded so far.
    pub fn problem_count(&self) -> usize {
        self.problems.len()
    }

    /// An optional group is partly set: each variable found missing since
    /// `mark` says the group is optional and which of its variables are set.
    pub fn note_optional_group(&mut self, mark: usize, group: &'static str, set: Vec<String>) {
        for problem in self.problems.iter_mut().skip(mark) {
            if let Problem::Missing { optional_group, .. } = problem {
                *optional_group = Some((group.to_owned(), set.clone()));
            }
        }
    }

    /// Records a required variable that is unset.
    pub fn missing<T>(&mut self, field: &Field, unset: Unset) -> Option<T> {
        self.missing_problem(field, unset);
        None
    }

    /// [`missing`](Self::missing) without its type: compiled once.
    fn missing_problem(&mut self, field: &Field, unset: Unset) {
        self.problems.push(Problem::Missing {
            var: field.var.clone().into_owned(),
            field: field.field_path(),
            type_name: field.type_name(),
            description: field.info.description.map(str::to_owned),
            empty: unset.empty,
            file_var: field.reads_file.then(|| field.file_var()),
            similar: None,
            optional_group: None,
            hint: unset.empty_file.then(|| format!("the file {} names is empty", field.file_var())),
        });
    }

    /// The config with what loading learned, or every problem found.
    pub(crate) fn finish_loaded<C: EnvConfig>(mut self, config: Option<C>) -> Result<Loaded<C>, Error> {
        let mut warnings = self.source.__warnings();
        warnings.append(&mut self.warnings);
        let entries = self.entries.take().unwrap_or_default();
        self.finish(config).map(|config| Loaded::new(config, warnings, entries))
    }

    /// The config, or every problem found.
    pub fn finish<C: EnvConfig>(mut self, config: Option<C>) -> Result<C, Error> {
        let has_missing = self.problems.iter().any(|p| matches!(p, Problem::Missing { .. }));
        // The environment is listed only on the way to an error, or when
        // asked to check it: a good load costs one lookup per variable.
        if C::__deny_unknown() || has_missing {
            let vars = C::vars();
            let unread = self.unread_names(&vars);
            let prefix = C::__prefix();
            if has_missing {
                self.hint_near_misses(prefix, &unread);
            }
            if C::__deny_unknown() {
                self.report_unknown(prefix, &vars, unread);
            }
        }
        match config {
            Some(config) if self.problems.is_empty() => Ok(config),
            _ => Err(Error::new(self.problems)),
        }
    }

    /// Whether Kubernetes sets `name` for a Service in the namespace
    /// (`<SVC>_SERVICE_HOST`, `<SVC>_SERVICE_PORT*`, `<SVC>_PORT_<n>_<PROTO>*`,
    /// and `<SVC>_PORT` holding a service link): not a typo of the config's.
    fn is_service_link_variable(&self, name: &str) -> bool {
        if name.ends_with("_SERVICE_HOST") || name.contains("_SERVICE_PORT") {
            return true;
        }
        if let Some((_, rest)) = name.rsplit_once("_PORT_") {
            let mut words = rest.split('_');
            let number = words.next().is_some_and(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
            let protocol = words.next().is_some_and(|proto| matches!(proto, "TCP" | "UDP" | "SCTP"));
            let tail = words.next().is_none_or(|last| matches!(last, "PROTO" | "PORT" | "ADDR"));
            if number && protocol && tail && words.next().is_none() {
                return true;
            }
        }
        name.ends_with("_PORT")
            && self.source.get(name).is_some_and(|value| {
                let link = value.to_str().is_some_and(is_service_link);
                crate::snapshot::wipe_cow(value);
                link
            })
    }

    /// Set variables (with Unicode names) that no field reads, sorted.
    fn unread_names(&self, vars: &[Var]) -> Vec<String> {
        let mut known: HashSet<&str> = HashSet::new();
        let file_names: Vec<String> =
            vars.iter().filter(|var| var.file).map(|var| format!("{}_FILE", var.name)).collect();
        known.extend(vars.iter().map(|var| var.name.as_str()));
        known.extend(vars.iter().flat_map(|var| var.aliases.iter().map(String::as_str)));
        known.extend(file_names.iter().map(String::as_str));
        let mut unread: Vec<String> = self
            .source
            .names()
            .filter_map(|name| name.to_str().map(str::to_owned))
            .filter(|name| !known.contains(name.as_str()))
            .collect();
        unread.sort_unstable();
        unread
    }

    /// A missing `APP_DATABASE_URL` with `APP_DATABSE_URL` set is a typo:
    /// say so on the missing problem.
    ///
    /// And the near misses a typo test misses: the name in another case
    /// (`app_port`), with or without the config's prefix (`ORDERS_DATABASE_URL`
    /// for an exact `name = "DATABASE_URL"`, `PORT` for `APP_PORT`), and a
    /// `_FILE` variable for a field that does not read files.
    fn hint_near_misses(&mut self, prefix: &str, unread: &[String]) {
        for problem in &mut self.problems {
            let Problem::Missing { var, similar, hint, file_var, .. } = problem else { continue };
            if hint.is_some() {
                continue;
            }
            let set = |name: &str| unread.iter().find(|unread| unread.as_str() == name);
            let other_case = unread.iter().find(|unread| unread.eq_ignore_ascii_case(var));
            let prefixed = (!prefix.is_empty() && !var.starts_with(prefix))
                .then(|| format!("{prefix}{var}"))
                .and_then(|name| unread.iter().find(|unread| unread.eq_ignore_ascii_case(&name)));
            let unprefixed = var
                .strip_prefix(prefix)
                .filter(|_| !prefix.is_empty())
                .and_then(|bare| unread.iter().find(|unread| unread.eq_ignore_ascii_case(bare)));
            let file = format!("{var}_FILE");
            *hint = if let Some(name) = other_case {
                Some(format!("{name} is set: variable names are case-sensitive, write {var}"))
            } else if let Some(name) = prefixed {
                Some(format!("{name} is set, but this field reads {var} exactly, without the prefix {prefix}"))
            } else if let Some(name) = unprefixed {
                Some(format!("{name} is set: this config's variables start with {prefix}"))
            } else if file_var.is_none()
                && let Some(name) = set(&file)
            {
                Some(format!("{name} is set, but this field does not read files: set {var}, or add #[env(file)]"))
            } else {
                None
            };
            if hint.is_none() {
                *similar = meant(var, prefix, unread.iter().map(String::as_str)).map(str::to_owned);
            }
        }
    }

    fn report_unknown(&mut self, prefix: &str, vars: &[Var], unread: Vec<String>) {
        for var in unread.into_iter().filter(|name| name.starts_with(prefix)) {
            if self.is_service_link_variable(&var) {
                continue;
            }
            // `APP_DATABASE_URL` for a field that reads `DATABASE_URL`
            // exactly: the prefix is the mistake.
            let bare = var.strip_prefix(prefix).unwrap_or(&var);
            let exact = vars.iter().find(|v| v.name == bare).map(|v| v.name.clone());
            // A typo of an alias is likelier a typo of the old name.
            let candidates =
                vars.iter().flat_map(|v| std::iter::once(v.name.as_str()).chain(v.aliases.iter().map(String::as_str)));
            let suggestion = exact.or_else(|| meant(&var, prefix, candidates).map(str::to_owned));
            self.problems.push(Problem::Unknown { var, suggestion });
        }
        // A name that is not Unicode cannot be any field's: under the prefix,
        // it is reported too, its bytes escaped.
        let prefix_bytes = prefix.as_bytes();
        let mut foreign: Vec<String> = self
            .source
            .names()
            .filter(|name| name.to_str().is_none() && name.as_encoded_bytes().starts_with(prefix_bytes))
            .map(|name| crate::disclosure::shown_bytes(name.as_encoded_bytes()))
            .collect();
        foreign.sort_unstable();
        for var in foreign {
            // Quoted as a value is: the name itself holds the escapes.
            let var = var.trim_matches('"').to_owned();
            self.problems.push(Problem::Unknown { var, suggestion: None });
        }
    }
}

/// Whether `text` is a Kubernetes service link: `tcp://<address>:<port>`
/// (or `udp`, `sctp`).
fn is_service_link(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else { return false };
    let Some((address, port)) = rest.rsplit_once(':') else { return false };
    matches!(scheme, "tcp" | "udp" | "sctp")
        && !address.is_empty()
        && address.chars().all(|c| c.is_ascii_hexdigit() || matches!(c, '.' | ':' | '[' | ']'))
        && !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
}

/// Why a field rule failed: the message, and whether it is a user
/// function's (which may quote the value) rather than the crate's own.
#[derive(Debug)]
pub struct RuleFailure {
    message: String,
    from_user: bool,
}

/// The name of the function a validator message came from: the message
/// is `path: text`.
fn failure_source(message: &str) -> &str {
    message.split_once(": ").map_or("its validator", |(path, _)| path)
}

/// `range = ...`: whether `value` lies in `range`, written `text`.
pub fn check_range<T, R>(value: &T, range: &R, text: &'static str) -> Result<(), RuleFailure>
where
    R: RangeOf<T>,
{
    if range.holds(value) {
        Ok(())
    } else {
        Err(RuleFailure { message: format!("must be in {text}"), from_user: false })
    }
}

/// A range whose bounds are values of the field's type `T`: named in the
/// rule checks' bounds so that a range of another type gets this message.
#[diagnostic::on_unimplemented(
    message = "`range` holds values of another type than the field's `{T}`",
    label = "bounds of another type",
    note = "write the bounds as values of the field's type (`range = 1..=64` for a `u8`, `range = 0.0..=1.0` for an `f64`); a field whose type has no order, text included, takes `validate = path::to::function` instead"
)]
pub trait RangeOf<T> {
    fn holds(&self, value: &T) -> bool;
}

impl<T: PartialOrd, R: std::ops::RangeBounds<T>> RangeOf<T> for R {
    fn holds(&self, value: &T) -> bool {
        self.contains(value)
    }
}

/// `range = ...` on every item of a list: the first item out of range.
pub fn check_range_items<'a, T, R>(
    items: impl IntoIterator<Item = &'a T>,
    range: &R,
    text: &'static str,
) -> Result<(), RuleFailure>
where
    T: 'a,
    R: RangeOf<T>,
{
    for (index, item) in items.into_iter().enumerate() {
        if !range.holds(item) {
            return Err(RuleFailure { message: format!("item {}: must be in {text}", index + 1), from_user: false });
        }
    }
    Ok(())
}

/// `range = ...` on every value of a map (in no order the user chose, so
/// not numbered).
pub fn check_range_values<'a, T, R>(
    values: impl IntoIterator<Item = &'a T>,
    range: &R,
    text: &'static str,
) -> Result<(), RuleFailure>
where
    T: 'a,
    R: RangeOf<T>,
{
    if values.into_iter().all(|value| range.holds(value)) {
        Ok(())
    } else {
        Err(RuleFailure { message: format!("every value must be in {text}"), from_user: false })
    }
}

/// `validate = path`: the function's verdict, its message prefixed with
/// its name.
pub fn check_validate<T: ?Sized, E: Display>(
    validate: impl Fn(&T) -> Result<(), E>,
    value: &T,
    name: &'static str,
) -> Result<(), RuleFailure> {
    validate(value).map_err(|error| RuleFailure { message: format!("{name}: {error}"), from_user: true })
}

/// What a container rule's error says, and the fields it names: a
/// [`RuleError`](crate::RuleError)'s, or any `Display`'s message. The
/// derive calls `(&&RuleOutcome(&error)).rule()`.
pub struct RuleOutcome<'a, E>(pub &'a E);

pub trait ViaRuleError {
    fn rule(&self) -> (String, Vec<String>);
}

impl ViaRuleError for &RuleOutcome<'_, crate::RuleError> {
    fn rule(&self) -> (String, Vec<String>) {
        (self.0.to_string(), self.0.field_names().to_vec())
    }
}

pub trait ViaDisplay {
    fn rule(&self) -> (String, Vec<String>);
}

impl<E: Display> ViaDisplay for RuleOutcome<'_, E> {
    fn rule(&self) -> (String, Vec<String>) {
        (self.0.to_string(), Vec::new())
    }
}

/// A `_FILE` path as a report shows it, or `None` when it may be the
/// secret itself, set in `X_FILE` by mistake. A secret can hold `/` (base64
/// does), so a value is shown only when it reads as a path: absolute or
/// starting `./` or `../`, with no whitespace, in a directory that exists
/// (a typo in a file's name is still shown; `/9j/4AAQ...` is not).
fn shown_path(path: &OsStr) -> Option<String> {
    let bytes = path.as_encoded_bytes();
    let path_like = (bytes.starts_with(b"/") || bytes.starts_with(b"./") || bytes.starts_with(b"../"))
        && !bytes.iter().any(u8::is_ascii_whitespace);
    let in_a_directory = || Path::new(path).parent().is_some_and(|dir| dir.as_os_str().is_empty() || dir.is_dir());
    (path_like && in_a_directory()).then(|| shown_bytes(bytes))
}

/// Whether a field may be secret: `SecretCheck<true>` takes only a
/// [`SafeDebug`](crate::SafeDebug) type. The derive writes
/// `debug_allowed::<Type, SecretCheck<true>>` for each field of a struct
/// without `#[env(debug)]` that it finds secret (by the attribute or the
/// name rule, decided as it expands), and nothing for the others.
pub struct SecretCheck<const SECRET: bool>;

#[diagnostic::on_unimplemented(
    message = "`{T}` prints its value in `Debug`, and this field is secret",
    label = "a secret field of a type whose `Debug` shows its value",
    note = "use `SecretString` or `SecretBox<T>` for the field, or put `#[env(debug)]` on the struct in place of `#[derive(Debug)]` (it shows `[REDACTED]`), or write `#[env(secret = false)]` on the field if its name only looks like a credential"
)]
pub trait DebugAllowed<T: ?Sized> {}

impl<T: ?Sized + crate::SafeDebug> DebugAllowed<T> for SecretCheck<true> {}

/// Compiles only when a field of type `T` may be shown by `Debug`.
pub const fn debug_allowed<T: ?Sized, C: DebugAllowed<T>>() {}

/// Shows a field that is not secret in the derived `#[env(debug)]` as far
/// as the disclosure rule shows a value: its `Debug` text, masked.
pub struct MaskedDebug<'a, T: ?Sized>(pub &'a T);

impl<T: std::fmt::Debug + ?Sized> std::fmt::Debug for MaskedDebug<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut text = if f.alternate() { format!("{:#?}", self.0) } else { format!("{:?}", self.0) };
        let masked = crate::disclosure::mask(&text);
        text.zeroize();
        f.write_str(&masked.shown)
    }
}

/// Stands in for a secret in a redacting `Debug`.
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[REDACTED]")
    }
}

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

// How a value is written as text: a default set in code is listed so, and
// the fingerprint reads every value so, the text that loads it back in one
// form for each value (`08080` as `8080`, `30000ms` as `30s`), by the same
// autoref choice: a handle's canonical URL, `EnvValue::to_env`, then
// `Display` for a `FromStr` type, else none ("set in code"; the
// fingerprint then reads the text as given).

/// A default's value type, for choosing how it is written as text.
pub struct Shown<T>(PhantomData<fn() -> T>);

impl<T> Shown<T> {
    pub const NEW: Self = Shown(PhantomData);
}

pub trait ShownByResource<T> {
    fn text(&self, value: &T) -> Option<String>;
}

impl<T: crate::resource::Resource> ShownByResource<T> for &&&Shown<T> {
    fn text(&self, value: &T) -> Option<String> {
        Some(crate::resource::canonical(value))
    }
}

pub trait ShownByEnvValue<T> {
    fn text(&self, value: &T) -> Option<String>;
}

impl<T: EnvValue> ShownByEnvValue<T> for &&Shown<T> {
    fn text(&self, value: &T) -> Option<String> {
        value.to_env()
    }
}

pub trait ShownByDisplay<T> {
    fn text(&self, value: &T) -> Option<String>;
}

impl<T: FromStr + Display> ShownByDisplay<T> for &Shown<T> {
    fn text(&self, value: &T) -> Option<String> {
        Some(value.to_string())
    }
}

pub trait ShownByNothing<T> {
    fn text(&self, value: &T) -> Option<String>;
}

impl<T> ShownByNothing<T> for Shown<T> {
    fn text(&self, _: &T) -> Option<String> {
        None
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
