//! The URL grammar every handle shares: scheme, userinfo, one or more
//! hosts, path and query, parsed strictly (RFC 3986 with the drivers'
//! multi-host extension), with errors that name the part at fault and never
//! hold a password.

use std::borrow::Cow;
use std::fmt;
use std::net::Ipv6Addr;

use secrecy::zeroize::{Zeroize, Zeroizing};
use secrecy::{ExposeSecret, SecretString};

use super::{HostName, HostPort};
use crate::secret::into_secret;

/// The part of a URL an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UrlPart {
    /// The whole value (empty, not a URL, holds whitespace).
    Whole,
    /// `postgres` in `postgres://...`.
    Scheme,
    /// The user name and password before the `@`.
    UserInfo,
    /// A host.
    Host,
    /// A port.
    Port,
    /// The path: a database, a vhost, a file.
    Path,
    /// A query parameter.
    Query,
    /// A `#fragment`.
    Fragment,
}

impl fmt::Display for UrlPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Whole => "url",
            Self::Scheme => "scheme",
            Self::UserInfo => "user info",
            Self::Host => "host",
            Self::Port => "port",
            Self::Path => "path",
            Self::Query => "query",
            Self::Fragment => "fragment",
        })
    }
}

/// Why a URL is not a valid handle of its kind: which part is wrong and how
/// to fix it. Never holds the password, nor a raw control, bidirectional or
/// zero-width character of the URL (written as an escape).
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{PostgresUrl, UrlPart};
///
/// let error = "mysql://db/app".parse::<PostgresUrl>().unwrap_err();
/// assert_eq!(error.part(), UrlPart::Scheme);
/// assert_eq!(error.to_string(), "scheme \"mysql\" is not postgres or postgresql");
///
/// let error = "postgres://me:p@ss@db/app".parse::<PostgresUrl>().unwrap_err();
/// assert_eq!(error.part(), UrlPart::UserInfo);
/// assert!(error.to_string().contains("%40"));
/// assert!(!error.to_string().contains("p@ss"));
///
/// // An invisible character is refused by its code point (a zero-width
/// // space pasted with the URL), and one the error quotes is escaped.
/// let error = "postgres://db/app\u{200b}".parse::<PostgresUrl>().unwrap_err();
/// assert!(error.to_string().starts_with("the URL holds an invisible character, U+200B"));
/// let error = "postgres://[::1\u{200d}]/app".parse::<PostgresUrl>().unwrap_err();
/// assert_eq!(error.to_string(), "[::1\\u{200d}] is not an IPv6 address");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseError {
    part: UrlPart,
    message: String,
}

// By hand rather than by thiserror (two one-line impls): the runtime crate
// then has one proc-macro fewer among its inputs (BENCHMARKS.md, "Compile
// cost").
impl std::fmt::Display for ParseError {
    /// The message, with any control, bidirectional or zero-width character
    /// written as an escape: a message may quote the text it could not read
    /// (`[\u{200d}...] is not an IPv6 address`), and this error is shown
    /// alone too, by `FromStr` and serde, outside the report that escapes
    /// its lines. (Escaped here rather than where the error is built, which
    /// would put the check in every parser's code.)
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::report::escape_text(&self.message))
    }
}

impl std::error::Error for ParseError {}

impl ParseError {
    pub(crate) fn new(part: UrlPart, message: impl Into<String>) -> Self {
        Self { part, message: message.into() }
    }

    /// The part of the URL at fault.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::{RedisUrl, UrlPart};
    ///
    /// let error = "redis://cache:99999".parse::<RedisUrl>().unwrap_err();
    /// assert_eq!(error.part(), UrlPart::Port);
    /// ```
    pub fn part(&self) -> UrlPart {
        self.part
    }
}

/// How one kind of URL is read.
pub(crate) struct Rules {
    /// The accepted schemes, lowercase; empty for any.
    pub schemes: &'static [&'static str],
    /// The default port of a scheme.
    pub default_port: fn(&str) -> Option<u16>,
    /// Whether `h1:1,h2:2` is allowed.
    pub multi_host: bool,
    /// Whether the host may be empty (`postgres:///db`).
    pub host_optional: bool,
    /// Whether `+` in the query is a space (form encoding, as redis-rs reads it).
    pub plus_is_space: bool,
    /// Whether an `@` in the path is taken as a misplaced userinfo `@`.
    pub at_in_path_is_error: bool,
    /// Whether an empty user name (`:pw@host`) is kept as `Some("")`, as the
    /// RabbitMQ URI spec requires; other kinds read it as no user name.
    pub keeps_empty_username: bool,
    /// Whether the scheme must be written in lowercase, as libpq and the
    /// MongoDB driver match it (`POSTGRES://` is not a URI to libpq); other
    /// drivers read it through a URL parser that lowercases it.
    pub scheme_case_sensitive: bool,
    /// Which hosts may hold percent-escapes, as the drivers decode them.
    pub host_escapes: HostEscapes,
    /// Whether a query key may stand alone (`?debug`), as in HTTP; the
    /// database drivers need `key=value`.
    pub query_flags: bool,
    /// Whether query keys match ignoring ASCII case, as the MongoDB
    /// connection string spec says; every other driver matches them
    /// exactly (libpq, redis-rs, sqlx, lapin, rumqttc).
    pub query_keys_ignore_case: bool,
    /// Whether a query key may be given twice.
    pub repeated_keys: RepeatedKeys,
}

/// Whether a query key may be given twice, with different values.
#[derive(Clone, Copy)]
pub(crate) enum RepeatedKeys {
    /// Yes: the last one counts for the handle and every conversion alike
    /// (libpq's rule), or the query is the service's own (HTTP, a generic
    /// URL), which no driver reads.
    Accepted,
    /// No, but for the keys named, which the kind's spec lets repeat: the
    /// handle reads the last occurrence, and a driver that parses the URL
    /// itself may read the first, so the handle would say one thing and
    /// the driver connect with another.
    Refused(&'static [&'static str]),
}

/// Which hosts a kind's drivers percent-decode.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum HostEscapes {
    /// None: an escape would reach DNS as written (`%64b`).
    No,
    /// Only a unix socket path (`%2Fvar%2Frun%2Fpostgresql`): libpq and
    /// the MongoDB spec decode it, but URL-based drivers (sqlx) keep an
    /// escaped host name as written, so `%64b` would be `db` to one and
    /// `%64b` to the other. The error for an escaped host name, which says
    /// how the kind's drivers read one.
    SocketPath(&'static str),
    /// Any host (WHATWG for http, lapin).
    Any,
}

/// A part of a URL: where it stands in the URL's text when it reads as
/// written (no allocation), else its own decoded copy, wiped when dropped.
/// 16 bytes (`Option<Text>` too): the copy, rare, is boxed, and a part
/// that reads as written is two `u32`s (BENCHMARKS.md, "Allocations and
/// moves").
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Text {
    /// `url[start..end]`.
    Span(u32, u32),
    /// Percent-decoded, so unlike the URL's text.
    Decoded(Box<Zeroizing<String>>),
}

/// Without the decoded text, which may be a password (`?password=`) or a
/// user's: a derived `Debug` would print it through any `Debug` that
/// reaches a `Text` (a query list, say).
impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Text::Span(start, end) => f.debug_tuple("Span").field(start).field(end).finish(),
            Text::Decoded(text) => write!(f, "Decoded(<{} bytes>)", text.len()),
        }
    }
}

impl Text {
    /// Nothing.
    pub const EMPTY: Text = Text::Span(0, 0);

    /// `part`, a slice of `url`, as a span of it; a slice of any other text
    /// is copied. (The span is found from the two addresses, so the parser
    /// can keep slicing as it reads.)
    #[inline]
    pub fn of(url: &str, part: &str) -> Text {
        let start = (part.as_ptr() as usize).wrapping_sub(url.as_ptr() as usize);
        // Within `url`, and `url` no longer than `u32` counts: both casts
        // are exact.
        if start <= url.len() && part.len() <= url.len() - start && url.len() <= u32::MAX as usize {
            Text::Span(start as u32, (start + part.len()) as u32)
        } else {
            Text::copied(part)
        }
    }

    /// [`Self::of`] for a slice of another text: rare, kept out of line so
    /// the span case inlines where the parser slices.
    #[cold]
    #[inline(never)]
    fn copied(part: &str) -> Text {
        Text::owned(part.to_owned())
    }

    /// `text`, owned.
    pub fn owned(text: String) -> Text {
        Text::Decoded(Box::new(Zeroizing::new(text)))
    }

    /// The text, read in `url` (the text it was parsed from).
    pub fn get<'a>(&'a self, url: &'a str) -> &'a str {
        match self {
            Text::Span(start, end) => url.get(*start as usize..*end as usize).unwrap_or_default(),
            Text::Decoded(text) => text,
        }
    }

    /// The same text, standing on its own (for a URL parsed from another
    /// text than the one it keeps).
    pub fn detached(self, url: &str) -> Text {
        match self {
            Text::Span(..) => Text::owned(self.get(url).to_owned()),
            decoded => decoded,
        }
    }
}

/// A URL's password. When it reads as written (no escape to decode), the
/// common case, it is where it stands in the URL's text, and becomes a
/// [`SecretString`] of its own only when [`Parts::password`] is first asked
/// for it: a load costs no copy of it (no allocation, nothing more to
/// wipe; BENCHMARKS.md, "Allocations and moves"). A
/// decoded password is its own copy from the start. Either way the copy is
/// wiped when dropped.
#[derive(Clone)]
pub(crate) struct Password {
    /// `url[span.0..span.1]`, when `secret` is not filled in from the start.
    span: (u32, u32),
    secret: std::sync::OnceLock<SecretString>,
}

