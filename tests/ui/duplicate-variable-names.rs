use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Config {
    port: u16,
    #[env(name = "APP_PORT")]
    http_port: u16,
}

fn main() {}
