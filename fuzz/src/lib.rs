//! The properties every fuzz target checks, shared by the targets.

use std::ffi::OsString;
use std::fmt::Display;
use std::os::unix::ffi::OsStringExt;
use std::str::FromStr;

use std::collections::BTreeMap;

use twelve_config::resource::{PostgresUrl, RedisUrl, Resource, ResourceUrl};
use twelve_config::{EnvConfig, ExposeSecret, SecretBox, SecretString, Vars, render};

// Which characters must never reach a log line raw: the workspace tests'
// own list, so the fuzz targets and the tests check the same set.
#[path = "../../tests/hazard/mod.rs"]
mod hazard;
use hazard::{has_raw_hazard, has_refused_host_char};

/// The raw password of `input` when it has a plain
/// `scheme://user:password@host` shape: the text between the first `:` of
/// the authority and its `@`, if it holds none of `/?#@` and appears once.
fn raw_password(input: &str) -> Option<&str> {
    // The authority follows the scheme at once: a later `://` (in a socket
    // URL's query) starts none.
    let (scheme, rest) = input.split_once("://")?;
    if scheme.is_empty()
        || !scheme.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.'))
    {
        return None;
    }
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let (userinfo, _) = authority.split_once('@')?;
    let (_, password) = userinfo.split_once(':')?;
    // Short passwords occur by chance in hosts and paths.
    (password.len() >= 4 && input.matches(password).count() == 1).then_some(password)
}

/// `text` with every `secret` replaced by a look-alike: each letter and
/// digit shifted by one (`a` to `b`, `9` to `0`), everything else kept, so
/// the input keeps its shape and the parser takes the same path.
fn scrub(text: &str, secret: &str) -> String {
    let shifted: String = secret
        .chars()
        .map(|c| match c {
            'z' => 'a',
            'Z' => 'A',
            '9' => '0',
            c if c.is_ascii_alphanumeric() => char::from(c as u8 + 1),
            c => c,
        })
        .collect();
    text.replace(secret, &shifted)
}

