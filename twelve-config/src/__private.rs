//! What the derive's generated code calls. Not a stable API.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fmt::Display;
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::marker::PhantomData;
use std::path::Path;
use std::str::FromStr;

use secrecy::zeroize::Zeroize;

use crate::report::{shown_reason, shown_value};
pub use crate::secret::looks_like_credential;
use crate::suggest::meant;
use crate::value::EnvValue;
pub use crate::value::{parse_from_str, parse_list};
use crate::{EnvConfig, Error, Problem, Source, Var};

pub use ::core::convert::Into;
pub use ::core::option::Option::{self, None, Some};
pub use ::std::borrow::Cow;
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
    pub fn file_secrets(&self) -> bool {
        self.file_secrets
    }

    /// A name under the prefix: `full` (prefix included, computed by the
    /// derive) at the root, the scope's prefix plus `suffix` when nested.
    pub fn name(&self, suffix: &'static str, full: &'static str) -> Cow<'static, str> {
        match self.prefix {
            None => Cow::Borrowed(full),
            Some(prefix) => Cow::Owned(format!("{prefix}{suffix}")),
        }
    }

    /// The path of a field of this scope's struct.
    pub fn field(&self, name: &'static str) -> Cow<'static, str> {
        if self.path.is_empty() { Cow::Borrowed(name) } else { Cow::Owned(format!("{}.{name}", self.path)) }
    }
}

/// One field, as the derive describes it.
#[derive(Debug)]
pub struct Field {
    pub var: Cow<'static, str>,
    pub field: Cow<'static, str>,
    pub type_name: &'static str,
    pub description: Option<&'static str>,
    /// Secret by attribute or by type; credential-like names are added here.
    pub secret: bool,
    /// `#[env(file)]` on the field.
    pub file: bool,
    /// `#[env(file)]` on the container: secret fields read `_FILE`.
    pub file_if_secret: bool,
    /// The text of the default: the string literal, or the expression.
    pub default: Option<&'static str>,
    pub required: bool,
}

impl Field {
    fn is_secret(&self) -> bool {
        self.secret || looks_like_credential(&self.var)
    }

    fn reads_file(&self) -> bool {
        self.file || (self.file_if_secret && self.is_secret())
    }

    /// The field as [`EnvConfig::vars`] lists it.
    pub fn to_var(&self) -> Var {
        let secret = self.is_secret();
        Var {
            name: self.var.clone().into_owned(),
            description: self.description.map(str::to_owned),
            type_name: self.type_name.to_owned(),
            required: self.required,
            // A URL default can hold a password: listings show it masked.
            default: if secret { None } else { self.default.map(crate::mask_passwords) },
            secret,
            field: self.field.clone().into_owned(),
            file: self.reads_file(),
        }
    }
}

/// The outcome of reading one variable.
#[derive(Debug)]
pub enum Fetched {
    /// Set and non-empty.
    Value(String),
    /// Unset, or set but empty.
    Unset(Unset),
    /// A problem was recorded.
    Failed,
}

/// Why a variable counts as unset.
#[derive(Debug, Clone, Copy)]
pub struct Unset {
    empty: bool,
}

/// Loads fields one by one, recording every problem.
pub struct Loader<'a> {
    source: &'a dyn Source,
    problems: Vec<Problem>,
}

impl<'a> Loader<'a> {
    pub fn new(source: &'a dyn Source) -> Self {
        Self { source, problems: Vec::new() }
    }

    /// Reads the field's variable, or the file its `_FILE` variable names.
    pub fn fetch(&mut self, field: &Field) -> Fetched {
        let raw = self.source.get(&field.var);
        let empty = raw.as_ref().is_some_and(|raw| raw.is_empty());
        let direct = raw.filter(|raw| !raw.is_empty());
        if field.reads_file() {
            let file_var = format!("{}_FILE", field.var);
            if let Some(path) = self.source.get(&file_var).filter(|path| !path.is_empty()) {
                if direct.is_some() {
                    self.problems.push(Problem::Ambiguous {
                        var: field.var.clone().into_owned(),
                        file_var,
                        field: field.field.clone().into_owned(),
                        type_name: field.type_name.to_owned(),
                    });
                    return Fetched::Failed;
                }
                let path = path.into_owned();
                return self.fetch_file(field, file_var, &path);
            }
        }
        match direct {
            None => Fetched::Unset(Unset { empty }),
            Some(raw) => match raw.into_owned().into_string() {
                Ok(text) => Fetched::Value(text),
                Err(raw) => {
                    self.not_unicode(field, field.var.clone().into_owned(), raw.as_encoded_bytes());
                    Fetched::Failed
                }
            },
        }
    }

