//! The [`EnvConfig`] trait: loading a config from a [`Source`].

use std::ffi::OsString;
use std::io::Write as _;

use crate::__private::{Loader, Name, Scope};
use crate::{Env, Error, Loaded, Source, Var, Vars};

/// The exit status of [`EnvConfig::from_env_or_exit`] on bad configuration:
/// `EX_CONFIG` from BSD's `sysexits.h`.
pub const EXIT_CONFIG: i32 = 78;

/// A configuration loaded from environment variables.
///
/// Derive it with `#[derive(EnvConfig)]` (see the [crate docs](crate) for
/// every attribute); the hidden methods are the derive's and are not a
/// stable API.
///
/// Loading reads each variable once, never writes the environment, never
/// panics on any input, and reports every problem at once.
///
/// # Examples
///
/// ```
/// use twelve_config::EnvConfig;
///
/// #[derive(EnvConfig, Debug)]
/// #[env(prefix = "APP_")]
/// struct Config {
///     #[env(default = 8080)]
///     port: u16,
///     database_url: String,
/// }
///
/// let config = Config::from_vars([("APP_DATABASE_URL", "postgres://db/app")]).unwrap();
/// assert_eq!(config.port, 8080);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not derive `EnvConfig`",
    label = "`#[env(nested)]` needs a type that derives `EnvConfig`",
    note = "add `#[derive(twelve_config::EnvConfig)]` to `{Self}`, or drop `nested` and read it from one variable"
)]
pub trait EnvConfig: Sized {
    /// Loads the config from the process environment.
    ///
    /// # Errors
    ///
    /// Every missing or invalid variable, in one [`Error`].
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// #[env(prefix = "SURELY_UNSET_")]
    /// struct Config {
    ///     #[env(default = 3)]
    ///     workers: u8,
    /// }
    ///
    /// assert_eq!(Config::from_env().unwrap().workers, 3);
    /// ```
    fn from_env() -> Result<Self, Error> {
        Self::from_source(&Env)
    }

    /// Loads the config from the given name-value pairs; never reads the
    /// process environment. A later pair wins over an earlier one of the
    /// same name.
    ///
    /// # Errors
    ///
    /// Every missing or invalid variable, in one [`Error`].
    ///
    /// # Examples
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     port: u16,
    /// }
    ///
    /// assert_eq!(Config::from_vars([("PORT", "80")]).unwrap().port, 80);
    ///
    /// let map = HashMap::from([("PORT".to_string(), "81".to_string())]);
    /// assert_eq!(Config::from_vars(map).unwrap().port, 81);
    ///
    /// // A `Vars`, and values that are `OsString`s, too.
    /// let vars = twelve_config::Vars::new().with("PORT", "82");
    /// assert_eq!(Config::from_vars(vars).unwrap().port, 82);
    /// ```
    fn from_vars<I, K, V>(vars: I) -> Result<Self, Error>
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<OsString>,
    {
        let vars: Vars = vars.into_iter().collect();
        Self::from_source(&vars)
    }

    /// Loads the config from any [`Source`].
    ///
    /// # Errors
    ///
    /// Every missing or invalid variable, in one [`Error`].
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{EnvConfig, Vars};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     port: u16,
    /// }
    ///
    /// let vars = Vars::new().with("PORT", "80");
    /// assert_eq!(Config::from_source(&vars).unwrap().port, 80);
    /// ```
    fn from_source<S: Source + ?Sized>(source: &S) -> Result<Self, Error> {
        let mut loader = Loader::new(&source, Self::__names());
        let config = Self::__load(&mut loader, &Scope::ROOT);
        loader.finish::<Self>(config)
    }

