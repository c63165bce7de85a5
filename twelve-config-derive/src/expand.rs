// Code generation. Generated code names everything by absolute path through
// `::twelve_config::__private`, so user names cannot shadow it.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use crate::ast::{Field, Input};
use crate::attr::Default;
use crate::ctxt::Ctxt;
use crate::fallback;
use crate::name::tokens_to_text;

pub fn derive(input: &DeriveInput) -> TokenStream {
    match try_expand(input) {
        Ok(tokens) => tokens,
        Err(error) => fallback::expand(input, error),
    }
}

fn try_expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::new();
    let model = Input::from_syn(&cx, input);
    if let Some(model) = &model {
        model.validate(&cx);
    }
    cx.check()?;
    match model {
        Some(model) => Ok(expand(&model)),
        None => Err(syn::Error::new(Span::call_site(), "EnvConfig could not read this struct")),
    }
}

fn expand(input: &Input<'_>) -> TokenStream {
    let ident = input.ident;
    let prefix = input.prefix();
    let bindings: Vec<_> = (0..input.fields.len()).map(|i| format_ident!("__f{}", i)).collect();
    let names = Names::of(input);
    let loads = input.fields.iter().enumerate().map(|(index, field)| load_field(input, field, index));
    let field_idents = input.fields.iter().map(|field| field.ident);
    let vars = input.fields.iter().enumerate().map(|(index, field)| list_field(input, field, index));
    // Each field's compile-time facts, one constant that `__load` and
    // `__vars` share (the user's crate checks them once, not twice).
    let infos =
        input.fields.iter().enumerate().filter(|(_, field)| field.nested_part().is_none()).map(|(index, field)| {
            let name = info_name(index);
            let info = field_info(input, &names, field);
            quote!(const #name: &'static ::twelve_config::__private::FieldInfo = &#info;)
        });
    let debug = debug_impl(input);
    let secret_checks = secret_checks(input);
    let default_checks = default_checks(input);
    let container_rule = container_rule(input);
    let prefix_fn = (!prefix.is_empty()).then(|| {
        quote! {
            fn __prefix() -> &'static ::core::primitive::str {
                #prefix
            }
        }
    });
    let deny_unknown = input.attrs.deny_unknown.as_ref().map(|_| {
        quote! {
            fn __deny_unknown() -> ::core::primitive::bool {
                true
            }
        }
    });
    let names_fn = (!names.list.is_empty()).then(|| {
        let names = &names.list;
        // Hashed here: the compiler's constant evaluator took 0.2 ms a name.
        let hashes = names.iter().map(|name| twelve_config_names::fnv1a(name.as_bytes()));
        quote! {
            fn __names() -> &'static [::twelve_config::__private::Name] {
                const __NAMES: &[::twelve_config::__private::Name] =
                    &[#(::twelve_config::__private::Name::hashed(#names, #hashes)),*];
                __NAMES
            }
        }
    });
    let private = private();
    // The autoref choices the fields make: how a type is read, how written.
    let dispatch = quote! {
        #[allow(unused_imports)]
        use #private::{
            ViaEnvValue as _, ViaFromStr as _, ViaNestedHint as _, ViaPlainType as _, ViaSecrecy as _, ViaSerde as _,
            ViaUnsupported as _, ShownByDisplay as _, ShownByEnvValue as _, ShownByNothing as _, ShownByResource as _,
        };
    };
    // Every field's `Option` checked in one pattern, not a `?` per field
    // in the struct expression: each `?` is an exit that drops the values
    // loaded before it, and those exits made the body's borrow checking
    // and code generation grow with the square of the fields (a 1,000-field
    // config took 40 s to compile cold).
    let all_loaded = (!bindings.is_empty()).then(|| {
        quote! {
            let ( #( #private::Some(#bindings), )* ) = ( #( #bindings, )* ) else {
                return #private::None;
            };
        }
    });
    quote! {
        #[automatically_derived]
        impl ::twelve_config::EnvConfig for #ident {
            fn __load(
                __loader: &mut #private::Loader<'_>,
                __scope: &#private::Scope<'_>,
            ) -> #private::Option<Self> {
                #dispatch
                #( let #bindings = #loads; )*
                #all_loaded
                let __config = Self { #( #field_idents: #bindings, )* };
                #container_rule
                #private::Some(__config)
            }

            fn __vars(
                __scope: &#private::Scope<'_>,
                __out: &mut #private::Vec<::twelve_config::Var>,
            ) {
                #dispatch
                #( #vars )*
            }

            #names_fn
            #prefix_fn
            #deny_unknown
        }

        #[automatically_derived]
        #[doc(hidden)]
        impl #ident {
            #(#infos)*
        }

        #debug
        #secret_checks
        #default_checks
    }
}

