//! What may be shown of a value: decided once per field, asked by every
//! surface (the report, `Problem`'s `Debug`, `Loaded` and its entries,
//! both fingerprints, `vars()`, the templates and the manifests).
//!
//! Two questions, each answered here and nowhere else:
//!
//! - **Is the field secret?** [`Disclosure::of_field`], from its attribute,
//!   its type, every name it reads and its group's prefix, by the rule both
//!   crates share (`twelve_config_names::is_secret_field`). A secret's
//!   value is never shown.
//! - **What of a non-secret value may be shown?** [`mask`]: only what is
//!   proven to hold no credential. A URL's user information is hidden
//!   however its scheme and slashes are written, a query's credential
//!   value to the end of the query, a JSON value's credential-named
//!   members at any depth and every URL in its strings, a map's items
//!   under credential keys (`Authorization`, `Cookie`, `X-Api-Key`, ...).
//!   What was hidden is kept aside ([`Masked::hidden`]) so that a parser's
//!   or a rule's message about the value can be masked by the same spans,
//!   and so that the keyed fingerprint can still tell it apart.

use secrecy::zeroize::Zeroize;

/// The mask that replaces what is not shown.
pub(crate) const MASK: &str = "***";

/// The most spans a message is searched for (see `Masked::hide_in`).
const MAX_SPANS: usize = 64;

/// How much of a field's values may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Disclosure {
    /// Nothing: the field is secret.
    Secret,
    /// What [`mask`] proves free of credentials.
    Masked,
}

impl Disclosure {
    /// The one decision for a field: secret by its attribute
    /// (`#[env(secret)]`; `secret = false` turns the name rule off), by
    /// its type, by any name it reads (its variable, `NAME_FILE`, each
    /// alias and deprecated name) or by the prefix of the group it is
    /// read under (`group_prefix`, `None` at the root and for an exact
    /// `name`).
    ///
    /// The names known at compile time were decided by the derive, with
    /// this same rule (`twelve_config_names::is_secret_field`), into
    /// `info.credential`; a nested variable is named at run time, and
    /// decided here. (`NAME_FILE` adds nothing at run time: no credential
    /// word ends in `_FILE`.)
    pub(crate) fn of_field(
        info: &crate::__private::FieldInfo,
        type_is_secret: bool,
        group_prefix: Option<&str>,
        var: &str,
    ) -> Self {
        let attribute = if info.secret_attr {
            Some(true)
        } else if info.name_rule {
            None
        } else {
            Some(false)
        };
        let names: &[&str] = if group_prefix.is_some() { &[var] } else { &[] };
        let secrecy =
            twelve_config_names::Secrecy { attribute, type_is_secret, group_prefix: group_prefix.unwrap_or(""), names };
        if info.credential || twelve_config_names::is_secret_field(secrecy) { Self::Secret } else { Self::Masked }
    }

    /// The disclosure of a value the source holds as a secret
    /// ([`Source::__provides_secret`](crate::Source::__provides_secret)) when
    /// `provided_secret`: secret, whatever the field.
    pub(crate) fn provided(self, provided_secret: bool) -> Self {
        if provided_secret { Self::Secret } else { self }
    }

    /// Whether nothing of the value may be shown.
    pub(crate) fn is_secret(self) -> bool {
        self == Self::Secret
    }

    /// The value as a report or listing shows it: masked, quoted, escaped
    /// and cut; `None` for a secret.
    pub(crate) fn value(self, text: &str) -> Option<String> {
        (!self.is_secret()).then(|| crate::report::quoted(&mask(text).shown, text.len()))
    }

    /// A value that is not Unicode, as [`value`](Self::value) shows text:
    /// invalid bytes as `\xE9`.
    pub(crate) fn bytes(self, bytes: &[u8]) -> Option<String> {
        (!self.is_secret()).then(|| shown_bytes(bytes))
    }

