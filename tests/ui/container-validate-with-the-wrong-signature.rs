use twelve_config::EnvConfig;

fn rule(_: &u8) -> Result<(), String> {
    Ok(())
}

#[derive(EnvConfig)]
#[env(validate = rule)]
struct Config {
    workers: u8,
}

fn main() {}
