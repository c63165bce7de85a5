use twelve_config::{EnvConfig, SecretString};

// Secret by its type: a default would be a credential in the code.
#[derive(EnvConfig, Debug)]
struct Config {
    #[env(default = "dev-token")]
    payments: SecretString,
}

fn main() {}