    /// A message a parser or a rule gave about the value `text`: for a
    /// secret, `None` (the caller says that the value was rejected, not
    /// why in the parser's words, which may quote it); otherwise the
    /// message with every part of `text` that [`mask`] hides replaced, so
    /// a message that quotes the value shows no more of it than the value
    /// itself is shown.
    pub(crate) fn reason(self, reason: &str, text: &str) -> Option<String> {
        if self.is_secret() {
            return None;
        }
        let masked = mask(text);
        // The spans are of the value with JSON's escapes decoded: so is the
        // message, before they are looked for in it.
        Some(crate::report::clipped_reason(&masked.hide_in(&decode_json_escapes(reason))))
    }

    /// A default as a template may write it: `None` for a secret, and for a
    /// text of which anything would be masked (a masked value written as a
    /// value would deploy `***`).
    pub(crate) fn default(self, text: &str) -> Option<String> {
        if self.is_secret() {
            return None;
        }
        let masked = mask(text);
        masked.hidden.is_empty().then(|| text.to_owned())
    }
}

/// Bytes escaped (`"caf\xE9"`), then masked as text (escaping keeps `:`,
/// `@`, `=` and `&`, so the masking finds in the escaped text what it finds
/// in the value), then cut like every value, with the full length.
pub(crate) fn shown_bytes(bytes: &[u8]) -> String {
    let mut escaped = String::new();
    for chunk in bytes.utf8_chunks() {
        escaped.extend(chunk.valid().chars().flat_map(char::escape_debug));
        for byte in chunk.invalid() {
            escaped.push_str(&format!("\\x{byte:02X}"));
        }
    }
    let masked = mask(&escaped);
    escaped.zeroize();
    crate::report::clip_escaped(&format!("\"{}\"", masked.shown), bytes.len())
}

/// What [`mask`] made of a text.
pub(crate) struct Masked {
    /// The text as it may be shown.
    pub(crate) shown: String,
    /// What was hidden, each span whole, and, for a message that may quote
    /// it differently, its percent-decoded form and its words.
    pub(crate) hidden: Vec<String>,
}

impl Drop for Masked {
    fn drop(&mut self) {
        for span in &mut self.hidden {
            span.zeroize();
        }
    }
}

impl Masked {
    /// `message` with every hidden span, and every word of one, replaced
    /// by the mask: longest first, so a span is never half replaced. A span
    /// of eight characters or more is replaced wherever it stands; a
    /// shorter one where it stands as a word of its own, so a one-letter
    /// password does not mask every letter of the message.
    fn hide_in(&self, message: &str) -> String {
        let mut spans: Vec<&str> = self.hidden.iter().map(String::as_str).filter(|span| !span.is_empty()).collect();
        spans.sort_by_key(|span| std::cmp::Reverse(span.len()));
        spans.dedup();
        // Each span is a search of the message: past a handful, a hostile
        // value would make masking its message slow; none of it is shown.
        if spans.len() > MAX_SPANS {
            return "(the message is not shown: it may quote a value of which many parts are hidden)".to_owned();
        }
        let mut out = message.to_owned();
        for span in spans {
            let anywhere = span.chars().count() >= 8;
            let mut replaced = String::with_capacity(out.len());
            let mut copied = 0;
            for (at, _) in out.match_indices(span) {
                let before = out[..at].chars().next_back();
                let after = out[at + span.len()..].chars().next();
                let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                if at >= copied && (anywhere || (bounded(before) && bounded(after))) {
                    replaced.push_str(&out[copied..at]);
                    replaced.push_str(MASK);
                    copied = at + span.len();
                }
            }
            if copied > 0 {
                replaced.push_str(&out[copied..]);
                out.zeroize();
                out = replaced;
            }
        }
        out
    }

    fn record(&mut self, span: &str) {
        if span.is_empty() {
            return;
        }
        self.hidden.push(span.to_owned());
        let decoded = percent_encoding::percent_decode_str(span).decode_utf8_lossy();
        if decoded != span {
            self.hidden.push(decoded.into_owned());
        }
        // A message may quote one part of it, as a parser splits it: the
        // password of `user:pw`, each pair of `a&b=c` and the key and value
        // of each pair after the first (`b` may be quoted as a key).
        let mut pairs = span.split(|c: char| matches!(c, ':' | '&' | ';' | ',' | '#' | '@') || c.is_whitespace());
        let first = pairs.next().into_iter().map(|first| (first, None));
        let rest = pairs.map(|pair| (pair, pair.split_once('=')));
        let mut parts = Vec::new();
        for (pair, key_value) in first.chain(rest) {
            parts.push(pair);
            if let Some((key, value)) = key_value {
                parts.extend([key, value]);
            }
        }
        for part in parts {
            if !part.is_empty() && part != span {
                self.hidden.push(part.to_owned());
            }
        }
    }
}

