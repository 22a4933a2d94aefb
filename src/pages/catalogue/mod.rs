//! The service catalogue (the LEP services of DM 4/2018) and the office
//! finder: `/servizi` (needs, audience filter, search), `/servizi/:id` (one
//! service, a stable permalink) and `/cpi` ("Qual è il mio CPI").
//!
//! The views stay thin: matching, searching and formatting are in
//! `domain::catalogue` and `domain::offices`; the helper here only reads
//! the language; URLs, focus and the title are in `crate::ui`.

pub mod detail;
pub mod list;
pub mod offices;

pub use detail::ServicePage;
pub use list::CataloguePage;
pub use offices::OfficesPage;

// Route entry points: the catalogue and the office finder are two chunks.
crate::route_chunk!(catalogue, catalogue_view => CataloguePage, preload = preload_catalogue);
crate::route_chunk!(catalogue, service_view => ServicePage, preload = preload_service);
crate::route_chunk!(offices, offices_view => OfficesPage, preload = preload_offices);

use leptos::prelude::*;

/// The current interface language code ("it", "en"), tracked.
pub(crate) fn lang_code() -> &'static str {
    crate::i18n::use_i18n().lang.get().code()
}
