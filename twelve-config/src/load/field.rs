//! What the derive knows of a field, and of the struct it is read in.

use std::borrow::Cow;

use crate::__private::Meta;
use crate::Var;
use crate::disclosure::Disclosure;

/// Where a struct's variables live: the root (names known at compile time)
/// or nested under a prefix built at run time.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub(crate) prefix: Option<&'a str>,
    pub(crate) path: &'a str,
    /// A parent's `#[env(file)]`: it covers the nested secret fields too.
    pub(crate) file_secrets: bool,
}

impl<'a> Scope<'a> {
    /// The scope of the struct being loaded.
    pub const ROOT: Scope<'static> = Scope { prefix: None, path: "", file_secrets: false };

    /// The scope of a nested struct: its variables start with `prefix`, its
    /// fields with `path.`; `file_secrets` when this struct or an ancestor
    /// has `#[env(file)]`.
    pub fn nested(prefix: &'a str, path: &'a str, file_secrets: bool) -> Self {
        Self { prefix: Some(prefix), path, file_secrets }
    }

    /// Whether an ancestor has `#[env(file)]`.
    #[inline]
    pub fn file_secrets(&self) -> bool {
        self.file_secrets
    }

    /// A name under the prefix: `full` (prefix included, computed by the
    /// derive) at the root, the scope's prefix plus `suffix` when nested.
    #[inline]
    pub fn name(&self, suffix: &'static str, full: &'static str) -> Cow<'static, str> {
        match self.prefix {
            None => Cow::Borrowed(full),
            Some(prefix) => Cow::Owned(format!("{prefix}{suffix}")),
        }
    }

    /// The path of this scope's struct: `""` at the root.
    #[inline]
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// A field's index in the root's [`EnvConfig::__names`]: nested names
    /// are built at run time and are not in it.
    #[inline]
    pub fn slot(&self, index: usize) -> Option<usize> {
        match self.prefix {
            None => Some(index),
            Some(_) => None,
        }
    }

    /// The field `info` describes, in this scope: its variable, whether it
    /// is secret (decided once, by [`Disclosure::of_field`]), whether it
    /// reads `NAME_FILE`, and where a snapshot holds it.
    #[inline]
    pub fn field_of(&self, info: &'static FieldInfo, meta: Meta) -> Field<'a> {
        let Meta { secret: type_is_secret, choices } = meta;
        let var = if info.exact { Cow::Borrowed(info.root_name) } else { self.name(info.suffix, info.root_name) };
        let disclosure = Disclosure::of_field(info, type_is_secret, self.prefix.filter(|_| !info.exact), &var);
        let secret = disclosure.is_secret();
        Field {
            var,
            path: self.path,
            info,
            disclosure,
            reads_file: info.file || ((info.container_file || self.file_secrets) && secret),
            slot: info.slot.and_then(|index| self.slot(index)),
            file_slot: info.file_slot.and_then(|index| self.slot(index)),
            choices,
        }
    }

    /// The path of a field of this scope's struct.
    #[inline]
    pub fn field(&self, name: &'static str) -> Cow<'static, str> {
        join_path(self.path, name)
    }

    /// The path of a field named at run time (`smtp.host` for `host`).
    pub(crate) fn field_path_of(&self, name: &str) -> String {
        if self.path.is_empty() { name.to_owned() } else { format!("{}.{name}", self.path) }
    }
}

/// `parent.name`, or `name` at the root.
pub(crate) fn join_path(path: &str, name: &'static str) -> Cow<'static, str> {
    if path.is_empty() { Cow::Borrowed(name) } else { Cow::Owned(format!("{path}.{name}")) }
}

/// What the derive knows of a field at compile time: a constant, so a
/// load writes none of it.
#[derive(Debug)]
pub struct FieldInfo {
    /// The field's name.
    pub name: &'static str,
    pub type_name: &'static str,
    pub description: Option<&'static str>,
    /// The text of the default: the string literal, or the expression.
    pub default: Option<&'static str>,
    pub required: bool,
    /// Names read when the field's own is unset, each with whether it is
    /// deprecated.
    pub aliases: &'static [(&'static str, bool)],
    /// The variable's name after the prefix (`PORT`), and in full at the
    /// root (`APP_PORT`, or the exact `name = "..."`).
    pub suffix: &'static str,
    pub root_name: &'static str,
    /// `NAME_FILE` of the root name, written out by the derive so a load
    /// builds no name.
    pub root_file_name: &'static str,
    /// `name = "..."`: the same at the root and nested.
    pub exact: bool,
    /// Whether a credential-like name makes the field secret (not
    /// `#[env(secret = false)]`).
    pub name_rule: bool,
    /// A name the field reads at the root (its variable, `NAME_FILE`, an
    /// alias or a deprecated name) looks like a credential, and
    /// `name_rule`: decided by the derive with the rule the runtime uses.
    pub credential: bool,
    /// `#[env(secret)]`.
    pub secret_attr: bool,
    /// `#[env(file)]` on the field, and on the struct.
    pub file: bool,
    pub container_file: bool,
    /// `#[env(allow_empty)]`: an empty value is a value.
    pub allow_empty: bool,
    /// The indexes of the variable and of `NAME_FILE` in the root's names.
    pub slot: Option<usize>,
    pub file_slot: Option<usize>,
}

