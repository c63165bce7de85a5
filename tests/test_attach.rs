//! Every conversion attaches to a real server and makes a round trip.
//!
//! The servers come from the environment, read with twelve-config itself:
//! `TEST_POSTGRES_URL`, `TEST_POSTGRES_SOCKET_DIR`, `TEST_MYSQL_URL`,
//! `TEST_REDIS_URL`, `TEST_AMQP_URL`, `TEST_NATS_URL`, `TEST_MQTT_URL`. The
//! login tests also start their own `nats-server` and `mosquitto` (from
//! the machine's packages) on a free port, with a password. A test whose
//! server or tool is missing fails, saying what to set: a test that passes
//! without running proves nothing. `.ci/run` configures them all (the
//! `rust-svc` machines run every server).

use std::path::PathBuf;

use twelve_config::resource::{AmqpUrl, DatabaseUrl, MqttUrl, MysqlUrl, NatsUrl, PostgresUrl, RedisUrl, Resource};
use twelve_config::{EnvConfig, ExposeSecret};

/// The servers the tests attach to.
#[derive(EnvConfig, Debug)]
#[env(prefix = "TEST_")]
struct Services {
    /// PostgreSQL with a database `test`.
    postgres_url: Option<PostgresUrl>,
    /// The directory of PostgreSQL's unix socket.
    postgres_socket_dir: Option<PathBuf>,
    /// MariaDB or MySQL, as a user that may create users, with a database `test`.
    mysql_url: Option<MysqlUrl>,
    /// Redis 6 or newer (ACL users).
    redis_url: Option<RedisUrl>,
    /// RabbitMQ.
    amqp_url: Option<AmqpUrl>,
    /// A NATS server.
    nats_url: Option<NatsUrl>,
    /// An MQTT broker (Mosquitto) on plain TCP.
    mqtt_url: Option<MqttUrl>,
}

