//! What every handle shares: how it is built from its text, the macros that
//! write its surface, its masked and canonical forms.

use std::fmt::Write as _;

use secrecy::SecretString;

use super::*;

/// How every handle is built: its parser reads the text borrowed, and only
/// a URL that parses keeps it, as its `raw` secret. From `&str` that is one
/// copy; from the loader's own `String` ([`from_owned`]) it is the string
/// itself, so no second copy of the password is left to free unwiped.
pub(crate) trait Handle: Sized {
    /// Parses `text`, leaving the URL itself (`Parts::raw`) empty: the
    /// parts are spans of `text`, read once `raw` holds the same text.
    fn parse_text(text: &str) -> Result<Self, ParseError>;

    /// Where the URL itself goes.
    fn raw_mut(&mut self) -> &mut SecretString;
}

/// A handle holding a copy of `text`.
// The result is filled in where it stands rather than taken apart and
// rebuilt: a handle is about 200 bytes, and every move of it is a copy.
pub(crate) fn from_text<H: Handle>(text: &str) -> Result<H, ParseError> {
    let mut parsed = H::parse_text(text);
    if let Ok(handle) = &mut parsed {
        *handle.raw_mut() = SecretString::from(text);
    }
    parsed
}

/// A handle holding `text` itself, taken; on error `text` is left in place.
#[inline]
pub(crate) fn from_owned<H: Handle>(text: &mut String) -> Result<H, ParseError> {
    let mut parsed = H::parse_text(text);
    if let Ok(handle) = &mut parsed {
        *handle.raw_mut() = crate::secret::into_secret(std::mem::take(text));
    }
    parsed
}

/// Writes how the loader and serde read a handle: from the loader's own
/// `String`, taken rather than copied.
macro_rules! handle_value {
    ($name:ident) => {
        /// `Debug` masks the password.
        impl $crate::SafeDebug for $name {}

        impl $crate::value::EnvValue for $name {
            fn parse_env(text: &str) -> Result<Self, String> {
                $crate::resource::from_text(text).map_err(|error| error.to_string())
            }

            fn parse_env_owned(text: &mut String) -> Result<Self, String> {
                $crate::resource::from_owned(text).map_err(|error| error.to_string())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::resource::ParseError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $crate::resource::from_text(text)
            }
        }

        #[cfg(feature = "serde")]
        impl ::serde_core::Serialize for $name {
            /// Serializes the masked URL: a secret never leaves through serde.
            fn serialize<S: ::serde_core::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde_core::Deserialize<'de> for $name {
            fn deserialize<D: ::serde_core::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut text = <::std::string::String as ::serde_core::Deserialize>::deserialize(deserializer)?;
                let parsed = $crate::resource::from_owned(&mut text).map_err(::serde_core::de::Error::custom);
                ::secrecy::zeroize::Zeroize::zeroize(&mut text);
                parsed
            }
        }
    };
}
pub(crate) use handle_value;

/// Writes the shared surface of a handle: how it is built, `FromStr`, a
/// masked `Display` and `Debug`, `Resource` over its `parts`, and serde
/// behind the feature.
macro_rules! handle {
    ($name:ident) => {
        $crate::resource::handle!($name, |this: &$name| $crate::resource::masked(&this.parts));
    };
    ($name:ident, $masked:expr) => {
        impl $crate::resource::Handle for $name {
            fn parse_text(text: &str) -> Result<Self, $crate::resource::ParseError> {
                Self::parse(text)
            }

            fn raw_mut(&mut self) -> &mut $crate::SecretString {
                &mut self.parts.raw
            }
        }

        $crate::resource::handle_value!($name);

        impl ::std::fmt::Display for $name {
            /// The URL as given, with its password masked as `***` and any
            /// character that would rewrite a log line (a control,
            /// bidirectional or zero-width one) written as an escape.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&$crate::report::escape_text(&($masked)(self)))
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&($masked)(self)).finish()
            }
        }

        $crate::resource::inherent_accessors!($name);

        impl $crate::resource::Resource for $name {
            fn scheme(&self) -> &str {
                &self.parts.scheme
            }

            fn hosts(&self) -> &[$crate::resource::HostPort] {
                &self.parts.hosts
            }

            fn port(&self) -> Option<u16> {
                $crate::resource::first_port(&self.parts)
            }

            fn username(&self) -> Option<&str> {
                self.parts.username()
            }

            fn password(&self) -> Option<&$crate::SecretString> {
                self.parts.password()
            }

            fn query_pairs(&self) -> $crate::resource::QueryPairs<'_> {
                $crate::resource::query_pairs(&self.parts)
            }

            fn expose_url(&self) -> $crate::SecretString {
                self.parts.raw.clone()
            }
        }
    };
}
pub(crate) use handle;

