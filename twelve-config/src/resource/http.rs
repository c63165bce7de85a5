//! HTTP services, by the WHATWG URL standard through the `url` crate.

use super::handle;
use super::parse::{self, ParseError, Parts, Rules, UrlPart};

const RULES: Rules = Rules {
    repeated_keys: parse::RepeatedKeys::Accepted,
    schemes: &["http", "https"],
    default_port: |scheme| Some(if scheme == "https" { 443 } else { 80 }),
    plus_is_space: true,
    host_escapes: super::parse::HostEscapes::Any,
    query_flags: true,
    ..Rules::DEFAULT
};

/// An HTTP service's base URL: `https://user:token@api.example.com/v1`.
///
/// It is checked by the same strict rules as the other handles (no
/// unencoded `@` or `:` in a password, ports 1 to 65535); with the cargo
/// feature `url`, also by the [WHATWG URL standard] through `url::Url`,
/// which `to_url()` hands to an HTTP client. A `#fragment` is allowed. The
/// port defaults to 80 or 443.
///
/// [WHATWG URL standard]: https://url.spec.whatwg.org/
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{HttpUrl, Resource};
///
/// let url: HttpUrl = "https://svc:t0ken@api.example.com/v1/".parse().unwrap();
/// assert_eq!((url.host(), url.port(), url.is_tls()), (Some("api.example.com"), Some(443), true));
/// assert_eq!(url.to_string(), "https://svc:***@api.example.com/v1/");
///
/// assert!("ftp://files.example.com".parse::<HttpUrl>().is_err());
/// ```
#[derive(Clone)]
pub struct HttpUrl {
    parts: Box<Parts>,
    #[cfg(feature = "url")]
    url: url::Url,
}

impl HttpUrl {
    fn parse(text: &str) -> Result<Self, ParseError> {
        let before_fragment = parse::split_at_byte(text, b'#').map_or(text, |(before, _)| before);
        let mut parts = parse::parse(before_fragment, &RULES, "HttpUrl")?;
        // WHATWG: `https://user:@host` has no password.
        parts.drop_empty_password();
        check_host(parts.hosts.first().map_or(&[][..], |host| host.host.as_bytes()))?;
        #[cfg(feature = "url")]
        let url = url::Url::parse(text)
            .map_err(|error| ParseError::new(UrlPart::Whole, format!("not a valid HTTP URL: {error}")))?;
        Ok(Self {
            parts: parts.keep(),
            #[cfg(feature = "url")]
            url,
        })
    }

    /// Whether the connection uses TLS (`https://`).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::HttpUrl;
    ///
    /// assert!(!"http://localhost:8080".parse::<HttpUrl>().unwrap().is_tls());
    /// ```
    pub fn is_tls(&self) -> bool {
        self.parts.scheme == "https"
    }

    /// The URL as a [`url::Url`], credentials included, for an HTTP client
    /// (cargo feature `url`). Mind that `url::Url`'s own `Debug` and
    /// `Display` print the password.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::HttpUrl;
    ///
    /// let url: HttpUrl = "https://api.example.com/v1/".parse().unwrap();
    /// assert_eq!(url.to_url().join("orders").unwrap().path(), "/v1/orders");
    /// ```
    #[cfg(feature = "url")]
    #[cfg_attr(docsrs, doc(cfg(feature = "url")))]
    pub fn to_url(&self) -> url::Url {
        self.url.clone()
    }
}

handle!(HttpUrl);

/// What the WHATWG URL standard refuses or rewrites in a host, checked
/// without the `url` feature too: a path (`%2Fetc`), and a host that ends
/// in a number but is not an IPv4 address in dotted decimal (`256.1.1.1`
/// is refused, `127.1` and `0x7f.1` are rewritten to `127.0.0.1`).
fn check_host(bytes: &[u8]) -> Result<(), ParseError> {
    // Bytes, not chars: every one sought is ASCII, which no other UTF-8
    // character holds.
    let special = bytes.iter().any(|byte| matches!(byte, b'/' | b'\\' | b'%' | b'@' | b':'));
    let last = last_label(bytes);
    let numeric = !last.is_empty()
        && (last.iter().all(u8::is_ascii_digit)
            || (last.len() > 1
                && last[..2].eq_ignore_ascii_case(b"0x")
                && last[2..].iter().all(u8::is_ascii_hexdigit)));
    // The common host, a name: nothing more to read (and no copy of it
    // checked to be UTF-8 again).
    if !special && !numeric {
        return Ok(());
    }
    let host = String::from_utf8_lossy(bytes);
    if special && host.parse::<std::net::Ipv6Addr>().is_err() {
        return Err(ParseError::new(
            UrlPart::Host,
            format!("{host:?} is not a host name: no host holds '/', '\\', '%', '@' or ':'"),
        ));
    }
    // Read only for a host that ends in a number.
    let dotted_decimal = || {
        host.split('.').count() == 4
            && host.split('.').all(|part| part.parse::<u8>().is_ok() && (part == "0" || !part.starts_with('0')))
    };
    if numeric && !dotted_decimal() {
        return Err(ParseError::new(
            UrlPart::Host,
            format!("{host:?} ends in a number but is not an IPv4 address in dotted decimal (a.b.c.d, each 0 to 255)"),
        ));
    }
    Ok(())
}

/// The last label of `host`, trailing dots trimmed: what
/// `host.trim_end_matches('.').rsplit('.').next()` gives, found by bytes
/// ('.' is ASCII, so every cut is at a character boundary).
fn last_label(host: &[u8]) -> &[u8] {
    let trimmed = &host[..host.iter().rposition(|byte| *byte != b'.').map_or(0, |last| last + 1)];
    &trimmed[trimmed.iter().rposition(|byte| *byte == b'.').map_or(0, |dot| dot + 1)..]
}

#[cfg(test)]
mod tests {
    use super::last_label;

    #[test]
    fn the_last_label_is_the_one_rsplit_gives() {
        let hosts = [
            "",
            ".",
            "...",
            "a",
            "a.",
            "a..",
            ".a",
            "a.b",
            "a.b.",
            "a..b",
            "1.2.3.4",
            "127.1.",
            "0x7f.1",
            "ex.com..",
            "é.ü",
            "é.",
            ".ü.",
            "xn--bcher-kva.example",
        ];
        for host in hosts {
            let expected = host.trim_end_matches('.').rsplit('.').next().unwrap_or_default();
            assert_eq!(last_label(host.as_bytes()), expected.as_bytes(), "{host:?}");
        }
    }
}
