use twelve_config::EnvConfig;
use std::net::SocketAddr;

#[derive(EnvConfig)]
struct Config {
    #[env(range = 1..=64)]
    listen: std::path::PathBuf,
    other: Option<SocketAddr>,
}

fn main() {}
