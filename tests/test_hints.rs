//! Near misses a new user makes, each answered in the report.

use twelve_config::{EnvConfig, Problem, SecretString, Vars};

#[derive(EnvConfig, Debug)]
#[env(prefix = "ORDERS_")]
#[allow(dead_code, reason = "loaded for its report")]
struct Config {
    port: u16,
    host: String,
    #[env(name = "DATABASE_URL")]
    database_url: String,
    #[env(file)]
    session_key: SecretString,
}

fn hint(vars: &[(&str, &str)], var: &str) -> Option<String> {
    let error = Config::from_source(&vars.iter().copied().collect::<Vars>()).unwrap_err();
    let report = error.to_string();
    error.problems().iter().find(|p| p.var() == var).and_then(|problem| match problem {
        Problem::Missing { hint, similar, .. } => {
            let shown = hint.clone().or_else(|| similar.clone());
            if let Some(text) = &shown {
                assert!(report.contains(text.as_str()), "the report shows it:\n{report}");
            }
            shown
        }
        _ => None,
    })
}

#[test]
fn the_prefixed_form_of_an_exact_name() {
    let hint = hint(&[("ORDERS_DATABASE_URL", "postgres://db/app")], "DATABASE_URL").unwrap();
    assert!(hint.contains("ORDERS_DATABASE_URL is set") && hint.contains("without the prefix ORDERS_"), "{hint}");
}

#[test]
fn a_name_without_the_prefix() {
    let hint = hint(&[("PORT", "8080")], "ORDERS_PORT").unwrap();
    assert!(hint.contains("PORT is set") && hint.contains("start with ORDERS_"), "{hint}");
}

#[test]
fn a_name_in_the_wrong_case() {
    let hint = hint(&[("orders_port", "8080")], "ORDERS_PORT").unwrap();
    assert!(hint.contains("orders_port is set") && hint.contains("case-sensitive"), "{hint}");
    let hint = hint_of_exact(&[("database_url", "x")]);
    assert!(hint.contains("database_url is set"), "{hint}");
}

fn hint_of_exact(vars: &[(&str, &str)]) -> String {
    hint(vars, "DATABASE_URL").unwrap()
}

#[test]
fn a_file_variable_for_a_field_that_reads_no_files() {
    let hint = hint(&[("ORDERS_HOST_FILE", "/run/secrets/host")], "ORDERS_HOST").unwrap();
    assert!(hint.contains("ORDERS_HOST_FILE is set") && hint.contains("#[env(file)]"), "{hint}");
}

#[test]
fn an_empty_secret_file_is_not_an_empty_variable() {
    let path = std::env::temp_dir().join(format!("twelve-config-hints-{}", std::process::id()));
    std::fs::write(&path, "\n").unwrap();
    let vars = Vars::new().with("ORDERS_SESSION_KEY_FILE", path.to_str().unwrap());
    let error = Config::from_source(&vars).unwrap_err();
    let report = error.to_string();
    let line = report.lines().find(|line| line.contains("ORDERS_SESSION_KEY")).unwrap();
    assert!(!line.contains("set but empty"), "{line}");
    assert!(line.contains("the file ORDERS_SESSION_KEY_FILE names is empty"), "{line}");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_typo_is_still_a_typo() {
    let hint = hint(&[("ORDERS_PROT", "8080")], "ORDERS_PORT").unwrap();
    assert_eq!(hint, "ORDERS_PROT");
}

/// A handle's accessors need no `use` of the `Resource` trait.
mod accessors_without_the_trait {
    #[test]
    fn a_handle_answers_host_and_port_with_no_import() {
        let url: twelve_config::resource::PostgresUrl = "postgres://app@db:6432/billing".parse().unwrap();
        assert_eq!((url.scheme(), url.host(), url.port()), ("postgres", Some("db"), Some(6432)));
        assert_eq!(url.username(), Some("app"));
        let any: twelve_config::resource::DatabaseUrl = "mysql://db/shop".parse().unwrap();
        assert_eq!((any.host(), any.port()), (Some("db"), Some(3306)));
    }
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_", deny_unknown)]
#[allow(dead_code, reason = "loaded for its report")]
struct Strict {
    #[env(name = "DATABASE_URL")]
    database_url: Option<String>,
    port: Option<u16>,
}

#[test]
fn an_unknown_prefixed_form_of_an_exact_name_is_pointed_to_it() {
    let error = Strict::from_vars([("APP_DATABASE_URL", "postgres://db/app")]).unwrap_err();
    let suggestion = error.problems().iter().find_map(|problem| match problem {
        Problem::Unknown { var, suggestion, .. } if var == "APP_DATABASE_URL" => suggestion.clone(),
        _ => None,
    });
    assert_eq!(suggestion.as_deref(), Some("DATABASE_URL"), "{error}");
}

#[test]
fn an_unknown_name_that_is_not_unicode_is_reported() {
    use std::borrow::Cow;
    use std::ffi::{OsStr, OsString};
    use std::os::unix::ffi::OsStringExt;

    /// An environment holding one name that is not UTF-8.
    struct Foreign(OsString);
    impl twelve_config::Source for Foreign {
        fn get(&self, _: &str) -> Option<Cow<'_, OsStr>> {
            None
        }
        fn names(&self) -> Box<dyn Iterator<Item = Cow<'_, OsStr>> + '_> {
            Box::new(std::iter::once(Cow::Borrowed(self.0.as_os_str())))
        }
    }
    let source = Foreign(OsString::from_vec(b"APP_P\xFFRT".to_vec()));
    let error = Strict::from_source(&source).unwrap_err();
    let report = error.to_string();
    assert!(report.contains("unknown") && report.contains("APP_P\\xFFRT"), "{report}");
}