impl Password {
    /// `part`, a slice of `url`, as a span of it; a slice of any other
    /// text (or one past `u32`) is copied.
    pub fn of(url: &str, part: &str) -> Password {
        Password::from_text(Text::of(url, part))
    }

    /// A part as a password: its span, or its decoded copy taken over
    /// (not copied again).
    pub fn from_text(text: Text) -> Password {
        match text {
            Text::Span(start, end) => Password { span: (start, end), secret: std::sync::OnceLock::new() },
            Text::Decoded(mut decoded) => Password::from(into_secret(std::mem::take(&mut **decoded))),
        }
    }

    /// The password, read in `url` (the text it was parsed from, or the
    /// handle's copy of it).
    pub fn get(&self, url: &str) -> &SecretString {
        self.secret.get_or_init(|| {
            let (start, end) = self.span;
            SecretString::from(url.get(start as usize..end as usize).unwrap_or_default())
        })
    }

    /// Whether the password is empty (`user:@host`), without a copy.
    pub fn is_empty(&self) -> bool {
        match self.secret.get() {
            Some(secret) => secret.expose_secret().is_empty(),
            None => self.span.0 == self.span.1,
        }
    }

    /// The same password, standing on its own (see [`Text::detached`]).
    fn detached(self, url: &str) -> Password {
        self.get(url);
        self
    }
}

impl From<SecretString> for Password {
    fn from(secret: SecretString) -> Self {
        Password { span: (0, 0), secret: std::sync::OnceLock::from(secret) }
    }
}

/// Where a handle's parts are read: the text being parsed (`&str`), then
/// the handle's own copy of the URL.
pub(crate) trait UrlText {
    fn url(&self) -> &str;
}

impl UrlText for &str {
    fn url(&self) -> &str {
        self
    }
}

impl UrlText for SecretString {
    fn url(&self) -> &str {
        self.expose_secret()
    }
}

/// The hosts of a URL: one, the common case, needs no list of its own.
#[derive(Clone, Debug, Default)]
pub(crate) enum Hosts {
    #[default]
    None,
    One(HostPort),
    Many(Vec<HostPort>),
}

impl Hosts {
    pub fn push(&mut self, host: HostPort) {
        *self = match std::mem::take(self) {
            Hosts::None => Hosts::One(host),
            Hosts::One(first) => Hosts::Many(vec![first, host]),
            Hosts::Many(mut hosts) => {
                hosts.push(host);
                Hosts::Many(hosts)
            }
        };
    }

    pub fn clear(&mut self) {
        *self = Hosts::None;
    }
}

impl From<Vec<HostPort>> for Hosts {
    fn from(mut hosts: Vec<HostPort>) -> Self {
        match hosts.len() {
            0 => Hosts::None,
            1 => Hosts::One(hosts.remove(0)),
            _ => Hosts::Many(hosts),
        }
    }
}

impl std::ops::Deref for Hosts {
    type Target = [HostPort];

    fn deref(&self) -> &[HostPort] {
        match self {
            Hosts::None => &[],
            Hosts::One(host) => std::slice::from_ref(host),
            Hosts::Many(hosts) => hosts,
        }
    }
}

impl std::ops::DerefMut for Hosts {
    fn deref_mut(&mut self) -> &mut [HostPort] {
        match self {
            Hosts::None => &mut [],
            Hosts::One(host) => std::slice::from_mut(host),
            Hosts::Many(hosts) => hosts,
        }
    }
}

/// The query pairs of a URL, decoded. One pair that reads as written, the
/// common case (`?sslmode=require`), is held as its two spans, without a
/// list (an allocation) of its own; any other query is a list.
#[derive(Clone, Debug, Default)]
pub(crate) enum Query {
    #[default]
    None,
    /// `url[key.0..key.1]=url[value.0..value.1]`.
    One {
        key: (u32, u32),
        value: (u32, u32),
    },
    Many(Vec<(Text, Text)>),
}

impl Query {
    /// A query of one pair: its spans when both read as written (and fit
    /// in `u32`), else a list of it.
    fn one(key: Text, value: Text) -> Query {
        let span = |text: &Text| match text {
            Text::Span(start, end) => Some((*start, *end)),
            Text::Decoded(_) => None,
        };
        match (span(&key), span(&value)) {
            (Some(key), Some(value)) => Query::One { key, value },
            _ => Query::Many(vec![(key, value)]),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Query::None => 0,
            Query::One { .. } => 1,
            Query::Many(pairs) => pairs.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Pair `index`'s key and value, as parts.
    fn texts(&self, index: usize) -> Option<(Text, Text)> {
        let span = |(start, end): (u32, u32)| Text::Span(start, end);
        match self {
            Query::None => None,
            Query::One { key, value } => (index == 0).then(|| (span(*key), span(*value))),
            Query::Many(pairs) => pairs.get(index).cloned(),
        }
    }

    /// Pair `index`, read in `url`.
    pub fn get<'a>(&'a self, url: &'a str, index: usize) -> Option<(&'a str, &'a str)> {
        let span = |(start, end): (u32, u32)| url.get(start as usize..end as usize).unwrap_or_default();
        match self {
            Query::None => None,
            Query::One { key, value } => (index == 0).then(|| (span(*key), span(*value))),
            Query::Many(pairs) => pairs.get(index).map(|(key, value)| (key.get(url), value.get(url))),
        }
    }

    /// Every pair, read in `url`.
    pub fn iter<'a>(&'a self, url: &'a str) -> impl DoubleEndedIterator<Item = (&'a str, &'a str)> + 'a {
        (0..self.len()).filter_map(move |index| self.get(url, index))
    }

    /// The same pairs, standing on their own (see [`Text::detached`]).
    fn detached(self, url: &str) -> Query {
        let pairs = (0..self.len()).filter_map(|index| self.texts(index));
        Query::Many(pairs.map(|(key, value)| (key.detached(url), value.detached(url))).collect())
    }
}

/// A parsed URL, the common part of every handle. Its parts are spans of
/// `raw` where they read as written, so a URL costs few allocations:
/// while parsing, `raw` is the text being parsed ([`Parsing`]); a handle
/// keeps [`Parts`], whose `raw` [`super::from_text`] and
/// [`super::from_owned`] fill in with the same text once it is valid.
#[derive(Clone)]
pub(crate) struct Parts<U = SecretString> {
    /// The URL as given: it holds the password.
    pub raw: U,
    pub scheme: Cow<'static, str>,
    pub username: Option<Text>,
    pub password: Option<Password>,
    pub hosts: Hosts,
    /// Whether there was a `//` authority.
    pub has_authority: bool,
    /// The path as written, not decoded.
    pub path: Text,
    /// Whether a `/` followed the authority (`amqp://host/` vs `amqp://host`).
    pub has_path: bool,
    /// Query pairs, decoded.
    pub query: Query,
    /// The port `port()` gives when there is no host.
    pub hosts_default_port: Option<u16>,
    /// [`Rules::query_keys_ignore_case`].
    pub keys_ignore_case: bool,
    /// Whether the URL holds a `%`, so a part may need decoding: when it
    /// does not, [`Self::path_segment`] takes the path as it stands.
    pub escapes: bool,
}

/// The parts of a URL being parsed, read in its text.
pub(crate) type Parsing<'a> = Parts<&'a str>;

impl<U> fmt::Debug for Parts<U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parts").field("scheme", &self.scheme).field("hosts", &self.hosts).finish_non_exhaustive()
    }
}

impl<'a> Parts<&'a str> {
    /// The query as written (not decoded), after the URL's first `?`: the
    /// path ends there, so its span tells where without a second search.
    pub fn raw_query(&self) -> Option<&'a str> {
        let url: &'a str = self.raw;
        match self.path {
            Text::Span(_, end) if url.as_bytes().get(end as usize) == Some(&b'?') => url.get(end as usize + 1..),
            Text::Span(_, end) if end as usize == url.len() => None,
            _ => split_at_byte(url, b'?').map(|(_, query)| query),
        }
    }

    /// The parts as a handle keeps them: read, once the handle holds its
    /// copy of the same text, in that copy. Boxed: a handle is then a
    /// pointer and a few bytes of its own, which moves in registers where
    /// ~200 bytes of parts took a `memcpy` at each of the dozen moves from
    /// the parser to the config struct (BENCHMARKS.md, "Allocations and
    /// moves").
    pub fn keep(self) -> Box<Parts> {
        Box::new(Parts {
            raw: SecretString::default(),
            scheme: self.scheme,
            username: self.username,
            password: self.password,
            hosts: self.hosts,
            has_authority: self.has_authority,
            path: self.path,
            has_path: self.has_path,
            query: self.query,
            hosts_default_port: self.hosts_default_port,
            keys_ignore_case: self.keys_ignore_case,
            escapes: self.escapes,
        })
    }

    /// `?key=` names the user, as libpq's `?user=` and redis-rs's socket
    /// `?user=` do: an empty one names none.
    pub fn user_from_query(&mut self, key: &str) {
        if let Some(user) = self.query_text(key) {
            self.username = Some(user).filter(|user| !user.get(self.raw).is_empty());
        }
    }

    /// `user:@host` as no password, where the driver reads it so (redis-rs
    /// sends no AUTH, WHATWG has no password).
    pub fn drop_empty_password(&mut self) {
        if self.password.as_ref().is_some_and(Password::is_empty) {
            self.password = None;
        }
    }

    /// `?key=` gives the password, as libpq's `?password=` and redis-rs's
    /// socket `?pass=` do (an empty one too).
    pub fn password_from_query(&mut self, key: &str) {
        if let Some(password) = self.query_text(key) {
            self.password = Some(Password::from_text(password));
        }
    }

    /// The parts of a URL parsed from another text than the one the handle
    /// keeps (a server list joined into one URL): every part is copied.
    pub fn keep_detached(mut self) -> Box<Parts> {
        let url = self.raw;
        let detach = |text: &mut Text| *text = std::mem::replace(text, Text::EMPTY).detached(url);
        if let Some(username) = &mut self.username {
            detach(username);
        }
        detach(&mut self.path);
        self.password = self.password.take().map(|password| password.detached(url));
        self.query = std::mem::take(&mut self.query).detached(url);
        self.keep()
    }
}

