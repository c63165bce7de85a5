use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(nested, range = 1..=2)]
    smtp: Smtp,
}

#[derive(EnvConfig)]
struct Smtp {
    host: String,
}

fn main() {}
