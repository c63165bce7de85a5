use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(alias = "")]
    port: u16,
}

fn main() {}
