//! One folder per feature.

pub mod contact;
pub mod home;
pub mod my_data;
pub mod not_found;
pub mod outbox;