/// `text` with everything that may be a credential replaced by `***`.
///
/// A JSON object or array (with the `json` feature) is masked as JSON:
/// each member whose name is a credential ([`is_credential_key`]
/// (twelve_config_names::is_credential_key)) at any depth, and each string
/// masked as text, its escapes decoded first. Any other text, and JSON
/// that does not parse:
///
/// - a URL's user information: for a well-formed `scheme://user:password@`
///   the password (the user name stays: it is shown by every handle), and
///   for a token scheme (`nats://TOKEN@`, `https://TOKEN@`) the token; in
///   anything else, everything between the first `:/`, `//` or `\\` (or the
///   start) and the last `@`, whenever a `:` is in it: a mistyped URL
///   (`postgres:/u:p@h`, `u:p@h`, `https:\\u:p@h`) is not known to be a
///   URL, so the whole of what could be its user information is hidden;
/// - the value of a credential parameter: in a query (`?password=`,
///   `&client_secret=`, a percent-encoded key such as `pass%77ord=`) to
///   the end of the text, as an unencoded `&` or `#` may be part of it;
///   in a keyword list or a map (`password = 'x y'`,
///   `Authorization=Bearer x`) through its closing quote, or to the end;
/// - the value of a credential member written as JSON (`"password": "x"`)
///   through its closing quote.
///
/// JSON's `\/` and `\u0040`-style escapes are decoded before any of this,
/// so an escaped URL is found as any other.
pub(crate) fn mask(text: &str) -> Masked {
    let mut masked = Masked { shown: String::new(), hidden: Vec::new() };
    #[cfg(feature = "json")]
    if let Some(shown) = mask_json(text, &mut masked) {
        masked.shown = shown;
        return masked;
    }
    let mut decoded = decode_json_escapes(text);
    let mut userinfo = mask_userinfo(&decoded, &mut masked);
    if let std::borrow::Cow::Owned(decoded) = &mut decoded {
        decoded.zeroize();
    }
    masked.shown = mask_parameters(&userinfo, QueryValue::ToTheEnd, &mut masked);
    // What is left of the value's credentials is in the steps between.
    userinfo.zeroize();
    masked
}

/// `text` with the password of every URL in it replaced by `***`, and the
/// value of every credential parameter: the crate's one masking rule (see
/// the crate docs' Secrets section), for text of your own that a log line
/// or a message may show.
///
/// # Examples
///
/// ```
/// use twelve_config::mask_passwords;
///
/// assert_eq!(
///     mask_passwords("mysql://admin:hunter2@db.internal/app"),
///     "mysql://admin:***@db.internal/app"
/// );
/// // Mistyped, it is not known to be a URL: all user information hidden.
/// assert_eq!(mask_passwords("postgres:/admin:hunter2@db/app"), "postgres:/***@db/app");
/// assert_eq!(mask_passwords("admin:hunter2@db"), "***@db");
/// // A query's credential to the end: an unencoded `&` may be part of it.
/// assert_eq!(mask_passwords("postgres://db/app?password=hun&ter2"), "postgres://db/app?password=***");
/// assert_eq!(mask_passwords("host=db\tpassword = 'two words'"), "host=db\tpassword = ***");
/// assert_eq!(mask_passwords("Accept=json,Authorization=Bearer x"), "Accept=json,Authorization=***");
/// assert_eq!(mask_passwords("noreply@example.com"), "noreply@example.com");
/// assert_eq!(mask_passwords("not a url"), "not a url");
/// ```
pub fn mask_passwords(text: &str) -> String {
    let mut masked = mask(text);
    std::mem::take(&mut masked.shown)
}

/// A JSON value masked as JSON, or `None` when `text` is not a JSON object
/// or array.
#[cfg(feature = "json")]
fn mask_json(text: &str, masked: &mut Masked) -> Option<String> {
    let trimmed = text.trim_start();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        return None;
    }
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    mask_json_value(&mut value, masked);
    let shown = serde_json::to_string(&value).ok();
    wipe_json(&mut value);
    shown
}

