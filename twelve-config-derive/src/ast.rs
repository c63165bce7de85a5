// The model of the input: the struct, its fields and their attributes,
// keeping the original syn nodes so every later error points at the right
// tokens.

use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attr;
use crate::ctxt::Ctxt;
use crate::name::screaming_snake;

pub struct Input<'a> {
    pub original: &'a DeriveInput,
    pub ident: &'a Ident,
    pub attrs: attr::Container,
    pub fields: Vec<Field<'a>>,
}

pub struct Field<'a> {
    pub original: &'a syn::Field,
    pub ident: &'a Ident,
    pub attrs: attr::Field,
    pub shape: Shape,
    /// The type a single value is parsed as: `T` of `Option<T>`, `Vec<T>`
    /// and `Option<Vec<T>>`, `V` of a map, or the field's type.
    pub inner: &'a Type,
    /// For a map: its type (`HashMap<K, V>`, without the `Option`) and `K`.
    pub map: Option<(&'a Type, &'a Type)>,
    /// Paragraphs of the `///` docs, lines joined by spaces.
    pub doc: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Plain,
    Option,
    Vec,
    OptionVec,
    Map,
    OptionMap,
}

impl Shape {
    pub fn is_option(self) -> bool {
        matches!(self, Self::Option | Self::OptionVec | Self::OptionMap)
    }

    pub fn is_vec(self) -> bool {
        matches!(self, Self::Vec | Self::OptionVec)
    }

    pub fn is_map(self) -> bool {
        matches!(self, Self::Map | Self::OptionMap)
    }
}

impl<'a> Input<'a> {
    /// The model, or `None` when the input is not a struct with named fields
    /// (the error is in `cx`).
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let attrs = attr::container(cx, &input.attrs);
        let named = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named,
                Fields::Unnamed(fields) => {
                    cx.error_spanned_by(
                        fields,
                        "EnvConfig needs named fields: each field names its variable; a tuple struct has no names",
                    );
                    return None;
                }
                Fields::Unit => {
                    cx.error_spanned_by(
                        &input.ident,
                        "EnvConfig needs a struct with named fields; a unit struct reads no variables",
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                cx.error_spanned_by(
                    data.enum_token,
                    "EnvConfig can only be derived for a struct with named fields, not an enum; \
                     to choose a variant from a variable, implement `FromStr` for the enum and use it as a field",
                );
                return None;
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "EnvConfig can only be derived for a struct with named fields, not a union",
                );
                return None;
            }
        };
        let fields = named.named.iter().filter_map(|field| Field::from_syn(cx, field)).collect();
        Some(Self { original: input, ident: &input.ident, attrs, fields })
    }

    /// The container's prefix text, empty when there is none.
    pub fn prefix(&self) -> String {
        self.attrs.prefix.as_ref().map(|prefix| prefix.value.value()).unwrap_or_default()
    }
}

impl<'a> Field<'a> {
    fn from_syn(cx: &Ctxt, field: &'a syn::Field) -> Option<Self> {
        let ident = field.ident.as_ref()?;
        let attrs = attr::field(cx, &field.attrs);
        let mut map = None;
        let (shape, inner) = match generic_argument(&field.ty, "Option") {
            Some(inner) => match (generic_argument(inner, "Vec"), map_arguments(inner)) {
                (Some(item), _) => (Shape::OptionVec, item),
                (None, Some((key, value))) => {
                    map = Some((inner, key));
                    (Shape::OptionMap, value)
                }
                (None, None) => (Shape::Option, inner),
            },
            None => match (generic_argument(&field.ty, "Vec"), map_arguments(&field.ty)) {
                (Some(item), _) => (Shape::Vec, item),
                (None, Some((key, value))) => {
                    map = Some((&field.ty, key));
                    (Shape::Map, value)
                }
                (None, None) => (Shape::Plain, &field.ty),
            },
        };
        // A JSON value is the whole type (a list, a map), read at once.
        let (shape, inner, map) = match (&attrs.json, shape.is_option()) {
            (Some(_), true) => (Shape::Option, generic_argument(&field.ty, "Option").unwrap_or(&field.ty), None),
            (Some(_), false) => (Shape::Plain, &field.ty, None),
            (None, _) => (shape, inner, map),
        };
        Some(Self { original: field, ident, attrs, shape, inner, map, doc: doc_text(&field.attrs) })
    }

    /// The variable's name without the prefix: the field name in
    /// SCREAMING_SNAKE_CASE.
    pub fn suffix(&self) -> String {
        screaming_snake(&self.ident.to_string())
    }

