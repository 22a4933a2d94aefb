//! App-wide state shared through context: connectivity, the outbox, the
//! feeds and the language. Pages read these signals; loading starts on first use.

mod feed_handle;
mod language;
mod outbox;

pub use feed_handle::FeedHandle;
pub use language::{persist_language, stored_language};
pub use outbox::OutboxState;

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
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
