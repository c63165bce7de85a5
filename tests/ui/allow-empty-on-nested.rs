use twelve_config::EnvConfig;

#[derive(EnvConfig, Debug)]
struct Smtp {
    host: String,
}

// `allow_empty` belongs on the nested struct's fields.
#[derive(EnvConfig, Debug)]
struct Config {
    #[env(nested, allow_empty)]
    smtp: Smtp,
}

fn main() {}
