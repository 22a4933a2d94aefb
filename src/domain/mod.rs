//! Pure domain logic: no browser APIs, tested natively with `cargo test`.

pub mod catalogue;
pub mod codice_fiscale;
pub mod columns;
pub mod comuni;
pub mod contact;
pub mod date;
pub mod did;
pub mod feed;
pub mod identity;
pub mod message;
pub mod offer_display;
pub mod offer_shards;
pub mod offices;
pub mod outbox;
pub mod pagination;
pub mod profile;
pub mod profiling_index;
pub mod provinces;
pub mod questionnaire;
pub mod saved_search_summary;
pub mod search;
pub mod service_map;
pub mod text;
pub mod vacancy;
pub mod vacancy_filters;
pub mod vacancy_lists;
