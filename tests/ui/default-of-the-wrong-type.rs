use twelve_config::EnvConfig;

// A literal of another type than the field's: the message names the text
// to write, which is read as the variable would be.
#[derive(EnvConfig, Debug)]
struct Config {
    #[env(default = 8080)]
    port: String,
    #[env(default = true)]
    flag: std::path::PathBuf,
    #[env(default = 'x')]
    name: String,
}

fn main() {}
