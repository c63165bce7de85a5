//! The parts of a parsed URL: spans of its text, decoded where they must be.

use std::borrow::Cow;
use std::fmt;

use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

use super::*;
use crate::resource::HostPort;
use crate::secret::into_secret;

/// A part of a URL: where it stands in the URL's text when it reads as
/// written (no allocation), else its own decoded copy, wiped when dropped.
/// 16 bytes (`Option<Text>` too): the copy, rare, is boxed, and a part
/// that reads as written is two `u32`s (53 instructions a typed load,
/// BENCHMARKS.md, "What a handle holds").
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

    /// [`Self::of`] for a slice of another text.
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
/// wipe; 200 instructions a typed load, BENCHMARKS.md, "What a handle
/// holds"). A decoded password is its own copy from the start. Either way the copy is
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
    pub(crate) fn one(key: Text, value: Text) -> Query {
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
    pub(crate) fn texts(&self, index: usize) -> Option<(Text, Text)> {
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
    /// the parser to the config struct (129 instructions a typed load,
    /// BENCHMARKS.md, "What a handle holds").
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
