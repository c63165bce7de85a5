//! Loading a config: the fields the derive describes, the `Loader` that
//! reads them and records every problem, and the rules it checks. The
//! generated code reaches it through `__private`.
// Public only to the generated code, through the hidden `__private`.
#![allow(missing_docs)]

mod assembled;
mod field;
mod loader;
mod problems;
mod record;
mod rules;
mod unknown;

pub use assembled::{assembled_vars, load_assembled};
pub use field::{Fetched, Field, FieldInfo, Scope, Unset, optional_group};
pub use loader::Loader;
pub use rules::{
    RangeOf, RuleFailure, RuleOutcome, ViaDisplay, ViaRuleError, check_range, check_range_items, check_range_values,
    check_validate,
};