impl<U: UrlText> Parts<U> {
    /// A part's text.
    pub fn text<'a>(&'a self, part: &'a Text) -> &'a str {
        part.get(self.raw.url())
    }

    pub fn username(&self) -> Option<&str> {
        self.username.as_ref().map(|user| self.text(user))
    }

    /// The password, percent-decoded (copied from the URL's text the
    /// first time it is asked for).
    pub fn password(&self) -> Option<&SecretString> {
        self.password.as_ref().map(|password| password.get(self.raw.url()))
    }

    /// The path as written, not decoded.
    pub fn path(&self) -> &str {
        self.text(&self.path)
    }

    /// Every query pair, decoded.
    pub fn query(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.query.iter(self.raw.url())
    }

    /// Whether query key `found` is `key`, as the kind's driver matches keys.
    pub fn key_is(&self, found: &str, key: &str) -> bool {
        self.key_bytes_are(found.as_bytes(), key.as_bytes())
    }

    /// [`Self::key_is`] on bytes, for a key read from its span.
    fn key_bytes_are(&self, found: &[u8], key: &[u8]) -> bool {
        if self.keys_ignore_case { found.eq_ignore_ascii_case(key) } else { found == key }
    }

    /// The last value of a query parameter, the one drivers use.
    pub fn query_value(&self, key: &str) -> Option<&str> {
        let url = self.raw.url();
        self.last_pair(key).and_then(|index| self.query.get(url, index)).map(|(_, value)| value)
    }

    /// [`Self::query_value`], as a part (a span of the URL, or a copy of
    /// a decoded value).
    pub fn query_text(&self, key: &str) -> Option<Text> {
        self.last_pair(key).and_then(|index| self.query.texts(index)).map(|(_, value)| value)
    }

    /// The index of the last pair whose key is `key`.
    fn last_pair(&self, key: &str) -> Option<usize> {
        let url = self.raw.url();
        (0..self.query.len()).rev().find(|index| {
            self.query.get(url, *index).is_some_and(|(found, _)| self.key_bytes_are(found.as_bytes(), key.as_bytes()))
        })
    }

    /// Every value of a query parameter, in order.
    pub fn query_values<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.query().filter(move |(k, _)| self.key_is(k, key)).map(|(_, v)| v)
    }

    /// The decoded path without its leading `/`, or `None` when empty.
    // Inlined where optimised: see `scheme_and_bytes`.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn path_segment(&self, what: &str) -> Result<Option<Text>, ParseError> {
        let path = self.path();
        let trimmed = path.strip_prefix('/').unwrap_or(path);
        if trimmed.is_empty() {
            return Ok(None);
        }
        if !self.escapes {
            return Ok(Some(Text::of(self.raw.url(), trimmed)));
        }
        decode_text(self.raw.url(), trimmed, false)
            .map(Some)
            .map_err(|_| ParseError::new(UrlPart::Path, format!("the {what} is not valid percent-encoding")))
    }
}

/// The scheme of `input`, lowercase, checked against the rules.
pub(crate) fn scheme<'i>(
    input: &'i str,
    rules: &Rules,
    kind: &str,
) -> Result<(Cow<'static, str>, &'i str), ParseError> {
    scheme_and_bytes(input, rules, kind).map(|(scheme, rest, _)| (scheme, rest))
}

/// [`scheme`], and which of the bytes the parser looks for the URL holds
/// ([`bytes_present`]), found in the same pass that checks it is printable.
// Inlined, as five more helpers of the parser are (each points here): a
// result returned through memory and read back at once stalled the caller
// on store forwarding (BENCHMARKS.md, "Allocations and moves"). Only where
// optimised: a debug build, whose compile time counts more than its speed,
// keeps one copy.
#[cfg_attr(not(debug_assertions), inline(always))]
fn scheme_and_bytes<'i>(
    input: &'i str,
    rules: &Rules,
    kind: &str,
) -> Result<(Cow<'static, str>, &'i str, u8), ParseError> {
    let present = check_whole(input)?;
    // The common case, a known scheme as the rule spells it: nothing to
    // check or compare ignoring case (a known scheme is a valid one).
    if let Some(known) = rules.schemes.iter().find(|known| {
        input.len() > known.len()
            && input.as_bytes()[known.len()] == b':'
            && input.as_bytes().starts_with(known.as_bytes())
    }) {
        return Ok((Cow::Borrowed(known), &input[known.len() + 1..], present));
    }
    scheme_checked(input, rules, kind, present)
}

/// [`scheme_and_bytes`] for any scheme: checked, and compared with the
/// known ones ignoring case.
fn scheme_checked<'i>(
    input: &'i str,
    rules: &Rules,
    kind: &str,
    present: u8,
) -> Result<(Cow<'static, str>, &'i str, u8), ParseError> {
    let not_a_url = || ParseError::new(UrlPart::Whole, format!("not a URL: expected {}", example(rules, kind)));
    let colon = input.bytes().position(|byte| byte == b':').ok_or_else(not_a_url)?;
    let (scheme, rest) = (&input[..colon], &input[colon + 1..]);
    if !is_scheme(scheme) {
        return Err(not_a_url());
    }
    // A known scheme is the rule's own name: no copy.
    if let Some(known) = rules.schemes.iter().find(|known| known.eq_ignore_ascii_case(scheme)) {
        if rules.scheme_case_sensitive && *known != scheme {
            return Err(ParseError::new(
                UrlPart::Scheme,
                format!("write the scheme in lowercase, {known}://: the driver does not read {scheme}:// as a URL"),
            ));
        }
        return Ok((Cow::Borrowed(known), rest, present));
    }
    let scheme = scheme.to_ascii_lowercase();
    if !rules.schemes.is_empty() {
        return Err(ParseError::new(
            UrlPart::Scheme,
            format!("scheme {scheme:?} is not {}", alternatives(rules.schemes)),
        ));
    }
    Ok((Cow::Owned(scheme), rest, present))
}

/// Whether `text` is a scheme (RFC 3986: a letter, then letters, digits,
/// `+`, `-` or `.`).
pub(crate) fn is_scheme(text: &str) -> bool {
    text.bytes().next().is_some_and(|byte| byte.is_ascii_alphabetic())
        && text.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.'))
}

fn example(rules: &Rules, kind: &str) -> String {
    match rules.schemes.first() {
        Some(scheme) => format!("{scheme}://... for a {kind}"),
        None => "scheme://host".to_owned(),
    }
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn alternatives(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A `#` in the text ([`bytes_present`]).
const HASH: u8 = 1;
/// An `@`.
const AT: u8 = 2;
/// A `%`.
const PERCENT: u8 = 4;
/// A `,`.
const COMMA: u8 = 8;
/// A byte that is not printable ASCII (a space, a control, UTF-8).
const NOT_GRAPHIC: u8 = 16;
/// A byte a user name or password may hold unencoded. RFC 3986:
/// userinfo = *( unreserved / pct-encoded / sub-delims / ":" ), all ASCII;
/// here without the `:` that separates the password.
const USERINFO: u8 = 32;
/// A byte a plain host name holds: a letter, a digit, `.` or `-`.
const HOST_NAME: u8 = 64;
/// A `+` (a space in a form-encoded query).
const PLUS: u8 = 128;

/// The class of every byte, for [`bytes_present`] and the user info.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [NOT_GRAPHIC; 256];
    let mut byte = b'!';
    while byte <= b'~' {
        let userinfo = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'%'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
            );
        let host_name = if byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-' { HOST_NAME } else { 0 };
        table[byte as usize] = host_name
            | match byte {
                b'#' => HASH,
                b'@' => AT,
                b'%' => PERCENT | USERINFO,
                b',' => COMMA | USERINFO,
                b'+' => PLUS | USERINFO,
                _ if userinfo => USERINFO,
                _ => 0,
            };
        byte += 1;
    }
    table
};

/// Whether `byte` may stand unencoded in a user name or password.
fn userinfo_byte(byte: u8) -> bool {
    BYTE_CLASS[usize::from(byte)] & USERINFO != 0
}

/// Which of `#`, `@`, `%`, `,` and non-printable bytes `text` holds, in one
/// pass: the parser then skips every search for a byte that is not there.
/// (Measured by callgrind, a table lookup per byte costs a little less
/// than five vectorised comparisons, whose scalar tails dominate on a URL's
/// length.)
fn bytes_present(text: &str) -> u8 {
    text.bytes().fold(0, |present, byte| present | BYTE_CLASS[usize::from(byte)]) & !(USERINFO | HOST_NAME)
}

/// The index of the first `byte` in `text`, eight bytes at a time (see
/// [`first_of`]).
fn find_byte(text: &str, byte: u8) -> Option<usize> {
    first_of(text.as_bytes(), byte, byte)
}

/// Every byte of a word.
const ONES: u64 = u64::from_le_bytes([1; 8]);
/// Every byte's low seven bits.
const LOW7: u64 = u64::from_le_bytes([0x7f; 8]);

/// The high bit of each byte of `word` that is zero, and no other: exact,
/// unlike the shorter `(x - ONES) & !x` test, whose borrow marks a 0x01
/// above a zero byte too (which would mislead a search from the end).
fn zero_bytes(word: u64) -> u64 {
    !(((word & LOW7).wrapping_add(LOW7)) | word | LOW7)
}

