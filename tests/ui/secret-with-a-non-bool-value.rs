use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(debug)]
struct Config {
    #[env(secret = "no")]
    token_bucket: u32,
}

fn main() {}
