use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(default = 8080)]
    port: Option<u16>,
}

fn main() {}
