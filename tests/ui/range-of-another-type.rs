use twelve_config::EnvConfig;

// A float range on a `u8`, and a range on text.
#[derive(EnvConfig)]
struct Config {
    #[env(range = 0.5..=1.0)]
    workers: u8,
    #[env(range = 1..=5)]
    name: String,
}

fn main() {}
