use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(split = ",")]
struct Config {
    hosts: Vec<String>,
}

fn main() {}
