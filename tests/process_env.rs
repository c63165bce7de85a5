//! `from_env` and `from_env_or_exit` against a real process environment.
//!
//! This binary runs alone (`harness = false`): it starts itself again as a
//! child with an environment it chose (`env_clear` plus exactly the
//! variables of each case, a non-Unicode value among them), so no test ever
//! writes the environment of a running process.

mod common;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::process::{Command, ExitCode, Output};

use std::borrow::Cow;
use std::ffi::OsStr;

use twelve_config::resource::PostgresUrl;
use twelve_config::{EXIT_CONFIG, EnvConfig, ExposeSecret, Problem, SecretString, Source};

/// Which child role to play.
const ROLE: &str = "TWELVE_CONFIG_TEST_ROLE";

#[derive(EnvConfig, Debug)]
#[env(prefix = "PE_")]
struct Config {
    port: u16,
    name: String,
    token: SecretString,
    #[env(default = false)]
    debug: bool,
    #[env(deprecated = "PE_OLD_NAME", default = "x")]
    #[allow(dead_code, reason = "read to warn about its old name")]
    new_name: String,
}

/// Names that are prefixes of one another, a `_FILE`, an exact name, a
/// nested struct (read by `var_os`), a list and an optional URL, and
/// enough fields (over 64 names) that `Env` reads the environment in one
/// `vars_os` pass: it must find what `var_os` finds.
#[derive(EnvConfig, Debug)]
#[env(prefix = "PW_")]
#[allow(dead_code, reason = "read through Debug")]
struct Wide {
    x: String,
    x_y: Option<String>,
    xy: Option<String>,
    with_equals: Option<String>,
    empty: Option<String>,
    #[env(file)]
    secret: Option<SecretString>,
    /// Reads `PW_SECRET_FILE` too: one variable, two fields. A path, so
    /// not a secret though its name looks like one.
    #[env(secret = false)]
    secret_file: Option<String>,
    #[env(name = "EXACT_URL")]
    url: Option<PostgresUrl>,
    #[env(nested)]
    db: Db,
    ports: Vec<u16>,
    not_unicode: Option<String>,
    #[env(default = 7)]
    unset: u8,
    /// Fields enough to take the one-pass path.
    pad_00: Option<u8>,
    pad_01: Option<u8>,
    pad_02: Option<u8>,
    pad_03: Option<u8>,
    pad_04: Option<u8>,
    pad_05: Option<u8>,
    pad_06: Option<u8>,
    pad_07: Option<u8>,
    pad_08: Option<u8>,
    pad_09: Option<u8>,
    pad_10: Option<u8>,
    pad_11: Option<u8>,
    pad_12: Option<u8>,
    pad_13: Option<u8>,
    pad_14: Option<u8>,
    pad_15: Option<u8>,
    pad_16: Option<u8>,
    pad_17: Option<u8>,
    pad_18: Option<u8>,
    pad_19: Option<u8>,
    pad_20: Option<u8>,
    pad_21: Option<u8>,
    pad_22: Option<u8>,
    pad_23: Option<u8>,
    pad_24: Option<u8>,
    pad_25: Option<u8>,
    pad_26: Option<u8>,
    pad_27: Option<u8>,
    pad_28: Option<u8>,
    pad_29: Option<u8>,
    pad_30: Option<u8>,
    pad_31: Option<u8>,
    pad_32: Option<u8>,
    pad_33: Option<u8>,
    pad_34: Option<u8>,
    pad_35: Option<u8>,
    pad_36: Option<u8>,
    pad_37: Option<u8>,
    pad_38: Option<u8>,
    pad_39: Option<u8>,
    pad_40: Option<u8>,
    pad_41: Option<u8>,
    pad_42: Option<u8>,
    pad_43: Option<u8>,
    pad_44: Option<u8>,
    pad_45: Option<u8>,
    pad_46: Option<u8>,
    pad_47: Option<u8>,
    pad_48: Option<u8>,
    pad_49: Option<u8>,
    pad_50: Option<u8>,
    pad_51: Option<u8>,
    pad_52: Option<u8>,
    pad_53: Option<u8>,
    pad_54: Option<u8>,
    pad_55: Option<u8>,
}

