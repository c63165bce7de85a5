//! The report of everything wrong with an environment: [`Error`] and
//! [`Problem`].

use std::fmt;

/// Everything wrong with an environment, found in one pass.
///
/// `Display` and `Debug` both print the readable report, one problem a line,
/// in the order the fields are declared, so returning it from `main` shows
/// the whole report. Secret values never appear, and a URL's password is
/// masked.
///
/// # Examples
///
/// ```
/// use twelve_config::{EnvConfig, Problem, SecretString};
///
/// #[derive(EnvConfig, Debug)]
/// #[env(prefix = "APP_")]
/// struct Config {
///     /// Token for the payments API.
///     token: SecretString,
///     port: u16,
///     debug: bool,
/// }
///
/// let error = Config::from_vars([("APP_PORT", "eighty"), ("APP_DEBUG", "flase")]).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "\
/// 3 configuration problems (1 missing, 2 invalid):
///   missing  APP_TOKEN token: SecretString Token for the payments API.
///   invalid  APP_PORT  port: u16           \"eighty\": invalid digit found in string
///   invalid  APP_DEBUG debug: bool         \"flase\": expected true/false, 1/0, yes/no or on/off"
/// );
/// assert!(matches!(error.problems()[0], Problem::Missing { .. }));
/// assert_eq!(error.problems()[1].var(), "APP_PORT");
/// ```
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(.problems))]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        Self { problems }
    }

    /// Every problem, in the order the fields are declared; unknown
    /// variables last.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     host: String,
    ///     port: u16,
    /// }
    ///
    /// let error = Config::from_vars([("PORT", "x")]).unwrap_err();
    /// let vars: Vec<&str> = error.problems().iter().map(|p| p.var()).collect();
    /// assert_eq!(vars, ["HOST", "PORT"]);
    /// ```
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems, by value.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::EnvConfig;
    ///
    /// #[derive(EnvConfig, Debug)]
    /// struct Config {
    ///     host: String,
    /// }
    ///
    /// let problems = Config::from_vars(Vec::<(String, String)>::new()).unwrap_err().into_problems();
    /// assert_eq!(problems.len(), 1);
    /// ```
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

mod problem;
mod table;
mod text;

pub use problem::Problem;
use table::*;
pub(crate) use table::{clip_escaped, clipped_reason, internal_reason, quoted};
pub(crate) use text::{escape_text, is_hazardous_char};

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(var: &str, field: &str, ty: &str, description: Option<&str>, file_var: Option<&str>) -> Problem {
        Problem::Missing {
            var: var.into(),
            field: field.into(),
            type_name: ty.into(),
            description: description.map(str::to_owned),
            empty: false,
            file_var: file_var.map(str::to_owned),
            similar: None,
            optional_group: None,
            hint: None,
        }
    }

    #[test]
    fn report_aligns_columns_and_counts_kinds() {
        let problems = vec![
            missing("BILLING_SMTP_HOST", "smtp.host", "String", Some("Mail relay host.\nMore text."), None),
            missing("BILLING_API_TOKEN", "api_token", "SecretString", None, Some("BILLING_API_TOKEN_FILE")),
            Problem::Invalid {
                var: "BILLING_PORT".into(),
                field: "port".into(),
                type_name: "u16".into(),
                reason: "invalid digit found in string".into(),
                value: Some("\"eighty\"".into()),
                from_default: false,
            },
            Problem::Unknown { var: "BILLING_DATABSE_URL".into(), suggestion: Some("DATABASE_URL".into()) },
        ];
        let expected = "\
4 configuration problems (2 missing, 1 invalid, 1 unknown):
  missing  BILLING_SMTP_HOST   smtp.host: String       Mail relay host.
  missing  BILLING_API_TOKEN   api_token: SecretString (set it, or BILLING_API_TOKEN_FILE)
  invalid  BILLING_PORT        port: u16               \"eighty\": invalid digit found in string
  unknown  BILLING_DATABSE_URL did you mean DATABASE_URL?";
        assert_eq!(render(&problems), expected);
    }

    #[test]
    fn long_and_url_values_go_on_their_own_line() {
        let problem = Problem::Invalid {
            var: "DATABASE_URL".into(),
            field: "database".into(),
            type_name: "String".into(),
            reason: "bad".into(),
            value: crate::disclosure::Disclosure::Masked.value("mysql://admin:hunter2@db/app"),
            from_default: false,
        };
        let report = render(&[problem]);
        assert_eq!(
            report,
            "1 configuration problem (1 invalid):\n  invalid  DATABASE_URL database: String bad\n                                         (value: \"mysql://admin:***@db/app\")"
        );
    }

    #[test]
    fn shown_values_are_escaped_masked_and_clipped() {
        let shown_value = |text: &str| crate::disclosure::Disclosure::Masked.value(text).unwrap();
        assert_eq!(shown_value("a\u{7}b "), "\"a\\u{7}b \"");
        let long = "x".repeat(1_000_000);
        let shown = shown_value(&long);
        assert!(shown.len() < 200, "{}", shown.len());
        assert!(shown.ends_with("…\" (1000000 bytes in all)"), "{shown}");
    }

    #[test]
    fn a_url_cut_by_the_window_never_shows_its_password() {
        let shown_value = |text: &str| crate::disclosure::Disclosure::Masked.value(text).unwrap();
        let long_password = format!("postgres://user:{}@host/db", "p".repeat(5000));
        let shown = shown_value(&long_password);
        assert!(!shown.contains("ppp"), "{shown}");
        assert!(shown.starts_with("\"postgres://user:***@host"), "{shown}");
        let late_url = format!("{} postgres://u:{}@h", "x".repeat(1000), "p".repeat(100));
        assert!(!shown_value(&late_url).contains("ppp"));
    }

    #[test]
    fn problem_display_is_one_line() {
        let problem = Problem::Invalid {
            var: "P".into(),
            field: "p".into(),
            type_name: "u8".into(),
            reason: "too\nlong".into(),
            value: None,
            from_default: true,
        };
        assert_eq!(
            problem.to_string(),
            "invalid P (p: u8): default too long (secret: value not shown) (fix the field's #[env(default)])"
        );
    }
}
