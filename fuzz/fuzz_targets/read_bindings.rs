//! `ServiceBindings::from_root` on a tree built from the input (binding
//! and entry names, values): no panic; every name it provides is one a
//! shell can carry, mapped from its binding and entry; an error quotes no
//! value.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| twelve_config_fuzz::check_bindings(data));
