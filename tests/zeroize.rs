//! No unwiped copy of a secret is freed: a global allocator scans every
//! block as it is freed (or moved by `realloc`) for a canary, while the
//! crate loads configs holding it by every path a secret can take.
//!
//! This binary runs alone (`harness = false`), on one thread, so nothing
//! but the load under test frees memory while the scanner is armed. The
//! canaries live in the binary's read-only data, never on the heap, so a
//! canary found in a freed block is a copy the crate made and did not
//! wipe. The process-environment case starts this binary again as a
//! child with the canary in its environment.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use twelve_config::resource::{
    FromParts, KafkaUrl, MongoUrl, MqttUrl, NatsUrl, PgEnv, PostgresUrl, RedisUrl, WithPassword,
};
use twelve_config::{EnvConfig, SecretBox, SecretString, Vars};

/// The canary: 24 bytes no other code writes.
const CANARY: &str = "Qz7CanaryXw3Vk9Pm2Lr8Ty5";

struct Scanning;

static ARMED: AtomicBool = AtomicBool::new(false);
static FOUND: AtomicUsize = AtomicUsize::new(0);

fn holds_canary(block: &[u8]) -> bool {
    let needle = CANARY.as_bytes();
    block.len() >= needle.len() && block.windows(needle.len()).any(|window| window == needle)
}

// SAFETY: every call goes to `System`; the scan only reads the block that
// is being freed, which the caller still owns for the length of `layout`.
unsafe impl GlobalAlloc for Scanning {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // Zeroed, so a canary found when a block is freed was written in
        // that block's life, not left there by an earlier user of the
        // memory that the new one never overwrote.
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ARMED.load(Ordering::Relaxed) {
            // SAFETY: `ptr` points to `layout.size()` bytes the caller
            // owns until this call returns.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            if holds_canary(block) {
                FOUND.fetch_add(1, Ordering::Relaxed);
            }
        }
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    // `realloc` is the default: `alloc`, copy, `dealloc`, so a block moved
    // by growth is scanned too.
}

#[global_allocator]
static ALLOCATOR: Scanning = Scanning;

/// Runs `load` with the scanner armed; the number of unwiped copies freed.
fn unwiped_copies(load: impl FnOnce()) -> usize {
    FOUND.store(0, Ordering::SeqCst);
    ARMED.store(true, Ordering::SeqCst);
    load();
    ARMED.store(false, Ordering::SeqCst);
    FOUND.load(Ordering::SeqCst)
}

/// A `parse_with` function's own error is the function's: it is dropped
/// without being wiped (its type is any `Display`), so a parser of secrets
/// must not quote its input. Only the message the loader makes of it is
/// the crate's, and that is wiped; this field shows it is never reported.
fn echoing(text: &str) -> Result<SecretString, String> {
    Err(format!("{text:?} is not a valid token"))
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "Z_", file, deny_unknown)]
#[allow(dead_code, reason = "loaded to be dropped")]
struct Secrets {
    token: Option<SecretString>,
    pin: Option<SecretBox<u32>>,
    tokens: Option<Vec<SecretString>>,
    database_url: Option<PostgresUrl>,
    redis_url: Option<RedisUrl>,
    mongo_url: Option<MongoUrl>,
    nats_url: Option<NatsUrl>,
    kafka_url: Option<KafkaUrl>,
    mqtt_url: Option<MqttUrl>,
    #[env(nested = "DB_")]
    db: Option<WithPassword<PostgresUrl>>,
    #[env(nested = "CACHE_")]
    cache: Option<FromParts<RedisUrl>>,
    #[env(secret, parse_with = echoing)]
    echoed: Option<SecretString>,
    #[env(default = 1)]
    port: u16,
}

/// Loads `Secrets` from `vars` and drops everything, armed throughout:
/// every type in it wipes itself.
fn load_and_drop(vars: Vars) {
    let loaded = Secrets::from_source(&vars);
    drop(loaded);
    drop(vars);
}

fn with(pairs: &[(&str, &str)]) -> Vars {
    pairs.iter().copied().collect()
}

