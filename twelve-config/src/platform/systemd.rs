//! systemd credentials: `LoadCredential=` and `SetCredential=` place each
//! secret as a read-only file in `$CREDENTIALS_DIRECTORY`, never in the
//! environment, so no child process inherits it.

use std::path::{Path, PathBuf};

use super::{PlatformError, Provided, entries, read_mounted};

/// The credentials systemd passes a service, as a [`Source`](crate::Source): each file
/// of the credentials directory is the variable of its name
/// (`LoadCredential=DATABASE_PASSWORD:/etc/creds/db` gives
/// `DATABASE_PASSWORD`), reported with the origin `credential <ID>`.
///
/// The usual use layers it under the environment:
/// `Config::load(&Env.or(SystemdCredentials::from_env()?))`. A secret
/// passed so is read once and never sits in the environment, where every
/// child process would inherit it. [`render::systemd`](crate::render) is
/// not needed to use it: a unit's `LoadCredential=` lines name the files.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, SecretString, Source, SystemdCredentials, Vars};
/// # let dir = std::env::temp_dir().join(format!("twelve-config-credentials-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// # std::fs::write(dir.join("DATABASE_PASSWORD"), "hunter2\n").unwrap();
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     database_password: SecretString,
/// }
///
/// let credentials = SystemdCredentials::from_dir(&dir)?;
/// let loaded = Config::load(&Vars::new().or(credentials))?;
/// assert!(loaded.to_string().contains("credential DATABASE_PASSWORD"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct SystemdCredentials {
    dir: PathBuf,
    vars: Provided,
}

impl SystemdCredentials {
    /// The credentials in `$CREDENTIALS_DIRECTORY`; an empty source when it
    /// is unset (the service was not started with credentials).
    ///
    /// # Errors
    ///
    /// As [`from_dir`](Self::from_dir).
    ///
    /// # Examples
    ///
    /// ```
    /// let credentials = twelve_config::SystemdCredentials::from_env().unwrap();
    /// # let _ = credentials;
    /// ```
    pub fn from_env() -> Result<Self, PlatformError> {
        match std::env::var_os("CREDENTIALS_DIRECTORY") {
            Some(dir) if !dir.is_empty() => Self::from_dir(dir),
            _ => Ok(Self { dir: PathBuf::new(), vars: Provided::default() }),
        }
    }

    /// The credentials in `dir`; an empty source when it does not exist.
    ///
    /// # Errors
    ///
    /// Every entry that cannot be a credential, in one [`PlatformError`]: a
    /// name that is not a variable name, a directory, a FIFO or a device,
    /// a file over 1 MiB, a symlink that leads outside `dir`.
    ///
    /// # Examples
    ///
    /// ```
    /// let none = twelve_config::SystemdCredentials::from_dir("/no/such/dir").unwrap();
    /// assert_eq!(twelve_config::Source::names(&none).count(), 0);
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self, PlatformError> {
        let dir = dir.as_ref();
        let error = |problems| PlatformError { what: "systemd credentials", root: dir.to_owned(), problems };
        let list = match entries(dir) {
            Ok(Some(list)) => list,
            Ok(None) => return Ok(Self { dir: dir.to_owned(), vars: Provided::default() }),
            Err(why) => return Err(error(vec![(".".to_owned(), why)])),
        };
        let root = dir.canonicalize().map_err(|why| error(vec![(".".to_owned(), why.to_string())]))?;
        let mut vars = Provided::default();
        let mut problems = Vec::new();
        for (name, path) in list {
            if !twelve_config_names::is_portable_name(&name) {
                problems
                    .push((name, "a credential's name is the variable it gives: letters, digits and `_`".to_owned()));
                continue;
            }
            match read_mounted(&root, &path) {
                Ok(value) => vars.insert(name.clone(), value, format!("credential {name}")),
                Err(why) => problems.push((name, why)),
            }
        }
        if problems.is_empty() { Ok(Self { dir: dir.to_owned(), vars }) } else { Err(error(problems)) }
    }

    /// The directory read (empty when `$CREDENTIALS_DIRECTORY` was unset).
    ///
    /// # Examples
    ///
    /// ```
    /// let none = twelve_config::SystemdCredentials::from_dir("/no/such/dir").unwrap();
    /// assert_eq!(none.dir(), std::path::Path::new("/no/such/dir"));
    /// ```
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

super::provided_source!(SystemdCredentials);
