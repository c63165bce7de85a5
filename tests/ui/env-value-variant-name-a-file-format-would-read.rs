use twelve_config::EnvValue;

// A line break would write a live `X=1` line into `.env.example`; a comma
// would split a list.
#[derive(EnvValue)]
enum Mode {
    #[env(name = "fast\nX=1")]
    Fast,
    #[env(alias = "slow,steady")]
    Slow,
}

fn main() {}
