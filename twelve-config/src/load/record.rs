//! The effective configuration a `Loader` records as fields load.

#[cfg(feature = "fingerprint")]
use secrecy::zeroize::Zeroize;

use crate::disclosure::Disclosure;
use crate::loaded::{Entry, Loaded, Origin};
use crate::{EnvConfig, Error};

use super::field::Field;
use super::loader::Loader;

impl<'a> Loader<'a> {
    /// Records the effective configuration as fields load.
    pub(crate) fn recording(mut self) -> Self {
        self.entries = Some(Vec::new());
        self
    }

    /// How much of `field`'s value may be shown: as the field decides, or
    /// nothing when the source holds the value as a secret.
    pub(crate) fn disclosure(&self, field: &Field) -> Disclosure {
        field.disclosure.provided(self.source.__provides_secret(&field.var))
    }

    /// Records one variable of the effective configuration: `text` is its
    /// value, `None` when unset.
    pub(crate) fn entry(&mut self, field: &Field, text: Option<&str>, origin: Origin) {
        let disclosure = self.disclosure(field);
        if let Some(entries) = &mut self.entries {
            entries.push(Entry {
                var: field.var.clone().into_owned(),
                field: field.field_path(),
                value: text.and_then(|text| disclosure.value(text)),
                secret: disclosure.is_secret(),
                origin,
                #[cfg(feature = "fingerprint")]
                print: text.map(|text| crate::fingerprint::Print::of(text, disclosure)).unwrap_or_default(),
            });
        }
    }

    /// Records that a field's variable is unset: it takes its default
    /// (whose text is known), or is `None`.
    pub fn unset(&mut self, field: &Field) {
        if self.entries.is_some() {
            let origin = if field.info.default.is_some() { Origin::Default } else { Origin::Unset };
            self.entry(field, field.info.default, origin);
        }
    }

    /// Gives the fingerprint the canonical text of the field's value just
    /// recorded, written by `text` (the choice of `__private::Shown`;
    /// `None`: the type has none, the text as given counts). The text
    /// shown stays as given.
    #[cfg_attr(not(feature = "fingerprint"), allow(unused_variables))]
    pub fn canonical<T>(&mut self, field: &Field, value: Option<&T>, text: fn(&T) -> Option<String>) {
        #[cfg(feature = "fingerprint")]
        if self.entries.is_some()
            && let Some(value) = value
        {
            self.canonical_text(field, text(value));
        }
    }

    #[cfg(feature = "fingerprint")]
    fn canonical_text(&mut self, field: &Field, mut text: Option<String>) {
        let disclosure = self.disclosure(field);
        if let (Some(entries), Some(canonical)) = (&mut self.entries, &text)
            && let Some(entry) = entries.last_mut()
            && entry.var == field.var
            && entry.origin != Origin::Unset
        {
            entry.print = crate::fingerprint::Print::of(canonical, disclosure);
        }
        if let Some(text) = &mut text {
            text.zeroize();
        }
    }

    /// Whether the effective configuration is being recorded: a default
    /// set in code is then written out as text.
    #[inline]
    pub fn is_recording(&self) -> bool {
        self.entries.is_some()
    }

    /// Records that a field took its default set in code, `text` being the
    /// text that loads it back, if there is one.
    pub fn defaulted(&mut self, field: &Field, text: Option<&str>) {
        self.entry(field, text, Origin::Default);
    }

    /// The config with what loading learned, or every problem found.
    pub(crate) fn finish_loaded<C: EnvConfig>(mut self, config: Option<C>) -> Result<Loaded<C>, Error> {
        let mut warnings = self.source.__warnings();
        warnings.append(&mut self.warnings);
        let entries = self.entries.take().unwrap_or_default();
        self.finish(config).map(|config| Loaded::new(config, warnings, entries))
    }
}