/// One field being loaded.
#[derive(Debug)]
pub struct Field<'s> {
    pub var: Cow<'static, str>,
    /// The path of the struct holding the field (`smtp` for `smtp.host`).
    pub path: &'s str,
    pub info: &'static FieldInfo,
    /// What may be shown of its values.
    pub(crate) disclosure: Disclosure,
    /// Whether `NAME_FILE` may hold the value.
    pub reads_file: bool,
    /// The index of the variable in the config's names, and of
    /// `NAME_FILE`: where a snapshot of the environment holds them.
    pub slot: Option<usize>,
    pub file_slot: Option<usize>,
    /// The texts accepted, when they are a fixed list.
    pub choices: &'static [&'static str],
}

impl Field<'_> {
    /// The field's path in the report: `smtp.host`.
    pub(crate) fn field_path(&self) -> String {
        join_path(self.path, self.info.name).into_owned()
    }

    pub(crate) fn type_name(&self) -> String {
        self.info.type_name.to_owned()
    }

    /// `NAME_FILE`, the variable that may name a file holding the value:
    /// the derive's constant for a root name (the only name that is
    /// borrowed), else built.
    pub(crate) fn file_name(&self) -> Cow<'static, str> {
        match self.var {
            Cow::Borrowed(_) => Cow::Borrowed(self.info.root_file_name),
            Cow::Owned(ref var) => Cow::Owned(format!("{var}_FILE")),
        }
    }

    /// [`Self::file_name`], owned, for a report.
    pub(crate) fn file_var(&self) -> String {
        self.file_name().into_owned()
    }

    /// The field as [`EnvConfig::vars`] lists it, with a default set in
    /// code written as `text` (`None`: it has no text that loads it back).
    pub fn to_var_with_default(&self, text: Option<String>) -> Var {
        let mut var = self.to_var();
        if !self.disclosure.is_secret() {
            var.default = text.and_then(|text| self.disclosure.default(&text));
            var.default_in_code = var.default.is_none();
        }
        var
    }

    /// The field as [`EnvConfig::vars`] lists it.
    pub fn to_var(&self) -> Var {
        let secret = self.disclosure.is_secret();
        // A default whose text the disclosure rule would mask is not
        // written: a template would deploy the mask as the value.
        let default = self.info.default.and_then(|text| self.disclosure.default(text));
        let mut aliases = Vec::new();
        let mut deprecated = Vec::new();
        for (name, is_deprecated) in self.info.aliases {
            aliases.push((*name).to_owned());
            if *is_deprecated {
                deprecated.push((*name).to_owned());
            }
        }
        Var {
            name: self.var.clone().into_owned(),
            description: self.info.description.map(str::to_owned),
            type_name: self.type_name(),
            required: self.info.required,
            default_in_code: !secret && self.info.default.is_some() && default.is_none(),
            default,
            secret,
            field: self.field_path(),
            file: self.reads_file,
            choices: self.choices.iter().copied().map(str::to_owned).collect(),
            aliases,
            deprecated,
            group: None,
        }
    }
}

/// The variables `out` holds from `start` on belong to the optional group
/// at `path`: none is required on its own. The outermost optional group
/// names them.
pub fn optional_group(out: &mut [Var], start: usize, path: &str) {
    for var in out.iter_mut().skip(start) {
        var.required = false;
        var.group = Some(path.to_owned());
    }
}

/// The outcome of reading one variable.
pub enum Fetched {
    /// Set and non-empty.
    Value(String),
    /// Unset, or set but empty.
    Unset(Unset),
    /// A problem was recorded.
    Failed,
}

impl std::fmt::Debug for Fetched {
    /// The kind only: the value may be a secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Value(_) => "Value(..)",
            Self::Unset(_) => "Unset",
            Self::Failed => "Failed",
        })
    }
}

/// Why a variable counts as unset.
#[derive(Debug, Clone, Copy)]
pub struct Unset {
    pub(crate) empty: bool,
    /// The value came from a `_FILE` variable whose file is empty.
    pub(crate) empty_file: bool,
}
