use twelve_config::EnvValue;

#[derive(EnvValue)]
enum Level {
    Warn,
    #[env(alias = "warn")]
    Warning,
}

fn main() {}
