use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(nested)]
    smtp: Vec<Smtp>,
}

#[derive(EnvConfig)]
struct Smtp {
    host: String,
}

fn main() {}
