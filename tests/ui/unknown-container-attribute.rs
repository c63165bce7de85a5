use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(prefx = "APP_")]
struct Config {
    port: u16,
}

fn main() {}