fn a_valid_secret_and_handles_with_passwords() -> usize {
    let url = "postgres://app:Qz7CanaryXw3Vk9Pm2Lr8Ty5@db/app?sslpassword=Qz7CanaryXw3Vk9Pm2Lr8Ty5";
    // A Display of a handle masks through the same code as the report.
    let shown = unwiped_copies(|| {
        let handle: PostgresUrl = url.parse().expect("valid");
        assert!(!handle.to_string().contains(CANARY));
        assert!(!format!("{handle:?}").contains(CANARY));
    });
    unwiped_copies(|| {
        load_and_drop(with(&[
            ("Z_TOKEN", CANARY),
            ("Z_TOKENS", "Qz7CanaryXw3Vk9Pm2Lr8Ty5\nQz7CanaryXw3Vk9Pm2Lr8Ty5"),
            ("Z_DATABASE_URL", url),
            ("Z_REDIS_URL", "redis://:Qz7CanaryXw3Vk9Pm2Lr8Ty5@cache/0"),
            ("Z_MONGO_URL", "mongodb://u:Qz7CanaryXw3Vk9Pm2Lr8Ty5@h/db?authMechanismProperties=x"),
            // A NATS token, a Kafka list (joined in a copy), MQTT.
            ("Z_NATS_URL", "nats://Qz7CanaryXw3Vk9Pm2Lr8Ty5@n1,nats://Qz7CanaryXw3Vk9Pm2Lr8Ty5@n2"),
            ("Z_KAFKA_URL", "kafka+ssl://u:Qz7CanaryXw3Vk9Pm2Lr8Ty5@b1,kafka+ssl://u:Qz7CanaryXw3Vk9Pm2Lr8Ty5@b2"),
            ("Z_MQTT_URL", "mqtt://u:Qz7CanaryXw3Vk9Pm2Lr8Ty5@broker?client_id=a"),
            // A password put into its URL, and a handle from parts.
            ("Z_DB_URL", "postgres://app@db/app"),
            ("Z_DB_PASSWORD", CANARY),
            ("Z_CACHE_HOST", "cache"),
            ("Z_CACHE_PASSWORD", CANARY),
        ]))
    }) + shown
        + pg_env()
}

/// libpq's variables, their password assembled into a URL.
fn pg_env() -> usize {
    unwiped_copies(|| {
        let vars = with(&[("PGHOST", "db"), ("PGUSER", "app"), ("PGPASSWORD", CANARY)]);
        drop(PgEnv::from_source(&vars));
        drop(vars);
    })
}

fn invalid_secrets_and_handles() -> usize {
    unwiped_copies(|| {
        load_and_drop(with(&[
            ("Z_PIN", CANARY),
            ("Z_DATABASE_URL", "postgres://app:Qz7CanaryXw3Vk9Pm2Lr8Ty5@db:x/app"),
            ("Z_REDIS_URL", "redis://cache/0?password=Qz7CanaryXw3Vk9Pm2Lr8Ty5&x=%zz"),
            ("Z_NATS_URL", "nats://Qz7CanaryXw3Vk9Pm2Lr8Ty5@n1,tls://n2"),
            ("Z_KAFKA_URL", "kafka://u:Qz7CanaryXw3Vk9Pm2Lr8Ty5@b1,kafka://v:Qz7CanaryXw3Vk9Pm2Lr8Ty5@b2"),
            ("Z_DB_URL", "postgres://app:Qz7CanaryXw3Vk9Pm2Lr8Ty5@db/app"),
            ("Z_DB_PASSWORD", CANARY),
            ("Z_UNKNOWN_TOKEN", CANARY),
        ]))
    })
}

fn a_secret_that_is_not_unicode() -> usize {
    let mut bytes = CANARY.as_bytes().to_vec();
    bytes.push(0xFF);
    let mut vars = Vars::new();
    vars.insert("Z_TOKEN", OsString::from_vec(bytes));
    unwiped_copies(|| load_and_drop(vars))
}

fn a_replaced_value_and_from_vars() -> usize {
    unwiped_copies(|| {
        let mut vars = Vars::new();
        vars.insert("Z_TOKEN", CANARY);
        vars.insert("Z_TOKEN", "another");
        drop(vars);
        drop(Secrets::from_vars([("Z_TOKEN", CANARY)]));
    })
}

