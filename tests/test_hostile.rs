//! Loading never panics, whatever the environment holds, and the report
//! stays readable.
#![allow(dead_code)] // The config exists to be fed hostile values.

use std::ffi::OsString;
use std::net::IpAddr;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::time::Duration;

use twelve_config::{EnvConfig, SecretBox, SecretString, Vars};

mod hazard;
use hazard::{has_raw_hazard, has_refused_host_char};

fn digits_only(text: &str) -> Result<u32, String> {
    text.parse().map_err(|_| "digits only".to_owned())
}

#[derive(EnvConfig)]
#[env(prefix = "H_", deny_unknown, debug)]
struct Everything {
    string: String,
    unsigned: u8,
    signed: i64,
    float: f64,
    flag: bool,
    letter: char,
    timeout: Duration,
    ip: IpAddr,
    path: PathBuf,
    token: SecretString,
    pin: SecretBox<u32>,
    #[env(secret)]
    hidden: String,
    #[env(split = ";")]
    list: Vec<u16>,
    optional: Option<u8>,
    optional_list: Option<Vec<String>>,
    #[env(default = "5s")]
    defaulted: Duration,
    #[env(parse_with = digits_only)]
    custom: u32,
    #[env(file)]
    from_file: String,
    #[env(nested)]
    inner: Inner,
}

#[derive(EnvConfig, Debug)]
struct Inner {
    value: u16,
}

fn hostile_values() -> Vec<(&'static str, OsString)> {
    vec![
        ("empty", OsString::new()),
        ("space", " ".into()),
        ("whitespace", " \t\r\n ".into()),
        ("megabyte of letters", "a".repeat(1 << 20).into()),
        ("megabyte of digits", "9".repeat(1 << 20).into()),
        ("megabyte of separators", ";".repeat(1 << 20).into()),
        ("control characters", "\u{0}\u{1}\u{7}\u{1b}[31mred\u{7f}".into()),
        ("bidi override", "\u{202e}gnp.exe".into()),
        ("newlines", "line1\nline2\r\n".into()),
        ("url with password", "postgres://u:hunter2@h/db".into()),
        ("not unicode", OsString::from_vec(vec![0x66, 0x6f, 0xff, 0xfe, 0x80])),
        ("lone surrogate bytes", OsString::from_vec(vec![0xed, 0xa0, 0x80])),
        ("emoji", "🦀🦀🦀".into()),
        ("huge number", "1e309".into()),
        ("negative zero", "-0".into()),
        ("file to nowhere", "/nonexistent/\u{0}/x".into()),
    ]
}

const NAMES: &[&str] = &[
    "H_STRING",
    "H_UNSIGNED",
    "H_SIGNED",
    "H_FLOAT",
    "H_FLAG",
    "H_LETTER",
    "H_TIMEOUT",
    "H_IP",
    "H_PATH",
    "H_TOKEN",
    "H_PIN",
    "H_HIDDEN",
    "H_LIST",
    "H_OPTIONAL",
    "H_OPTIONAL_LIST",
    "H_DEFAULTED",
    "H_CUSTOM",
    "H_FROM_FILE",
    "H_FROM_FILE_FILE",
    "H_INNER_VALUE",
    "H_\u{202e}UNKNOWN",
];

#[test]
fn every_field_type_survives_every_hostile_value() {
    for (label, value) in hostile_values() {
        let vars: Vars = NAMES.iter().map(|name| (*name, value.clone())).collect();
        // Whatever happens, it is a value or a report, never a panic.
        let outcome = Everything::from_source(&vars);
        if let Err(error) = outcome {
            let report = error.to_string();
            assert!(!error.problems().is_empty(), "{label}");
            // Huge values are cut, so the report stays readable.
            assert!(report.len() < 20_000, "{label}: report of {} bytes", report.len());
            // Control characters are escaped, never written raw to a terminal.
            assert!(!report.contains('\u{1b}') && !report.contains('\u{0}'), "{label}: {report}");
            assert!(!report.contains("hunter2"), "{label}: {report}");
            for problem in error.problems() {
                let _ = format!("{problem} {problem:?}");
            }
        }
    }
}

#[test]
fn hostile_values_in_unknown_variable_names_are_reported_safely() {
    let vars = Vars::new().with("H_\u{1b}[2J", "x").with(
        // A name that is not Unicode is skipped: it cannot be a field's.
        OsString::from_vec(b"H_\xff".to_vec()).to_string_lossy().into_owned(),
        "x",
    );
    let error = Everything::from_source(&vars).unwrap_err();
    assert!(error.problems().iter().any(|p| p.var().starts_with("H_\u{1b}")));
    // The name is reported, escaped: no raw escape sequence reaches a terminal.
    for text in [error.to_string(), error.problems().iter().map(ToString::to_string).collect()] {
        assert!(text.contains("H_\\u{1b}[2J") && !text.contains('\u{1b}'), "{text}");
    }
}