/// The index of the first byte of `bytes` that is `a` or `b`: eight bytes a
/// word (safe code: the word is read with `from_le_bytes`), where a plain
/// loop spends about five instructions a byte on a URL's length.
fn first_of(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    let (a_word, b_word) = (ONES * u64::from(a), ONES * u64::from(b));
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else { break };
        let word = u64::from_le_bytes(chunk);
        let found = zero_bytes(word ^ a_word) | zero_bytes(word ^ b_word);
        if found != 0 {
            return Some(offset + found.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    chunks.remainder().iter().position(|found| *found == a || *found == b).map(|at| offset + at)
}

/// The index of the last `byte` in `bytes`, eight bytes a word from the end.
fn last_of(bytes: &[u8], byte: u8) -> Option<usize> {
    let pattern = ONES * u64::from(byte);
    let mut chunks = bytes.rchunks_exact(8);
    let mut end = bytes.len();
    for chunk in &mut chunks {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else { break };
        let found = zero_bytes(u64::from_le_bytes(chunk) ^ pattern);
        end -= 8;
        if found != 0 {
            return Some(end + 7 - found.leading_zeros() as usize / 8);
        }
    }
    chunks.remainder().iter().rposition(|found| *found == byte)
}

/// `text` split at the first `byte`, which is ASCII, so both sides are `str`.
pub(crate) fn split_at_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    find_byte(text, byte).map(|at| (&text[..at], &text[at + 1..]))
}

/// Whitespace, control and invisible characters ([`is_invisible`]) are
/// never part of a URL. Returns [`bytes_present`] of the URL.
pub(crate) fn check_whole(input: &str) -> Result<u8, ParseError> {
    if input.is_empty() {
        return Err(ParseError::new(UrlPart::Whole, "the URL is empty"));
    }
    // Printable ASCII holds neither; only other text needs the Unicode tables.
    let present = bytes_present(input);
    if present & NOT_GRAPHIC == 0 {
        return Ok(present);
    }
    if input.chars().any(char::is_whitespace) {
        return Err(ParseError::new(
            UrlPart::Whole,
            "the URL holds whitespace: remove it, or percent-encode a space that is part of a value as %20",
        ));
    }
    if input.chars().any(char::is_control) {
        return Err(ParseError::new(UrlPart::Whole, "the URL holds a control character"));
    }
    if let Some(invisible) = input.chars().find(|c| is_invisible(*c)) {
        return Err(ParseError::new(
            UrlPart::Whole,
            format!(
                "the URL holds an invisible character, U+{:04X}: remove it (text pasted from a web page, a chat or a \
                 document can bring one), or percent-encode it if it is part of a value",
                u32::from(invisible)
            ),
        ));
    }
    Ok(present)
}

/// A character that shows as nothing and is never part of a URL a driver
/// can use: a bidirectional control (which also reorders what follows on
/// screen), a zero-width space or word joiner, a byte-order mark, a soft
/// hyphen. The zero-width joiner and non-joiner and the variation
/// selectors are left alone: internationalised names and emoji use them
/// (a handle's `Display` escapes them).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{61C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Refuses a host as its driver reads it, once percent-decoded (`h%0Aevil`,
/// `?host=` of a PostgreSQL URL, a unix socket path), when it holds what
/// no host holds: a control character (a line break forged into a log line
/// by whoever can set the variable), an invisible or line-breaking
/// character (any the report escapes, but the joiners and variation
/// selectors that internationalised names and emoji use), and in a host
/// name (not a socket path) whitespace or an ASCII character a host name
/// cannot hold written plainly either (`"#/:<>?@[\]^|` and the like: an
/// IPv6 address is written in brackets, never encoded). WHATWG refuses
/// all of these in an HTTP host (UTS 46 disallows the invisible ones), and
/// DNS resolves none of them. A written host never reaches here:
/// `check_whole` and `decode_host` refuse the same characters unencoded.
///
/// The error names the character by its code point and quotes nothing.
pub(crate) fn check_decoded_host(host: &str, part: UrlPart) -> Result<(), ParseError> {
    let socket = host.starts_with('/');
    let hazard = |c: char| {
        crate::report::is_hazardous_char(c) && !matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
    };
    let refused = host
        .chars()
        .find(|c| hazard(*c) || (!socket && (c.is_whitespace() || (c.is_ascii() && !is_host_name_char(*c)))));
    let Some(refused) = refused else { return Ok(()) };
    let code = u32::from(refused);
    let what = if refused.is_control() {
        format!("a control character (U+{code:04X})")
    } else if matches!(refused, '\u{2028}' | '\u{2029}') {
        format!("a line or paragraph separator (U+{code:04X})")
    } else if hazard(refused) {
        format!("an invisible character (U+{code:04X})")
    } else if refused.is_whitespace() {
        format!("whitespace (U+{code:04X})")
    } else {
        format!("{refused:?}")
    };
    let which = if socket { "socket path" } else { "host name" };
    Err(ParseError::new(part, format!("once percent-decoded, the {which} holds {what}, which no {which} holds")))
}

/// Parses `scheme://[user[:password]@]host[:port][,host[:port]...][/path][?query]`.
///
/// An error never quotes a fragment of a password: when an `@` stands
/// after the point where the authority seems to end (`admin:pa?ss@db`,
/// `admin:pa/ss@db`), the text before it may be a password holding an
/// unencoded `?`, `/` or `#`, so every error about the host, port, path or
/// query is replaced by one that quotes nothing.
pub(crate) fn parse<'a>(input: &'a str, rules: &Rules, kind: &str) -> Result<Parsing<'a>, ParseError> {
    parse_parts(input, rules, kind).map_err(|error| without_fragments(input, error))
}

/// `error`, or one that quotes nothing when the password's end is unclear.
fn without_fragments(input: &str, error: ParseError) -> ParseError {
    let Some((_, rest)) = input.split_once("://") else { return error };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let unclear = rest[authority_end..].contains('@');
    match error.part() {
        UrlPart::Host | UrlPart::Port | UrlPart::Path | UrlPart::Query | UrlPart::Fragment if unclear => {
            ParseError::new(
                error.part(),
                "an '@' stands after the host: if the user name or password holds '/', '?' or '#', \
                 write them as %2F, %3F and %23 (an '@' in a path or a query value is written %40)",
            )
        }
        _ => error,
    }
}

fn parse_parts<'a>(input: &'a str, rules: &Rules, kind: &str) -> Result<Parsing<'a>, ParseError> {
    let (scheme, rest, present) = scheme_and_bytes(input, rules, kind)?;
    let Some(rest) = rest.strip_prefix("//") else {
        return Err(ParseError::new(UrlPart::Whole, format!("expected {scheme}:// at the start")));
    };
    if present & HASH != 0 {
        reject_fragment(rest)?;
    }
    let authority_end = first_of(rest.as_bytes(), b'/', b'?').unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    let (path, query) = match split_at_byte(after, b'?') {
        Some((path, query)) => (path, Some(query)),
        None => (after, None),
    };
    let at = present & AT != 0;
    // libpq (and the clients that copy it) read the user info up to the
    // last '@' before the first '/', URL parsers up to the first '?': a
    // password holding '?' (`app:12?34@db`) is read two ways.
    if rules.at_in_path_is_error
        && at
        && let Some(query) = after.strip_prefix('?')
        && query.split('/').next().is_some_and(|before_slash| before_slash.contains('@'))
    {
        return Err(ParseError::new(
            UrlPart::UserInfo,
            "an '@' follows a '?' before any '/': libpq reads all before that '@' as the user info, URL \
             parsers read a host before the '?'. Write a '?' in the password as %3F (an '@' in a query value as %40)",
        ));
    }
    let last_at = if at { last_of(authority.as_bytes(), b'@') } else { None };
    let (userinfo, hostlist) = match last_at {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    let (mut username, password) = match userinfo {
        Some(userinfo) => userinfo_parts(input, userinfo)?,
        None => (None, None),
    };
    if !rules.keeps_empty_username && username.as_ref().is_some_and(|user| user.get(input).is_empty()) {
        username = None;
    }
    if rules.at_in_path_is_error && at && path.contains('@') {
        return Err(ParseError::new(
            UrlPart::Path,
            "the path holds an '@': if the user name or password holds a '/', write it as %2F; \
             an '@' in a database name is written %40",
        ));
    }
    let mut hosts = host_list(hostlist, rules, &scheme, path, present)?;
    let mut hosts_default_port = (rules.default_port)(&scheme);
    // `scheme://:port`: no host (the local default) on that port.
    if let [only] = &*hosts
        && only.host.is_empty()
    {
        if !rules.host_optional {
            return Err(ParseError::new(UrlPart::Host, format!("the host is missing: expected {scheme}://host")));
        }
        hosts_default_port = only.port;
        hosts.clear();
    }
    let escapes = present & PERCENT != 0;
    let query = match query {
        Some(query) => {
            let escapes = escapes || (rules.plus_is_space && present & PLUS != 0);
            query_pairs_with(input, query, rules.plus_is_space, rules.query_flags, escapes)?
        }
        None => Query::None,
    };
    if let RepeatedKeys::Refused(allowed) = rules.repeated_keys {
        check_repeated_keys(input, &query, allowed, rules.query_keys_ignore_case)?;
    }
    Ok(Parts {
        raw: input,
        scheme,
        username,
        password,
        hosts,
        has_authority: true,
        path: Text::of(input, path),
        has_path: !path.is_empty(),
        query,
        hosts_default_port,
        keys_ignore_case: rules.query_keys_ignore_case,
        escapes,
    })
}

