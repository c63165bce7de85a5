use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Config {
    #[env(parse_with = "parse_port")]
    port: u16,
}

fn main() {}
