use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(secret = true)]
    password: String,
}

fn main() {}
