//! One pass over the process environment, for a config with many variables.
//!
//! `std::env::var_os` is a `getenv` under std's environment lock: a scan of
//! the whole environment per variable. For a config of a few dozen fields
//! that is the fastest sound read (it is what a hand-written loader does).
//! For hundreds of fields it grows as fields × environment, so a config
//! with at least [`PASS_THRESHOLD`] names the derive knows reads the
//! environment once instead, through [`std::env::vars_os`] (one snapshot
//! taken under the same lock), finds each entry's name in a small hash
//! table of the config's names (hashed at compile time, see [`Name`]), and
//! keeps the values it wants. Every other value of that copy is wiped
//! before it is freed: the environment holds other programs' secrets too.
//!
//! No unchecked code here, nor anywhere in the crate: the environment is read
//! only through std, so a load beside another thread's `set_var` is
//! memory-safe (std's lock orders them).

use std::ffi::OsString;

use secrecy::zeroize::Zeroize;

/// The fewest names for which one pass over the environment beats one
/// `var_os` each. Measured with `cargo bench -p twelve-config-benches`
/// (the "field count" series, BENCHMARKS.md): at 100 fields the pass is
/// faster by far, at 30 one lookup a field is (the pass copies every
/// entry of the environment); at 1,000 fields the pass loads in 115 µs
/// where a lookup a field takes 1.77 ms.
pub(crate) const PASS_THRESHOLD: usize = 64;

/// A variable name the derive knows, hashed at compile time. Not a stable
/// API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    text: &'static str,
    hash: u64,
}

impl Name {
    /// The name, hashed here, for the tests (the derive computes the hash
    /// as it expands: in a `const`, the compiler's evaluator takes about
    /// 0.2 ms a name).
    #[cfg(test)]
    pub const fn new(text: &'static str) -> Self {
        Self { text, hash: hash(text.as_bytes()) }
    }

    /// The name and its FNV-1a hash, which the derive computes as it
    /// expands. A debug build checks the hash where the names are used.
    pub const fn hashed(text: &'static str, hash: u64) -> Self {
        Self { text, hash }
    }

    /// The name.
    pub fn as_str(&self) -> &'static str {
        self.text
    }
}

/// FNV-1a, 64 bits: the hash the derive writes beside each name.
const fn hash(bytes: &[u8]) -> u64 {
    twelve_config_names::fnv1a(bytes)
}

/// The values of a config's variables, copied from the process environment
/// in one pass. Built by [`Env`](crate::Env); not a stable API.
pub struct Snapshot {
    slots: Vec<Slot>,
}

impl std::fmt::Debug for Snapshot {
    /// The number of slots only: values may be secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("slots", &self.slots.len()).finish_non_exhaustive()
    }
}

enum Slot {
    /// Not in the environment.
    Unset,
    /// Its value.
    Set(OsString),
    /// Handed out already: a second read asks the source again.
    Taken,
}

/// An empty bucket of the hash table.
const EMPTY: u32 = u32::MAX;

impl Snapshot {
    /// The values of `names` (no two alike), read from `entries` (the
    /// environment's `(name, value)` pairs, in order).
    pub(crate) fn capture(names: &[Name], entries: impl Iterator<Item = (OsString, OsString)>) -> Option<Self> {
        let mut slots: Vec<Slot> = names.iter().map(|_| Slot::Unset).collect();
        // Open addressing, at most half full: a lookup that misses meets
        // an empty bucket within a probe or two.
        let mask = (names.len() * 2).next_power_of_two().max(16) - 1;
        let mut buckets = vec![EMPTY; mask + 1];
        for (index, name) in names.iter().enumerate() {
            debug_assert_eq!(name.hash, hash(name.text.as_bytes()), "the derive hashed {} otherwise", name.text);
            let mut bucket = name.hash as usize & mask;
            while buckets[bucket] != EMPTY {
                bucket = (bucket + 1) & mask;
            }
            buckets[bucket] = u32::try_from(index).ok()?;
        }
        for (name, mut value) in entries {
            let name = name.as_encoded_bytes();
            let hash = hash(name);
            let mut bucket = hash as usize & mask;
            let found = loop {
                let index = buckets[bucket];
                if index == EMPTY {
                    break None;
                }
                let candidate = &names[index as usize];
                if candidate.hash == hash && candidate.text.as_bytes() == name {
                    break Some(index as usize);
                }
                bucket = (bucket + 1) & mask;
            };
            match found.and_then(|index| slots.get_mut(index)) {
                // The first of two entries with one name wins, as in `getenv`.
                Some(slot @ Slot::Unset) => *slot = Slot::Set(value),
                _ => wipe(&mut value),
            }
        }
        Some(Self { slots })
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
            Slot::Set(value) => Some(Some(value)),
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
                wipe(value);
            }
        }
    }
}

