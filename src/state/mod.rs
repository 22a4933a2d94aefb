//! App-wide state shared through context: connectivity, the outbox, the
//! feeds and the language. Pages read these signals; loading starts on first use.

mod clock;
mod comuni_index;
mod feed_handle;
mod language;
mod outbox;
pub mod personal_lists;
pub mod vacancies;

pub use clock::{today, today_date};
pub use comuni_index::use_comuni_index;
pub use feed_handle::FeedHandle;
pub use language::{persist_language, stored_language};
pub use outbox::OutboxState;
pub use personal_lists::{use_lists, Lists};
pub use vacancies::{use_vacancies, Vacancies};

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    pub online: RwSignal<bool>,
    pub outbox: OutboxState,
    pub catalogue: FeedHandle<crate::domain::catalogue::Service>,
    pub offices: FeedHandle<crate::domain::offices::Office>,
    /// Large: loaded only by the pages that need them (DID, vacancies).
    pub comuni: FeedHandle<crate::domain::comuni::Comune>,
    pub belfiore: FeedHandle<crate::domain::comuni::BelfioreItem>,
    /// The comuni feed as a lookup index, once a page has asked for it.
    pub comuni_index: RwSignal<Option<std::sync::Arc<crate::domain::comuni::ComuniIndex>>>,
    pub vacancies: Vacancies,
    pub lists: Lists,
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