#[derive(EnvConfig, Debug)]
#[allow(dead_code, reason = "read through Debug")]
struct Db {
    host: String,
    #[env(default = 5432)]
    port: u16,
}

/// The process environment one `var_os` per variable: `Env` without its
/// one-pass reading of a config of many variables.
struct PerVariable;

impl Source for PerVariable {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        std::env::var_os(name).map(Cow::Owned)
    }

    fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
        Box::new(std::env::vars_os().map(|(name, _)| Cow::Owned(name)))
    }
}

fn main() -> ExitCode {
    match std::env::var(ROLE).as_deref() {
        Ok("compare") => child_compare(),
        Ok("from_env") => child_from_env(),
        Ok("or_exit") => child_or_exit(),
        Ok("or_exit_after_stdin") => {
            // Waits until the parent has closed the pipe standard error
            // writes to, so the report meets a broken pipe.
            let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
            child_or_exit()
        }
        _ => parent(),
    }
}

/// Loads with `from_env` and prints what it found, one line per problem.
fn child_from_env() -> ExitCode {
    match Config::from_env() {
        Ok(config) => {
            println!(
                "ok port={} name={} token={} debug={}",
                config.port,
                config.name,
                config.token.expose_secret().len(),
                config.debug
            );
        }
        Err(error) => {
            for problem in error.problems() {
                let kind = match problem {
                    Problem::Missing { .. } => "missing",
                    Problem::Invalid { .. } => "invalid",
                    Problem::NotUnicode { value, .. } => {
                        println!("not-unicode {} {}", problem.var(), value.as_deref().unwrap_or("<hidden>"));
                        continue;
                    }
                    _ => "other",
                };
                println!("{kind} {}", problem.var());
            }
        }
    }
    ExitCode::SUCCESS
}

/// Loads `Wide` from the environment both ways and prints what `from_env`
/// found, then whether the two agree.
fn child_compare() -> ExitCode {
    let one_pass = format!("{:?}", Wide::from_env().map_err(|error| error.to_string()));
    let per_variable = format!("{:?}", Wide::from_source(&PerVariable).map_err(|error| error.to_string()));
    println!("{one_pass}");
    println!("{}", if one_pass == per_variable { "same" } else { &per_variable });
    ExitCode::SUCCESS
}

fn child_or_exit() -> ExitCode {
    let config = Config::from_env_or_exit();
    println!("started on {}", config.port);
    ExitCode::SUCCESS
}

fn run(role: &str, vars: &[(&str, OsString)]) -> Output {
    run_with_names(role, vars, &[])
}

/// `run`, with variables whose names need not be Unicode.
fn run_with_names(role: &str, vars: &[(&str, OsString)], more: &[(OsString, &str)]) -> Output {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let mut command = Command::new(exe);
    command.env_clear().env(ROLE, role);
    for (name, value) in vars {
        command.env(name, value);
    }
    for (name, value) in more {
        command.env(name, value);
    }
    command.output().expect("the test binary starts again")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn from_env_reads_the_process_environment() {
    let output =
        run("from_env", &[("PE_PORT", "8080".into()), ("PE_NAME", "svc".into()), ("PE_TOKEN", "s3cret".into())]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(text(&output.stdout), "ok port=8080 name=svc token=6 debug=false\n");
}

fn from_env_reports_a_non_unicode_value_and_keeps_going() {
    let output = run(
        "from_env",
        &[
            ("PE_PORT", "eighty".into()),
            ("PE_NAME", OsString::from_vec(b"caf\xE9".to_vec())),
            ("PE_TOKEN", OsString::from_vec(b"s3\xFFcret".to_vec())),
        ],
    );
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        text(&output.stdout),
        "invalid PE_PORT\nnot-unicode PE_NAME \"caf\\xE9\"\nnot-unicode PE_TOKEN <hidden>\n"
    );
}

/// Runs the `compare` child: what `from_env` loaded, after checking that a
/// `var_os`-only source loaded the same.
fn compare(vars: &[(&str, OsString)], more: &[(OsString, &str)]) -> String {
    let output = run_with_names("compare", vars, more);
    assert!(output.status.success(), "{output:?}");
    let stdout = text(&output.stdout);
    let mut lines = stdout.lines();
    let loaded = lines.next().unwrap_or_default().to_owned();
    assert_eq!(lines.next(), Some("same"), "{stdout}");
    loaded
}

/// The variables every case of `one_pass_finds_what_var_os_finds` sets,
/// then the case's own.
fn with_common<'a>(secret: &std::path::Path, extra: &[(&'a str, OsString)]) -> Vec<(&'a str, OsString)> {
    let mut vars: Vec<(&str, OsString)> = vec![
        ("PW_X", "x".into()),
        ("PW_WITH_EQUALS", "a=b=c".into()),
        ("PW_EMPTY", "".into()),
        ("PW_SECRET_FILE", secret.into()),
        ("EXACT_URL", "postgres://app:pw@db/app".into()),
        ("PW_DB_HOST", "db.internal".into()),
        ("PW_PORTS", "1,2,3".into()),
        ("PW_PAD_00", "1".into()),
    ];
    vars.extend_from_slice(extra);
    vars
}

