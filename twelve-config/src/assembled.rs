//! Values assembled from a struct of variables: [`Assembled`].

use crate::{EnvConfig, RuleError};

pub(crate) mod sealed {
    /// Only the crate can name this type, so only its impls of
    /// [`Assembled::__trusted_messages`](super::Assembled) override it.
    pub struct Crate;
}

/// A value assembled from a struct of variables, its parts, as serde's
/// `#[serde(try_from = "...")]` builds a type from another: the parts load
/// as any config does (every problem of theirs reported), then
/// [`assemble`](Self::assemble) builds the value, and a failure names the
/// parts it is about. [`FromParts`](crate::resource::FromParts),
/// [`WithPassword`](crate::resource::WithPassword) and
/// [`PgEnv`](crate::resource::PgEnv) are built so; [`assembled_config!`](crate::assembled_config)
/// gives such a type its [`EnvConfig`] impl.
///
/// # Examples
///
/// ```
/// use twelve_config::{AssembleError, Assembled, EnvConfig, RuleError};
///
/// /// The parts: two variables.
/// #[derive(EnvConfig, Debug)]
/// struct Bounds {
///     low: u32,
///     high: u32,
/// }
///
/// /// What the service uses: a range whose low end is below its high end.
/// #[derive(Debug)]
/// struct Window(std::ops::Range<u32>);
///
/// impl Assembled for Window {
///     type Parts = Bounds;
///
///     fn assemble(parts: Bounds) -> Result<Self, AssembleError> {
///         if parts.low >= parts.high {
///             let error = RuleError::new("the low end must be below the high end").fields(["low", "high"]);
///             return Err(AssembleError::Rule(error));
///         }
///         Ok(Window(parts.low..parts.high))
///     }
/// }
///
/// twelve_config::assembled_config!(Window);
///
/// #[derive(EnvConfig, Debug)]
/// struct Config {
///     #[env(nested = "PORTS_")]
///     ports: Window,
/// }
///
/// let config = Config::from_vars([("PORTS_LOW", "8000"), ("PORTS_HIGH", "8100")]).unwrap();
/// assert_eq!(config.ports.0, 8000..8100);
/// let error = Config::from_vars([("PORTS_LOW", "9000"), ("PORTS_HIGH", "8100")]).unwrap_err();
/// assert_eq!(error.problems()[0].var(), "PORTS_LOW");
/// assert!(error.to_string().contains("the low end must be below the high end"), "{error}");
/// ```
pub trait Assembled: Sized {
    /// The variables the value is assembled from.
    type Parts: EnvConfig;

    /// Builds the value from its parts.
    ///
    /// # Errors
    ///
    /// Why the parts do not make a value, naming the parts at fault.
    fn assemble(parts: Self::Parts) -> Result<Self, AssembleError>;

    /// Whether a rule's message may be shown though it concerns a secret
    /// part: only for the crate's own assemblers, whose messages are
    /// written by the crate and quote no value. The argument's type cannot
    /// be named outside the crate, so no other impl can override it.
    #[doc(hidden)]
    fn __trusted_messages(_: sealed::Crate) -> bool {
        false
    }

    /// The type a part is reported and listed as, where it is read as
    /// another (a URL read as text, then assembled into a `PostgresUrl`):
    /// `None`, the part's own type, by default.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::Assembled;
    /// use twelve_config::resource::{PostgresUrl, WithPassword};
    ///
    /// assert_eq!(WithPassword::<PostgresUrl>::part_type_name("url").as_deref(), Some("PostgresUrl"));
    /// assert_eq!(WithPassword::<PostgresUrl>::part_type_name("password"), None);
    /// ```
    fn part_type_name(field: &str) -> Option<String> {
        let _ = field;
        None
    }
}

/// Why parts do not assemble ([`Assembled::assemble`]).
///
/// # Examples
///
/// ```
/// use twelve_config::AssembleError;
///
/// let error = AssembleError::Invalid { field: "port", type_name: "RedisUrl".to_owned(), reason: "0 is no port".to_owned() };
/// assert!(matches!(error, AssembleError::Invalid { field: "port", .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AssembleError {
    /// A part's value cannot be part of what is assembled: the report names
    /// the part's variable, the type that could not be made and why, and
    /// shows the value as far as the part's disclosure allows.
    Invalid {
        /// The part (a field of [`Assembled::Parts`]).
        field: &'static str,
        /// What could not be made (`RedisUrl`).
        type_name: String,
        /// Why, as a lowercase reason; it must not quote a secret.
        reason: String,
    },
    /// A rule across the parts failed; [`RuleError::fields`] names the
    /// parts it is about, whose variables the report names.
    Rule(RuleError),
}

/// Writes the [`EnvConfig`] impl of an [`Assembled`] type: it loads its
/// [`Parts`](Assembled::Parts), then assembles itself. Use it as a
/// nested group (`#[env(nested = "PREFIX_")]`); a generic type lists its
/// parameters with their bounds first.
///
/// # Examples
///
/// See [`Assembled`]. A generic type names its parameters and bounds first:
///
/// ```
/// use std::str::FromStr;
/// use twelve_config::{AssembleError, Assembled, EnvConfig};
///
/// #[derive(EnvConfig, Debug)]
/// pub struct Text {
///     value: String,
/// }
///
/// /// A value of any `FromStr` type, read from `VALUE`.
/// #[derive(Debug)]
/// pub struct Parsed<T>(T);
///
/// impl<T: FromStr> Assembled for Parsed<T> {
///     type Parts = Text;
///
///     fn assemble(text: Text) -> Result<Self, AssembleError> {
///         text.value.parse().map(Parsed).map_err(|_| AssembleError::Invalid {
///             field: "value",
///             type_name: std::any::type_name::<T>().to_owned(),
///             reason: "not a valid value".to_owned(),
///         })
///     }
/// }
///
/// twelve_config::assembled_config!(<T: FromStr> Parsed<T>);
///
/// assert_eq!(Parsed::<u16>::from_vars([("VALUE", "8080")]).unwrap().0, 8080);
/// let error = Parsed::<u16>::from_vars([("VALUE", "eighty")]).unwrap_err();
/// assert!(error.to_string().contains("invalid  VALUE value: u16 \"eighty\": not a valid value"), "{error}");
/// ```
#[macro_export]
macro_rules! assembled_config {
    (<$($param:ident: $bound:path),+> $type:ty $(, prefix = $prefix:literal)?) => {
        impl<$($param: $bound),+> $crate::EnvConfig for $type {
            $crate::assembled_config!(@methods $(, prefix = $prefix)?);
        }
    };
    ($type:ty $(, prefix = $prefix:literal)?) => {
        impl $crate::EnvConfig for $type {
            $crate::assembled_config!(@methods $(, prefix = $prefix)?);
        }
    };
    (@methods $(, prefix = $prefix:literal)?) => {
        fn __load(
            loader: &mut $crate::__private::Loader<'_>,
            scope: &$crate::__private::Scope<'_>,
        ) -> ::core::option::Option<Self> {
            $crate::__private::load_assembled::<Self>(loader, scope)
        }

        fn __vars(scope: &$crate::__private::Scope<'_>, out: &mut ::std::vec::Vec<$crate::Var>) {
            $crate::__private::assembled_vars::<Self>(scope, out)
        }

        fn __names() -> &'static [$crate::__private::Name] {
            <<Self as $crate::Assembled>::Parts as $crate::EnvConfig>::__names()
        }

        $(
            fn __prefix() -> &'static str {
                $prefix
            }
        )?
    };
}