/// Refuses a query key given twice with different values, but those in
/// `allowed`. One pass, whatever the number of pairs.
pub(crate) fn check_repeated_keys(
    url: &str,
    query: &Query,
    allowed: &[&str],
    ignore_case: bool,
) -> Result<(), ParseError> {
    if query.len() < 2 {
        return Ok(());
    }
    let mut first: std::collections::HashMap<std::borrow::Cow<'_, str>, &str> = std::collections::HashMap::new();
    for index in 0..query.len() {
        let Some((key, value)) = query.get(url, index) else { continue };
        let normal = if ignore_case {
            std::borrow::Cow::Owned(key.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(key)
        };
        if allowed.iter().any(|allowed| if ignore_case { allowed.eq_ignore_ascii_case(key) } else { *allowed == key }) {
            continue;
        }
        match first.get(&normal) {
            Some(earlier) if *earlier != value => {
                return Err(ParseError::new(
                    UrlPart::Query,
                    format!(
                        "query parameter {:?} is given twice, with different values: give it once (this handle \
                         reads the last, a driver that reads the URL itself may read the first)",
                        short(key)
                    ),
                ));
            }
            Some(_) => {}
            None => {
                first.insert(normal, value);
            }
        }
    }
    Ok(())
}

/// A `#` is never part of a database URL: in a password it must be `%23`.
pub(crate) fn reject_fragment(rest: &str) -> Result<(), ParseError> {
    let Some(hash) = rest.find('#') else { return Ok(()) };
    if rest[hash..].contains('@') {
        return Err(ParseError::new(
            UrlPart::UserInfo,
            "the user info holds an unencoded '#': write it as %23 (a '#' starts a fragment)",
        ));
    }
    Err(ParseError::new(
        UrlPart::Fragment,
        "the URL holds a '#' fragment, which this kind of URL does not use: if the '#' is part of a value, write it as %23",
    ))
}

type UserInfo = (Option<Text>, Option<Password>);

/// The user name and password of `userinfo`, a slice of `url`.
// Inlined where optimised: see `scheme_and_bytes`.
#[cfg_attr(not(debug_assertions), inline(always))]
pub(crate) fn userinfo_parts(url: &str, userinfo: &str) -> Result<UserInfo, ParseError> {
    if let Some(plain) = plain_userinfo(url, userinfo) {
        return Ok(plain);
    }
    if find_byte(userinfo, b'@').is_some() {
        return Err(ParseError::new(
            UrlPart::UserInfo,
            "the user info holds an unencoded '@': write an '@' in the user name or password as %40",
        ));
    }
    let (user, password) = match split_at_byte(userinfo, b':') {
        Some((user, password)) => (user, Some(password)),
        None => (userinfo, None),
    };
    check_userinfo_chars(user, "user name")?;
    // `redis://:password@host` names no user: nothing to decode or keep.
    let username = decode_text(url, user, false).map_err(|problem| userinfo_error("user name", problem))?;
    let password = match password {
        Some(password) => {
            if find_byte(password, b':').is_some() {
                return Err(ParseError::new(
                    UrlPart::UserInfo,
                    "the password holds an unencoded ':': write a ':' in the password as %3A",
                ));
            }
            check_userinfo_chars(password, "password")?;
            let text = decode_utf8(password, false).map_err(|problem| userinfo_error("password", problem))?;
            Some(Password::from(into_secret(text)))
        }
        None => None,
    };
    Ok((Some(username), password))
}

/// The user info of the common case, read in one pass: at most one `:`,
/// no `%` to decode, and every other byte one a user name or password may
/// hold unencoded. Anything else (`None`) takes the checks one by one,
/// which report what is wrong.
fn plain_userinfo(url: &str, userinfo: &str) -> Option<UserInfo> {
    let mut colon = None;
    for (index, byte) in userinfo.bytes().enumerate() {
        match byte {
            b':' if colon.is_none() => colon = Some(index),
            b'%' => return None,
            byte if userinfo_byte(byte) => {}
            _ => return None,
        }
    }
    let (user, password) = match colon {
        Some(colon) => (&userinfo[..colon], Some(&userinfo[colon + 1..])),
        None => (userinfo, None),
    };
    Some((Some(Text::of(url, user)), password.map(|password| Password::of(url, password))))
}

fn check_userinfo_chars(text: &str, what: &str) -> Result<(), ParseError> {
    if text.bytes().all(userinfo_byte) {
        return Ok(());
    }
    Err(ParseError::new(
        UrlPart::UserInfo,
        format!(
            "the {what} holds a character that must be percent-encoded (such as '\"', '<', '>', '\\\\', '^', '`', \
             '{{', '|', '}}', '[', ']' or a non-ASCII letter)"
        ),
    ))
}

fn userinfo_error(what: &str, problem: DecodeProblem) -> ParseError {
    ParseError::new(
        UrlPart::UserInfo,
        match problem {
            DecodeProblem::BadEscape => {
                format!("the {what} holds a '%' that is not a percent-escape, or %00 (write a literal '%' as %25)")
            }
            DecodeProblem::NotUtf8 => format!("the {what} is not valid UTF-8 once percent-decoded"),
        },
    )
}

fn host_list(hostlist: &str, rules: &Rules, scheme: &str, path: &str, present: u8) -> Result<Hosts, ParseError> {
    let default_port = (rules.default_port)(scheme);
    if hostlist.is_empty() {
        if rules.host_optional {
            return Ok(Hosts::None);
        }
        return Err(ParseError::new(UrlPart::Host, format!("the host is missing: expected {scheme}://host")));
    }
    // One host, the common case, needs no list of entries (no ',' and no
    // '%' anywhere in the URL: either sends it the long way).
    if present & (COMMA | PERCENT) == 0 {
        return Ok(Hosts::One(host_port(hostlist, default_port, path)?));
    }
    let entries: Vec<&str> = hostlist.split(',').collect();
    if entries.len() > 1 && !rules.multi_host {
        return Err(ParseError::new(
            UrlPart::Host,
            format!("{scheme} URLs name one host; found {} separated by ','", entries.len()),
        ));
    }
    if rules.host_escapes == HostEscapes::No
        && let Some(entry) = entries.iter().find(|entry| entry.contains('%'))
    {
        let host = entry.split(':').next().unwrap_or(entry);
        return Err(ParseError::new(
            UrlPart::Host,
            format!(
                "the host {host:?} holds a percent-escape, which this driver does not decode: write the host plainly"
            ),
        ));
    }
    let hosts: Vec<HostPort> =
        entries.iter().map(|entry| host_port(entry, default_port, path)).collect::<Result<_, _>>()?;
    for (entry, host) in entries.iter().zip(&hosts) {
        if !entry.contains('%') {
            continue;
        }
        if host.host.as_bytes().contains(&b'/') && !host.host.is_socket() {
            return Err(ParseError::new(
                UrlPart::Host,
                "a host holds an encoded '/': a unix socket directory starts with one (%2Fvar%2Frun%2Fpostgresql)",
            ));
        }
        if let HostEscapes::SocketPath(escaped_name) = rules.host_escapes
            && !host.host.is_socket()
        {
            return Err(ParseError::new(UrlPart::Host, escaped_name));
        }
        check_decoded_host(host.host.as_str(), UrlPart::Host)?;
    }
    Ok(hosts.into())
}

/// One `host[:port]`, `[v6]:port` or `%2Fsocket%2Fpath`.
// Inlined where optimised: see `scheme_and_bytes`.
#[cfg_attr(not(debug_assertions), inline(always))]
pub(crate) fn host_port(entry: &str, default_port: Option<u16>, path: &str) -> Result<HostPort, ParseError> {
    if entry.is_empty() {
        return Err(ParseError::new(UrlPart::Host, "an empty host in the host list (a ',' too many?)"));
    }
    let (host, port) = if let Some(literal) = entry.strip_prefix('[') {
        let Some((address, rest)) = literal.split_once(']') else {
            return Err(ParseError::new(UrlPart::Host, "an IPv6 address opened with '[' is not closed with ']'"));
        };
        if address.parse::<Ipv6Addr>().is_err() {
            return Err(ParseError::new(UrlPart::Host, format!("[{address}] is not an IPv6 address")));
        }
        let port = match rest {
            "" => None,
            rest => match rest.strip_prefix(':') {
                Some(port) => Some(port),
                None => {
                    return Err(ParseError::new(UrlPart::Host, "expected ':port' or nothing after an IPv6 address"));
                }
            },
        };
        (HostName::from(address), port)
    } else {
        let (host, port) = match split_at_byte(entry, b':') {
            Some((host, port)) => (host, Some(port)),
            None => (entry, None),
        };
        if host.is_empty() && port.is_some_and(|port| port.contains(':')) {
            return Err(ParseError::new(UrlPart::Host, "the host is missing before '::'"));
        }
        (decode_host(host)?, port)
    };
    // RFC 3986 allows an empty port (`host:`): it means the default.
    let port = match port {
        Some("") | None => None,
        Some(port) => Some(parse_port(port, path)?),
    };
    Ok(HostPort { host, port: port.or(default_port), explicit_port: port.is_some() })
}

/// What a host name may hold, written or decoded: RFC 3986's unreserved
/// characters and sub-delims (a written one may hold `%` escapes too).
fn is_host_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+;=".contains(c)
}

