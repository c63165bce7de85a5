//! What the handle reports is what its driver will do: the classes of
//! disagreement found by differential testing against the drivers, each
//! fixed at its root and pinned here (`test_differential.rs`, with the
//! `attach` feature, runs the drivers themselves).

use twelve_config::resource::{AmqpUrl, MongoUrl, MqttUrl, MysqlUrl, PostgresUrl, RedisUrl, SqliteUrl};

fn refused<T: std::str::FromStr>(text: &str) -> String
where
    T::Err: std::fmt::Display,
{
    match text.parse::<T>() {
        Ok(_) => panic!("{text} was accepted"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_password_holding_a_question_mark_before_the_at_sign_is_ambiguous() {
    // libpq and tokio-postgres read user `app`, host `db`; a URL parser
    // reads host `app`, port 1234.
    for text in [
        "postgres://app:1234?application_name=x@db/billing",
        "postgres://app:Kx9?Canary@db",
        "postgres://db?user=me@corp",
    ] {
        let error = refused::<PostgresUrl>(text);
        assert!(error.contains("%3F"), "{error}");
        assert!(!error.contains("Canary") && !error.contains("1234"), "{error}");
    }
    // After a '/', an '@' in a query value is a value.
    let url: PostgresUrl = "postgres://db/app?application_name=me@corp".parse().unwrap();
    assert_eq!(url.host(), Some("db"));
}

#[test]
fn libpq_query_keys_are_case_sensitive_and_known() {
    let error = refused::<PostgresUrl>("postgres://db/app?HOST=evil.example");
    assert!(error.contains("case-sensitive") && error.contains("\"host\""), "{error}");
    let error = refused::<PostgresUrl>("postgres://db/app?SSLMODE=verify-full");
    assert!(error.contains("\"sslmode\""), "{error}");
    let error = refused::<PostgresUrl>("postgres://db/app?sslmod=require");
    assert!(error.contains("did you mean \"sslmode\""), "{error}");
    // sqlx's own spellings are accepted, and checked.
    let url: PostgresUrl = "postgres://db/app?statement-cache-capacity=100&ssl-mode=require".parse().unwrap();
    assert_eq!(url.host(), Some("db"));
    assert!(refused::<PostgresUrl>("postgres://db/app?ssl-mode=bogus").contains("ssl-mode"));
    // Values as libpq compares them: exactly.
    let error = refused::<PostgresUrl>("postgres://db/app?sslmode=REQUIRE");
    assert!(error.contains("write it as \"require\""), "{error}");
}

#[test]
fn every_occurrence_of_a_repeated_option_is_checked() {
    assert!(refused::<PostgresUrl>("postgres://db/app?sslmode=bogus&sslmode=require").contains("bogus"));
    assert!(refused::<PostgresUrl>("postgres://db/app?ssl-mode=bogus&ssl-mode=require").contains("bogus"));
    assert!(refused::<AmqpUrl>("amqp://mq/%2f?heartbeat=x&heartbeat=10").contains("heartbeat"));
    // Where the driver reads the URL itself, a repeat with another value is
    // refused whatever the values: the handle and the driver would differ.
    assert!(refused::<MysqlUrl>("mysql://db/app?ssl-mode=bogus&ssl-mode=required").contains("given twice"));
    assert!(refused::<MqttUrl>("mqtt://broker?client_id=a&client_id=b").contains("twice"));
}

#[test]
fn hostaddr_is_an_ip_address() {
    let error = refused::<PostgresUrl>("postgres://db/app?hostaddr=db.example");
    assert!(error.contains("not an IP address"), "{error}");
    // libpq pairs addresses with hosts in order, and connects to the
    // addresses: the handle's hosts are where it connects.
    let url: PostgresUrl = "postgres://db1,db2/app?hostaddr=10.0.0.5,::1".parse().unwrap();
    let hosts: Vec<&str> = url.hosts().iter().map(|host| host.host()).collect();
    assert_eq!(hosts, ["10.0.0.5", "::1"]);
    let error = refused::<PostgresUrl>("postgres://db/app?hostaddr=10.0.0.5,::1");
    assert!(error.contains("2 addresses for 1 hosts"), "{error}");
}

#[test]
fn option_values_are_read_as_each_driver_reads_them() {
    // redis-rs: `resp3` or `3`, lowercase.
    assert!(refused::<RedisUrl>("redis://cache/0?protocol=RESP3").contains("resp3"));
    // sqlx's SQLite: `mode=ro`, lowercase.
    assert!(refused::<SqliteUrl>("sqlite://data.db?mode=RO").contains("\"ro\""));
    // The MongoDB spec: keys ignore case, boolean values are `true`/`false`.
    let url: MongoUrl = "mongodb://m/?TLS=true".parse().unwrap();
    assert_eq!(url.host(), Some("m"));
    assert!(refused::<MongoUrl>("mongodb://m/?tls=TRUE").contains("write it as \"true\""));
    // lapin reads the SASL mechanism ignoring case; sqlx the MySQL mode too.
    assert!("amqp://mq/%2f?auth_mechanism=PLAIN".parse::<AmqpUrl>().is_ok());
    assert!("mysql://db/app?ssl-mode=REQUIRED".parse::<MysqlUrl>().is_ok());
}

#[test]
fn what_postgres_drivers_read_differently_is_refused_with_the_fix() {
    // libpq and tokio-postgres match the scheme in lowercase.
    assert!(refused::<PostgresUrl>("POSTGRES://db/app").contains("postgres://"));
    // A raw '+': a plus to libpq, a space to sqlx.
    assert!(refused::<PostgresUrl>("postgres://db/app?application_name=a+b").contains("%2B"));
    // Hosts in the authority and in ?host=/?port=: replaced, added or mixed.
    assert!(refused::<PostgresUrl>("postgres://h1/app?host=h2").contains("one place"));
    assert!(refused::<PostgresUrl>("postgres://h1/app?port=6000").contains("one place"));
    assert!(refused::<PostgresUrl>("postgres:///app?host=a&host=b").contains("twice"));
    // An escaped host name: libpq decodes it, sqlx does not.
    assert!(refused::<PostgresUrl>("postgres://%64b/app").contains("percent-escape"));
    let socket: PostgresUrl = "postgres://%2Fvar%2Frun%2Fpostgresql/app".parse().unwrap();
    assert!(socket.hosts()[0].is_socket());
    // A database the url crate resolves away.
    assert!(refused::<PostgresUrl>("postgres://db/%2e%2e").contains("?dbname="));
    let dotted: PostgresUrl = "postgres://db/app?dbname=..".parse().unwrap();
    assert_eq!(dotted.database(), Some(".."));
}

#[test]
fn hosts_reach_dns_as_the_handle_reports_them() {
    // Drivers that do not decode a host would look up `%64b`.
    for text in ["redis://%64b", "nats://%64b", "mqtt://%64b", "kafka://%64b", "mysql://%64b/app"] {
        let error = match text.split(':').next() {
            Some("redis") => refused::<RedisUrl>(text),
            Some("nats") => refused::<twelve_config::resource::NatsUrl>(text),
            Some("mqtt") => refused::<MqttUrl>(text),
            Some("kafka") => refused::<twelve_config::resource::KafkaUrl>(text),
            _ => refused::<MysqlUrl>(text),
        };
        assert!(error.contains("percent-escape"), "{text}: {error}");
    }
    // redis-rs refuses wildcard addresses, and reads `user:@` as no password.
    assert!(refused::<RedisUrl>("redis://0.0.0.0").contains("wildcard"));
    assert!(refused::<RedisUrl>("redis://[::]:6379").contains("wildcard"));
    let url: RedisUrl = "redis://user:@cache".parse().unwrap();
    assert!(url.password().is_none());
}

#[test]
fn a_lone_percent_in_a_query_value_gets_the_escape_to_use() {
    let error = refused::<PostgresUrl>("postgres://db/app?application_name=50%");
    assert!(error.contains("%25"), "{error}");
}
