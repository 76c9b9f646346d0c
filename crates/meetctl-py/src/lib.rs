//! Python bindings for meetctl (work in progress).