/// The name of field `index`'s [`field_info`] constant.
fn info_name(index: usize) -> syn::Ident {
    format_ident!("__TWELVE_CONFIG_FIELD_{}", index)
}

/// `#[env(validate = path)]`: the rule over the whole struct, once every
/// field has loaded; its failure joins the report.
fn container_rule(input: &Input<'_>) -> Option<TokenStream> {
    let validate = input.attrs.validate.as_ref()?;
    let function = &validate.value;
    let private = private();
    let struct_name = input.ident.to_string();
    let rule_name = tokens_to_text(function.to_token_stream());
    Some(quote_spanned! {function.span()=>
        if let ::core::result::Result::Err(__error) = #function(&__config) {
            #[allow(unused_imports)]
            use ::twelve_config::__private::{ViaDisplay as _, ViaRuleError as _};
            let __failure = (&&::twelve_config::__private::RuleOutcome(&__error)).rule();
            let mut __vars = #private::Vec::new();
            <Self as ::twelve_config::EnvConfig>::__vars(__scope, &mut __vars);
            __loader.rule_failed(__scope, #struct_name, #rule_name, __failure, &__vars);
        }
    })
}

/// With `#[env(debug)]`: a `Debug` that shows `[REDACTED]` for secret
/// fields (secrecy types redact themselves; plain types need this).
fn debug_impl(input: &Input<'_>) -> Option<TokenStream> {
    input.attrs.debug.as_ref()?;
    let private = private();
    let ident = input.ident;
    let struct_name = ident.to_string();
    let prefix = input.prefix();
    let fields = input.fields.iter().map(|field| {
        let ident = field.ident;
        let name = field.display_name();
        // A value that is not secret is shown as far as the disclosure rule
        // shows it (a URL's password in a `String` field is masked).
        let shown = if field.is_secret_at_compile_time(&prefix) {
            quote!(&#private::Redacted)
        } else {
            quote!(&#private::MaskedDebug(&self.#ident))
        };
        quote!(.field(#name, #shown))
    });
    Some(quote! {
        #[automatically_derived]
        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __f.debug_struct(#struct_name) #(#fields)* .finish()
            }
        }
    })
}

/// Without `#[env(debug)]`, a `#[derive(Debug)]` beside the derive would
/// print every field: each secret field (by attribute, by its name, or a
/// group under a credential-like prefix) must have a type whose `Debug`
/// redacts itself, or the struct does not compile. The check is a trait
/// bound on a constant the compiler folds, spanned at the field's type.
fn secret_checks(input: &Input<'_>) -> Option<TokenStream> {
    if input.attrs.debug.is_some() {
        return None;
    }
    let prefix = input.prefix();
    // Only secret fields are checked: any type may show a value that is
    // not secret.
    let checks = input.fields.iter().filter(|field| field.is_secret_at_compile_time(&prefix)).map(|field| {
        let ty = &field.original.ty;
        // Every token of the call is spanned at the type, so the error
        // points there.
        quote_spanned! {ty.span()=>
            ::twelve_config::__private::debug_allowed::<#ty, ::twelve_config::__private::SecretCheck<true>>();
        }
    });
    Some(quote! {
        const _: () = {
            #(#checks)*
        };
    })
}

/// A default on a field whose type is a `secrecy` secret does not compile
/// (one secret by its attribute or a name is refused as the input is
/// checked): each default is checked by a trait bound, spanned at it, in a
/// function that is never called.
fn default_checks(input: &Input<'_>) -> Option<TokenStream> {
    let checks: Vec<TokenStream> = input
        .fields
        .iter()
        .filter(|field| field.attrs.nested.is_none())
        .filter_map(|field| {
            let default = field.attrs.default.as_ref()?;
            let inner = field.inner;
            Some(quote_spanned! {default.tokens.span()=>
                ::twelve_config::__private::no_secret_default(
                    (&&::twelve_config::__private::SecretKind::<#inner>::NEW).default_check(),
                );
            })
        })
        .collect();
    if checks.is_empty() {
        return None;
    }
    Some(quote! {
        const _: () = {
            #[allow(dead_code)]
            fn __twelve_config_defaults() {
                #[allow(unused_imports)]
                use ::twelve_config::__private::{ViaPlainType as _, ViaSecrecy as _};
                #(#checks)*
            }
        };
    })
}

/// The variables the struct reads at the root whose names are known here,
/// each once: a field's `NAME` and, where a file may hold its value,
/// `NAME_FILE`. The loader reads them in one pass and finds a field's value
/// by its index in this list.
struct Names {
    list: Vec<String>,
}

impl Names {
    fn of(input: &Input<'_>) -> Self {
        let prefix = input.prefix();
        let mut list = Vec::new();
        for field in input.fields.iter().filter(|field| field.attrs.nested.is_none()) {
            let name = field.variable_name(&prefix);
            // Whether a container's `file` applies depends on the field
            // being secret, which its type decides: list `_FILE` for all.
            if field.attrs.file.is_some() || input.attrs.file.is_some() {
                list.push(format!("{name}_FILE"));
            }
            list.push(name);
        }
        // A field `x` reading `X_FILE` and a field `x_file` share a name.
        let mut seen = std::collections::HashSet::new();
        list.retain(|name| seen.insert(name.clone()));
        Self { list }
    }

    /// The index of `name` among the root's names.
    fn index(&self, name: &str) -> Option<usize> {
        self.list.iter().position(|known| known == name)
    }
}

/// The expression that loads one field: `Option<T>`, `None` after recording
/// a problem.
fn load_field(input: &Input<'_>, field: &Field<'_>, index: usize) -> TokenStream {
    let private = private();
    if let Some(part) = field.nested_part() {
        let ty = field.inner;
        let scope = nested_scope(input, field, &part);
        if field.shape.is_option() {
            // An optional group: `None` when none of its variables is set.
            let name = field.display_name();
            return quote_spanned! {ty.span()=>
                {
                    #scope
                    let __set = __loader.group_vars_set::<#ty>(&__nested);
                    if __set.is_empty() {
                        __loader.group_unset::<#ty>(&__nested);
                        #private::Some(#private::None)
                    } else {
                        let __mark = __loader.problem_count();
                        let __group = <#ty as ::twelve_config::EnvConfig>::__load(__loader, &__nested);
                        __loader.note_optional_group(__mark, #name, __set);
                        __group.map(#private::Some)
                    }
                }
            };
        }
        return quote_spanned! {ty.span()=>
            {
                #scope
                <#ty as ::twelve_config::EnvConfig>::__load(__loader, &__nested)
            }
        };
    }
    let spec = field_spec(field, index);
    let parser = parser(field);
    let check = field_rules(field);
    let parse = match &check {
        Some(check) => quote! {{
            let __check = #check;
            __loader.parse_checked(&__field, __text, __parse, __check)
        }},
        None => quote!(__loader.parse(&__field, __text, __parse)),
    };
    let parsed = if field.shape.is_option() { quote!((#parse).map(#private::Some)) } else { parse };
    let unset = match &field.attrs.default {
        Some(default) => match &default.value {
            Default::Text(_) => quote!(__loader.parse_default(&__field, __parse)),
            Default::Literal(expr) => literal_default(field, expr),
            Default::Expr(expr) if field.shape == crate::ast::Shape::Plain => {
                let inner = field.inner;
                let shown = canonical_text(inner);
                quote_spanned! {expr.span()=>
                    {
                        let __value: #inner = #private::Into::into(#expr);
                        if __loader.is_recording() {
                            let __text = (#shown)(&__value);
                            __loader.defaulted(&__field, __text.as_deref());
                        }
                        #private::Some(__value)
                    }
                }
            }
            Default::Expr(expr) => quote_spanned! {expr.span()=>
                {
                    __loader.defaulted(&__field, #private::None);
                    #private::Some(#private::Into::into(#expr))
                }
            },
        },
        None if field.shape.is_option() => quote!(#private::Some(#private::None)),
        None => quote!(__loader.missing(&__field, __unset)),
    };
    // Unset and not required: the effective configuration notes it (a
    // default expression records its own text).
    let records_itself = matches!(&field.attrs.default, Some(crate::attr::Attr { value: Default::Expr(_), .. }));
    let unset =
        if field.is_required() || records_itself { unset } else { quote!({ __loader.unset(&__field); #unset }) };
    let unset_binding = if field.is_required() { quote!(__unset) } else { quote!(_) };
    // The fingerprint reads a single value in its canonical form (a list or
    // a map as given).
    let inner = field.inner;
    let canonical = canonical_text(inner);
    // The common fields, no rule and no default: one library call.
    if check.is_none() && field.attrs.default.is_none() && !field.shape.is_vec() && !field.shape.is_map() {
        let load = if field.shape.is_option() { quote!(optional) } else { quote!(required) };
        return quote!(__loader.#load(&#spec, #parser, #canonical));
    }
    let load = if check.is_none() && field.attrs.default.is_none() {
        let load = if field.shape.is_option() { quote!(optional) } else { quote!(required) };
        quote!(__loader.#load(&__field, #parser, |_| #private::None))
    } else {
        quote! {{
            let __parse = #parser;
            match __loader.fetch(&__field) {
                #private::Fetched::Value(__text) => #parsed,
                #private::Fetched::Unset(#unset_binding) => #unset,
                #private::Fetched::Failed => #private::None,
            }
        }}
    };
    let value = match field.shape {
        crate::ast::Shape::Plain => quote!(__value.as_ref()),
        crate::ast::Shape::Option => quote!(__value.as_ref().and_then(#private::Option::as_ref)),
        _ => return quote!({ let __field = #spec; #load }),
    };
    quote! {
        {
            let __field = #spec;
            let __value = #load;
            __loader.canonical(&__field, #value, #canonical);
            __value
        }
    }
}

/// A literal default (`8080`, `-1`, `0.5`, `true`, `'x'`). On a field
/// whose type is written as a primitive, it is the value itself, typed at
/// the literal (so `default = 70000` on a `u16` is rustc's overflow error
/// there, `0.5` on a `u8` its mismatch). On any other type it must be a type that
/// literal can be (an alias of `u16`, say), checked through a trait whose
/// message names the fix, `default = "8080"`; it is then read as text, as
/// the variable would be.
fn literal_default(field: &Field<'_>, expr: &syn::Expr) -> TokenStream {
    let private = private();
    let inner = field.inner;
    let (negative, lit) = match expr {
        syn::Expr::Unary(unary) => (true, &*unary.expr),
        other => (false, other),
    };
    let syn::Expr::Lit(syn::ExprLit { lit, .. }) = lit else {
        return quote_spanned!(expr.span()=> { let __default: #inner = #expr; #private::Some(__default) });
    };
    let (kind, types): (&str, &[&str]) = match lit {
        syn::Lit::Int(_) if negative => ("a negative integer", &["i8", "i16", "i32", "i64", "i128", "isize"]),
        syn::Lit::Int(_) => {
            ("an integer", &["u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize"])
        }
        syn::Lit::Float(_) => ("a floating-point number", &["f32", "f64"]),
        syn::Lit::Bool(_) => ("a `bool`", &["bool"]),
        syn::Lit::Char(_) => ("a `char`", &["char"]),
        _ => ("a literal", &[]),
    };
    // A primitive of another kind (`0.5` on a `u8`): rustc's own message
    // says it best, and text would not help.
    const PRIMITIVES: [&str; 16] = [
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64", "bool",
        "char",
    ];
    let written_as_primitive = match inner {
        syn::Type::Path(path) if path.qself.is_none() => {
            path.path.get_ident().is_some_and(|ident| PRIMITIVES.iter().any(|name| ident == name))
        }
        _ => false,
    };
    if written_as_primitive || types.is_empty() {
        return quote_spanned!(expr.span()=> { let __default: #inner = #expr; #private::Some(__default) });
    }
    let written = tokens_to_text(expr.to_token_stream());
    let text = field.attrs.default.as_ref().and_then(|default| default.value.text()).unwrap_or_default();
    // `{` and `}` are the message's own placeholders.
    let braces = |text: String| text.replace('{', "{{").replace('}', "}}");
    let message = braces(format!("`default = {written}` is {kind}, not a `{{Self}}`"));
    let message = message.replace("{{Self}}", "{Self}");
    let label = kind;
    let note = braces(format!(
        "write the default as text, `default = {text:?}`: text is read as the field's type, as its variable would be"
    ));
    let impls = types.iter().map(|name| {
        let ident = syn::Ident::new(name, proc_macro2::Span::call_site());
        quote!(impl __LiteralDefault for #ident {})
    });
    quote_spanned! {expr.span()=>
        {
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
            trait __LiteralDefault {}
            #(#impls)*
            fn __literal_default<T: __LiteralDefault>(_: ::core::marker::PhantomData<T>) {}
            __literal_default(::core::marker::PhantomData::<#inner>);
            __loader.parse_default(&__field, __parse)
        }
    }
}

/// The function writing a value of `inner` as the text that loads it back,
/// in canonical form, if the type has one: `fn(&T) -> Option<String>`.
fn canonical_text(inner: &syn::Type) -> TokenStream {
    let private = private();
    // The `ShownBy*` traits are in scope in `__load` and `__vars`.
    quote!((&&&&#private::Shown::<#inner>::NEW).text())
}

/// The closure checking a parsed value against the field's `range` and
/// `validate` (the inner value of an `Option`; every item of a list for a
/// range), or `None` when it has no rule.
fn field_rules(field: &Field<'_>) -> Option<TokenStream> {
    let attrs = &field.attrs;
    if attrs.range.is_none() && attrs.validate.is_none() {
        return None;
    }
    let private = private();
    let value_type = match (field.shape, field.map) {
        (_, Some((map, _))) => quote!(#map),
        (crate::ast::Shape::Vec | crate::ast::Shape::OptionVec, _) => {
            let inner = field.inner;
            quote!(#private::Vec<#inner>)
        }
        _ => {
            let inner = field.inner;
            quote!(#inner)
        }
    };
    let range = attrs.range.as_ref().map(|range| {
        let tokens = &range.value;
        let text = tokens_to_text(tokens.clone());
        if field.shape.is_vec() {
            quote_spanned!(tokens.span()=> #private::check_range_items(__value.iter(), &(#tokens), #text)?;)
        } else if field.shape.is_map() {
            quote_spanned!(tokens.span()=> #private::check_range_values(__value.values(), &(#tokens), #text)?;)
        } else {
            quote_spanned!(tokens.span()=> #private::check_range(__value, &(#tokens), #text)?;)
        }
    });
    let validate = attrs.validate.as_ref().map(|validate| {
        let function = &validate.value;
        let name = tokens_to_text(function.to_token_stream());
        quote_spanned!(function.span()=> #private::check_validate(#function, __value, #name)?;)
    });
    Some(quote! {
        |__value: &#value_type| -> ::core::result::Result<(), #private::RuleFailure> {
            #range
            #validate
            ::core::result::Result::Ok(())
        }
    })
}

/// The statements that add one field's variables to `__out`.
fn list_field(input: &Input<'_>, field: &Field<'_>, index: usize) -> TokenStream {
    if let Some(part) = field.nested_part() {
        let ty = field.inner;
        let scope = nested_scope(input, field, &part);
        // An optional group's variables are required only together.
        let group = field.shape.is_option().then(|| {
            quote! {
                ::twelve_config::__private::optional_group(__out, __start, &__path);
            }
        });
        return quote_spanned! {ty.span()=>
            {
                #scope
                let __start = __out.len();
                <#ty as ::twelve_config::EnvConfig>::__vars(&__nested, __out);
                #group
            }
        };
    }
    let spec = field_spec(field, index);
    // A default expression is listed by the text of its value, found now.
    if let Some(crate::attr::Attr { value: Default::Expr(expr), .. }) = &field.attrs.default {
        let private = private();
        let inner = field.inner;
        if field.shape == crate::ast::Shape::Plain {
            let shown = canonical_text(inner);
            return quote_spanned! {expr.span()=>
                {
                    let __value: #inner = #private::Into::into(#expr);
                    let __text = (#shown)(&__value);
                    __out.push((#spec).to_var_with_default(__text));
                }
            };
        }
        return quote! {
            __out.push((#spec).to_var_with_default(#private::None));
        };
    }
    quote! {
        __out.push((#spec).to_var());
    }
}

/// Binds `__nested`, the scope of a nested struct.
fn nested_scope(input: &Input<'_>, field: &Field<'_>, part: &str) -> TokenStream {
    let full = format!("{}{part}", input.prefix());
    let name = field.display_name();
    let file = input.attrs.file.is_some();
    quote! {
        let __prefix = __scope.name(#part, #full);
        let __path = __scope.field(#name);
        let __nested = ::twelve_config::__private::Scope::nested(&__prefix, &__path, #file || __scope.file_secrets());
    }
}

/// The `__private::Field` describing a field: what varies by scope, and the
/// field's constant `FieldInfo` for the rest.
fn field_spec(field: &Field<'_>, index: usize) -> TokenStream {
    let kind = kind_of(field.inner);
    let info = info_name(index);
    let inner = field.inner;
    let secret_type =
        quote_spanned!(inner.span()=> (&&::twelve_config::__private::SecretKind::<#inner>::NEW).secret_type());
    quote!(__scope.field_of(Self::#info, #kind.meta().or_secret(#secret_type)))
}

/// `(&&&&&Kind::<T>::NEW)`, spanned at `ty`: the receiver of the autoref
/// choice (`ViaEnvValue`, then `ViaFromStr`, ...) of how `T` is read, so an
/// unsupported type's error points at it.
fn kind_of(ty: &syn::Type) -> TokenStream {
    quote_spanned!(ty.span()=> (&&&&&::twelve_config::__private::Kind::<#ty>::NEW))
}

/// Everything known of a field at compile time, as a `FieldInfo`.
fn field_info(input: &Input<'_>, names: &Names, field: &Field<'_>) -> TokenStream {
    let private = private();
    let root_name = field.variable_name(&input.prefix());
    let option_index = |index: Option<usize>| match index {
        Some(index) => quote!(#private::Some(#index)),
        None => quote!(#private::None),
    };
    let slot = option_index(names.index(&root_name));
    let root_file_name = format!("{root_name}_FILE");
    let file_slot = option_index(names.index(&root_file_name));
    let exact = field.attrs.name.is_some();
    let suffix = field.suffix();
    let name_rule = field.name_rule();
    // What the names decide (the type is the runtime's to add).
    let credential_name = name_rule && field.is_secret_at_compile_time(&input.prefix());
    let name = field.display_name();
    let type_name = tokens_to_text(field.original.ty.to_token_stream());
    let description = option_str(field.doc.as_deref());
    let secret_attr = field.secret_by_attribute();
    let file = field.attrs.file.is_some();
    let allow_empty = field.attrs.allow_empty.is_some();
    let container_file = input.attrs.file.is_some();
    let default_text = field.attrs.default.as_ref().and_then(|default| default.value.text());
    let default_text = option_str(default_text.as_deref());
    let required = field.is_required();
    let aliases = field.attrs.aliases.iter().map(|alias| {
        let (lit, deprecated) = &alias.value;
        quote!((#lit, #deprecated))
    });
    // Everything known at compile time is one constant; the library builds
    // the field from it and the scope (a few lines a field, not thirty).
    quote! {
        #private::FieldInfo {
            name: #name,
            type_name: #type_name,
            description: #description,
            default: #default_text,
            required: #required,
            aliases: &[#(#aliases),*],
            suffix: #suffix,
            root_name: #root_name,
            root_file_name: #root_file_name,
            exact: #exact,
            name_rule: #name_rule,
            credential: #credential_name,
            secret_attr: #secret_attr,
            file: #file,
            allow_empty: #allow_empty,
            container_file: #container_file,
            slot: #slot,
            file_slot: #file_slot,
        }
    }
}

/// The function reading one value (one item of a list, one value of a map).
fn parser(field: &Field<'_>) -> TokenStream {
    let private = private();
    let inner = field.inner;
    if let Some(json) = &field.attrs.json {
        return quote_spanned!(json.tokens.span()=> #private::parse_json::<#inner>);
    }
    let kind = kind_of(inner);
    let by_kind = quote_spanned!(inner.span()=> #kind.parser());
    let item = match &field.attrs.parse_with {
        Some(function) => {
            let function = &function.value;
            quote_spanned!(function.span()=> |__text: &::core::primitive::str| #private::parse_with(#function, __text))
        }
        // An item of a list or map is a slice of the text: parsed from `&str`.
        None if field.shape.is_vec() || field.shape.is_map() => {
            quote_spanned!(inner.span()=> #kind.item_parser())
        }
        // A single value may take the loader's copy of the text.
        None => return by_kind,
    };
    let separator = match &field.attrs.split {
        Some(split) => {
            let separator = split.value.value();
            quote!(#separator)
        }
        // `,` for every field, secret or not, as the docs say.
        None => quote!(","),
    };
    if let Some((map, key)) = field.map {
        let kv = field.attrs.kv_split.as_ref().map_or_else(|| "=".to_owned(), |kv| kv.value.value());
        let key_kind = kind_of(key);
        let key_parser = quote_spanned!(key.span()=> #key_kind.item_parser());
        return quote! {{
            let __key = #key_parser;
            let __item = #item;
            let __separator = #separator;
            move |__text: &mut #private::String| #private::parse_map::<#map, _, _>(__text, __separator, #kv, &__key, &__item)
        }};
    }
    if field.shape.is_vec() {
        quote! {{
            let __item = #item;
            let __separator = #separator;
            move |__text: &mut #private::String| #private::parse_list(__text, __separator, &__item)
        }}
    } else {
        quote! {{
            let __item = #item;
            move |__text: &mut #private::String| __item(__text)
        }}
    }
}

fn option_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(::twelve_config::__private::Some(#text)),
        None => quote!(::twelve_config::__private::None),
    }
}

/// The path the generated code reaches the runtime through.
pub fn private() -> TokenStream {
    quote!(::twelve_config::__private)
}
