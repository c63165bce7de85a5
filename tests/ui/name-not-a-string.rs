use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(name = PORT)]
    port: u16,
}

fn main() {}
