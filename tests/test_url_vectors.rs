//! Conformance: `tests/data/url_vectors.jsonl`, one case a line, built from
//! the public test suites and specs of libpq, redis-rs, the MongoDB
//! connection string spec, the RabbitMQ URI spec, dj-database-url and
//! pydantic; each row cites its source, and rows where sources disagree say
//! which rule we follow and why. Run the way `url` runs the WPT data.

use serde_json::Value;
use twelve_config::resource::{
    AmqpUrl, DatabaseUrl, HttpUrl, KafkaUrl, MemcachedUrl, MongoUrl, MqttUrl, MysqlUrl, NatsUrl, ParseError,
    PostgresUrl, RedisUrl, Resource, ResourceUrl, SmtpUrl, SqliteUrl,
};
use twelve_config::{EnvConfig, ExposeSecret};

/// What a vector can check, across every handle.
#[derive(Debug, Default)]
struct Observed {
    scheme: String,
    hosts: Vec<(String, Option<u16>)>,
    host: Option<String>,
    port: Option<u16>,
    username: Option<String>,
    password: Option<String>,
    query: Vec<(String, String)>,
    display: String,
    debug: String,
    /// `Debug` of what the accessors borrow: the query pairs and hosts.
    parts_debug: String,
    /// `expose_url`: the URL exactly as given.
    exposed: String,
    database: Option<String>,
    db: Option<i64>,
    vhost: Option<String>,
    tls: Option<bool>,
    srv: Option<bool>,
    memory: Option<bool>,
    socket: Option<bool>,
    insecure: Option<bool>,
    sslmode: Option<String>,
    /// NATS: the servers as async-nats takes them; Kafka: the brokers.
    servers: Option<Vec<String>>,
    token: Option<String>,
    client_id: Option<String>,
    keep_alive: Option<u64>,
    bootstrap: Option<String>,
    security_protocol: Option<String>,
}

fn observe<R: Resource>(url: &R) -> Observed {
    Observed {
        scheme: url.scheme().to_owned(),
        hosts: url.hosts().iter().map(|h| (h.host().to_owned(), h.port())).collect(),
        host: url.host().map(str::to_owned),
        port: url.port(),
        username: url.username().map(str::to_owned),
        password: url.password().map(|p| p.expose_secret().to_owned()),
        query: url.query_pairs().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
        display: url.to_string(),
        debug: format!("{url:?}"),
        parts_debug: format!("{:?} {:?}", url.query_pairs(), url.hosts()),
        exposed: url.expose_url().expose_secret().to_owned(),
        socket: url.hosts().first().map(|h| h.is_socket()),
        ..Observed::default()
    }
}

