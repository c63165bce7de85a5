//! One pass over the process environment for every variable a config reads.
//!
//! `std::env::var_os` is a `getenv`: a scan of the whole environment per
//! variable. A config of 30 fields in an environment of 90 variables spends
//! most of its load in those 30 scans. The derive knows the names its config
//! reads at compile time, each a [`Name`] whose hash is computed then too;
//! [`Snapshot::capture`] walks the environment once, hashes each entry's
//! name while looking for its `=`, finds it in a small hash table of the
//! config's names, and copies the values it wants. The loader then takes
//! them by index.
//!
//! This is the crate's only `unsafe` code: reading `environ`, the C
//! runtime's array of `NAME=value` strings, as `getenv` does. Where there is
//! no such array to read (Windows, Apple targets, WASI), `capture` answers
//! `None` and the loader asks `std::env::var_os` per variable.

use std::ffi::OsString;

use secrecy::zeroize::Zeroize;

/// A variable name the derive knows, hashed at compile time. Not a stable
/// API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    text: &'static str,
    hash: u64,
}

impl Name {
    /// The name and its hash, in a `const` the derive writes.
    pub const fn new(text: &'static str) -> Self {
        let bytes = text.as_bytes();
        let mut hash = HASH_START;
        let mut index = 0;
        while index < bytes.len() {
            hash = hash_step(hash, bytes[index]);
            index += 1;
        }
        Self { text, hash }
    }

    /// The name.
    pub fn as_str(&self) -> &'static str {
        self.text
    }
}

/// FNV-1a, 64 bits: a byte at a time, so the scan for `=` hashes as it goes.
const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
const fn hash_step(hash: u64, byte: u8) -> u64 {
    (hash ^ byte as u64).wrapping_mul(0x0100_0000_01b3)
}

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

/// An empty bucket of the hash table.
const EMPTY: u32 = u32::MAX;

