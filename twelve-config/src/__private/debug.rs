//! The secret `Debug` guard: a secret field of a type whose `Debug` shows its value does not compile, and `#[env(debug)]` shows each field as the disclosure rule allows.

use secrecy::zeroize::Zeroize;

/// Whether a field may be secret: `SecretCheck<true>` takes only a
/// [`SafeDebug`](crate::SafeDebug) type. The derive writes
/// `debug_allowed::<Type, SecretCheck<true>>` for each field of a struct
/// without `#[env(debug)]` that it finds secret (by the attribute or the
/// name rule, decided as it expands), and nothing for the others.
pub struct SecretCheck<const SECRET: bool>;

#[diagnostic::on_unimplemented(
    message = "`{T}` prints its value in `Debug`, and this field is secret",
    label = "a secret field of a type whose `Debug` shows its value",
    note = "use `SecretString` or `SecretBox<T>` for the field, or put `#[env(debug)]` on the struct in place of `#[derive(Debug)]` (it shows `[REDACTED]`), or write `#[env(secret = false)]` on the field if its name only looks like a credential"
)]
pub trait DebugAllowed<T: ?Sized> {}

impl<T: ?Sized + crate::SafeDebug> DebugAllowed<T> for SecretCheck<true> {}

/// Compiles only when a field of type `T` may be shown by `Debug`.
pub const fn debug_allowed<T: ?Sized, C: DebugAllowed<T>>() {}

/// Shows a field that is not secret in the derived `#[env(debug)]` as far
/// as the disclosure rule shows a value: its `Debug` text, masked.
pub struct MaskedDebug<'a, T: ?Sized>(pub &'a T);

impl<T: std::fmt::Debug + ?Sized> std::fmt::Debug for MaskedDebug<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut text = if f.alternate() { format!("{:#?}", self.0) } else { format!("{:?}", self.0) };
        let masked = crate::disclosure::mask(&text);
        text.zeroize();
        f.write_str(&masked.shown)
    }
}

/// Stands in for a secret in a redacting `Debug`.
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[REDACTED]")
    }
}
