//! SQLite, as sqlx reads its URLs.

use super::parse::{self, Hosts, ParseError, Parts, Rules, Text, UrlPart};
use super::{check_choice, handle};

const RULES: Rules = Rules {
    schemes: &["sqlite"],
    default_port: |_| None,
    host_optional: true,
    scheme_case_sensitive: true,
    ..Rules::DEFAULT
};

/// A SQLite database URL, as [sqlx] reads it.
///
/// - `sqlite::memory:` (or `sqlite://:memory:`, or `?mode=memory`): an
///   in-memory database.
/// - `sqlite://data.db` and `sqlite:data.db`: a path relative to the
///   working directory; `sqlite:///var/lib/app/data.db`: an absolute path.
/// - The path is percent-decoded; `?mode=` is `ro`, `rw`, `rwc` or
///   `memory`, `?cache=` is `shared` or `private`, `?immutable=` is `true`
///   or `false`.
///
/// No host, port or credentials: [`hosts`](crate::resource::Resource::hosts)
/// is empty.
///
/// [sqlx]: https://docs.rs/sqlx/latest/sqlx/sqlite/struct.SqliteConnectOptions.html
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{Resource, SqliteUrl};
///
/// let url: SqliteUrl = "sqlite:///var/lib/app/data.db?mode=ro".parse().unwrap();
/// assert_eq!(url.database(), Some("/var/lib/app/data.db"));
/// assert!(!url.is_memory());
/// assert_eq!(url.host(), None);
///
/// let memory: SqliteUrl = "sqlite::memory:".parse().unwrap();
/// assert!(memory.is_memory());
/// assert_eq!(memory.database(), Some(":memory:"));
/// ```
#[derive(Clone)]
pub struct SqliteUrl {
    parts: Box<Parts>,
    file: Text,
}

impl SqliteUrl {
    fn parse(text: &str) -> Result<Self, ParseError> {
        let (scheme, rest) = parse::scheme(text, &RULES, "SqliteUrl")?;
        parse::reject_fragment(rest)?;
        let after = rest.strip_prefix("//").unwrap_or(rest);
        let (file, query) = match after.split_once('?') {
            Some((file, query)) => (file, Some(query)),
            None => (after, None),
        };
        let file = parse::decode_text(text, file, false)
            .map_err(|_| ParseError::new(UrlPart::Path, "the file path is not valid percent-encoding"))?;
        let query = match query {
            // sqlx reads the options form-encoded: `+` is a space.
            Some(query) => parse::query_pairs(text, query, true)?,
            None => parse::Query::None,
        };
        parse::check_repeated_keys(text, &query, &[], false)?;
        let parts = Parts {
            raw: text,
            scheme,
            username: None,
            password: None,
            hosts: Hosts::None,
            has_authority: rest.starts_with("//"),
            path: Text::EMPTY,
            has_path: !file.get(text).is_empty(),
            query,
            hosts_default_port: None,
            keys_ignore_case: false,
            escapes: true,
        };
        check_choice(&parts, "mode", &["ro", "rw", "rwc", "memory"])?;
        check_choice(&parts, "cache", &["shared", "private"])?;
        check_choice(&parts, "immutable", &["true", "false", "1", "0"])?;
        // sqlx refuses any other option ("unknown query parameter").
        if let Some((key, _)) = parts.query().find(|(key, _)| !["mode", "cache", "immutable", "vfs"].contains(key)) {
            return Err(ParseError::new(
                UrlPart::Query,
                format!("{key:?} is not an option sqlx's SQLite driver reads: it reads mode, cache, immutable and vfs"),
            ));
        }
        if file.get(text).is_empty() && parts.query_value("mode") != Some("memory") {
            return Err(ParseError::new(
                UrlPart::Path,
                "the database file is missing: expected sqlite://file.db, sqlite:///abs/path.db or sqlite::memory:",
            ));
        }
        Ok(Self { parts: parts.keep(), file })
    }

    /// The database: the file path (relative or absolute) or `:memory:`.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::SqliteUrl;
    ///
    /// assert_eq!("sqlite://data.db".parse::<SqliteUrl>().unwrap().database(), Some("data.db"));
    /// ```
    pub fn database(&self) -> Option<&str> {
        let file = self.parts.text(&self.file);
        if file.is_empty() { Some(":memory:") } else { Some(file) }
    }

    /// Whether the database lives in memory.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::SqliteUrl;
    ///
    /// assert!("sqlite://:memory:".parse::<SqliteUrl>().unwrap().is_memory());
    /// assert!("sqlite://x.db?mode=memory".parse::<SqliteUrl>().unwrap().is_memory());
    /// ```
    pub fn is_memory(&self) -> bool {
        let file = self.parts.text(&self.file);
        file.is_empty() || file == ":memory:" || self.parts.query_value("mode") == Some("memory")
    }
}

handle!(SqliteUrl);