fn parse(kind: &str, input: &str) -> Result<Observed, ParseError> {
    Ok(match kind {
        "PostgresUrl" => {
            let url: PostgresUrl = input.parse()?;
            let sslmode = url.sslmode().map(str::to_owned);
            Observed { database: url.database().map(str::to_owned), sslmode, ..observe(&url) }
        }
        "MysqlUrl" => {
            let url: MysqlUrl = input.parse()?;
            Observed { database: url.database().map(str::to_owned), ..observe(&url) }
        }
        "SqliteUrl" => {
            let url: SqliteUrl = input.parse()?;
            Observed { database: url.database().map(str::to_owned), memory: Some(url.is_memory()), ..observe(&url) }
        }
        "RedisUrl" => {
            let url: RedisUrl = input.parse()?;
            Observed {
                db: Some(url.db()),
                tls: Some(url.is_tls()),
                insecure: Some(url.is_insecure()),
                socket: Some(url.is_socket()),
                ..observe(&url)
            }
        }
        "AmqpUrl" => {
            let url: AmqpUrl = input.parse()?;
            Observed { vhost: Some(url.vhost().to_owned()), tls: Some(url.is_tls()), ..observe(&url) }
        }
        "SmtpUrl" => {
            let url: SmtpUrl = input.parse()?;
            Observed { tls: Some(url.is_tls()), ..observe(&url) }
        }
        "MongoUrl" => {
            let url: MongoUrl = input.parse()?;
            Observed { database: url.database().map(str::to_owned), srv: Some(url.is_srv()), ..observe(&url) }
        }
        "MemcachedUrl" => observe(&input.parse::<MemcachedUrl>()?),
        "HttpUrl" => {
            let url: HttpUrl = input.parse()?;
            Observed { tls: Some(url.is_tls()), ..observe(&url) }
        }
        "DatabaseUrl" => {
            let url: DatabaseUrl = input.parse()?;
            Observed { database: url.database().map(str::to_owned), ..observe(&url) }
        }
        "ResourceUrl" => observe(&input.parse::<ResourceUrl>()?),
        "NatsUrl" => {
            let url: NatsUrl = input.parse()?;
            Observed {
                tls: Some(url.is_tls()),
                servers: Some(url.servers()),
                token: url.token().map(|t| t.expose_secret().to_owned()),
                ..observe(&url)
            }
        }
        "MqttUrl" => {
            let url: MqttUrl = input.parse()?;
            Observed {
                tls: Some(url.is_tls()),
                client_id: url.client_id().map(str::to_owned),
                keep_alive: url.keep_alive().map(|d| d.as_secs()),
                ..observe(&url)
            }
        }
        "KafkaUrl" => {
            let url: KafkaUrl = input.parse()?;
            Observed {
                tls: Some(url.is_tls()),
                servers: Some(url.brokers()),
                bootstrap: Some(url.bootstrap_servers()),
                security_protocol: Some(url.security_protocol().to_owned()),
                ..observe(&url)
            }
        }
        other => panic!("unknown kind {other}"),
    })
}

/// Every handle as a config field: a field takes the loader's own copy of
/// the text, where `parse` copies from `&str`.
#[derive(EnvConfig)]
struct Fields {
    postgres_url: Option<PostgresUrl>,
    mysql_url: Option<MysqlUrl>,
    sqlite_url: Option<SqliteUrl>,
    redis_url: Option<RedisUrl>,
    amqp_url: Option<AmqpUrl>,
    smtp_url: Option<SmtpUrl>,
    mongo_url: Option<MongoUrl>,
    memcached_url: Option<MemcachedUrl>,
    http_url: Option<HttpUrl>,
    database_url: Option<DatabaseUrl>,
    resource_url: Option<ResourceUrl>,
    nats_url: Option<NatsUrl>,
    mqtt_url: Option<MqttUrl>,
    kafka_url: Option<KafkaUrl>,
}

/// What `parse` observes, for the handle loaded as a field; the report's
/// text when it fails.
fn load(kind: &str, input: &str) -> Result<Observed, String> {
    let var = match kind {
        "PostgresUrl" => "POSTGRES_URL",
        "MysqlUrl" => "MYSQL_URL",
        "SqliteUrl" => "SQLITE_URL",
        "RedisUrl" => "REDIS_URL",
        "AmqpUrl" => "AMQP_URL",
        "SmtpUrl" => "SMTP_URL",
        "MongoUrl" => "MONGO_URL",
        "MemcachedUrl" => "MEMCACHED_URL",
        "HttpUrl" => "HTTP_URL",
        "DatabaseUrl" => "DATABASE_URL",
        "ResourceUrl" => "RESOURCE_URL",
        "NatsUrl" => "NATS_URL",
        "MqttUrl" => "MQTT_URL",
        "KafkaUrl" => "KAFKA_URL",
        other => panic!("unknown kind {other}"),
    };
    let config = Fields::from_vars([(var, input)]).map_err(|error| error.to_string())?;
    let loaded = config
        .postgres_url
        .map(|url| url.to_string())
        .or(config.mysql_url.map(|url| url.to_string()))
        .or(config.sqlite_url.map(|url| url.to_string()))
        .or(config.redis_url.map(|url| url.to_string()))
        .or(config.amqp_url.map(|url| url.to_string()))
        .or(config.smtp_url.map(|url| url.to_string()))
        .or(config.mongo_url.map(|url| url.to_string()))
        .or(config.memcached_url.map(|url| url.to_string()))
        .or(config.http_url.map(|url| url.to_string()))
        .or(config.database_url.map(|url| url.to_string()))
        .or(config.resource_url.map(|url| url.to_string()))
        .or(config.nats_url.map(|url| url.to_string()))
        .or(config.mqtt_url.map(|url| url.to_string()))
        .or(config.kafka_url.map(|url| url.to_string()));
    // An empty variable is unset: the field is `None`.
    let display = loaded.unwrap_or_else(|| "unset".to_owned());
    Ok(Observed { display, ..Observed::default() })
}

