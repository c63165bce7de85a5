use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Config {
    #[env(nested = "MAIL_")]
    primary: Smtp,
    #[env(nested = "MAIL_")]
    fallback: Smtp,
}

#[derive(EnvConfig)]
struct Smtp {
    host: String,
}

fn main() {}
