//! `BoundaryFailure`: why a call failed, as the C boundary sees it (an error of the core, or one
//! of the binding's own), and the status it is reported with. `meetctl_error` (error.rs) is what
//! it becomes for the caller.

use std::borrow::Cow;

use meetctl::Error;

use crate::status::meetctl_status;

/// Why a call failed, as the boundary sees it: an error of the core, or one of its own.
#[derive(Debug)]
pub(crate) enum BoundaryFailure {
    /// The core refused or failed (including arguments it validated).
    Core(Error),
    /// A pointer that must not be NULL was NULL; the field names the parameter.
    Null(Cow<'static, str>),
    /// A string was not UTF-8; the field names the parameter.
    Utf8(Cow<'static, str>),
    /// A panic was caught; the text is its message when it had one.
    Panic(String),
}

impl From<Error> for BoundaryFailure {
    fn from(e: Error) -> Self {
        BoundaryFailure::Core(e)
    }
}

impl BoundaryFailure {
    /// An invalid-argument failure naming `field`, made by the binding (e.g. a bad enum value).
    pub(crate) fn invalid(
        field: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        BoundaryFailure::Core(Error::invalid(field, message))
    }

    /// The status this failure is reported with.
    pub(crate) fn status(&self) -> meetctl_status {
        match self {
            BoundaryFailure::Core(e) => meetctl_status::from_kind(e.kind()),
            BoundaryFailure::Null(_) => meetctl_status::NullArgument,
            BoundaryFailure::Utf8(_) => meetctl_status::InvalidUtf8,
            BoundaryFailure::Panic(_) => meetctl_status::Panic,
        }
    }
}