#[test]
fn a_megabyte_value_is_shown_clipped_with_its_size() {
    #[derive(EnvConfig, Debug)]
    struct Port {
        port: u16,
    }
    let error = Port::from_vars([("PORT", "7".repeat(1 << 20))]).unwrap_err();
    let report = error.to_string();
    assert!(report.contains("(1048576 bytes in all)"), "{report}");
    assert!(report.len() < 1_000, "{}", report.len());
}

#[test]
fn a_megabyte_long_variable_name_gets_no_costly_suggestion() {
    #[derive(EnvConfig, Debug)]
    #[env(prefix = "H_", deny_unknown)]
    struct Small {
        port: u16,
    }
    let long_name = format!("H_{}", "P".repeat(1 << 20));
    // With a missing field too, so both the unknown check and the near-miss
    // hint look at the long name.
    let error = Small::from_vars([(long_name.clone(), "1".to_owned())]).unwrap_err();
    let unknown = error.problems().iter().find(|p| p.var() == long_name).expect("reported as unknown");
    assert!(matches!(unknown, twelve_config::Problem::Unknown { suggestion: None, .. }));
    // The name is shown cut, with its size.
    let report = error.to_string();
    assert!(report.len() < 2_000 && report.contains("(1048578 bytes in all)"), "{}", report.len());
}

/// `[$check::<H>($input), ...]` for each of the fourteen handle kinds.
macro_rules! every_kind {
    ($check:ident, $input:expr) => {{
        use twelve_config::resource::*;
        [
            $check::<PostgresUrl>($input),
            $check::<MysqlUrl>($input),
            $check::<SqliteUrl>($input),
            $check::<RedisUrl>($input),
            $check::<AmqpUrl>($input),
            $check::<SmtpUrl>($input),
            $check::<MongoUrl>($input),
            $check::<MemcachedUrl>($input),
            $check::<HttpUrl>($input),
            $check::<DatabaseUrl>($input),
            $check::<ResourceUrl>($input),
            $check::<NatsUrl>($input),
            $check::<MqttUrl>($input),
            $check::<KafkaUrl>($input),
        ]
    }};
}

/// What a handle of type `H` shows of `input`: its `Display` and `Debug`
/// when it parses (`true`), its error's `Display` and `Debug` when not.
fn shown<H>(input: &str) -> (bool, Vec<String>)
where
    H: std::str::FromStr + std::fmt::Display + std::fmt::Debug,
    H::Err: std::fmt::Display + std::fmt::Debug,
{
    match input.parse::<H>() {
        Ok(handle) => (true, vec![handle.to_string(), format!("{handle:?}")]),
        Err(error) => (false, vec![error.to_string(), format!("{error:?}")]),
    }
}

#[test]
fn no_handle_shows_a_hostile_character_of_its_url_raw() {
    // Each template's `X` is replaced by the hostile character: in a path,
    // a query key or value, a user name, an IPv6 literal, a host, a port.
    let templates = [
        "SCHEME://u:pw@h/dX",
        "SCHEME://h/db?application_name=aXb",
        "SCHEME://h/db?Xkey=1",
        "SCHEME://h/db?key=1&key=X",
        "SCHEME://uX:pw@h/db",
        "SCHEME://[::1X]/db",
        "SCHEME://[X]",
        "SCHEME://hX/db",
        "SCHEME://h%E2%80%AEX/db",
        "SCHEME://h:5X/db",
        "SCHEME://h/%E2%80%AE?x=X",
        "SCHEME:X",
    ];
    let schemes = [
        "postgres",
        "mysql",
        "sqlite",
        "redis",
        "redis+unix",
        "amqp",
        "smtp",
        "mongodb",
        "memcache",
        "http",
        "nats",
        "mqtt",
        "kafka",
        "custom",
    ];
    // Refused where they stand raw (controls, bidirectional ones, a
    // zero-width space...), kept by the handles that take non-ASCII text
    // (a zero-width joiner or non-joiner, a variation selector).
    let hostile = [
        "\u{202e}",
        "\u{2066}",
        "\u{200f}",
        "\u{200b}",
        "\u{feff}",
        "\u{ad}",
        "\u{1b}[2J",
        "\u{9b}",
        "\u{200d}",
        "\u{200c}",
        "\u{fe0f}",
    ];
    let (mut parsed, mut refused) = (0, 0);
    for scheme in schemes {
        for template in templates {
            for hazard in hostile {
                let input = template.replace("SCHEME", scheme).replace('X', hazard);
                for (ok, texts) in every_kind!(shown, &input) {
                    if ok {
                        parsed += 1
                    } else {
                        refused += 1
                    }
                    for text in texts {
                        assert!(!has_raw_hazard(&text), "{input:?} is shown raw: {text:?}");
                    }
                }
            }
        }
    }
    // Both ways are exercised: handles that keep such a URL, errors that
    // quote it.
    assert!(parsed > 100 && refused > 1000, "parsed {parsed}, refused {refused}");
}

