//! Backing-service handles as config fields, and parsers that never panic.
#![allow(dead_code)] // Some configs exist only to be rejected.

use proptest::prelude::*;
use twelve_config::resource::{
    AmqpUrl, DatabaseUrl, HttpUrl, MemcachedUrl, MongoUrl, MysqlUrl, PostgresUrl, RedisUrl, ResourceUrl, SmtpUrl,
    SqliteUrl,
};
use twelve_config::{EnvConfig, ExposeSecret, Problem};

#[derive(EnvConfig, Debug)]
#[env(prefix = "SVC_")]
struct Services {
    /// Primary database.
    #[env(name = "DATABASE_URL")]
    database: PostgresUrl,
    /// Cache; off when unset.
    redis_url: Option<RedisUrl>,
    #[env(default = "amqp://localhost/%2f")]
    amqp_url: AmqpUrl,
    #[env(default = "sqlite::memory:")]
    store: DatabaseUrl,
    smtp_url: Option<SmtpUrl>,
    mongo_url: Option<MongoUrl>,
    mysql_url: Option<MysqlUrl>,
    sqlite_url: Option<SqliteUrl>,
    memcached_url: Option<MemcachedUrl>,
    api_url: Option<HttpUrl>,
    #[env(default = "")]
    nats_urls: Vec<ResourceUrl>,
}

#[test]
fn handles_load_as_required_optional_and_defaulted_fields() {
    let config = Services::from_vars([
        ("DATABASE_URL", "postgres://app:s3cret@db.internal/billing"),
        ("SVC_REDIS_URL", "rediss://:r3dis@cache.internal/1"),
        ("SVC_NATS_URLS", "nats://n1, nats://n2:4223"),
    ])
    .unwrap();
    assert_eq!(config.database.host(), Some("db.internal"));
    assert_eq!(config.database.password().unwrap().expose_secret(), "s3cret");
    let redis = config.redis_url.as_ref().unwrap();
    assert_eq!((redis.db(), redis.is_tls()), (1, true));
    assert_eq!(config.amqp_url.vhost(), "/");
    assert!(matches!(config.store, DatabaseUrl::Sqlite(ref sqlite) if sqlite.is_memory()));
    assert!(config.smtp_url.is_none() && config.mongo_url.is_none() && config.mysql_url.is_none());
    assert!(config.sqlite_url.is_none() && config.memcached_url.is_none() && config.api_url.is_none());
    assert_eq!(config.nats_urls.len(), 2);
    assert_eq!(config.nats_urls[1].port(), Some(4223));
    // Debug of the whole config shows hosts, never passwords.
    let debug = format!("{config:?}");
    assert!(debug.contains("db.internal") && debug.contains("cache.internal"), "{debug}");
    assert!(!debug.contains("s3cret") && !debug.contains("r3dis"), "{debug}");
}

#[test]
fn an_invalid_handle_reports_the_variable_and_the_part_with_the_password_masked() {
    let error = Services::from_vars([
        ("DATABASE_URL", "mysql://admin:hunter2@db.internal/app"),
        ("SVC_REDIS_URL", "redis://:hunter2@cache:99999"),
        ("SVC_MONGO_URL", "mongodb://alice:foo:bar@db"),
        ("SVC_SMTP_URL", "smtp://mailer:hunter2@relay?tls=always"),
    ])
    .unwrap_err();
    let report = error.to_string();
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[0], "4 configuration problems (4 invalid):", "{report}");
    assert!(lines[1].contains("DATABASE_URL") && lines[1].contains("scheme \"mysql\" is not postgres or postgresql"));
    assert!(lines[2].ends_with("(value: \"mysql://admin:***@db.internal/app\")"), "{report}");
    assert!(lines[3].contains("SVC_REDIS_URL") && lines[3].contains("port 99999 is out of range (1-65535)"));
    let mongo = lines.iter().position(|line| line.contains("SVC_MONGO_URL")).unwrap();
    assert!(lines[mongo].contains("%3A"), "{report}");
    assert!(lines[mongo + 1].ends_with("(value: \"mongodb://alice:***@db\")"), "{report}");
    assert!(report.contains("tls=\"always\" is not one of required, opportunistic or none"), "{report}");
    assert!(!report.contains("hunter2") && !report.contains("foo:bar"), "{report}");
    for problem in error.problems() {
        assert!(matches!(problem, Problem::Invalid { .. }), "{problem:?}");
    }
}