fn decode_host(host: &str) -> Result<HostName, ParseError> {
    let allowed = |c: char| c == '%' || is_host_name_char(c);
    let plain = host.bytes().all(|byte| BYTE_CLASS[usize::from(byte)] & HOST_NAME != 0);
    if plain {
        return Ok(HostName::from(host));
    }
    if let Some(bad) = host.chars().find(|c| !allowed(*c)) {
        return Err(ParseError::new(
            UrlPart::Host,
            format!("the host {host:?} holds {bad:?}, which no host name holds"),
        ));
    }
    decode_utf8(host, false)
        .map_err(|problem| match problem {
            DecodeProblem::BadEscape => {
                ParseError::new(UrlPart::Host, format!("the host {host:?} holds a bad percent-escape or %00"))
            }
            DecodeProblem::NotUtf8 => {
                ParseError::new(UrlPart::Host, format!("the host {host:?} is not UTF-8 once decoded"))
            }
        })
        .map(HostName::from)
}

/// A port: digits, 1 to 65535.
pub(crate) fn parse_port(port: &str, path: &str) -> Result<u16, ParseError> {
    // The common port, one to five digits that make 1 to 65535, read in
    // one pass; anything else takes the checks that say what is wrong.
    if (1..=5).contains(&port.len()) {
        let number = port
            .bytes()
            .try_fold(0_u32, |number, byte| byte.is_ascii_digit().then(|| number * 10 + u32::from(byte - b'0')));
        if let Some(port) = number.and_then(|number| u16::try_from(number).ok()).filter(|port| *port != 0) {
            return Ok(port);
        }
    }
    if port.is_empty() {
        return Err(ParseError::new(UrlPart::Port, "the port is empty after ':'"));
    }
    if !port.chars().all(|c| c.is_ascii_digit()) {
        // `user:pa/ss@host` splits at the '/': the "port" is a password.
        let hint = if path.contains('@') {
            " (if this is a password holding '/', '?' or '#', percent-encode them as %2F, %3F, %23)"
        } else {
            ""
        };
        let shown = if path.contains('@') { String::new() } else { format!(" {port:?}") };
        return Err(ParseError::new(UrlPart::Port, format!("the port{shown} is not a number{hint}")));
    }
    match port.parse::<u32>() {
        Ok(0) => Err(ParseError::new(UrlPart::Port, "port 0 is not a port a server listens on")),
        Ok(number) => u16::try_from(number)
            .map_err(|_| ParseError::new(UrlPart::Port, format!("port {number} is out of range (1-65535)"))),
        Err(_) => Err(ParseError::new(UrlPart::Port, format!("port {port} is out of range (1-65535)"))),
    }
}

/// `key=value&...`, decoded. A key without `=` is an error, as in libpq and
/// the MongoDB connection string spec.
pub(crate) fn query_pairs(url: &str, query: &str, plus_is_space: bool) -> Result<Query, ParseError> {
    query_pairs_with(url, query, plus_is_space, false, true)
}

/// [`query_pairs`], where `flags` lets a key stand alone (`?debug`, value
/// `""`).
///
/// `escapes`: whether the URL may hold an escape to decode (a `%`, or a `+`
/// read as a space); without one, every key and value is taken as it
/// stands, with no scan of its own.
// Inlined where optimised: see `scheme_and_bytes`.
#[cfg_attr(not(debug_assertions), inline(always))]
pub(crate) fn query_pairs_with(
    url: &str,
    query: &str,
    plus_is_space: bool,
    flags: bool,
    escapes: bool,
) -> Result<Query, ParseError> {
    // Sized once, so no growth leaves a copy (a decoded value wipes
    // itself); one pair that reads as written needs no list at all, nor
    // a search for a '&' the count says is not there.
    let count = query.bytes().filter(|byte| *byte == b'&').count() + 1;
    if count == 1 {
        return Ok(match query_pair(url, query, plus_is_space, flags, escapes)? {
            Some((key, value)) => Query::one(key, value),
            None => Query::None,
        });
    }
    let mut pairs = Vec::with_capacity(count);
    let mut rest = Some(query);
    while let Some(text) = rest {
        let pair = match split_at_byte(text, b'&') {
            Some((pair, after)) => {
                rest = Some(after);
                pair
            }
            None => {
                rest = None;
                text
            }
        };
        if let Some(pair) = query_pair(url, pair, plus_is_space, flags, escapes)? {
            pairs.push(pair);
        }
    }
    Ok(Query::Many(pairs))
}

/// One `key=value` of the query, decoded; `None` for an empty one (`a=1&&b=2`).
// Inlined where optimised: see `scheme_and_bytes`.
#[cfg_attr(not(debug_assertions), inline(always))]
fn query_pair(
    url: &str,
    pair: &str,
    plus_is_space: bool,
    flags: bool,
    escapes: bool,
) -> Result<Option<(Text, Text)>, ParseError> {
    if pair.is_empty() {
        return Ok(None);
    }
    let (key, value) = match split_at_byte(pair, b'=') {
        Some(split) => split,
        None if flags => (pair, ""),
        None => {
            return Err(ParseError::new(
                UrlPart::Query,
                format!("query parameter {:?} has no value: expected key=value", short(pair)),
            ));
        }
    };
    if !escapes {
        return Ok(Some((Text::of(url, key), Text::of(url, value))));
    }
    let key = decode_text(url, key, plus_is_space).map_err(|_| {
        ParseError::new(UrlPart::Query, format!("query key {:?} is not valid percent-encoding", short(key)))
    })?;
    let value = decode_text(url, value, plus_is_space).map_err(|problem| {
        let hint = match problem {
            DecodeProblem::BadEscape => " (a '%' must start an escape such as %20: write a literal '%' as %25)",
            DecodeProblem::NotUtf8 => " (it is not UTF-8 once decoded)",
        };
        ParseError::new(
            UrlPart::Query,
            format!("the value of query parameter {:?} is not valid percent-encoding{hint}", short(key.get(url))),
        )
    })?;
    Ok(Some((key, value)))
}

/// A query part as an error quotes it: credentials masked first (a pair
/// without `=` may be a whole URL with its password, `?x://u:pw@h`), then
/// cut to 40 characters (cut first, a password could lose the `@` that
/// shows it is one).
fn short(text: &str) -> String {
    crate::mask_passwords(text).chars().take(40).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecodeProblem {
    /// A `%` that does not start a two-digit hex escape, or `%00`, which
    /// no driver (all C strings underneath) can take.
    BadEscape,
    NotUtf8,
}

/// Strict percent-decoding: a `%` must start a two-digit hex escape.
/// [`decode_utf8`] skips it for a text with nothing to decode.
fn decode(text: &str, plus_is_space: bool) -> Result<Vec<u8>, DecodeProblem> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'%' => {
                let high = bytes.get(index + 1).and_then(|b| hex(*b));
                let low = bytes.get(index + 2).and_then(|b| hex(*b));
                match (high, low) {
                    (Some(0), Some(0)) => {
                        out.zeroize();
                        return Err(DecodeProblem::BadEscape);
                    }
                    (Some(high), Some(low)) => out.push(high << 4 | low),
                    _ => {
                        out.zeroize();
                        return Err(DecodeProblem::BadEscape);
                    }
                }
                index += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                index += 1;
            }
            byte => {
                out.push(byte);
                index += 1;
            }
        }
    }
    Ok(out)
}

/// `text`, a slice of `url`, decoded: a span of `url` when there is
/// nothing to decode.
#[inline]
pub(crate) fn decode_text(url: &str, text: &str, plus_is_space: bool) -> Result<Text, DecodeProblem> {
    if !needs_decoding(text, plus_is_space) {
        return Ok(Text::of(url, text));
    }
    decode_owned(text, plus_is_space)
}

/// [`decode_text`] of a text holding escapes: out of line, as above.
#[cold]
#[inline(never)]
fn decode_owned(text: &str, plus_is_space: bool) -> Result<Text, DecodeProblem> {
    decode_utf8(text, plus_is_space).map(Text::owned)
}

pub(crate) fn decode_utf8(text: &str, plus_is_space: bool) -> Result<String, DecodeProblem> {
    // Nothing to decode: the text is already UTF-8, so no second check.
    if !needs_decoding(text, plus_is_space) {
        return Ok(text.to_owned());
    }
    String::from_utf8(decode(text, plus_is_space)?).map_err(|error| {
        error.into_bytes().zeroize();
        DecodeProblem::NotUtf8
    })
}

/// Whether `text` holds a `%` (or a `+` read as a space): one pass without
/// early exit, which the compiler vectorises.
fn needs_decoding(text: &str, plus_is_space: bool) -> bool {
    let plus = if plus_is_space { b'+' } else { b'%' };
    text.bytes().fold(false, |found, byte| found | (byte == b'%') | (byte == plus))
}

