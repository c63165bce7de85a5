//! `VcapServices::from_json`: no panic; every name it provides is one a
//! shell can carry; an error quotes no credential.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| twelve_config_fuzz::check_vcap(data));
