use twelve_config::EnvConfig;

#[derive(EnvConfig, Debug)]
struct Config {
    #[env(secret)]
    stripe_api: String,
}

fn main() {}
