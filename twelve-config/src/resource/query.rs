//! `QueryPairs`: a URL's query parameters, decoded, secrets masked in `Debug`.

use std::fmt;

use super::*;

/// The query parameters of a handle, from [`Resource::query_pairs`].
///
/// `Debug` lists the pairs still to come, as iterating yields them:
/// credential parameters left out, and never the URL they are read from,
/// which holds the password.
///
/// # Examples
///
/// ```
/// use twelve_config::resource::{PostgresUrl, Resource};
///
/// let url: PostgresUrl = "postgres://app:s3cret@db/app?sslmode=require&password=s3cret".parse().unwrap();
/// assert_eq!(format!("{:?}", url.query_pairs()), r#"QueryPairs([("sslmode", "require")])"#);
/// ```
#[derive(Clone)]
pub struct QueryPairs<'a> {
    pub(crate) query: &'a parse::Query,
    pub(crate) url: &'a str,
    pub(crate) next: usize,
}

impl fmt::Debug for QueryPairs<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("QueryPairs").field(&DebugList(self.clone())).finish()
    }
}

/// The pairs of a [`QueryPairs`] as a `Debug` list.
pub(crate) struct DebugList<'a>(QueryPairs<'a>);

impl fmt::Debug for DebugList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.clone()).finish()
    }
}

impl<'a> Iterator for QueryPairs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        while let Some(pair) = self.query.get(self.url, self.next) {
            self.next += 1;
            if !is_credential_query_key(pair.0) {
                return Some(pair);
            }
        }
        None
    }
}

pub(crate) fn query_pairs(parts: &parse::Parts) -> QueryPairs<'_> {
    use secrecy::ExposeSecret;
    QueryPairs { query: &parts.query, url: parts.raw.expose_secret(), next: 0 }
}