fn hex(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Where each server URL of a list starts: `s://a:1,s://b:2` (as Heroku's
/// `KAFKA_URL` and nats.go write a cluster) gives `[0, 10]`; a text that is
/// not such a list gives `[0]`. A `,` starts a server only when a scheme
/// and `://` follow it and the URL before it has ended its userinfo (holds
/// an `@`) or has none, so a password holding `,x://` is not cut.
pub(crate) fn server_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut search = text.find("://").map_or(text.len(), |at| at + 3);
    while let Some(offset) = text[search..].find(',') {
        let comma = search + offset;
        let next = &text[comma + 1..];
        let scheme_len =
            next.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')).count();
        if scheme_len > 0 && next[scheme_len..].starts_with("://") {
            starts.push(comma + 1);
            search = comma + 1 + scheme_len + 3;
        } else {
            search = comma + 1;
        }
    }
    starts
}

/// The server URLs of `text`, each without the `,` that ends it (the
/// whole text when it is not a list).
pub(crate) fn server_entries(text: &str) -> Vec<&str> {
    let starts = server_starts(text);
    let ends = starts.iter().skip(1).map(|start| start - 1).chain(std::iter::once(text.len()));
    starts.iter().zip(ends).map(|(start, end)| &text[*start..end]).collect()
}

/// A list of server URLs joined into one URL of several hosts:
/// `nats://u:p@a:1,nats://b:2` becomes `nats://u:p@a:1,b:2`, which
/// [`parse`] reads. Every server must use the first one's scheme, name no
/// path or query, and carry the first one's user info or none; `None` when
/// `text` is not a list. The joined copy holds the password: it is wiped.
pub(crate) fn join_server_list(text: &str) -> Result<Option<secrecy::zeroize::Zeroizing<String>>, ParseError> {
    let entries = server_entries(text);
    if entries.len() < 2 {
        return Ok(None);
    }
    let mut joined = secrecy::zeroize::Zeroizing::new(String::with_capacity(text.len()));
    let mut first: Option<(&str, Option<&str>)> = None;
    for (index, entry) in entries.into_iter().enumerate() {
        let (scheme, rest) = entry.split_once("://").unwrap_or((entry, ""));
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains(['/', '?', '#']) {
            return Err(ParseError::new(
                UrlPart::Path,
                format!(
                    "server {} of the list has a path or query: a list holds scheme://host:port entries",
                    index + 1
                ),
            ));
        }
        let (userinfo, host) = match rest.rfind('@') {
            Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
            None => (None, rest),
        };
        match first {
            None => {
                first = Some((scheme, userinfo));
                joined.push_str(entry.strip_suffix('/').unwrap_or(entry));
            }
            Some((first_scheme, first_userinfo)) => {
                if !scheme.eq_ignore_ascii_case(first_scheme) {
                    return Err(ParseError::new(
                        UrlPart::Scheme,
                        format!(
                            "server {} of the list uses another scheme than the first: one list, one scheme",
                            index + 1
                        ),
                    ));
                }
                if userinfo.is_some() && userinfo != first_userinfo {
                    return Err(ParseError::new(
                        UrlPart::UserInfo,
                        format!(
                            "server {} of the list has other credentials than the first: the client logs in to every server with one",
                            index + 1
                        ),
                    ));
                }
                joined.push(',');
                joined.push_str(host);
            }
        }
    }
    Ok(Some(joined))
}

/// `text` with the user info of every server of a list masked: a password
/// as `***`, and (`token_alone`) a user name without a password too, as
/// NATS reads it as a token. Only for a text that parsed as a list.
pub(crate) fn mask_server_list(text: &str, token_alone: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, entry) in server_entries(text).into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let Some((scheme, rest)) = entry.split_once("://") else {
            out.push_str(entry);
            continue;
        };
        out.push_str(scheme);
        out.push_str("://");
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        match rest[..authority_end].rfind('@') {
            Some(at) => {
                let userinfo = &rest[..at];
                match userinfo.split_once(':') {
                    Some((user, _)) => {
                        out.push_str(user);
                        out.push(':');
                        out.push_str(crate::disclosure::MASK);
                    }
                    None if token_alone => out.push_str(crate::disclosure::MASK),
                    None => out.push_str(userinfo),
                }
                out.push_str(&rest[at..]);
            }
            None => out.push_str(rest),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_decoded_host_holding_what_no_host_holds_is_refused_by_its_code_point() {
        use super::{UrlPart, check_decoded_host};
        let said = |host: &str| check_decoded_host(host, UrlPart::Host).map_err(|error| error.to_string());
        for taken in ["db.internal", "db-1_x~y", "bücher.example", "a!$&'()*+;=b", "xn--ls8h.la", "\u{2764}\u{fe0f}"] {
            assert_eq!(said(taken), Ok(()), "{taken:?}");
        }
        // A socket path may hold a space, and any punctuation.
        assert_eq!(said("/home/me/pg sockets/#1:<x>"), Ok(()));
        for (host, message) in [
            ("h\nevil", "the host name holds a control character (U+000A)"),
            ("h\u{85}x", "the host name holds a control character (U+0085)"),
            ("/run/pg\u{1b}[2J", "the socket path holds a control character (U+001B)"),
            ("/run/\u{2028}pg", "the socket path holds a line or paragraph separator (U+2028)"),
            ("pay\u{202e}moc", "the host name holds an invisible character (U+202E)"),
            ("a\u{3164}b", "the host name holds an invisible character (U+3164)"),
            ("a b", "the host name holds whitespace (U+0020)"),
            ("a\u{a0}b", "the host name holds whitespace (U+00A0)"),
            ("a|b", "the host name holds '|'"),
            ("::1", "the host name holds ':'"),
        ] {
            let error = said(host).expect_err(host);
            assert!(error.starts_with("once percent-decoded, ") && error.contains(message), "{host:?}: {error}");
            // Nothing of the host is quoted.
            assert!(!error.contains(host), "{error}");
        }
    }

    #[test]
    fn debug_of_a_decoded_part_does_not_print_it() {
        let password = super::Text::Decoded(Box::new("p@ss-w0rd".to_owned().into()));
        let query = super::Query::Many(vec![(super::Text::Span(0, 8), password)]);
        let shown = format!("{query:?}");
        assert!(!shown.contains("p@ss-w0rd"), "{shown}");
        assert_eq!(shown, "Many([(Span(0, 8), Decoded(<9 bytes>))])");
    }

    #[test]
    fn a_query_error_masks_a_password_it_would_quote() {
        // Found by the parse_redis fuzz target: a socket URL whose query
        // holds a whole URL with its credentials.
        let url = "redis+unix:/run/redis.sock?ss://_d:s3cretpassw0rd@host";
        let error = url.parse::<super::super::RedisUrl>().unwrap_err();
        assert_eq!(error.part(), UrlPart::Query);
        assert!(!error.to_string().contains("s3cretpassw0rd"), "{error}");
        // Cut after masking: a long one loses no more than its tail.
        let long = format!("redis+unix:/run/redis.sock?x://u:{}@h", "p".repeat(60));
        let error = long.parse::<super::super::RedisUrl>().unwrap_err();
        assert!(!error.to_string().contains("ppppp"), "{error}");
        // The same for a checked value (`sslmode`, `protocol`, a number).
        for url in [
            "postgres://db/app?sslmode=x://u:s3cretpassw0rd@h",
            "postgres://db/app?connect_timeout=x://u:s3cretpassw0rd@h",
            "redis://cache?protocol=x://u:s3cretpassw0rd@h",
        ] {
            let error = if url.starts_with("postgres") {
                url.parse::<super::super::PostgresUrl>().unwrap_err()
            } else {
                url.parse::<super::super::RedisUrl>().unwrap_err()
            };
            assert_eq!(error.part(), UrlPart::Query, "{url}: {error}");
            assert!(!error.to_string().contains("s3cretpassw0rd"), "{url}: {error}");
        }
    }

    #[test]
    fn word_searches_find_what_the_byte_loops_find() {
        // Every length up to three words, every position of the sought
        // bytes, and their neighbours (0x01 above, 0x80 and 0xff beside).
        let fillers = [b'a', 0x01, 0x3f, 0x41, 0x80, 0xff, 0x00];
        for len in 0..24 {
            for filler in fillers {
                for first in 0..=len {
                    for second in first..=len {
                        let mut bytes = vec![filler; len];
                        if first < len {
                            bytes[first] = b'@';
                        }
                        if second < len {
                            bytes[second] = b'?';
                        }
                        let expected_first = bytes.iter().position(|b| *b == b'@' || *b == b'?');
                        assert_eq!(first_of(&bytes, b'@', b'?'), expected_first, "{bytes:?}");
                        assert_eq!(first_of(&bytes, b'?', b'?'), bytes.iter().position(|b| *b == b'?'), "{bytes:?}");
                        assert_eq!(last_of(&bytes, b'@'), bytes.iter().rposition(|b| *b == b'@'), "{bytes:?}");
                        assert_eq!(last_of(&bytes, b'?'), bytes.iter().rposition(|b| *b == b'?'), "{bytes:?}");
                    }
                }
            }
        }
        let text = "postgres://user:pa@ss@db.internal:5432/app?sslmode=require";
        assert_eq!(find_byte(text, b'?'), text.find('?'));
        assert_eq!(last_of(text.as_bytes(), b'@'), text.rfind('@'));
    }

    #[test]
    fn a_known_scheme_read_in_place_is_what_the_full_check_gives() {
        let rules = [&super::super::postgres::RULES, &super::super::redis::TCP_RULES];
        let inputs = [
            "postgres://db",
            "postgresql://db",
            "postgres:",
            "postgresql:x",
            "postgres://",
            "redis://c",
            "rediss://c",
            "POSTGRES://db",
            "Postgresql://db",
            "postgresx://db",
            "postgre://db",
            "redis:",
            "redisx://c",
        ];
        for rules in rules {
            for input in inputs {
                let present = check_whole(input).unwrap();
                let fast = scheme_and_bytes(input, rules, "T");
                let full = scheme_checked(input, rules, "T", present);
                assert_eq!(fast, full, "{input}");
            }
        }
    }

    use super::*;

    #[test]
    fn a_part_is_a_span_of_its_url_and_a_copy_of_any_other_text() {
        let url = "postgres://app@db/x";
        let user = Text::of(url, &url[11..14]);
        assert_eq!(user, Text::Span(11, 14));
        assert_eq!(user.get(url), "app");
        let other = String::from("app");
        let copied = Text::of(url, &other);
        assert!(matches!(copied, Text::Decoded(_)));
        assert_eq!(copied.get(""), "app");
        // A span read in a shorter text is empty, never a panic.
        assert_eq!(user.get("post"), "");
        assert_eq!(Text::Span(1, 2).get("é"), "");
    }

    #[test]
    fn decoding_copies_only_what_changes() {
        let url = "redis://u%40x:p@h/?a=b%20c&d=e";
        let parts = parse(url, &RULES_FOR_TESTS, "Test").unwrap();
        assert!(matches!(parts.username, Some(Text::Decoded(_))));
        assert_eq!(parts.username(), Some("u@x"));
        let query: Vec<_> = parts.query().collect();
        assert_eq!(query, [("a", "b c"), ("d", "e")]);
        assert!(matches!(parts.query.texts(1), Some((Text::Span(..), Text::Span(..)))));
        let kept = parts.keep_detached();
        let Query::Many(pairs) = &kept.query else { panic!("{:?}", kept.query) };
        assert!(pairs.iter().all(|(key, value)| matches!((key, value), (Text::Decoded(_), Text::Decoded(_)))));
        let detached: Vec<_> = kept.query.iter("").collect();
        assert_eq!(detached, [("a", "b c"), ("d", "e")]);
    }

    #[test]
    fn a_url_without_escapes_reads_its_parts_as_they_stand() {
        // No '%' (nor '+' where it is a space) anywhere: no part is scanned
        // for one, and every part is a span.
        let plain = parse("redis://h/db?a=b&c=d", &RULES_FOR_TESTS, "Test").unwrap();
        assert!(!plain.escapes);
        assert!(matches!(plain.path_segment("db").unwrap(), Some(Text::Span(..))));
        assert!(matches!(plain.query.texts(1), Some((Text::Span(..), Text::Span(..)))));
        // One '%' anywhere (here in the user info) and every part is read
        // for escapes again, with the same result for the plain ones.
        let escaped = parse("redis://u%40x@h/d%62?a=b%20c&c=d", &RULES_FOR_TESTS, "Test").unwrap();
        assert!(escaped.escapes);
        assert_eq!(escaped.path_segment("db").unwrap().map(|db| db.get(escaped.raw).to_owned()).as_deref(), Some("db"));
        assert_eq!(escaped.query().collect::<Vec<_>>(), [("a", "b c"), ("c", "d")]);
        // A '+' is a space only where the rules say so, and only then
        // sends the query the long way.
        let form = Rules { plus_is_space: true, ..RULES_FOR_TESTS };
        assert_eq!(parse("redis://h/?a=b+c", &form, "Test").unwrap().query().collect::<Vec<_>>(), [("a", "b c")]);
        assert_eq!(
            parse("redis://h/?a=b+c", &RULES_FOR_TESTS, "Test").unwrap().query().collect::<Vec<_>>(),
            [("a", "b+c")]
        );
    }

    #[test]
    fn one_pair_is_held_as_spans_and_read_as_a_list_would_be() {
        let url = "redis://h/db?sslmode=require";
        let parts = parse(url, &RULES_FOR_TESTS, "Test").unwrap();
        assert!(matches!(parts.query, Query::One { .. }));
        assert_eq!(parts.query().collect::<Vec<_>>(), [("sslmode", "require")]);
        assert_eq!(parts.query_value("sslmode"), Some("require"));
        assert_eq!(parts.query_text("sslmode").map(|text| text.get(url).to_owned()).as_deref(), Some("require"));
        assert_eq!(parts.query_value("user"), None);
        // A pair that decodes is a list of its own copies.
        let decoded = "redis://h/db?name=a%20b";
        let parts = parse(decoded, &RULES_FOR_TESTS, "Test").unwrap();
        assert!(matches!(parts.query, Query::Many(_)));
        assert_eq!(parts.query_value("name"), Some("a b"));
        // Detached, the one pair stands on its own.
        let kept = parse(url, &RULES_FOR_TESTS, "Test").unwrap().keep_detached();
        assert_eq!(kept.query.iter("").collect::<Vec<_>>(), [("sslmode", "require")]);
        // An empty pair (`&` twice) is skipped, as in a longer query.
        let parts = parse("redis://h/db?&a=1&", &RULES_FOR_TESTS, "Test").unwrap();
        assert_eq!(parts.query().collect::<Vec<_>>(), [("a", "1")]);
        let parts = parse("redis://h/db?", &RULES_FOR_TESTS, "Test").unwrap();
        assert!(parts.query.is_empty());
    }

    #[test]
    fn hosts_hold_one_inline_and_grow_into_a_list() {
        let host = |name: &str| HostPort { host: name.into(), port: Some(1), explicit_port: true };
        let mut hosts = Hosts::None;
        assert!(hosts.is_empty());
        hosts.push(host("a"));
        assert!(matches!(hosts, Hosts::One(_)));
        hosts.push(host("b"));
        hosts.push(host("c"));
        let names: Vec<_> = hosts.iter().map(HostPort::host).collect();
        assert_eq!(names, ["a", "b", "c"]);
        hosts[1].port = Some(2);
        assert_eq!(hosts[1].port(), Some(2));
        assert!(matches!(Hosts::from(vec![host("x")]), Hosts::One(_)));
        hosts.clear();
        assert_eq!(hosts.len(), 0);
    }

    const RULES_FOR_TESTS: Rules = Rules {
        repeated_keys: RepeatedKeys::Accepted,
        schemes: &["redis"],
        default_port: |_| Some(6379),
        multi_host: false,
        host_optional: false,
        plus_is_space: false,
        at_in_path_is_error: false,
        keeps_empty_username: false,
        query_keys_ignore_case: false,
        scheme_case_sensitive: false,
        host_escapes: HostEscapes::No,
        query_flags: false,
    };

    #[test]
    fn bytes_present_finds_each_class() {
        assert_eq!(bytes_present("postgres://db/app"), 0);
        assert_eq!(bytes_present("a#b"), HASH);
        assert_eq!(bytes_present("u@h,%2F"), AT | COMMA | PERCENT);
        assert_eq!(bytes_present("a b"), NOT_GRAPHIC);
        assert_eq!(bytes_present("a+b"), PLUS);
        assert_eq!(bytes_present("é\u{7f}"), NOT_GRAPHIC);
        assert_eq!(bytes_present(""), 0);
        assert_eq!(split_at_byte("k=v=w", b'='), Some(("k", "v=w")));
        assert_eq!(split_at_byte("é=ü", b'='), Some(("é", "ü")));
        assert_eq!(split_at_byte("kv", b'='), None);
        let host_name = |byte: u8| BYTE_CLASS[usize::from(byte)] & HOST_NAME != 0;
        assert!(b"azAZ09.-".iter().all(|byte| host_name(*byte)));
        assert!(!b"_%~:@[]/ \x7f\xc3".iter().any(|byte| host_name(*byte)));
    }

    #[test]
    fn strict_percent_decoding() {
        assert_eq!(decode("a%20b", false), Ok(b"a b".to_vec()));
        assert_eq!(decode("a+b", true), Ok(b"a b".to_vec()));
        assert_eq!(decode("a+b", false), Ok(b"a+b".to_vec()));
        assert_eq!(decode("%2f%2F", false), Ok(b"//".to_vec()));
        assert_eq!(decode("%", false), Err(DecodeProblem::BadEscape));
        assert_eq!(decode("%4", false), Err(DecodeProblem::BadEscape));
        assert_eq!(decode("%zz", false), Err(DecodeProblem::BadEscape));
        assert_eq!(decode("a%00b", false), Err(DecodeProblem::BadEscape));
        assert_eq!(decode_utf8("%C3%28", false), Err(DecodeProblem::NotUtf8));
    }

    #[test]
    fn server_lists() {
        assert_eq!(server_starts("nats://a,nats://b"), [0, 9]);
        assert_eq!(server_starts("nats://a,b"), [0]);
        assert_eq!(server_starts("kafka+ssl://a:1,kafka+ssl://b:2,kafka+ssl://c:3").len(), 3);
        let joined = join_server_list("nats://u:p@a:1,nats://b:2,NATS://u:p@c").unwrap().unwrap();
        assert_eq!(joined.as_str(), "nats://u:p@a:1,b:2,c");
        assert!(join_server_list("nats://a,nats://b").unwrap().is_some());
        assert!(join_server_list("nats://a").unwrap().is_none());
        assert_eq!(join_server_list("nats://a,tls://b").unwrap_err().part(), UrlPart::Scheme);
        assert_eq!(join_server_list("nats://u:p@a,nats://v:q@b").unwrap_err().part(), UrlPart::UserInfo);
        assert_eq!(join_server_list("nats://a/x,nats://b").unwrap_err().part(), UrlPart::Path);
        let error = join_server_list("nats://u:s3cr3t@a,nats://u:hunter2@b").unwrap_err().to_string();
        assert!(!error.contains("s3cr3t") && !error.contains("hunter2"), "{error}");
        assert_eq!(mask_server_list("nats://t@a,nats://t@b", true), "nats://***@a,nats://***@b");
        assert_eq!(mask_server_list("nats://u:p@a,nats://b", true), "nats://u:***@a,nats://b");
        assert_eq!(mask_server_list("kafka://u@a,kafka://u@b", false), "kafka://u@a,kafka://u@b");
    }

    #[test]
    fn ports() {
        assert_eq!(parse_port("5432", ""), Ok(5432));
        assert_eq!(parse_port("65535", ""), Ok(65535));
        assert_eq!(parse_port("65536", "").unwrap_err().to_string(), "port 65536 is out of range (1-65535)");
        assert_eq!(parse_port("99999999999", "").unwrap_err().part(), UrlPart::Port);
        assert_eq!(parse_port("0", "").unwrap_err().to_string(), "port 0 is not a port a server listens on");
        assert_eq!(parse_port("-1", "").unwrap_err().to_string(), "the port \"-1\" is not a number");
        // A password split at an unencoded '/' is not shown.
        let error = parse_port("hunter", "2@host/db").unwrap_err().to_string();
        assert!(!error.contains("hunter") && error.contains("%2F"), "{error}");
    }
}
