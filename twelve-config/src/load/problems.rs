//! The problems a `Loader` records: invalid, missing, rules, optional groups.

use std::fmt::Write as _;

use secrecy::zeroize::Zeroize;

use crate::disclosure::Disclosure;
use crate::loaded::{Entry, Origin};
use crate::report::internal_reason;
use crate::{EnvConfig, Problem, Var};

use super::field::{Field, Scope, Unset};
use super::loader::Loader;
use super::rules::{RuleFailure, failure_source};
use super::unknown::is_service_link;

impl<'a> Loader<'a> {
    pub(crate) fn not_unicode(&mut self, field: &Field, var: String, bytes: &[u8]) {
        let disclosure = self.disclosure(field);
        let value = disclosure.bytes(bytes);
        self.problems.push(Problem::NotUnicode { var, field: field.field_path(), type_name: field.type_name(), value });
    }

    /// Records why `text` is not a valid value of the field.
    pub(crate) fn invalid(&mut self, field: &Field, text: &str, from_default: bool, mut given: String) {
        let disclosure = self.disclosure(field);
        // A parse error may quote its input: a secret's is replaced, and
        // wiped; another's shows no more of it than the value is shown.
        let mut reason =
            disclosure.reason(&given, text).unwrap_or_else(|| format!("not a valid {}", field.info.type_name));
        given.zeroize();
        if text.trim() != text {
            reason.push_str(" (the value has leading or trailing whitespace)");
        }
        if !disclosure.is_secret() && is_service_link(text) {
            let _ = write!(
                reason,
                " (a service link: Kubernetes sets {}=tcp://<address>:<port> in every pod of the namespace for a \
                 Service named like its start; set enableServiceLinks: false in the pod spec, or choose another prefix)",
                field.var
            );
        }
        if self.from_file {
            reason.push_str(" (read from the file it names)");
        } else if let Some(place) = self.source.origin(&field.var) {
            let _ = write!(reason, " (from {place})");
        }
        self.push_invalid(field, disclosure, reason, text, from_default);
    }

    /// An `Invalid` problem of `field`, whose value `text` is shown as
    /// `disclosure` allows.
    fn push_invalid(&mut self, field: &Field, disclosure: Disclosure, reason: String, text: &str, from_default: bool) {
        self.problems.push(Problem::Invalid {
            var: self.invalid_var(field),
            field: field.field_path(),
            type_name: field.type_name(),
            reason,
            value: disclosure.value(text),
            from_default,
        });
    }

    /// A value that parsed as a field but not as what the group assembles
    /// from it (a handle from its parts): an `Invalid` problem.
    pub(crate) fn assembled_invalid(
        &mut self,
        var: String,
        field: String,
        type_name: &str,
        reason: &str,
        value: Option<&str>,
    ) {
        self.problems.push(Problem::Invalid {
            var,
            field,
            type_name: type_name.to_owned(),
            reason: internal_reason(reason),
            value: value.and_then(|value| Disclosure::Masked.value(value)),
            from_default: false,
        });
    }

    /// A rule of a group the crate defines (a handle from its parts)
    /// failed: `message`, about `vars`.
    pub(crate) fn group_rule_failed(&mut self, vars: Vec<String>, config: String, message: &str) {
        self.problems.push(Problem::Rule { vars, config, message: internal_reason(message) });
    }

    /// The problems recorded since `mark`.
    pub(crate) fn problems_since(&mut self, mark: usize) -> &mut [Problem] {
        let mark = mark.min(self.problems.len());
        &mut self.problems[mark..]
    }

    /// A variable's text as the source holds it, when it is Unicode.
    pub(crate) fn source_text(&self, name: &str) -> Option<String> {
        let value = self.source.get(name)?;
        let text = value.to_str().map(str::to_owned);
        crate::snapshot::wipe_cow(value);
        text
    }

    /// The variable an invalid value is reported against: `NAME_FILE`
    /// when the value came from the file it names (`NAME` is unset).
    pub(crate) fn invalid_var(&self, field: &Field) -> String {
        if self.from_file { field.file_var() } else { field.var.clone().into_owned() }
    }

    /// A field rule failed on the value `text` held.
    pub(crate) fn rule_broken(&mut self, field: &Field, text: &str, failure: RuleFailure) {
        let disclosure = self.disclosure(field);
        let RuleFailure { mut message, from_user } = failure;
        // A validator's message may quote the value: a secret's is not shown.
        let reason = match disclosure.reason(&message, text) {
            None if from_user => format!("rejected by {}", failure_source(&message)),
            None => crate::report::clipped_reason(&message),
            Some(reason) => reason,
        };
        message.zeroize();
        self.push_invalid(field, disclosure, reason, text, false);
    }

