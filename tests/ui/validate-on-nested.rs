use twelve_config::EnvConfig;

fn check(_: &Smtp) -> Result<(), String> {
    Ok(())
}

#[derive(EnvConfig)]
struct Config {
    #[env(nested, validate = check)]
    smtp: Smtp,
}

#[derive(EnvConfig)]
struct Smtp {
    host: String,
}

fn main() {}
