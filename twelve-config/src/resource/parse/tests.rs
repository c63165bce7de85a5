//! Tests of the shared grammar.

use crate::resource::HostPort;

#[test]
fn a_decoded_host_holding_what_no_host_holds_is_refused_by_its_code_point() {
    use super::{UrlPart, check_decoded_host};
    let said = |host: &str| check_decoded_host(host, UrlPart::Host).map_err(|error| error.to_string());
    for taken in ["db.internal", "db-1_x~y", "bücher.example", "a!$&'()*+;=b", "xn--ls8h.la", "\u{2764}\u{fe0f}"] {
        assert_eq!(said(taken), Ok(()), "{taken:?}");
    }
    // A socket path may hold a space, and any punctuation.
    assert_eq!(said("/home/me/pg sockets/#1:<x>"), Ok(()));
    for (host, message) in [
        ("h\nevil", "the host name holds a control character (U+000A)"),
        ("h\u{85}x", "the host name holds a control character (U+0085)"),
        ("/run/pg\u{1b}[2J", "the socket path holds a control character (U+001B)"),
        ("/run/\u{2028}pg", "the socket path holds a line or paragraph separator (U+2028)"),
        ("pay\u{202e}moc", "the host name holds an invisible character (U+202E)"),
        ("a\u{3164}b", "the host name holds an invisible character (U+3164)"),
        ("a b", "the host name holds whitespace (U+0020)"),
        ("a\u{a0}b", "the host name holds whitespace (U+00A0)"),
        ("a|b", "the host name holds '|'"),
        ("::1", "the host name holds ':'"),
    ] {
        let error = said(host).expect_err(host);
        assert!(error.starts_with("once percent-decoded, ") && error.contains(message), "{host:?}: {error}");
        // Nothing of the host is quoted.
        assert!(!error.contains(host), "{error}");
    }
}

#[test]
fn debug_of_a_decoded_part_does_not_print_it() {
    let password = super::Text::Decoded(Box::new("p@ss-w0rd".to_owned().into()));
    let query = super::Query::Many(vec![(super::Text::Span(0, 8), password)]);
    let shown = format!("{query:?}");
    assert!(!shown.contains("p@ss-w0rd"), "{shown}");
    assert_eq!(shown, "Many([(Span(0, 8), Decoded(<9 bytes>))])");
}

#[test]
fn a_query_error_masks_a_password_it_would_quote() {
    // Found by the parse_redis fuzz target: a socket URL whose query
    // holds a whole URL with its credentials.
    let url = "redis+unix:/run/redis.sock?ss://_d:s3cretpassw0rd@host";
    let error = url.parse::<super::super::RedisUrl>().unwrap_err();
    assert_eq!(error.part(), UrlPart::Query);
    assert!(!error.to_string().contains("s3cretpassw0rd"), "{error}");
    // Cut after masking: a long one loses no more than its tail.
    let long = format!("redis+unix:/run/redis.sock?x://u:{}@h", "p".repeat(60));
    let error = long.parse::<super::super::RedisUrl>().unwrap_err();
    assert!(!error.to_string().contains("ppppp"), "{error}");
    // The same for a checked value (`sslmode`, `protocol`, a number).
    for url in [
        "postgres://db/app?sslmode=x://u:s3cretpassw0rd@h",
        "postgres://db/app?connect_timeout=x://u:s3cretpassw0rd@h",
        "redis://cache?protocol=x://u:s3cretpassw0rd@h",
    ] {
        let error = if url.starts_with("postgres") {
            url.parse::<super::super::PostgresUrl>().unwrap_err()
        } else {
            url.parse::<super::super::RedisUrl>().unwrap_err()
        };
        assert_eq!(error.part(), UrlPart::Query, "{url}: {error}");
        assert!(!error.to_string().contains("s3cretpassw0rd"), "{url}: {error}");
    }
}

#[test]
fn a_known_scheme_read_in_place_is_what_the_full_check_gives() {
    let rules = [&super::super::postgres::RULES, &super::super::redis::TCP_RULES];
    let inputs = [
        "postgres://db",
        "postgresql://db",
        "postgres:",
        "postgresql:x",
        "postgres://",
        "redis://c",
        "rediss://c",
        "POSTGRES://db",
        "Postgresql://db",
        "postgresx://db",
        "postgre://db",
        "redis:",
        "redisx://c",
    ];
    for rules in rules {
        for input in inputs {
            let present = check_whole(input).unwrap();
            let fast = scheme_and_bytes(input, rules, "T");
            let full = scheme_checked(input, rules, "T", present);
            assert_eq!(fast, full, "{input}");
        }
    }
}

use super::*;

