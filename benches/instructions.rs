//! The workload's loads counted in instructions, for callgrind: a figure
//! that does not move with the machine's load, unlike criterion's clock.
//!
//!     bash benches/instructions.sh
//!
//! `instructions <contender> <loads>` installs the workload's environment
//! (as `load.rs` does), then loads the config `loads` times; `none` loads
//! nothing, so the script can subtract the start-up. Contenders: `none`,
//! `floor`, `twelve-config`, `typed`, `envconfig`; and `pg`, `redis`,
//! `http`, which parse the workload's URL of that kind from its text and
//! drop the handle (no environment read), to time or count the parser
//! alone: `/usr/bin/time -f %U target/release/instructions pg 3000000`.

mod workload;

use std::hint::black_box;

use envconfig::Envconfig;
use twelve_config::EnvConfig;
use twelve_config::resource::{HttpUrl, PostgresUrl, RedisUrl};

use workload::{Plain, Typed, install_environment};

fn main() {
    let mut args = std::env::args().skip(1);
    let contender = args.next().unwrap_or_else(|| "none".to_owned());
    let loads: usize = args.next().map_or(1000, |count| count.parse().expect("a count of loads"));
    // Chosen once, so every contender's loop costs the same beside its loads.
    let load: fn() = match contender.as_str() {
        "none" => || {},
        "floor" => || drop(black_box(workload::hand_written().unwrap())),
        "twelve-config" => || drop(black_box(<Plain as EnvConfig>::from_env().unwrap())),
        "typed" => || drop(black_box(Typed::from_env().unwrap())),
        "envconfig" => || drop(black_box(<Plain as Envconfig>::init_from_env().unwrap())),
        "pg" => || {
            let a: PostgresUrl =
                black_box("postgres://billing:s3cret@db.internal:5432/billing?sslmode=require").parse().unwrap();
            drop(black_box(a));
        },
        "redis" => || {
            let b: RedisUrl = black_box("redis://:r3dis@cache.internal:6379/2").parse().unwrap();
            drop(black_box(b));
        },
        "http" => || {
            let c: HttpUrl = black_box("https://payments.example.com/v1/").parse().unwrap();
            drop(black_box(c));
        },
        other => panic!("unknown contender {other:?}: none, floor, twelve-config, typed, envconfig, pg, redis or http"),
    };
    install_environment(90);
    for _ in 0..loads {
        black_box(load)();
    }
}
