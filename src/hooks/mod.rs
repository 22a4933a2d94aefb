//! Reusable reactive hooks.
