use twelve_config::EnvValue;

#[derive(EnvValue)]
enum Level {
    #[env(nmae = "information")]
    Info,
}

fn main() {}
