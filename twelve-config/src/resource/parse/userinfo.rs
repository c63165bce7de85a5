//! The user information: a user name and a password, decoded.

use super::*;
use crate::secret::into_secret;

/// Whether `byte` may stand unencoded in a user name or password. RFC
/// 3986: userinfo = *( unreserved / pct-encoded / sub-delims / ":" ), all
/// ASCII; here without the `:` that separates the password.
pub(crate) fn userinfo_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~%!$&'()*+,;=".contains(&byte)
}

pub(crate) type UserInfo = (Option<Text>, Option<Password>);

/// The user name and password of `userinfo`, a slice of `url`.
pub(crate) fn userinfo_parts(url: &str, userinfo: &str) -> Result<UserInfo, ParseError> {
    if let Some(plain) = plain_userinfo(url, userinfo) {
        return Ok(plain);
    }
    if userinfo.contains('@') {
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
            if password.contains(':') {
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
pub(crate) fn plain_userinfo(url: &str, userinfo: &str) -> Option<UserInfo> {
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

pub(crate) fn check_userinfo_chars(text: &str, what: &str) -> Result<(), ParseError> {
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

pub(crate) fn userinfo_error(what: &str, problem: DecodeProblem) -> ParseError {
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
