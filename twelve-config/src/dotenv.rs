//! [`DotEnv`]: a `.env` file as a [`Source`], never written to the process
//! environment (cargo feature `dotenv`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};

use secrecy::zeroize::Zeroize;

use crate::Source;
use crate::report::escape_text;
use crate::snapshot::wipe;

/// The variables of a `.env` file, as a [`Source`]: parsed by the
/// [dotenvy] crate (quoting, `export`, comments, escapes and `$VAR`
/// substitution as dotenvy defines them), and **never** written to the
/// process environment: no `set_var`, which races every thread.
///
/// The usual use layers it under the process environment, so a variable
/// set in the environment wins over the file (factor X: development runs
/// the same code as production, with a file in place of the platform's
/// variables):
///
/// ```
/// use twelve_config::{DotEnv, Env, EnvConfig, Source};
/// # let dir = std::env::temp_dir().join(format!("twelve-config-dotenv-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// # let path = dir.join(".env");
/// # std::fs::write(&path, "# local development\nSURELY_UNSET_PORT=8080\nexport SURELY_UNSET_NAME='billing dev'\n").unwrap();
///
/// #[derive(EnvConfig, Debug)]
/// #[env(prefix = "SURELY_UNSET_")]
/// struct Config {
///     port: u16,
///     name: String,
/// }
///
/// let loaded = Config::load(&Env.or(DotEnv::from_path(&path)?))?;
/// assert_eq!(loaded.config().port, 8080);
/// assert_eq!(loaded.config().name, "billing dev");
/// // The effective configuration names the file and line of each value.
/// assert!(loaded.to_string().contains(".env:2"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A missing file is an empty source ([`DotEnv::require`] errors
/// instead); a malformed line is an error naming the file and the line,
/// never its text (it may hold a secret). Values are wiped when the
/// source is dropped; what dotenvy allocates while parsing is its own.
///
/// [dotenvy]: https://docs.rs/dotenvy
pub struct DotEnv {
    path: PathBuf,
    vars: HashMap<String, (OsString, usize)>,
}

/// A `.env` file that cannot be read or parsed.
///
/// # Examples
///
/// ```
/// let error = twelve_config::DotEnv::require("/no/such/dir/.env").unwrap_err();
/// assert_eq!(error.to_string(), "cannot read /no/such/dir/.env: no such file");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DotEnvError {
    /// The file cannot be read.
    #[non_exhaustive]
    Read {
        /// The file.
        path: PathBuf,
        /// Why: `no such file`, `permission denied`, ...
        reason: String,
    },
    /// A line is not `NAME=value` as dotenvy reads it.
    #[non_exhaustive]
    Line {
        /// The file.
        path: PathBuf,
        /// The line, counted from 1.
        line: usize,
    },
}

impl fmt::Display for DotEnvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { path, reason } => {
                write!(f, "cannot read {}: {reason}", escape_text(&path.display().to_string()))
            }
            Self::Line { path, line } => write!(
                f,
                "{}:{line}: not a `NAME=value` line (an unclosed quote, or a name with a space?)",
                escape_text(&path.display().to_string())
            ),
        }
    }
}

impl std::error::Error for DotEnvError {}

impl DotEnv {
    /// The variables of the `.env` file at `path`; an empty source when the
    /// file does not exist.
    ///
    /// # Errors
    ///
    /// The file exists but cannot be read, or a line is malformed.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{DotEnv, Source};
    ///
    /// let none = DotEnv::from_path("/no/such/dir/.env").unwrap();
    /// assert_eq!(none.names().count(), 0);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, DotEnvError> {
        match Self::require(path.as_ref()) {
            Err(DotEnvError::Read { reason, .. }) if reason == "no such file" => {
                Ok(Self { path: path.as_ref().to_owned(), vars: HashMap::new() })
            }
            other => other,
        }
    }

    /// The variables of the `.env` file at `path`, which must exist.
    ///
    /// # Errors
    ///
    /// The file does not exist or cannot be read, or a line is malformed.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(twelve_config::DotEnv::require("/no/such/dir/.env").is_err());
    /// ```
    pub fn require(path: impl AsRef<Path>) -> Result<Self, DotEnvError> {
        let path = path.as_ref();
        let mut content = std::fs::read_to_string(path).map_err(|error| DotEnvError::Read {
            path: path.to_owned(),
            reason: match error.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_owned(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                std::io::ErrorKind::InvalidData => "not valid UTF-8".to_owned(),
                _ => error.to_string().to_lowercase(),
            },
        })?;
        let parsed = Self::parse(path, &content);
        content.zeroize();
        parsed
    }

    fn parse(path: &Path, content: &str) -> Result<Self, DotEnvError> {
        let mut vars: HashMap<String, (OsString, usize)> = HashMap::new();
        for item in dotenvy::from_read_iter(content.as_bytes()) {
            match item {
                Ok((name, value)) => {
                    let line = line_of_name(content, &name);
                    // The first definition wins, as when dotenvy loads a file.
                    match vars.entry(name) {
                        std::collections::hash_map::Entry::Occupied(_) => {
                            let mut value = value;
                            value.zeroize();
                        }
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert((OsString::from(value), line));
                        }
                    }
                }
                Err(dotenvy::Error::LineParse(mut text, _)) => {
                    let line = line_of_text(content, &text);
                    text.zeroize();
                    return Err(DotEnvError::Line { path: path.to_owned(), line });
                }
                Err(error) => {
                    return Err(DotEnvError::Read { path: path.to_owned(), reason: error.to_string().to_lowercase() });
                }
            }
        }
        Ok(Self { path: path.to_owned(), vars })
    }

    /// The file this source read.
    ///
    /// # Examples
    ///
    /// ```
    /// let none = twelve_config::DotEnv::from_path("/no/such/dir/.env").unwrap();
    /// assert_eq!(none.path(), std::path::Path::new("/no/such/dir/.env"));
    /// ```
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The line (from 1) where `name` is first defined: `NAME=`, `export NAME=`,
/// spaces allowed around `=`.
fn line_of_name(content: &str, name: &str) -> usize {
    content
        .lines()
        .position(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("export ").map_or(line, str::trim_start);
            line.strip_prefix(name).is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |index| index + 1)
}

