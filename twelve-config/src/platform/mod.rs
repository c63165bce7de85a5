//! Sources for what a platform mounts or passes for a service, beside its
//! environment: Kubernetes service bindings ([`ServiceBindings`]), systemd
//! credentials ([`SystemdCredentials`]) and Cloud Foundry's bound services
//! ([`VcapServices`], feature `json`). Each is a [`Source`](crate::Source)
//! to layer under the environment with [`or`](crate::Source::or); each
//! value keeps its origin for the report and the effective configuration;
//! every file is read as a `NAME_FILE` secret is (without blocking, a
//! regular file only, at most 1 MiB, one trailing newline trimmed), and a
//! missing root is an empty source.

mod binding;
mod systemd;
#[cfg(feature = "json")]
mod vcap;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};

pub use binding::ServiceBindings;
pub use systemd::SystemdCredentials;
#[cfg(feature = "json")]
pub use vcap::VcapServices;

use crate::report::escape_text;
use crate::snapshot::wipe;

/// A platform's layout that cannot be read: every problem found, each with
/// the entry it is about. Never a value: an entry's content may be a
/// secret.
///
/// # Examples
///
/// ```
/// let dir = std::env::temp_dir().join(format!("twelve-config-platform-error-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("orders-db")).unwrap();
/// std::fs::write(dir.join("orders-db/host"), "db").unwrap();
/// let error = twelve_config::ServiceBindings::from_root(&dir).unwrap_err();
/// assert!(error.to_string().contains("orders-db: the binding has no `type` entry"), "{error}");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", render_problems(.what, .root, .problems))]
pub struct PlatformError {
    /// What was read: `service bindings`, `systemd credentials`, ...
    pub what: &'static str,
    /// The root directory, or the variable the JSON came from.
    pub root: PathBuf,
    /// Each problem: the entry (relative to the root) and why.
    pub problems: Vec<(String, String)>,
}

fn render_problems(what: &str, root: &Path, problems: &[(String, String)]) -> String {
    let mut out = format!("cannot read the {what} at {}:", escape_text(&root.display().to_string()));
    for (entry, why) in problems {
        out.push_str(&format!("\n  {}: {}", escape_text(entry), escape_text(why)));
    }
    out
}

/// Variables a source provides (a platform, a `.env` file), each with its
/// origin, the first definition of a name winning; values wiped when
/// dropped.
#[derive(Default)]
pub(crate) struct Provided {
    vars: BTreeMap<String, (OsString, String)>,
}

impl Provided {
    /// Adds `name` unless it is there (the first provider wins), with where
    /// it came from.
    pub(crate) fn insert(&mut self, name: String, mut value: OsString, origin: String) {
        match self.vars.entry(name) {
            std::collections::btree_map::Entry::Occupied(_) => wipe(&mut value),
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert((value, origin));
            }
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        self.vars.get(name).map(|(value, _)| Cow::Borrowed(value.as_os_str()))
    }

    pub(crate) fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
        Box::new(self.vars.keys().map(|name| Cow::Borrowed(OsStr::new(name))))
    }

    pub(crate) fn origin(&self, name: &str) -> Option<String> {
        self.vars.get(name).map(|(_, origin)| origin.clone())
    }
}

impl Drop for Provided {
    fn drop(&mut self) {
        for (value, _) in self.vars.values_mut() {
            wipe(value);
        }
    }
}

impl fmt::Debug for Provided {
    /// The names only: values may be secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.vars.keys()).finish()
    }
}

/// Sets each kind's usual variable (`DATABASE_URL`) from the one provider
/// of that kind (`origin` names it); where two or more would give it, none
/// does, each URL is wiped, and a warning names them.
fn settle_usual(
    vars: &mut Provided,
    usual: BTreeMap<&'static str, Vec<(String, OsString)>>,
    origin: impl Fn(&str) -> String,
) -> Vec<crate::Warning> {
    let mut warnings = Vec::new();
    for (variable, mut candidates) in usual {
        if candidates.len() == 1 {
            let (name, url) = candidates.remove(0);
            vars.insert(variable.to_owned(), url, origin(&name));
        } else {
            for (_, url) in &mut candidates {
                wipe(url);
            }
            warnings.push(crate::Warning::AmbiguousBinding {
                var: variable.to_owned(),
                bindings: candidates.into_iter().map(|(name, _)| name).collect(),
            });
        }
    }
    warnings
}

/// `Source` for a source holding its variables in a [`Provided`] `vars` (and
/// what it learned in `warnings`).
macro_rules! provided_source {
    ($name:ident $(, $warnings:ident)?) => {
        impl crate::Source for $name {
            fn get(&self, name: &str) -> Option<std::borrow::Cow<'_, std::ffi::OsStr>> {
                self.vars.get(name)
            }

            fn names(&self) -> Box<dyn Iterator<Item = std::borrow::Cow<'_, std::ffi::OsStr>> + '_> {
                self.vars.names()
            }

            fn origin(&self, name: &str) -> Option<String> {
                self.vars.origin(name)
            }

            $(
                fn __warnings(&self) -> Vec<crate::Warning> {
                    self.$warnings.clone()
                }
            )?
        }
    };
}
pub(crate) use provided_source;

/// A file or directory name as a variable's part: upper case, `-` and `.`
/// read as `_`; `None` when the result is not a name every format carries.
fn variable_part(name: &str) -> Option<String> {
    let part: String = name.chars().map(|c| if c == '-' || c == '.' { '_' } else { c.to_ascii_uppercase() }).collect();
    twelve_config_names::is_portable_name(&part).then_some(part)
}

/// Reads the mounted file `path`, which must stay inside `root` once its
/// symlinks are followed (Kubernetes mounts a Secret's entries as symlinks
/// into `..data`, itself a symlink to a timestamped directory beside it):
/// the bytes, one trailing newline trimmed, or why not.
fn read_mounted(root: &Path, path: &Path) -> Result<OsString, String> {
    let resolved = path.canonicalize().map_err(|error| crate::file::FileError::from(error).to_string())?;
    if !resolved.starts_with(root) {
        return Err("it is a symlink that leads outside the root".to_owned());
    }
    let mut bytes = crate::file::read_limited(&resolved).map_err(|error| error.to_string())?;
    if bytes.ends_with(b"\n") {
        bytes.pop();
        if bytes.ends_with(b"\r") {
            bytes.pop();
        }
    }
    Ok(os_string(bytes))
}

#[cfg(unix)]
fn os_string(bytes: Vec<u8>) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes)
}

#[cfg(not(unix))]
fn os_string(bytes: Vec<u8>) -> OsString {
    match String::from_utf8(bytes) {
        Ok(text) => OsString::from(text),
        Err(error) => {
            let mut bytes = error.into_bytes();
            secrecy::zeroize::Zeroize::zeroize(&mut bytes);
            OsString::from("\u{FFFD}")
        }
    }
}

/// The entries of `dir`, sorted by name (a mount's order is the file
/// system's), each as its name (lossy when it is not UTF-8, which then
/// fails [`variable_part`]) and path; `None` when `dir` does not exist.
fn entries(dir: &Path) -> Result<Option<Vec<(String, PathBuf)>>, String> {
    let read = match std::fs::read_dir(dir) {
        Ok(read) => read,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(crate::file::FileError::from(error).to_string()),
    };
    let mut out = Vec::new();
    for entry in read {
        let entry = entry.map_err(|error| crate::file::FileError::from(error).to_string())?;
        out.push((entry.file_name().to_string_lossy().into_owned(), entry.path()));
    }
    out.sort();
    Ok(Some(out))
}
