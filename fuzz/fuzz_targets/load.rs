//! Loading a config from arbitrary names and values: no panic; no secret
//! value in the report or in `Debug`; the report holds no raw control,
//! bidirectional or line-separator character.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| twelve_config_fuzz::check_load(data));