#[cfg(feature = "json")]
fn mask_json_value(value: &mut serde_json::Value, masked: &mut Masked) {
    use serde_json::Value;
    match value {
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                if twelve_config_names::is_credential_key(name) {
                    let mut text = match &mut *member {
                        Value::String(text) => std::mem::take(text),
                        other => other.to_string(),
                    };
                    masked.record(&text);
                    text.zeroize();
                    wipe_json(member);
                    *member = Value::String(MASK.to_owned());
                } else {
                    mask_json_value(member, masked);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| mask_json_value(item, masked)),
        Value::String(text) => {
            let inner = mask(text);
            if !inner.hidden.is_empty() {
                for span in &inner.hidden {
                    masked.record(span);
                }
                text.zeroize();
                *text = inner.shown.clone();
            }
        }
        _ => {}
    }
}

/// Wipes every string of a JSON value.
#[cfg(feature = "json")]
fn wipe_json(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(text) => text.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(wipe_json),
        Value::Object(members) => members.values_mut().for_each(wipe_json),
        _ => {}
    }
}

/// JSON's escapes that can hide a URL's structure decoded (`\/`, and
/// `\uXXXX` for any character), everything else kept: masking then finds
/// `postgres:\/\/u:p\u0040h` as it finds `postgres://u:p@h`.
fn decode_json_escapes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("\\/") && !text.contains("\\u") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('/') {
            out.push('/');
            rest = tail;
        } else if let Some(c) = after
            .strip_prefix('u')
            .and_then(|hex| hex.get(..4))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32)
        {
            out.push(c);
            rest = &after[5..];
        } else {
            out.push('\\');
            rest = after;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Hides user information: see [`mask`].
fn mask_userinfo(text: &str, masked: &mut Masked) -> String {
    let Some(last_at) = text.rfind('@') else { return text.to_owned() };
    let (start, well_formed) = match well_formed_authority(text) {
        Some(start) if start <= last_at => (start, true),
        _ => match opener_end(&text[..last_at]) {
            // An `@` after a `:` before the opener (`a:b@c https://...`)
            // is user information too: all of it, from the start.
            Some((opener, _)) if text[..opener].contains(':') && text[..opener].contains('@') => (0, false),
            Some((_, start)) => (start, false),
            None => (0, false),
        },
    };
    let userinfo = &text[start..last_at];
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    if well_formed {
        let scheme = &text[..start - 3];
        match userinfo.find(':') {
            // `user:password`: the user name stays, unless it is not one
            // (a list of URLs, `nats://t@a,nats://t@b`, or a broken value).
            Some(colon) if !userinfo[..colon].contains(['@', '/', '\\']) => {
                out.push_str(&userinfo[..=colon]);
                masked.record(&userinfo[colon + 1..]);
                out.push_str(MASK);
            }
            Some(_) => {
                masked.record(userinfo);
                out.push_str(MASK);
            }
            // A token alone, in a scheme that takes one, when the `@` ends
            // the authority.
            None if token_scheme(scheme) && !userinfo.is_empty() && !userinfo.contains(['/', '?', '#']) => {
                masked.record(userinfo);
                out.push_str(MASK);
            }
            // A user name alone, or an `@` in a path.
            None => out.push_str(userinfo),
        }
    } else if userinfo.contains(':') || (start > 0 && !userinfo.is_empty()) {
        // Not a well-formed URL: whatever could be user information.
        masked.record(userinfo);
        out.push_str(MASK);
    } else {
        // `name@example.com`: no password can be in it.
        out.push_str(userinfo);
    }
    out.push_str(&text[last_at..]);
    out
}

/// Where a well-formed URL's authority starts: after `scheme://` at the
/// start of `text`.
fn well_formed_authority(text: &str) -> Option<usize> {
    let colon = text.find("://")?;
    let scheme = &text[..colon];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(colon + 3)
}

/// The start and the end of the first run of slashes (`/` or `\`) that
/// follows a `:` or is two long: where a mistyped URL's user information
/// would begin.
fn opener_end(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if matches!(bytes[index], b'/' | b'\\') {
            let mut end = index;
            while end < bytes.len() && matches!(bytes[end], b'/' | b'\\') {
                end += 1;
            }
            if end - index >= 2 || (index > 0 && bytes[index - 1] == b':') {
                return Some((index, end));
            }
            index = end;
        } else {
            index += 1;
        }
    }
    None
}

