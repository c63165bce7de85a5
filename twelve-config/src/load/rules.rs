//! The field rules the derive writes: `range` and `validate`.

use std::fmt::Display;

/// Why a field rule failed: the message, and whether it is a user
/// function's (which may quote the value) rather than the crate's own.
#[derive(Debug)]
pub struct RuleFailure {
    pub(crate) message: String,
    pub(crate) from_user: bool,
}

/// The name of the function a validator message came from: the message
/// is `path: text`.
pub(crate) fn failure_source(message: &str) -> &str {
    message.split_once(": ").map_or("its validator", |(path, _)| path)
}

/// `range = ...`: whether `value` lies in `range`, written `text`.
pub fn check_range<T, R>(value: &T, range: &R, text: &'static str) -> Result<(), RuleFailure>
where
    R: RangeOf<T>,
{
    if range.holds(value) {
        Ok(())
    } else {
        Err(RuleFailure { message: format!("must be in {text}"), from_user: false })
    }
}

/// A range whose bounds are values of the field's type `T`: named in the
/// rule checks' bounds so that a range of another type gets this message.
#[diagnostic::on_unimplemented(
    message = "`range` holds values of another type than the field's `{T}`",
    label = "bounds of another type",
    note = "write the bounds as values of the field's type (`range = 1..=64` for a `u8`, `range = 0.0..=1.0` for an `f64`); a field whose type has no order, text included, takes `validate = path::to::function` instead"
)]
pub trait RangeOf<T> {
    fn holds(&self, value: &T) -> bool;
}

impl<T: PartialOrd, R: std::ops::RangeBounds<T>> RangeOf<T> for R {
    fn holds(&self, value: &T) -> bool {
        self.contains(value)
    }
}

/// `range = ...` on every item of a list: the first item out of range.
pub fn check_range_items<'a, T, R>(
    items: impl IntoIterator<Item = &'a T>,
    range: &R,
    text: &'static str,
) -> Result<(), RuleFailure>
where
    T: 'a,
    R: RangeOf<T>,
{
    for (index, item) in items.into_iter().enumerate() {
        if !range.holds(item) {
            return Err(RuleFailure { message: format!("item {}: must be in {text}", index + 1), from_user: false });
        }
    }
    Ok(())
}

/// `range = ...` on every value of a map (in no order the user chose, so
/// not numbered).
pub fn check_range_values<'a, T, R>(
    values: impl IntoIterator<Item = &'a T>,
    range: &R,
    text: &'static str,
) -> Result<(), RuleFailure>
where
    T: 'a,
    R: RangeOf<T>,
{
    if values.into_iter().all(|value| range.holds(value)) {
        Ok(())
    } else {
        Err(RuleFailure { message: format!("every value must be in {text}"), from_user: false })
    }
}

/// `validate = path`: the function's verdict, its message prefixed with
/// its name.
pub fn check_validate<T: ?Sized, E: Display>(
    validate: impl Fn(&T) -> Result<(), E>,
    value: &T,
    name: &'static str,
) -> Result<(), RuleFailure> {
    validate(value).map_err(|error| RuleFailure { message: format!("{name}: {error}"), from_user: true })
}

/// What a container rule's error says, and the fields it names: a
/// [`RuleError`](crate::RuleError)'s, or any `Display`'s message. The
/// derive calls `(&&RuleOutcome(&error)).rule()`.
pub struct RuleOutcome<'a, E>(pub &'a E);

pub trait ViaRuleError {
    fn rule(&self) -> (String, Vec<String>);
}

impl ViaRuleError for &RuleOutcome<'_, crate::RuleError> {
    fn rule(&self) -> (String, Vec<String>) {
        (self.0.to_string(), self.0.field_names().to_vec())
    }
}

pub trait ViaDisplay {
    fn rule(&self) -> (String, Vec<String>);
}

impl<E: Display> ViaDisplay for RuleOutcome<'_, E> {
    fn rule(&self) -> (String, Vec<String>) {
        (self.0.to_string(), Vec::new())
    }
}