/// The line (from 1) where the text dotenvy could not parse starts
/// (dotenvy gives the line, or the value part of it).
fn line_of_text(content: &str, text: &str) -> usize {
    let first = text.lines().next().unwrap_or("").trim();
    content.lines().position(|line| line.contains(first)).map_or(0, |index| index + 1)
}

impl Drop for DotEnv {
    /// Values may be secrets: each is wiped before it is freed.
    fn drop(&mut self) {
        for (value, _) in self.vars.values_mut() {
            wipe(value);
        }
    }
}

impl fmt::Debug for DotEnv {
    /// The path and the names only: values may be secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = self.vars.keys().map(String::as_str).collect();
        names.sort_unstable();
        f.debug_struct("DotEnv").field("path", &self.path).field("names", &names).finish_non_exhaustive()
    }
}

impl Source for DotEnv {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        self.vars.get(name).map(|(value, _)| Cow::Borrowed(value.as_os_str()))
    }

    fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
        Box::new(self.vars.keys().map(|name| Cow::Borrowed(OsStr::new(name))))
    }

    fn origin(&self, name: &str) -> Option<String> {
        let (_, line) = self.vars.get(name)?;
        Some(format!("{}:{line}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<DotEnv, DotEnvError> {
        DotEnv::parse(Path::new(".env"), text)
    }

    #[test]
    fn reads_quotes_export_comments_and_escapes_as_dotenvy_does() {
        let env = parse(
            "# comment\nA=1\nexport B='single $A'\nC=\"double ${A} \\\"q\\\"\"\n\nD = spaced # trailing\nE=\"multi\nline\"\nA=second\n",
        )
        .unwrap();
        let get = |name: &str| env.get(name).map(|value| value.to_string_lossy().into_owned());
        assert_eq!(get("A").as_deref(), Some("1"), "the first definition wins");
        assert_eq!(get("B").as_deref(), Some("single $A"));
        assert_eq!(get("C").as_deref(), Some("double 1 \"q\""));
        assert_eq!(get("D").as_deref(), Some("spaced"));
        assert_eq!(get("E").as_deref(), Some("multi\nline"));
        assert_eq!(env.origin("A").as_deref(), Some(".env:2"));
        assert_eq!(env.origin("B").as_deref(), Some(".env:3"));
        assert_eq!(env.origin("D").as_deref(), Some(".env:6"));
        assert_eq!(env.origin("E").as_deref(), Some(".env:7"));
        assert_eq!(env.origin("Z"), None);
    }

    #[test]
    fn a_malformed_line_names_its_number_not_its_text() {
        let error = parse("A=1\nB=2\nNOT A LINE hunter2\nC=3\n").unwrap_err();
        assert_eq!(error, DotEnvError::Line { path: ".env".into(), line: 3 });
        assert!(!error.to_string().contains("hunter2"), "{error}");
        let error = parse("A=1\nB=\"unclosed hunter2\n").unwrap_err();
        assert!(matches!(error, DotEnvError::Line { line: 2, .. }), "{error}");
    }

    #[test]
    fn debug_shows_names_not_values() {
        let env = parse("TOKEN=hunter2\n").unwrap();
        let debug = format!("{env:?}");
        assert!(debug.contains("TOKEN") && !debug.contains("hunter2"), "{debug}");
    }
}