/// Schemes whose user information may be a token alone: NATS (`nats`,
/// `tls`, `ws`, `wss`, as nats.go and the NATS server read
/// `nats://TOKEN@host`) and HTTP (`https://TOKEN@github.com`, as git and
/// GitHub take it).
pub(crate) fn token_scheme(scheme: &str) -> bool {
    ["nats", "tls", "ws", "wss", "http", "https"].iter().any(|known| known.eq_ignore_ascii_case(scheme))
}

/// Where a credential parameter's value in a query ends.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum QueryValue {
    /// At the next `&` or `#`: for a URL a parser has read, pair by pair.
    ToTheNextPair,
    /// At the end of the text: for text no parser has read, where an
    /// unencoded `&` or `#` may be part of the value.
    ToTheEnd,
}

/// Whether a key names a credential: [`twelve_config_names::is_credential_key`]
/// after percent-decoding (`pass%77ord` is `password`).
pub(crate) fn is_credential_query_key(key: &str) -> bool {
    twelve_config_names::is_credential_key(&percent_encoding::percent_decode_str(key).decode_utf8_lossy())
}

/// Masks the values of `key=value` pairs whose key names a credential, in
/// a query string, a keyword list or a map, and of `"key": value` members
/// written as JSON.
pub(crate) fn mask_credential_parameters(text: &str, query: QueryValue) -> String {
    let mut scratch = Masked { shown: String::new(), hidden: Vec::new() };
    mask_parameters(text, query, &mut scratch)
}

fn mask_parameters(text: &str, query: QueryValue, masked: &mut Masked) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Everything up to `copied` is in `out`.
    let mut copied = 0;
    let mut index = 0;
    while let Some(offset) = text[index..].find(['=', ':']) {
        let separator = index + offset;
        index = separator + 1;
        let json = bytes[separator] == b':';
        // The key: the run of key characters before the separator, spaces
        // allowed between them (libpq: `password = x`), quoted for JSON.
        let mut key_end = separator;
        while key_end > copied && bytes[key_end - 1].is_ascii_whitespace() {
            key_end -= 1;
        }
        if json {
            // Only `"key":` is a JSON member; a URL's `:` is not.
            if key_end == copied || bytes[key_end - 1] != b'"' {
                continue;
            }
            key_end -= 1;
        }
        let mut key_start = key_end;
        while key_start > copied && is_key_byte(bytes[key_start - 1]) {
            key_start -= 1;
        }
        if json && (key_start == copied || bytes[key_start - 1] != b'"') {
            continue;
        }
        if key_start == key_end || !is_credential_query_key(&text[key_start..key_end]) {
            continue;
        }
        let in_query = !json && key_start > 0 && matches!(bytes[key_start - 1], b'?' | b'&' | b';');
        let mut value_start = separator + 1;
        if !in_query {
            while value_start < bytes.len() && bytes[value_start].is_ascii_whitespace() {
                value_start += 1;
            }
        }
        let value_end = match bytes.get(value_start) {
            Some(&quote @ (b'\'' | b'"')) if !in_query => closing_quote(bytes, value_start, quote),
            // A JSON member that is not a string: to the next `,`, `}` or `]`.
            _ if json => bytes[value_start..]
                .iter()
                .position(|byte| matches!(byte, b',' | b'}' | b']'))
                .map_or(bytes.len(), |end| value_start + end),
            // In a query (after `?`, `&` or `;`) a URL parser reads a value
            // to the next `&` or `#`, through any `;`.
            _ if in_query && query == QueryValue::ToTheNextPair => bytes[value_start..]
                .iter()
                .position(|byte| matches!(byte, b'&' | b'#'))
                .map_or(bytes.len(), |end| value_start + end),
            _ => bytes.len(),
        };
        out.push_str(&text[copied..value_start]);
        masked.record(&text[value_start..value_end]);
        out.push_str(MASK);
        copied = value_end;
        index = value_end.max(index);
    }
    out.push_str(&text[copied..]);
    out
}