#[test]
fn a_part_is_a_span_of_its_url_and_a_copy_of_any_other_text() {
    let url = "postgres://app@db/x";
    let user = Text::of(url, &url[11..14]);
    assert_eq!(user, Text::Span(11, 14));
    assert_eq!(user.get(url), "app");
    let other = String::from("app");
    let copied = Text::of(url, &other);
    assert!(matches!(copied, Text::Decoded(_)));
    assert_eq!(copied.get(""), "app");
    // A span read in a shorter text is empty, never a panic.
    assert_eq!(user.get("post"), "");
    assert_eq!(Text::Span(1, 2).get("é"), "");
}

#[test]
fn decoding_copies_only_what_changes() {
    let url = "redis://u%40x:p@h/?a=b%20c&d=e";
    let parts = parse(url, &RULES_FOR_TESTS, "Test").unwrap();
    assert!(matches!(parts.username, Some(Text::Decoded(_))));
    assert_eq!(parts.username(), Some("u@x"));
    let query: Vec<_> = parts.query().collect();
    assert_eq!(query, [("a", "b c"), ("d", "e")]);
    assert!(matches!(parts.query.texts(1), Some((Text::Span(..), Text::Span(..)))));
    let kept = parts.keep_detached();
    let Query::Many(pairs) = &kept.query else { panic!("{:?}", kept.query) };
    assert!(pairs.iter().all(|(key, value)| matches!((key, value), (Text::Decoded(_), Text::Decoded(_)))));
    let detached: Vec<_> = kept.query.iter("").collect();
    assert_eq!(detached, [("a", "b c"), ("d", "e")]);
}

#[test]
fn a_url_without_escapes_reads_its_parts_as_they_stand() {
    // No '%' (nor '+' where it is a space) anywhere: no part is scanned
    // for one, and every part is a span.
    let plain = parse("redis://h/db?a=b&c=d", &RULES_FOR_TESTS, "Test").unwrap();
    assert!(!plain.escapes);
    assert!(matches!(plain.path_segment("db").unwrap(), Some(Text::Span(..))));
    assert!(matches!(plain.query.texts(1), Some((Text::Span(..), Text::Span(..)))));
    // One '%' anywhere (here in the user info) and every part is read
    // for escapes again, with the same result for the plain ones.
    let escaped = parse("redis://u%40x@h/d%62?a=b%20c&c=d", &RULES_FOR_TESTS, "Test").unwrap();
    assert!(escaped.escapes);
    assert_eq!(escaped.path_segment("db").unwrap().map(|db| db.get(escaped.raw).to_owned()).as_deref(), Some("db"));
    assert_eq!(escaped.query().collect::<Vec<_>>(), [("a", "b c"), ("c", "d")]);
    // A '+' is a space only where the rules say so, and only then
    // sends the query the long way.
    let form = Rules { plus_is_space: true, ..RULES_FOR_TESTS };
    assert_eq!(parse("redis://h/?a=b+c", &form, "Test").unwrap().query().collect::<Vec<_>>(), [("a", "b c")]);
    assert_eq!(
        parse("redis://h/?a=b+c", &RULES_FOR_TESTS, "Test").unwrap().query().collect::<Vec<_>>(),
        [("a", "b+c")]
    );
}

#[test]
fn one_pair_is_held_as_spans_and_read_as_a_list_would_be() {
    let url = "redis://h/db?sslmode=require";
    let parts = parse(url, &RULES_FOR_TESTS, "Test").unwrap();
    assert!(matches!(parts.query, Query::One { .. }));
    assert_eq!(parts.query().collect::<Vec<_>>(), [("sslmode", "require")]);
    assert_eq!(parts.query_value("sslmode"), Some("require"));
    assert_eq!(parts.query_text("sslmode").map(|text| text.get(url).to_owned()).as_deref(), Some("require"));
    assert_eq!(parts.query_value("user"), None);
    // A pair that decodes is a list of its own copies.
    let decoded = "redis://h/db?name=a%20b";
    let parts = parse(decoded, &RULES_FOR_TESTS, "Test").unwrap();
    assert!(matches!(parts.query, Query::Many(_)));
    assert_eq!(parts.query_value("name"), Some("a b"));
    // Detached, the one pair stands on its own.
    let kept = parse(url, &RULES_FOR_TESTS, "Test").unwrap().keep_detached();
    assert_eq!(kept.query.iter("").collect::<Vec<_>>(), [("sslmode", "require")]);
    // An empty pair (`&` twice) is skipped, as in a longer query.
    let parts = parse("redis://h/db?&a=1&", &RULES_FOR_TESTS, "Test").unwrap();
    assert_eq!(parts.query().collect::<Vec<_>>(), [("a", "1")]);
    let parts = parse("redis://h/db?", &RULES_FOR_TESTS, "Test").unwrap();
    assert!(parts.query.is_empty());
}

