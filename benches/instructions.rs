//! The workload's loads counted in instructions, for callgrind: a figure
//! that does not move with the machine's load, unlike criterion's clock.
//!
//!     bash benches/instructions.sh
//!
//! `instructions <contender> <loads>` installs the workload's environment
//! (as `load.rs` does), then loads the config `loads` times; `none` loads
//! nothing, so the script can subtract the start-up. Contenders: `none`,
//! `floor`, `twelve-config`, `typed`, `envconfig`.
//!
//! `instructions paired <rounds>` measures by the clock instead: each round
//! times 500 loads of the plain config, then 500 of the typed one, and the
//! median of the rounds' typed/plain ratios is printed with its quartiles.
//! A drift of the machine's speed (other tenants of a shared host) then
//! moves both halves of a round alike, where criterion measures one
//! contender for seconds after the other; the ratio still moves by a few
//! hundredths from one run to the next on a noisy host (BENCHMARKS.md).
//!
//!     cargo run --release -p twelve-config-benches --bin instructions -- paired 200

mod workload;

use std::hint::black_box;

use envconfig::Envconfig;
use twelve_config::EnvConfig;

use workload::{Plain, Typed, install_environment};

fn main() {
    let mut args = std::env::args().skip(1);
    let contender = args.next().unwrap_or_else(|| "none".to_owned());
    let loads: usize = args.next().map_or(1000, |count| count.parse().expect("a count of loads"));
    // Chosen once, so every contender's loop costs the same beside its loads.
    let load: fn() = match contender.as_str() {
        "none" | "paired" => || {},
        "floor" => || drop(black_box(workload::hand_written().unwrap())),
        "twelve-config" => || drop(black_box(<Plain as EnvConfig>::from_env().unwrap())),
        "typed" => || drop(black_box(Typed::from_env().unwrap())),
        "envconfig" => || drop(black_box(<Plain as Envconfig>::init_from_env().unwrap())),
        other => panic!("unknown contender {other:?}: none, floor, twelve-config, typed or envconfig"),
    };
    install_environment(90);
    if contender == "paired" {
        paired(loads);
        return;
    }
    for _ in 0..loads {
        black_box(load)();
    }
}

/// Loads a round times of each config.
const ROUND: usize = 500;

/// Prints the median typed/plain ratio of `rounds` paired rounds.
fn paired(rounds: usize) {
    fn time(load: fn()) -> f64 {
        let start = std::time::Instant::now();
        for _ in 0..ROUND {
            black_box(load)();
        }
        start.elapsed().as_secs_f64()
    }
    let plain: fn() = || drop(black_box(<Plain as EnvConfig>::from_env().unwrap()));
    let typed: fn() = || drop(black_box(Typed::from_env().unwrap()));
    let mut ratios = Vec::with_capacity(rounds);
    let mut plain_total = 0.0;
    for _ in 0..rounds.max(1) {
        let plain_time = time(plain);
        ratios.push(time(typed) / plain_time);
        plain_total += plain_time;
    }
    ratios.sort_by(f64::total_cmp);
    let quartile = |n: usize| ratios[(ratios.len() - 1) * n / 4];
    println!(
        "typed/plain by the clock, median of {} paired rounds: {:.3}x (quartiles {:.3}x, {:.3}x); plain {:.2} us a load",
        ratios.len(),
        quartile(2),
        quartile(1),
        quartile(3),
        plain_total / (ratios.len() * ROUND) as f64 * 1e6,
    );
}
