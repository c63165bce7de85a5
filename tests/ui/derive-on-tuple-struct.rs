use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Port(u16);

fn main() {}
