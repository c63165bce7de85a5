//! What a `Loader` reports once every field is read: unknown variables under the prefix, near misses, service links.

use std::collections::HashSet;

use crate::suggest::meant;
use crate::{EnvConfig, Error, Problem, Var};

use super::loader::Loader;

impl<'a> Loader<'a> {
    /// The config, or every problem found.
    pub fn finish<C: EnvConfig>(mut self, config: Option<C>) -> Result<C, Error> {
        let has_missing = self.problems.iter().any(|p| matches!(p, Problem::Missing { .. }));
        // The environment is listed only on the way to an error, or when
        // asked to check it: a good load costs one lookup per variable.
        if C::__deny_unknown() || has_missing {
            let vars = C::vars();
            let unread = self.unread_names(&vars);
            let prefix = C::__prefix();
            if has_missing {
                self.hint_near_misses(prefix, &unread);
            }
            if C::__deny_unknown() {
                self.report_unknown(prefix, &vars, unread);
            }
        }
        match config {
            Some(config) if self.problems.is_empty() => Ok(config),
            _ => Err(Error::new(self.problems)),
        }
    }

    /// Whether Kubernetes sets `name` for a Service in the namespace
    /// (`<SVC>_SERVICE_HOST`, `<SVC>_SERVICE_PORT*`, `<SVC>_PORT_<n>_<PROTO>*`,
    /// and `<SVC>_PORT` holding a service link): not a typo of the config's.
    pub(crate) fn is_service_link_variable(&self, name: &str) -> bool {
        if name.ends_with("_SERVICE_HOST") || name.contains("_SERVICE_PORT") {
            return true;
        }
        if let Some((_, rest)) = name.rsplit_once("_PORT_") {
            let mut words = rest.split('_');
            let number = words.next().is_some_and(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
            let protocol = words.next().is_some_and(|proto| matches!(proto, "TCP" | "UDP" | "SCTP"));
            let tail = words.next().is_none_or(|last| matches!(last, "PROTO" | "PORT" | "ADDR"));
            if number && protocol && tail && words.next().is_none() {
                return true;
            }
        }
        name.ends_with("_PORT")
            && self.source.get(name).is_some_and(|value| {
                let link = value.to_str().is_some_and(is_service_link);
                crate::snapshot::wipe_cow(value);
                link
            })
    }

    /// Set variables (with Unicode names) that no field reads, sorted.
    pub(crate) fn unread_names(&self, vars: &[Var]) -> Vec<String> {
        let mut file_names = Vec::new();
        let mut known: HashSet<&str> = HashSet::new();
        for var in vars {
            known.insert(&var.name);
            known.extend(var.aliases.iter().map(String::as_str));
            if var.file {
                file_names.push(format!("{}_FILE", var.name));
            }
        }
        known.extend(file_names.iter().map(String::as_str));
        let mut unread = Vec::new();
        for name in self.source.names() {
            if let Some(name) = name.to_str()
                && !known.contains(name)
            {
                unread.push(name.to_owned());
            }
        }
        unread.sort_unstable();
        unread
    }

    /// A missing `APP_DATABASE_URL` with `APP_DATABSE_URL` set is a typo:
    /// say so on the missing problem.
    ///
    /// And the near misses a typo test misses: the name in another case
    /// (`app_port`), with or without the config's prefix (`ORDERS_DATABASE_URL`
    /// for an exact `name = "DATABASE_URL"`, `PORT` for `APP_PORT`), and a
    /// `_FILE` variable for a field that does not read files.
    pub(crate) fn hint_near_misses(&mut self, prefix: &str, unread: &[String]) {
        let unread: Vec<&str> = unread.iter().map(String::as_str).collect();
        // The unread name that is `name` but for its case.
        let set_in_any_case = |name: &str| unread.iter().find(|unread| unread.eq_ignore_ascii_case(name)).copied();
        for problem in &mut self.problems {
            let Problem::Missing { var, similar, hint, file_var, .. } = problem else { continue };
            if hint.is_some() {
                continue;
            }
            let file = format!("{var}_FILE");
            *hint = if let Some(name) = set_in_any_case(var) {
                Some(format!("{name} is set: variable names are case-sensitive, write {var}"))
            } else if let Some(name) = (!prefix.is_empty() && !var.starts_with(prefix))
                .then(|| set_in_any_case(&format!("{prefix}{var}")))
                .flatten()
            {
                Some(format!("{name} is set, but this field reads {var} exactly, without the prefix {prefix}"))
            } else if let Some(name) = var.strip_prefix(prefix).filter(|_| !prefix.is_empty()).and_then(set_in_any_case)
            {
                Some(format!("{name} is set: this config's variables start with {prefix}"))
            } else if file_var.is_none() && unread.contains(&file.as_str()) {
                Some(format!("{file} is set, but this field does not read files: set {var}, or add #[env(file)]"))
            } else {
                None
            };
            if hint.is_none() {
                *similar = meant(var, prefix, &unread).map(str::to_owned);
            }
        }
    }

    pub(crate) fn report_unknown(&mut self, prefix: &str, vars: &[Var], unread: Vec<String>) {
        // A typo of an alias is likelier a typo of the old name.
        let mut candidates: Vec<&str> = Vec::new();
        for var in vars {
            candidates.push(&var.name);
            candidates.extend(var.aliases.iter().map(String::as_str));
        }
        for var in unread {
            if !var.starts_with(prefix) || self.is_service_link_variable(&var) {
                continue;
            }
            // `APP_DATABASE_URL` for a field that reads `DATABASE_URL`
            // exactly: the prefix is the mistake.
            let bare = var.strip_prefix(prefix).unwrap_or(&var);
            let exact = vars.iter().any(|v| v.name == bare).then(|| bare.to_owned());
            let suggestion = exact.or_else(|| meant(&var, prefix, &candidates).map(str::to_owned));
            self.problems.push(Problem::Unknown { var, suggestion });
        }
        // A name that is not Unicode cannot be any field's: under the prefix,
        // it is reported too, its bytes escaped.
        let mut foreign = Vec::new();
        for name in self.source.names() {
            let bytes = name.as_encoded_bytes();
            if name.to_str().is_none() && bytes.starts_with(prefix.as_bytes()) {
                foreign.push(crate::disclosure::shown_bytes(bytes));
            }
        }
        foreign.sort_unstable();
        for var in foreign {
            // Quoted as a value is: the name itself holds the escapes.
            let var = var.trim_matches('"').to_owned();
            self.problems.push(Problem::Unknown { var, suggestion: None });
        }
    }
}

/// Whether `text` is a Kubernetes service link: `tcp://<address>:<port>`
/// (or `udp`, `sctp`).
pub(crate) fn is_service_link(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else { return false };
    let Some((address, port)) = rest.rsplit_once(':') else { return false };
    matches!(scheme, "tcp" | "udp" | "sctp")
        && !address.is_empty()
        && address.chars().all(|c| c.is_ascii_hexdigit() || matches!(c, '.' | ':' | '[' | ']'))
        && !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
}
