use std::collections::HashMap;
use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(split = ",", kv_split = ",")]
    labels: HashMap<String, String>,
}

fn main() {}
