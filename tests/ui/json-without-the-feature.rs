use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(json)]
    hosts: Vec<String>,
}

fn main() {}
