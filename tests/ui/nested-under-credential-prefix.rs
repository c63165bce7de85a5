use twelve_config::EnvConfig;

#[derive(EnvConfig, Debug)]
struct Config {
    // Every variable of the group is a credential: API_TOKEN_VALUE, ...
    #[env(nested = "API_TOKEN_")]
    token: Parts,
}

#[derive(EnvConfig, Debug)]
struct Parts {
    value: String,
}

fn main() {}
