//! How an operation is declared: once, with everything the bindings derive from it.
//!
//! [`operations!`](crate::operations) turns one list of entries — variant, stable number,
//! snake_case name, one-line summary and (for a vendor's operations) the endpoint row — into the
//! enum and its `ALL`, `code`, `from_code`, `name`, `from_name`, `summary` and `spec`, so none of
//! them can disagree with another. `cargo run -p xtask -- codegen` walks `ALL` to write the C
//! enums, the C++, Python and stub methods and the documentation tables; a test fails when what
//! is committed differs from what it would write.

/// What an operation answers, as the bindings present it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Nothing: success is the answer (the named methods return nothing).
    Nothing,
    /// A typed result, named here (`HuaweiConferenceInfo`, `ms_open_id`): its named method is
    /// written by hand in each binding.
    Typed(&'static str),
    /// A list read page by page, of the items named here (`TencentParticipant`): its named
    /// method reads every page and is written by hand in each binding.
    Pages(&'static str),
}

/// Declares an operation enum from one list of entries.
///
/// ```ignore
/// operations! {
///     /// A Tencent control operation.
///     pub enum TencentOperation: TencentEndpoint {
///         /// Enterprise credentials only.
///         SetCohost = 1, "set_cohost", "Make a participant co-host" => SET_COHOST;
///     }
/// }
/// ```
///
/// The numbers are stable and never reused (the C enums carry them); the names are the ones
/// every binding uses. Without `: Endpoint`, the entries carry no row and the enum has no `spec`.
#[macro_export]
#[doc(hidden)]
macro_rules! operations {
    (
        $(#[$meta:meta])*
        $vis:vis enum $Enum:ident: $Endpoint:ty {
            $( $(#[doc = $doc:literal])* $Variant:ident = $code:literal, $name:literal, $summary:literal => $spec:expr; )+
        }
    ) => {
        $crate::operations! {
            $(#[$meta])*
            $vis enum $Enum {
                $( $(#[doc = $doc])* $Variant = $code, $name, $summary; )+
            }
        }

        impl $Enum {
            /// The endpoint this operation calls.
            pub fn spec(self) -> &'static $Endpoint {
                match self {
                    $( $Enum::$Variant => {
                        const SPEC: $Endpoint = $spec;
                        &SPEC
                    } )+
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $Enum:ident {
            $( $(#[doc = $doc:literal])* $Variant:ident = $code:literal, $name:literal, $summary:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u32)]
        $vis enum $Enum {
            $( #[doc = $summary] #[doc = ""] $(#[doc = $doc])* $Variant = $code, )+
        }

        impl $Enum {
            /// Every operation, in the order of their numbers.
            pub const ALL: [$Enum; [$($code),+].len()] = [$($Enum::$Variant),+];

            /// The stable number (the C enum's value).
            pub fn code(self) -> u32 {
                self as u32
            }

            /// The operation with this number.
            pub fn from_code(code: u32) -> Option<$Enum> {
                $Enum::ALL.into_iter().find(|op| op.code() == code)
            }

            /// The snake_case name every binding uses.
            pub fn name(self) -> &'static str {
                match self {
                    $( $Enum::$Variant => $name, )+
                }
            }

            /// [`name`](Self::name) as a C string, for the C binding.
            pub fn c_name(self) -> &'static ::core::ffi::CStr {
                match self {
                    $( $Enum::$Variant => {
                        const NAME: &::core::ffi::CStr =
                            match ::core::ffi::CStr::from_bytes_with_nul(concat!($name, "\0").as_bytes()) {
                                Ok(name) => name,
                                Err(_) => panic!("an operation name holds a NUL"),
                            };
                        NAME
                    } )+
                }
            }

            /// The operation with this snake_case name.
            pub fn from_name(name: &str) -> Option<$Enum> {
                $Enum::ALL.into_iter().find(|op| op.name() == name)
            }

            /// One line on what it does.
            pub fn summary(self) -> &'static str {
                match self {
                    $( $Enum::$Variant => $summary, )+
                }
            }

            /// What more its declaration says (the doc comment above the entry), one line per
            /// doc line; empty when nothing.
            pub fn details(self) -> &'static str {
                match self {
                    $( $Enum::$Variant => concat!($($doc, "\n",)* ""), )+
                }
            }
        }
    };
}