#[test]
fn a_bad_default_url_is_the_programs_mistake() {
    #[derive(EnvConfig, Debug)]
    struct Bad {
        #[env(default = "postgres://db:0/app")]
        database_url: PostgresUrl,
    }
    let error = Bad::from_vars(Vec::<(String, String)>::new()).unwrap_err();
    assert!(matches!(&error.problems()[0], Problem::Invalid { from_default: true, .. }));
    assert!(error.to_string().contains("port 0 is not a port a server listens on"), "{error}");
}

#[test]
fn a_resource_url_field_named_like_a_credential_is_still_masked() {
    #[derive(EnvConfig, Debug)]
    struct Broker {
        #[env(secret)]
        broker_url: AmqpUrl,
    }
    let error = Broker::from_vars([("BROKER_URL", "amqp://u:hunter2@mq/a/b")]).unwrap_err();
    assert!(!error.to_string().contains("hunter2"));
    // A secret's parse message is not shown at all.
    assert!(error.to_string().contains("not a valid AmqpUrl"), "{error}");
}

#[test]
fn expose_url_is_the_url_as_given_and_query_pairs_leave_out_credentials() {
    let url: RedisUrl = "unix:///run/redis.sock?user=app&pass=hunter2&db=3".parse().unwrap();
    assert_eq!(url.expose_url().expose_secret(), "unix:///run/redis.sock?user=app&pass=hunter2&db=3");
    assert_eq!(url.to_string(), "unix:///run/redis.sock?user=app&pass=***&db=3");
    let pairs: Vec<(&str, &str)> = url.query_pairs().collect();
    assert_eq!(pairs, [("user", "app"), ("db", "3")]);
}

/// A URL without an authority (a socket URL) whose path or query holds a
/// `://` further on: that `://` starts no authority, so the credentials in
/// the query before it are still masked (found by the `parse_redis` fuzz
/// target: `unix:/x?pass=...s://...` showed the password whole). And a
/// query value runs to the next `&`, through any `;` (found next).
#[test]
fn a_later_scheme_separator_does_not_unmask_a_socket_urls_query() {
    let cases = [
        ("unix:/run/redis.sock?pass=hunter2://x", "hunter2"),
        ("unix:/run/redis.sock?pass=p4ssw0rd&db=1&note=a://b", "p4ssw0rd"),
        ("redis+unix:/run/redis.sock?pass=s3cr3t&x=https://host/a", "s3cr3t"),
        ("unix:/run/a://b/redis.sock?pass=t0ps3cret", "t0ps3cret"),
        ("unix:/run/redis.sock?pass=letmein://in@h", "letmein"),
        // A `;` is part of the value (redis-rs splits pairs at `&` only).
        ("unix:/run/redis.sock?pass=;s3cr3tpw&db=1", ";s3cr3tpw"),
        ("redis+unix:///run/redis.sock?pass=x;s3cr3tpw", "x;s3cr3tpw"),
        // A look-alike user info in the query does not swallow the key.
        ("unix:/run/redis.sock?note=a://b:c&pass=@hunter2", "@hunter2"),
    ];
    for (text, password) in cases {
        let url: RedisUrl = text.parse().unwrap_or_else(|error| panic!("{text}: {error}"));
        assert_eq!(url.password().map(|p| p.expose_secret().starts_with(password)), Some(true), "{text}");
        for shown in [url.to_string(), format!("{url:?}")] {
            assert!(!shown.contains(password), "{text} is shown as {shown}");
            assert!(shown.contains("***"), "{text} is shown as {shown}");
        }
    }
    // With an authority, a later `://` changes nothing either.
    let url: RedisUrl = "redis://:hunter2@cache/0?note=a://b".parse().unwrap();
    assert_eq!(url.to_string(), "redis://:***@cache/0?note=a://b");
}