    /// The part a nested struct's variables add to the prefix.
    pub fn nested_part(&self) -> Option<String> {
        let nested = self.attrs.nested.as_ref()?;
        Some(match &nested.value {
            Some(part) => part.value(),
            None => format!("{}_", self.suffix()),
        })
    }

    /// The field's name as the report shows it (`r#type` as `type`).
    pub fn display_name(&self) -> String {
        let name = self.ident.to_string();
        name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
    }

    /// `#[env(secret)]`.
    pub fn secret_by_attribute(&self) -> bool {
        self.attrs.secret.as_ref().is_some_and(|secret| secret.value)
    }

    /// Whether a credential-like name makes the field secret: not with
    /// `#[env(secret = false)]`.
    pub fn name_rule(&self) -> bool {
        self.attrs.secret.as_ref().is_none_or(|secret| secret.value)
    }

    pub fn is_required(&self) -> bool {
        self.attrs.default.is_none() && !self.shape.is_option()
    }

    /// The variable a non-nested field reads at the root.
    pub fn variable_name(&self, prefix: &str) -> String {
        match &self.attrs.name {
            Some(name) => name.value.value(),
            None => format!("{prefix}{}", self.suffix()),
        }
    }

    /// Every name a non-nested field reads at the root: its variable,
    /// `NAME_FILE`, each alias and deprecated name.
    pub fn root_names(&self, prefix: &str) -> Vec<String> {
        let name = self.variable_name(prefix);
        let file = format!("{name}_FILE");
        let aliases = self.attrs.aliases.iter().map(|alias| alias.value.0.value());
        [name, file].into_iter().chain(aliases).collect()
    }

    /// Whether the field is secret as far as the derive can tell: by its
    /// attribute, by a name it reads at the struct's root unless `secret =
    /// false`, or, for a nested group, by its prefix. The runtime's rule
    /// (`twelve_config_names::is_secret_field`), asked with what is known
    /// here; a type that is secret is caught by a trait bound instead. The
    /// derived `Debug`, the check that a secret's type redacts itself, the
    /// refusal of a secret's default and the runtime's
    /// `FieldInfo::credential` all decide by it.
    pub fn is_secret_at_compile_time(&self, prefix: &str) -> bool {
        let attribute = if self.secret_by_attribute() {
            Some(true)
        } else if self.name_rule() {
            None
        } else {
            Some(false)
        };
        let (group_prefix, names) = match self.nested_part() {
            Some(part) => (format!("{prefix}{part}"), Vec::new()),
            None => (String::new(), self.root_names(prefix)),
        };
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        twelve_config_names::is_secret_field(twelve_config_names::Secrecy {
            attribute,
            type_is_secret: false,
            group_prefix: &group_prefix,
            names: &names,
        })
    }
}

/// `(K, V)` when `ty` is `HashMap<K, V>` (or `HashMap<K, V, S>`) or
/// `BTreeMap<K, V>`, by its last path segment.
fn map_arguments(ty: &Type) -> Option<(&Type, &Type)> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let segment = path.path.segments.last()?;
    let most = match segment.ident.to_string().as_str() {
        "HashMap" => 3,
        "BTreeMap" => 2,
        _ => return None,
    };
    let PathArguments::AngleBracketed(arguments) = &segment.arguments else { return None };
    let types: Vec<&Type> = arguments
        .args
        .iter()
        .filter_map(|argument| match argument {
            GenericArgument::Type(ty) => Some(ty),
            _ => None,
        })
        .collect();
    match types.as_slice() {
        [key, value] | [key, value, _] if types.len() <= most => Some((key, value)),
        _ => None,
    }
}

/// `T` when `ty` is `Wrapper<T>` (by its last path segment).
fn generic_argument<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let segment = path.path.segments.last()?;
    if segment.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &segment.arguments else { return None };
    if arguments.args.len() != 1 {
        return None;
    }
    match arguments.args.first()? {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// The `///` docs: lines trimmed, joined by spaces within a paragraph,
/// paragraphs separated by a newline.
fn doc_text(attrs: &[syn::Attribute]) -> Option<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("doc")) {
        let syn::Meta::NameValue(meta) = &attr.meta else { continue };
        let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) = &meta.value else { continue };
        let value = text.value();
        // A bare `///` is an empty attribute: a paragraph break.
        let lines: Vec<&str> = if value.trim().is_empty() { vec![""] } else { value.lines().collect() };
        for line in lines {
            let line = line.trim();
            if line.is_empty() {
                if !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
            } else {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(line);
            }
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n"))
}
