use twelve_config::{EnvConfig, SecretString};

#[derive(EnvConfig)]
struct Config {
    #[env(file = true)]
    password: SecretString,
}

fn main() {}
