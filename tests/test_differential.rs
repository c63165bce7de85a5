//! Differential tests: every handle against the parser of the driver it
//! attaches to, on a generated corpus (realistic URLs per kind, then every
//! special character raw and encoded in each part, IPv6, host lists,
//! sockets, edge ports, repeated and case-varied options).
//!
//! For each URL: the handle accepts what the driver accepts, or the
//! difference is on the short list below with its reason; where both
//! accept, every part agrees; and the handle's own conversion equals the
//! driver's parse of the same URL. `.ci/run` runs it with a fixed seed;
//! a larger run is one command:
//!
//! ```text
//! TWELVE_DIFF_SEED=7 TWELVE_DIFF_SIZE=50000 cargo test --features attach --test test_differential
//! ```

use std::collections::BTreeMap;
use std::str::FromStr;

use twelve_config::ExposeSecret;
use twelve_config::resource::{AmqpUrl, MqttUrl, NatsUrl, PostgresUrl, RedisUrl};

fn rng() -> (Rng, usize) {
    let (seed, size) = settings();
    (Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1), size)
}

/// Tallies one URL: `compare` runs when both accept and returns what
/// differs; `driver_only` names why a URL only the handle accepts is
/// allowed.
fn judge<H, D, E: std::fmt::Display>(
    tally: &mut Tally,
    input: &str,
    handle: Result<H, twelve_config::resource::ParseError>,
    driver: Result<D, E>,
    compare: impl FnOnce(&H, &D) -> Vec<String>,
    driver_only: impl FnOnce(&H, &str) -> Option<&'static str>,
) {
    tally.urls += 1;
    match (handle, driver) {
        (Ok(handle), Ok(driver)) => {
            tally.both_accept += 1;
            for difference in compare(&handle, &driver) {
                tally.fail(input, difference);
            }
        }
        (Err(_), Err(_)) => tally.both_refuse += 1,
        (Ok(handle), Err(error)) => {
            let error = error.to_string();
            match driver_only(&handle, &error) {
                Some(reason) => *tally.allowed.entry(reason).or_default() += 1,
                None => tally.fail(input, format!("accepted here, the driver refuses: {error}")),
            }
        }
        (Err(error), Ok(_)) => match stricter_reason(&error.to_string()) {
            Some(reason) => *tally.allowed.entry(reason).or_default() += 1,
            None if error.part() == twelve_config::resource::UrlPart::Query && repeats_a_key(input) => {
                *tally.allowed.entry(REPEATED).or_default() += 1;
            }
            None => tally.fail(input, format!("refused here ({error}), the driver accepts")),
        },
    }
}

const REPEATED: &str =
    "a repeated option with one bad occurrence: drivers read one (lapin the first, most the last); each is checked";

/// Whether a query key appears twice.
fn repeats_a_key(input: &str) -> bool {
    let Some((_, query)) = input.split_once('?') else { return false };
    let keys: Vec<&str> = query.split('&').map(|pair| pair.split('=').next().unwrap_or_default()).collect();
    keys.iter().enumerate().any(|(index, key)| keys[..index].contains(key))
}

fn differ<T: std::fmt::Debug + PartialEq>(out: &mut Vec<String>, what: &str, ours: T, theirs: T) {
    if ours != theirs {
        out.push(format!("{what}: the handle says {ours:?}, the driver {theirs:?}"));
    }
}

/// A small deterministic generator (xorshift64*), so a seed is a corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn settings() -> (u64, usize) {
    let read = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    (read("TWELVE_DIFF_SEED", 1), read("TWELVE_DIFF_SIZE", 5000) as usize)
}

const USERS: &[&str] = &["app", "app%40corp", "app@corp", "u%3Ar", "%C3%A9t%C3%A9", "a%20b", "a b", "APP", "u-1.x_y~z"];
const PASSWORDS: &[&str] = &[
    "pw",
    "",
    "p%40ss",
    "p@ss",
    "p%3Ass",
    "p/ss",
    "p%2Fss",
    "p?ss",
    "p%3Fss",
    "p#ss",
    "p%23ss",
    "p%25ss",
    "p%ss",
    "p+ss",
    "p%2Bss",
    "p%20ss",
    "p ss",
    "p%00",
    "p%C3%A9ss",
    "p;ss",
    "p,ss",
    "p&ss",
    "p=ss",
    "p!$'()*",
    "p%5Bss%5D",
    "p[ss]",
];
const HOSTS: &[&str] = &[
    "db",
    "db.example.com",
    "10.0.0.5",
    "127.0.0.1",
    "[::1]",
    "[2001:db8::10]",
    "::1",
    "DB.Example.COM",
    "db_1",
    "%64b",
    "h%2Fx",
    "xn--bcher-kva.example",
    "[::1",
    "a..b",
];
const PORTS: &[&str] = &["", "", "", ":1", ":5432", ":65535", ":0", ":65536", ":x", ":", ":99999999999"];

const GOOD_USERS: &[&str] = &["app", "app%40corp", "u%3Ar", "%C3%A9t%C3%A9", "a%20b", "u-1.x_y~z"];
const GOOD_PASSWORDS: &[&str] =
    &["pw", "p%40ss", "p%3Ass", "p%2Fss", "p%3Fss", "p%23ss", "p%25ss", "p%2Bss", "p%20ss", "p!$'()*", "p;ss,x&y=z"];
const GOOD_HOSTS: &[&str] = &["db", "db.example.com", "10.0.0.5", "127.0.0.1", "[::1]", "[2001:db8::10]", "db-1"];
const GOOD_PORTS: &[&str] = &["", ":1", ":5432", ":65535", ":6380"];

/// Half the corpus is drawn from parts every reader should take, half from
/// every part a reader may take its own way.
fn pools(rng: &mut Rng) -> [&'static [&'static str]; 4] {
    if rng.chance(50) { [GOOD_USERS, GOOD_PASSWORDS, GOOD_HOSTS, GOOD_PORTS] } else { [USERS, PASSWORDS, HOSTS, PORTS] }
}

/// `user[:password]@`, or nothing.
fn userinfo(rng: &mut Rng) -> String {
    let [users, passwords, _, _] = pools(rng);
    match rng.next() % 4 {
        0 => String::new(),
        1 => format!("{}@", rng.pick(users)),
        2 => format!(":{}@", rng.pick(passwords)),
        _ => format!("{}:{}@", rng.pick(users), rng.pick(passwords)),
    }
}