impl Snapshot {
    /// The values of `names` (no two alike), or `None` where the
    /// environment cannot be read in one pass.
    pub(crate) fn capture(names: &[Name]) -> Option<Self> {
        let mut slots: Vec<Slot> = names.iter().map(|_| Slot::Unset).collect();
        // Open addressing, at most half full: a lookup that misses meets
        // an empty bucket within a probe or two.
        let mask = (names.len() * 2).next_power_of_two().max(16) - 1;
        let mut buckets = vec![EMPTY; mask + 1];
        // Nearly every variable of an environment is someone else's: a
        // table of first bytes, then the start all the names share (the
        // config's prefix), turn most of them away before their length is
        // known.
        let mut first_bytes = [false; 256];
        let mut common: &[u8] = names.first().map_or(&[], |name| name.text.as_bytes());
        for (index, name) in names.iter().enumerate() {
            let mut bucket = name.hash as usize & mask;
            while buckets[bucket] != EMPTY {
                bucket = (bucket + 1) & mask;
            }
            buckets[bucket] = u32::try_from(index).ok()?;
            let text = name.text.as_bytes();
            if let Some(&byte) = text.first() {
                first_bytes[usize::from(byte)] = true;
            }
            let shared = common.iter().zip(text).take_while(|(a, b)| a == b).count();
            common = &common[..shared];
        }
        // An empty name is never looked up, and `=` ends a name: the start
        // all names share holds neither.
        let common = common.split(|&byte| byte == b'=' || byte == 0).next().unwrap_or_default();
        let common_hash = common.iter().fold(HASH_START, |hash, &byte| hash_step(hash, byte));
        let complete = environ::for_each(&first_bytes, common, |entry| {
            // `NAME=value`: the name ends at the first `=`, as `getenv` reads
            // it; an entry without one names nothing. The shared start is
            // hashed already.
            let mut hash = common_hash;
            let Some(equals) = entry[common.len()..].iter().position(|&byte| {
                let end = byte == b'=';
                if !end {
                    hash = hash_step(hash, byte);
                }
                end
            }) else {
                return;
            };
            let equals = common.len() + equals;
            let (name, value) = (&entry[..equals], &entry[equals + 1..]);
            let mut bucket = hash as usize & mask;
            loop {
                let index = buckets[bucket];
                if index == EMPTY {
                    return;
                }
                let candidate = &names[index as usize];
                if candidate.hash == hash && candidate.text.as_bytes() == name {
                    // The first of two entries with one name wins, as in `getenv`.
                    if let slot @ Slot::Unset = &mut slots[index as usize] {
                        *slot = Slot::Set(value.to_vec());
                    }
                    return;
                }
                bucket = (bucket + 1) & mask;
            }
        });
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
    /// is in `first_bytes` and which starts with `start` (no NUL in it), in
    /// order. Always complete here.
    pub(super) fn for_each(first_bytes: &[bool; 256], start: &[u8], mut each: impl FnMut(&[u8])) -> bool {
        debug_assert!(!start.contains(&0));
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
                let text = (*entry).cast::<u8>();
                // Every C string holds at least its terminating NUL; the
                // byte at `index` is read only when those before it matched
                // `start`, which holds no NUL, so none is read past the end.
                if first_bytes[usize::from(text.read())]
                    && (1..start.len()).all(|index| text.add(index).read() == start[index])
                {
                    each(CStr::from_ptr(text.cast()).to_bytes());
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
    pub(super) fn for_each(_first_bytes: &[bool; 256], _start: &[u8], _each: impl FnMut(&[u8])) -> bool {
        false
    }

    pub(super) fn os_string(_bytes: Vec<u8>) -> OsString {
        unreachable!("no snapshot is captured on this platform")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_hashed_as_the_scan_hashes_it() {
        let name = Name::new("APP_PORT");
        let by_steps = b"APP_PORT".iter().fold(HASH_START, |hash, &byte| hash_step(hash, byte));
        assert_eq!((name.as_str(), name.hash), ("APP_PORT", by_steps));
        // FNV-1a's published value for "a".
        assert_eq!(Name::new("a").hash, 0xaf63_dc4c_8601_ec8c);
        assert_ne!(Name::new("APP_PORT").hash, Name::new("APP_PORTS").hash);
    }
}

#[cfg(all(test, unix, not(target_vendor = "apple")))]
mod process_tests {
    use super::*;

    /// Tests never change the environment: they compare the snapshot with
    /// `var_os` on the variables this process was started with.
    #[test]
    fn agrees_with_var_os_on_this_process_environment() {
        let mut texts: Vec<String> = std::env::vars_os().filter_map(|(name, _)| name.into_string().ok()).collect();
        texts.extend(["", "NOT_SET_TWELVE_CONFIG_SNAPSHOT", "PATH_", "PAT", "\u{e9}"].map(str::to_owned));
        texts.sort();
        texts.dedup();
        // `Name` wants `'static` text, as the derive's constants are.
        let names: Vec<Name> = texts.iter().map(|text| Name::new(String::leak(text.clone()))).collect();
        let mut snapshot = Snapshot::capture(&names).expect("one pass works on this platform");
        for (index, name) in names.iter().enumerate() {
            let expected = if name.as_str().is_empty() { None } else { std::env::var_os(name.as_str()) };
            assert_eq!(snapshot.take(index), Some(expected), "{name:?}");
        }
        assert!(texts.iter().any(|text| text == "PATH"), "cargo test runs with PATH set");
    }

    #[test]
    fn a_value_is_handed_out_once_and_unset_stays_unset() {
        let names = [Name::new("PATH"), Name::new("NOT_SET_TWELVE_CONFIG_SNAPSHOT")];
        let mut snapshot = Snapshot::capture(&names).unwrap();
        assert_eq!(snapshot.take(0), Some(std::env::var_os("PATH")));
        assert_eq!(snapshot.take(0), None, "a second read goes to the source");
        assert_eq!(snapshot.take(1), Some(None));
        assert_eq!(snapshot.take(1), Some(None));
        assert_eq!(snapshot.take(2), None, "an index beyond the list goes to the source");
    }

    #[test]
    fn names_sharing_a_start_and_one_that_is_the_start() {
        let names = [Name::new("PATH"), Name::new("PAT"), Name::new("PATH_"), Name::new("PATHS")];
        let mut snapshot = Snapshot::capture(&names).unwrap();
        for (index, name) in names.iter().enumerate() {
            assert_eq!(snapshot.take(index), Some(std::env::var_os(name.as_str())), "{name:?}");
        }
    }

    #[test]
    fn many_names_fill_the_table_without_losing_one() {
        let texts: Vec<&'static str> =
            (0..1000).map(|index| &*String::leak(format!("TWELVE_CONFIG_UNSET_{index}"))).chain(["PATH"]).collect();
        let names: Vec<Name> = texts.iter().map(|text| Name::new(text)).collect();
        let mut snapshot = Snapshot::capture(&names).unwrap();
        assert_eq!(snapshot.take(1000), Some(std::env::var_os("PATH")));
        assert!((0..1000).all(|index| snapshot.take(index) == Some(None)));
    }
}
