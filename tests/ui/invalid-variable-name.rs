use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(name = "HTTP PORT")]
    port: u16,
    #[env(name = "")]
    host: String,
}

fn main() {}
