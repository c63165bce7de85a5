use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(json, split = ";")]
    hosts: Vec<String>,
}

fn main() {}
