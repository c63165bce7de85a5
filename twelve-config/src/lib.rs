//! Typed configuration from the environment, for twelve-factor services:
//! every problem reported at once, secrets never shown.
//!
//! A service declares its configuration as a struct; `#[derive(EnvConfig)]`
//! writes the loader. It reads only environment variables (factor III of the
//! [twelve-factor app], a methodology for services that deploy anywhere:
//! "store config in the environment", never in files the code ships with),
//! parses every field, and on bad input reports
//! **every** missing or invalid variable in one readable report instead of
//! stopping at the first.
//!
//! ```
//! use std::time::Duration;
//! use twelve_config::{EnvConfig, SecretString};
//!
//! /// Settings of the billing service.
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "BILLING_")]
//! struct Config {
//!     /// Port the HTTP server binds.
//!     #[env(default = 8080)]
//!     port: u16,                      // BILLING_PORT
//!     /// Primary database.
//!     #[env(name = "DATABASE_URL")]
//!     database: String,               // DATABASE_URL, exactly
//!     /// Cache; caching is off when unset.
//!     redis_url: Option<String>,      // BILLING_REDIS_URL, optional
//!     /// Token for the payments API.
//!     api_token: SecretString,        // BILLING_API_TOKEN, never shown
//!     /// Allowed CORS origins.
//!     #[env(default = "")]
//!     allowed_origins: Vec<String>,   // "a.example,b.example"
//!     #[env(default = "30s")]
//!     request_timeout: Duration,
//! }
//!
//! # fn main() -> Result<(), twelve_config::Error> {
//! // In a service: `let config = Config::from_env_or_exit();`
//! let config = Config::from_vars([
//!     ("DATABASE_URL", "postgres://db.internal/billing"),
//!     ("BILLING_API_TOKEN", "tok_live_123"),
//!     ("BILLING_ALLOWED_ORIGINS", "a.example, b.example"),
//! ])?;
//! assert_eq!(config.port, 8080);
//! assert_eq!(config.allowed_origins, ["a.example", "b.example"]);
//! assert_eq!(config.request_timeout, Duration::from_secs(30));
//! assert!(!format!("{config:?}").contains("tok_live_123"));
//! # Ok(())
//! # }
//! ```
//!
//! # Loading
//!
//! [`EnvConfig`] gives every config these constructors:
//!
//! | method | reads | on bad input |
//! | --- | --- | --- |
//! | [`from_env_or_exit`](EnvConfig::from_env_or_exit) | the process environment | prints the report to stderr, exits with status 78 (`EX_CONFIG`) |
//! | [`from_env`](EnvConfig::from_env) | the process environment | returns [`Error`] |
//! | [`from_vars`](EnvConfig::from_vars) | name-value pairs (a map, an array); never the process | returns [`Error`] |
//! | [`from_source`](EnvConfig::from_source) | any [`Source`] ([`Env`], [`Vars`], your own) | returns [`Error`] |
//! | [`load`](EnvConfig::load) | any [`Source`], with warnings and the effective configuration ([`Loaded`]) | returns [`Error`] |
//!
//! Loading reads each variable once, never writes the environment, and never
//! panics: not on empty values, not on megabytes, not on control characters
//! or bytes that are not UTF-8. Tests load with `from_vars` and never touch
//! the process environment (`set_var` affects every thread of the test process).
//!
//! The process environment is read only through std, under std's own
//! lock: one [`std::env::var_os`] per variable, as a hand-written loader
//! does, or, for a config of 64 variables or more, one
//! [`std::env::vars_os`] pass, so a large config costs fields +
//! environment rather than fields × environment. Both crates are
//! `#![forbid(unsafe_code)]`: a load beside another
//! thread's `set_var` is memory-safe. `BENCHMARKS.md` in the repository
//! compares the loader with a hand-written one and with envconfig, envy,
//! figment and config-rs.
//!
//! [`vars`](EnvConfig::vars) lists what a config reads: names, types,
//! defaults, descriptions from `///` comments, and which are secret. See
//! [`Var`], and [`render`] for a generated `.env.example` and Markdown table.
//!
//! # Attributes
//!
//! On the struct:
//!
//! | attribute | meaning |
//! | --- | --- |
//! | `#[env(prefix = "APP_")]` | every variable name starts with `APP_` (capitals, digits and `_`, ending with `_`) |
//! | `#[env(deny_unknown)]` | a variable under the prefix that no field reads is a problem, with a did-you-mean (needs a prefix) |
//! | `#[env(debug)]` | writes a `Debug` that shows `[REDACTED]` for secret fields; use it *instead of* `#[derive(Debug)]` (see [Secrets](#secrets)) |
//! | `#[env(file)]` | every secret field also reads `NAME_FILE` (see [Secrets](#secrets)) |
//! | `#[env(validate = path)]` | a rule over the whole struct, `fn(&Self) -> Result<(), E>` (see [Rules and renames](#rules-and-renames)) |
//!
//! On a field:
//!
//! | attribute | meaning |
//! | --- | --- |
//! | *(none)* | the variable is the prefix plus the field name in SCREAMING_SNAKE_CASE (`api_token` → `APP_API_TOKEN`) |
//! | `name = "X"` | the variable is exactly `X`; no prefix |
//! | `default = "30s"` | when unset, parse this text exactly as if the variable held it (not on a secret field, and no password in a URL: see [Secrets](#secrets)) |
//! | `default = 8080` | when unset, this value (a literal as the field's type, which must be a type that literal can be: `default = 8080` on a `String` does not compile and says to write `default = "8080"`; any other expression converted with `Into`) |
//! | `secret` | the value is never shown (`SecretString` and `SecretBox<T>` fields are secret without it) |
//! | `secret = false` | the name only looks like a credential (`token_bucket_size`): not secret by its name |
//! | `split = ";"` | the separator of a `Vec<T>`'s items or a map's (default `,`, secret or not) |
//! | `kv_split = ":"` | between a map item's key and value (default `=`) |
//! | `json` | read the value as JSON into the field's type (feature `json`) |
//! | `parse_with = path::to::fn` | read with `fn(&str) -> Result<T, E>` (`E: Display`) instead of `FromStr`; applied to each item of a `Vec` |
//! | `nested` | the field's type derives `EnvConfig`; its variables are the prefix plus the field name plus `_`; on an `Option<T>`, an optional group |
//! | `nested = "MAIL_"` | the same, with `MAIL_` in place of the field name |
//! | `file` | when `X` is unset, `X_FILE` may name a file that holds the value (a path relative to the working directory, or absolute) |
//! | `allow_empty` | an empty value is a value (`""` for a `String`): without it, an empty variable counts as unset |
//! | `range = 1..=64` | the value (each item of a list) must lie in the range: `A..=B`, `A..B`, `A..`, `..=B`, any `PartialOrd` type |
//! | `validate = path` | `fn(&T) -> Result<(), E>` (`E: Display`) on the parsed value (the inner value of an `Option`) |
//! | `alias = "OLD"` | also read `OLD` (exactly, no prefix) when the field's own variable is unset; repeatable |
//! | `deprecated = "OLD"` | the same, and using it is a [`Warning`]: `OLD is deprecated: rename it to NEW` |
//!
//! Every misuse (an unknown key, `split` on a non-`Vec`, two fields reading
//! one variable, `name` with `nested`, a lowercase prefix, ...) is a compile
//! error at the offending tokens, and all of them are reported at once:
//!
//! ```text
//! error: unknown env attribute `defualt`: did you mean `default`?
//!  --> src/config.rs:5:11
//!   |
//! 5 |     #[env(defualt = 8080)]
//!   |           ^^^^^^^
//! ```
//!
//! ## Names, defaults and optional fields
//!
//! ```
//! use std::time::Duration;
//! use twelve_config::EnvConfig;
//!
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "APP_")]
//! struct Config {
//!     #[env(default = 8080)]
//!     port: u16,                     // APP_PORT, 8080 when unset
//!     #[env(name = "DATABASE_URL")]
//!     database: String,              // DATABASE_URL, no prefix
//!     #[env(default = "1m30s")]
//!     timeout: Duration,             // parsed as if APP_TIMEOUT=1m30s
//!     #[env(default = Duration::ZERO)]
//!     grace: Duration,               // an expression, used as the value
//!     workers: Option<u8>,           // None when unset
//! }
//!
//! let config = Config::from_vars([("DATABASE_URL", "postgres://db/app"), ("APP_WORKERS", "")]).unwrap();
//! assert_eq!(config.port, 8080);
//! assert_eq!(config.timeout, Duration::from_secs(90));
//! assert_eq!(config.grace, Duration::ZERO);
//! assert_eq!(config.workers, None); // an empty value counts as unset
//! ```
//!
//! A string default that does not parse is reported like an invalid
//! variable, marked as the program's mistake: a bad default is found the
//! first time the program runs without the variable, not in production.
//!
//! ## Lists
//!
//! ```
//! use twelve_config::EnvConfig;
//!
//! #[derive(EnvConfig, Debug)]
//! struct Config {
//!     #[env(default = "")]
//!     origins: Vec<String>,
//!     #[env(split = ";")]
//!     ports: Vec<u16>,
//! }
//!
//! let config = Config::from_vars([("ORIGINS", " a.example , b.example"), ("PORTS", "80;443")]).unwrap();
//! assert_eq!(config.origins, ["a.example", "b.example"]); // items are trimmed
//! assert_eq!(config.ports, [80, 443]);
//! assert!(Config::from_vars([("PORTS", "80")]).unwrap().origins.is_empty());
//! ```
//!
//! ## Custom parsing
//!
//! ```
//! use twelve_config::EnvConfig;
//!
//! fn percent(text: &str) -> Result<f64, String> {
//!     let number = text.strip_suffix('%').ok_or("expected a percentage such as 5%")?;
//!     number.parse::<f64>().map(|n| n / 100.0).map_err(|e| e.to_string())
//! }
//!
//! #[derive(EnvConfig, Debug)]
//! struct Config {
//!     #[env(parse_with = percent, default = "1%")]
//!     sample_rate: f64,
//! }
//!
//! assert_eq!(Config::from_vars([("SAMPLE_RATE", "50%")]).unwrap().sample_rate, 0.5);
//! let error = Config::from_vars([("SAMPLE_RATE", "0.5")]).unwrap_err();
//! assert!(error.to_string().contains("expected a percentage such as 5%"));
//! ```
//!
//! ## Nested groups
//!
//! ```
//! use twelve_config::EnvConfig;
//!
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "SHOP_")]
//! struct Config {
//!     #[env(nested)]
//!     smtp: Smtp,          // SHOP_SMTP_HOST, SHOP_SMTP_PORT
//!     #[env(nested = "FALLBACK_MAIL_")]
//!     fallback: Smtp,      // SHOP_FALLBACK_MAIL_HOST, ...
//! }
//!
//! #[derive(EnvConfig, Debug)]
//! struct Smtp {
//!     host: String,
//!     #[env(default = 587)]
//!     port: u16,
//! }
//!
//! let error = Config::from_vars([("SHOP_SMTP_PORT", "x")]).unwrap_err();
//! let vars: Vec<&str> = error.problems().iter().map(|p| p.var()).collect();
//! // The nested structs' problems join the parent's report, in order.
//! assert_eq!(vars, ["SHOP_SMTP_HOST", "SHOP_SMTP_PORT", "SHOP_FALLBACK_MAIL_HOST"]);
//! ```
//!
//! A nested struct's own `prefix` is replaced by its parent's; a `name = "X"`
//! inside it stays exactly `X`.
//!
//! ## Rules and renames
//!
//! Rules check parsed values, and each failure joins the same report as
//! missing and invalid variables:
//!
//! ```
//! use twelve_config::{EnvConfig, Problem, RuleError};
//!
//! fn even(value: &u32) -> Result<(), String> {
//!     if value % 2 == 0 { Ok(()) } else { Err("must be even".into()) }
//! }
//!
//! fn pool_fits(config: &Config) -> Result<(), RuleError> {
//!     if config.workers > config.connections {
//!         return Err(RuleError::new("workers must not exceed connections").fields(["workers", "connections"]));
//!     }
//!     Ok(())
//! }
//!
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "APP_", validate = pool_fits)]
//! struct Config {
//!     #[env(range = 1..=64, default = 4)]
//!     workers: u8,
//!     #[env(default = 10)]
//!     connections: u8,
//!     #[env(validate = even, default = 100)]
//!     batch: u32,
//! }
//!
//! let error = Config::from_vars([("APP_WORKERS", "65"), ("APP_BATCH", "7")]).unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     "\
//! 2 configuration problems (2 invalid):
//!   invalid  APP_WORKERS workers: u8 \"65\": must be in 1..=64
//!   invalid  APP_BATCH   batch: u32  \"7\": even: must be even"
//! );
//! let error = Config::from_vars([("APP_WORKERS", "20")]).unwrap_err();
//! assert!(matches!(&error.problems()[0], Problem::Rule { vars, .. } if vars == &["APP_WORKERS", "APP_CONNECTIONS"]));
//! ```
//!
//! A field rule's failure is an invalid value ([`Problem::Invalid`]); a
//! secret's value is never shown, nor a secret's validator message (it may
//! quote the value). The struct's rule runs once every field has loaded;
//! its failure is one [`Problem::Rule`], which names the variables of the
//! fields its [`RuleError`] names (any other `Display` error names none).
//!
//! Renames across deploys: `alias = "OLD"` is read when the field's own
//! variable is unset (the own variable wins, silently); two aliases set to
//! different values are a [`Problem::Conflict`] (set to the same value,
//! they agree). `deprecated = "OLD"` is the same, and using it is a
//! [`Warning`]. [`EnvConfig::load`] returns the config as a [`Loaded`],
//! with its warnings and the effective configuration, which its `Display`
//! prints, a line a variable, with where each value came from:
//!
//! ```
//! use twelve_config::{EnvConfig, Vars};
//!
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "BILLING_")]
//! struct Config {
//!     #[env(alias = "DATABASE_URL", deprecated = "BILLING_DB")]
//!     database_url: String,
//! }
//!
//! let loaded = Config::load(&Vars::new().with("BILLING_DB", "postgres://db/billing")).unwrap();
//! assert_eq!(loaded.warnings()[0].to_string(), "BILLING_DB is deprecated: rename it to BILLING_DATABASE_URL");
//! assert_eq!(loaded.to_string(), "BILLING_DATABASE_URL \"postgres://db/billing\" alias BILLING_DB");
//! ```
//!
//! [`from_env_or_exit`](EnvConfig::from_env_or_exit) prints the warnings to
//! standard error and goes on. Aliases are listed in [`Var::aliases`], in
//! the generated `.env.example` and Markdown, count as known names for
//! `deny_unknown`, and are did-you-mean candidates.
//!
//! # Field types
//!
//! A field's type decides how its text is read, in this order:
//! [`EnvValue`] (its own rule), then `FromStr`, then serde (feature
//! `serde`). A type none of them reads is a compile error that lists every
//! way to read it; a struct that derives `EnvConfig` is asked for
//! `#[env(nested)]`.
//!
//! - Any `T: FromStr` whose error is `Display` is a field type: integers,
//!   floats, `String`, `char`, `PathBuf`, `IpAddr`, `SocketAddr`, your own
//!   types.
//! - `bool` is strict: `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`, in
//!   any case. Anything else is invalid: `flase` is an error, never `true`.
//! - `Duration` takes [humantime] syntax: `250ms`, `30s`, `5m`, `1h30m`
//!   (cargo feature `humantime`, on by default).
//! - `Vec<T>` splits on `,` (or `split`; a list of secrets on newlines, the
//!   one separator a secret does not hold), trims each item; an empty value
//!   is an empty list.
//! - `HashMap<K, V>` and `BTreeMap<K, V>` read `key=value` pairs (below).
//! - `Option<T>` is `None` when the variable is unset.
//! - An empty value counts as unset: a required field reports it as
//!   missing, "set but empty"; a field with a default takes the default.
//! - A value that is not valid Unicode is a problem of its own
//!   ([`Problem::NotUnicode`]), never a panic.
//! - Values are not trimmed (a password may end in a space); when a value
//!   with leading or trailing whitespace fails to parse, the report says so.
//!
//! ## Enums
//!
//! `#[derive(EnvValue)]` on an enum of unit variants reads a variant by its
//! name in `snake_case` or `kebab-case`, ignoring ASCII case
//! (`SlowQuery`: `slow_query`, `slow-query`, `SLOW_QUERY`);
//! `#[env(name = "...")]` on a variant replaces its name and
//! `#[env(alias = "...")]` adds one. Anything else is invalid, with the
//! names to choose from and the closest one; [`Var::choices`] lists them,
//! and the `.env.example` and Markdown show them.
//!
//! ```
//! use twelve_config::{EnvConfig, EnvValue};
//!
//! #[derive(EnvValue, Debug, PartialEq)]
//! enum LogFormat {
//!     Json,
//!     #[env(alias = "plain")]
//!     Text,
//! }
//!
//! #[derive(EnvConfig, Debug)]
//! struct Config {
//!     #[env(default = LogFormat::Json)]
//!     log_format: LogFormat,
//! }
//!
//! assert_eq!(Config::from_vars([("LOG_FORMAT", "PLAIN")]).unwrap().log_format, LogFormat::Text);
//! let error = Config::from_vars([("LOG_FORMAT", "jsno")]).unwrap_err();
//! assert!(error.to_string().contains("expected one of json, text: did you mean json?"));
//! assert_eq!(Config::vars()[0].choices, ["json", "text"]);
//! assert_eq!(Config::vars()[0].default.as_deref(), Some("json"));
//! ```
//!
//! ## Maps
//!
//! `HashMap<K, V>` and `BTreeMap<K, V>`, with any key and value type a
//! field could have: items separated by `split` (default `,`), a key from
//! its value by `kv_split` (default `=`; a value may hold more of it).
//! Items are trimmed, an empty value is an empty map, a repeated key is
//! invalid, and each item's problem is named (`item 2: ...`).
//!
//! ```
//! use std::collections::{BTreeMap, HashMap};
//! use twelve_config::EnvConfig;
//!
//! #[derive(EnvConfig, Debug)]
//! struct Config {
//!     #[env(default = "")]
//!     labels: HashMap<String, String>,
//!     #[env(split = ";", kv_split = ":", default = "")]
//!     weights: BTreeMap<String, u32>,
//! }
//!
//! let config = Config::from_vars([("LABELS", "team=core, tier=1"), ("WEIGHTS", "a:1;b:2")]).unwrap();
//! assert_eq!(config.labels["team"], "core");
//! assert_eq!(config.weights["b"], 2);
//! let error = Config::from_vars([("LABELS", "team=core,team=edge")]).unwrap_err();
//! assert!(error.to_string().contains("item 2: the key \"team\" is repeated"));
//! ```
//!
//! ## Optional groups
//!
//! `#[env(nested)]` on an `Option` of a struct: `None` when no variable of
//! the group is set, `Some` when it loads; when it is partly set, each
//! missing variable is reported with a note that the group is optional and
//! which of its variables are set. A variable of the group that is set,
//! even to its default, puts the group in use.
//!
//! ```
//! use twelve_config::EnvConfig;
//!
//! #[derive(EnvConfig, Debug)]
//! struct Tls {
//!     cert_path: String,
//!     key_path: String,
//! }
//!
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "APP_")]
//! struct Config {
//!     #[env(nested)]
//!     tls: Option<Tls>, // APP_TLS_CERT_PATH, APP_TLS_KEY_PATH
//! }
//!
//! assert!(Config::from_vars([("APP_PORT", "80")]).unwrap().tls.is_none());
//! let error = Config::from_vars([("APP_TLS_CERT_PATH", "/c.pem")]).unwrap_err();
//! assert!(error.to_string().contains("the group `tls` is optional, but APP_TLS_CERT_PATH is set"));
//! ```
//!
//! ## serde types and JSON
//!
//! With the `serde` feature, a type that implements
//! `serde::de::DeserializeOwned` (and neither `EnvValue` nor `FromStr`) is
//! read through serde from the text: unit variants by their serde name
//! (`rename_all` and `alias` honoured), newtypes, strings and numbers.
//! `#[env(json)]` (feature `json`) reads the value as JSON into any
//! `Deserialize` type: maps, arrays, structs. serde's message is the
//! reason; a secret's is not shown.
//!
//! ```
//! # #[cfg(feature = "json")] {
//! use twelve_config::EnvConfig;
//!
//! #[derive(serde::Deserialize, Debug)]
//! struct Limits {
//!     rps: u32,
//! }
//!
//! #[derive(EnvConfig, Debug)]
//! struct Config {
//!     #[env(json)]
//!     limits: Limits,
//! }
//!
//! assert_eq!(Config::from_vars([("LIMITS", r#"{"rps": 10}"#)]).unwrap().limits.rps, 10);
//! # }
//! ```
//!
//! ## Defaults that load back
//!
//! [`Var::default`] is text that, set as the variable, loads the same value:
//! `default = 1_000_000` lists `1000000`, `Duration::from_secs(30)` lists
//! `30s`, `LogFormat::Json` lists `json` (by [`EnvValue::to_env`], or
//! `Display` for a `FromStr` type). Where no such text exists, `default`
//! is `None`, [`Var::default_in_code`] is set, and the listings say the
//! default is set in code.
//!
//! # The report
//!
//! [`Error`] holds every [`Problem`], in the order the fields are declared.
//! Its `Display` (and `Debug`, so `fn main() -> Result<(), twelve_config::Error>`
//! prints it well) is a table: the variable, the field and its type, and
//! what is wrong, with the offending value quoted (secrets never, URL
//! passwords masked). The quickstart example, run with bad values:
//!
//! ```text
//! 3 configuration problems (3 invalid):
//!   invalid  BILLING_PORT  port: u16             "eighty": invalid digit found in string
//!   invalid  DATABASE_URL  database: PostgresUrl scheme "mysql" is not postgres or postgresql
//!                                                (value: "mysql://admin:***@db.internal/app")
//!   invalid  BILLING_DEBUG debug: bool           "flase": expected true/false, 1/0, yes/no or on/off
//! ```
//!
//! A missing variable whose near-miss is set says so, with or without any
//! attribute: `missing  APP_DATABASE_URL ... (APP_DATABSE_URL is set: a
//! typo?)`. Names are compared without the container's prefix, so two
//! letters of `APP_PORT` and `APP_HOST` do not count as a typo.
//!
//! With `#[env(deny_unknown)]`, a variable under the prefix that no field
//! reads is reported too, with the closest name it may have meant:
//! `unknown  BILLING_DATABSE_URL did you mean DATABASE_URL?`. Names are
//! compared without the prefix, so the suggestion can be a field with an
//! exact `name`.
//!
//! ```
//! use twelve_config::{EnvConfig, Problem};
//!
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "APP_", deny_unknown)]
//! struct Config {
//!     #[env(default = 8080)]
//!     port: u16,
//! }
//!
//! let error = Config::from_vars([("APP_PROT", "80")]).unwrap_err();
//! assert!(matches!(
//!     &error.problems()[0],
//!     Problem::Unknown { var, suggestion: Some(s), .. } if var == "APP_PROT" && s == "APP_PORT"
//! ));
//! ```
//!
//! # Secrets
//!
//! **A secret's value never appears in any output of this crate.** Whether
//! a field is secret is decided once, for the field, and every output asks
//! that one decision: the report (`Display`, `Debug` and each
//! [`Problem`]), the derived `#[env(debug)]`, [`Loaded`]'s effective
//! configuration and [`Entry::is_secret`], both fingerprints,
//! [`vars`](EnvConfig::vars), the templates and the manifests. A field is
//! secret when any of these holds:
//!
//! - it has `#[env(secret)]`;
//! - its type is [`SecretString`] or [`SecretBox<T>`] (from [`secrecy`]),
//!   however it is read: through `FromStr`, serde or `#[env(json)]`;
//! - any name it reads looks like a credential: its variable, each `alias`
//!   and `deprecated` name, `NAME_FILE` (`PASSWORD`, `TOKEN`, `SECRET`,
//!   `PASSPHRASE`, `APIKEY`, `PRIVATE_KEY`, ... anywhere; `KEY`, `KEYS`,
//!   `PASS`, `PWD`, `PAT`, `DSN`, `PEM`, `COOKIE`, `SALT`, `BEARER`,
//!   `SIGNING` as the last word, `AUTH_HEADER` as the last two: see
//!   [`looks_like_credential`]); a value read through
//!   `alias = "LEGACY_API_TOKEN"` is as secret as the token;
//! - it belongs to a nested group whose prefix looks like one
//!   (`nested = "API_TOKEN_"`).
//!
//! `#[env(secret = false)]` turns the name and prefix rules off for a field
//! whose name only looks like a credential; a secret type stays secret.
//! The derive and the runtime apply the same rule: one definition, in the
//! `twelve-config-names` crate both depend on.
//!
//! For a secret field:
//!
//! - the report says that the value is invalid and what was expected, never
//!   what it was (a parse error's or a rule's own message may quote its
//!   input, so it is replaced by the rule's name);
//! - [`Loaded`] shows `(secret)` where the value would be, and the keyless
//!   [`fingerprint`](Loaded::fingerprint) takes only whether it is set;
//! - [`vars`](EnvConfig::vars) and everything rendered from it never carry
//!   its value, and it has no default to carry: **a default on a secret
//!   field does not compile** (`default = ""` included), and neither does a
//!   default whose URL carries a password or a credential query parameter
//!   (`default = "postgres://app:devpass@localhost/app"`), as a credential
//!   in the code is published with the code. The error offers an
//!   `Option<T>`, a `.env` file for development (`DotEnv`), or
//!   `secret = false`;
//! - a value that is not Unicode is reported without its bytes.
//!
//! **What is shown of a value that is not secret** is what is *proven* to
//! hold no credential, never "what does not look like a password":
//!
//! | the value | what is hidden |
//! | --- | --- |
//! | a well-formed URL, `scheme://user:password@host` | the password; the user name is shown, as every handle shows it |
//! | a token alone, `nats://TOKEN@host`, `https://TOKEN@host` | the token |
//! | anything else holding `:` before an `@`: a mistyped URL (`postgres:/u:p@h`, `postgres//u:p@h`, `u:p@h`, `https:\\u:p@h`) | all that could be user information, from the first `:/`, `//` or `\\` (or the start) to the last `@` |
//! | a credential query parameter, `?password=`, `&client_secret=`, `pass%77ord=` | its value to the end of the query: an unencoded `&` or `#` may be part of it (`?password=a&b`) |
//! | a keyword list or a map, `password = 'x y'`, `Authorization=Bearer t` | a credential key's value, through its closing quote or to the end |
//! | JSON (with the `json` feature) | members whose name is a credential, at any depth, and every URL in a string, escapes (`\/`, `\u0040`) decoded first |
//!
//! Credential keys in a value (query keys, JSON members, map keys) follow
//! the name rule, plus the keys services use without a credential word:
//! `pass`, `pwd`, `key`, `auth`, `sig`, HTTP's `Authorization`,
//! `Proxy-Authorization`, `Cookie` and `X-Api-Key`, cloud signatures, Azure
//! SAS, MongoDB's `authMechanismProperties`, LDAP's `bindpw`. The same rule
//! is [`mask_passwords`], for text of your own; a handle's `Display`,
//! `Debug`, serde form and
//! [`Resource::query_pairs`](resource::Resource::query_pairs) hide the same
//! keys.
//!
//! A message about such a value (a parser's, a `validate` rule's) is shown
//! with every part the value hides replaced by `***`, however the message
//! quotes it; a struct rule's message is not shown when the rule names a
//! secret field with [`RuleError::fields`], or names no field in a struct
//! that has one: the report names the rule instead. What the rule hides of
//! a value enters only the keyed fingerprint, as a secret does. A generated
//! file never writes a masked text as a value: a default of which anything
//! would be hidden is listed as "set in code", not written.
//!
//! Every piece of text a report shows (names, values, parser messages,
//! paths) has its control characters, bidirectional overrides, line
//! separators and invisible characters escaped (`\u{1b}`, `\u{202e}`), so
//! hostile text cannot hide or rewrite lines in a terminal or a log viewer.
//! So does every other text the crate writes from what it read: a
//! handle's `Display` and `Debug`, a [`ParseError`](resource::ParseError)
//! shown alone (by `FromStr` or serde), an
//! [`AttachError`](attach::AttachError), an [`Origin`]. A URL that holds
//! an invisible character (a bidirectional control, a zero-width space, a
//! byte-order mark) is refused with its code point. So is a host that
//! holds one once percent-decoded, or a control character, as every host
//! a driver decodes may be written (`https://h%0Aevil/`, PostgreSQL's
//! `?host=`, a socket path `%2Frun%2Fpg`, `redis+unix:///run/r.sock`), so
//! a handle's [`host`](resource::Resource::host) can go to a log line as it
//! is (joiners and variation selectors aside, which names need). A host name
//! decoded from escapes also holds no whitespace and no punctuation that
//! no host name holds (`%20`, `%3C`, `%7C`), as the WHATWG URL standard
//! refuses them.
//!
//! **Safe by default: `Debug` of your config.** A secret field whose type
//! prints its value in `Debug` (a `String`, a `u32`) does not compile
//! unless the struct has `#[env(debug)]`: a `#[derive(Debug)]` beside it
//! would print the secret in every log line that shows the config. The
//! error says the three ways out:
//!
//! ```text
//! error[E0277]: `String` prints its value in `Debug`, and this field is secret
//!  --> src/config.rs:6:18
//!   |
//! 6 |     db_password: String,
//!   |                  ^^^^^^ a secret field of a type whose `Debug` shows its value
//!   = note: use `SecretString` or `SecretBox<T>` for the field, or put `#[env(debug)]` on the
//!           struct in place of `#[derive(Debug)]` (it shows `[REDACTED]`), or write
//!           `#[env(secret = false)]` on the field if its name only looks like a credential
//! ```
//!
//! `secrecy`'s types and every [`resource`] handle redact themselves
//! ([`SafeDebug`]), so with them a plain `#[derive(Debug)]` is fine. With
//! `#[env(debug)]` *instead of* deriving `Debug`, the derive writes a
//! `Debug` that shows `[REDACTED]` for every secret field (and for a whole
//! group under a credential-like prefix):
//!
//! ```
//! use twelve_config::{EnvConfig, SecretString};
//!
//! #[derive(EnvConfig)]
//! #[env(debug)]
//! struct Config {
//!     #[env(secret)]
//!     signing_key_id: String,
//!     db_password: String, // secret by its name
//!     session: SecretString, // redacts itself
//!     port: u16,
//! }
//!
//! let config = Config::from_vars([
//!     ("SIGNING_KEY_ID", "k-123"),
//!     ("DB_PASSWORD", "hunter2"),
//!     ("SESSION", "s3ss10n"),
//!     ("PORT", "80"),
//! ])
//! .unwrap();
//! assert_eq!(
//!     format!("{config:?}"),
//!     "Config { signing_key_id: [REDACTED], db_password: [REDACTED], \
//!      session: SecretBox<str>([REDACTED]), port: 80 }"
//! );
//! ```
//!
//! **Secrets from files.** Docker and Kubernetes mount secrets as files.
//! With `#[env(file)]` on a field (or on the struct, for every secret
//! field), when `X` is unset and `X_FILE` is set, the value is the content
//! of the file `X_FILE` names, with one trailing newline removed. Both set
//! is a problem ([`Problem::Ambiguous`]); a file that cannot be read is a
//! problem naming the path and the reason ([`Problem::File`]), never the
//! content. Only regular files are read (symlinks followed, as Kubernetes
//! mounts secrets): a pipe or a device such as `/dev/stdin` could block the
//! start forever: the file is opened without blocking, then the open
//! handle is checked, so a path swapped between a check and the open
//! cannot slip a FIFO in. Files over 1 MiB are refused. A value from a file
//! that does not parse is reported against `X_FILE`, where it came from.
//!
//! ```
//! use twelve_config::{EnvConfig, ExposeSecret, SecretString};
//! # let dir = std::env::temp_dir().join(format!("twelve-config-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # let path = dir.join("db_password");
//! # std::fs::write(&path, "hunter2\n").unwrap();
//!
//! #[derive(EnvConfig, Debug)]
//! #[env(file)]
//! struct Config {
//!     db_password: SecretString,
//! }
//!
//! // DB_PASSWORD_FILE=/run/secrets/db_password
//! let config = Config::from_vars([("DB_PASSWORD_FILE", path.to_str().unwrap())]).unwrap();
//! assert_eq!(config.db_password.expose_secret(), "hunter2");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! **The limits.** [`ExposeSecret::expose_secret`] is the one door to a
//! secret's value: `grep expose_secret` finds every place your code reads
//! one, and what it does there is up to it. Secrets are zeroized on drop
//! (by `secrecy`), and the crate wipes every copy it makes: the loader's
//! text of each value, the values of [`Vars`], the values std copies with
//! the names when a report lists the environment, a value not used because
//! its `_FILE` is set too, the bytes of a value that is not Unicode, the
//! buffer a `_FILE` is read into, and the query values of a handle (whose
//! password is not copied out of its URL until `password()` asks). A
//! scanning allocator in the test suite checks that no unwiped copy of a
//! secret is freed. What a `parse_with` function does with the text (its
//! own error, say) is its own;
//! the process environment itself still holds the value, as it does for
//! every program.
//!
//! # Backing services
//!
//! A database, cache, queue or mail relay is an attached resource named by
//! a URL (factor IV, "treat backing services as attached resources": a
//! local database and a provider's are swapped by changing the URL, not the
//! code). [`resource`] has a typed handle for each kind, and
//! each is a field type like any other:
//!
//! ```
//! use twelve_config::EnvConfig;
//! use twelve_config::resource::{AmqpUrl, DatabaseUrl, RedisUrl, Resource};
//!
//! #[derive(EnvConfig, Debug)]
//! struct Config {
//!     #[env(default = "sqlite::memory:")]
//!     database_url: DatabaseUrl, // SQLite in development, Postgres in production
//!     redis_url: Option<RedisUrl>,
//!     amqp_url: AmqpUrl,
//! }
//!
//! let config = Config::from_vars([("AMQP_URL", "amqps://worker:s3cret@mq.example/orders")]).unwrap();
//! assert_eq!((config.amqp_url.port(), config.amqp_url.vhost()), (Some(5671), "orders"));
//! assert_eq!(format!("{:?}", config.amqp_url), "AmqpUrl(\"amqps://worker:***@mq.example/orders\")");
//! ```
//!
//! | handle | schemes | default port | follows |
//! | --- | --- | --- | --- |
//! | [`PostgresUrl`](resource::PostgresUrl) | `postgres`, `postgresql` | 5432 | libpq |
//! | [`MysqlUrl`](resource::MysqlUrl) | `mysql`, `mariadb` | 3306 | sqlx, the mysql crate |
//! | [`SqliteUrl`](resource::SqliteUrl) | `sqlite` | none | sqlx |
//! | [`RedisUrl`](resource::RedisUrl) | `redis`, `rediss`, `redis+unix`, `unix` | 6379 | redis-rs, the IANA `redis` scheme |
//! | [`AmqpUrl`](resource::AmqpUrl) | `amqp`, `amqps` | 5672, 5671 | the RabbitMQ URI spec |
//! | [`SmtpUrl`](resource::SmtpUrl) | `smtp`, `smtps` | 587, 465 | RFC 8314, lettre |
//! | [`MongoUrl`](resource::MongoUrl) | `mongodb`, `mongodb+srv` | 27017 | the MongoDB connection string spec |
//! | [`MemcachedUrl`](resource::MemcachedUrl) | `memcache`, `memcached` | 11211 | the memcache crate |
//! | [`NatsUrl`](resource::NatsUrl) | `nats`, `tls`, `ws`, `wss` | 4222 (ws, wss: 80, 443) | async-nats, nats.go |
//! | [`MqttUrl`](resource::MqttUrl) | `mqtt`, `mqtts`, `ws`, `wss` | 1883, 8883 (ws, wss: 80, 443) | rumqttc |
//! | [`KafkaUrl`](resource::KafkaUrl) | `kafka`, `kafka+ssl` | 9092 | Heroku's `KAFKA_URL`, pydantic's `KafkaDsn` |
//! | [`HttpUrl`](resource::HttpUrl) | `http`, `https` | 80, 443 | RFC 3986; WHATWG URL with the `url` feature |
//! | [`DatabaseUrl`](resource::DatabaseUrl) | Postgres, MySQL or SQLite | by kind | chosen by the URL |
//! | [`ResourceUrl`](resource::ResourceUrl) | any | when well known | RFC 3986 |
//!
//! The [`resource`] module documents each handle's rules and accessors,
//! with links to the spec each follows.
//!
//! A handle can also come from separate variables: libpq's `PG*` variables
//! ([`PgEnv`](resource::PgEnv)), `X_HOST`/`X_PORT`/`X_USER`/`X_PASSWORD`/
//! `X_DATABASE` for any kind ([`FromParts`](resource::FromParts)), or a URL
//! plus a password variable or file ([`WithPassword`](resource::WithPassword)).
//!
//! # Attached resources on real platforms
//!
//! Factor IV says a backing service is attached by configuration alone. On
//! the platforms services run on, that configuration does not always arrive
//! as one URL in one variable: three [`Source`]s read what they give, each
//! layered under the environment with [`Source::or`], each value reported
//! with its origin, each file read as a `NAME_FILE` secret is (without
//! blocking, a regular file only, at most 1 MiB), a missing root an empty
//! source. A layout that cannot be read is a [`PlatformError`] listing every
//! entry at fault, never a value.
//!
//! **Kubernetes service bindings** ([servicebinding.io]): the platform
//! mounts a directory per binding under `$SERVICE_BINDING_ROOT`, a file per
//! entry. [`ServiceBindings`] gives `ORDERS_DB_HOST`, `ORDERS_DB_PASSWORD`,
//! ... for a binding `orders-db`, `ORDERS_DB_URL` (its `uri`, or assembled
//! and percent-encoded from its parts) and, when exactly one binding has
//! the type, the usual `DATABASE_URL`, `REDIS_URL`, `AMQP_URL` or
//! `MONGODB_URL`:
//!
//! ```no_run
//! # use twelve_config::{Env, EnvConfig, ServiceBindings, Source};
//! # #[derive(EnvConfig)] struct Config { database_url: String }
//! let config = Config::from_source(&Env.or(ServiceBindings::from_env()?))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! When two bindings have one type, neither gives the usual variable and a
//! [`Warning::AmbiguousBinding`] names them; an entry that is a FIFO, a
//! device or a symlink out of the root, a binding without `type`, is a
//! [`PlatformError`].
//!
//! **systemd credentials**: `LoadCredential=` and `SetCredential=` place
//! secrets as files in `$CREDENTIALS_DIRECTORY`, never in the environment
//! (so no child process inherits them). [`SystemdCredentials`] gives each
//! file as the variable of its name:
//! `Env.or(SystemdCredentials::from_env()?)`. A credential named as no
//! variable can be (`tls.key`) is a [`PlatformError`] saying so.
//!
//! **Cloud Foundry** passes bound services as JSON in `VCAP_SERVICES`.
//! [`VcapServices`] (feature `json`) gives, for an instance `orders-db`,
//! `ORDERS_DB_URL` and `ORDERS_DB_<KEY>` for each credential, and the usual
//! variable by the instance's label or tags: `Env.or(VcapServices::from_env()?)`.
//! JSON that does not parse is a [`PlatformError`] with its line and column.
//!
//! **Kubernetes service links**: for a Service named `app`, Kubernetes sets
//! `APP_PORT=tcp://10.0.0.5:8080` and more in every pod of the namespace. A
//! field that reads `APP_PORT` as a number then gets a report that names the
//! service link and the fix (`enableServiceLinks: false`, or another
//! prefix), and under `deny_unknown` the variables Kubernetes injects
//! (`APP_SERVICE_HOST`, `APP_SERVICE_PORT*`, `APP_PORT_8080_TCP*`) are not
//! called typos.
//!
//! `examples/platforms.rs` layers the three under the environment.
//!
//! # Development and release
//!
//! Factor X ("dev/prod parity") asks that development look like
//! production: the same code, the same kind of config. Developers keep a
//! `.env` file; [`DotEnv`] (feature `dotenv`) reads it with the [dotenvy]
//! crate as a [`Source`], never writing the process environment (no
//! `set_var`, which races every thread), and [`Source::or`] layers it
//! under the real environment, which wins:
//!
//! ```no_run
//! # #[cfg(feature = "dotenv")] {
//! use twelve_config::{DotEnv, Env, EnvConfig, Source};
//!
//! #[derive(EnvConfig, Debug)]
//! #[env(prefix = "APP_")]
//! struct Config {
//!     port: u16,
//! }
//!
//! let loaded = Config::load(&Env.or(DotEnv::from_path(".env").expect("a readable .env"))).expect("a valid config");
//! println!("{loaded}"); // APP_PORT "8080" .env:3
//! # }
//! ```
//!
//! A value from the file is reported, in problems and in the effective
//! configuration, with its file and line (`.env:3`); a malformed line is a
//! [`DotEnvError`] naming the line, never its text.
//!
//! Factor V ("build, release, run") says a release is a build plus its
//! config, each release told apart.
//! [`Loaded::fingerprint`] (feature `fingerprint`) is a stable digest of
//! the effective configuration: log it at start, and two pods, or a deploy
//! log and a running pod, show that they run the same configuration
//! without printing it. Each value counts in a canonical form for its type
//! (`08080` is `8080`, `30000ms` is `30s`, a URL's default port is written
//! out: [`Loaded::fingerprint`] lists them). Secrets enter only
//! [`Loaded::fingerprint_keyed`], through HMAC-SHA-256 under a key the pods
//! share:
//!
//! ```
//! # #[cfg(feature = "fingerprint")] {
//! use twelve_config::{EnvConfig, Vars};
//!
//! #[derive(EnvConfig, Debug)]
//! struct Config {
//!     #[env(default = 8080)]
//!     port: u16,
//! }
//!
//! let a = Config::load(&Vars::new()).unwrap();
//! let b = Config::load(&Vars::new().with("PORT", "8080")).unwrap();
//! assert_eq!(a.fingerprint(), b.fingerprint()); // the same configuration
//! let c = Config::load(&Vars::new().with("PORT", "08080")).unwrap();
//! assert_eq!(a.fingerprint(), c.fingerprint()); // the same value, written otherwise
//! # }
//! ```
//!
//! [`render::kubernetes`] and [`render::compose`] turn the same struct into
//! deploy files: a `ConfigMap`, a `Secret` and the container's `env:`
//! (`secretKeyRef` for secrets, `_FILE` secrets as a mounted volume), and a
//! Compose `environment:` block. `examples/release.rs` in the repository
//! does all of it.
//!
//! A release is checked before it runs, twice. In the service's tests,
//! [`check::kubernetes_container`] and [`check::compose`] (feature `check`)
//! load the config from what a manifest gives the container and report
//! what only a manifest gets wrong; `examples/release.rs` checks its own
//! manifests so. On the cluster, [`EnvConfig::answer_config_flags`] at the
//! top of `main` answers `--config-check` in an init container: the real
//! binary, the real environment, nothing started.
//!
//! [dotenvy]: https://docs.rs/dotenvy
//!
//! # Cargo features
//!
//! | feature | default | what it adds |
//! | --- | --- | --- |
//! | `humantime` | yes | `Duration` fields in humantime syntax |
//! | `serde` | no | fields of any `Deserialize` type; `Serialize` (password masked) and `Deserialize` for the [`resource`] handles (by `serde_core`, serde's traits without its derive, so the crate need not wait for serde_derive to compile) |
//! | `url` | no | `HttpUrl::to_url()` for HTTP clients, and WHATWG validation of HTTP URLs |
//! | `dotenv` | no | [`DotEnv`]: a `.env` file as a [`Source`] (dotenvy), never written to the environment |
//! | `json` | no | `#[env(json)]`: a field read as JSON into any `Deserialize` type (serde_json); [`VcapServices`] |
//! | `fingerprint` | no | [`Loaded::fingerprint`] and [`Loaded::fingerprint_keyed`] (RustCrypto `sha2`, `hmac`) |
//! | `check` | no | [`check`]: deploy manifests (Kubernetes, Compose) checked against the config in a test (yaml-rust2, base64; enables `dotenv`) |
//! | `sqlx-postgres`, `sqlx-mysql`, `sqlx-sqlite`, `sqlx-any` | no | sqlx connect options from the database handles (see [`attach`]) |
//! | `tokio-postgres` | no | `tokio_postgres::Config` from a [`PostgresUrl`](resource::PostgresUrl) |
//! | `redis` | no | `redis::ConnectionInfo` and `redis::Client` from a [`RedisUrl`](resource::RedisUrl) |
//! | `lapin` | no | `lapin::uri::AMQPUri` from an [`AmqpUrl`](resource::AmqpUrl) |
//! | `lettre` | no | lettre's `SmtpTransportBuilder` from an [`SmtpUrl`](resource::SmtpUrl), TLS by rustls |
//! | `async-nats` | no | async-nats's `ConnectOptions` and server addresses from a [`NatsUrl`](resource::NatsUrl) |
//! | `rumqttc` | no | rumqttc's `MqttOptions` from an [`MqttUrl`](resource::MqttUrl) |
//!
//! [twelve-factor app]: https://12factor.net/config
//! [servicebinding.io]: https://servicebinding.io/spec/core/1.0.0/
//! [humantime]: https://docs.rs/humantime
#![deny(missing_docs)]
#![forbid(unsafe_code)]
// The guide links items that exist only with their feature (`DotEnv`,
// `Loaded::fingerprint`); docs.rs builds with every feature.
#![cfg_attr(
    not(all(feature = "dotenv", feature = "fingerprint", feature = "json", feature = "check")),
    allow(rustdoc::broken_intra_doc_links)
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The derive's code names `::twelve_config`; the crate derives its own groups.
extern crate self as twelve_config;

