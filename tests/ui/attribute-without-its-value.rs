use twelve_config::EnvConfig;

// `default` and `range` need a value.
#[derive(EnvConfig, Debug)]
struct Config {
    #[env(default)]
    port: u16,
    #[env(range)]
    workers: u8,
}

fn main() {}
