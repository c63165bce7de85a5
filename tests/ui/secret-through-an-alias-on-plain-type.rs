use twelve_config::EnvConfig;

// The old name is a credential's: the value read through it is one, and
// `#[derive(Debug)]` would print it.
#[derive(EnvConfig, Debug)]
struct Config {
    #[env(alias = "LEGACY_API_TOKEN")]
    upstream: Option<String>,
}

fn main() {}
