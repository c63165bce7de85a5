//! A libpq keyword string, answered with the URL to write.

use crate::resource::parse::{ParseError, UrlPart};

/// What a URL's user, host and path may hold unencoded.
pub(crate) const URL_PART: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b':')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'@')
    .add(b'[')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A libpq keyword/value string (`host=db user=app dbname=orders`), which
/// libpq reads but no URL parser does: an error that shows the URL to
/// write, built from its host, port, user, database and `sslmode` (never
/// its password), or `None` when `text` is not one.
pub(crate) fn keyword_string(text: &str) -> Option<ParseError> {
    if text.contains("://") {
        return None;
    }
    let pairs: Vec<(&str, &str)> = text
        .split_whitespace()
        .filter_map(|word| word.split_once('='))
        .map(|(key, value)| (key, value.trim_matches('\'')))
        .collect();
    const KEYWORDS: &[&str] = &["host", "hostaddr", "port", "user", "dbname", "password", "sslmode"];
    if !pairs.iter().any(|(key, _)| KEYWORDS.contains(key)) {
        return None;
    }
    let get = |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| *value);
    let encode = |part: &str| percent_encoding::utf8_percent_encode(part, URL_PART).to_string();
    let mut url = String::from("postgres://");
    let password = get("password").is_some();
    if let Some(user) = get("user") {
        url.push_str(&encode(user));
        if password {
            url.push_str(":PASSWORD");
        }
        url.push('@');
    }
    url.push_str(&encode(get("host").unwrap_or("localhost")));
    if let Some(port) = get("port") {
        url.push(':');
        url.push_str(&encode(port));
    }
    if let Some(database) = get("dbname") {
        url.push('/');
        url.push_str(&encode(database));
    }
    if let Some(mode) = get("sslmode") {
        url.push_str("?sslmode=");
        url.push_str(&encode(mode));
    }
    let password_note = if password {
        " (the password percent-encoded in place of PASSWORD, or given apart: PGPASSWORD, or a password variable)"
    } else {
        ""
    };
    Some(ParseError::new(
        UrlPart::Whole,
        format!(
            "this is a libpq keyword string, which PostgresUrl does not read: write it as a URL, {url}{password_note}"
        ),
    ))
}