/// `host[:port]`.
fn host_port(rng: &mut Rng) -> String {
    let [_, _, hosts, ports] = pools(rng);
    format!("{}{}", rng.pick(hosts), rng.pick(ports))
}

/// `scheme://[userinfo@]host[:port]` then one of `paths` and a query of
/// `pairs`: the corpus of every kind read as one authority.
fn url(rng: &mut Rng, scheme: &str, paths: &[&str], pairs: &[&str]) -> String {
    format!("{scheme}://{}{}{}{}", userinfo(rng), host_port(rng), rng.pick(paths), query(rng, pairs))
}

fn query(rng: &mut Rng, pairs: &[&str]) -> String {
    let count = rng.next() % 4;
    let mut out = String::new();
    for index in 0..count {
        out.push(if index == 0 { '?' } else { '&' });
        out.push_str(rng.pick(pairs));
    }
    out
}

/// What differs, or why a difference is allowed.
#[derive(Default)]
struct Tally {
    urls: usize,
    both_accept: usize,
    both_refuse: usize,
    /// Allowed differences, by reason.
    allowed: BTreeMap<&'static str, usize>,
    failures: Vec<String>,
}

impl Tally {
    fn fail(&mut self, input: &str, what: String) {
        if self.failures.len() < 40 {
            self.failures.push(format!("{input:?}: {what}"));
        } else {
            self.failures.push(String::new());
        }
    }

    fn finish(self, kind: &str) {
        eprintln!(
            "{kind}: {} URLs, {} accepted by both, {} refused by both, allowed differences {:?}",
            self.urls, self.both_accept, self.both_refuse, self.allowed
        );
        let failures: Vec<&String> = self.failures.iter().filter(|f| !f.is_empty()).collect();
        assert!(
            self.failures.is_empty(),
            "{kind}: {} disagreements, first ones:\n{}",
            self.failures.len(),
            failures.iter().map(|f| format!("  {f}")).collect::<Vec<_>>().join("\n")
        );
        assert!(self.both_accept > self.urls / 10, "{kind}: the corpus hardly exercises accepted URLs");
    }
}

/// A handle refuses what its driver accepts: allowed when the handle's
/// reason is one of these classes, each a deliberate refusal of an input
/// that is ambiguous or that another reader of the same URL takes
/// differently. (Refusing more never sends credentials anywhere.)
const STRICTER: &[(&str, &str)] = &[
    ("unencoded '@'", "an unencoded '@' in the user info: drivers take the last or the first '@'"),
    ("unencoded ':'", "a second ':' in the user info: drivers split at the first or the last"),
    ("must be percent-encoded", "RFC 3986 userinfo characters: '[', ']', space and non-ASCII are written encoded"),
    ("percent-escape", "a '%' that starts no escape, or %00: drivers keep it, decode it or cut the C string"),
    ("'@' follows a '?'", "an '@' after '?' before any '/': libpq reads it as the user info's end, URL parsers do not"),
    ("an '@' stands after the host", "an '@' after the authority: a password holding '/', '?' or '#'"),
    ("holds whitespace", "a raw space: some readers cut the value there"),
    ("'#'", "a '#' starts a fragment that drivers drop with what follows"),
    ("which no host name holds", "a host with characters no DNS name or address has"),
    ("is not an IPv6 address", "a malformed IPv6 literal"),
    ("port 0", "port 0 is no server's port"),
    ("is empty after ':'", "an empty port"),
    ("the host is missing", "no host where the kind needs one"),
    ("UTF-8", "bytes that are not UTF-8 once decoded"),
    ("not valid percent-encoding", "a bad escape in a path or query"),
    ("an empty host", "an empty entry in a host list"),
    ("ports for", "host and port lists that cannot pair (libpq refuses them when it connects)"),
    (
        "write the scheme in lowercase",
        "an uppercase scheme the driver does not read as a URL (sqlx opens a file named SQLITE:data.db)",
    ),
    (
        "the vhost is one path segment",
        "the RabbitMQ URI spec: the vhost is one segment (lapin reads /a/b as a/b, others refuse)",
    ),
    (
        "a password with no user name",
        "a password without a user: MQTT, SASL and nats.go need one (async-nats ignores URL credentials)",
    ),
    (
        "percent-escape, which this driver does not decode",
        "an escape in a host the driver would send to DNS as written",
    ),
    ("wildcard address", "0.0.0.0 or ::, which redis-rs refuses"),
    ("smtps:// is always TLS", "?tls= on smtps://, which lettre ignores: the URL says two things"),
    ("the name sent in EHLO", "an EHLO name lettre would send as written, '/' or escapes included"),
    ("the EHLO name is given twice", "the EHLO name as the path and as ?ehlo_domain= (lettre reads only the path)"),
    ("a user name with no password", "an SMTP user without a password, whom lettre would not log in"),
    ("0 (off) to 65535", "an MQTT keep-alive over 16 bits, which rumqttc would truncate"),
    ("rumqttc ignores one alone", "one MQTT packet size without the other, which rumqttc ignores"),
    ("libpq's keys are case-sensitive", "a libpq key in another case: libpq refuses it, sqlx ignores it"),
    ("is not a libpq connection parameter", "a key libpq refuses (sqlx ignores it)"),
    ("is not a whole number", "a libpq number option that is not an integer (sqlx ignores it)"),
    ("is a path step to URL parsers", "a database named . or ..: libpq connects to it, URL parsers drop it"),
    ("holds a percent-escape, which libpq decodes", "an escaped host name: libpq decodes it, sqlx keeps it as written"),
    ("holds an encoded '/'", "an encoded '/' inside a host name"),
    (
        "which libpq, tokio-postgres and sqlx combine differently",
        "hosts or ports in the authority and in ?host=/?port=, which each Postgres driver combines its own way",
    ),
    (
        "is given twice: libpq uses the last",
        "?host=, ?port= or ?hostaddr= twice, which each Postgres driver reads its own way",
    ),
    (
        "ends in a number but is not an IPv4 address",
        "a host such as 127.1 that WHATWG rewrites (to 127.0.0.1) or refuses (256.1.1.1)",
    ),
    ("the database file is missing", "an SQLite URL with no file and no mode=memory (sqlx opens a temporary database)"),
    ("a MySQL database name cannot hold '/'", "a '/' in a MySQL database name, which the server refuses"),
    ("a raw '+' in the query", "a raw '+' in a Postgres query: a plus to libpq, a space to sqlx"),
    ("is not mqtt, mqtts, ws or wss", "tcp:// and ssl://: rumqttc's aliases, outside the handle's schemes (DESIGN.md)"),
    (
        "is not a non-negative integer",
        "a negative Redis database (the IANA redis scheme: a non-negative integer; the server refuses it)",
    ),
    ("reads ?db= only on a unix socket", "?db= on a TCP Redis URL, which redis-rs ignores (database 0)"),
    (
        "is given twice, with different values",
        "an option given twice with different values: the handle reads the last, a driver that parses the URL \
         itself may read the first",
    ),
    ("give it once", "a Redis socket database in the path and in ?db= at odds"),
    ("a socket URL names no host", "user info or a host in a socket URL (redis+unix:///path)"),
    (
        "is not redis, rediss, redis+unix or unix",
        "valkey:// and valkeys://: redis-rs's, outside the handle's schemes (DESIGN.md)",
    ),
];

