use twelve_config::EnvValue;

#[derive(EnvValue)]
enum Level {
    Info,
    Custom(String),
}

fn main() {}
