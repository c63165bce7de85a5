//! Masking by proof: what of a text may be shown, and what is hidden.

use secrecy::zeroize::Zeroize;

use super::*;

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
    pub(crate) fn hide_in(&self, message: &str) -> String {
        let mut spans: Vec<&str> = Vec::with_capacity(self.hidden.len());
        for span in &self.hidden {
            if !span.is_empty() {
                spans.push(span);
            }
        }
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

    pub(crate) fn record(&mut self, span: &str) {
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
        let mut parts = Vec::new();
        let pairs = span.split(|c: char| matches!(c, ':' | '&' | ';' | ',' | '#' | '@') || c.is_whitespace());
        for (index, pair) in pairs.enumerate() {
            parts.push(pair);
            if index > 0
                && let Some((key, value)) = pair.split_once('=')
            {
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
