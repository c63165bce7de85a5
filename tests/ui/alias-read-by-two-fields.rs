use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Config {
    #[env(alias = "PORT")]
    port: u16,
    #[env(deprecated = "PORT")]
    admin_port: u16,
}

fn main() {}
