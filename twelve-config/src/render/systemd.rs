//! A systemd unit drop-in for a config: plain variables as
//! `Environment=`, secrets as `LoadCredential=`, to go with
//! [`SystemdCredentials`](crate::SystemdCredentials).

use std::fmt::Write as _;

use crate::{EnvConfig, Var};

/// A drop-in for the service's unit (`systemctl edit <unit>`): an
/// `Environment=` line for each plain variable and a `LoadCredential=` line
/// for each secret, so that secrets reach the service as files in
/// `$CREDENTIALS_DIRECTORY` (read with
/// [`SystemdCredentials`](crate::SystemdCredentials)), never through the
/// environment every child inherits.
///
/// A required plain variable is written empty, to fill in (left empty, the
/// service reports it missing); one with a default or optional is written
/// commented out, showing the default; a secret's credential is read from
/// `/etc/credstore/<NAME>`, the directory systemd searches for credentials
/// by default, commented out when it is optional. Values are quoted and
/// escaped as systemd reads them (`%` as `%%`).
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, SecretString, render};
///
/// #[derive(EnvConfig)]
/// #[env(prefix = "APP_")]
/// struct Config {
///     /// Port the HTTP server binds.
///     #[env(default = 8080)]
///     port: u16,
///     #[env(name = "DATABASE_URL")]
///     database: String,
///     api_token: SecretString,
/// }
///
/// let unit = render::systemd::<Config>();
/// assert!(unit.starts_with("[Service]\n"));
/// assert!(unit.contains("\n#Environment=\"APP_PORT=8080\"\n"));
/// assert!(unit.contains("\nEnvironment=\"DATABASE_URL=\"\n"));
/// assert!(unit.contains("\nLoadCredential=APP_API_TOKEN:/etc/credstore/APP_API_TOKEN\n"));
/// ```
pub fn systemd<T: EnvConfig>() -> String {
    let mut out = String::from("[Service]\n");
    for var in T::vars() {
        out.push('\n');
        if let Some(description) = &var.description {
            let _ = writeln!(out, "# {}", comment(description));
        }
        let _ = writeln!(out, "# {}", comment(&summary(&var)));
        let off = if var.required { "" } else { "#" };
        if var.secret {
            let _ = writeln!(out, "{off}LoadCredential={0}:/etc/credstore/{0}", var.name);
        } else {
            let value = var.default.as_deref().unwrap_or("");
            let _ = writeln!(out, "{off}Environment={}", quoted(&format!("{}={value}", var.name)));
        }
    }
    out
}

/// `String, required`, `u16, optional`, with `secret` and the choices.
fn summary(var: &Var) -> String {
    let mut parts = vec![var.type_name.clone(), if var.required { "required" } else { "optional" }.to_owned()];
    if var.secret {
        parts.push("secret, read as a credential".to_owned());
    }
    if !var.choices.is_empty() {
        parts.push(format!("one of {}", var.choices.join(", ")));
    }
    parts.join(", ")
}

/// Text on one comment line.
fn comment(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A value as systemd reads one `Environment=` assignment: double-quoted,
/// `"` and `\` escaped, control characters as `\xNN`, and `%` doubled (it
/// starts a specifier).
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '%' => out.push_str("%%"),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_as_systemd_reads_them() {
        assert_eq!(quoted("A=b c"), "\"A=b c\"");
        assert_eq!(quoted("A=50%\"\\"), "\"A=50%%\\\"\\\\\"");
        assert_eq!(quoted("A=\n"), "\"A=\\x0a\"");
    }
}
