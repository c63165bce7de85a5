//! The manifest checks on any text: no panic, bounded; no raw hazard in a
//! report; no `Secret`'s data shown.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| twelve_config_fuzz::check_manifest(data));