/// The configured server; a test without one fails.
fn service<T: Clone>(pick: impl Fn(&Services) -> Option<&T>, variable: &str) -> T {
    let services = Services::from_env().unwrap_or_else(|error| panic!("{error}"));
    match pick(&services) {
        Some(value) => value.clone(),
        None => panic!("set {variable} to run this test against a real server (.ci/run shows every variable)"),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime")
}

/// A password that needs every escape: `@ : / # ? & % +` and a space.
const SPECIAL: &str = "p@ss:w/rd#?&% +x";
const SPECIAL_ENCODED: &str = "p%40ss%3Aw%2Frd%23%3F%26%25%20%2Bx";

// PostgreSQL

#[test]
fn postgres_sqlx_round_trip() {
    let url = service(|s| s.postgres_url.as_ref(), "TEST_POSTGRES_URL");
    runtime().block_on(async {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect_with(url.to_pg_connect_options().unwrap())
            .await
            .unwrap();
        let (sum, database): (i32, String) =
            sqlx::query_as("SELECT 1 + 1, current_database()").fetch_one(&pool).await.unwrap();
        assert_eq!((sum, database.as_str()), (2, url.database().unwrap_or("test")));
    });
}

#[test]
fn postgres_tokio_postgres_round_trip_over_tcp_and_the_unix_socket() {
    let url = service(|s| s.postgres_url.as_ref(), "TEST_POSTGRES_URL");
    let socket_dir = service(|s| s.postgres_socket_dir.as_ref(), "TEST_POSTGRES_SOCKET_DIR");
    let user = url.username().unwrap_or("postgres");
    let database = url.database().unwrap_or("test");
    let socket: PostgresUrl =
        format!("postgresql:///{database}?host={}&user={user}", socket_dir.display()).parse().unwrap();
    assert!(socket.hosts()[0].is_socket());
    runtime().block_on(async {
        for attached in [&url, &socket] {
            let config = attached.to_tokio_postgres_config().unwrap();
            let (client, connection) = config.connect(tokio_postgres::NoTls).await.unwrap();
            let task = tokio::spawn(connection);
            let row = client.query_one("SELECT current_database(), 40 + 2", &[]).await.unwrap();
            assert_eq!((row.get::<_, String>(0).as_str(), row.get::<_, i32>(1)), (database, 42));
            drop(client);
            task.await.unwrap().unwrap();
        }
    });
}

#[test]
fn postgres_sqlx_on_the_unix_socket() {
    let url = service(|s| s.postgres_url.as_ref(), "TEST_POSTGRES_URL");
    let socket_dir = service(|s| s.postgres_socket_dir.as_ref(), "TEST_POSTGRES_SOCKET_DIR");
    let encoded: String = socket_dir.display().to_string().replace('/', "%2F");
    let user = url.username().unwrap_or("postgres");
    let socket: PostgresUrl =
        format!("postgres://{user}@{encoded}/{}", url.database().unwrap_or("test")).parse().unwrap();
    runtime().block_on(async {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect_with(socket.to_pg_connect_options().unwrap())
            .await
            .unwrap();
        let one: i32 = sqlx::query_scalar("SELECT 1").fetch_one(&pool).await.unwrap();
        assert_eq!(one, 1);
    });
}

#[test]
fn postgres_sslmode_require_fails_closed_on_a_server_without_tls() {
    let url = service(|s| s.postgres_url.as_ref(), "TEST_POSTGRES_URL");
    let required: PostgresUrl = with_query(&url, "sslmode=require").parse().unwrap();
    runtime().block_on(async {
        let error = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect_with(required.to_pg_connect_options().unwrap())
            .await
            .expect_err("sslmode=require must not fall back to plain TCP");
        eprintln!("sqlx refused as it should: {error}");
        let config = required.to_tokio_postgres_config().unwrap();
        let error = config.connect(tokio_postgres::NoTls).await.err().expect("require without TLS must fail");
        eprintln!("tokio-postgres refused as it should: {error}");
    });
    // What a driver cannot express is refused before connecting.
    let verify: PostgresUrl = with_query(&url, "sslmode=verify-full").parse().unwrap();
    assert!(verify.to_tokio_postgres_config().unwrap_err().to_string().contains("verify-full"));
}

#[test]
fn postgres_special_character_password_reaches_the_driver_decoded() {
    let url = service(|s| s.postgres_url.as_ref(), "TEST_POSTGRES_URL");
    let host = url.hosts()[0].clone();
    let special: PostgresUrl =
        format!("postgres://user:{SPECIAL_ENCODED}@{}:{}/test", host.host(), host.port().unwrap_or(5432))
            .parse()
            .unwrap();
    assert_eq!(special.password().unwrap().expose_secret(), SPECIAL);
    let config = special.to_tokio_postgres_config().unwrap();
    assert_eq!(config.get_password(), Some(SPECIAL.as_bytes()));
    // The server here trusts local connections, so the password is proven
    // against MariaDB and Redis, which check it.
    assert!(!format!("{special:?} {special}").contains("w/rd"));
}

/// `url` with `query` added.
fn with_query(url: &impl Resource, query: &str) -> String {
    let exposed = url.expose_url();
    let text = exposed.expose_secret();
    let separator = if text.contains('?') { '&' } else { '?' };
    format!("{text}{separator}{query}")
}

// MariaDB / MySQL

#[test]
fn mysql_round_trip_with_a_special_password_and_a_wrong_one() {
    let url = service(|s| s.mysql_url.as_ref(), "TEST_MYSQL_URL");
    let host = url.host().unwrap_or("127.0.0.1").to_owned();
    let port = url.port().unwrap_or(3306);
    runtime().block_on(async {
        use sqlx::Executor;
        let admin = sqlx::mysql::MySqlPoolOptions::new()
            .max_connections(1)
            .connect_with(url.to_mysql_connect_options().unwrap())
            .await
            .unwrap();
        let (one, database): (i32, String) = sqlx::query_as("SELECT 1, DATABASE()").fetch_one(&admin).await.unwrap();
        assert_eq!((one, database.as_str()), (1, url.database().unwrap_or("test")));

        admin.execute("DROP USER IF EXISTS 'tc_special'@'%'").await.unwrap();
        // CREATE USER takes no bound parameters; SPECIAL holds no quote or backslash.
        admin.execute(format!("CREATE USER 'tc_special'@'%' IDENTIFIED BY '{SPECIAL}'").as_str()).await.unwrap();
        admin.execute("GRANT SELECT ON test.* TO 'tc_special'@'%'").await.unwrap();

        let special: MysqlUrl = format!("mysql://tc_special:{SPECIAL_ENCODED}@{host}:{port}/test").parse().unwrap();
        let outcome = async {
            let pool = sqlx::mysql::MySqlPoolOptions::new()
                .max_connections(1)
                .connect_with(special.to_mysql_connect_options().unwrap())
                .await?;
            sqlx::query_scalar::<_, String>("SELECT CURRENT_USER()").fetch_one(&pool).await
        }
        .await;

        let wrong: MysqlUrl = format!("mysql://tc_special:not-the-password-x9@{host}:{port}/test").parse().unwrap();
        let refused = sqlx::mysql::MySqlPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect_with(wrong.to_mysql_connect_options().unwrap())
            .await;

        admin.execute("DROP USER IF EXISTS 'tc_special'@'%'").await.unwrap();

        assert!(outcome.unwrap().starts_with("tc_special@"));
        let error = refused.expect_err("a wrong password is refused").to_string();
        assert!(error.contains("Access denied"), "{error}");
        assert!(!error.contains("not-the-password") && !error.contains(SPECIAL), "{error}");
    });
}

// Redis

#[test]
fn redis_round_trip_in_the_database_the_url_names() {
    let url = service(|s| s.redis_url.as_ref(), "TEST_REDIS_URL");
    let host = url.host().unwrap_or("127.0.0.1");
    let in_db_3: RedisUrl = format!("redis://{host}:{}/3", url.port().unwrap_or(6379)).parse().unwrap();
    assert_eq!(in_db_3.to_connection_info().unwrap().redis_settings().db(), 3);
    // redis-rs reads `?db=` only for sockets: on TCP it is refused at load time.
    assert!(format!("redis://{host}/?db=3").parse::<RedisUrl>().is_err());
    let mut connection = in_db_3.to_client().unwrap().get_connection().unwrap();
    let key = format!("twelve-config-test-{}", std::process::id());
    redis::cmd("SET").arg(&key).arg("attached").exec(&mut connection).unwrap();
    let value: String = redis::cmd("GET").arg(&key).query(&mut connection).unwrap();
    let database: i64 = redis::cmd("CLIENT")
        .arg("INFO")
        .query::<String>(&mut connection)
        .unwrap()
        .split(' ')
        .find_map(|field| field.strip_prefix("db="))
        .unwrap()
        .parse()
        .unwrap();
    redis::cmd("DEL").arg(&key).exec(&mut connection).unwrap();
    assert_eq!((value.as_str(), database), ("attached", 3));
}

/// Makes `name` a Redis ACL user with the password [`SPECIAL`].
fn redis_user(admin: &mut redis::Connection, name: &str) {
    redis::cmd("ACL")
        .arg("SETUSER")
        .arg(name)
        .arg("reset")
        .arg("on")
        .arg(format!(">{SPECIAL}"))
        .arg("~*")
        .arg("+@all")
        .exec(admin)
        .unwrap();
}

#[test]
fn redis_special_password_and_wrong_password() {
    let url = service(|s| s.redis_url.as_ref(), "TEST_REDIS_URL");
    let host = url.host().unwrap_or("127.0.0.1").to_owned();
    let port = url.port().unwrap_or(6379);
    let mut admin = url.to_client().unwrap().get_connection().unwrap();
    redis_user(&mut admin, "tc_special");

    let special: RedisUrl = format!("redis://tc_special:{SPECIAL_ENCODED}@{host}:{port}").parse().unwrap();
    let whoami = special
        .to_client()
        .unwrap()
        .get_connection()
        .and_then(|mut c| redis::cmd("ACL").arg("WHOAMI").query::<String>(&mut c));
    let wrong: RedisUrl = format!("redis://tc_special:not-the-password-x9@{host}:{port}").parse().unwrap();
    let refused = wrong.to_client().unwrap().get_connection();

    redis::cmd("ACL").arg("DELUSER").arg("tc_special").exec(&mut admin).unwrap();
    assert_eq!(whoami.unwrap(), "tc_special");
    let error = refused.err().expect("a wrong password is refused").to_string();
    // redis-rs reports the server's WRONGPASS as an authentication failure.
    assert!(error.to_lowercase().contains("authentication failed"), "{error}");
    assert!(!error.contains("not-the-password"), "{error}");
}

#[test]
fn rediss_fails_closed_on_a_server_without_tls() {
    let url = service(|s| s.redis_url.as_ref(), "TEST_REDIS_URL");
    let tls: RedisUrl =
        format!("rediss://{}:{}", url.host().unwrap_or("127.0.0.1"), url.port().unwrap_or(6379)).parse().unwrap();
    // Refused when converting (no TLS support built in) or when connecting:
    // never a plain-TCP connection.
    match tls.to_client() {
        Err(error) => eprintln!("refused as it should: {error}"),
        Ok(client) => {
            let connected = client.get_connection_with_timeout(std::time::Duration::from_secs(5));
            assert!(connected.is_err(), "rediss:// connected to a server without TLS");
        }
    }
}

// RabbitMQ

#[test]
fn amqp_publish_and_consume_one_message() {
    let url = service(|s| s.amqp_url.as_ref(), "TEST_AMQP_URL");
    let body = amqp_round_trip(&url, b"attached").unwrap();
    assert_eq!(body.as_deref(), Some(&b"attached"[..]), "the message comes back");
    // What lapin would drop is refused before connecting.
    let verify: AmqpUrl = with_query(&url, "verify=verify_none").parse().unwrap();
    assert!(verify.to_amqp_uri().unwrap_err().to_string().contains("\"verify\""));
}

// One URL type for every database

#[test]
fn database_url_attaches_to_each_database_through_sqlx_any() {
    sqlx::any::install_default_drivers();
    let postgres = service(|s| s.postgres_url.as_ref(), "TEST_POSTGRES_URL");
    let mysql = service(|s| s.mysql_url.as_ref(), "TEST_MYSQL_URL");
    let urls: Vec<DatabaseUrl> = vec![
        "sqlite::memory:".parse().unwrap(),
        postgres.expose_url().expose_secret().parse().unwrap(),
        mysql.expose_url().expose_secret().parse().unwrap(),
    ];
    runtime().block_on(async {
        for url in &urls {
            let pool = sqlx::any::AnyPoolOptions::new()
                .max_connections(1)
                .connect_with(url.to_any_connect_options().unwrap())
                .await
                .unwrap_or_else(|error| panic!("{url}: {error}"));
            let answer: i32 = sqlx::query_scalar("SELECT 41 + 1").fetch_one(&pool).await.unwrap();
            assert_eq!(answer, 42, "{url}");
        }
    });
}

// SMTP: no relay runs on the project's machines, so the test runs a minimal
// one on loopback that speaks just enough SMTP for lettre's NOOP check.

/// Answers one SMTP session: greeting, EHLO, AUTH PLAIN (the credentials it
/// saw are sent back through the channel), NOOP, QUIT.
fn minimal_smtp_relay() -> (u16, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else { return };
        stream.set_read_timeout(Some(std::time::Duration::from_secs(5))).ok();
        let mut writer = stream.try_clone().unwrap();
        let mut reader = BufReader::new(stream);
        let _ = writer.write_all(b"220 relay.test ESMTP\r\n");
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            let command = line.trim_end().to_owned();
            line.clear();
            let reply: &[u8] = match command.split(' ').next().unwrap_or("").to_ascii_uppercase().as_str() {
                "EHLO" => b"250-relay.test\r\n250 AUTH PLAIN\r\n",
                "AUTH" => {
                    let _ = sender.send(command.clone());
                    b"235 2.7.0 Accepted\r\n"
                }
                "NOOP" => b"250 OK\r\n",
                "QUIT" => {
                    let _ = writer.write_all(b"221 Bye\r\n");
                    break;
                }
                _ => b"502 Not implemented\r\n",
            };
            let _ = writer.write_all(reply);
        }
    });
    (port, receiver)
}

