//! JSON, masked by its structure (feature `json`), and JSON's escapes read before a text is masked.

#[cfg(feature = "json")]
use secrecy::zeroize::Zeroize;

#[cfg(feature = "json")]
use super::*;

/// A JSON value masked as JSON, or `None` when `text` is not a JSON object
/// or array.
#[cfg(feature = "json")]
pub(crate) fn mask_json(text: &str, masked: &mut Masked) -> Option<String> {
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
pub(crate) fn mask_json_value(value: &mut serde_json::Value, masked: &mut Masked) {
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
pub(crate) fn wipe_json(value: &mut serde_json::Value) {
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
pub(crate) fn decode_json_escapes(text: &str) -> std::borrow::Cow<'_, str> {
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
