//! C ABI for meetctl (work in progress).