    /// Loads the config from any [`Source`], with what loading learned:
    /// the warnings (a deprecated variable in use) and the effective
    /// configuration, which `Display` of [`Loaded`] prints, one line per
    /// variable with its value (masked; secrets never) and origin.
    ///
    /// # Errors
    ///
    /// Every missing or invalid variable and every broken rule, in one
    /// [`Error`].
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::{Env, EnvConfig};
    ///
    /// #[derive(EnvConfig, Debug)]
    /// #[env(prefix = "SURELY_UNSET_")]
    /// struct Config {
    ///     #[env(default = 3)]
    ///     workers: u8,
    /// }
    ///
    /// let loaded = Config::load(&Env).unwrap();
    /// for warning in loaded.warnings() {
    ///     eprintln!("warning: {warning}");
    /// }
    /// println!("effective configuration:\n{loaded}");
    /// let config = loaded.into_inner();
    /// assert_eq!(config.workers, 3);
    /// ```
    fn load<S: Source + ?Sized>(source: &S) -> Result<Loaded<Self>, Error> {
        let mut loader = Loader::new(&source, Self::__names()).recording();
        let config = Self::__load(&mut loader, &Scope::ROOT);
        loader.finish_loaded::<Self>(config)
    }

    /// Loads the config from the process environment, or prints the report
    /// to standard error and exits with status 78 (`EX_CONFIG`).
    ///
    /// This is the usual first line of a service's `main`. Warnings (a
    /// deprecated variable in use) go to standard error, and loading goes
    /// on. The status is 78
    /// whatever standard error does: closed, full or a broken pipe, the
    /// write fails quietly and the process still exits 78 (never 101 from
    /// a panic).
    ///
    /// # Examples
    ///
    /// ```no_run
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// #[env(prefix = "APP_")]
    /// struct Config {
    ///     port: u16,
    /// }
    ///
    /// let config = Config::from_env_or_exit();
    /// println!("listening on {}", config.port);
    /// ```
    fn from_env_or_exit() -> Self {
        let mut loader = Loader::new(&Env, Self::__names());
        let config = Self::__load(&mut loader, &Scope::ROOT);
        match loader.finish_loaded::<Self>(config) {
            Ok(loaded) => {
                let mut stderr = std::io::stderr().lock();
                for warning in loaded.warnings() {
                    let _ = writeln!(stderr, "warning: {warning}");
                }
                loaded.into_inner()
            }
            Err(error) => {
                // `eprintln!` panics when standard error is closed or a
                // broken pipe (exit 101): the report is written, or not,
                // and the status is 78 either way.
                let _ = writeln!(std::io::stderr().lock(), "{error}");
                std::process::exit(EXIT_CONFIG)
            }
        }
    }

    /// Answers the release flags, when the program was started with one, and
    /// exits; otherwise returns at once, leaving every argument to the
    /// program. Call it first in `main`, before any argument parser (clap
    /// included: it never sees these flags, as the process has exited).
    ///
    /// | flag | what it prints | exit status |
    /// | --- | --- | --- |
    /// | `--config-check` | loads from the environment, starts nothing: the report to standard error, or `configuration valid` and (feature `fingerprint`) the fingerprint to standard output | 78 ([`EXIT_CONFIG`]) or 0 |
    /// | `--config-help` | the variables, as a Markdown table | 0 |
    /// | `--config-template` | a `.env.example` | 0 |
    /// | `--config-schema` | the JSON Schema of the variables | 0 |
    ///
    /// `--config-check` is for an init container or a pipeline step that
    /// runs the real binary with the deploy's environment: a configuration
    /// mistake fails the release, not the pod.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// #[env(prefix = "APP_")]
    /// struct Config {
    ///     port: u16,
    /// }
    ///
    /// fn main() {
    ///     Config::answer_config_flags(); // exits on --config-check and the others
    ///     // let args = Cli::parse();     // clap, as before
    ///     let config = Config::from_env_or_exit();
    ///     println!("listening on {}", config.port);
    /// }
    /// ```
    fn answer_config_flags() {
        let Some(flag) = std::env::args_os().skip(1).find_map(|arg| {
            ["--config-check", "--config-help", "--config-template", "--config-schema"]
                .into_iter()
                .find(|flag| arg.as_os_str() == *flag)
        }) else {
            return;
        };
        let mut stdout = std::io::stdout().lock();
        let status = match flag {
            "--config-check" => match Self::load(&Env) {
                Ok(loaded) => {
                    let mut stderr = std::io::stderr().lock();
                    for warning in loaded.warnings() {
                        let _ = writeln!(stderr, "warning: {warning}");
                    }
                    let _ = writeln!(stdout, "configuration valid");
                    #[cfg(feature = "fingerprint")]
                    let _ = writeln!(stdout, "fingerprint: {}", loaded.fingerprint());
                    0
                }
                Err(error) => {
                    let _ = writeln!(std::io::stderr().lock(), "{error}");
                    EXIT_CONFIG
                }
            },
            "--config-help" => {
                let _ = write!(stdout, "{}", crate::render::markdown(&Self::vars()));
                0
            }
            "--config-template" => {
                let _ = write!(stdout, "{}", crate::render::env_example(&Self::vars()));
                0
            }
            _ => {
                let _ = write!(stdout, "{}", crate::render::json_schema::<Self>());
                0
            }
        };
        let _ = stdout.flush();
        drop(stdout);
        std::process::exit(status)
    }

