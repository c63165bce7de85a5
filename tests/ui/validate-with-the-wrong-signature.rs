use twelve_config::EnvConfig;

fn positive(value: &i64) -> Result<(), String> {
    if *value > 0 { Ok(()) } else { Err("must be positive".into()) }
}

#[derive(EnvConfig)]
struct Config {
    #[env(validate = positive)]
    workers: u8,
}

fn main() {}
