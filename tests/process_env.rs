//! `from_env` and `from_env_or_exit` against a real process environment.
//!
//! This binary runs alone (`harness = false`): it starts itself again as a
//! child with an environment it chose (`env_clear` plus exactly the
//! variables of each case, a non-Unicode value among them), so no test ever
//! writes the environment of a running process.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::process::{Command, ExitCode, Output};

use twelve_config::{EXIT_CONFIG, EnvConfig, ExposeSecret, Problem, SecretString};

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
}

fn main() -> ExitCode {
    match std::env::var(ROLE).as_deref() {
        Ok("from_env") => child_from_env(),
        Ok("or_exit") => child_or_exit(),
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

fn child_or_exit() -> ExitCode {
    let config = Config::from_env_or_exit();
    println!("started on {}", config.port);
    ExitCode::SUCCESS
}

fn run(role: &str, vars: &[(&str, OsString)]) -> Output {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let mut command = Command::new(exe);
    command.env_clear().env(ROLE, role);
    for (name, value) in vars {
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

fn parent() -> ExitCode {
    let tests: [(&str, fn()); 4] = [
        ("from_env_reads_the_process_environment", from_env_reads_the_process_environment),
        ("from_env_reports_a_non_unicode_value_and_keeps_going", from_env_reports_a_non_unicode_value_and_keeps_going),
        ("from_env_or_exit_prints_the_report_and_exits_78", from_env_or_exit_prints_the_report_and_exits_78),
        ("from_env_or_exit_returns_the_config_when_all_is_well", from_env_or_exit_returns_the_config_when_all_is_well),
    ];
    let mut failed = 0;
    for (name, test) in tests {
        match std::panic::catch_unwind(test) {
            Ok(()) => println!("test {name} ... ok"),
            Err(_) => {
                println!("test {name} ... FAILED");
                failed += 1;
            }
        }
    }
    println!("{} passed, {failed} failed", tests.len() - failed);
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
