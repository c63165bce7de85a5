use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(split = ";")]
    hosts: String,
}

fn main() {}
