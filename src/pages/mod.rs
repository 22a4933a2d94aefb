//! One folder per feature.

pub mod accessibility;
pub mod avvisi;
pub mod catalogue;
pub mod contact;
pub mod did;
pub mod home;
pub mod kiosk;
pub mod my_data;
pub mod not_found;
pub mod outbox;
pub mod percorso;
pub mod profile;
pub mod services_for_you;
pub mod vacancies;
