//! [`DotEnv`]: a `.env` file as a [`Source`](crate::Source), never written to the process
//! environment (cargo feature `dotenv`).

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use secrecy::zeroize::Zeroize;

use crate::file::FileError;
use crate::platform::Provided;
use crate::report::escape_text;

/// The variables of a `.env` file, as a [`Source`](crate::Source): parsed by the
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
    vars: Provided,
}

/// A `.env` file that cannot be read or parsed.
///
/// # Examples
///
/// ```
/// let error = twelve_config::DotEnv::require("/no/such/dir/.env").unwrap_err();
/// assert_eq!(error.to_string(), "cannot read /no/such/dir/.env: no such file");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DotEnvError {
    /// The file cannot be read.
    #[non_exhaustive]
    #[error("cannot read {}: {reason}", escape_text(&path.display().to_string()))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why: `no such file`, `permission denied`, ...
        reason: String,
    },
    /// A line is not `NAME=value` as dotenvy reads it.
    #[non_exhaustive]
    #[error("{}:{line}: {reason}", escape_text(&path.display().to_string()))]
    Line {
        /// The file.
        path: PathBuf,
        /// The line, counted from 1 (the first line of a value that spans
        /// several).
        line: usize,
        /// The likely cause and its fix, never the line's text (it may
        /// hold a secret): `the value holds a space: quote it ...`.
        reason: String,
    },
}

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
        let path = path.as_ref();
        match crate::file::read_limited(path) {
            Err(FileError::NotFound) => Ok(Self { path: path.to_owned(), vars: Provided::default() }),
            read => Self::from_read(path, read),
        }
    }

    /// The variables of the `.env` file at `path`, which must exist.
    ///
    /// The file is read as a `_FILE` secret is: opened without blocking (a
    /// FIFO cannot hang the start), a regular file only, at most 1 MiB.
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
        Self::from_read(path, crate::file::read_limited(path))
    }

    fn from_read(path: &Path, read: Result<Vec<u8>, FileError>) -> Result<Self, DotEnvError> {
        let read_error = |reason: String| DotEnvError::Read { path: path.to_owned(), reason };
        let bytes = read.map_err(|error| read_error(error.to_string()))?;
        let mut content = String::from_utf8(bytes).map_err(|error| {
            let mut bytes = error.into_bytes();
            bytes.zeroize();
            read_error("not valid UTF-8".to_owned())
        })?;
        let parsed = Self::parse(path, &content);
        content.zeroize();
        parsed
    }

    /// Parses in one pass: dotenvy reads the values, and the lines that
    /// start each definition are found alongside, in the same order (each
    /// value's line is the line of its name, after values that span lines
    /// too).
    fn parse(path: &Path, content: &str) -> Result<Self, DotEnvError> {
        let mut vars = Provided::default();
        let starts = statements(content);
        let mut next = 0;
        for item in dotenvy::from_read_iter(content.as_bytes()) {
            match item {
                Ok((name, value)) => {
                    // The statement dotenvy read: the next one with its name.
                    let found = starts[next..].iter().position(|start| start.name == Some(name.as_str()));
                    let line = match found {
                        Some(offset) => {
                            next += offset + 1;
                            starts[next - 1].line
                        }
                        None => 0,
                    };
                    // The first definition wins, as when dotenvy loads a file.
                    vars.insert(name, OsString::from(value), format!("{}:{line}", path.display()));
                }
                Err(dotenvy::Error::LineParse(mut text, _)) => {
                    text.zeroize();
                    // The statement after the last one read is the one that failed.
                    let failed = starts.get(next);
                    return Err(DotEnvError::Line {
                        path: path.to_owned(),
                        line: failed.map_or(0, |start| start.line),
                        reason: failed.map_or_else(|| "not a `NAME=value` line".to_owned(), |start| start.cause()),
                    });
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

/// One statement of a `.env` file, as dotenvy splits them: a definition
/// (or a malformed line), possibly spanning lines inside quotes.
struct Statement<'a> {
    /// Its first line, counted from 1.
    line: usize,
    /// The name it defines, read as dotenvy reads it.
    name: Option<&'a str>,
    /// Its text.
    text: &'a str,
    /// It runs to the end of the file inside a quote.
    unclosed: bool,
}

/// Quoting state at the end of a line, as dotenvy tracks it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// The file's statements, in order, blank and comment lines left out: one
/// pass, the same splitting as dotenvy's (a statement goes on to the next
/// line while a quote is open).
fn statements(content: &str) -> Vec<Statement<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut quote = Quote::None;
    let mut offset = 0;
    for (index, line) in content.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        if start.is_none() {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            start = Some((index + 1, line_start));
        }
        quote = quote_at_end(quote, line);
        if quote == Quote::None
            && let Some((number, from)) = start.take()
        {
            out.push(Statement::new(number, &content[from..offset], false));
        }
    }
    if let Some((number, from)) = start {
        out.push(Statement::new(number, &content[from..], quote != Quote::None));
    }
    out
}

/// The quote open after `line`, given the one open before it (a `#` after
/// whitespace outside quotes starts a comment, `\\` escapes).
fn quote_at_end(mut quote: Quote, line: &str) -> Quote {
    let mut escaped = false;
    let mut after_space = false;
    for c in line.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (_, '\\') => escaped = true,
            (Quote::None, '#') if after_space => return Quote::None,
            (Quote::None, '"') => quote = Quote::Double,
            (Quote::None, '\'') => quote = Quote::Single,
            (Quote::Double, '"') | (Quote::Single, '\'') => quote = Quote::None,
            _ => {}
        }
        after_space = quote == Quote::None && c.is_whitespace();
    }
    quote
}

