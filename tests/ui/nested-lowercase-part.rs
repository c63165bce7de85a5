use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(nested = "mail_")]
    smtp: Smtp,
}

#[derive(EnvConfig)]
struct Smtp {
    host: String,
}

fn main() {}
