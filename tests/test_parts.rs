//! Handles from parts: libpq's `PG*` variables (`PgEnv`), separate host,
//! port, user, password and database variables (`FromParts`), and a
//! password given apart from its URL (`WithPassword`).

use std::path::PathBuf;

use twelve_config::resource::{
    AmqpUrl, FromParts, KafkaUrl, MongoUrl, NatsUrl, PgEnv, PostgresUrl, RedisUrl, UrlParts, WithPassword,
};
use twelve_config::{EnvConfig, ExposeSecret, Problem, SecretString, Vars};

/// A password that needs every escape.
const SPECIAL: &str = "p@ss:w/rd#?&% +x";

fn temp_file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twelve-config-parts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// The report, `Debug` and the effective configuration of a load never
/// show `secret`.
fn assert_hidden<T: EnvConfig + std::fmt::Debug>(vars: &Vars, secret: &str) {
    match T::load(vars) {
        Ok(loaded) => {
            assert!(!format!("{loaded}").contains(secret), "{loaded}");
            let config = loaded.into_inner();
            assert!(!format!("{config:?}").contains(secret), "{config:?}");
        }
        Err(error) => assert!(!error.to_string().contains(secret), "{error}"),
    }
}

// PgEnv

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct Service {
    #[env(default = 8080)]
    port: u16,
    #[env(nested)]
    database: PgEnv,
}

#[test]
fn pg_variables_alone_make_a_postgres_handle_with_libpq_meanings() {
    let vars = Vars::new()
        .with("PGHOST", "db.internal")
        .with("PGPORT", "6432")
        .with("PGUSER", "app")
        .with("PGPASSWORD", SPECIAL)
        .with("PGDATABASE", "billing")
        .with("PGSSLMODE", "verify-full")
        .with("PGAPPNAME", "billing api")
        .with("PGCONNECT_TIMEOUT", "5")
        .with("PGTARGETSESSIONATTRS", "read-write");
    let config = Service::from_source(&vars).unwrap();
    let url = &config.database;
    assert_eq!((url.host(), url.port(), url.username()), (Some("db.internal"), Some(6432), Some("app")));
    assert_eq!(url.password().unwrap().expose_secret(), SPECIAL);
    assert_eq!(url.database(), Some("billing"));
    assert_eq!(url.sslmode(), Some("verify-full"));
    let query: Vec<(&str, &str)> = url.query_pairs().collect();
    assert_eq!(
        query,
        [
            ("sslmode", "verify-full"),
            ("application_name", "billing api"),
            ("connect_timeout", "5"),
            ("target_session_attrs", "read-write")
        ]
    );
    assert_eq!(
        url.to_string(),
        "postgres://app:***@db.internal:6432/billing?sslmode=verify-full&application_name=billing%20api&connect_timeout=5&target_session_attrs=read-write"
    );
    assert_hidden::<Service>(&vars, SPECIAL);
}

#[test]
fn pg_defaults_are_libpqs_local_socket_and_port() {
    let config = Service::from_source(&Vars::new()).unwrap();
    assert_eq!(config.port, 8080);
    assert_eq!((config.database.host(), config.database.port()), (None, Some(5432)));
    assert_eq!(config.database.username(), None);
    assert_eq!(config.database.database(), None);
}

#[test]
fn pg_host_lists_sockets_and_ports() {
    let url = PgEnv::from_vars([("PGHOST", "db1,db2,db3"), ("PGPORT", "5432,5433,5434")]).unwrap();
    let hosts: Vec<(&str, Option<u16>)> = url.hosts().iter().map(|h| (h.host(), h.port())).collect();
    assert_eq!(hosts, [("db1", Some(5432)), ("db2", Some(5433)), ("db3", Some(5434))]);
    // One port is every host's.
    let url = PgEnv::from_vars([("PGHOST", "db1,db2"), ("PGPORT", "6432")]).unwrap();
    assert!(url.hosts().iter().all(|h| h.port() == Some(6432)));
    // A socket directory, and the port that names the socket file.
    let url = PgEnv::from_vars([("PGHOST", "/var/run/postgresql"), ("PGPORT", "5433")]).unwrap();
    assert!(url.hosts()[0].is_socket());
    assert_eq!((url.host(), url.port()), (Some("/var/run/postgresql"), Some(5433)));
    // A port alone: the local default host on it.
    let url = PgEnv::from_vars([("PGPORT", "5433")]).unwrap();
    assert_eq!((url.host(), url.port()), (None, Some(5433)));
    // IPv6, and hostaddr beside a name.
    let url = PgEnv::from_vars([("PGHOST", "db.internal"), ("PGHOSTADDR", "10.0.0.5")]).unwrap();
    // libpq connects to the address, and checks TLS against the name.
    assert_eq!(url.host(), Some("10.0.0.5"));
    assert_eq!(url.query_pairs().collect::<Vec<_>>(), [("hostaddr", "10.0.0.5")]);
    let url = PgEnv::from_vars([("PGHOST", "::1")]).unwrap();
    assert_eq!(url.to_string(), "postgres://[::1]");
}

