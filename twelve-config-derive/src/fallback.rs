// When the input has mistakes, the derive emits the errors beside a stub
// impl, so uses of the trait elsewhere do not add a cascade of errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn expand(input: &DeriveInput, error: syn::Error) -> TokenStream {
    let errors = error.to_compile_error();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
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