    fn fetch_file(&mut self, field: &Field, file_var: String, path: &OsStr) -> Fetched {
        let mut content = match read_limited(Path::new(path)) {
            Ok(content) => content,
            Err(reason) => {
                self.problems.push(Problem::File {
                    var: file_var,
                    field: field.field.clone().into_owned(),
                    type_name: field.type_name.to_owned(),
                    path: shown_path(path),
                    reason,
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
            return Fetched::Unset(Unset { empty: true });
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
        // A report shows the start of the value: escape no more than that.
        let value =
            (!field.is_secret()).then(|| clip_escaped(&escape_bytes(&bytes[..bytes.len().min(512)]), bytes.len()));
        self.problems.push(Problem::NotUnicode {
            var,
            field: field.field.clone().into_owned(),
            type_name: field.type_name.to_owned(),
            value,
        });
    }

    /// Parses a fetched value, recording why it is invalid.
    pub fn parse<T>(
        &mut self,
        field: &Field,
        mut text: String,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let parsed = self.parse_text(field, &text, false, parse);
        if field.is_secret() {
            text.zeroize();
        }
        parsed
    }

    /// Parses the field's string default, recording it as the program's
    /// mistake when it is invalid.
    pub fn parse_default<T>(&mut self, field: &Field, parse: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        let text = field.default.unwrap_or("");
        self.parse_text(field, text, true, parse)
    }

    fn parse_text<T>(
        &mut self,
        field: &Field,
        text: &str,
        from_default: bool,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        match parse(text) {
            Ok(value) => Some(value),
            Err(reason) => {
                let secret = field.is_secret();
                // A parse error may quote its input: a secret's is replaced.
                let mut reason =
                    if secret { format!("not a valid {}", field.type_name) } else { shown_reason(&reason) };
                if text.trim() != text {
                    reason.push_str(" (the value has leading or trailing whitespace)");
                }
                self.problems.push(Problem::Invalid {
                    var: field.var.clone().into_owned(),
                    field: field.field.clone().into_owned(),
                    type_name: field.type_name.to_owned(),
                    reason,
                    value: (!secret).then(|| shown_value(text)),
                    from_default,
                });
                None
            }
        }
    }

    /// Records a required variable that is unset.
    pub fn missing<T>(&mut self, field: &Field, unset: Unset) -> Option<T> {
        self.problems.push(Problem::Missing {
            var: field.var.clone().into_owned(),
            field: field.field.clone().into_owned(),
            type_name: field.type_name.to_owned(),
            description: field.description.map(str::to_owned),
            empty: unset.empty,
            file_var: field.reads_file().then(|| format!("{}_FILE", field.var)),
            similar: None,
        });
        None
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

    /// Set variables (with Unicode names) that no field reads, sorted.
    fn unread_names(&self, vars: &[Var]) -> Vec<String> {
        let mut known: HashSet<&str> = HashSet::new();
        let file_names: Vec<String> =
            vars.iter().filter(|var| var.file).map(|var| format!("{}_FILE", var.name)).collect();
        known.extend(vars.iter().map(|var| var.name.as_str()));
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
    fn hint_near_misses(&mut self, prefix: &str, unread: &[String]) {
        for problem in &mut self.problems {
            if let Problem::Missing { var, similar, .. } = problem {
                *similar = meant(var, prefix, unread.iter().map(String::as_str)).map(str::to_owned);
            }
        }
    }

    fn report_unknown(&mut self, prefix: &str, vars: &[Var], unread: Vec<String>) {
        for var in unread.into_iter().filter(|name| name.starts_with(prefix)) {
            let suggestion = meant(&var, prefix, vars.iter().map(|v| v.name.as_str())).map(str::to_owned);
            self.problems.push(Problem::Unknown { var, suggestion });
        }
    }
}

/// A `_FILE` path as a report shows it. A "path" without a `/` may be the
/// secret itself, set in `X_FILE` by mistake: it is not shown.
fn shown_path(path: &OsStr) -> Option<String> {
    let bytes = path.as_encoded_bytes();
    bytes.contains(&b'/').then(|| clip_escaped(&escape_bytes(&bytes[..bytes.len().min(512)]), bytes.len()))
}

/// The most a `_FILE` may hold: a secret, a certificate, a key.
const MAX_FILE: u64 = 1 << 20;

/// The file's bytes, or why they cannot be read.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|error| describe_io(&error))?;
    let mut content = Vec::new();
    file.take(MAX_FILE + 1).read_to_end(&mut content).map_err(|error| describe_io(&error))?;
    if content.len() as u64 > MAX_FILE {
        content.zeroize();
        return Err(format!("the file is larger than {} KiB", MAX_FILE / 1024));
    }
    Ok(content)
}

/// An I/O error without the OS error number, lowercase.
fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        ErrorKind::NotFound => "no such file".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::IsADirectory => "it is a directory, not a file".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_lowercase(),
                None => text.to_lowercase(),
            }
        }
    }
}

/// Bytes as a quoted string, invalid UTF-8 as `\xE9`: `"caf\xE9"`.
fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for chunk in bytes.utf8_chunks() {
        out.extend(chunk.valid().chars().flat_map(char::escape_debug));
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out.push('"');
    out
}

/// Escaped text (`"caf\xE9"`) of a value of `len` bytes, cut to a
/// readable length.
fn clip_escaped(escaped: &str, len: usize) -> String {
    const MAX: usize = 120;
    match escaped.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…\" ({len} bytes in all)", &escaped[..cut]),
        None => escaped.to_owned(),
    }
}

