//! Link settings for libmeetctl.so.
//!
//! Which symbols are exported needs nothing here: rustc links a cdylib with its own version script
//! that exports exactly the `#[unsafe(no_mangle)] extern "C"` functions (all `meetctl_`-prefixed)
//! and hides everything else, the Rust standard library and the dependencies included.
//! scripts/test-c.sh checks `nm -D` to keep it so.

fn main() {
    // A SONAME, so that programs linked against it record `libmeetctl.so`, not a build path.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libmeetctl.so");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