/// [`scrub`] on bytes: every occurrence of `secret` replaced, other bytes
/// kept.
fn scrub_bytes(bytes: &[u8], secret: &str) -> Vec<u8> {
    let shifted = scrub(secret, secret);
    let (needle, replacement) = (secret.as_bytes(), shifted.as_bytes());
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if !needle.is_empty() && bytes[index..].starts_with(needle) {
            out.extend_from_slice(replacement);
            index += needle.len();
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    out
}

/// Whether `output(text)` shows `secret` because of the secret itself, not
/// by coincidence: with `secret` replaced by a filler in the input, the
/// output no longer holds it.
fn shows(secret: &str, shown: &str, again: impl FnOnce() -> String) -> bool {
    holds(shown, secret) && !holds(&again(), secret)
}

/// Whether `shown` holds `secret` other than through the mask `***`: a
/// secret holding `*` (`*p:*`) is matched by its neighbours and the mask
/// (`*p:***`) without showing. Unless the secret holds `***` itself, the
/// mask is read as a character no URL holds.
fn holds(shown: &str, secret: &str) -> bool {
    if secret.contains("***") { shown.contains(secret) } else { shown.replace("***", "\0").contains(secret) }
}

/// Parses `data` as `H`; checks the properties every handle keeps.
pub fn check_handle<H>(data: &[u8])
where
    H: Resource,
    <H as FromStr>::Err: Display,
{
    let Ok(input) = std::str::from_utf8(data) else { return };
    let password = raw_password(input);
    match input.parse::<H>() {
        Ok(handle) => {
            let shown = handle.to_string();
            let debug = format!("{handle:?}");
            // A URL holding a control, bidirectional or zero-width
            // character never writes it raw into a log line.
            assert!(!has_raw_hazard(&shown), "Display holds a raw hazard: {shown:?}");
            assert!(!has_raw_hazard(&debug), "Debug holds a raw hazard: {debug:?}");
            // Nor does a host, decoded, hold what no host holds.
            for host in handle.hosts() {
                assert!(!has_refused_host_char(host.host(), host.is_socket()), "a host no driver can use: {host:?}");
            }
            if let Some(password) = password {
                let again = |format: fn(&H) -> String| {
                    scrub(input, password).parse::<H>().map(|handle| format(&handle)).unwrap_or_default()
                };
                assert!(!shows(password, &shown, || again(|h| h.to_string())), "Display shows the password: {shown}");
                assert!(!shows(password, &debug, || again(|h| format!("{h:?}"))), "Debug shows the password: {debug}");
                // What the accessors borrow prints itself too.
                let parts = |h: &H| format!("{:?} {:?}", h.query_pairs(), h.hosts());
                let borrowed = parts(&handle);
                assert!(
                    !shows(password, &borrowed, || again(parts)),
                    "Debug of the parts shows the password: {borrowed}"
                );
            }
            if let Some(decoded) = handle.password().map(|p| p.expose_secret().to_owned())
                && decoded.len() >= 4
                && input.matches(decoded.as_str()).count() <= 1
                && holds(&shown, &decoded)
            {
                // Text standing twice is shown by chance (`redis://redis:redis@h`).
                // Once, it is still shown by chance when it is not the
                // password's source (a password written `%77+w+` and a
                // query holding `w+w+`): with that text replaced, the
                // handle keeps its password and no longer shows it. Shown
                // because of the password when the replaced text was its
                // source (the password changed), or when it is still shown.
                let again = scrub(input, &decoded).parse::<H>().ok();
                let source = again
                    .as_ref()
                    .is_none_or(|again| again.password().map(|p| p.expose_secret()) != Some(decoded.as_str()));
                let still = again.as_ref().is_some_and(|again| holds(&again.to_string(), &decoded));
                assert!(!(source || still), "Display shows the decoded password: {shown}");
            }
            // The URL as given, for the driver, reads back as the same parts.
            let exposed = handle.expose_url();
            let again: H = exposed
                .expose_secret()
                .parse()
                .unwrap_or_else(|error| panic!("expose_url does not parse again: {error}"));
            assert_eq!(handle.scheme(), again.scheme());
            assert_eq!(handle.hosts(), again.hosts());
            assert_eq!(handle.port(), again.port());
            assert_eq!(handle.username(), again.username());
            assert_eq!(
                handle.password().map(|p| p.expose_secret().to_owned()),
                again.password().map(|p| p.expose_secret().to_owned())
            );
            assert!(handle.query_pairs().eq(again.query_pairs()));
        }
        Err(error) => {
            let message = error.to_string();
            assert!(!has_raw_hazard(&message), "the parse error holds a raw hazard: {message:?}");
            if let Some(password) = password {
                let again = || match scrub(input, password).parse::<H>() {
                    Ok(_) => String::new(),
                    Err(error) => error.to_string(),
                };
                assert!(!shows(password, &message, again), "the parse error quotes the password: {message}");
            }
        }
    }
}

#[derive(EnvConfig)]
#[env(prefix = "F_", file, deny_unknown, debug)]
#[allow(dead_code, reason = "loaded to be formatted")]
struct Config {
    token: SecretString,
    pin: Option<SecretBox<u32>>,
    #[env(secret)]
    hidden: Option<String>,
    api_key: Option<String>,
    name: Option<String>,
    port: Option<u16>,
    flag: Option<bool>,
    list: Option<Vec<u8>>,
    database_url: Option<PostgresUrl>,
    redis_url: Option<RedisUrl>,
    store_url: Option<ResourceUrl>,
    webhook: Option<String>,
    headers: Option<BTreeMap<String, String>>,
    #[env(json)]
    replicas: Option<Vec<String>>,
    #[env(json)]
    routes: Option<BTreeMap<String, BTreeMap<String, String>>>,
    #[env(json)]
    allowed: Option<SecretBox<Vec<String>>>,
    tokens: Option<BTreeMap<String, SecretString>>,
    #[env(alias = "F_LEGACY_API_TOKEN")]
    upstream: Option<String>,
    #[env(nested)]
    smtp: Smtp,
}

#[derive(EnvConfig)]
#[env(debug)]
#[allow(dead_code, reason = "loaded to be formatted")]
struct Smtp {
    #[env(default = "localhost")]
    host: String,
    password: Option<String>,
}

/// The variables that hold secrets, by name. A `_FILE` variable holds a
/// path, shown when it reads as one in a directory that exists (and hidden
/// otherwise, as it may be a secret pasted there): the path rule has its
/// own tests.
const SECRET_VARS: &[&str] = &[
    "F_TOKEN",
    "F_PIN",
    "F_HIDDEN",
    "F_API_KEY",
    "F_SMTP_PASSWORD",
    "F_ALLOWED",
    "F_TOKENS",
    "F_UPSTREAM",
    "F_LEGACY_API_TOKEN",
];

/// Everything the crate writes about a load: the report (`Display`, `Debug`,
/// each problem), or the effective configuration, each entry, each warning
/// and the config's derived `Debug`; and both fingerprints' inputs are
/// checked apart, as a digest shows nothing.
fn every_output(vars: &Vars) -> String {
    match Config::load(vars) {
        Ok(loaded) => {
            let mut out = format!("{loaded}\n{:?}\n", loaded.config());
            for entry in loaded.entries() {
                out.push_str(&format!("{} {:?}\n", entry.var(), entry.value()));
            }
            for warning in loaded.warnings() {
                out.push_str(&format!("{warning}\n"));
            }
            out
        }
        Err(error) => {
            let mut out = format!("{error}\n{error:?}\n");
            for problem in error.problems() {
                out.push_str(&format!("{problem:?}\n"));
            }
            out
        }
    }
}

/// The unkeyed fingerprint, when the load succeeds.
fn fingerprint(vars: &Vars) -> Option<String> {
    Config::load(vars).ok().map(|loaded| loaded.fingerprint())
}

/// What could be the user information of a mistyped URL in a value that is
/// not secret: the text between the last `:` before the last `@` and that
/// `@`, however the scheme and slashes are written.
fn userinfo_password(value: &str) -> Option<&str> {
    let at = value.rfind('@')?;
    let colon = value[..at].rfind(':')?;
    let password = &value[colon + 1..at];
    // What a well-formed URL's authority would show: a port, a path.
    (!password.contains(['/', '\\', '?', '#', '@', '*']) && !password.bytes().all(|byte| byte.is_ascii_digit()))
        .then_some(password)
}

/// Names and values from `data`: `name=value` records separated by NUL;
/// a name without the `F_` start gets it, so most records reach a field.
fn variables(data: &[u8]) -> Vec<(OsString, OsString)> {
    data.split(|&byte| byte == 0)
        .filter_map(|record| {
            let equals = record.iter().position(|&byte| byte == b'=')?;
            let (name, value) = (&record[..equals], &record[equals + 1..]);
            let name = if name.starts_with(b"F_") { name.to_vec() } else { [b"F_".as_slice(), name].concat() };
            Some((OsString::from_vec(name), OsString::from_vec(value.to_vec())))
        })
        .collect()
}

/// Loads `Config` from arbitrary variables; checks every output: no secret
/// value (nor what could be a mistyped URL's password) in any, the keyless
/// fingerprint the same whatever a secret's value, no raw hazard in the
/// report.
pub fn check_load(data: &[u8]) {
    let pairs = variables(data);
    let mut vars = Vars::new();
    for (name, value) in &pairs {
        if let Some(name) = name.to_str() {
            vars.insert(name, value.clone());
        }
    }
    let shown = every_output(&vars);
    let print = fingerprint(&vars);
    // A `_FILE` path is not read here unless it names a real file: fuzz
    // input naming one is rare, and its content is not the input.
    for (name, value) in &pairs {
        let (Some(name), Some(value)) = (name.to_str(), value.to_str()) else { continue };
        let hidden: &str = if SECRET_VARS.contains(&name) {
            value
        } else {
            match userinfo_password(value) {
                Some(password) => password,
                None => continue,
            }
        };
        // Padding and punctuation stand in every report: a secret of
        // whitespace and symbols matches them by chance.
        if hidden.len() < 6 || hidden.chars().filter(char::is_ascii_alphanumeric).count() < 3 {
            continue;
        }
        // A value that also stands in a name or another value may be shown
        // as that: only a value found nowhere else must be absent.
        let elsewhere = pairs.iter().any(|(other_name, other_value)| {
            let other_name = other_name.to_string_lossy();
            let hidden = hidden.trim();
            (other_name != name && other_value.to_string_lossy().contains(hidden)) || other_name.contains(hidden)
        });
        if elsewhere || value.matches(hidden).count() > 1 {
            continue;
        }
        // Loaded again with the value replaced by a look-alike everywhere
        // (in every name and value): what still shows it comes from the
        // crate's own words, not from the secret.
        let scrubbed = || {
            let mut scrubbed = Vars::new();
            for (other_name, other_value) in &pairs {
                // Bytes kept as they are (a value that is not UTF-8 stays so).
                let other_name = scrub_bytes(other_name.as_encoded_bytes(), hidden);
                let other_value = scrub_bytes(other_value.as_encoded_bytes(), hidden);
                if let Ok(other_name) = String::from_utf8(other_name) {
                    scrubbed.insert(other_name, OsString::from_vec(other_value));
                }
            }
            scrubbed
        };
        assert!(!shows(hidden, &shown, || every_output(&scrubbed())), "{name}'s {hidden:?} is shown:\n{shown}");
        // A secret enters the keyless fingerprint only as being set.
        if SECRET_VARS.contains(&name)
            && let (Some(print), Some(again)) = (&print, fingerprint(&scrubbed()))
        {
            assert_eq!(print, &again, "{name}'s value changes the keyless fingerprint");
        }
    }
    if let Err(error) = Config::from_source(&vars) {
        let report = error.to_string();
        assert!(!has_raw_hazard(&report), "a raw control character in the report:\n{report:?}");
    }
}

/// The generated files of the fuzzed config: no default of a secret, no
/// masked value written as a value. They do not depend on the input, so
/// they are checked once, by the target's first run.
pub fn check_templates_once() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let vars = Config::vars();
        for text in [render::env_example(&vars), render::markdown(&vars), render::kubernetes::<Config>()] {
            assert!(!text.contains("***"), "a masked value written as a value:\n{text}");
        }
    });
}