mod assembled;
pub mod attach;
#[cfg(feature = "check")]
pub mod check;
mod config;
mod disclosure;
#[cfg(feature = "dotenv")]
mod dotenv;
mod file;
#[cfg(feature = "fingerprint")]
mod fingerprint;
mod load;
mod loaded;
mod platform;
pub mod render;
mod report;
pub mod resource;
mod rule;
mod secret;
#[cfg(feature = "serde")]
mod serde_text;
mod snapshot;
mod source;
mod suggest;
mod value;
mod var;

#[doc(hidden)]
pub mod __private;

pub use assembled::{AssembleError, Assembled};
pub use config::{EXIT_CONFIG, EnvConfig};
pub use disclosure::mask_passwords;
#[cfg(feature = "dotenv")]
pub use dotenv::{DotEnv, DotEnvError};
pub use loaded::{Entry, Loaded, Origin, Warning};
#[cfg(feature = "json")]
pub use platform::VcapServices;
pub use platform::{PlatformError, ServiceBindings, SystemdCredentials};
pub use report::{Error, Problem};
pub use rule::RuleError;
pub use secrecy::{self, ExposeSecret, SecretBox, SecretString};
pub use secret::{SafeDebug, looks_like_credential};
pub use source::{Env, Or, Source, Vars};
/// Derives [`EnvConfig`]: see the [crate docs](crate) for every attribute.
pub use twelve_config_derive::EnvConfig;
/// Derives [`EnvValue`] for an enum of unit variants: see
/// [Field types](crate#field-types).
pub use twelve_config_derive::EnvValue;
pub use value::EnvValue;
pub use var::Var;

// The README's examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