#[test]
fn hosts_hold_one_inline_and_grow_into_a_list() {
    let host = |name: &str| HostPort { host: name.into(), port: Some(1), explicit_port: true };
    let mut hosts = Hosts::None;
    assert!(hosts.is_empty());
    hosts.push(host("a"));
    assert!(matches!(hosts, Hosts::One(_)));
    hosts.push(host("b"));
    hosts.push(host("c"));
    let names: Vec<_> = hosts.iter().map(HostPort::host).collect();
    assert_eq!(names, ["a", "b", "c"]);
    hosts[1].port = Some(2);
    assert_eq!(hosts[1].port(), Some(2));
    assert!(matches!(Hosts::from(vec![host("x")]), Hosts::One(_)));
    hosts.clear();
    assert_eq!(hosts.len(), 0);
}

const RULES_FOR_TESTS: Rules = Rules {
    repeated_keys: RepeatedKeys::Accepted,
    schemes: &["redis"],
    default_port: |_| Some(6379),
    ..Rules::DEFAULT
};

#[test]
fn bytes_present_finds_each_class() {
    assert_eq!(bytes_present("postgres://db/app"), 0);
    assert_eq!(bytes_present("a#b"), HASH);
    assert_eq!(bytes_present("u@h,%2F"), AT | COMMA | PERCENT);
    assert_eq!(bytes_present("a b"), NOT_GRAPHIC);
    assert_eq!(bytes_present("a+b"), PLUS);
    assert_eq!(bytes_present("é\u{7f}"), NOT_GRAPHIC);
    assert_eq!(bytes_present(""), 0);
    assert_eq!(split_at_byte("k=v=w", b'='), Some(("k", "v=w")));
    assert_eq!(split_at_byte("é=ü", b'='), Some(("é", "ü")));
    assert_eq!(split_at_byte("kv", b'='), None);
}

#[test]
fn strict_percent_decoding() {
    assert_eq!(decode("a%20b", false), Ok(b"a b".to_vec()));
    assert_eq!(decode("a+b", true), Ok(b"a b".to_vec()));
    assert_eq!(decode("a+b", false), Ok(b"a+b".to_vec()));
    assert_eq!(decode("%2f%2F", false), Ok(b"//".to_vec()));
    assert_eq!(decode("%", false), Err(DecodeProblem::BadEscape));
    assert_eq!(decode("%4", false), Err(DecodeProblem::BadEscape));
    assert_eq!(decode("%zz", false), Err(DecodeProblem::BadEscape));
    assert_eq!(decode("a%00b", false), Err(DecodeProblem::BadEscape));
    assert_eq!(decode_utf8("%C3%28", false), Err(DecodeProblem::NotUtf8));
}

#[test]
fn server_lists() {
    assert_eq!(server_starts("nats://a,nats://b"), [0, 9]);
    assert_eq!(server_starts("nats://a,b"), [0]);
    assert_eq!(server_starts("kafka+ssl://a:1,kafka+ssl://b:2,kafka+ssl://c:3").len(), 3);
    let joined = join_server_list("nats://u:p@a:1,nats://b:2,NATS://u:p@c").unwrap().unwrap();
    assert_eq!(joined.as_str(), "nats://u:p@a:1,b:2,c");
    assert!(join_server_list("nats://a,nats://b").unwrap().is_some());
    assert!(join_server_list("nats://a").unwrap().is_none());
    assert_eq!(join_server_list("nats://a,tls://b").unwrap_err().part(), UrlPart::Scheme);
    assert_eq!(join_server_list("nats://u:p@a,nats://v:q@b").unwrap_err().part(), UrlPart::UserInfo);
    assert_eq!(join_server_list("nats://a/x,nats://b").unwrap_err().part(), UrlPart::Path);
    let error = join_server_list("nats://u:s3cr3t@a,nats://u:hunter2@b").unwrap_err().to_string();
    assert!(!error.contains("s3cr3t") && !error.contains("hunter2"), "{error}");
    assert_eq!(mask_server_list("nats://t@a,nats://t@b", true), "nats://***@a,nats://***@b");
    assert_eq!(mask_server_list("nats://u:p@a,nats://b", true), "nats://u:***@a,nats://b");
    assert_eq!(mask_server_list("kafka://u@a,kafka://u@b", false), "kafka://u@a,kafka://u@b");
}

#[test]
fn ports() {
    assert_eq!(parse_port("5432", ""), Ok(5432));
    assert_eq!(parse_port("65535", ""), Ok(65535));
    assert_eq!(parse_port("65536", "").unwrap_err().to_string(), "port 65536 is out of range (1-65535)");
    assert_eq!(parse_port("99999999999", "").unwrap_err().part(), UrlPart::Port);
    assert_eq!(parse_port("0", "").unwrap_err().to_string(), "port 0 is not a port a server listens on");
    assert_eq!(parse_port("-1", "").unwrap_err().to_string(), "the port \"-1\" is not a number");
    // A password split at an unencoded '/' is not shown.
    let error = parse_port("hunter", "2@host/db").unwrap_err().to_string();
    assert!(!error.contains("hunter") && error.contains("%2F"), "{error}");
}
