use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(nested)]
    smtp: Smtp,
}

struct Smtp {
    host: String,
}

fn main() {}
