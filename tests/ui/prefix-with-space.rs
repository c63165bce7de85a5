use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "MY APP_")]
struct Config {
    port: u16,
}

fn main() {}