fn text(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

/// Checks one valid vector's expectations; returns what differs.
fn differences(row: &Value, seen: &Observed) -> Vec<String> {
    let mut out = Vec::new();
    let mut expect = |key: &str, found: String, wanted: String| {
        if found != wanted {
            out.push(format!("{key}: found {found}, expected {wanted}"));
        }
    };
    let fields = row.as_object().expect("a row is an object");
    for (key, value) in fields {
        match key.as_str() {
            "kind" | "input" | "valid" | "source" | "note" => {}
            "scheme" => expect(key, seen.scheme.clone(), text(value).unwrap_or_default()),
            "hosts" => {
                let wanted: Vec<(String, Option<u16>)> = value
                    .as_array()
                    .expect("hosts is a list")
                    .iter()
                    .map(|pair| (text(&pair[0]).unwrap_or_default(), pair[1].as_u64().map(|p| p as u16)))
                    .collect();
                expect(key, format!("{:?}", seen.hosts), format!("{wanted:?}"));
            }
            "host" => expect(key, format!("{:?}", seen.host), format!("{:?}", text(value))),
            "port" => expect(key, format!("{:?}", seen.port), format!("{:?}", value.as_u64().map(|p| p as u16))),
            "username" => expect(key, format!("{:?}", seen.username), format!("{:?}", text(value))),
            "password" => expect(key, format!("{:?}", seen.password), format!("{:?}", text(value))),
            "database" => expect(key, format!("{:?}", seen.database), format!("{:?}", text(value))),
            "db" => expect(key, format!("{:?}", seen.db), format!("{:?}", value.as_i64())),
            "vhost" => expect(key, format!("{:?}", seen.vhost), format!("{:?}", text(value))),
            "tls" => expect(key, format!("{:?}", seen.tls), format!("{:?}", value.as_bool())),
            "srv" => expect(key, format!("{:?}", seen.srv), format!("{:?}", value.as_bool())),
            "memory" => expect(key, format!("{:?}", seen.memory), format!("{:?}", value.as_bool())),
            "socket" => expect(key, format!("{:?}", seen.socket), format!("{:?}", value.as_bool())),
            "insecure" => expect(key, format!("{:?}", seen.insecure), format!("{:?}", value.as_bool())),
            "sslmode" => expect(key, format!("{:?}", seen.sslmode), format!("{:?}", text(value))),
            "display" => expect(key, seen.display.clone(), text(value).unwrap_or_default()),
            "servers" => {
                let wanted: Option<Vec<String>> =
                    value.as_array().map(|list| list.iter().map(|s| text(s).unwrap_or_default()).collect());
                expect(key, format!("{:?}", seen.servers), format!("{wanted:?}"));
            }
            "token" => expect(key, format!("{:?}", seen.token), format!("{:?}", text(value))),
            "client_id" => expect(key, format!("{:?}", seen.client_id), format!("{:?}", text(value))),
            "keep_alive" => expect(key, format!("{:?}", seen.keep_alive), format!("{:?}", value.as_u64())),
            "bootstrap" => expect(key, format!("{:?}", seen.bootstrap), format!("{:?}", text(value))),
            "security_protocol" => expect(key, format!("{:?}", seen.security_protocol), format!("{:?}", text(value))),
            "query" => {
                let wanted: Vec<(String, String)> = value
                    .as_array()
                    .expect("query is a list")
                    .iter()
                    .map(|pair| (text(&pair[0]).unwrap_or_default(), text(&pair[1]).unwrap_or_default()))
                    .collect();
                expect(key, format!("{:?}", seen.query), format!("{wanted:?}"));
            }
            other => expect("unknown expectation", other.to_owned(), String::new()),
        }
    }
    out
}

#[test]
fn every_vector_parses_as_its_source_says() {
    let data = include_str!("data/url_vectors.jsonl");
    let mut failures = Vec::new();
    let mut count = 0;
    for (index, line) in data.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
        count += 1;
        let row: Value = serde_json::from_str(line).unwrap_or_else(|error| panic!("line {}: {error}", index + 1));
        let kind = row["kind"].as_str().expect("kind");
        let input = row["input"].as_str().expect("input");
        assert!(row["source"].as_str().is_some_and(|s| !s.is_empty()), "line {}: no source", index + 1);
        let outcome = parse(kind, input);
        let place = format!("line {} {kind} {input:?}", index + 1);
        match (row["valid"].as_bool().expect("valid"), outcome) {
            (true, Ok(seen)) => {
                let problems = differences(&row, &seen);
                if !problems.is_empty() {
                    failures.push(format!("{place}: {}", problems.join("; ")));
                }
                // Display masks exactly the password and credential values:
                // it reads back as the same URL in every other part.
                match parse(kind, &seen.display) {
                    Ok(again) => {
                        let same =
                            |o: &Observed| (o.scheme.clone(), o.hosts.clone(), o.username.clone(), o.database.clone());
                        if same(&again) != same(&seen) {
                            failures.push(format!("{place}: Display {:?} reads back as other parts", seen.display));
                        }
                        let keys = |o: &Observed| o.query.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
                        if keys(&again) != keys(&seen) {
                            failures.push(format!("{place}: Display {:?} has other query keys", seen.display));
                        }
                    }
                    Err(error) => failures.push(format!("{place}: Display {:?} does not parse: {error}", seen.display)),
                }
                if seen.exposed != input {
                    failures.push(format!("{place}: expose_url gives {:?}", seen.exposed));
                }
                match load(kind, input) {
                    Ok(field) if field.display == seen.display => {}
                    Ok(field) => failures.push(format!("{place}: as a field, {:?}", field.display)),
                    Err(report) => failures.push(format!("{place}: as a field, rejected: {report}")),
                }
                // A password never shows in Display or Debug, the handle's
                // or its borrowed parts': not in its place after the user
                // name, and nowhere at all unless it is also the (shown)
                // user name, as in one MongoDB spec row.
                if let Some(password) = seen.password.as_deref().filter(|p| p.len() >= 4) {
                    let in_place = format!(":{password}@");
                    let anywhere = seen.username.as_deref() != Some(password);
                    for shown in [&seen.display, &seen.debug, &seen.parts_debug] {
                        if shown.contains(&in_place) || (anywhere && shown.contains(password)) {
                            failures.push(format!("{place}: password shown in {shown}"));
                        }
                    }
                }
            }
            (true, Err(error)) => failures.push(format!("{place}: rejected: {error}")),
            (false, Ok(seen)) => failures.push(format!("{place}: accepted as {seen:?}")),
            (false, Err(error)) => {
                let message = error.to_string();
                match load(kind, input) {
                    Ok(field) if input.is_empty() && field.display == "unset" => {}
                    Ok(field) => failures.push(format!("{place}: as a field, accepted as {:?}", field.display)),
                    // The report quotes the reason, masked: its first words agree.
                    Err(report) if report.contains(message.split(':').next().unwrap_or_default()) => {}
                    Err(report) => failures.push(format!("{place}: as a field, {report:?} does not say {message:?}")),
                }
                if let Some(part) = row["part"].as_str()
                    && format!("{:?}", error.part()) != part
                {
                    failures.push(format!("{place}: failed at {:?} ({message}), expected {part}", error.part()));
                }
                if let Some(wanted) = row["error"].as_str()
                    && !message.contains(wanted)
                {
                    failures.push(format!("{place}: error {message:?} does not say {wanted:?}"));
                }
                if let Some(secret) = row["secret"].as_str()
                    && message.contains(secret)
                {
                    failures.push(format!("{place}: error {message:?} shows the password"));
                }
            }
        }
    }
    assert!(count >= 150, "only {count} vectors");
    assert!(failures.is_empty(), "{} of {count} vectors failed:\n{}", failures.len(), failures.join("\n"));
}
