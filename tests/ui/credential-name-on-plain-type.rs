use twelve_config::EnvConfig;

// Secret by its name: `#[derive(Debug)]` would print the file's content.
#[derive(EnvConfig, Debug)]
#[env(file)]
struct Config {
    db_password: Option<String>,
}

fn main() {}
