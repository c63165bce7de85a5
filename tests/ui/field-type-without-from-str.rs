use twelve_config::EnvConfig;

struct Color {
    red: u8,
}

#[derive(EnvConfig)]
struct Config {
    background: Color,
}

fn main() {}
