use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config<T> {
    value: T,
}

fn main() {}