fn one_pass_finds_what_var_os_finds() {
    let secret = std::env::temp_dir().join(format!("twelve-config-process-env-{}", std::process::id()));
    std::fs::write(&secret, "from-a-file\n").expect("the temporary directory is writable");
    let long = "p".repeat(100_000);
    let loaded = compare(
        &with_common(
            &secret,
            &[
                ("PW_X_Y", "x_y".into()),
                ("PW_XY", "xy".into()),
                ("PW_NOT_UNICODE", OsString::from_vec(b"caf\xE9".to_vec())),
                // Neighbours: names that start like the config's, a non-Unicode
                // name, a long unrelated entry.
                ("PW_", "prefix only".into()),
                ("PW_X_", "one more underscore".into()),
                ("PW_x", "lowercase".into()),
                ("PW_UNSET_FILE", "/not/read".into()),
                ("PLONG", long.clone().into()),
                (&long, "a long name".into()),
            ],
        ),
        &[(OsString::from_vec(b"PW_\xFF".to_vec()), "a name that is not Unicode")],
    );
    // A non-Unicode value is a problem: the whole load is an error, and it
    // is the same error both ways.
    assert!(loaded.starts_with("Err(") && loaded.contains("PW_NOT_UNICODE"), "{loaded}");

    let _ = std::fs::remove_file(&secret);
    let loaded = compare(
        &with_common(
            &secret,
            &[("PW_XY", "xy".into()), ("PW_X_", "one more underscore".into()), ("PLONG", long.into())],
        ),
        &[],
    );
    // The file is gone: `PW_SECRET_FILE` names a missing file.
    assert!(loaded.contains("PW_SECRET_FILE") && loaded.contains("no such file"), "{loaded}");

    std::fs::write(&secret, "from-a-file\n").expect("the temporary directory is writable");
    let loaded = compare(&with_common(&secret, &[("PW_X_Y", "x_y".into())]), &[]);
    let _ = std::fs::remove_file(&secret);
    let expected = format!(
        "Ok(Wide {{ x: \"x\", x_y: Some(\"x_y\"), xy: None, with_equals: Some(\"a=b=c\"), empty: None, \
         secret: Some(SecretBox<str>([REDACTED])), secret_file: Some({:?}), \
         url: Some(PostgresUrl(\"postgres://app:***@db/app\")), \
         db: Db {{ host: \"db.internal\", port: 5432 }}, ports: [1, 2, 3], not_unicode: None, unset: 7, pad_00: Some(1), pad_01: None, pad_02: None, pad_03: None, pad_04: None, pad_05: None, pad_06: None, pad_07: None, pad_08: None, pad_09: None, pad_10: None, pad_11: None, pad_12: None, pad_13: None, pad_14: None, pad_15: None, pad_16: None, pad_17: None, pad_18: None, pad_19: None, pad_20: None, pad_21: None, pad_22: None, pad_23: None, pad_24: None, pad_25: None, pad_26: None, pad_27: None, pad_28: None, pad_29: None, pad_30: None, pad_31: None, pad_32: None, pad_33: None, pad_34: None, pad_35: None, pad_36: None, pad_37: None, pad_38: None, pad_39: None, pad_40: None, pad_41: None, pad_42: None, pad_43: None, pad_44: None, pad_45: None, pad_46: None, pad_47: None, pad_48: None, pad_49: None, pad_50: None, pad_51: None, pad_52: None, pad_53: None, pad_54: None, pad_55: None }})",
        secret.display().to_string()
    );
    assert_eq!(loaded, expected);
}

