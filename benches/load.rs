//! Loading a config: twelve-config against a hand-written loader (the
//! floor) and its peers, on the same struct and the same environment.
//!
//!     cargo bench -p twelve-config-benches
//!
//! Prints criterion's measurements, then a table of ratios to the floor.
//! BENCHMARKS.md explains the workload and holds a recent run.

mod workload;

mod scale {
    #![allow(dead_code)] // The configs exist to be loaded, not read.
    include!(concat!(env!("OUT_DIR"), "/scale.rs"));
}

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion};
use envconfig::Envconfig;
use twelve_config::EnvConfig;

use workload::{Plain, Typed, install_environment};

/// Unrelated variables beside the fields in the field-count series.
const SCALE_NOISE: usize = 60;

fn main() {
    let output = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/criterion");
    let mut criterion = Criterion::default().output_directory(&output).configure_from_args();

    install_environment(90);
    check_everyone_loads_the_same_config();
    let mut group = criterion.benchmark_group("workload");
    group.bench_function("floor", |b| b.iter(|| black_box(workload::hand_written().unwrap())));
    group.bench_function("twelve-config", |b| b.iter(|| black_box(<Plain as EnvConfig>::from_env().unwrap())));
    group.bench_function("twelve-config typed", |b| b.iter(|| black_box(Typed::from_env().unwrap())));
    // The plain load again, as a control: identical code measured twice
    // shows how far this run's clock moves by itself (BENCHMARKS.md).
    group.bench_function("twelve-config again", |b| b.iter(|| black_box(<Plain as EnvConfig>::from_env().unwrap())));
    group.bench_function("envconfig", |b| b.iter(|| black_box(<Plain as Envconfig>::init_from_env().unwrap())));
    group.bench_function("envy", |b| b.iter(|| black_box(workload::with_envy().unwrap())));
    group.bench_function("figment", |b| b.iter(|| black_box(workload::with_figment().unwrap())));
    group.bench_function("config-rs", |b| b.iter(|| black_box(workload::with_config_rs().unwrap())));
    group.finish();

    let mut group = criterion.benchmark_group("environment size");
    for total in [50, 500, 5000] {
        install_environment(total);
        group.bench_with_input(BenchmarkId::new("floor", total), &total, |b, _| {
            b.iter(|| black_box(workload::hand_written().unwrap()))
        });
        group.bench_with_input(BenchmarkId::new("twelve-config", total), &total, |b, _| {
            b.iter(|| black_box(<Plain as EnvConfig>::from_env().unwrap()))
        });
    }
    group.finish();

    let mut group = criterion.benchmark_group("field count");
    macro_rules! fields {
        ($count:literal, $config:ty, $floor:path) => {
            install_scale_environment($count);
            group.bench_with_input(BenchmarkId::new("floor", $count), &$count, |b, _| {
                b.iter(|| black_box($floor().unwrap()))
            });
            group.bench_with_input(BenchmarkId::new("twelve-config", $count), &$count, |b, _| {
                b.iter(|| black_box(<$config>::from_env().unwrap()))
            });
        };
    }
    fields!(10, scale::Fields10, scale::floor_10);
    fields!(100, scale::Fields100, scale::floor_100);
    fields!(1000, scale::Fields1000, scale::floor_1000);
    group.finish();

    criterion.final_summary();
    print_ratios(&output);
}

/// Every contender loads the workload, and reads the same values.
fn check_everyone_loads_the_same_config() {
    let floor = workload::hand_written().expect("the floor loads");
    let plain = <Plain as EnvConfig>::from_env().expect("twelve-config loads");
    let typed = Typed::from_env().expect("twelve-config loads typed handles");
    let envconfig = <Plain as Envconfig>::init_from_env().expect("envconfig loads");
    let envy = workload::with_envy().expect("envy loads");
    let figment = workload::with_figment().expect("figment loads");
    let config_rs = workload::with_config_rs().expect("config-rs loads");
    let ports = [floor.port, plain.port, envconfig.port, envy.port, figment.port, config_rs.port];
    assert!(ports.iter().all(|port| *port == 8080), "{ports:?}");
    let urls = [&floor.database_url, &plain.database_url, &envconfig.database_url, &envy.database_url];
    assert!(urls.iter().all(|url| url.starts_with("postgres://")), "{urls:?}");
    assert_eq!(
        (floor.timeout_ms, plain.timeout_ms, figment.timeout_ms, config_rs.timeout_ms),
        (5000, 5000, 5000, 5000)
    );
    assert!(floor.sentry_dsn.is_none() && plain.sentry_dsn.is_none() && envy.sentry_dsn.is_none());
    assert_eq!(typed.redis_url.db(), 2);
}

/// The field-count series: `S_F0000..` set to 42, plus unrelated variables.
fn install_scale_environment(fields: usize) {
    install_environment(SCALE_NOISE);
    for index in 0..fields {
        // SAFETY: single-threaded, as in `install_environment`.
        unsafe { std::env::set_var(format!("S_F{index:04}"), "42") };
    }
}

/// The mean of one measurement, in nanoseconds, from criterion's output.
fn mean_ns(output: &Path, id: &str) -> Option<f64> {
    let text = std::fs::read_to_string(output.join(id).join("new/estimates.json")).ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    estimates["mean"]["point_estimate"].as_f64()
}

fn print_ratios(output: &Path) {
    println!("\nRatios to the hand-written floor (mean time; lower is faster):\n");
    println!("| benchmark | contender | mean | ratio to floor |");
    println!("| --- | --- | --- | --- |");
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for contender in [
        "floor",
        "twelve-config",
        "twelve-config typed",
        "twelve-config again",
        "envconfig",
        "envy",
        "figment",
        "config-rs",
    ] {
        rows.push(("workload".into(), "workload/floor".into(), format!("workload/{contender}")));
    }
    for total in [50, 500, 5000] {
        for contender in ["floor", "twelve-config"] {
            rows.push((
                format!("{total} variables"),
                format!("environment size/floor/{total}"),
                format!("environment size/{contender}/{total}"),
            ));
        }
    }
    for count in [10, 100, 1000] {
        for contender in ["floor", "twelve-config"] {
            rows.push((
                format!("{count} fields"),
                format!("field count/floor/{count}"),
                format!("field count/{contender}/{count}"),
            ));
        }
    }
    for (label, floor_id, id) in rows {
        let contender = id.rsplit('/').find(|part| part.parse::<u32>().is_err()).unwrap_or(&id).to_owned();
        match (mean_ns(output, &floor_id), mean_ns(output, &id)) {
            (Some(floor), Some(mean)) => {
                println!("| {label} | {contender} | {} | {:.2}x |", human(mean), mean / floor)
            }
            _ => println!("| {label} | {contender} | not measured | |"),
        }
    }
    let workload = |contender: &str| mean_ns(output, &format!("workload/{contender}"));
    if let (Some(plain), Some(typed), Some(again)) =
        (workload("twelve-config"), workload("twelve-config typed"), workload("twelve-config again"))
    {
        println!(
            "\nTyped handles against plain fields in this run: {:.2}x (the plain load measured again: {:.2}x, \
             this run's own spread on identical code)",
            typed / plain,
            again / plain
        );
    }
}

fn human(ns: f64) -> String {
    if ns >= 1_000_000.0 {
        format!("{:.2} ms", ns / 1_000_000.0)
    } else if ns >= 1_000.0 {
        format!("{:.2} µs", ns / 1_000.0)
    } else {
        format!("{ns:.0} ns")
    }
}
