//! The query: its pairs, decoded, and the repeated keys a kind refuses.

use super::*;

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
pub(crate) fn query_pair(
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
