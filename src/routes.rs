//! Typed route paths.
