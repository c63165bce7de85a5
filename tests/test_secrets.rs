//! A secret's value never appears in any output of the crate.
//!
//! Canaries (unique strings) go into every secret field, valid and invalid,
//! short and long, from variables and from `_FILE`s, and into URL
//! passwords; then everything the crate can format is formatted, and
//! neither a canary nor any 6-character slice of one may appear.

#![allow(dead_code)] // The configs exist to be formatted.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use twelve_config::{EnvConfig, Error, ExposeSecret, Problem, SecretBox, SecretString, Vars, render};

/// Letters, a canary for text secrets.
const TEXT: &str = "Zq8Wx3Kv7Tn2Rj5M";
/// A canary for `u32` secrets.
const U32: &str = "3141592653";
/// A canary for `u64` secrets.
const U64: &str = "2718281828459045";

/// Rejects every value, quoting it in its error, as careless parsers do.
fn echoing_parser(text: &str) -> Result<String, String> {
    Err(format!("{text:?} is not a valid token"))
}

/// Accepts `postgres://` URLs, rejects others quoting them.
fn postgres_url(text: &str) -> Result<String, String> {
    if text.starts_with("postgres://") { Ok(text.to_owned()) } else { Err(format!("not postgres: {text}")) }
}

#[derive(EnvConfig)]
#[env(prefix = "C_", file, deny_unknown, debug)]
struct Canaries {
    token: SecretString,
    pin: SecretBox<u32>,
    #[env(secret)]
    plain: String,
    #[env(secret)]
    number: u64,
    /// Secret by its name alone.
    db_password: String,
    #[env(secret)]
    keys: Vec<String>,
    optional: Option<SecretString>,
    #[env(secret, parse_with = echoing_parser)]
    checked: String,
    /// Not secret: its URL password is masked wherever it is shown.
    #[env(parse_with = postgres_url)]
    database_url: String,
    #[env(nested)]
    inner: Inner,
}

