//! Where libpq connects: `?host=`, `?port=` and `?hostaddr=` among the hosts.

use super::*;
use crate::resource::HostPort;
use crate::resource::parse::{self, ParseError, Parsing, UrlPart};

/// libpq connects to `?hostaddr=` (one address per host, in order, or
/// addresses alone) and keeps each host name for TLS and the password
/// file: the handle's hosts become the addresses, so `hosts()` says where
/// the driver connects, and the names are returned for the conversions.
pub(crate) fn route_to_addresses(parts: &mut Parsing<'_>) -> Result<Option<Box<[HostPort]>>, ParseError> {
    let Some(addresses) = parts.query_value("hostaddr").map(str::to_owned) else { return Ok(None) };
    let addresses: Vec<&str> = addresses.split(',').collect();
    let names: Box<[HostPort]> = parts.hosts.iter().cloned().collect();
    if names.is_empty() {
        let port = parts.hosts_default_port.or(Some(PostgresUrl::DEFAULT_PORT));
        let mut hosts = Vec::with_capacity(addresses.len());
        for address in addresses {
            hosts.push(HostPort { host: address.into(), port, explicit_port: false });
        }
        parts.hosts = hosts.into();
        return Ok(Some(names));
    }
    if addresses.len() != names.len() {
        return Err(ParseError::new(
            UrlPart::Query,
            format!(
                "?hostaddr= gives {} addresses for {} hosts: libpq pairs them in order, so give one per host",
                addresses.len(),
                names.len()
            ),
        ));
    }
    for (host, address) in parts.hosts.iter_mut().zip(addresses) {
        host.host = address.into();
    }
    Ok(Some(names))
}

/// libpq: `?hostaddr=` must be IP addresses; `?host=`, `?port=`, `?user=`
/// and `?password=` replace the URL's own (`?dbname=` is read with the path).
pub(crate) fn apply_overrides(parts: &mut Parsing<'_>) -> Result<(), ParseError> {
    for addresses in parts.query_values("hostaddr") {
        if let Some(bad) = addresses.split(',').find(|a| a.parse::<std::net::IpAddr>().is_err()) {
            return Err(ParseError::new(
                UrlPart::Query,
                format!("hostaddr={bad:?} is not an IP address: libpq takes a name in ?host="),
            ));
        }
    }
    apply_query_hosts(parts)?;
    parts.user_from_query("user");
    parts.password_from_query("password");
    Ok(())
}

/// libpq: `?host=` (comma-separated) replaces the URL's hosts, and `?port=`
/// gives one port for all hosts or one per host.
pub(crate) fn apply_query_hosts(parts: &mut Parsing<'_>) -> Result<(), ParseError> {
    // libpq lets ?host= and ?port= replace the authority's; tokio-postgres
    // adds them to it (`postgres://db/app?port=6000` is ports 5432 and 6000
    // for one host, which it then refuses) and sqlx mixes the two. A URL
    // that names hosts in both places means something different to each.
    let authority_names_a_host = !parts.hosts.is_empty();
    for key in ["host", "port"] {
        if authority_names_a_host && parts.query_value(key).is_some() {
            return Err(ParseError::new(
                UrlPart::Query,
                format!(
                    "the URL names a host before its path and ?{key}= in its query, which libpq, tokio-postgres and \
                     sqlx combine differently: give hosts and ports in one place (host:port,host:port, or \
                     postgres:///db?host=...&port=...)"
                ),
            ));
        }
    }
    if let Some(hosts) = parts.query_value("host") {
        let hosts = hosts.to_owned();
        // A port in the URL itself (`postgres://:12345?host=/dir`) still applies.
        let url_port = parts
            .hosts
            .first()
            .filter(|host| host.explicit_port)
            .and_then(|host| host.port)
            .or_else(|| parts.hosts_default_port.filter(|port| *port != PostgresUrl::DEFAULT_PORT));
        let mut replaced = Vec::new();
        for host in hosts.split(',') {
            if host.is_empty() {
                return Err(ParseError::new(UrlPart::Query, "an empty host in ?host="));
            }
            // libpq takes an IPv6 address here as written, unbracketed.
            if host.parse::<std::net::Ipv6Addr>().is_err() {
                parse::check_decoded_host(host, UrlPart::Query)?;
            }
            replaced.push(HostPort {
                host: host.into(),
                port: url_port.or(Some(PostgresUrl::DEFAULT_PORT)),
                explicit_port: url_port.is_some(),
            });
        }
        parts.hosts = replaced.into();
    }
    if let Some(ports) = parts.query_value("port") {
        let mut parsed = Vec::new();
        for port in ports.split(',') {
            let port = parse::parse_port(port, "")
                .map_err(|error| ParseError::new(UrlPart::Query, format!("in ?port=: {error}")))?;
            parsed.push(port);
        }
        let ports = parsed;
        match (ports.as_slice(), parts.hosts.len()) {
            ([port], _) => {
                for host in parts.hosts.iter_mut() {
                    host.port = Some(*port);
                    host.explicit_port = true;
                }
                parts.hosts_default_port = Some(*port);
            }
            (ports, hosts) if ports.len() == hosts => {
                for (host, port) in parts.hosts.iter_mut().zip(ports) {
                    host.port = Some(*port);
                    host.explicit_port = true;
                }
            }
            (ports, hosts) => {
                return Err(ParseError::new(
                    UrlPart::Query,
                    format!("?port= gives {} ports for {hosts} hosts: give one, or one per host", ports.len()),
                ));
            }
        }
    }
    Ok(())
}

handle!(PostgresUrl);