/// Whether every name a source provides is one a shell, a `.env` file and
/// a manifest can carry.
fn names_are_portable(source: &impl twelve_config::Source) -> bool {
    source.names().all(|name| {
        name.to_str().is_some_and(|name| {
            let mut bytes = name.bytes();
            bytes.next().is_some_and(|first| first.is_ascii_alphabetic() || first == b'_')
                && bytes.all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
        })
    })
}

/// The strings of a JSON value's `credentials` members, at any depth.
fn credential_strings(value: &serde_json::Value, inside: bool, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) if inside => out.push(text.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|item| credential_strings(item, inside, out)),
        serde_json::Value::Object(members) => {
            for (key, member) in members {
                credential_strings(member, inside || key == "credentials", out);
            }
        }
        _ => {}
    }
}

/// Reads `data` as `VCAP_SERVICES`; checks the names and the error.
pub fn check_vcap(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match twelve_config::VcapServices::from_json(text) {
        Ok(services) => assert!(names_are_portable(&services), "a name no shell carries"),
        Err(error) => {
            let shown = error.to_string();
            assert!(!has_raw_hazard(&shown), "a raw hazard in the error: {shown:?}");
            let mut secrets = Vec::new();
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
                credential_strings(&value, false, &mut secrets);
            }
            for secret in secrets.iter().filter(|secret| secret.len() >= 6 && text.matches(secret.as_str()).count() == 1) {
                let label_or_name = text.contains(&format!("\"{secret}\":")) || shown.matches(secret.as_str()).count() == 0;
                assert!(label_or_name, "the error quotes a credential {secret:?}: {shown}");
            }
        }
    }
}

