//! The one panic boundary: every exported function runs its body through [`boundary`] (directly,
//! or through `error::fallible`, which is built on it), so no Rust panic ever unwinds into C.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::failure::BoundaryFailure;
use crate::status::{meetctl_error_kind, meetctl_status, meetctl_vendor};

/// What an exported function returns when its body panicked.
pub(crate) trait PanicValue {
    /// The value standing for "panicked"; `message` is the panic's message when it had one.
    fn panic_value(message: String) -> Self;
}

impl PanicValue for meetctl_status {
    fn panic_value(_: String) -> Self {
        meetctl_status::Panic
    }
}

impl<T> PanicValue for Result<T, BoundaryFailure> {
    fn panic_value(message: String) -> Self {
        Err(BoundaryFailure::Panic(message))
    }
}

impl PanicValue for () {
    fn panic_value(_: String) -> Self {}
}

impl<T> PanicValue for *const T {
    fn panic_value(_: String) -> Self {
        std::ptr::null()
    }
}

impl<T> PanicValue for *mut T {
    fn panic_value(_: String) -> Self {
        std::ptr::null_mut()
    }
}

impl PanicValue for usize {
    fn panic_value(_: String) -> Self {
        0
    }
}

impl PanicValue for bool {
    fn panic_value(_: String) -> Self {
        false
    }
}

impl PanicValue for u32 {
    fn panic_value(_: String) -> Self {
        0
    }
}

impl PanicValue for u16 {
    fn panic_value(_: String) -> Self {
        0
    }
}

impl PanicValue for i32 {
    fn panic_value(_: String) -> Self {
        -1
    }
}

impl PanicValue for i64 {
    fn panic_value(_: String) -> Self {
        -1
    }
}

impl PanicValue for meetctl_error_kind {
    fn panic_value(_: String) -> Self {
        meetctl_error_kind::Internal
    }
}

impl PanicValue for meetctl_vendor {
    fn panic_value(_: String) -> Self {
        meetctl_vendor::None
    }
}

/// Runs `body`, turning a panic into `T::panic_value()`. Every export goes through here.
///
/// `AssertUnwindSafe`: after a panic the caller only gets a status; handles stay usable because
/// the core keeps no state that a panic leaves half-updated except behind a `Mutex`, whose
/// poisoning it reports as an error (itself caught here).
pub(crate) fn boundary<T: PanicValue>(body: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(payload) => T::panic_value(panic_message(payload.as_ref())),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_an_accessor_gives_its_default() {
        let p: *const u8 = boundary(|| panic!("boom"));
        assert!(p.is_null());
        let n: i64 = boundary(|| panic!("{}", String::from("boom")));
        assert_eq!(n, -1);
    }
}