#[derive(EnvConfig)]
#[env(debug)]
struct Inner {
    #[env(secret)]
    session_key: Option<String>,
    api_token: Option<SecretString>,
}

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("twelve-config-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Everything the crate can format about a load and the config type.
fn everything_formatted<C: EnvConfig>(outcome: &Result<C, Error>, debug: impl Fn(&C) -> String) -> Vec<String> {
    let mut texts = Vec::new();
    match outcome {
        Ok(config) => texts.push(debug(config)),
        Err(error) => {
            texts.extend([format!("{error}"), format!("{error:?}"), format!("{error:#?}")]);
            for problem in error.problems() {
                texts.extend([format!("{problem}"), format!("{problem:?}"), format!("{problem:#?}")]);
            }
        }
    }
    let vars = C::vars();
    texts.extend([format!("{vars:?}"), format!("{vars:#?}"), render::env_example(&vars), render::markdown(&vars)]);
    for var in &vars {
        texts.push(format!("{var:?}"));
    }
    texts
}

/// No text holds a canary or any 6-character slice of one.
fn assert_hidden(texts: &[String], canaries: &[&str]) {
    for canary in canaries {
        let chars: Vec<char> = canary.chars().collect();
        for window in chars.windows(6.min(chars.len())) {
            let slice: String = window.iter().collect();
            for text in texts {
                assert!(!text.contains(&slice), "{slice:?} of canary {canary:?} leaked in:\n{text}");
            }
        }
    }
}

fn canaries_debug(config: &Canaries) -> String {
    format!("{config:?}\n{config:#?}")
}

fn load(vars: &Vars) -> (Result<Canaries, Error>, Vec<String>) {
    let outcome = Canaries::from_source(vars);
    let texts = everything_formatted(&outcome, canaries_debug);
    (outcome, texts)
}

#[test]
fn valid_secrets_never_show() {
    for canary in [TEXT.to_owned(), TEXT.repeat(100), format!("{TEXT},with,commas")] {
        let vars = Vars::new()
            .with("C_TOKEN", canary.as_str())
            .with("C_PIN", U32)
            .with("C_PLAIN", canary.as_str())
            .with("C_NUMBER", U64)
            .with("C_DB_PASSWORD", canary.as_str())
            .with("C_KEYS", format!("{canary}\nsecond-{canary}"))
            .with("C_OPTIONAL", canary.as_str())
            .with("C_CHECKED", canary.as_str())
            .with("C_DATABASE_URL", format!("postgres://user:{canary}@db/app"))
            .with("C_INNER_API_TOKEN", canary.as_str());
        let (outcome, texts) = load(&vars);
        // Only `checked` fails (its parser rejects everything).
        let error = outcome.expect_err("checked rejects its value");
        assert_eq!(error.problems().len(), 1, "{error}");
        assert_hidden(&texts, &[&canary, U32, U64]);
    }
}

#[test]
fn a_loaded_config_shows_no_secret_in_debug() {
    #[derive(EnvConfig)]
    #[env(debug, file)]
    struct Loaded {
        token: SecretString,
        #[env(secret)]
        plain: String,
        #[env(secret, split = ";")]
        keys: Vec<String>,
        db_password: String,
        port: u16,
    }
    let vars = Vars::new()
        .with("TOKEN", TEXT)
        .with("PLAIN", TEXT)
        .with("KEYS", format!("{TEXT};{TEXT}"))
        .with("DB_PASSWORD", TEXT)
        .with("PORT", "80");
    let outcome = Loaded::from_source(&vars);
    let config = outcome.as_ref().expect("all valid");
    assert_eq!(config.token.expose_secret(), TEXT);
    assert_eq!(config.keys.len(), 2);
    let texts = everything_formatted(&outcome, |config| format!("{config:?}\n{config:#?}"));
    assert!(texts[0].contains("port: 80"), "{}", texts[0]);
    assert_hidden(&texts, &[TEXT]);
}

#[test]
fn invalid_secrets_say_they_are_invalid_never_what_they_were() {
    for canary in [TEXT.to_owned(), TEXT.repeat(1000)] {
        let vars = Vars::new()
            .with("C_TOKEN", "")
            .with("C_PIN", canary.as_str())
            .with("C_PLAIN", " ")
            .with("C_NUMBER", format!(" {canary} "))
            .with("C_DB_PASSWORD", canary.as_str())
            .with("C_KEYS", canary.as_str())
            .with("C_CHECKED", canary.as_str())
            .with("C_DATABASE_URL", format!("mysql://admin:{canary}@db/app"))
            .with("C_INNER_SESSION_KEY", canary.as_str())
            .with("C_TOKNE", canary.as_str());
        let (outcome, texts) = load(&vars);
        let error = outcome.expect_err("invalid values");
        let report = error.to_string();
        assert!(report.contains("C_PIN") && report.contains("not a valid SecretBox<u32>"), "{report}");
        assert!(report.contains("C_CHECKED") && report.contains("(secret: value not shown)"), "{report}");
        // A password is masked in place, however long.
        assert!(report.contains("mysql://admin:***@db/app"), "{report}");
        assert!(report.contains("did you mean C_TOKEN?"), "{report}");
        assert_hidden(&texts, &[&canary]);
    }
}

#[test]
fn secrets_that_are_not_unicode_are_reported_without_their_bytes() {
    let mut bytes = TEXT.as_bytes().to_vec();
    bytes.push(0xFF);
    let vars =
        Vars::new().with("C_TOKEN", OsString::from_vec(bytes.clone())).with("C_PLAIN", OsString::from_vec(bytes));
    let (outcome, texts) = load(&vars);
    let error = outcome.expect_err("not unicode");
    assert!(matches!(&error.problems()[0], Problem::NotUnicode { var, value: None, .. } if var == "C_TOKEN"));
    assert_hidden(&texts, &[TEXT]);
}

#[test]
fn secrets_from_files_never_show() {
    let dir = TempDir::new("canary-files");
    let token = dir.file("token", format!("{TEXT}\n").as_bytes());
    let mut not_utf8 = TEXT.as_bytes().to_vec();
    not_utf8.extend([0xC3, 0x28]);
    let broken = dir.file("broken", &not_utf8);
    let vars = Vars::new()
        .with("C_TOKEN_FILE", token.as_os_str())
        .with("C_PLAIN_FILE", broken.as_os_str())
        // An operator put the secret itself where the path belongs.
        .with("C_DB_PASSWORD_FILE", TEXT)
        // Both set: ambiguous, and neither value is shown.
        .with("C_NUMBER", U64)
        .with("C_NUMBER_FILE", token.as_os_str());
    let (outcome, texts) = load(&vars);
    let error = outcome.expect_err("file problems");
    let report = error.to_string();
    assert!(report.contains("C_PLAIN_FILE") && report.contains("not valid Unicode"), "{report}");
    assert!(report.contains("C_DB_PASSWORD_FILE") && report.contains("value not shown"), "{report}");
    assert!(report.contains("both it and C_NUMBER_FILE are set"), "{report}");
    assert_hidden(&texts, &[TEXT, U64]);
}

// `_FILE` behaviour.

#[derive(EnvConfig, Debug)]
struct FromFile {
    #[env(file)]
    password: SecretString,
    #[env(file, default = "fallback")]
    motd: String,
}

fn path_text(path: &Path) -> String {
    path.to_str().unwrap().to_owned()
}

#[test]
fn file_supplies_the_value_with_one_trailing_newline_trimmed() {
    let dir = TempDir::new("file-values");
    for (content, expected) in [
        ("s3cret", "s3cret"),
        ("s3cret\n", "s3cret"),
        ("s3cret\r\n", "s3cret"),
        ("s3cret\n\n", "s3cret\n"),
        ("two\nlines\n", "two\nlines"),
        ("  spaced  \n", "  spaced  "),
    ] {
        let path = dir.file("password", content.as_bytes());
        let config = FromFile::from_vars([("PASSWORD_FILE", path_text(&path))]).unwrap();
        assert_eq!(config.password.expose_secret(), expected, "{content:?}");
        assert_eq!(config.motd, "fallback");
    }
}

#[test]
fn the_variable_itself_still_works_and_an_empty_file_var_is_unset() {
    let config = FromFile::from_vars([("PASSWORD", "direct"), ("PASSWORD_FILE", "")]).unwrap();
    assert_eq!(config.password.expose_secret(), "direct");
}

#[test]
fn both_set_is_ambiguous() {
    let dir = TempDir::new("file-both");
    let path = dir.file("password", b"from-file");
    let error = FromFile::from_vars([("PASSWORD", "direct"), ("PASSWORD_FILE", &path_text(&path))]).unwrap_err();
    match &error.problems()[0] {
        Problem::Ambiguous { var, file_var, .. } => {
            assert_eq!((var.as_str(), file_var.as_str()), ("PASSWORD", "PASSWORD_FILE"))
        }
        other => panic!("expected Ambiguous, got {other:?}"),
    }
}

#[test]
fn a_missing_file_is_a_problem_naming_the_path() {
    let missing = std::env::temp_dir().join("twelve-config-surely-missing-file");
    let missing = missing.to_str().unwrap();
    let error = FromFile::from_vars([("PASSWORD_FILE", missing)]).unwrap_err();
    match &error.problems()[0] {
        Problem::File { var, path, reason, .. } => {
            assert_eq!(var, "PASSWORD_FILE");
            assert_eq!(path.as_deref(), Some(format!("{missing:?}").as_str()));
            assert_eq!(reason, "no such file");
        }
        other => panic!("expected File, got {other:?}"),
    }
    assert!(error.to_string().contains(&format!("cannot read {missing:?}: no such file")), "{error}");
}

#[test]
fn a_file_variable_that_may_be_the_secret_itself_is_not_shown() {
    // Base64 holds `/`; a relative name, a missing directory, whitespace:
    // none reads as a path, so none is echoed.
    for value in [
        "/9j/4AAQSkZJRgABAQ==",
        "abc/def+ghi==",
        "sk_live_abc/def",
        "/no-such-directory-twelve-config/x",
        "/tmp/two words",
    ] {
        let error = FromFile::from_vars([("PASSWORD_FILE", value)]).unwrap_err();
        assert!(matches!(&error.problems()[0], Problem::File { path: None, .. }), "{value}: {error}");
        assert!(!error.to_string().contains(value), "{value}: {error}");
    }
}

#[test]
fn an_unreadable_file_is_a_problem_with_the_reason() {
    // Root reads any file, so unreadable means a directory, a path through
    // a file, or something that is not a regular file.
    let dir = TempDir::new("file-unreadable");
    let file = dir.file("plain", b"x");
    let through_file = file.join("child");
    for (path, reason) in [
        (dir.0.clone(), "it is a directory, not a file"),
        (through_file, "not a directory"),
        // A device or a pipe could block the start forever: never read.
        (PathBuf::from("/dev/null"), "it is not a regular file (a device, a pipe or a socket)"),
        (PathBuf::from("/dev/zero"), "it is not a regular file (a device, a pipe or a socket)"),
    ] {
        let error = FromFile::from_vars([("PASSWORD_FILE", path_text(&path))]).unwrap_err();
        match &error.problems()[0] {
            Problem::File { reason: found, .. } => assert_eq!(found, reason, "{}", path.display()),
            other => panic!("expected File, got {other:?}"),
        }
    }
}

#[test]
fn a_file_that_is_not_utf8_or_too_large_is_a_problem() {
    let dir = TempDir::new("file-content");
    let path = dir.file("latin1", b"caf\xE9");
    let error = FromFile::from_vars([("MOTD_FILE", path_text(&path)), ("PASSWORD", "x".to_owned())]).unwrap_err();
    match &error.problems()[0] {
        Problem::NotUnicode { var, value, .. } => {
            assert_eq!(var, "MOTD_FILE");
            assert_eq!(value.as_deref(), Some("\"caf\\xE9\""));
        }
        other => panic!("expected NotUnicode, got {other:?}"),
    }
    let big = dir.file("big", &vec![b'a'; (1 << 20) + 1]);
    let error = FromFile::from_vars([("PASSWORD_FILE", path_text(&big))]).unwrap_err();
    assert!(error.to_string().contains("the file is larger than 1024 KiB"), "{error}");
}

#[test]
fn an_empty_file_counts_as_unset() {
    let dir = TempDir::new("file-empty");
    let path = dir.file("empty", b"\n");
    let error = FromFile::from_vars([("PASSWORD_FILE", path_text(&path))]).unwrap_err();
    // Missing, and said to be the file's fault: the variable itself is not
    // set, so it is not "set but empty".
    match &error.problems()[0] {
        Problem::Missing { empty: false, hint: Some(hint), .. } => {
            assert_eq!(hint, "the file PASSWORD_FILE names is empty");
        }
        other => panic!("expected a missing variable with a hint, got {other:?}"),
    }
}

#[test]
fn file_variables_are_listed_and_rendered() {
    let vars = FromFile::vars();
    assert!(vars.iter().all(|var| var.file));
    let example = render::env_example(&vars);
    assert!(example.contains("or set PASSWORD_FILE to a file that holds it"), "{example}");
    assert!(render::markdown(&vars).contains("Or `PASSWORD_FILE`: a file that holds it."));
}

#[test]
fn container_file_enables_file_for_secret_fields_only() {
    let vars = Canaries::vars();
    let by_name = |name: &str| vars.iter().find(|var| var.name == name).unwrap().file;
    assert!(by_name("C_TOKEN") && by_name("C_PLAIN") && by_name("C_DB_PASSWORD"));
    assert!(!by_name("C_DATABASE_URL"));
}

#[test]
fn a_list_of_secrets_splits_on_commas_as_any_list() {
    #[derive(EnvConfig)]
    #[env(debug)]
    struct Keys {
        #[env(secret)]
        keys: Vec<String>,
        tokens: Vec<SecretString>,
    }
    let config = Keys::from_vars([("KEYS", "a,b\nc"), ("TOKENS", "x,y")]).unwrap();
    assert_eq!(config.keys, ["a", "b\nc"]);
    assert_eq!(config.tokens.len(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_secret_values_never_show(secret in "\\PC{6,80}") {
        let with = |value: &str| {
            let vars = Vars::new()
                .with("C_TOKEN", value)
                .with("C_PLAIN", value)
                .with("C_NUMBER", value)
                .with("C_PIN", value)
                .with("C_KEYS", value)
                .with("C_CHECKED", value)
                .with("C_DB_PASSWORD", value)
                .with("C_DATABASE_URL", format!("mysql://user:{value}@db/app"))
                .with("C_INNER_SESSION_KEY", value);
            everything_formatted(&Canaries::from_source(&vars), canaries_debug)
        };
        // A "secret" the output holds anyway (`configuration`, six spaces)
        // proves nothing: skip it.
        let baseline = with("neutral-value");
        prop_assume!(!baseline.iter().any(|text| text.contains(&secret)));
        for text in &with(&secret) {
            prop_assert!(!text.contains(&secret), "leaked {secret:?} in {text}");
        }
    }

    #[test]
    fn url_passwords_are_masked_whatever_they_hold(password in "[^\\s]{6,40}") {
        let url = format!("postgres://user:{password}@db.internal:5432/app?sslmode=require");
        let masked = twelve_config::mask_passwords(&url);
        prop_assume!(!"postgres://user:***@db.internal:5432/app?sslmode=require".contains(&password));
        prop_assert!(!masked.contains(&password), "{masked}");
    }
}

#[test]
fn a_fifo_in_a_file_variable_is_refused_without_blocking() {
    let dir = TempDir::new("file-fifo");
    let fifo = dir.0.join("pipe");
    // mkfifo is POSIX: a machine without it fails the test, never skips it.
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
    let path = path_text(&fifo);
    let (sender, receiver) = std::sync::mpsc::channel();
    // Opening a FIFO for reading blocks until a writer comes: load on a
    // thread, so a regression fails this test instead of hanging it.
    std::thread::spawn(move || {
        let outcome = FromFile::from_vars([("PASSWORD_FILE", path)]).map(|_| ()).map_err(|e| e.to_string());
        let _ = sender.send(outcome);
    });
    let outcome = receiver.recv_timeout(std::time::Duration::from_secs(10)).expect("loading returns, never blocks");
    let report = outcome.expect_err("a FIFO is not a secret file");
    assert!(report.contains("it is not a regular file"), "{report}");
}

/// The derive decides which names are credentials as it expands (its own
/// copy of the rule, so no constant is left to the compiler's evaluator):
/// every decision, for the report and for the derived `Debug`, is the one
/// `looks_like_credential` makes.
#[test]
fn the_derive_decides_credentials_as_looks_like_credential_does() {
    #[derive(EnvConfig)]
    #[env(prefix = "APP_", debug)]
    struct Names {
        db_password: String,
        passwd: String,
        my_passphrase: String,
        client_secret: String,
        github_token: String,
        token_ttl: String,
        credentials_path: String,
        apikey: String,
        tls_private_key_path: String,
        privatekey: String,
        basic_auth_user: String,
        stripe_key: String,
        key: String,
        smtp_pass: String,
        sentry_dsn: String,
        tls_pem: String,
        session_cookie: String,
        hash_salt: String,
        keyboard_layout: String,
        bypass: String,
        port: String,
        monkey: String,
        passport_id: String,
        dsn_host: String,
        pem_dir: String,
        salted: String,
        cookie_domain: String,
        api_keys: String,
        #[env(name = "Webhook_Secret")]
        webhook: String,
        #[env(name = "pass")]
        bare: String,
        #[env(name = "LICENSE")]
        license: String,
    }
    let vars: Vec<(String, String)> =
        Names::vars().iter().map(|var| (var.name.clone(), "value-1".to_owned())).collect();
    let loaded = Names::load(&Vars::from_iter(vars)).unwrap();
    let (mut secret, mut shown) = (0, 0);
    for entry in loaded.entries() {
        let expected = twelve_config::looks_like_credential(entry.var());
        assert_eq!(entry.is_secret(), expected, "{}", entry.var());
        if expected { secret += 1 } else { shown += 1 }
    }
    assert!(secret >= 15 && shown >= 10, "{secret} secret, {shown} shown");
    // The derived `Debug` hides exactly those.
    let debug = format!("{:?}", loaded.config());
    assert_eq!(debug.matches("[REDACTED]").count(), secret, "{debug}");
    assert_eq!(debug.matches("\"value-1\"").count(), shown, "{debug}");
}