#[test]
fn smtp_talks_to_a_relay_with_the_decoded_credentials() {
    use twelve_config::resource::SmtpUrl;
    let (port, credentials) = minimal_smtp_relay();
    let url: SmtpUrl = format!("smtp://mailer%40example.com:{SPECIAL_ENCODED}@127.0.0.1:{port}").parse().unwrap();
    let mailer = url.to_smtp_transport_builder().unwrap().build();
    assert!(mailer.test_connection().unwrap(), "the relay answered NOOP");
    // AUTH PLAIN carries base64("\0user\0password"): the decoded values.
    let auth = credentials.recv_timeout(std::time::Duration::from_secs(5)).expect("lettre authenticated");
    let encoded = auth.rsplit(' ').next().unwrap();
    let decoded = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, encoded).unwrap();
    assert_eq!(decoded, format!("\0mailer@example.com\0{SPECIAL}").into_bytes());
}

#[test]
fn smtps_and_required_starttls_fail_closed_on_a_relay_without_tls() {
    use twelve_config::resource::SmtpUrl;
    for form in ["smtps://127.0.0.1:{port}", "smtp://127.0.0.1:{port}?tls=required"] {
        let (port, _) = minimal_smtp_relay();
        let url: SmtpUrl = form.replace("{port}", &port.to_string()).parse().unwrap();
        let mailer = url.to_smtp_transport_builder().unwrap().timeout(Some(std::time::Duration::from_secs(5))).build();
        let outcome = mailer.test_connection();
        assert!(!matches!(outcome, Ok(true)), "{form} talked in the clear: {outcome:?}");
    }
    let url: SmtpUrl = "smtp://relay.test?priority=high".parse().unwrap();
    assert!(url.to_smtp_transport_builder().unwrap_err().to_string().contains("\"priority\""));
}

