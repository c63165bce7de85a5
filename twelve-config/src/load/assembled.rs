//! Loading an [`Assembled`] value: its parts, then the value, each failure
//! reported against the variables of the parts it names.

use crate::value::short_type_name;
use crate::{AssembleError, Assembled, EnvConfig, Problem, Var};

use super::field::Scope;
use super::loader::Loader;

/// Loads `T`'s parts under `scope`, then assembles `T`.
pub fn load_assembled<T: Assembled>(loader: &mut Loader<'_>, scope: &Scope<'_>) -> Option<T> {
    let mark = loader.problem_count();
    let parts = <T::Parts as EnvConfig>::__load(loader, scope);
    name_part_types::<T>(loader, scope, mark);
    let parts = parts?;
    let error = match T::assemble(parts) {
        Ok(value) => return Some(value),
        Err(error) => error,
    };
    let mut vars = Vec::new();
    assembled_vars::<T>(scope, &mut vars);
    match error {
        AssembleError::Invalid { field, type_name, reason } => {
            let path = scope.field_path_of(field);
            let Some(var) = vars.iter().find(|var| var.field == path) else {
                // A part the parts do not have: the assembler's mistake, reported as a rule.
                let config = group_name::<T>(scope);
                loader.group_rule_failed(Vec::new(), config, &reason);
                return None;
            };
            // The value as the variable holds it, as far as its field's
            // disclosure shows it (a secret's: nothing).
            let mut text = if var.secret { None } else { loader.source_text(&var.name) };
            loader.assembled_invalid(var.name.clone(), path, &type_name, &reason, text.as_deref());
            if let Some(text) = &mut text {
                secrecy::zeroize::Zeroize::zeroize(text);
            }
        }
        AssembleError::Rule(error) => {
            let failure = (error.to_string(), error.field_names().to_vec());
            // `rule_failed_with` labels a nested group by its field itself.
            let name = short_type_name::<T>();
            loader.rule_failed_with(
                scope,
                &name,
                &name,
                failure,
                &vars,
                T::__trusted_messages(crate::assembled::sealed::Crate),
            );
        }
    }
    None
}

/// `T`'s variables: its parts', each part named by its reported type.
pub fn assembled_vars<T: Assembled>(scope: &Scope<'_>, out: &mut Vec<Var>) {
    let start = out.len();
    <T::Parts as EnvConfig>::__vars(scope, out);
    for var in &mut out[start..] {
        if let Some(type_name) = part(scope, &var.field).and_then(T::part_type_name) {
            var.type_name = type_name;
        }
    }
}

/// The part a field path under `scope` names, if it is one of this group's.
fn part<'f>(scope: &Scope<'_>, field: &'f str) -> Option<&'f str> {
    if scope.path().is_empty() { Some(field) } else { field.strip_prefix(scope.path())?.strip_prefix('.') }
}

/// Problems of the parts recorded since `mark` name each part by its
/// reported type ([`Assembled::part_type_name`]).
fn name_part_types<T: Assembled>(loader: &mut Loader<'_>, scope: &Scope<'_>, mark: usize) {
    for problem in loader.problems_since(mark) {
        if let Problem::Missing { field, type_name, .. }
        | Problem::Invalid { field, type_name, .. }
        | Problem::NotUnicode { field, type_name, .. }
        | Problem::Ambiguous { field, type_name, .. }
        | Problem::File { field, type_name, .. }
        | Problem::Conflict { field, type_name, .. } = problem
            && let Some(name) = part(scope, field).and_then(T::part_type_name)
        {
            *type_name = name;
        }
    }
}

/// How a rule's line names the group: its field path when nested, else its type.
fn group_name<T>(scope: &Scope<'_>) -> String {
    if scope.path().is_empty() { short_type_name::<T>() } else { scope.path().to_owned() }
}
