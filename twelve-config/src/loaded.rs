//! What loading learned besides the config: [`Loaded`], its [`Warning`]s
//! and the effective configuration, one [`Entry`] per variable with its
//! [`Origin`].

use std::fmt;

use crate::report::escape_text;

/// A loaded config with what loading learned: the warnings (a deprecated
/// variable in use) and the effective configuration, from
/// [`EnvConfig::load`](crate::EnvConfig::load).
///
/// `Display` prints the effective configuration: one line per variable,
/// its value as a report shows values (URL passwords masked, secrets
/// never) and where it came from, so a service can log what it runs with.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, SecretString, Vars};
///
/// #[derive(EnvConfig, Debug)]
/// #[env(prefix = "APP_")]
/// struct Config {
///     #[env(default = 8080)]
///     port: u16,
///     #[env(deprecated = "DATABASE_URL")]
///     database_url: String,
///     token: SecretString,
///     workers: Option<u8>,
/// }
///
/// let vars = Vars::new()
///     .with("DATABASE_URL", "postgres://app:hunter2@db/app")
///     .with("APP_TOKEN", "s3cret");
/// let loaded = Config::load(&vars).unwrap();
/// assert_eq!(loaded.warnings()[0].to_string(), "DATABASE_URL is deprecated: rename it to APP_DATABASE_URL");
/// assert_eq!(
///     loaded.to_string(),
///     "\
/// APP_PORT         \"8080\"                      default
/// APP_DATABASE_URL \"postgres://app:***@db/app\" alias DATABASE_URL
/// APP_TOKEN        (secret)                    env
/// APP_WORKERS      (unset)                     unset"
/// );
/// let config = loaded.into_inner();
/// assert_eq!(config.port, 8080);
/// ```
#[derive(Clone)]
pub struct Loaded<T> {
    config: T,
    warnings: Vec<Warning>,
    entries: Vec<Entry>,
}

impl<T> Loaded<T> {
    pub(crate) fn new(config: T, warnings: Vec<Warning>, entries: Vec<Entry>) -> Self {
        Self { config, warnings, entries }
    }

    /// The config.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, Vars};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     #[env(default = 3)]
    ///     workers: u8,
    /// }
    ///
    /// assert_eq!(Config::load(&Vars::new()).unwrap().into_inner().workers, 3);
    /// ```
    pub fn into_inner(self) -> T {
        self.config
    }

    /// The config, borrowed.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, Vars};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     #[env(default = 3)]
    ///     workers: u8,
    /// }
    ///
    /// assert_eq!(Config::load(&Vars::new()).unwrap().config().workers, 3);
    /// ```
    pub fn config(&self) -> &T {
        &self.config
    }

    /// What loading warns about: deprecated variables in use, in the order
    /// the fields are declared. `from_env_or_exit` prints them to standard
    /// error and goes on.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, Vars, Warning};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     #[env(deprecated = "DB_URL")]
    ///     database_url: String,
    /// }
    ///
    /// let loaded = Config::load(&Vars::new().with("DB_URL", "postgres://db/app")).unwrap();
    /// assert!(matches!(&loaded.warnings()[0], Warning::Deprecated { var, .. } if var == "DB_URL"));
    /// ```
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The effective configuration: one entry per variable the config
    /// reads, nested fields in place, in declaration order.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, Origin, Vars};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     #[env(default = 3)]
    ///     workers: u8,
    /// }
    ///
    /// let loaded = Config::load(&Vars::new()).unwrap();
    /// assert_eq!(loaded.entries()[0].var(), "WORKERS");
    /// assert_eq!(loaded.entries()[0].origin(), &Origin::Default);
    /// ```
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

#[cfg(feature = "fingerprint")]
impl<T> Loaded<T> {
    /// A stable digest of the effective configuration, to log at start and
    /// compare across pods and deploys without printing the configuration:
    /// `v1:` and 64 hex digits of SHA-256.
    ///
    /// The same variables with the same values give the same fingerprint,
    /// in any order, in any process, on any machine; any change of a
    /// non-secret value changes it (a URL's password is a secret: it is
    /// masked, as the report masks it). A secret contributes only whether it
    /// is set, so rotating one leaves this fingerprint as it was: use
    /// [`fingerprint_keyed`](Self::fingerprint_keyed) to cover secrets. Where
    /// a value came from (the environment, a `.env`, a default) does not
    /// count: only what the service runs with. Cargo feature `fingerprint`.
    ///
    /// Each value counts in one form for its type, the text that loads it
    /// back: a number as `Display` writes it (`08080` and `+8080` are
    /// `8080`, `0.50` is `0.5`), a duration as humantime writes it (`30000ms`
    /// is `30s`), a `bool` as `true` or `false` (`no` is `false`), an enum
    /// variant by its name (an alias or another case is the variant), a
    /// handle with its scheme and lone host lowercase and the kind's default
    /// port written out (`postgres://db/app` is `postgres://db:5432/app`).
    /// A type with no such text ([`EnvValue::to_env`](crate::EnvValue::to_env)
    /// returns `None` and no `Display` of a `FromStr` type), a list and a
    /// map count as written. The effective configuration still shows each
    /// value as it was given.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use twelve_config::{EnvConfig, SecretString, Vars};
    /// use twelve_config::resource::PostgresUrl;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     port: u16,
    ///     token: SecretString,
    ///     #[env(default = "30s")]
    ///     timeout: Duration,
    ///     database: Option<PostgresUrl>,
    /// }
    ///
    /// let one = Config::load(&Vars::new().with("PORT", "80").with("TOKEN", "a")).unwrap();
    /// let two = Config::load(&Vars::new().with("TOKEN", "rotated").with("PORT", "80")).unwrap();
    /// let three = Config::load(&Vars::new().with("PORT", "81").with("TOKEN", "a")).unwrap();
    /// assert_eq!(one.fingerprint(), two.fingerprint()); // a secret's value does not count
    /// assert_ne!(one.fingerprint(), three.fingerprint());
    /// assert!(one.fingerprint().starts_with("v1:"));
    ///
    /// // The same values written otherwise are the same configuration.
    /// let written = Vars::new()
    ///     .with("PORT", "080")
    ///     .with("TOKEN", "a")
    ///     .with("TIMEOUT", "30000ms")
    ///     .with("DATABASE", "postgres://app@db:5432/orders");
    /// let canonical = Vars::new().with("PORT", "80").with("TOKEN", "a").with("DATABASE", "postgres://app@db/orders");
    /// assert_eq!(Config::load(&written).unwrap().fingerprint(), Config::load(&canonical).unwrap().fingerprint());
    /// ```
    pub fn fingerprint(&self) -> String {
        crate::fingerprint::unkeyed(&self.entries)
    }