/// Publishes `body` to a fresh exclusive queue on `url`'s broker and reads
/// it back; `None` when it did not come back within a second.
fn amqp_round_trip(url: &AmqpUrl, body: &[u8]) -> Result<Option<Vec<u8>>, lapin::Error> {
    use lapin::options::{BasicGetOptions, BasicPublishOptions, QueueDeclareOptions};
    use lapin::types::FieldTable;
    use lapin::{BasicProperties, Connection, ConnectionProperties};
    runtime().block_on(async {
        let connection = Connection::connect_uri(url.to_amqp_uri().unwrap(), ConnectionProperties::default()).await?;
        let channel = connection.create_channel().await?;
        let options = QueueDeclareOptions { exclusive: true, auto_delete: true, ..QueueDeclareOptions::default() };
        let queue = channel.queue_declare("", options, FieldTable::default()).await?;
        let queue = queue.name().as_str();
        channel
            .basic_publish("", queue, BasicPublishOptions::default(), body, BasicProperties::default())
            .await?
            .await?;
        let mut received = None;
        for _ in 0..50 {
            if let Some(message) = channel.basic_get(queue, BasicGetOptions { no_ack: true }).await? {
                received = Some(message.delivery.data.clone());
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        connection.close(0, "done").await?;
        Ok(received)
    })
}

/// Runs `rabbitmqctl` with `args`; `None` when it is not installed.
fn rabbitmqctl(args: &[&str]) -> Option<std::process::Output> {
    std::process::Command::new("rabbitmqctl").args(args).output().ok()
}

#[test]
fn amqp_vhost_with_a_slash_and_a_space_is_decoded_for_the_broker() {
    let url = service(|s| s.amqp_url.as_ref(), "TEST_AMQP_URL");
    let vhost = format!("tc/special vhost {}", std::process::id());
    let added = rabbitmqctl(&["add_vhost", &vhost]).expect("rabbitmqctl runs (it creates the vhost)");
    assert!(added.status.success(), "{added:?}");
    let user = url.username().unwrap_or("guest").to_owned();
    let granted = rabbitmqctl(&["set_permissions", "-p", &vhost, &user, ".*", ".*", ".*"]).unwrap();
    let encoded = vhost.replace('/', "%2F").replace(' ', "%20");
    let host = url.host().unwrap_or("127.0.0.1");
    let password = url.password().map(|p| p.expose_secret().to_owned()).unwrap_or_default();
    let in_vhost: AmqpUrl =
        format!("amqp://{user}:{password}@{host}:{}/{encoded}", url.port().unwrap_or(5672)).parse().unwrap();
    assert_eq!(in_vhost.vhost(), vhost);
    let outcome = amqp_round_trip(&in_vhost, b"in a vhost");
    rabbitmqctl(&["delete_vhost", &vhost]);
    assert!(granted.status.success(), "{granted:?}");
    assert_eq!(outcome.unwrap().as_deref(), Some(&b"in a vhost"[..]));
}

// NATS

/// Publishes `body` on a fresh subject through async-nats and receives it.
fn nats_round_trip(url: &NatsUrl, body: &'static str) -> Result<String, String> {
    use futures_util::StreamExt;
    runtime().block_on(async {
        let servers = url.to_server_addrs().map_err(|e| e.to_string())?;
        let client =
            tokio::time::timeout(std::time::Duration::from_secs(10), url.to_nats_connect_options().connect(servers))
                .await
                .map_err(|_| "timed out".to_owned())?
                .map_err(|e| e.to_string())?;
        let subject = format!("twelve.test.{}", std::process::id());
        let mut subscriber = client.subscribe(subject.clone()).await.map_err(|e| e.to_string())?;
        client.publish(subject, body.into()).await.map_err(|e| e.to_string())?;
        client.flush().await.map_err(|e| e.to_string())?;
        let message = tokio::time::timeout(std::time::Duration::from_secs(10), subscriber.next())
            .await
            .map_err(|_| "no message within 10 s".to_owned())?
            .ok_or("the subscription ended")?;
        Ok(String::from_utf8_lossy(&message.payload).into_owned())
    })
}

#[test]
fn nats_publish_and_receive_one_message() {
    let url = service(|s| s.nats_url.as_ref(), "TEST_NATS_URL");
    assert_eq!(nats_round_trip(&url, "attached").unwrap(), "attached");
}

/// A server the test starts, killed when dropped.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts `program` with `args` and waits until it listens on `port`.
fn start_server(program: &str, args: &[&str], port: u16) -> Server {
    let child = match std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(child) => child,
        Err(error) => panic!("{program} cannot be started: {error}"),
    };
    let server = Server(child);
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return server;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("{program} does not listen on port {port}");
}

#[test]
fn nats_user_and_password_with_every_special_character_reach_the_server_decoded() {
    let port = free_port();
    let port_text = port.to_string();
    let args = ["-a", "127.0.0.1", "-p", &port_text, "--user", "app", "--pass", SPECIAL];
    let _server = start_server("/usr/sbin/nats-server", &args, port);
    let url: NatsUrl = format!("nats://app:{SPECIAL_ENCODED}@127.0.0.1:{port}").parse().unwrap();
    assert_eq!(url.to_string(), format!("nats://app:***@127.0.0.1:{port}"));
    assert_eq!(nats_round_trip(&url, "logged in").unwrap(), "logged in");
    let wrong: NatsUrl = format!("nats://app:wrong@127.0.0.1:{port}").parse().unwrap();
    let error = nats_round_trip(&wrong, "x").unwrap_err();
    assert!(!error.contains("wrong"), "{error}");
}

#[test]
fn nats_token_reaches_the_server_and_a_wrong_one_is_refused() {
    let port = free_port();
    let port_text = port.to_string();
    let token = "s3cr3t-t0ken";
    let args = ["-a", "127.0.0.1", "-p", &port_text, "--auth", token];
    let _server = start_server("/usr/sbin/nats-server", &args, port);
    // A cluster list: the same server by two names.
    let url: NatsUrl = format!("nats://{token}@127.0.0.1:{port},nats://{token}@localhost:{port}").parse().unwrap();
    assert_eq!(url.hosts().len(), 2);
    assert!(!url.to_string().contains(token));
    assert_eq!(nats_round_trip(&url, "token").unwrap(), "token");
    let wrong: NatsUrl = format!("nats://not-the-token@127.0.0.1:{port}").parse().unwrap();
    assert!(nats_round_trip(&wrong, "x").is_err());
}

// MQTT

/// Subscribes to a fresh topic through rumqttc, publishes `body` and
/// receives it.
fn mqtt_round_trip(url: &MqttUrl, body: &'static str) -> Result<String, String> {
    use rumqttc::{AsyncClient, Event, Packet, QoS};
    runtime().block_on(async {
        let options = url.to_mqtt_options().map_err(|e| e.to_string())?;
        let (client, mut events) = AsyncClient::new(options, 10);
        let topic = format!("twelve/test/{}", std::process::id());
        client.subscribe(&topic, QoS::AtLeastOnce).await.map_err(|e| e.to_string())?;
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let event = tokio::time::timeout_at(deadline, events.poll())
                .await
                .map_err(|_| "no message within 10 s".to_owned())?
                .map_err(|e| e.to_string())?;
            match event {
                Event::Incoming(Packet::SubAck(_)) => {
                    client.publish(&topic, QoS::AtLeastOnce, false, body).await.map_err(|e| e.to_string())?;
                }
                Event::Incoming(Packet::Publish(message)) => {
                    let _ = client.disconnect().await;
                    return Ok(String::from_utf8_lossy(&message.payload).into_owned());
                }
                _ => {}
            }
        }
    })
}

