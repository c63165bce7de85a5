use twelve_config::EnvConfig;

// A number for a `String`: `default = "8080"` is text, parsed as the
// variable would be.
#[derive(EnvConfig, Debug)]
struct Config {
    #[env(default = 8080)]
    port: String,
}

fn main() {}
