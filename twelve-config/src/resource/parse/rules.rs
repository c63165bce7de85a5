//! What differs between kinds of handle: their `Rules`.

/// How one kind of URL is read.
pub(crate) struct Rules {
    /// The accepted schemes, lowercase; empty for any.
    pub schemes: &'static [&'static str],
    /// The default port of a scheme.
    pub default_port: fn(&str) -> Option<u16>,
    /// Whether `h1:1,h2:2` is allowed.
    pub multi_host: bool,
    /// Whether the host may be empty (`postgres:///db`).
    pub host_optional: bool,
    /// Whether `+` in the query is a space (form encoding, as redis-rs reads it).
    pub plus_is_space: bool,
    /// Whether an `@` in the path is taken as a misplaced userinfo `@`.
    pub at_in_path_is_error: bool,
    /// Whether an empty user name (`:pw@host`) is kept as `Some("")`, as the
    /// RabbitMQ URI spec requires; other kinds read it as no user name.
    pub keeps_empty_username: bool,
    /// Whether the scheme must be written in lowercase, as libpq and the
    /// MongoDB driver match it (`POSTGRES://` is not a URI to libpq); other
    /// drivers read it through a URL parser that lowercases it.
    pub scheme_case_sensitive: bool,
    /// Which hosts may hold percent-escapes, as the drivers decode them.
    pub host_escapes: HostEscapes,
    /// Whether a query key may stand alone (`?debug`), as in HTTP; the
    /// database drivers need `key=value`.
    pub query_flags: bool,
    /// Whether query keys match ignoring ASCII case, as the MongoDB
    /// connection string spec says; every other driver matches them
    /// exactly (libpq, redis-rs, sqlx, lapin, rumqttc).
    pub query_keys_ignore_case: bool,
    /// Whether a query key may be given twice.
    pub repeated_keys: RepeatedKeys,
}

impl Rules {
    /// The rules a kind starts from, stating only what differs: no scheme
    /// and no default port (each kind names its own), one host, required,
    /// escapes in no host, `+` as itself, an option given once, `key=value`
    /// pairs matched exactly.
    pub const DEFAULT: Rules = Rules {
        schemes: &[],
        default_port: |_| None,
        multi_host: false,
        host_optional: false,
        plus_is_space: false,
        at_in_path_is_error: false,
        keeps_empty_username: false,
        scheme_case_sensitive: false,
        host_escapes: HostEscapes::No,
        query_flags: false,
        query_keys_ignore_case: false,
        repeated_keys: RepeatedKeys::Refused(&[]),
    };
}

/// Whether a query key may be given twice, with different values.
#[derive(Clone, Copy)]
pub(crate) enum RepeatedKeys {
    /// Yes: the last one counts for the handle and every conversion alike
    /// (libpq's rule), or the query is the service's own (HTTP, a generic
    /// URL), which no driver reads.
    Accepted,
    /// No, but for the keys named, which the kind's spec lets repeat: the
    /// handle reads the last occurrence, and a driver that parses the URL
    /// itself may read the first, so the handle would say one thing and
    /// the driver connect with another.
    Refused(&'static [&'static str]),
}

/// Which hosts a kind's drivers percent-decode.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum HostEscapes {
    /// None: an escape would reach DNS as written (`%64b`).
    No,
    /// Only a unix socket path (`%2Fvar%2Frun%2Fpostgresql`): libpq and
    /// the MongoDB spec decode it, but URL-based drivers (sqlx) keep an
    /// escaped host name as written, so `%64b` would be `db` to one and
    /// `%64b` to the other. The error for an escaped host name, which says
    /// how the kind's drivers read one.
    SocketPath(&'static str),
    /// Any host (WHATWG for http, lapin).
    Any,
}