#[test]
fn pg_problems_name_the_variable_at_fault() {
    let error = PgEnv::from_vars([("PGHOST", "a,b"), ("PGPORT", "1,2,3")]).unwrap_err();
    let Problem::Rule { vars, message, .. } = &error.problems()[0] else { panic!("{error}") };
    assert_eq!(vars, &["PGHOST", "PGPORT"]);
    assert!(message.contains("3 ports for 2 hosts"), "{message}");
    let error = PgEnv::from_vars([("PGPORT", "54x")]).unwrap_err();
    assert_eq!(error.problems()[0].var(), "PGPORT");
    assert!(error.to_string().contains("\"54x\""), "{error}");
    let error = PgEnv::from_vars([("PGSSLMODE", "sometimes")]).unwrap_err();
    assert_eq!(error.problems()[0].var(), "PGSSLMODE");
    let error = PgEnv::from_vars([("PGTARGETSESSIONATTRS", "leader")]).unwrap_err();
    assert_eq!(error.problems()[0].var(), "PGTARGETSESSIONATTRS");
    assert!(error.to_string().contains("target_session_attrs"), "{error}");
    // Each option's problem names its own variable, whichever others are set.
    for (var, value) in [("PGCONNECT_TIMEOUT", "soon"), ("PGHOSTADDR", "db.internal"), ("PGSSLMODE", "REQUIRE")] {
        let mut vars = vec![("PGHOST", "db"), ("PGSSLMODE", "require"), ("PGCONNECT_TIMEOUT", "5")];
        vars.retain(|(name, _)| *name != var);
        vars.push((var, value));
        let error = PgEnv::from_vars(vars).unwrap_err();
        assert_eq!(error.problems()[0].var(), var, "{error}");
    }
    // Problems of the group join the rest of the report.
    let error = Service::from_vars([("APP_PORT", "x"), ("PGSSLMODE", "x")]).unwrap_err();
    let vars: Vec<&str> = error.problems().iter().map(Problem::var).collect();
    assert_eq!(vars, ["APP_PORT", "PGSSLMODE"]);
}

#[test]
fn pg_password_from_a_file_is_read_and_never_shown() {
    let path = temp_file("pgpassword", &format!("{SPECIAL}\n"));
    let vars = Vars::new().with("PGUSER", "app").with("PGPASSWORD_FILE", path.to_str().unwrap());
    let url = PgEnv::from_source(&vars).unwrap();
    assert_eq!(url.password().unwrap().expose_secret(), SPECIAL);
    assert_hidden::<Service>(&vars, SPECIAL);
    let both = vars.with("PGPASSWORD", "other");
    let error = PgEnv::from_source(&both).unwrap_err();
    assert!(matches!(error.problems()[0], Problem::Ambiguous { .. }), "{error}");
}

#[test]
fn pg_variables_are_listed_as_secret_where_they_are() {
    let vars = Service::vars();
    let names: Vec<&str> = vars.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "APP_PORT",
            "PGHOST",
            "PGHOSTADDR",
            "PGPORT",
            "PGUSER",
            "PGPASSWORD",
            "PGDATABASE",
            "PGSSLMODE",
            "PGAPPNAME",
            "PGCONNECT_TIMEOUT",
            "PGOPTIONS",
            "PGTARGETSESSIONATTRS",
            "PGSSLROOTCERT",
            "PGSSLCERT",
            "PGSSLKEY"
        ]
    );
    let password = vars.iter().find(|v| v.name == "PGPASSWORD").unwrap();
    assert!(password.secret && password.file && !password.required);
    assert!(vars.iter().filter(|v| v.name != "PGPASSWORD").all(|v| !v.secret));
}

