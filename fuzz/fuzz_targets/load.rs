//! Loading a config from arbitrary names and values, mistyped URLs, JSON
//! and maps among them (`fuzz/load.dict`): no panic; no secret value, and
//! nothing that could be a mistyped URL's password, in any output (the
//! report, `Debug`, the effective configuration and its entries); the
//! keyless fingerprint the same whatever a secret's value; no raw control,
//! bidirectional or line-separator character in the report.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    twelve_config_fuzz::check_templates_once();
    twelve_config_fuzz::check_load(data)
});