fn from_env_or_exit_prints_the_report_and_exits_78() {
    let output = run(
        "or_exit",
        &[("PE_PORT", "eighty".into()), ("PE_TOKEN", "hunter2-canary".into()), ("PE_DEBUG", "flase".into())],
    );
    assert_eq!(output.status.code(), Some(EXIT_CONFIG), "{output:?}");
    assert!(output.stdout.is_empty(), "{output:?}");
    let stderr = text(&output.stderr);
    assert_eq!(
        stderr,
        "\
3 configuration problems (1 missing, 2 invalid):
  invalid  PE_PORT  port: u16    \"eighty\": invalid digit found in string
  missing  PE_NAME  name: String not set
  invalid  PE_DEBUG debug: bool  \"flase\": expected true/false, 1/0, yes/no or on/off
"
    );
    assert!(!stderr.contains("hunter2"));
}

fn from_env_or_exit_returns_the_config_when_all_is_well() {
    let output = run("or_exit", &[("PE_PORT", "9000".into()), ("PE_NAME", "svc".into()), ("PE_TOKEN", "t".into())]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(text(&output.stdout), "started on 9000\n");
}

/// `eprintln!` panics on a broken pipe (exit 101): the report is written
/// without panicking, and the status is 78 whatever standard error does.
fn from_env_or_exit_exits_78_when_stderr_is_a_broken_pipe() {
    use std::process::Stdio;
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let mut child = Command::new(exe)
        .env_clear()
        .env(ROLE, "or_exit_after_stdin")
        .env("PE_PORT", "eighty")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary starts again");
    drop(child.stderr.take());
    drop(child.stdin.take());
    let status = child.wait().expect("the child ends");
    assert_eq!(status.code(), Some(EXIT_CONFIG), "{status:?}");

    // Standard error closed outright (`2>&-`).
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let status = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" 2>&-")
        .arg(exe)
        .env_clear()
        .env(ROLE, "or_exit")
        .env("PE_PORT", "eighty")
        .stdout(Stdio::null())
        .status()
        .expect("sh starts the test binary");
    assert_eq!(status.code(), Some(EXIT_CONFIG), "{status:?}");
}

fn from_env_or_exit_prints_warnings_and_goes_on() {
    let output = run(
        "or_exit",
        &[("PE_PORT", "9000".into()), ("PE_NAME", "svc".into()), ("PE_TOKEN", "t".into()), ("PE_OLD_NAME", "y".into())],
    );
    assert!(output.status.success(), "{output:?}");
    assert_eq!(text(&output.stdout), "started on 9000\n");
    assert_eq!(text(&output.stderr), "warning: PE_OLD_NAME is deprecated: rename it to PE_NEW_NAME\n");
}

fn parent() -> ExitCode {
    let tests: [(&str, fn()); 7] = [
        ("one_pass_finds_what_var_os_finds", one_pass_finds_what_var_os_finds),
        ("from_env_reads_the_process_environment", from_env_reads_the_process_environment),
        ("from_env_reports_a_non_unicode_value_and_keeps_going", from_env_reports_a_non_unicode_value_and_keeps_going),
        ("from_env_or_exit_prints_the_report_and_exits_78", from_env_or_exit_prints_the_report_and_exits_78),
        ("from_env_or_exit_returns_the_config_when_all_is_well", from_env_or_exit_returns_the_config_when_all_is_well),
        (
            "from_env_or_exit_exits_78_when_stderr_is_a_broken_pipe",
            from_env_or_exit_exits_78_when_stderr_is_a_broken_pipe,
        ),
        ("from_env_or_exit_prints_warnings_and_goes_on", from_env_or_exit_prints_warnings_and_goes_on),
    ];
    common::run_tests(&tests)
}