    /// [`fingerprint`](Self::fingerprint) covering the secrets too, through
    /// HMAC-SHA-256 under `key`: `v1k:` and 64 hex digits. Two pods given
    /// the same key (from a secret store, say) can compare it without
    /// revealing anything: without the key, no secret can be tested
    /// against it. Cargo feature `fingerprint`.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, SecretString, Vars};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     token: SecretString,
    /// }
    ///
    /// let before = Config::load(&Vars::new().with("TOKEN", "a")).unwrap();
    /// let after = Config::load(&Vars::new().with("TOKEN", "rotated")).unwrap();
    /// assert_eq!(before.fingerprint(), after.fingerprint());
    /// assert_ne!(before.fingerprint_keyed(b"deploy key"), after.fingerprint_keyed(b"deploy key"));
    /// assert_ne!(before.fingerprint_keyed(b"deploy key"), before.fingerprint_keyed(b"other key"));
    /// ```
    pub fn fingerprint_keyed(&self, key: &[u8]) -> String {
        crate::fingerprint::keyed(&self.entries, key)
    }
}

impl<T> fmt::Display for Loaded<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = |column: fn(&Entry) -> usize| self.entries.iter().map(column).filter(|&w| w <= 48).max();
        let var_width = width(|entry| entry.var.chars().count()).unwrap_or(0);
        let value_width = width(|entry| entry.shown_value().chars().count()).unwrap_or(0);
        for (index, entry) in self.entries.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            let line = format!("{:<var_width$} {:<value_width$} {}", entry.var, entry.shown_value(), entry.origin);
            f.write_str(&escape_text(&line))?;
        }
        Ok(())
    }
}

impl<T> fmt::Debug for Loaded<T> {
    /// The effective configuration, like `Display`: the config's own
    /// `Debug` may show what the report does not.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Loaded")
            .field("warnings", &self.warnings)
            .field("entries", &self.entries)
            .finish_non_exhaustive()
    }
}

/// One variable of the effective configuration: see [`Loaded::entries`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub(crate) var: String,
    pub(crate) field: String,
    pub(crate) value: Option<String>,
    pub(crate) secret: bool,
    pub(crate) origin: Origin,
    /// What the fingerprint reads of the value.
    #[cfg(feature = "fingerprint")]
    pub(crate) print: crate::fingerprint::Print,
}

impl Entry {
    /// The variable's name.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, Vars};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// #[env(prefix = "APP_")]
    /// struct Config {
    ///     #[env(default = 3)]
    ///     workers: u8,
    /// }
    ///
    /// assert_eq!(Config::load(&Vars::new()).unwrap().entries()[0].var(), "APP_WORKERS");
    /// ```
    pub fn var(&self) -> &str {
        &self.var
    }