    /// A rule over a whole struct failed: `rule` (the function's path)
    /// gave `message`, naming `fields` (as the struct's fields; their
    /// variables are found in `vars`). The message is not shown when the
    /// rule concerns a secret field, or names no field in a struct that has
    /// one: it may quote the secret.
    pub fn rule_failed(
        &mut self,
        scope: &Scope<'_>,
        config: &'static str,
        rule: &'static str,
        failure: (String, Vec<String>),
        vars: &[Var],
    ) {
        self.rule_failed_with(scope, config, rule, failure, vars, false);
    }

    /// [`rule_failed`](Self::rule_failed), the message shown whatever the
    /// rule concerns when `trusted` (the crate's own assemblers, whose
    /// messages quote no value).
    pub(crate) fn rule_failed_with(
        &mut self,
        scope: &Scope<'_>,
        config: &str,
        rule: &str,
        failure: (String, Vec<String>),
        vars: &[Var],
        trusted: bool,
    ) {
        let (mut message, fields) = failure;
        let named: Vec<&Var> = fields
            .iter()
            .filter_map(|name| {
                let path = scope.field_path_of(name);
                vars.iter().find(|var| var.field == path)
            })
            .collect();
        let shown = if trusted {
            internal_reason(&message)
        } else if named.iter().any(|var| var.secret) {
            format!("{rule} failed (its message is not shown: the rule concerns a secret)")
        } else if fields.is_empty() && vars.iter().any(|var| var.secret) {
            format!(
                "{rule} failed (its message is not shown, as it may concern a secret: name the fields it \
                 concerns with RuleError::fields to have it shown)"
            )
        } else {
            internal_reason(&message)
        };
        message.zeroize();
        let mut vars = Vec::with_capacity(named.len());
        for var in named {
            vars.push(var.name.clone());
        }
        let config = if scope.path().is_empty() { config.to_owned() } else { scope.path().to_owned() };
        self.problems.push(Problem::Rule { vars, config, message: shown });
    }

    /// The variables of an optional group (the nested struct `C` under
    /// `scope`) that are set: none means the group is `None`.
    pub fn group_vars_set<C: EnvConfig>(&self, scope: &Scope<'_>) -> Vec<String> {
        let mut vars = Vec::new();
        C::__vars(scope, &mut vars);
        let is_set = |name: &str| {
            self.source.get(name).is_some_and(|value| {
                let set = !value.is_empty();
                crate::snapshot::wipe_cow(value);
                set
            })
        };
        let mut set = Vec::new();
        for var in &vars {
            let file = var.file.then(|| format!("{}_FILE", var.name));
            let names =
                std::iter::once(var.name.as_str()).chain(file.as_deref()).chain(var.aliases.iter().map(String::as_str));
            set.extend(names.filter(|name| is_set(name)).map(str::to_owned));
        }
        set
    }

    /// An optional group is `None`: its variables are unset.
    pub fn group_unset<C: EnvConfig>(&mut self, scope: &Scope<'_>) {
        if let Some(entries) = &mut self.entries {
            let mut vars = Vec::new();
            C::__vars(scope, &mut vars);
            for var in vars {
                entries.push(Entry {
                    var: var.name,
                    field: var.field,
                    value: None,
                    secret: var.secret,
                    origin: Origin::Unset,
                    #[cfg(feature = "fingerprint")]
                    print: crate::fingerprint::Print::default(),
                });
            }
        }
    }

    /// How many problems are recorded so far.
    pub fn problem_count(&self) -> usize {
        self.problems.len()
    }

    /// An optional group is partly set: each variable found missing since
    /// `mark` says the group is optional and which of its variables are set.
    pub fn note_optional_group(&mut self, mark: usize, group: &'static str, set: Vec<String>) {
        for problem in self.problems.iter_mut().skip(mark) {
            if let Problem::Missing { optional_group, .. } = problem {
                *optional_group = Some((group.to_owned(), set.clone()));
            }
        }
    }

    /// Records a required variable that is unset.
    pub fn missing<T>(&mut self, field: &Field, unset: Unset) -> Option<T> {
        self.missing_problem(field, unset);
        None
    }

    /// [`missing`](Self::missing) without its type: compiled once.
    pub(crate) fn missing_problem(&mut self, field: &Field, unset: Unset) {
        self.problems.push(Problem::Missing {
            var: field.var.clone().into_owned(),
            field: field.field_path(),
            type_name: field.type_name(),
            description: field.info.description.map(str::to_owned),
            empty: unset.empty,
            file_var: field.reads_file.then(|| field.file_var()),
            similar: None,
            optional_group: None,
            hint: unset.empty_file.then(|| format!("the file {} names is empty", field.file_var())),
        });
    }
}