fn secret_files_small_and_growing() -> usize {
    let dir = std::env::temp_dir().join(format!("twelve-config-zeroize-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the temporary directory is writable");
    let small = dir.join("small");
    let large = dir.join("large");
    std::fs::write(&small, CANARY).expect("writable");
    // Larger than one read: the buffer must hold it without leaving copies.
    let mut content = Vec::new();
    while content.len() < 200_000 {
        content.extend_from_slice(CANARY.as_bytes());
    }
    std::fs::write(&large, &content).expect("writable");
    // The test's own copy is wiped too: a freed block keeps its bytes, and
    // a later allocation that reuses it without writing them all would
    // free the canary again and be counted.
    content.fill(0);
    drop(content);
    let (small_path, large_path) = (small.to_string_lossy().into_owned(), large.to_string_lossy().into_owned());
    let found = unwiped_copies(|| {
        load_and_drop(with(&[("Z_TOKEN_FILE", &small_path)]));
        load_and_drop(with(&[("Z_TOKEN_FILE", &large_path)]));
        // Both set: the direct value is not used, and is wiped.
        load_and_drop(with(&[("Z_TOKEN", CANARY), ("Z_TOKEN_FILE", &small_path)]));
    });
    let _ = std::fs::remove_dir_all(&dir);
    found
}

/// The platform sources: a systemd credential and a service binding whose
/// password is the canary, read, loaded from and dropped.
fn platform_sources() -> usize {
    use twelve_config::{ServiceBindings, Source, SystemdCredentials};
    let dir = std::env::temp_dir().join(format!("twelve-config-zeroize-platforms-{}", std::process::id()));
    let credentials = dir.join("credentials");
    let binding = dir.join("bindings/orders-db");
    std::fs::create_dir_all(&credentials).expect("writable");
    std::fs::create_dir_all(&binding).expect("writable");
    std::fs::write(credentials.join("Z_TOKEN"), CANARY).expect("writable");
    for (entry, value) in [("type", "postgresql"), ("host", "db"), ("username", "app"), ("password", CANARY)] {
        std::fs::write(binding.join(entry), value).expect("writable");
    }
    let bindings = dir.join("bindings");
    let found = unwiped_copies(|| {
        let sources = SystemdCredentials::from_dir(&credentials)
            .and_then(|credentials| Ok(credentials.or(ServiceBindings::from_root(&bindings)?)))
            .expect("the layout reads");
        drop(Secrets::from_source(&sources));
        drop(sources);
    });
    let _ = std::fs::remove_dir_all(&dir);
    found
}

/// Cloud Foundry's services: a password in a credentials object and in a
/// URI, read and dropped.
#[cfg(feature = "json")]
fn vcap_services() -> usize {
    let mut text = format!(
        r#"{{"p.redis": [{{"name": "cache", "label": "p.redis", "credentials": {{"host": "r", "password": "{CANARY}"}}}}],
            "elephantsql": [{{"name": "db", "label": "elephantsql", "credentials": {{"uri": "postgres://u:{CANARY}@h/d"}}}}]}}"#
    );
    let found = unwiped_copies(|| {
        let services = twelve_config::VcapServices::from_json(&text).expect("the JSON reads");
        drop(Secrets::from_source(&services));
        drop(services);
    });
    // The test's own copy, wiped before it is freed.
    twelve_config::secrecy::zeroize::Zeroize::zeroize(&mut text);
    found
}

/// In the child: loads from the process environment, which holds the
/// canary in secret, unknown and unrelated variables.
fn child_process_environment() -> usize {
    unwiped_copies(|| {
        drop(Secrets::from_env());
        drop(Large::from_env());
    })
}

macro_rules! large {
    ($($field:ident),*) => {
        /// Over 64 variables: one `vars_os` pass, which copies every value.
        #[derive(EnvConfig, Debug)]
        #[env(prefix = "Z_")]
        #[allow(dead_code, reason = "loaded to be dropped")]
        struct Large {
            $($field: Option<u8>,)*
            token: Option<SecretString>,
            required: u8,
        }
    };
}

large!(
    a00, a01, a02, a03, a04, a05, a06, a07, a08, a09, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22,
    a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43, a44, a45,
    a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57, a58, a59, a60, a61, a62, a63, a64, a65
);

fn the_process_environment() -> usize {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let output = Command::new(exe)
        .env_clear()
        .env("TWELVE_CONFIG_ZEROIZE_CHILD", "1")
        .env("Z_TOKEN", CANARY)
        .env("Z_DATABASE_URL", "postgres://app:Qz7CanaryXw3Vk9Pm2Lr8Ty5@db/app")
        .env("Z_UNKNOWN_SECRET", CANARY)
        .env("OTHER_PROGRAMS_SECRET", CANARY)
        .output()
        .expect("the test binary starts again");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{output:?}");
    stdout.trim().parse().expect("the child prints a count")
}

fn main() -> ExitCode {
    if std::env::var_os("TWELVE_CONFIG_ZEROIZE_CHILD").is_some() {
        println!("{}", child_process_environment());
        return ExitCode::SUCCESS;
    }
    let mut probe = [b'x'; 32];
    probe[4..4 + CANARY.len()].copy_from_slice(CANARY.as_bytes());
    assert!(holds_canary(&probe), "the scanner finds a canary");
    type Case = (&'static str, fn() -> usize);
    let cases: Vec<Case> = vec![
        ("a_valid_secret_and_handles_with_passwords", a_valid_secret_and_handles_with_passwords),
        ("invalid_secrets_and_handles", invalid_secrets_and_handles),
        ("a_secret_that_is_not_unicode", a_secret_that_is_not_unicode),
        ("a_replaced_value_and_from_vars", a_replaced_value_and_from_vars),
        ("secret_files_small_and_growing", secret_files_small_and_growing),
        ("platform_sources", platform_sources),
        #[cfg(feature = "json")]
        ("vcap_services", vcap_services),
        ("the_process_environment", the_process_environment),
    ];
    let mut failed = 0;
    let count = cases.len();
    for (name, case) in cases {
        let found = case();
        if found == 0 {
            println!("test {name} ... ok");
        } else {
            println!("test {name} ... FAILED ({found} unwiped copies of the canary freed)");
            failed += 1;
        }
    }
    // The scanner works: an unwiped copy is found. Last, as the copy it
    // leaves in freed memory could be counted again by a later case.
    let control = unwiped_copies(|| drop(String::from(CANARY)));
    failed += usize::from(control != 1);
    println!("test the_scanner_finds_an_unwiped_copy ... {}", if control == 1 { "ok" } else { "FAILED" });
    println!("{} passed, {failed} failed", count + 1 - failed);
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
