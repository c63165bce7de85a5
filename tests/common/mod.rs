//! What the test binaries that run alone (`harness = false`) share.

use std::process::ExitCode;

/// Runs each test in turn, a panic failing it, and prints the lines
/// `cargo test` prints: `test NAME ... ok` and `N passed, N failed`.
pub fn run_tests(tests: &[(&str, fn())]) -> ExitCode {
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