fn stricter_reason(error: &str) -> Option<&'static str> {
    STRICTER.iter().find(|(needle, _)| error.contains(needle)).map(|(_, reason)| *reason)
}

// PostgreSQL against tokio-postgres

fn postgres_corpus(rng: &mut Rng, size: usize) -> Vec<String> {
    let paths = ["/billing", "", "/", "/my%20db", "/a%2Fb", "/db%40x", "/%2e%2e", "/caf%C3%A9"];
    let pairs = [
        "sslmode=require",
        "sslmode=disable",
        "sslmode=prefer",
        "sslmode=bogus",
        "SSLMODE=require",
        "application_name=x%20y",
        "application_name=a+b",
        "connect_timeout=5",
        "connect_timeout=x",
        "options=-c%20search_path%3Da",
        "user=q",
        "password=s3cr3t",
        "dbname=other",
        "host=h2",
        "host=%2Frun%2Fpostgresql",
        "port=6000",
        "port=1,2",
        "target_session_attrs=read-write",
        "target_session_attrs=primary",
        "HOST=evil",
        "keepalives=1",
        "bogus=1",
        "sslmode=require&sslmode=disable",
    ];
    let mut out = Vec::with_capacity(size);
    while out.len() < size {
        let scheme = rng.pick(&["postgres", "postgresql", "POSTGRES"]);
        let hosts = if rng.chance(15) { format!("{},{}", host_port(rng), host_port(rng)) } else { host_port(rng) };
        let url = format!("{scheme}://{}{hosts}{}{}", userinfo(rng), rng.pick(&paths), query(rng, &pairs));
        out.push(url);
    }
    out
}

