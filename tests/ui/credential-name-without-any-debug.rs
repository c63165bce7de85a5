use twelve_config::EnvConfig;

// No `Debug` at all is still refused: one added later would leak.
#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Config {
    session_cookie: Vec<String>,
}

fn main() {}
