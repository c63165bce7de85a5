use twelve_config::EnvConfig;
use twelve_config::resource::PostgresUrl;

// The URL carries its password into the code; without it, the default is fine.
#[derive(EnvConfig, Debug)]
struct Config {
    #[env(default = "postgres://app:devpass@localhost/app")]
    database_url: PostgresUrl,
    #[env(default = "postgres://localhost/app?sslpassword=devpass")]
    replica_url: PostgresUrl,
    #[env(default = "postgres://app@localhost/app")]
    reports_url: PostgresUrl,
}

fn main() {}
