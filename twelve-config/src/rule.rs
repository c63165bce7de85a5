//! [`RuleError`]: the failure of a rule, naming the fields it concerns.

/// A rule's failure that names the fields it concerns, so the report line
/// points at their variables.
///
/// Any error that is `Display` works as the error of a `validate`
/// function; a `RuleError` also says which fields the rule is about.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, Problem, RuleError};
///
/// #[derive(EnvConfig, Debug)]
/// #[env(prefix = "APP_", validate = cert_and_key_together)]
/// struct Config {
///     tls_cert_path: Option<String>,
///     tls_key_path: Option<String>,
/// }
///
/// fn cert_and_key_together(config: &Config) -> Result<(), RuleError> {
///     if config.tls_cert_path.is_some() != config.tls_key_path.is_some() {
///         let error = RuleError::new("a TLS certificate and key go together");
///         return Err(error.fields(["tls_cert_path", "tls_key_path"]));
///     }
///     Ok(())
/// }
///
/// let error = Config::from_vars([("APP_TLS_CERT_PATH", "/etc/cert.pem")]).unwrap_err();
/// assert!(matches!(
///     &error.problems()[0],
///     Problem::Rule { vars, .. } if vars == &["APP_TLS_CERT_PATH", "APP_TLS_KEY_PATH"]
/// ));
/// ```
/// Its `Display` is the message, any control, bidirectional or
/// zero-width character in it (a value a rule quotes) written as an
/// escape, as in the report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::report::escape_text(.message))]
pub struct RuleError {
    message: String,
    fields: Vec<String>,
}

impl RuleError {
    /// A failure with this message, naming no field.
    ///
    /// # Examples
    ///
    /// ```
    /// let error = twelve_config::RuleError::new("workers must not exceed connections");
    /// assert_eq!(error.to_string(), "workers must not exceed connections");
    /// // A character that would rewrite a log line is shown as an escape.
    /// let error = twelve_config::RuleError::new("bad name: a\u{202e}b");
    /// assert_eq!(error.to_string(), "bad name: a\\u{202e}b");
    /// ```
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), fields: Vec::new() }
    }

    /// Names the fields the rule concerns, as written in the struct
    /// (`tls_cert`; `smtp.host` for a nested one): the report names their
    /// variables.
    ///
    /// # Examples
    ///
    /// ```
    /// let error = twelve_config::RuleError::new("x").fields(["a", "b"]);
    /// assert_eq!(error.field_names(), ["a", "b"]);
    /// ```
    #[must_use]
    pub fn fields<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.fields.extend(fields.into_iter().map(Into::into));
        self
    }

    /// The fields named.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(twelve_config::RuleError::new("x").field_names().is_empty());
    /// ```
    pub fn field_names(&self) -> &[String] {
        &self.fields
    }
}
