//! Loading beside another thread's `set_var`: memory-safe, because the
//! environment is read only through std, under std's lock.
//!
//! This is the one test binary that writes its own process environment,
//! and it holds this one test, so nothing else runs beside it. A load
//! that read the C runtime's `environ` without std's lock crashed here (a
//! heap use-after-free: glibc's `setenv` reallocates the array). Run it
//! under AddressSanitizer with
//!
//! ```text
//! RUSTFLAGS=-Zsanitizer=address cargo +nightly test --target x86_64-unknown-linux-gnu --test env_race
//! ```

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use twelve_config::{EnvConfig, SecretString};

/// Few variables: read one `var_os` each.
#[derive(EnvConfig, Debug)]
#[env(prefix = "RACE_")]
#[allow(dead_code, reason = "loaded, not read")]
struct Small {
    #[env(default = 1)]
    port: u16,
    name: Option<String>,
    token: Option<SecretString>,
}

macro_rules! large {
    ($($field:ident),*) => {
        /// Over 64 variables: read in one `vars_os` pass.
        #[derive(EnvConfig, Debug)]
        #[env(prefix = "RACE_", deny_unknown)]
        #[allow(dead_code, reason = "loaded, not read")]
        struct Large {
            $($field: Option<String>,)*
            required: String,
        }
    };
}

large!(
    a00, a01, a02, a03, a04, a05, a06, a07, a08, a09, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22,
    a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43, a44, a45,
    a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57, a58, a59, a60, a61, a62, a63, a64, a65
);

#[test]
fn loading_beside_set_var_is_memory_safe() {
    assert!(Large::vars().len() > 64, "Large must take the one-pass path");
    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        scope.spawn(|| {
            // Grows and shrinks the environment, so the C runtime
            // reallocates its array under the readers.
            for round in 0..4_000 {
                for index in 0..32 {
                    let name = format!("RACE_CHURN_{index}");
                    // SAFETY: the one test of this binary; every other
                    // thread reads the environment through std, whose lock
                    // orders these writes with those reads.
                    unsafe { std::env::set_var(&name, format!("value {round} {}", "x".repeat(index * 8))) };
                }
                for index in 0..32 {
                    // SAFETY: as above.
                    unsafe { std::env::remove_var(format!("RACE_CHURN_{index}")) };
                }
                // SAFETY: as above.
                unsafe { std::env::set_var("RACE_A00", round.to_string()) };
            }
            stop.store(true, Ordering::Release);
        });
        scope.spawn(|| {
            let mut loads = 0u32;
            while !stop.load(Ordering::Acquire) || loads < 100 {
                let small = Small::from_env().expect("every field is optional or defaulted");
                assert_eq!(small.port, 1);
                // `required` is unset: the report lists the environment for
                // near-miss hints and unknown names, under the churn too.
                let error = Large::from_env().expect_err("RACE_REQUIRED is unset");
                assert!(error.problems().iter().any(|problem| problem.var() == "RACE_REQUIRED"));
                loads += 1;
            }
        });
    });
}
