use twelve_config::EnvConfig;

#[derive(EnvConfig)]
enum Mode {
    Dev,
    Prod,
}

fn main() {}
