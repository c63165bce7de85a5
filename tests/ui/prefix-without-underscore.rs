use twelve_config::EnvConfig;

// `APP` would make `APPPORT`.
#[derive(EnvConfig, Debug)]
#[env(prefix = "APP")]
struct Config {
    port: u16,
}

fn main() {}
