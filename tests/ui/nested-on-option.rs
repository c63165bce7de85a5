use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(nested)]
    smtp: Option<Smtp>,
}

#[derive(EnvConfig)]
struct Smtp {
    host: String,
}

fn main() {}
