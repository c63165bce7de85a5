use twelve_config::EnvConfig;

// `PORTÉE` is not a name every shell, `.env` file and manifest can carry.
#[derive(EnvConfig, Debug)]
struct Config {
    portée: u16,
}

fn main() {}
