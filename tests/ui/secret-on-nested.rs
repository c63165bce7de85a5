use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(debug)]
struct Config {
    #[env(nested, secret)]
    smtp: Smtp,
}

#[derive(EnvConfig, Debug)]
struct Smtp {
    host: String,
}

fn main() {}
