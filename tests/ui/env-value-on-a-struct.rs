use twelve_config::EnvValue;

#[derive(EnvValue)]
struct Level {
    name: String,
}

fn main() {}
