//! One pass over the process environment for every variable a config reads.
//!
//! `std::env::var_os` is a `getenv`: a scan of the whole environment per
//! variable. A config of 30 fields in an environment of 90 variables spends
//! most of its load in those 30 scans. The derive knows the names its config
//! reads at compile time, sorted by length then bytes; [`Snapshot::capture`]
//! walks the environment once, finds each entry's name among them by binary
//! search (comparing lengths first, so most steps compare no bytes), and
//! copies the values it wants. The loader then takes them by index.
//!
//! This is the crate's only `unsafe` code: reading `environ`, the C
//! runtime's array of `NAME=value` strings, as `getenv` does. Where there is
//! no such array to read (Windows, Apple targets, WASI), `capture` answers
//! `None` and the loader asks `std::env::var_os` per variable.

use std::cmp::Ordering;
use std::ffi::OsString;

use secrecy::zeroize::Zeroize;

/// The values of a config's variables, copied from the process environment
/// in one pass. Built by [`Env`](crate::Env); not a stable API.
#[derive(Debug)]
pub struct Snapshot {
    slots: Vec<Slot>,
}

#[derive(Debug)]
enum Slot {
    /// Not in the environment.
    Unset,
    /// Its value, bytes as the environment holds them.
    Set(Vec<u8>),
    /// Handed out already: a second read asks the source again.
    Taken,
}

impl Snapshot {
    /// The values of `names` (in [`order`], no duplicates), or `None`
    /// where the environment cannot be read in one pass.
    pub(crate) fn capture(names: &[&str]) -> Option<Self> {
        debug_assert!(names.is_sorted_by(|a, b| order(a.as_bytes(), b.as_bytes()).is_le()), "sorted by the derive");
        let mut slots: Vec<Slot> = names.iter().map(|_| Slot::Unset).collect();
        // Nearly every variable of an environment is someone else's: a
        // table of first bytes turns most of them away at one load.
        let mut first_bytes = [false; 256];
        for name in names {
            if let Some(&byte) = name.as_bytes().first() {
                first_bytes[usize::from(byte)] = true;
            }
        }
        let complete = environ::for_each(
            |first| first_bytes[usize::from(first)],
            |entry| {
                // `NAME=value`: the name ends at the first `=`, as `getenv`
                // reads it; an entry without one names nothing.
                let Some(equals) = entry.iter().position(|&byte| byte == b'=') else { return };
                let (name, value) = (&entry[..equals], &entry[equals + 1..]);
                if !name.is_empty()
                    && let Ok(index) = names.binary_search_by(|probe| order(probe.as_bytes(), name))
                    // The first of two entries with one name wins, as in `getenv`.
                    && let slot @ Slot::Unset = &mut slots[index]
                {
                    *slot = Slot::Set(value.to_vec());
                }
            },
        );
        complete.then_some(Self { slots })
    }

    /// The value of the name at `index` in the captured list: `Some(None)`
    /// when unset, `None` when it was handed out already (or the index is
    /// not the snapshot's) and must be read from the source.
    pub(crate) fn take(&mut self, index: usize) -> Option<Option<OsString>> {
        let slot = self.slots.get_mut(index)?;
        match std::mem::replace(slot, Slot::Taken) {
            Slot::Unset => {
                *slot = Slot::Unset;
                Some(None)
            }
            Slot::Set(value) => Some(Some(environ::os_string(value))),
            Slot::Taken => None,
        }
    }
}

impl Drop for Snapshot {
    /// A value no field took (a field the load never reached) may be a
    /// secret: it is wiped.
    fn drop(&mut self) {
        for slot in &mut self.slots {
            if let Slot::Set(value) = slot {
                value.zeroize();
            }
        }
    }
}

/// The order of the derive's list of names: shorter first, then by bytes.
/// The derive sorts by the same rule (`twelve-config-derive`'s `Names`).
pub(crate) fn order(a: &[u8], b: &[u8]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

#[cfg(all(unix, not(target_vendor = "apple")))]
#[allow(unsafe_code)]
mod environ {
    use std::ffi::{CStr, OsString, c_char};
    use std::os::unix::ffi::OsStringExt;

    unsafe extern "C" {
        /// POSIX's `extern char **environ`: a null-terminated array of
        /// null-terminated `NAME=value` strings, as std reads it.
        static mut environ: *const *const c_char;
    }

    /// Calls `each` with every entry of the environment whose first byte
    /// `wanted` accepts, in order. Always complete here.
    pub(super) fn for_each(wanted: impl Fn(u8) -> bool, mut each: impl FnMut(&[u8])) -> bool {
        // SAFETY: `environ` is the C runtime's; reading it races only with
        // a change to the environment from another thread, which the
        // contract of `std::env::set_var` and `remove_var` (unsafe since
        // Rust 2024) rules out: no thread may change the environment while
        // another reads it, through std or through `getenv`. The array ends
        // with a null pointer; each entry is a C string; nothing here runs
        // code that could change the environment while the walk goes on.
        unsafe {
            let mut entry = (&raw const environ).read();
            if entry.is_null() {
                return true;
            }
            while !(*entry).is_null() {
                let text = *entry;
                // Every C string holds at least its terminating NUL.
                if wanted(text.cast::<u8>().read()) {
                    each(CStr::from_ptr(text).to_bytes());
                }
                entry = entry.add(1);
            }
        }
        true
    }

    pub(super) fn os_string(bytes: Vec<u8>) -> OsString {
        OsString::from_vec(bytes)
    }
}

#[cfg(not(all(unix, not(target_vendor = "apple"))))]
mod environ {
    use std::ffi::OsString;

    /// No one-pass reading here: the loader asks for each variable.
    pub(super) fn for_each(_wanted: impl Fn(u8) -> bool, _each: impl FnMut(&[u8])) -> bool {
        false
    }

    pub(super) fn os_string(_bytes: Vec<u8>) -> OsString {
        unreachable!("no snapshot is captured on this platform")
    }
}

#[cfg(all(test, unix, not(target_vendor = "apple")))]
mod tests {
    use super::*;

    /// Tests never change the environment: they compare the snapshot with
    /// `var_os` on the variables this process was started with.
    #[test]
    fn agrees_with_var_os_on_this_process_environment() {
        let mut names: Vec<String> = std::env::vars_os().filter_map(|(name, _)| name.into_string().ok()).collect();
        names.extend(["", "NOT_SET_TWELVE_CONFIG_SNAPSHOT", "PATH_", "PAT", "\u{e9}"].map(str::to_owned));
        names.sort_by(|a, b| order(a.as_bytes(), b.as_bytes()));
        names.dedup();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut snapshot = Snapshot::capture(&names).expect("one pass works on this platform");
        for (index, name) in names.iter().enumerate() {
            let expected = if name.is_empty() { None } else { std::env::var_os(name) };
            assert_eq!(snapshot.take(index), Some(expected), "{name:?}");
        }
        assert!(names.contains(&"PATH"), "cargo test runs with PATH set");
    }

    #[test]
    fn a_value_is_handed_out_once_and_unset_stays_unset() {
        let names = ["PATH", "NOT_SET_TWELVE_CONFIG_SNAPSHOT"];
        let mut snapshot = Snapshot::capture(&names).unwrap();
        assert_eq!(snapshot.take(0), Some(std::env::var_os("PATH")));
        assert_eq!(snapshot.take(0), None, "a second read goes to the source");
        assert_eq!(snapshot.take(1), Some(None));
        assert_eq!(snapshot.take(1), Some(None));
        assert_eq!(snapshot.take(2), None, "an index beyond the list goes to the source");
    }
}
