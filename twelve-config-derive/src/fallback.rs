// When the input has mistakes, the derive emits the errors beside a stub
// impl, so uses of the trait elsewhere do not add a cascade of errors.

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::DeriveInput;

pub fn expand(input: &DeriveInput, error: syn::Error) -> TokenStream {
    let errors = error.to_compile_error();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    // `#[env(debug)]` stands in for `#[derive(Debug)]`: a stub of it too,
    // or every `{:?}` of the struct adds an error.
    let debug = asks_for_debug(input).then(|| {
        let name = ident.to_string();
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    __f.write_str(#name)
                }
            }
        }
    });
    quote! {
        #debug
        #errors
        #[automatically_derived]
        impl #impl_generics ::twelve_config::EnvConfig for #ident #ty_generics #where_clause {
            fn __load(
                _: &mut ::twelve_config::__private::Loader<'_>,
                _: &::twelve_config::__private::Scope<'_>,
            ) -> ::twelve_config::__private::Option<Self> {
                ::twelve_config::__private::None
            }
            fn __vars(
                _: &::twelve_config::__private::Scope<'_>,
                _: &mut ::twelve_config::__private::Vec<::twelve_config::Var>,
            ) {
            }
        }
    }
}

/// Whether a container attribute `#[env(...)]` holds the word `debug`.
fn asks_for_debug(input: &DeriveInput) -> bool {
    input.attrs.iter().filter(|attr| attr.path().is_ident("env")).any(|attr| {
        let syn::Meta::List(list) = &attr.meta else { return false };
        list.tokens
            .to_token_stream()
            .into_iter()
            .any(|token| matches!(token, TokenTree::Ident(ident) if ident == "debug"))
    })
}
