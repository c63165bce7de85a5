//! The expansion names everything by absolute path: it compiles where the
//! user shadows the names it uses, and adds no warning.
#![deny(warnings, missing_docs, unused_qualifications)]

/// A module that shadows every name generated code could trip on.
#[allow(dead_code, non_camel_case_types)]
pub mod shadowed {
    /// Shadows `core`.
    pub mod core {}
    /// Shadows `std`.
    pub mod std {}
    /// Shadows the crate.
    pub mod twelve_config {}
    /// Shadows `Option`.
    pub struct Option;
    /// Shadows `Some`.
    pub struct Some;
    /// Shadows `None`.
    pub struct None;
    /// Shadows `Result`.
    pub struct Result;
    /// Shadows `Ok`.
    pub struct Ok;
    /// Shadows `String`.
    pub struct String;
    /// Shadows `Vec`.
    pub struct Vec;
    /// Shadows `Box`.
    pub struct Box;
    /// Shadows `Cow`.
    pub struct Cow;
    /// Shadows `Into`.
    pub trait Into {}
    /// Shadows `Debug`.
    pub struct Debug;
    /// Shadows `str`.
    pub struct str;

    /// A config using every kind of field.
    #[derive(::twelve_config::EnvConfig)]
    #[env(prefix = "H_", deny_unknown, debug, file)]
    pub struct Config {
        /// A port.
        #[env(default = 8080)]
        pub port: u16,
        /// A name.
        pub name: ::std::string::String,
        /// Maybe a number.
        pub maybe: ::std::option::Option<u8>,
        /// A list.
        #[env(split = ";", default = "1;2")]
        pub list: ::std::vec::Vec<u16>,
        /// A duration.
        #[env(default = ::std::time::Duration::ZERO)]
        pub wait: ::std::time::Duration,
        /// A secret.
        pub token: ::twelve_config::SecretString,
        /// A plain secret.
        #[env(secret, parse_with = parse_code)]
        pub code: u32,
        /// A nested struct.
        #[env(nested)]
        pub inner: Inner,
    }

    /// A nested config.
    #[derive(::twelve_config::EnvConfig, ::core::fmt::Debug)]
    pub struct Inner {
        /// A flag.
        #[env(default = false)]
        pub flag: bool,
    }

    fn parse_code(text: &::core::primitive::str) -> ::core::result::Result<u32, ::std::num::ParseIntError> {
        text.parse()
    }
}

#[test]
fn the_expansion_works_with_every_name_shadowed() {
    use twelve_config::EnvConfig;
    let config = shadowed::Config::from_vars([("H_NAME", "n"), ("H_TOKEN", "t"), ("H_CODE", "7")]).unwrap();
    assert_eq!((config.port, config.name.as_str(), config.code), (8080, "n", 7));
    assert_eq!(config.list, [1, 2]);
    let debug = format!("{config:?}");
    assert!(debug.contains("code: [REDACTED]") && !debug.contains('7'), "{debug}");
}
