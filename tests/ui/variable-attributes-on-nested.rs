use twelve_config::EnvConfig;

#[derive(EnvConfig)]
struct Smtp {
    host: String,
}

fn parse_smtp(_: &str) -> Result<Smtp, String> {
    Err("never".to_owned())
}

// Every attribute about one variable is refused on a group, each named.
#[derive(EnvConfig)]
struct Config {
    #[env(nested, deprecated = "MAIL", file, split = ";", kv_split = ":", parse_with = parse_smtp, json)]
    smtp: Smtp,
}

fn main() {}
