use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(nested, alias = "MAIL")]
    smtp: Smtp,
}

#[derive(EnvConfig)]
struct Smtp {
    host: String,
}

fn main() {}
