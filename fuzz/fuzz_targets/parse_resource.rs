//! `ResourceUrl`: no panic; `expose_url` re-parses to the same parts; the
//! password never in `Display`, `Debug` or the parse error.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| twelve_config_fuzz::check_handle::<twelve_config::resource::ResourceUrl>(
    data
));