#[cfg(feature = "serde")]
#[test]
fn serde_serializes_the_masked_url_and_deserializes_by_from_str() {
    let url: PostgresUrl = "postgres://app:s3cret@db/app".parse().unwrap();
    assert_eq!(serde_json::to_string(&url).unwrap(), "\"postgres://app:***@db/app\"");
    let back: PostgresUrl = serde_json::from_str("\"postgres://app:s3cret@db/app\"").unwrap();
    assert_eq!(back.password().unwrap().expose_secret(), "s3cret");
    let error = serde_json::from_str::<PostgresUrl>("\"mysql://a:s3cret@db\"").unwrap_err();
    assert!(!error.to_string().contains("s3cret"));
    let database: DatabaseUrl = serde_json::from_str("\"sqlite::memory:\"").unwrap();
    assert_eq!(serde_json::to_string(&database).unwrap(), "\"sqlite::memory:\"");
}

/// Parses `text` with every handle; none may panic.
fn parse_with_every_handle(text: &str) {
    let _ = text.parse::<PostgresUrl>();
    let _ = text.parse::<MysqlUrl>();
    let _ = text.parse::<SqliteUrl>();
    let _ = text.parse::<RedisUrl>();
    let _ = text.parse::<AmqpUrl>();
    let _ = text.parse::<SmtpUrl>();
    let _ = text.parse::<MongoUrl>();
    let _ = text.parse::<MemcachedUrl>();
    let _ = text.parse::<HttpUrl>();
    let _ = text.parse::<DatabaseUrl>();
    if let Ok(url) = text.parse::<ResourceUrl>() {
        // A parsed handle can be inspected and shown without a panic too.
        let _ = (url.to_string(), format!("{url:?}"), url.port(), url.query_pairs().count());
    }
}

const SEEDS: &[&str] = &[
    "postgresql://user:secret@h1:5432,h2:5433/db?sslmode=require&host=/tmp",
    "mysql://root:pw@[::1]:3306/shop?ssl-mode=required",
    "sqlite:///var/lib/app/data.db?mode=ro",
    "rediss://:pw@cache:6380/2#insecure",
    "redis+unix:///run/redis.sock?db=1&pass=x",
    "amqps://user:pass@mq:5671/v%2fhost?heartbeat=10",
    "smtps://mailer%40example.com:pw@smtp.example.com",
    "mongodb+srv://user:pw@cluster0.example.net/app?retryWrites=true",
    "memcache://cache:11211?timeout=1",
    "https://svc:token@api.example.com/v1/?a=b#frag",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_strings_never_panic(text in "\\PC{0,80}") {
        parse_with_every_handle(&text);
    }

    #[test]
    fn url_shaped_strings_never_panic(text in "[a-z+]{0,12}:(//)?[\\[\\]a-z0-9:@%/?#&=,.+-]{0,60}") {
        parse_with_every_handle(&text);
    }

    #[test]
    fn mutated_valid_urls_never_panic(
        seed in 0..SEEDS.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<char>()), 1..6),
    ) {
        let mut chars: Vec<char> = SEEDS[seed].chars().collect();
        for (at, action, c) in edits {
            let index = at.index(chars.len() + 1);
            match action {
                0 => chars.insert(index, c),
                1 if index < chars.len() => { chars.remove(index); }
                2 if index < chars.len() => chars[index] = c,
                _ => chars.insert(index, ['@', ':', '/', '%', '[', ']', ',', '?', '#', '='][index % 10]),
            }
        }
        let text: String = chars.into_iter().collect();
        parse_with_every_handle(&text);
    }
}
