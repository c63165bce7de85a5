//! Checks of query options the kinds share, and the well-known ports.

use std::str::FromStr;

use super::*;

/// Checks that every occurrence of a query parameter (a repeated one too:
/// drivers differ on which they use) is one of `allowed`, exactly, as the
/// drivers compare them (`sslmode=REQUIRE` is refused by libpq).
pub(crate) fn check_choice(parts: &parse::Parsing<'_>, key: &str, allowed: &[&str]) -> Result<(), ParseError> {
    for value in parts.query_values(key) {
        if !allowed.contains(&value) {
            let hint = match allowed.iter().find(|a| a.eq_ignore_ascii_case(value)) {
                Some(exact) => format!(": write it as {exact:?}"),
                None => String::new(),
            };
            // The value is the URL's text: any credentials in it masked.
            let value = crate::mask_passwords(value);
            return Err(ParseError::new(
                UrlPart::Query,
                format!("{key}={value:?} is not one of {}{hint}", parse::alternatives(allowed)),
            ));
        }
    }
    Ok(())
}

/// Checks that every occurrence of a query parameter is a number of type `T`.
pub(crate) fn check_number<T: FromStr>(parts: &parse::Parsing<'_>, key: &str, what: &str) -> Result<(), ParseError> {
    for value in parts.query_values(key) {
        if value.parse::<T>().is_err() {
            let value = crate::mask_passwords(value);
            return Err(ParseError::new(UrlPart::Query, format!("{key}={value:?} is not {what}")));
        }
    }
    Ok(())
}

/// The well-known default port of a scheme, for [`ResourceUrl`].
pub(crate) fn well_known_port(scheme: &str) -> Option<u16> {
    Some(match scheme {
        "postgres" | "postgresql" => 5432,
        "mysql" | "mariadb" => 3306,
        "redis" | "rediss" => 6379,
        "amqp" => 5672,
        "amqps" => 5671,
        "smtp" => 587,
        "smtps" => 465,
        "mongodb" => 27017,
        "memcache" | "memcached" => 11211,
        "http" | "ws" => 80,
        "https" | "wss" => 443,
        "nats" => 4222,
        "kafka" | "kafka+ssl" => 9092,
        "mqtt" => 1883,
        "mqtts" => 8883,
        "ldap" => 389,
        "ldaps" => 636,
        "ftp" => 21,
        "ssh" | "sftp" => 22,
        _ => return None,
    })
}
