use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(defualt = 8080)]
    port: u16,
}

fn main() {}