/// Stands in for a secret in a redacting `Debug`.
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// The separator of a list without `split`: newline for secrets, which
/// may hold commas; a comma otherwise.
pub fn default_separator(secret: bool) -> &'static str {
    if secret { "\n" } else { "," }
}

/// Reads a value with a `parse_with` function.
pub fn parse_with<T, E: Display>(parse: impl Fn(&str) -> Result<T, E>, text: &str) -> Result<T, String> {
    parse(text).map_err(|error| error.to_string())
}

// Choosing how a field's type is read, by autoref specialization: the
// generated code calls `(&&&Kind::<T>::NEW).parser()`, and method lookup
// takes the first of these that applies: `EnvValue` (its own rules), then
// `FromStr`, then `Unsupported`, whose bound fails with a readable error.

/// A field's value type, for choosing how it is read.
pub struct Kind<T>(PhantomData<fn() -> T>);

impl<T> Kind<T> {
    pub const NEW: Self = Kind(PhantomData);
}

pub trait ViaEnvValue<T> {
    fn parser(&self) -> fn(&str) -> Result<T, String>;
    fn secret(&self) -> bool;
}

impl<T: EnvValue> ViaEnvValue<T> for &&Kind<T> {
    fn parser(&self) -> fn(&str) -> Result<T, String> {
        T::parse_env
    }
    fn secret(&self) -> bool {
        T::SECRET
    }
}

pub trait ViaFromStr<T> {
    fn parser(&self) -> fn(&str) -> Result<T, String>;
    fn secret(&self) -> bool;
}

impl<T> ViaFromStr<T> for &Kind<T>
where
    T: FromStr,
    T::Err: Display,
{
    fn parser(&self) -> fn(&str) -> Result<T, String> {
        parse_from_str::<T>
    }
    fn secret(&self) -> bool {
        false
    }
}

/// Never implemented: naming it in a bound turns an unsupported field type
/// into this message.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from an environment variable",
    label = "no `FromStr` with a `Display` error for this type",
    note = "implement `FromStr` for `{Self}` (with an error type that implements `Display`), or read it with `#[env(parse_with = path::to::function)]`"
)]
pub trait Unsupported {
    fn never(text: &str) -> Result<Self, String>
    where
        Self: Sized;
}

pub trait ViaUnsupported<T> {
    fn parser(&self) -> fn(&str) -> Result<T, String>
    where
        T: Unsupported;
    fn secret(&self) -> bool;
}

impl<T> ViaUnsupported<T> for Kind<T> {
    fn parser(&self) -> fn(&str) -> Result<T, String>
    where
        T: Unsupported,
    {
        T::never
    }
    fn secret(&self) -> bool {
        false
    }
}