/// The [`Resource`] accessors as inherent methods of a handle, so that
/// `url.host()` needs no `use` of the trait (as `url::Url`'s own methods
/// need none); each calls the trait's.
macro_rules! inherent_accessors {
    ($name:ident) => {
        impl $name {
            /// The scheme, lowercase: [`Resource::scheme`](crate::resource::Resource::scheme).
            pub fn scheme(&self) -> &str {
                <Self as $crate::resource::Resource>::scheme(self)
            }

            /// Every host: [`Resource::hosts`](crate::resource::Resource::hosts).
            pub fn hosts(&self) -> &[$crate::resource::HostPort] {
                <Self as $crate::resource::Resource>::hosts(self)
            }

            /// The first host: [`Resource::host`](crate::resource::Resource::host).
            pub fn host(&self) -> Option<&str> {
                <Self as $crate::resource::Resource>::host(self)
            }

            /// The first host's port, explicit or the kind's default:
            /// [`Resource::port`](crate::resource::Resource::port).
            pub fn port(&self) -> Option<u16> {
                <Self as $crate::resource::Resource>::port(self)
            }

            /// The user name, percent-decoded:
            /// [`Resource::username`](crate::resource::Resource::username).
            pub fn username(&self) -> Option<&str> {
                <Self as $crate::resource::Resource>::username(self)
            }

            /// The password, percent-decoded:
            /// [`Resource::password`](crate::resource::Resource::password).
            pub fn password(&self) -> Option<&$crate::SecretString> {
                <Self as $crate::resource::Resource>::password(self)
            }

            /// The query's pairs, percent-decoded, credentials left out:
            /// [`Resource::query_pairs`](crate::resource::Resource::query_pairs).
            pub fn query_pairs(&self) -> $crate::resource::QueryPairs<'_> {
                <Self as $crate::resource::Resource>::query_pairs(self)
            }

            /// The full URL with its credentials, for a driver:
            /// [`Resource::expose_url`](crate::resource::Resource::expose_url).
            pub fn expose_url(&self) -> $crate::SecretString {
                <Self as $crate::resource::Resource>::expose_url(self)
            }
        }
    };
}
pub(crate) use inherent_accessors;

/// The URL as given, password masked.
pub(crate) fn masked(parts: &parse::Parts) -> String {
    use secrecy::ExposeSecret;
    mask_url(parts.raw.expose_secret())
}

/// A URL that parsed, with exactly its user info password (or token) and
/// its credential query values masked: the user info ends at the
/// authority's last `@`, the authority at its first `/`, `?` or `#`, so an
/// `@` in a path stays (`https://h/a@b`) and `key=value` outside the query
/// is not rewritten. (`mask_passwords`, for text that may not be a URL,
/// masks more, to be safe.)
///
/// The authority is only the one right after the scheme: a socket URL
/// (`unix:/run/redis.sock?pass=...`) has none, and a `://` further on, in
/// its path or in a query value, does not start one (read as one, the
/// query before it would be left unmasked). Without an authority, the
/// query's credentials are masked pair by pair and the text before the
/// query as any text is: each on its own, so that masking a look-alike
/// user info (`?note=a://b:c&pass=@secret`) cannot swallow a key and leave
/// its value.
pub(crate) fn mask_url(raw: &str) -> String {
    use crate::disclosure::{QueryValue, mask_credential_parameters, push_masked_userinfo, token_scheme};
    let Some((scheme, rest)) = scheme_and_authority(raw) else {
        return match raw.find('?') {
            Some(question) => {
                let mut out = crate::mask_passwords(&raw[..question]);
                out.push_str(&mask_credential_parameters(&raw[question..], QueryValue::ToTheNextPair));
                out
            }
            None => crate::mask_passwords(raw),
        };
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let mut out = String::with_capacity(raw.len());
    out.push_str(scheme);
    out.push_str("://");
    match authority.rfind('@') {
        Some(at) => {
            push_masked_userinfo(&mut out, &authority[..at], token_scheme(scheme));
            out.push_str(&authority[at..]);
        }
        None => out.push_str(authority),
    }
    match tail.find('?') {
        // From the `?`, so the first pair is read as a query pair.
        Some(question) => {
            out.push_str(&tail[..question]);
            out.push_str(&mask_credential_parameters(&tail[question..], QueryValue::ToTheNextPair));
        }
        None => out.push_str(tail),
    }
    out
}

/// `scheme://rest` split into the scheme and what follows its `//`, when
/// `raw` starts with a scheme ([`parse::is_scheme`]) followed by `://`.
pub(crate) fn scheme_and_authority(raw: &str) -> Option<(&str, &str)> {
    let colon = raw.find(':')?;
    let scheme = &raw[..colon];
    let rest = raw[colon + 1..].strip_prefix("//")?;
    parse::is_scheme(scheme).then_some((scheme, rest))
}

/// The URL as the fingerprint reads it: the scheme lowercase and a lone
/// host's default port written out, so `postgres://DB/app` and
/// `postgresql://db:5432/app` are the same service. Anything less plain
/// (several hosts, a socket, hosts named in the query) is read as given:
/// two spellings then differ, never two services agree.
pub(crate) fn canonical<R: Resource>(handle: &R) -> String {
    use secrecy::ExposeSecret;
    let url = handle.expose_url();
    let raw = url.expose_secret();
    let Some((_, rest)) = scheme_and_authority(raw) else {
        return raw.to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let (userinfo, host_text) = match authority.rfind('@') {
        Some(at) => (&authority[..=at], &authority[at + 1..]),
        None => ("", authority),
    };
    let mut out = format!("{}://{userinfo}", handle.scheme());
    match handle.hosts() {
        [only]
            if !only.has_explicit_port()
                && !only.is_socket()
                && host_text.eq_ignore_ascii_case(only.host())
                && let Some(port) = only.port() =>
        {
            let _ = write!(out, "{}:{port}", host_text.to_ascii_lowercase());
        }
        _ => out.push_str(host_text),
    }
    out.push_str(&rest[end..]);
    out
}

pub(crate) fn first_port(parts: &parse::Parts) -> Option<u16> {
    match parts.hosts.first() {
        Some(host) => host.port,
        None => parts.hosts_default_port,
    }
}