#[test]
fn a_url_holding_an_invisible_character_is_refused_with_its_code_point() {
    use twelve_config::resource::*;

    fn refused<H>(input: &str, code: &str)
    where
        H: std::str::FromStr<Err = ParseError>,
    {
        let Err(error) = input.parse::<H>() else { panic!("{input:?} parses as {}", std::any::type_name::<H>()) };
        assert_eq!(error.part(), UrlPart::Whole, "{input:?}: {error}");
        let message = error.to_string();
        assert!(message.contains("invisible character") && message.contains(code), "{input:?}: {message}");
    }
    let invisible = [
        ('\u{ad}', "U+00AD"),
        ('\u{61c}', "U+061C"),
        ('\u{200b}', "U+200B"),
        ('\u{200e}', "U+200E"),
        ('\u{200f}', "U+200F"),
        ('\u{202a}', "U+202A"),
        ('\u{202e}', "U+202E"),
        ('\u{2060}', "U+2060"),
        ('\u{2064}', "U+2064"),
        ('\u{2066}', "U+2066"),
        ('\u{2069}', "U+2069"),
        ('\u{feff}', "U+FEFF"),
    ];
    for (c, code) in invisible {
        // A zero-width space pasted at the end, a bidirectional control
        // inside the password or the path.
        refused::<PostgresUrl>(&format!("postgres://app:pw@db/billing{c}"), code);
        refused::<PostgresUrl>(&format!("postgres://app:p{c}w@db/billing"), code);
        refused::<MysqlUrl>(&format!("mysql://db/app?ssl-mode=REQUIRED{c}"), code);
        refused::<SqliteUrl>(&format!("sqlite://data{c}.db"), code);
        refused::<RedisUrl>(&format!("redis://cache{c}:6379/0"), code);
        refused::<RedisUrl>(&format!("redis+unix:///run/redis{c}.sock"), code);
        refused::<AmqpUrl>(&format!("amqp://mq/{c}vhost"), code);
        refused::<SmtpUrl>(&format!("smtp://mail{c}.example.com"), code);
        refused::<MongoUrl>(&format!("mongodb://db/app{c}"), code);
        refused::<MemcachedUrl>(&format!("memcache://cache{c}"), code);
        refused::<HttpUrl>(&format!("https://api.example.com/v1/{c}"), code);
        refused::<DatabaseUrl>(&format!("{c}postgres://db/app"), code);
        refused::<ResourceUrl>(&format!("s3://bucket/key{c}"), code);
        refused::<NatsUrl>(&format!("nats://a:4222,b{c}:4222"), code);
        refused::<MqttUrl>(&format!("mqtt://broker/{c}"), code);
        refused::<KafkaUrl>(&format!("kafka://k1:9092,k2{c}:9092"), code);
    }
    // Text that needs them keeps them: a joiner in an internationalised
    // value, an emoji's variation selector; percent-encoded, any of them.
    for kept in
        ["https://example.com/a\u{200d}b", "https://example.com/?q=\u{2764}\u{fe0f}", "https://example.com/%E2%80%8B"]
    {
        let url: HttpUrl = kept.parse().unwrap_or_else(|error| panic!("{kept:?}: {error}"));
        assert!(!has_raw_hazard(&url.to_string()), "{url}");
    }
}