// WithPassword

#[derive(EnvConfig, Debug)]
struct Urls {
    #[env(nested = "DATABASE_")]
    database: WithPassword<PostgresUrl>,
    #[env(nested = "CACHE_")]
    cache: Option<WithPassword<RedisUrl>>,
}

#[test]
fn a_password_variable_completes_a_url_without_one() {
    let vars = Vars::new().with("DATABASE_URL", "postgres://app@db/billing").with("DATABASE_PASSWORD", SPECIAL);
    let config = Urls::from_source(&vars).unwrap();
    assert_eq!(config.database.password().unwrap().expose_secret(), SPECIAL);
    assert_eq!(config.database.username(), Some("app"));
    assert_eq!(config.database.to_string(), "postgres://app:***@db/billing");
    assert!(config.cache.is_none());
    assert_hidden::<Urls>(&vars, SPECIAL);
    // With no user in the URL, the password alone (Redis AUTH).
    let vars = vars.with("CACHE_URL", "redis://cache/1").with("CACHE_PASSWORD", "s3cr3t");
    let cache = Urls::from_source(&vars).unwrap().cache.unwrap();
    assert_eq!((cache.password().unwrap().expose_secret(), cache.db()), ("s3cr3t", 1));
    assert_eq!(cache.to_string(), "redis://:***@cache/1");
}

#[test]
fn the_password_may_be_a_mounted_file() {
    let path = temp_file("dbpassword", &format!("{SPECIAL}\n"));
    let vars = Vars::new()
        .with("DATABASE_URL", "postgres://app@db/billing")
        .with("DATABASE_PASSWORD_FILE", path.to_str().unwrap());
    let loaded = Urls::load(&vars).unwrap();
    let shown = loaded.to_string();
    assert!(shown.contains("DATABASE_PASSWORD") && !shown.contains(SPECIAL), "{shown}");
    assert_eq!(loaded.into_inner().database.password().unwrap().expose_secret(), SPECIAL);
}

#[test]
fn a_password_in_the_url_and_in_the_variable_is_a_problem() {
    for url in ["postgres://app:hunter2@db/billing", "postgres://app@db/billing?password=hunter2"] {
        let vars = Vars::new().with("DATABASE_URL", url).with("DATABASE_PASSWORD", "s3cond");
        let error = Urls::from_source(&vars).unwrap_err();
        let Problem::Rule { vars: named, .. } = &error.problems()[0] else { panic!("{error}") };
        assert_eq!(named, &["DATABASE_URL", "DATABASE_PASSWORD"]);
        let report = error.to_string();
        assert!(!report.contains("hunter2") && !report.contains("s3cond"), "{report}");
    }
    // An optional group: the same.
    let vars = Vars::new()
        .with("DATABASE_URL", "postgres://db/app")
        .with("CACHE_URL", "redis://:hunter2@cache")
        .with("CACHE_PASSWORD_FILE", temp_file("cachepassword", "s3cond").to_str().unwrap());
    let error = Urls::from_source(&vars).unwrap_err();
    assert_eq!(error.problems()[0].var(), "CACHE_URL");
}

#[test]
fn the_url_keeps_its_own_problems_and_type_name() {
    let error = Urls::from_vars([("DATABASE_PASSWORD", "x")]).unwrap_err();
    let Problem::Missing { var, type_name, .. } = &error.problems()[0] else { panic!("{error}") };
    assert_eq!((var.as_str(), type_name.as_str()), ("DATABASE_URL", "PostgresUrl"));
    let error = Urls::from_vars([("DATABASE_URL", "mysql://u:hunter2@db/app")]).unwrap_err();
    let Problem::Invalid { var, type_name, value, reason, .. } = &error.problems()[0] else { panic!("{error}") };
    assert_eq!((var.as_str(), type_name.as_str()), ("DATABASE_URL", "PostgresUrl"));
    assert!(reason.contains("not postgres"), "{reason}");
    assert_eq!(value.as_deref(), Some("\"mysql://u:***@db/app\""));
    // An optional group partly set: the URL is missing.
    let error = Urls::from_vars([("DATABASE_URL", "postgres://db/app"), ("CACHE_PASSWORD", "x")]).unwrap_err();
    assert_eq!(error.problems()[0].var(), "CACHE_URL");
    let listed = Urls::vars();
    let url = listed.iter().find(|v| v.name == "DATABASE_URL").unwrap();
    assert_eq!((url.type_name.as_str(), url.secret), ("PostgresUrl", false));
    let password = listed.iter().find(|v| v.name == "DATABASE_PASSWORD").unwrap();
    assert!(password.secret && password.file);
}