/// What tokio-postgres will connect with. An empty user name is no user
/// name: libpq reads `postgres://:pw@db` as the OS user, tokio-postgres
/// keeps `""` (and refuses to connect: "user missing"), the handle follows
/// libpq.
fn tokio_postgres_view(config: &tokio_postgres::Config) -> String {
    use tokio_postgres::config::Host;
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|host| match host {
            Host::Tcp(name) => name.clone(),
            Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    format!(
        "hosts={hosts:?} ports={:?} user={:?} password={:?} dbname={:?} app={:?} options={:?} ssl={:?} timeout={:?} attrs={:?}",
        config.get_ports(),
        config.get_user().filter(|user| !user.is_empty()),
        config.get_password().map(String::from_utf8_lossy),
        config.get_dbname(),
        config.get_application_name(),
        config.get_options(),
        config.get_ssl_mode(),
        config.get_connect_timeout(),
        config.get_target_session_attrs(),
    )
}

#[test]
fn postgres_against_tokio_postgres() {
    let (seed, size) = settings();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut tally = Tally::default();
    for input in postgres_corpus(&mut rng, size) {
        tally.urls += 1;
        let handle = input.parse::<PostgresUrl>();
        let driver = tokio_postgres::Config::from_str(&input);
        match (handle, driver) {
            (Ok(handle), Ok(driver)) => {
                tally.both_accept += 1;
                match handle.to_tokio_postgres_config() {
                    Ok(converted) => {
                        let (ours, theirs) = (tokio_postgres_view(&converted), tokio_postgres_view(&driver));
                        if ours != theirs {
                            tally.fail(
                                &input,
                                format!("the conversion gives\n    {ours}\n  tokio-postgres reads\n    {theirs}"),
                            );
                        }
                    }
                    Err(error) => {
                        let reason = if error.to_string().contains("cannot express") {
                            "the conversion refuses what tokio-postgres cannot express (sslmode verify-*, target_session_attrs primary, ...)"
                        } else {
                            tally.fail(&input, format!("the conversion fails: {error}"));
                            continue;
                        };
                        *tally.allowed.entry(reason).or_default() += 1;
                    }
                }
                // The handle's own accessors say the same.
                let first = driver.get_hosts().first().map(|host| match host {
                    tokio_postgres::config::Host::Tcp(name) => name.clone(),
                    tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
                });
                if handle.host().map(str::to_owned) != first {
                    tally.fail(&input, format!("host() is {:?}, tokio-postgres connects to {first:?}", handle.host()));
                }
                if handle.username() != driver.get_user().filter(|user| !user.is_empty()) {
                    tally.fail(
                        &input,
                        format!("username() is {:?}, tokio-postgres {:?}", handle.username(), driver.get_user()),
                    );
                }
                let password = handle.password().map(|p| p.expose_secret().as_bytes().to_vec());
                if password.as_deref() != driver.get_password() {
                    tally.fail(&input, "password() differs from tokio-postgres's".to_owned());
                }
                if handle.database() != driver.get_dbname() {
                    tally.fail(
                        &input,
                        format!("database() is {:?}, tokio-postgres {:?}", handle.database(), driver.get_dbname()),
                    );
                }
            }
            (Err(_), Err(_)) => tally.both_refuse += 1,
            (Ok(handle), Err(error)) => {
                // tokio-postgres implements fewer of libpq's parameters and
                // values; the handle takes libpq's, and its conversion refuses
                // what tokio-postgres cannot express.
                const TOKIO_KEYS: &[&str] = &[
                    "user",
                    "password",
                    "dbname",
                    "options",
                    "application_name",
                    "sslmode",
                    "sslnegotiation",
                    "host",
                    "hostaddr",
                    "port",
                    "connect_timeout",
                    "tcp_user_timeout",
                    "keepalives",
                    "keepalives_idle",
                    "keepalives_interval",
                    "keepalives_retries",
                    "target_session_attrs",
                    "channel_binding",
                    "load_balance_hosts",
                ];
                let value = |key: &str| {
                    handle.query_pairs().filter(|(k, _)| *k == key).map(|(_, v)| v.to_owned()).collect::<Vec<_>>()
                };
                let reason = if handle.query_pairs().any(|(key, _)| !TOKIO_KEYS.contains(&key)) {
                    Some("a libpq parameter tokio-postgres does not implement (libpq and sqlx read it)")
                } else if value("sslmode")
                    .iter()
                    .any(|mode| ["allow", "verify-ca", "verify-full"].contains(&mode.as_str()))
                {
                    Some(
                        "sslmode allow/verify-ca/verify-full: libpq's, not tokio-postgres's (the conversion refuses them)",
                    )
                } else if value("target_session_attrs")
                    .iter()
                    .any(|a| !["any", "read-write", "read-only"].contains(&a.as_str()))
                {
                    Some("target_session_attrs primary/standby/prefer-standby: libpq's (the conversion refuses them)")
                } else if handle.hosts().is_empty() {
                    Some("no host: libpq's local default socket, which tokio-postgres does not guess")
                } else {
                    None
                };
                match reason {
                    Some(reason) => *tally.allowed.entry(reason).or_default() += 1,
                    None => tally.fail(&input, format!("accepted here, tokio-postgres refuses: {error}")),
                }
            }
            (Err(error), Ok(_)) => match stricter_reason(&error.to_string()) {
                Some(reason) => *tally.allowed.entry(reason).or_default() += 1,
                None => tally.fail(&input, format!("refused here ({error}), tokio-postgres accepts")),
            },
        }
    }
    tally.finish("PostgresUrl vs tokio-postgres");
}

// Redis against redis-rs

#[test]
fn redis_against_redis_rs() {
    use redis::{ConnectionAddr, IntoConnectionInfo};
    let (mut rng, size) = rng();
    let mut tally = Tally::default();
    let paths = ["", "/", "/0", "/2", "/15", "/x", "/-1", "/1/2"];
    let pairs = [
        "protocol=resp3",
        "protocol=3",
        "protocol=RESP3",
        "db=3",
        "user=u2",
        "pass=p2",
        "client_name=svc",
        "protocol=4",
    ];
    for _ in 0..size {
        let scheme = rng.pick(&["redis", "redis", "rediss", "REDIS", "redis+unix", "unix", "valkey"]);
        let input = if scheme.contains("unix") {
            format!("{scheme}://{}/run/redis.sock{}", userinfo(&mut rng), query(&mut rng, &pairs))
        } else {
            url(&mut rng, scheme, &paths, &pairs)
        };
        let handle = input.parse::<RedisUrl>();
        let driver = input.as_str().into_connection_info();
        let view = |info: &redis::ConnectionInfo| {
            let addr = match info.addr() {
                ConnectionAddr::Tcp(host, port) => format!("tcp {} {port}", host.to_ascii_lowercase()),
                ConnectionAddr::TcpTls { host, port, insecure, .. } => {
                    format!("tls {} {port} {insecure}", host.to_ascii_lowercase())
                }
                ConnectionAddr::Unix(path) => format!("unix {}", path.display()),
                other => format!("{other:?}"),
            };
            let settings = info.redis_settings();
            format!(
                "{addr} db={} user={:?} password={:?} protocol={:?}",
                settings.db(),
                settings.username(),
                settings.password(),
                settings.protocol()
            )
        };
        judge(
            &mut tally,
            &input,
            handle,
            driver,
            |handle, driver| {
                let mut out = Vec::new();
                // The conversion is built from the parts; it equals redis-rs's
                // own reading of the URL.
                match handle.to_connection_info() {
                    Ok(converted) => differ(&mut out, "the conversion", view(&converted), view(driver)),
                    Err(error) => out.push(format!("the conversion fails: {error}")),
                }
                differ(&mut out, "db()", handle.db(), driver.redis_settings().db());
                differ(&mut out, "username()", handle.username(), driver.redis_settings().username());
                differ(
                    &mut out,
                    "password()",
                    handle.password().map(|p| p.expose_secret().to_owned()),
                    driver.redis_settings().password().map(str::to_owned),
                );
                out
            },
            |handle, error| {
                if handle.is_socket()
                    && (handle.username().is_some() || handle.password().is_some())
                    && error.contains("did not parse")
                {
                    Some(
                        "redis-py's unix://user:password@/path: redis-rs's URL parser refuses it, the conversion builds it from the parts",
                    )
                } else if handle.is_tls() && error.contains("TLS") {
                    Some("rediss:// with redis-rs built without a TLS feature, as here: it refuses, never falls back")
                } else {
                    None
                }
            },
        );
    }
    tally.finish("RedisUrl vs redis-rs");
}

// MQTT against rumqttc

#[test]
fn mqtt_against_rumqttc() {
    let (mut rng, size) = rng();
    let mut tally = Tally::default();
    let bugs = std::cell::RefCell::new(0);
    let pairs = [
        "client_id=sensor-1",
        "client_id=a+b",
        "client_id=x%20y",
        "keep_alive_secs=30",
        "keep_alive_secs=0",
        "keep_alive_secs=x",
        "keep_alive_secs=70000",
        "clean_session=false",
        "clean_session=true",
        "clean_session=yes",
        "inflight_num=5",
        "inflight_num=0",
        "request_channel_capacity_num=20",
        "pending_throttle_usecs=100",
        "max_incoming_packet_size_bytes=100",
        "max_outgoing_packet_size_bytes=200",
        "Client_Id=x",
        "bogus=1",
    ];
    for _ in 0..size {
        let scheme = rng.pick(&["mqtt", "mqtt", "mqtt", "mqtts", "MQTT", "tcp"]);
        let good = [
            "client_id=sensor-1",
            "keep_alive_secs=30",
            "clean_session=true",
            "inflight_num=5",
            "pending_throttle_usecs=100",
        ];
        let mut query = if rng.chance(60) { query(&mut rng, &good) } else { query(&mut rng, &pairs) };
        if rng.chance(70) {
            query = format!(
                "{}client_id=c1{}",
                if query.is_empty() { "?" } else { "" },
                if query.is_empty() { "" } else { "&" }
            ) + &query;
            if let Some(rest) = query.strip_prefix("client_id=c1&?") {
                query = format!("?client_id=c1&{rest}");
            }
        }
        let input = format!("{scheme}://{}{}{query}", userinfo(&mut rng), host_port(&mut rng));
        let handle = input.parse::<MqttUrl>();
        // rumqttc panics on `inflight_num=0` ("zero in flight is not
        // allowed"): not called with it, and counted as its refusal.
        let driver = if input.contains("inflight_num=0") {
            Err(rumqttc::OptionError::Inflight)
        } else {
            std::panic::catch_unwind(|| rumqttc::MqttOptions::parse_url(input.clone()))
                .unwrap_or(Err(rumqttc::OptionError::Inflight))
        };
        // `fixed`: as rumqttc would read it without its two bugs: it keeps an
        // IPv6 host's brackets in the broker address (and then cannot
        // connect), and passes the user info still percent-encoded.
        let view = |o: &rumqttc::MqttOptions, fixed: bool| {
            let (mut host, port) = o.broker_address();
            let mut login = o.credentials().map(|l| (l.username, l.password));
            if fixed {
                host = host.trim_start_matches('[').trim_end_matches(']').to_owned();
                login = login.map(|(user, password)| (percent_decode(&user), percent_decode(&password)));
            }
            format!(
                "{host} {port} id={:?} keep_alive={:?} clean={} login={login:?} packet={} inflight={} capacity={} throttle={:?}",
                o.client_id(),
                o.keep_alive(),
                o.clean_session(),
                o.max_packet_size(),
                o.inflight(),
                o.request_channel_capacity(),
                o.pending_throttle()
            )
        };
        judge(
            &mut tally,
            &input,
            handle,
            driver,
            |handle, driver| {
                let mut out = Vec::new();
                match handle.to_mqtt_options() {
                    Ok(converted) if view(&converted, false) == view(driver, false) => {}
                    Ok(converted) if view(&converted, false) == view(driver, true) => *bugs.borrow_mut() += 1,
                    Ok(converted) => differ(&mut out, "the conversion", view(&converted, false), view(driver, true)),
                    Err(error) if handle.scheme() != "mqtt" || error.to_string().contains("max_request_batch") => {}
                    Err(error) => out.push(format!("the conversion fails: {error}")),
                }
                out
            },
            |handle, error| {
                if handle.client_id().is_none() && error.contains("client ID") {
                    Some(
                        "no client_id: rumqttc's URL parser requires one, MQTT lets the broker assign it (the conversion sends none)",
                    )
                } else if handle.scheme() == "mqtts" && error.contains("scheme") {
                    Some(
                        "mqtts:// with rumqttc built without TLS, as here (to_mqtt_options_with takes a TLS transport)",
                    )
                } else {
                    None
                }
            },
        );
    }
    let bugs = bugs.into_inner();
    if bugs > 0 {
        tally.allowed.insert(
            "rumqttc's URL parser keeps IPv6 brackets and leaves the user info encoded; the conversion does neither",
            bugs,
        );
    }
    tally.finish("MqttUrl vs rumqttc");
}

// NATS against async-nats

#[test]
fn nats_against_async_nats() {
    let (mut rng, size) = rng();
    let mut tally = Tally::default();
    for _ in 0..size {
        let scheme = rng.pick(&["nats", "nats", "tls", "ws", "wss", "NATS", "http"]);
        let input = match rng.next() % 3 {
            0 => format!("{scheme}://{}{}", userinfo(&mut rng), host_port(&mut rng)),
            1 => format!("{scheme}://{}{},{}", userinfo(&mut rng), host_port(&mut rng), host_port(&mut rng)),
            _ => format!("{scheme}://{}{},{scheme}://{}", userinfo(&mut rng), host_port(&mut rng), host_port(&mut rng)),
        };
        let handle = input.parse::<NatsUrl>();
        // async-nats takes a list as several addresses: each server.
        let driver: Result<Vec<async_nats::ServerAddr>, String> = match &handle {
            Ok(handle) => handle
                .servers()
                .iter()
                .map(|server| server.parse().map_err(|e: std::io::Error| e.to_string()))
                .collect(),
            Err(_) if !input[input.find("://").map_or(0, |at| at + 3)..].contains(',') => {
                input.parse::<async_nats::ServerAddr>().map(|addr| vec![addr]).map_err(|e| e.to_string())
            }
            Err(_) => Err("a list".to_owned()),
        };
        judge(
            &mut tally,
            &input,
            handle,
            driver,
            |handle, driver| {
                let mut out = Vec::new();
                let ours: Vec<(String, Option<u16>)> =
                    handle.hosts().iter().map(|h| (h.host().to_ascii_lowercase(), h.port())).collect();
                let theirs: Vec<(String, Option<u16>)> =
                    driver.iter().map(|a| (a.host().to_ascii_lowercase(), Some(a.port()))).collect();
                differ(&mut out, "servers", ours, theirs);
                differ(&mut out, "TLS required", handle.scheme() == "tls", driver[0].tls_required());
                differ(&mut out, "websocket", handle.is_websocket(), driver[0].is_websocket());
                if let Ok(converted) = handle.to_server_addrs() {
                    differ(&mut out, "the conversion", converted, driver.clone());
                }
                // A single server as given: async-nats reads the same host and port.
                if handle.hosts().len() == 1
                    && let Ok(direct) = input.parse::<async_nats::ServerAddr>()
                {
                    differ(
                        &mut out,
                        "the URL as given",
                        (direct.host().to_ascii_lowercase(), direct.port()),
                        (handle.host().unwrap_or_default().to_ascii_lowercase(), handle.port().unwrap_or_default()),
                    );
                }
                out
            },
            |_, _| None,
        );
    }
    tally.finish("NatsUrl vs async-nats");
}

// AMQP against amq-protocol-uri (lapin)

#[test]
fn amqp_against_lapin() {
    let (mut rng, size) = rng();
    let mut tally = Tally::default();
    let paths = ["", "/", "/%2f", "/orders", "/v%2Fhost", "/a/b", "/my%20vhost"];
    let pairs = [
        "heartbeat=30",
        "heartbeat=x",
        "frame_max=131072",
        "channel_max=100",
        "connection_timeout=5000",
        "auth_mechanism=external",
        "auth_mechanism=PLAIN",
        "verify=verify_none",
    ];
    for _ in 0..size {
        let scheme = rng.pick(&["amqp", "amqp", "amqps", "AMQP"]);
        let input = url(&mut rng, scheme, &paths, &pairs);
        let handle = input.parse::<AmqpUrl>();
        let driver = input.parse::<lapin::uri::AMQPUri>();
        judge(
            &mut tally,
            &input,
            handle,
            driver,
            |handle, driver| {
                let mut out = Vec::new();
                let Ok(converted) = handle.to_amqp_uri() else {
                    if handle.query_pairs().any(|(key, _)| key == "verify") {
                        return out;
                    }
                    out.push("the conversion fails".to_owned());
                    return out;
                };
                let host = handle.host().unwrap_or("localhost");
                // lapin's parser keeps only a domain name: an IP address,
                // v4 or v6, becomes `localhost`. The conversion is built from
                // the handle's parts, so it names the real host.
                differ(&mut out, "host", converted.authority.host.to_ascii_lowercase(), host.to_ascii_lowercase());
                let ip = host.parse::<std::net::IpAddr>().is_ok();
                if !ip {
                    differ(
                        &mut out,
                        "host as lapin reads it",
                        driver.authority.host.to_ascii_lowercase(),
                        host.to_ascii_lowercase(),
                    );
                }
                differ(&mut out, "port", converted.authority.port, driver.authority.port);
                differ(&mut out, "vhost", &converted.vhost, &driver.vhost);
                differ(&mut out, "scheme", format!("{:?}", converted.scheme), format!("{:?}", driver.scheme));
                differ(&mut out, "query", format!("{:?}", converted.query), format!("{:?}", driver.query));
                // The spec's empty user name stays empty; lapin makes it guest.
                if handle.username() != Some("") {
                    differ(
                        &mut out,
                        "user",
                        &converted.authority.userinfo.username,
                        &driver.authority.userinfo.username,
                    );
                }
                if handle.password().is_some_and(|p| !p.expose_secret().is_empty()) || handle.password().is_none() {
                    differ(
                        &mut out,
                        "password",
                        &converted.authority.userinfo.password,
                        &driver.authority.userinfo.password,
                    );
                }
                out
            },
            |_, _| None,
        );
    }
    tally.finish("AmqpUrl vs lapin");
}

/// Percent-decoding, for reading what a driver left encoded.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[index], hex(index + 1), hex(index + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                index += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

// PostgreSQL against sqlx

#[test]
fn postgres_against_sqlx() {
    let (mut rng, size) = rng();
    let mut tally = Tally::default();
    for input in postgres_corpus(&mut rng, size) {
        let handle = input.parse::<PostgresUrl>();
        let driver = sqlx::postgres::PgConnectOptions::from_str(&input);
        let input_for_hosts = input.clone();
        // sqlx keeps an IPv6 host's brackets (and then cannot connect); a
        // socket makes the host unused.
        let view = |o: &sqlx::postgres::PgConnectOptions| {
            let host = o.get_host().trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
            format!(
                "host={} port={} socket={:?} user={} db={:?} ssl={:?} app={:?} options={:?}",
                if o.get_socket().is_some() { String::new() } else { host },
                o.get_port(),
                o.get_socket(),
                o.get_username(),
                o.get_database(),
                o.get_ssl_mode(),
                o.get_application_name(),
                o.get_options()
            )
        };
        judge(
            &mut tally,
            &input,
            handle,
            driver,
            |handle, driver| {
                let mut out = Vec::new();
                match handle.to_pg_connect_options() {
                    Ok(converted) => differ(&mut out, "the conversion", view(&converted), view(driver)),
                    Err(error) => {
                        let error = error.to_string();
                        // sqlx connects to one host, and drops options it does not read.
                        if !(error.contains("one host") || error.contains("does not read")) {
                            out.push(format!("the conversion fails: {error}"));
                        }
                    }
                }
                out
            },
            |handle, error| {
                let authority = input_for_hosts
                    .split("://")
                    .nth(1)
                    .unwrap_or_default()
                    .split(['/', '?'])
                    .next()
                    .unwrap_or_default();
                if handle.hosts().len() > 1 || authority.contains(',') {
                    Some("several hosts: sqlx reads one (its conversion refuses a list; tokio-postgres takes it)")
                } else if error.contains("invalid digit")
                    && handle.query_pairs().any(|(k, v)| k == "port" && v.contains(','))
                {
                    Some("a ?port= list (libpq's), which sqlx cannot parse")
                } else {
                    None
                }
            },
        );
    }
    tally.finish("PostgresUrl vs sqlx");
}

#[test]
fn conversions_carry_what_the_driver_alone_would_drop() {
    use twelve_config::resource::SmtpUrl;
    // redis-py's socket form: redis-rs refuses the URL, the conversion
    // builds it from the handle's parts, login and database included.
    let url: RedisUrl = "unix://app:s3cr3t@/run/redis.sock?db=2".parse().unwrap();
    let info = url.to_connection_info().unwrap();
    assert_eq!(format!("{:?}", info.addr()), "Unix(\"/run/redis.sock\")");
    let settings = info.redis_settings();
    assert_eq!((settings.username(), settings.password(), settings.db()), (Some("app"), Some("s3cr3t"), 2));
    // AMQP on an IPv6 address: lapin alone would send the login to localhost.
    let url: AmqpUrl = "amqp://app:pw@[2001:db8::10]:5673/orders".parse().unwrap();
    let uri = url.to_amqp_uri().unwrap();
    assert_eq!((uri.authority.host.as_str(), uri.authority.port), ("2001:db8::10", 5673));
    let alone = lapin::uri::AMQPUri::from_str("amqp://app:pw@[2001:db8::10]:5673/orders").unwrap();
    assert_eq!(alone.authority.host, "localhost");
    // The spec's empty user name stays empty (lapin alone: guest).
    let url: AmqpUrl = "amqp://:pw@mq/orders".parse().unwrap();
    assert_eq!(url.to_amqp_uri().unwrap().authority.userinfo.username, "");
    // Options the drivers read and the conversions once refused.
    let url: PostgresUrl = "postgres://db/app?options=-c%20search_path%3Dbilling%20-c%20geqo%3Doff".parse().unwrap();
    assert_eq!(url.to_pg_connect_options().unwrap().get_options(), Some("-c search_path=billing -c geqo=off"));
    let config = url.to_tokio_postgres_config().unwrap();
    assert_eq!(config.get_options(), Some("-c search_path=billing -c geqo=off"));
    let url: PostgresUrl = "postgres://db/app?keepalives=1&keepalives_idle=30&hostaddr=10.0.0.7".parse().unwrap();
    let config = url.to_tokio_postgres_config().unwrap();
    assert_eq!(config.get_keepalives_idle(), std::time::Duration::from_secs(30));
    assert_eq!(config.get_hostaddrs(), ["10.0.0.7".parse::<std::net::IpAddr>().unwrap()]);
    let url: twelve_config::resource::MysqlUrl = "mysql://db/app?timezone=%2B00:00&sslca=/etc/ca.pem".parse().unwrap();
    assert!(url.to_mysql_connect_options().is_ok());
    // SMTP: a password without a user is refused, never dropped; so is a
    // user without a password, whom lettre alone would not log in.
    assert!("smtp://:pw@relay".parse::<SmtpUrl>().is_err());
    assert!("smtp://app@relay".parse::<SmtpUrl>().is_err());
    // SMTP on an IPv6 address: lettre alone names the server `[::1]`,
    // brackets included, which no resolver takes.
    let text = "smtps://app:pw@[::1]:2465/client.example.com";
    let ours = format!("{:?}", text.parse::<SmtpUrl>().unwrap().to_smtp_transport_builder().unwrap());
    assert!(ours.contains("server: \"::1\", port: 2465") && ours.contains("Domain(\"client.example.com\")"), "{ours}");
    let alone = format!("{:?}", lettre::transport::smtp::SmtpTransport::from_url(text).unwrap());
    assert!(alone.contains("server: \"[::1]\""), "{alone}");
    // ?ehlo_domain=, which lettre alone ignores, is carried over.
    let url: SmtpUrl = "smtp://app:pw@relay:2525?ehlo_domain=client.example.com".parse().unwrap();
    assert!(format!("{:?}", url.to_smtp_transport_builder().unwrap()).contains("Domain(\"client.example.com\")"));
}

// SMTP against lettre

#[test]
fn smtp_against_lettre() {
    use lettre::transport::smtp::SmtpTransport;
    use lettre::transport::smtp::extension::ClientId;
    use twelve_config::resource::SmtpUrl;
    let (mut rng, size) = rng();
    let mut tally = Tally::default();
    let paths = ["", "", "/", "/client.example.com", "/client.example.com/", "/a/b", "/c%2Ed", "//x"];
    // `tls=required` twice as likely: a key repeated with one value is
    // accepted, with two refused, and the corpus keeps both.
    let pairs = [
        "tls=required",
        "tls=required",
        "tls=opportunistic",
        "tls=none",
        "tls=bogus",
        "ehlo_domain=client.example.com",
    ];
    for _ in 0..size {
        let scheme = rng.pick(&["smtp", "smtp", "smtps", "SMTP"]);
        let input = url(&mut rng, scheme, &paths, &pairs);
        let handle = input.parse::<SmtpUrl>();
        let driver = SmtpTransport::from_url(&input);
        judge(
            &mut tally,
            &input,
            handle,
            driver,
            |handle, driver| {
                let mut out = Vec::new();
                let Ok(mut converted) = handle.to_smtp_transport_builder() else {
                    out.push("the conversion fails".to_owned());
                    return out;
                };
                let mut driver = driver.clone();
                // lettre ignores ?ehlo_domain=, which the conversion carries.
                if handle.query_pairs().any(|(key, _)| key == "ehlo_domain")
                    && let Some(name) = handle.ehlo_name()
                {
                    driver = driver.hello_name(ClientId::Domain(name.to_owned()));
                }
                // A bare smtp:// is port 587 here (DESIGN.md, lettre's docs),
                // 25 in lettre's code: compared on the same port.
                if !handle.is_implicit_tls()
                    && handle.query_pairs().all(|(key, _)| key != "tls")
                    && !handle.hosts()[0].has_explicit_port()
                {
                    driver = driver.port(587);
                    converted = converted.port(587);
                }
                // lettre names an IPv6 server in brackets (`[::1]`), which
                // it then cannot resolve; the conversion names the address.
                let theirs = format!("{driver:?}");
                let theirs = match handle.host() {
                    Some(host) if host.contains(':') => theirs.replace(&format!("\"[{host}]\""), &format!("{host:?}")),
                    _ => theirs,
                };
                differ(&mut out, "transport", format!("{converted:?}"), theirs);
                out
            },
            |handle, _| {
                handle
                    .query_pairs()
                    .any(|(key, value)| key == "tls" && value == "none")
                    .then_some("?tls=none, the handle's explicit plain mode, which lettre's from_url does not name")
            },
        );
    }
    tally.finish("SmtpUrl vs lettre");
}

// MySQL against sqlx

#[test]
fn mysql_against_sqlx() {
    use twelve_config::resource::MysqlUrl;
    let (mut rng, size) = rng();
    let mut tally = Tally::default();
    let paths = ["/shop", "", "/", "/my%20db", "/a%2Fb", "/%2e%2e", "/caf%C3%A9"];
    let pairs = [
        "ssl-mode=required",
        "sslmode=DISABLED",
        "ssl-mode=bogus",
        "charset=utf8mb4",
        "collation=utf8mb4_bin",
        "ssl-ca=/etc/ca.pem",
        "sslca=/etc/ca.pem",
        "timezone=%2B00:00",
        "statement-cache-capacity=10",
        "socket=%2Frun%2Fmysqld.sock",
        "ssl-mode=required&ssl-mode=disabled",
    ];
    for _ in 0..size {
        let scheme = rng.pick(&["mysql", "mysql", "mariadb", "MYSQL"]);
        let input = url(&mut rng, scheme, &paths, &pairs);
        let handle = input.parse::<MysqlUrl>();
        let driver = sqlx::mysql::MySqlConnectOptions::from_str(&input);
        let view = |o: &sqlx::mysql::MySqlConnectOptions| {
            format!(
                "host={} port={} socket={:?} user={} db={:?} ssl={:?} charset={} collation={:?}",
                o.get_host().trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase(),
                o.get_port(),
                o.get_socket(),
                o.get_username(),
                o.get_database(),
                o.get_ssl_mode(),
                o.get_charset(),
                o.get_collation()
            )
        };
        judge(
            &mut tally,
            &input,
            handle,
            driver,
            |handle, driver| {
                let mut out = Vec::new();
                match handle.to_mysql_connect_options() {
                    Ok(converted) => differ(&mut out, "the conversion", view(&converted), view(driver)),
                    Err(error) => out.push(format!("the conversion fails: {error}")),
                }
                out
            },
            |_, _| None,
        );
    }
    tally.finish("MysqlUrl vs sqlx");
}

// HTTP against the url crate (WHATWG)

#[test]
fn http_against_the_url_crate() {
    use twelve_config::resource::HttpUrl;
    let (mut rng, size) = rng();
    let mut tally = Tally::default();
    let paths = ["", "/", "/v1/", "/a@b", "/a%20b", "/x=password=1", "/%2e%2e/x"];
    let pairs = ["debug", "q=a+b", "token=t", "x=%20", "page=2", "a=%ZZ"];
    for _ in 0..size {
        let scheme = rng.pick(&["https", "http", "HTTPS"]);
        let hosts =
            ["api.example.com", "10.0.0.5", "[::1]", "256.1.1.1", "127.1", "API.Example.COM", "%61pi.example", "a_b"];
        let host = if rng.chance(50) { rng.pick(&hosts).to_owned() } else { host_port(&mut rng) };
        let input = format!("{scheme}://{}{host}{}{}", userinfo(&mut rng), rng.pick(&paths), query(&mut rng, &pairs));
        let handle = input.parse::<HttpUrl>();
        let driver = url::Url::parse(&input);
        judge(
            &mut tally,
            &input,
            handle,
            driver,
            |handle, driver| {
                let mut out = Vec::new();
                let host = driver.host_str().unwrap_or_default().trim_start_matches('[').trim_end_matches(']');
                differ(&mut out, "host", handle.host().unwrap_or_default().to_ascii_lowercase(), host.to_owned());
                differ(&mut out, "port", handle.port(), driver.port_or_known_default());
                let user = (!driver.username().is_empty()).then(|| percent_decode(driver.username()));
                differ(&mut out, "username", handle.username().map(str::to_owned), user);
                let password = driver.password().map(percent_decode);
                differ(&mut out, "password", handle.password().map(|p| p.expose_secret().to_owned()), password);
                differ(&mut out, "the conversion", handle.to_url(), driver.clone());
                out
            },
            |_, _| None,
        );
    }
    tally.finish("HttpUrl vs url");
}

// SQLite and sqlx's Any driver

#[test]
fn sqlite_against_sqlx() {
    use twelve_config::resource::SqliteUrl;
    let (mut rng, size) = rng();
    let mut tally = Tally::default();
    let files = [
        "data.db",
        "/var/lib/app/data.db",
        ":memory:",
        "",
        "my%20data.db",
        "a%3Fb.db",
        "caf%C3%A9.db",
        "x%25y.db",
        "dir/x.db",
    ];
    let pairs = [
        "mode=ro",
        "mode=rwc",
        "mode=memory",
        "mode=RO",
        "cache=shared",
        "cache=private",
        "immutable=1",
        "immutable=true",
        "vfs=unix-dotfile",
        "bogus=1",
    ];
    for _ in 0..size {
        let prefix = rng.pick(&["sqlite://", "sqlite:", "SQLITE:", "sqlite:///"]);
        let input = format!("{prefix}{}{}", rng.pick(&files), query(&mut rng, &pairs));
        let handle = input.parse::<SqliteUrl>();
        let driver = sqlx::sqlite::SqliteConnectOptions::from_str(&input);
        judge(
            &mut tally,
            &input,
            handle,
            driver,
            |handle, driver| {
                let mut out = Vec::new();
                let memory = |o: &sqlx::sqlite::SqliteConnectOptions| {
                    o.get_filename().to_string_lossy().starts_with("file:sqlx-in-memory-")
                };
                match handle.to_sqlite_connect_options() {
                    // In memory either way (sqlx keeps `mode=memory`'s file name).
                    Ok(converted) if memory(&converted) && handle.is_memory() => {}
                    Ok(converted) => {
                        differ(&mut out, "file", converted.get_filename().to_owned(), driver.get_filename().to_owned())
                    }
                    Err(error) => out.push(format!("the conversion fails: {error}")),
                }
                if let (Some(file), false) = (handle.database(), handle.is_memory()) {
                    differ(
                        &mut out,
                        "database()",
                        std::path::Path::new(file).to_owned(),
                        driver.get_filename().to_owned(),
                    );
                }
                out
            },
            |_, _| None,
        );
    }
    tally.finish("SqliteUrl vs sqlx");
}

#[test]
fn database_url_pools_get_the_kinds_own_options() {
    use twelve_config::resource::DatabaseUrl;
    let (mut rng, size) = rng();
    let mut checked = 0;
    for input in postgres_corpus(&mut rng, size / 4) {
        let Ok(url) = input.parse::<DatabaseUrl>() else { continue };
        let DatabaseUrl::Postgres(postgres) = &url else { continue };
        let (Ok(kind), Ok(any)) = (postgres.to_pg_connect_options(), url.to_any_connect_options()) else { continue };
        // What the Any driver's Postgres side reads from the pool's options.
        let again = sqlx::postgres::PgConnectOptions::try_from(&any).unwrap();
        assert_eq!(
            (kind.get_host(), kind.get_port(), kind.get_username(), kind.get_database(), kind.get_application_name()),
            (
                again.get_host(),
                again.get_port(),
                again.get_username(),
                again.get_database(),
                again.get_application_name()
            ),
            "{input}"
        );
        checked += 1;
    }
    assert!(checked > 20, "only {checked} URLs reached both conversions");
}