/// A byte that may be part of a parameter's name (percent-escapes included).
fn is_key_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.' | b'%')
}

/// The end of a quoted value starting at `start` (past its closing quote,
/// `\` escaping), or the end of the text.
fn closing_quote(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut index = start + 1;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            byte if byte == quote => return index + 1,
            _ => index += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_user_information_by_what_is_proven() {
        let cases = [
            // Well-formed: the password, the user name shown.
            ("postgres://u:p@h/db", "postgres://u:***@h/db"),
            ("postgres://u@h/db", "postgres://u@h/db"),
            ("postgres://:p@h", "postgres://:***@h"),
            ("redis://:p%40ss@h:6379/0", "redis://:***@h:6379/0"),
            // Unencoded `@`, `/`, `#`, space, `://` in the password: hidden whole.
            ("mysql://u:p@ss@h/db", "mysql://u:***@h/db"),
            ("mysql://u:pa/ss@h/db", "mysql://u:***@h/db"),
            ("mysql://u:pa#s?s w@h/db", "mysql://u:***@h/db"),
            ("mysql://u:a://b@h/db", "mysql://u:***@h/db"),
            ("https://example.com/users/@alice", "https://example.com/users/@alice"),
            ("amqp://u:p@h/%2f", "amqp://u:***@h/%2f"),
            ("", ""),
            ("://", "://"),
            ("x://@", "x://@"),
            // A token alone in the user information of a NATS or HTTP URL.
            ("nats://s3cr3t@h:4222", "nats://***@h:4222"),
            ("TLS://s3cr3t@h", "TLS://***@h"),
            ("https://ghp_s3cr3t@github.com/o/r", "https://***@github.com/o/r"),
            // Lists of URLs: no token or password survives.
            ("nats://s3cr3t@a,nats://s3cr3t@b", "nats://***@b"),
            ("kafka+ssl://u:s3cr3t@a:9096,kafka+ssl://u:s3cr3t@b:9096", "kafka+ssl://u:***@b:9096"),
            // Not well-formed: everything that could be user information.
            ("a=x://u:p@h b=y://v:q@i", "a=x://***@i"),
            ("x=wss://s3cr3t@h/mqtt", "x=wss://***@h/mqtt"),
            ("postgres:/orders:pw@db/orders", "postgres:/***@db/orders"),
            ("postgres//orders:pw@db/orders", "postgres//***@db/orders"),
            ("postgres;//orders:pw@db", "postgres;//***@db"),
            ("orders:pw@db", "***@db"),
            ("//orders:pw@db/orders", "//***@db/orders"),
            ("postgres:orders:pw@db/orders", "***@db/orders"),
            ("https:\\\\svc:pw@api\\v1", "https:\\\\***@api\\v1"),
            ("redis:/:pw@cache", "redis:/***@cache"),
            ("s3:AKIA:pw@bucket", "***@bucket"),
            ("postgres:\\/\\/app:pw@db\\/app", "postgres://app:***@db/app"),
            ("postgres://app:pw\\u0040db/app", "postgres://app:***@db/app"),
            // No password can be in these.
            ("noreply@example.com", "noreply@example.com"),
            ("Team <ops@example.com>", "Team <ops@example.com>"),
            // An `@` after a `:` before the first `//`: from the start.
            ("a:pw@x then https://u:p@h", "***@h"),
        ];
        for (input, expected) in cases {
            assert_eq!(mask_passwords(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn masks_credential_parameters() {
        let cases = [
            ("h/db?password=p&x=1", "h/db?password=***"),
            ("h/db?x=1&token=t", "h/db?x=1&token=***"),
            ("h/db?password=hun&ter2", "h/db?password=***"),
            ("h/db?password=hun#ter2", "h/db?password=***"),
            ("host=h password=p dbname=d", "host=h password=***"),
            ("h/db?passwordless=1", "h/db?passwordless=1"),
            ("h/db?keyspace=k", "h/db?keyspace=k"),
            ("h/db?sslkey=/etc/k.pem", "h/db?sslkey=/etc/k.pem"),
            ("h/db?pass%77ord=p&x=1", "h/db?pass%77ord=***"),
            ("h/db?PASSWORD=p", "h/db?PASSWORD=***"),
            ("h?sv=2022&sig=abc%2Bdef", "h?sv=2022&sig=***"),
            ("ldap://h?bindpw=p", "ldap://h?bindpw=***"),
            ("h?a=1;password=p", "h?a=1;password=***"),
            ("password='a b \\' c' dbname=d", "password=*** dbname=d"),
            ("password=\"a b\" x=1", "password=*** x=1"),
            ("password=", "password=***"),
            // Maps and headers.
            ("Accept=json,Authorization=Bearer t,X=1", "Accept=json,Authorization=***"),
            ("X-Api-Key=k", "X-Api-Key=***"),
            ("team=core,tier=1", "team=core,tier=1"),
            // JSON written as text: a credential member through its quote.
            (r#"{"host":"db","password":"p, q"}"#, r#"{"host":"db","password":***}"#),
            (r#"{"pin": 1234, "x": 1}"#, r#"{"pin": 1234, "x": 1}"#),
            (r#"{"token": 1234, "x": 1}"#, r#"{"token": ***, "x": 1}"#),
        ];
        for (input, expected) in cases {
            assert_eq!(mask_credential_parameters(input, QueryValue::ToTheEnd), expected, "input {input:?}");
        }
        assert_eq!(mask_credential_parameters("h?password=p&x=1", QueryValue::ToTheNextPair), "h?password=***&x=1");
    }

    #[test]
    fn masking_keeps_multibyte_text_intact() {
        assert_eq!(mask_passwords("é://ü:ß@ä/ö"), "é://***@ä/ö");
        assert_eq!(mask_passwords("ü?pässword=1"), "ü?pässword=1");
    }

    #[test]
    fn a_message_is_masked_by_the_spans_of_its_value() {
        let masked = mask("postgres:/orders:Kx9hunter@db");
        assert_eq!(masked.hide_in("\"postgres:/orders:Kx9hunter@db\" is bad"), "\"postgres:/***@db\" is bad");
        assert_eq!(masked.hide_in("password Kx9hunter refused"), "password *** refused");
        let masked = mask("team");
        assert_eq!(masked.hide_in("\"team\" is not key=value"), "\"team\" is not key=value");
        let masked = mask("h?password=Kx9%40hunter");
        assert_eq!(masked.hide_in("got Kx9@hunter"), "got ***");
        // A short span only as a word of its own.
        let masked = mask("u:p@h");
        assert_eq!(masked.hide_in("the password p holds whitespace"), "the password *** holds whitespace");
        let many = mask(&format!("h?password={}", (0..100).map(|i| format!("v{i}&")).collect::<String>()));
        assert!(many.hide_in("x").starts_with("(the message is not shown"));
        let masked = mask("postgresql://host?key=key=value");
        assert_eq!(
            masked.hide_in("query parameter \"key\" holds a second '='"),
            "query parameter \"key\" holds a second '='"
        );
    }

    #[test]
    fn a_default_with_anything_masked_is_not_written() {
        assert_eq!(Disclosure::Masked.default("postgres://db/app"), Some("postgres://db/app".to_owned()));
        assert_eq!(Disclosure::Masked.default("postgres://db/app?token=t"), None);
        assert_eq!(Disclosure::Secret.default("x"), None);
    }

    #[cfg(feature = "json")]
    #[test]
    fn json_is_masked_as_json() {
        let cases = [
            (r#"{"host":"db","password":"p"}"#, r#"{"host":"db","password":"***"}"#),
            (r#"{"a":{"client_secret":{"x":1}}}"#, r#"{"a":{"client_secret":"***"}}"#),
            (r#"["postgres:\/\/app:pw@db\/app"]"#, r#"["postgres://app:***@db/app"]"#),
            (r#"["postgres://app:pw\u0040db/app"]"#, r#"["postgres://app:***@db/app"]"#),
            (r#"{"tokens_used":3}"#, r#"{"tokens_used":3}"#),
        ];
        for (input, expected) in cases {
            assert_eq!(mask_passwords(input), expected, "input {input:?}");
        }
    }
}