/// Zeroes a value a source handed out, when it is the caller's own copy
/// (a borrowed value is its source's to wipe).
pub(crate) fn wipe_cow(value: std::borrow::Cow<'_, std::ffi::OsStr>) {
    if let std::borrow::Cow::Owned(mut value) = value {
        wipe(&mut value);
    }
}

/// Zeroes an `OsString`'s bytes before it is freed.
pub(crate) fn wipe(value: &mut OsString) {
    let mut bytes = std::mem::take(value).into_encoded_bytes();
    bytes.zeroize();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(pairs: &[(&str, &str)]) -> impl Iterator<Item = (OsString, OsString)> {
        pairs.iter().map(|(name, value)| (OsString::from(name), OsString::from(value))).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn names_are_hashed_by_fnv_1a() {
        // FNV-1a's published test vectors; the derive's copy checks the
        // same ones.
        assert_eq!(Name::new("").hash, 0xcbf2_9ce4_8422_2325);
        assert_eq!(Name::new("a").hash, 0xaf63_dc4c_8601_ec8c);
        assert_eq!(Name::new("foobar").hash, 0x8594_4171_f739_67e8);
        assert_ne!(Name::new("APP_PORT").hash, Name::new("APP_PORTS").hash);
        assert_eq!(Name::new("APP_PORT").as_str(), "APP_PORT");
    }

    #[test]
    fn a_value_is_handed_out_once_and_unset_stays_unset() {
        let names = [Name::new("A"), Name::new("UNSET")];
        let mut snapshot = Snapshot::capture(&names, entries(&[("A", "1"), ("B", "2")])).unwrap();
        assert_eq!(snapshot.take(0), Some(Some(OsString::from("1"))));
        assert_eq!(snapshot.take(0), None, "a second read goes to the source");
        assert_eq!(snapshot.take(1), Some(None));
        assert_eq!(snapshot.take(1), Some(None));
        assert_eq!(snapshot.take(2), None, "an index beyond the list goes to the source");
    }

    #[test]
    fn the_first_of_two_entries_wins_and_prefixes_are_other_names() {
        let names = [Name::new("PATH"), Name::new("PAT"), Name::new("PATH_"), Name::new("PATHS")];
        let mut snapshot =
            Snapshot::capture(&names, entries(&[("PATH", "1"), ("PATH", "2"), ("PATH_", "3"), ("PA", "4")])).unwrap();
        let taken: Vec<_> = (0..4).map(|index| snapshot.take(index).flatten()).collect();
        assert_eq!(taken, [Some("1".into()), None, Some("3".into()), None]);
    }

    #[test]
    fn many_names_fill_the_table_without_losing_one() {
        let texts: Vec<&'static str> =
            (0..1000).map(|index| &*String::leak(format!("TWELVE_CONFIG_{index}"))).collect();
        let names: Vec<Name> = texts.iter().map(|text| Name::new(text)).collect();
        let pairs: Vec<(String, String)> =
            texts.iter().step_by(3).map(|text| (text.to_string(), format!("v{text}"))).collect();
        let iter = pairs.into_iter().map(|(name, value)| (OsString::from(name), OsString::from(value)));
        let mut snapshot = Snapshot::capture(&names, iter).unwrap();
        for (index, text) in texts.iter().enumerate() {
            let expected = (index % 3 == 0).then(|| OsString::from(format!("v{text}")));
            assert_eq!(snapshot.take(index), Some(expected), "{text}");
        }
    }

    /// Tests never change the environment: they compare the snapshot with
    /// `var_os` on the variables this process was started with.
    #[test]
    fn agrees_with_var_os_on_this_process_environment() {
        let mut texts: Vec<String> = std::env::vars_os().filter_map(|(name, _)| name.into_string().ok()).collect();
        texts.extend(["NOT_SET_TWELVE_CONFIG_SNAPSHOT", "PATH_", "PAT", "\u{e9}"].map(str::to_owned));
        texts.sort();
        texts.dedup();
        let names: Vec<Name> = texts.iter().map(|text| Name::new(String::leak(text.clone()))).collect();
        let mut snapshot = Snapshot::capture(&names, std::env::vars_os()).unwrap();
        for (index, name) in names.iter().enumerate() {
            assert_eq!(snapshot.take(index), Some(std::env::var_os(name.as_str())), "{name:?}");
        }
    }
}
