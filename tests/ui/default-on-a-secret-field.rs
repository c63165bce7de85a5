use twelve_config::EnvConfig;

// A credential in the code is published with the code.
#[derive(EnvConfig)]
#[env(debug)]
struct Config {
    #[env(default = "dev-password")]
    db_password: String,
    #[env(secret, default = "")]
    signing_seed: String,
}

fn main() {}