impl<'a> Statement<'a> {
    fn new(line: usize, text: &'a str, unclosed: bool) -> Self {
        let body = text.trim_start();
        let body =
            body.strip_prefix("export").filter(|rest| rest.starts_with([' ', '\t'])).map_or(body, str::trim_start);
        let end = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).unwrap_or(body.len());
        let name = (end > 0).then(|| &body[..end]);
        Self { line, name, text, unclosed }
    }

    /// Why dotenvy refused the statement, and the fix, without quoting it.
    fn cause(&self) -> String {
        if self.unclosed {
            return "a quote is not closed: close it, or escape a quote that is part of the value as \\\"".to_owned();
        }
        let body = self.text.trim_start();
        let body =
            body.strip_prefix("export").filter(|rest| rest.starts_with([' ', '\t'])).map_or(body, str::trim_start);
        if !body.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            return "a name starts with a letter or `_`: write NAME=value".to_owned();
        }
        let after_name = body.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        let Some(value) = after_name.trim_start().strip_prefix('=') else {
            return if after_name.contains('=') {
                "the name holds a space or a character other than letters, digits, `_` and `.`".to_owned()
            } else {
                "no `=`: write NAME=value".to_owned()
            };
        };
        value_cause(value.trim())
    }
}

/// Why a value dotenvy refused is wrong: an escape it does not know, or a
/// space outside quotes.
fn value_cause(value: &str) -> String {
    let mut quote = Quote::None;
    let mut escaped = false;
    let mut after_space = false;
    for c in value.chars() {
        if escaped {
            if !matches!(c, '\\' | '\'' | '"' | '$' | ' ' | 'n') {
                return format!(
                    "`\\{}` is not an escape dotenvy knows (\\n, \\\\, \\\", \\', \\$): write `\\\\` for a backslash",
                    c.escape_debug()
                );
            }
            escaped = false;
            continue;
        }
        if after_space && quote == Quote::None && c != '#' && !c.is_whitespace() {
            return "the value holds a space outside quotes: quote it, NAME=\"a b\"".to_owned();
        }
        match (quote, c) {
            (Quote::Single, '\'') | (Quote::Double, '"') => quote = Quote::None,
            (Quote::Single, _) => {}
            (_, '\\') => escaped = true,
            (Quote::None, '"') => quote = Quote::Double,
            (Quote::None, '\'') => quote = Quote::Single,
            _ => {}
        }
        after_space = quote == Quote::None && c.is_whitespace();
    }
    "not a `NAME=value` line as dotenvy reads it".to_owned()
}

impl fmt::Debug for DotEnv {
    /// The path and the names only: values may be secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DotEnv").field("path", &self.path).field("names", &self.vars).finish_non_exhaustive()
    }
}

crate::platform::provided_source!(DotEnv);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

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
        assert!(matches!(error, DotEnvError::Line { line: 3, .. }), "{error}");
        assert!(!error.to_string().contains("hunter2"), "{error}");
        let error = parse("A=1\nB=\"unclosed hunter2\n").unwrap_err();
        assert!(matches!(error, DotEnvError::Line { line: 2, .. }), "{error}");
    }

    #[test]
    fn a_malformed_line_names_its_likely_cause() {
        let cases = [
            ("X=https://a, https://b\n", "the value holds a space outside quotes: quote it"),
            ("X=\"unclosed\nY=1\n", "a quote is not closed"),
            ("X=\"bad \\q escape\"\n", "`\\q` is not an escape dotenvy knows"),
            ("MY VAR=1\n", "the name holds a space"),
            ("9X=1\n", "a name starts with a letter or `_`"),
            ("JUSTANAME\n", "no `=`"),
        ];
        for (text, cause) in cases {
            let error = parse(text).unwrap_err().to_string();
            assert!(error.starts_with(".env:1: ") && error.contains(cause), "{text:?}: {error}");
        }
    }

    #[test]
    fn each_value_is_at_the_line_of_its_name_after_values_that_span_lines() {
        let env = parse("A=\"one\nB=inside\ntwo\"\n# B=comment\nB=real\n  export C='x\ny'\nD=4\n").unwrap();
        let get = |name: &str| env.get(name).map(|value| value.to_string_lossy().into_owned());
        assert_eq!(get("A").as_deref(), Some("one\nB=inside\ntwo"));
        assert_eq!(env.origin("B").as_deref(), Some(".env:5"));
        assert_eq!(env.origin("C").as_deref(), Some(".env:6"));
        assert_eq!(env.origin("D").as_deref(), Some(".env:8"));
    }

    #[test]
    fn a_large_file_parses_in_one_pass() {
        // Each name's line is found as the values are read, not by a
        // search of the file per name.
        let text: String = (0..40_000).map(|index| format!("NAME_{index}=value {index}\n").replace(' ', "_")).collect();
        let env = parse(&text).unwrap();
        assert_eq!(env.origin("NAME_39999").as_deref(), Some(".env:40000"));
    }

    #[test]
    fn reads_as_a_file_secret_is_read() {
        #[cfg(unix)]
        {
            let error = DotEnv::from_path("/dev/zero").unwrap_err().to_string();
            assert!(error.contains("not a regular file"), "{error}");
        }
        let error = DotEnv::from_path("/").unwrap_err().to_string();
        assert!(error.contains("a directory"), "{error}");
    }

    #[test]
    fn debug_shows_names_not_values() {
        let env = parse("TOKEN=hunter2\n").unwrap();
        let debug = format!("{env:?}");
        assert!(debug.contains("TOKEN") && !debug.contains("hunter2"), "{debug}");
    }
}
