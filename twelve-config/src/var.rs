//! What a config reads: [`Var`], one per variable, from [`EnvConfig::vars`].
//!
//! [`EnvConfig::vars`]: crate::EnvConfig::vars

/// One variable a config reads, as [`EnvConfig::vars`] lists it.
///
/// It holds no value, and the `default` of a secret field is hidden, so it
/// is safe to render into documentation and templates.
///
/// # Examples
///
/// ```
/// use twelve_config::EnvConfig;
///
/// #[derive(EnvConfig)]
/// #[env(prefix = "APP_")]
/// struct Config {
///     /// Port the HTTP server binds.
///     #[env(default = 8080)]
///     port: u16,
///     api_token: twelve_config::SecretString,
/// }
///
/// let vars = Config::vars();
/// assert_eq!(vars[0].name, "APP_PORT");
/// assert_eq!(vars[0].description.as_deref(), Some("Port the HTTP server binds."));
/// assert_eq!(vars[0].type_name, "u16");
/// assert_eq!(vars[0].default.as_deref(), Some("8080"));
/// assert!(!vars[0].required);
/// assert!(vars[1].required && vars[1].secret);
/// ```
///
/// [`EnvConfig::vars`]: crate::EnvConfig::vars
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Var {
    /// The variable's name.
    pub name: String,
    /// The field's `///` documentation, lines joined by spaces.
    pub description: Option<String>,
    /// The field's type as written (`Option<u16>`).
    pub type_name: String,
    /// Whether loading fails when the variable is unset (no default, not an
    /// `Option`, not in an optional group).
    pub required: bool,
    /// The default as text that, set as the variable, loads the same value
    /// (`1000000` for `default = 1_000_000`, `30s` for
    /// `Duration::from_secs(30)`, `json` for an enum's variant); `None` for
    /// secrets, and for a default set in code that has no such text (see
    /// [`default_in_code`](Self::default_in_code)).
    pub default: Option<String>,
    /// The field has a default set in code that no text loads back
    /// (listings say "set in code").
    pub default_in_code: bool,
    /// The texts accepted, when they are a fixed list (an enum's variants,
    /// from `#[derive(EnvValue)]`); empty otherwise.
    pub choices: Vec<String>,
    /// Whether the value is secret: never shown, never put in a template.
    pub secret: bool,
    /// The field that reads it, `parent.child` for nested fields.
    pub field: String,
    /// Whether `NAME_FILE` may name a file that holds the value.
    pub file: bool,
    /// Other names read when `name` is unset (`#[env(alias = "OLD")]` and
    /// `#[env(deprecated = "OLD")]`), in order.
    pub aliases: Vec<String>,
    /// The aliases that are deprecated: using one is a warning.
    pub deprecated: Vec<String>,
    /// The optional group it belongs to (`#[env(nested)] tls: Option<Tls>`),
    /// by the group's field path (`tls`): the variable is then not
    /// required on its own, as the group is `None` when none of its
    /// variables is set, and templates list it as optional.
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig)]
    /// struct Tls {
    ///     cert_path: String,
    /// }
    ///
    /// #[derive(EnvConfig)]
    /// #[env(prefix = "APP_")]
    /// struct Config {
    ///     #[env(nested)]
    ///     tls: Option<Tls>,
    /// }
    ///
    /// let vars = Config::vars();
    /// assert_eq!(vars[0].name, "APP_TLS_CERT_PATH");
    /// assert_eq!(vars[0].group.as_deref(), Some("tls"));
    /// assert!(!vars[0].required);
    /// ```
    pub group: Option<String>,
}
