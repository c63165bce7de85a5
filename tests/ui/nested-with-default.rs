use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(nested, default = "x", secret)]
    smtp: Smtp,
}

#[derive(EnvConfig)]
struct Smtp {
    host: String,
}

fn main() {}
