use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Nothing;

fn main() {}
