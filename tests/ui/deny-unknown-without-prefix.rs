use twelve_config::EnvConfig;

#[derive(EnvConfig)]
#[env(deny_unknown)]
struct Config {
    port: u16,
}

fn main() {}
