use twelve_config::EnvConfig;

// Each mistake is reported, not only the first.
#[derive(EnvConfig)]
#[env(prefix = "app_", strict)]
struct Config {
    #[env(defualt = 1)]
    port: u16,
    #[env(split = ",")]
    host: String,
    #[env(default = 1)]
    workers: Option<u8>,
}

fn main() {}
