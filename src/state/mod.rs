//! App-wide state shared through context: connectivity, the outbox, the
//! feeds and the language. Pages read these signals; loading starts on first use.

mod clock;
mod comuni_index;
mod contrast;
mod feed_handle;
pub mod kiosk;
mod language;
mod outbox;
pub mod personal_lists;
pub mod ref_data;
pub mod scheduler;
mod session;
pub mod vacancies;

pub use clock::{date_of_millis, now_local, today, today_date};
pub use comuni_index::{use_comune_suggestions, use_comuni_index};
pub use contrast::{high_contrast_now, set_high_contrast, start_contrast};
pub use feed_handle::{FeedData, FeedHandle};
pub use kiosk::KioskState;
pub use language::{start_language, switch_language};
pub use outbox::OutboxState;
pub use personal_lists::{use_lists, Lists};
pub use ref_data::RefFeed;
pub use session::{Session, SessionState};
pub use vacancies::{use_vacancies, Vacancies};

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    pub online: RwSignal<bool>,
    pub outbox: OutboxState,
    /// Who is logged in (SPID/CIE through the CPI backend).
    pub session: SessionState,
    pub catalogue: FeedHandle<crate::domain::catalogue::Service>,
    pub offices: FeedHandle<crate::domain::offices::Office>,
    /// Avvisi pubblici and their rankings (`/avvisi`).
    pub avvisi: FeedHandle<crate::domain::avvisi::Avviso>,
    pub graduatorie: FeedHandle<crate::domain::avvisi::Graduatoria>,
    /// Large reference data, in compact form, decoded in slices into their
    /// indexes (`ref_data`): loaded only when a step or field needs them
    /// (DID residence and CPI steps, the vacancy search's comune field).
    pub comuni: FeedHandle<crate::domain::comuni::ComuniIndex>,
    /// Belfiore codes for the DID's personal step (codice fiscale, birthplace).
    pub belfiore: FeedHandle<crate::domain::did::Birthplaces>,
    pub vacancies: Vacancies,
    pub lists: Lists,
    /// A new version is installed and waits for the person to reload.
    pub update_ready: RwSignal<bool>,
    /// A shared kiosk at a CPI (deployment configuration), or not.
    pub kiosk: KioskState,
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
