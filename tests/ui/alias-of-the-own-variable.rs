use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Config {
    #[env(alias = "APP_PORT")]
    port: u16,
}

fn main() {}
