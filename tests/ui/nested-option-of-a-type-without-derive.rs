use twelve_config::EnvConfig;

struct Tls {
    cert_path: String,
}

#[derive(EnvConfig)]
struct Config {
    #[env(nested)]
    tls: Option<Tls>,
}

fn main() {}