#[test]
fn a_password_joins_every_server_of_a_list() {
    #[derive(EnvConfig, Debug)]
    struct Brokers {
        #[env(nested = "KAFKA_")]
        kafka: WithPassword<KafkaUrl>,
        #[env(nested = "NATS_")]
        nats: WithPassword<NatsUrl>,
    }
    let config = Brokers::from_vars([
        ("KAFKA_URL", "kafka+ssl://app@b1:9096,kafka+ssl://app@b2:9096"),
        ("KAFKA_PASSWORD", SPECIAL),
        ("NATS_URL", "nats://n1,nats://n2"),
        ("NATS_PASSWORD", "s3cr3t"),
    ])
    .unwrap();
    assert_eq!(config.kafka.password().unwrap().expose_secret(), SPECIAL);
    assert_eq!(config.kafka.bootstrap_servers(), "b1:9096,b2:9096");
    assert_eq!(config.kafka.security_protocol(), "SASL_SSL");
    // A URL with no user: NATS reads a secret alone as a token.
    assert_eq!(config.nats.token().unwrap().expose_secret(), "s3cr3t");
    assert_eq!(config.nats.hosts().len(), 2);
    assert_eq!(config.nats.to_string(), "nats://***@n1,nats://n2");
    // `nats://app@n1` already holds a secret (NATS reads a user alone as a
    // token): a password beside it is ambiguous.
    let error = Brokers::from_vars([
        ("KAFKA_URL", "kafka://b1"),
        ("NATS_URL", "nats://app@n1,nats://n2"),
        ("NATS_PASSWORD", "s3cr3t"),
    ])
    .unwrap_err();
    assert_eq!(error.problems()[0].var(), "NATS_URL");
}

// FromParts

#[derive(EnvConfig, Debug)]
struct Parts {
    #[env(nested = "REDIS_")]
    redis: FromParts<RedisUrl>,
    #[env(nested = "RABBITMQ_")]
    amqp: Option<FromParts<AmqpUrl>>,
    #[env(nested = "MONGO_")]
    mongo: Option<FromParts<MongoUrl>>,
}

#[test]
fn separate_variables_assemble_each_kind() {
    let path = temp_file("redispassword", SPECIAL);
    let vars = Vars::new()
        .with("REDIS_HOST", "cache.internal")
        .with("REDIS_PORT", "6380")
        .with("REDIS_PASSWORD_FILE", path.to_str().unwrap())
        .with("REDIS_DATABASE", "3")
        .with("RABBITMQ_HOST", "2001:db8::7")
        .with("RABBITMQ_USER", "guest")
        .with("RABBITMQ_PASSWORD", "guest")
        .with("RABBITMQ_DATABASE", "/")
        .with("MONGO_HOST", "mongo")
        .with("MONGO_USER", "user@EXAMPLE.COM")
        .with("MONGO_DATABASE", "orders");
    let config = Parts::from_source(&vars).unwrap();
    assert_eq!((config.redis.port(), config.redis.db()), (Some(6380), 3));
    assert_eq!(config.redis.password().unwrap().expose_secret(), SPECIAL);
    let amqp = config.amqp.unwrap();
    assert_eq!((amqp.host(), amqp.vhost(), amqp.port()), (Some("2001:db8::7"), "/", Some(5672)));
    assert_eq!(amqp.to_string(), "amqp://guest:***@[2001:db8::7]/%2F");
    let mongo = config.mongo.unwrap();
    assert_eq!((mongo.username(), mongo.database()), (Some("user@EXAMPLE.COM"), Some("orders")));
    assert_hidden::<Parts>(&vars, SPECIAL);
}

