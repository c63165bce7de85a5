use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(split = "")]
    hosts: Vec<String>,
}

fn main() {}
