use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(kv_split = ":")]
    labels: Vec<String>,
}

fn main() {}