#[test]
fn a_part_the_kind_refuses_is_a_problem_of_its_variable() {
    let error = Parts::from_vars([("REDIS_PORT", "6379")]).unwrap_err();
    assert_eq!(error.problems()[0].var(), "REDIS_HOST");
    let error = Parts::from_vars([("REDIS_HOST", "cache"), ("REDIS_DATABASE", "two")]).unwrap_err();
    let Problem::Invalid { var, value, .. } = &error.problems()[0] else { panic!("{error}") };
    assert_eq!((var.as_str(), value.as_deref()), ("REDIS_DATABASE", Some("\"two\"")));
    let error = Parts::from_vars([("REDIS_HOST", "cache"), ("REDIS_PORT", "0")]).unwrap_err();
    assert_eq!(error.problems()[0].var(), "REDIS_PORT");
    // An optional group partly set says which of its variables are set.
    let error = Parts::from_vars([("REDIS_HOST", "cache"), ("RABBITMQ_USER", "guest")]).unwrap_err();
    let Problem::Missing { var, optional_group, .. } = &error.problems()[0] else { panic!("{error}") };
    assert_eq!(var, "RABBITMQ_HOST");
    assert_eq!(optional_group.as_ref().unwrap().1, ["RABBITMQ_USER"]);
}

#[test]
fn url_parts_encode_every_part_whole() {
    let url: PostgresUrl = UrlParts::new("postgres")
        .host("db")
        .user("app user")
        .password(SPECIAL.into())
        .database("my/db")
        .param("options", "-c search_path=a,b")
        .build()
        .unwrap();
    assert_eq!(url.username(), Some("app user"));
    assert_eq!(url.password().unwrap().expose_secret(), SPECIAL);
    assert_eq!(url.database(), Some("my/db"));
    assert_eq!(url.query_pairs().collect::<Vec<_>>(), [("options", "-c search_path=a,b")]);
    assert!(!format!("{url} {url:?}").contains("w/rd"));
    let parts = UrlParts::new("postgres").password(SPECIAL.into());
    assert!(!format!("{parts:?}").contains("w/rd"), "{parts:?}");
    // Several hosts, each on its port.
    let url: PostgresUrl = UrlParts::new("postgres").host_port("a", 1).host("b").port(2).build().unwrap();
    let hosts: Vec<(&str, Option<u16>)> = url.hosts().iter().map(|h| (h.host(), h.port())).collect();
    assert_eq!(hosts, [("a", Some(1)), ("b", Some(2))]);
}

/// A client from a token, whose rule quotes the token.
#[derive(EnvConfig, Debug)]
struct TokenParts {
    token: SecretString,
    region: String,
}

#[derive(Debug)]
struct Client;

impl twelve_config::Assembled for Client {
    type Parts = TokenParts;

    fn assemble(parts: TokenParts) -> Result<Self, twelve_config::AssembleError> {
        let message = format!("token {} is not for region {}", parts.token.expose_secret(), parts.region);
        Err(twelve_config::AssembleError::Rule(twelve_config::RuleError::new(message).fields(["token", "region"])))
    }
}

twelve_config::assembled_config!(Client);

#[derive(EnvConfig, Debug)]
#[allow(dead_code, reason = "loaded for its problems")]
struct WithClient {
    #[env(nested = "API_")]
    client: Client,
}

#[test]
fn an_assembler_of_ours_is_read_like_a_validate_rule() {
    let error = WithClient::from_vars([("API_TOKEN", "tok-123456"), ("API_REGION", "eu")]).unwrap_err();
    let Problem::Rule { vars, message, .. } = &error.problems()[0] else { panic!("{error}") };
    assert_eq!(vars, &["API_TOKEN", "API_REGION"]);
    // Its message concerns a secret part: not shown, as a `validate` rule's.
    assert!(!error.to_string().contains("tok-123456"), "{error}");
    assert!(message.contains("not shown"), "{message}");
    let listed: Vec<(String, String)> = WithClient::vars().into_iter().map(|var| (var.name, var.type_name)).collect();
    assert_eq!(listed, [("API_TOKEN".into(), "SecretString".into()), ("API_REGION".into(), "String".into())]);
}
