//! The library's version, as macros in the header and at run time.

use std::ffi::c_char;

use crate::panic::boundary;

/// The major version of the header (`MEETCTL_VERSION_MAJOR`); equals Cargo.toml's.
pub const MEETCTL_VERSION_MAJOR: u32 = 0;
/// The minor version of the header (`MEETCTL_VERSION_MINOR`); equals Cargo.toml's.
pub const MEETCTL_VERSION_MINOR: u32 = 1;
/// The patch version of the header (`MEETCTL_VERSION_PATCH`); equals Cargo.toml's.
pub const MEETCTL_VERSION_PATCH: u32 = 0;

/// The version of the library that is loaded (`"0.1.0"`): compare it with the
/// `MEETCTL_VERSION_*` macros of the header you compiled against. A static string; never `NULL`,
/// never freed.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_version() -> *const c_char {
    const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    boundary(|| VERSION.as_ptr().cast())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_macros_agree_with_cargo_toml() {
        assert_eq!(MEETCTL_VERSION_MAJOR.to_string(), env!("CARGO_PKG_VERSION_MAJOR"));
        assert_eq!(MEETCTL_VERSION_MINOR.to_string(), env!("CARGO_PKG_VERSION_MINOR"));
        assert_eq!(MEETCTL_VERSION_PATCH.to_string(), env!("CARGO_PKG_VERSION_PATCH"));
        // SAFETY: meetctl_version returns a static NUL-terminated string.
        let runtime = unsafe { std::ffi::CStr::from_ptr(meetctl_version()) };
        assert_eq!(runtime.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