#[test]
fn mqtt_publish_and_receive_one_message() {
    let url = service(|s| s.mqtt_url.as_ref(), "TEST_MQTT_URL");
    let url: MqttUrl = with_query(&url, "client_id=twelve-config-test&keep_alive_secs=5").parse().unwrap();
    assert_eq!(mqtt_round_trip(&url, "attached").unwrap(), "attached");
}

#[test]
fn mqtt_user_and_password_with_every_special_character_reach_the_broker_decoded() {
    let dir = std::env::temp_dir().join(format!("twelve-config-mqtt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let passwords = dir.join("passwords");
    let made = std::process::Command::new("mosquitto_passwd")
        .arg("-b")
        .arg("-c")
        .arg(&passwords)
        .args(["sensor", SPECIAL])
        .output();
    let made = made.expect("mosquitto_passwd runs (it writes the broker's password file)");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    // Mosquitto started as root runs as its own user: it must read these.
    for path in [&dir, &passwords] {
        use std::os::unix::fs::PermissionsExt;
        let mode = if path == &dir { 0o755 } else { 0o644 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let port = free_port();
    let config = dir.join("mosquitto.conf");
    std::fs::write(
        &config,
        format!("listener {port} 127.0.0.1\nallow_anonymous false\npassword_file {}\n", passwords.display()),
    )
    .unwrap();
    let _server = start_server("/usr/sbin/mosquitto", &["-c", config.to_str().unwrap()], port);
    let url: MqttUrl = format!("mqtt://sensor:{SPECIAL_ENCODED}@127.0.0.1:{port}?client_id=sensor-1").parse().unwrap();
    assert_eq!(url.to_string(), format!("mqtt://sensor:***@127.0.0.1:{port}?client_id=sensor-1"));
    assert_eq!(mqtt_round_trip(&url, "logged in").unwrap(), "logged in");
    let wrong: MqttUrl = format!("mqtt://sensor:wrong@127.0.0.1:{port}?client_id=sensor-2").parse().unwrap();
    let error = mqtt_round_trip(&wrong, "x").unwrap_err();
    assert!(!error.contains("wrong"), "{error}");
    let _ = std::fs::remove_dir_all(&dir);
}

// Handles from parts

/// Connects through sqlx and tokio-postgres; the current database.
fn postgres_database(url: &PostgresUrl) -> (String, String) {
    runtime().block_on(async {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect_with(url.to_pg_connect_options().unwrap())
            .await
            .unwrap();
        let (through_sqlx,): (String,) = sqlx::query_as("SELECT current_database()").fetch_one(&pool).await.unwrap();
        let (client, connection) =
            url.to_tokio_postgres_config().unwrap().connect(tokio_postgres::NoTls).await.unwrap();
        let task = tokio::spawn(connection);
        let through_tokio: String = client.query_one("SELECT current_database()", &[]).await.unwrap().get(0);
        drop(client);
        task.await.unwrap().unwrap();
        (through_sqlx, through_tokio)
    })
}

#[test]
fn postgres_from_pg_variables_alone_and_from_a_url_plus_a_password_file() {
    use twelve_config::Vars;
    use twelve_config::resource::{PgEnv, WithPassword};
    let url = service(|s| s.postgres_url.as_ref(), "TEST_POSTGRES_URL");
    let database = url.database().unwrap_or("test").to_owned();
    let password_file = std::env::temp_dir().join(format!("twelve-config-pgpassword-{}", std::process::id()));
    std::fs::write(&password_file, format!("{SPECIAL}\n")).unwrap();
    let file = password_file.to_str().unwrap();

    // libpq's variables, nothing else.
    let vars = Vars::new()
        .with("PGHOST", url.host().unwrap())
        .with("PGPORT", url.port().unwrap().to_string())
        .with("PGUSER", url.username().unwrap_or("postgres"))
        .with("PGPASSWORD_FILE", file)
        .with("PGDATABASE", &database)
        .with("PGAPPNAME", "twelve-config parts");
    let pg = PgEnv::from_source(&vars).unwrap();
    let config = pg.to_tokio_postgres_config().unwrap();
    assert_eq!(config.get_password(), Some(SPECIAL.as_bytes()));
    assert_eq!(config.get_application_name(), Some("twelve-config parts"));
    assert_eq!(postgres_database(&pg), (database.clone(), database.clone()));

    // A URL without a password, and the password as a mounted file.
    #[derive(EnvConfig, Debug)]
    struct Config {
        #[env(nested = "DATABASE_")]
        database: WithPassword<PostgresUrl>,
    }
    let without_password = format!(
        "postgres://{}@{}:{}/{database}",
        url.username().unwrap_or("postgres"),
        url.host().unwrap(),
        url.port().unwrap()
    );
    let vars = Vars::new().with("DATABASE_URL", &without_password).with("DATABASE_PASSWORD_FILE", file);
    let config = Config::from_source(&vars).unwrap();
    assert_eq!(config.database.to_tokio_postgres_config().unwrap().get_password(), Some(SPECIAL.as_bytes()));
    assert_eq!(postgres_database(&config.database), (database.clone(), database));
    let _ = std::fs::remove_file(&password_file);
}

/// Which drivers' option types print the password in their own `Debug`:
/// the conversions' docs warn for exactly these. A driver that changes
/// either way fails this test, so the docs are mended with it.
#[test]
fn the_docs_warn_for_exactly_the_driver_types_whose_debug_prints_the_password() {
    use twelve_config::resource::SmtpUrl;
    let password = "Sup3rSecretPw";
    let pg: PostgresUrl = format!("postgres://u:{password}@db/app").parse().unwrap();
    let mysql: MysqlUrl = format!("mysql://u:{password}@db/app").parse().unwrap();
    let any: DatabaseUrl = format!("postgres://u:{password}@db/app").parse().unwrap();
    let redis: RedisUrl = format!("redis://u:{password}@cache/0").parse().unwrap();
    let amqp: AmqpUrl = format!("amqp://u:{password}@mq/%2f").parse().unwrap();
    let smtp: SmtpUrl = format!("smtp://u:{password}@mail:587").parse().unwrap();
    let nats: NatsUrl = format!("nats://u:{password}@nats:4222").parse().unwrap();
    let mqtt: MqttUrl = format!("mqtt://u:{password}@broker:1883?client_id=x").parse().unwrap();
    let shown = [
        ("sqlx PgConnectOptions", format!("{:?}", pg.to_pg_connect_options().unwrap()), true),
        ("sqlx MySqlConnectOptions", format!("{:?}", mysql.to_mysql_connect_options().unwrap()), true),
        ("sqlx AnyConnectOptions", format!("{:?}", any.to_any_connect_options().unwrap()), true),
        ("lapin AMQPUri", format!("{:?}", amqp.to_amqp_uri().unwrap()), true),
        ("rumqttc MqttOptions", format!("{:?}", mqtt.to_mqtt_options().unwrap()), true),
        ("tokio-postgres Config", format!("{:?}", pg.to_tokio_postgres_config().unwrap()), false),
        ("redis ConnectionInfo", format!("{:?}", redis.to_connection_info().unwrap()), false),
        ("redis Client", format!("{:?}", redis.to_client().unwrap()), false),
        ("lettre SmtpTransport", format!("{:?}", smtp.to_smtp_transport_builder().unwrap().build()), false),
        ("async-nats ConnectOptions", format!("{:?}", nats.to_nats_connect_options()), false),
        ("async-nats ServerAddr", format!("{:?}", nats.to_server_addrs().unwrap()), false),
    ];
    for (driver, debug, warned) in shown {
        assert_eq!(debug.contains(password), warned, "{driver}'s Debug: {debug}");
    }
}

// Service bindings: each handle read from a binding directory, with a
// password that needs every escape, attaches through its driver.

#[test]
fn handles_from_service_bindings_attach_with_a_password_that_needs_every_escape() {
    use twelve_config::{EnvConfig, ServiceBindings};
    let postgres = service(|s| s.postgres_url.as_ref(), "TEST_POSTGRES_URL");
    let redis_server = service(|s| s.redis_url.as_ref(), "TEST_REDIS_URL");
    let amqp_server = service(|s| s.amqp_url.as_ref(), "TEST_AMQP_URL");
    let root = std::env::temp_dir().join(format!("twelve-config-attach-bindings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let binding = |name: &str, entries: &[(&str, String)]| {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        for (entry, value) in entries {
            std::fs::write(dir.join(entry), value).unwrap();
        }
    };
    binding(
        "orders-db",
        &[
            ("type", "postgresql".into()),
            ("host", postgres.host().unwrap().into()),
            ("port", postgres.port().unwrap().to_string()),
            ("username", postgres.username().unwrap_or("postgres").into()),
            // The server trusts local connections: MariaDB, Redis and
            // RabbitMQ prove passwords elsewhere; this one must reach sqlx.
            ("password", SPECIAL.into()),
            ("database", postgres.database().unwrap_or("test").into()),
        ],
    );
    // Redis and RabbitMQ check the password: a user with it on each.
    let mut admin = redis_server.to_client().unwrap().get_connection().unwrap();
    redis_user(&mut admin, "tc_binding");
    binding(
        "cache",
        &[
            ("type", "redis".into()),
            ("host", redis_server.host().unwrap().into()),
            ("port", redis_server.port().unwrap().to_string()),
            ("username", "tc_binding".into()),
            ("password", SPECIAL.into()),
        ],
    );
    let user = format!("tc_binding_{}", std::process::id());
    let added = rabbitmqctl(&["add_user", &user, SPECIAL]).expect("rabbitmqctl runs (it creates the user)");
    assert!(added.status.success(), "{added:?}");
    let granted = rabbitmqctl(&["set_permissions", "-p", "/", &user, ".*", ".*", ".*"]).unwrap();
    assert!(granted.status.success(), "{granted:?}");
    binding(
        "broker",
        &[
            ("type", "rabbitmq".into()),
            ("host", amqp_server.host().unwrap().into()),
            ("port", amqp_server.port().unwrap().to_string()),
            ("username", user.clone()),
            ("password", SPECIAL.into()),
            ("vhost", "/".into()),
        ],
    );

    #[derive(EnvConfig, Debug)]
    struct Attached {
        orders_db_url: PostgresUrl,
        cache_url: RedisUrl,
        broker_url: AmqpUrl,
    }
    let config = Attached::from_source(&ServiceBindings::from_root(&root).unwrap()).unwrap();
    assert_eq!(config.orders_db_url.password().unwrap().expose_secret(), SPECIAL);
    let database: String = runtime().block_on(async {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect_with(config.orders_db_url.to_pg_connect_options().unwrap())
            .await
            .unwrap();
        sqlx::query_scalar("SELECT current_database()").fetch_one(&pool).await.unwrap()
    });
    assert_eq!(database, postgres.database().unwrap_or("test"));
    let whoami = config
        .cache_url
        .to_client()
        .unwrap()
        .get_connection()
        .and_then(|mut c| redis::cmd("ACL").arg("WHOAMI").query::<String>(&mut c));
    let body = amqp_round_trip(&config.broker_url, b"bound");
    redis::cmd("ACL").arg("DELUSER").arg("tc_binding").exec(&mut admin).unwrap();
    let _ = rabbitmqctl(&["delete_user", &user]);
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(whoami.unwrap(), "tc_binding");
    assert_eq!(body.unwrap().as_deref(), Some(&b"bound"[..]));
}
