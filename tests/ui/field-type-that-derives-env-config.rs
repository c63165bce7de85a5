use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Smtp {
    host: String,
}

#[derive(EnvConfig)]
struct Config {
    smtp: Smtp,
}

fn main() {}
