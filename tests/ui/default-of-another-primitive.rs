use twelve_config::EnvConfig;

// A literal of another primitive than the field's: text would not fit
// either, and rustc's own message says why.
#[derive(EnvConfig, Debug)]
struct Config {
    #[env(default = 0.5)]
    ratio: u8,
    #[env(default = -1)]
    offset: u32,
}

fn main() {}