#[test]
fn no_handle_takes_a_host_that_decodes_to_what_no_host_holds() {
    use twelve_config::resource::*;

    /// The host `H` reads from `input`, and whether one holds what no host
    /// holds; `None` when `input` is refused.
    fn hosts<H: Resource>(input: &str) -> Option<Vec<(String, bool)>> {
        let handle = input.parse::<H>().ok()?;
        Some(
            handle
                .hosts()
                .iter()
                .map(|host| {
                    let text = host.host();
                    let bad = has_refused_host_char(text, host.is_socket());
                    (text.to_owned(), bad)
                })
                .collect(),
        )
    }
    fn every_kind(input: &str) -> Vec<Option<Vec<(String, bool)>>> {
        every_kind!(hosts, input).into()
    }
    // `X` is a percent-encoded character: in a host name, in a socket
    // path of the authority, of `?host=`, of a redis or memcache path.
    let templates = [
        "SCHEME://dbXhost/db",
        "SCHEME://u:pw@dbX:1234,other/db",
        "SCHEME://%2Frun%2FpgX/db",
        "SCHEME:///db?host=dbX",
        "SCHEME:///db?host=%2FrunX%2Fpg",
        "SCHEME:///run/cacheX.sock",
        "SCHEME://dbX",
    ];
    let schemes = ["postgres", "mongodb", "http", "https", "amqp", "redis+unix", "memcache", "custom", "redis", "nats"];
    // Refused once decoded: controls (C0, DELETE, C1), invisible
    // characters, and in a host name whitespace and ASCII punctuation no
    // host name holds.
    let refused = [
        "%01",
        "%09",
        "%0A",
        "%0D",
        "%1B",
        "%7F",
        "%C2%85",
        "%C2%9B",
        "%C2%AD",
        "%E2%80%8B",
        "%E2%80%AE",
        "%E2%81%A6",
        "%EF%BB%BF",
    ];
    let refused_in_names = [
        "%20",
        "%C2%A0",
        "%E3%80%80",
        "%22",
        "%23",
        "%25",
        "%2C",
        "%3A",
        "%3C",
        "%3E",
        "%3F",
        "%40",
        "%5B",
        "%5C",
        "%5D",
        "%5E",
        "%60",
        "%7B",
        "%7C",
        "%7D",
    ];
    let mut checked = 0;
    for scheme in schemes {
        for template in templates {
            for escape in refused.iter().chain(&refused_in_names) {
                let input = template.replace("SCHEME", scheme).replace('X', escape);
                for hosts in every_kind(&input).into_iter().flatten() {
                    checked += 1;
                    for (host, bad) in hosts {
                        assert!(!bad, "{input:?} is taken, with the host {host:?}");
                    }
                }
            }
            // The same templates, with a character every host may hold:
            // taken where the kind decodes that part, so the templates
            // reach the hosts the loop above checks.
            let input = template.replace("SCHEME", scheme).replace('X', "%61");
            checked += every_kind(&input).into_iter().flatten().count();
        }
    }
    assert!(checked > 200, "only {checked} handles taken");
    // Each way a decoded host reaches a driver, with its decoded host:
    for (input, host) in [
        ("https://ex%61mple.com/", "example.com"),
        ("amqp://mq%2Done/%2f", "mq-one"),
        ("postgres://%2Frun%2Fpg%20sockets/db", "/run/pg sockets"),
        ("postgres:///db?host=%2Frun%2Fpg", "/run/pg"),
        ("postgres:///db?host=::1", "::1"),
        ("redis+unix:///run/my%20cache.sock", "/run/my cache.sock"),
        ("memcache:///tmp/m%2Dc.sock", "/tmp/m-c.sock"),
    ] {
        let taken = every_kind(input).into_iter().flatten().next().unwrap_or_else(|| panic!("{input:?} is refused"));
        assert_eq!(taken[0], (host.to_owned(), false), "{input:?}");
    }
    // ... and refused, the code point named, nothing quoted raw.
    for (input, kind, said) in [
        ("http://h%0Aevil.example/", "HttpUrl", "control character (U+000A)"),
        ("amqp://mq%E2%80%AE/%2f", "AmqpUrl", "invisible character (U+202E)"),
        ("postgres:///db?host=db%C2%A0two", "PostgresUrl", "whitespace (U+00A0)"),
        ("postgres://%2Frun%1B%5B2J/db", "PostgresUrl", "socket path holds a control character (U+001B)"),
        ("mongodb://%2Ftmp%2Fm%C2%9B.sock/db", "MongoUrl", "control character (U+009B)"),
        ("custom://a%7Cb/", "ResourceUrl", "'|'"),
    ] {
        let error = match kind {
            "HttpUrl" => input.parse::<HttpUrl>().map(drop),
            "AmqpUrl" => input.parse::<AmqpUrl>().map(drop),
            "PostgresUrl" => input.parse::<PostgresUrl>().map(drop),
            "MongoUrl" => input.parse::<MongoUrl>().map(drop),
            _ => input.parse::<ResourceUrl>().map(drop),
        }
        .expect_err(input)
        .to_string();
        assert!(error.contains(said) && !has_raw_hazard(&error), "{input:?}: {error}");
    }
}
