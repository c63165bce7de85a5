use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(range = 64)]
    workers: u8,
}

fn main() {}