    /// Every variable the config reads, nested fields expanded in place, in
    /// declaration order.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig)]
    /// #[env(prefix = "APP_")]
    /// struct Config {
    ///     port: u16,
    ///     #[env(nested)]
    ///     smtp: Smtp,
    /// }
    ///
    /// #[derive(EnvConfig)]
    /// struct Smtp {
    ///     host: String,
    /// }
    ///
    /// let names: Vec<String> = Config::vars().into_iter().map(|var| var.name).collect();
    /// assert_eq!(names, ["APP_PORT", "APP_SMTP_HOST"]);
    /// ```
    fn vars() -> Vec<Var> {
        let mut vars = Vec::new();
        Self::__vars(&Scope::ROOT, &mut vars);
        vars
    }

    /// Removes from a child process's environment every variable this
    /// config reads as a secret: its name, `NAME_FILE` and each alias and
    /// deprecated name. A child inherits its parent's environment, so a
    /// secret read from the environment reaches every program the service
    /// starts (systemd's documentation names this the weakness of
    /// environment secrets); scrubbed, the child gets everything else. The
    /// process's own environment is not touched (`remove_var` races every
    /// thread that reads it).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::process::Command;
    /// use twelve_config::{EnvConfig, SecretString};
    ///
    /// #[derive(EnvConfig)]
    /// #[env(prefix = "APP_")]
    /// struct Config {
    ///     port: u16,
    ///     #[env(alias = "LEGACY_TOKEN")]
    ///     api_token: SecretString,
    /// }
    ///
    /// let mut child = Command::new("sh");
    /// Config::scrub(&mut child);
    /// let removed: Vec<_> = child.get_envs().filter(|(_, value)| value.is_none()).map(|(name, _)| name).collect();
    /// assert_eq!(removed, ["APP_API_TOKEN", "APP_API_TOKEN_FILE", "LEGACY_TOKEN"]);
    /// ```
    fn scrub(command: &mut std::process::Command) {
        for var in Self::vars().into_iter().filter(|var| var.secret) {
            command.env_remove(format!("{}_FILE", var.name));
            command.env_remove(&var.name);
            for alias in &var.aliases {
                command.env_remove(alias);
            }
        }
    }

    /// Loads the fields, recording problems in the loader. Not a stable API.
    #[doc(hidden)]
    fn __load(loader: &mut Loader<'_>, scope: &Scope<'_>) -> Option<Self>;

    /// Lists the variables. Not a stable API.
    #[doc(hidden)]
    fn __vars(scope: &Scope<'_>, out: &mut Vec<Var>);

    /// The variables the struct reads at the root whose names the derive
    /// knows: the loader reads them in one pass where the source can. Not
    /// a stable API.
    #[doc(hidden)]
    fn __names() -> &'static [Name] {
        &[]
    }

    /// The container's prefix. Not a stable API.
    #[doc(hidden)]
    fn __prefix() -> &'static str {
        ""
    }

    /// Whether unknown variables under the prefix are problems. Not a
    /// stable API.
    #[doc(hidden)]
    fn __deny_unknown() -> bool {
        false
    }
}
