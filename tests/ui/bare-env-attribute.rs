use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env]
    port: u16,
}

fn main() {}
