use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "app_")]
struct Config {
    port: u16,
}

fn main() {}