    /// The field that reads it, `parent.child` for nested fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, Vars};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     #[env(default = 3)]
    ///     workers: u8,
    /// }
    ///
    /// assert_eq!(Config::load(&Vars::new()).unwrap().entries()[0].field(), "workers");
    /// ```
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The value as a report shows it: quoted and escaped, URL passwords
    /// masked, cut when long; `None` for a secret and for an unset
    /// variable.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, SecretString, Vars};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     url: String,
    ///     token: SecretString,
    /// }
    ///
    /// let vars = Vars::new().with("URL", "redis://:pw@cache").with("TOKEN", "t");
    /// let loaded = Config::load(&vars).unwrap();
    /// assert_eq!(loaded.entries()[0].value(), Some("\"redis://:***@cache\""));
    /// assert_eq!(loaded.entries()[1].value(), None);
    /// ```
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// Whether the value is secret (never shown).
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, SecretString, Vars};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     token: SecretString,
    /// }
    ///
    /// assert!(Config::load(&Vars::new().with("TOKEN", "t")).unwrap().entries()[0].is_secret());
    /// ```
    pub fn is_secret(&self) -> bool {
        self.secret
    }

    /// Where the value came from.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, Origin, Vars};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     port: u16,
    /// }
    ///
    /// let loaded = Config::load(&Vars::new().with("PORT", "80")).unwrap();
    /// assert_eq!(loaded.entries()[0].origin(), &Origin::Env);
    /// ```
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    fn shown_value(&self) -> &str {
        match (&self.value, self.secret) {
            (_, true) if self.origin != Origin::Unset => "(secret)",
            (Some(value), _) => value,
            (None, _) if self.origin == Origin::Unset => "(unset)",
            (None, _) => "(set in code)",
        }
    }
}

/// Where a value of the effective configuration came from.
///
/// # Examples
///
/// ```
/// use twelve_config::Origin;
///
/// assert_eq!(Origin::Alias("DB_URL".into()).to_string(), "alias DB_URL");
/// assert_eq!(Origin::File("/run/secrets/token".into()).to_string(), "file /run/secrets/token");
/// // A control, bidirectional or zero-width character is shown as an escape.
/// assert_eq!(Origin::Source("conf\u{202e}vne.:3".into()).to_string(), "conf\\u{202e}vne.:3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Origin {
    /// The variable itself, from the source the config loaded from.
    Env,
    /// The variable itself, where its source says it stands
    /// ([`Source::origin`](crate::Source::origin)): `.env:12`.
    Source(String),
    /// The file its `NAME_FILE` variable names (the path as a report
    /// shows it).
    File(String),
    /// An alias or deprecated name, named here.
    Alias(String),
    /// The field's default.
    Default,
    /// Unset: an optional field is `None`.
    Unset,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Env => f.write_str("env"),
            // A source names its place itself (a `.env` path, a custom
            // source's text): escaped, as every line of the report is.
            Self::Source(place) => f.write_str(&escape_text(place)),
            Self::File(path) => write!(f, "file {}", escape_text(path)),
            Self::Alias(name) => write!(f, "alias {}", escape_text(name)),
            Self::Default => f.write_str("default"),
            Self::Unset => f.write_str("unset"),
        }
    }
}

/// Something loading noticed that is not a problem: the config loaded.
///
/// # Examples
///
/// ```
/// use twelve_config::Warning;
///
/// let warning = Warning::Deprecated { var: "DB_URL".into(), replacement: "APP_DATABASE_URL".into() };
/// assert_eq!(warning.to_string(), "DB_URL is deprecated: rename it to APP_DATABASE_URL");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// A deprecated name (`#[env(deprecated = "OLD")]`) supplied the value.
    Deprecated {
        /// The deprecated variable that is set.
        var: String,
        /// The variable to set instead.
        replacement: String,
    },
    /// Two or more service bindings have the type whose usual variable
    /// (`DATABASE_URL`) a single binding would give: none gives it.
    AmbiguousBinding {
        /// The usual variable, not set.
        var: String,
        /// The bindings of that type.
        bindings: Vec<String>,
    },
    /// An alias or deprecated name is set beside the field's own variable,
    /// to another value: the own variable wins, and the other is ignored.
    Shadowed {
        /// The field's own variable, whose value is used.
        var: String,
        /// The alias or deprecated name, whose value is ignored.
        alias: String,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Deprecated { var, replacement } => {
                write!(f, "{} is deprecated: rename it to {}", escape_text(var), escape_text(replacement))
            }
            Self::AmbiguousBinding { var, bindings } => write!(
                f,
                "{} is not set from the service bindings: {} all have its type; read each binding's own _URL",
                escape_text(var),
                escape_text(&bindings.join(", "))
            ),
            Self::Shadowed { var, alias } => write!(
                f,
                "{} and {} are both set, to different values: {} is used; unset {}",
                escape_text(var),
                escape_text(alias),
                escape_text(var),
                escape_text(alias)
            ),
        }
    }
}
