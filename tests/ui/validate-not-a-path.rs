use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(validate = "is_even")]
    workers: u8,
}

fn main() {}