/// Builds a binding tree from `data` (records `binding/entry=value`
/// separated by NUL) in a fresh directory and reads it.
pub fn check_bindings(data: &[u8]) {
    let (values, read) = read_bindings(data, false);
    match read {
        Ok(bindings) => assert!(names_are_portable(&bindings), "a name no shell carries"),
        Err(error) => {
            let shown = error.to_string();
            assert!(!has_raw_hazard(&shown), "a raw hazard in the error: {shown:?}");
            // A value counts as quoted only because of itself: the error of
            // the same tree with every value's characters changed must
            // lose it (the fuzzer readily builds a "value" out of a name's
            // escaped form or the message's own words).
            let again = read_bindings(data, true).1.err().map(|error| error.to_string()).unwrap_or_default();
            for value in values.iter().filter(|value| !data_has_as_name(data, value)) {
                assert!(
                    !shown.contains(value.as_str()) || again.contains(value.as_str()),
                    "the error quotes a value {value:?}: {shown}"
                );
            }
        }
    }
}

/// The tree `data` describes (`binding/entry=value` records separated by
/// NUL), read by `ServiceBindings::from_root`, with the values written
/// (six characters or more); `changed`: every character of every value
/// replaced by another.
fn read_bindings(
    data: &[u8],
    changed: bool,
) -> (Vec<String>, Result<twelve_config::ServiceBindings, twelve_config::PlatformError>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let root = std::env::temp_dir().join(format!(
        "twelve-config-fuzz-bindings-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    let mut values = Vec::new();
    for record in data.split(|&byte| byte == 0).take(16) {
        let Ok(record) = std::str::from_utf8(record) else { continue };
        let Some((path, value)) = record.split_once('=') else { continue };
        let Some((binding, entry)) = path.split_once('/') else { continue };
        // Names the file system itself refuses are not the reader's to test.
        let plain = |name: &str| !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\0']);
        if !plain(binding) || !plain(entry) || binding.len() > 64 || entry.len() > 64 {
            continue;
        }
        let dir = root.join(binding);
        if std::fs::create_dir_all(&dir).is_err() {
            continue;
        }
        let written: String =
            if changed { value.chars().map(|c| if c == 'z' { 'q' } else { 'z' }).collect() } else { value.to_owned() };
        if std::fs::write(dir.join(entry), written).is_ok() && value.len() >= 6 {
            values.push(value.to_owned());
        }
    }
    let read = twelve_config::ServiceBindings::from_root(&root);
    let _ = std::fs::remove_dir_all(&root);
    (values, read)
}

/// Whether `text` stands in `data` anywhere but as a value (as a binding or
/// entry name, which an error names).
fn data_has_as_name(data: &[u8], text: &str) -> bool {
    data.split(|&byte| byte == 0).any(|record| {
        let record = String::from_utf8_lossy(record);
        record.split_once('=').is_some_and(|(path, _)| path.contains(text))
    })
}

/// What the manifest checks read of a config: a plain value, a URL, a
/// secret that a file may hold.
#[derive(twelve_config::EnvConfig, Debug)]
#[env(prefix = "APP_", deny_unknown)]
#[allow(dead_code, reason = "checked, not used")]
struct Manifested {
    port: u16,
    database_url: Option<twelve_config::resource::PostgresUrl>,
    #[env(file)]
    token: twelve_config::SecretString,
}

/// `check::kubernetes`, `check::kubernetes_container` and `check::compose`
/// on `data` as YAML: no panic, within libFuzzer's time and memory bounds;
/// the report writes no raw hazard; a `Secret`'s `stringData` value of the
/// input never appears in it but where the input has it elsewhere.
pub fn check_manifest(data: &[u8]) {
    use twelve_config::check;
    let text = String::from_utf8_lossy(data);
    let reports = [
        check::kubernetes::<Manifested>(&text),
        check::kubernetes_container::<Manifested>(&text, "app"),
        check::compose::<Manifested>(&text, "app"),
    ];
    for report in reports {
        let Err(error) = report else { continue };
        let shown = error.to_string();
        assert!(!has_raw_hazard(&shown), "a raw hazard in the report: {shown:?}");
        // `secret-value-NNN` stands for a Secret's data: the input names
        // it nowhere else, so the report must not show it.
        for (at, _) in text.match_indices("secret-value-") {
            let value: String = text[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            if text.matches(value.as_str()).count() == 1 && text[..at].ends_with("stringData: {t: ") {
                assert!(!shown.contains(&value), "the report shows a Secret's data {value:?}: {shown}");
            }
        }
    }
}
