//! The outbox as the views see it: the entries in a signal, and delivery.

use super::session::SessionState;
use crate::domain::outbox::OutboxEntry;
use crate::net::outbox::{self, Flushed};
use crate::storage::{outbox_store, StorageError};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The outbox as the UI sees it.
#[derive(Clone, Copy)]
pub struct OutboxState {
    /// Every entry but those sealed by a kiosk session that ended.
    pub entries: RwSignal<Vec<OutboxEntry>>,
    /// Sealed entries still waiting: delivered, never shown.
    pub sealed_waiting: RwSignal<usize>,
    /// Why storage itself failed (the view translates it).
    pub error: RwSignal<Option<StorageError>>,
    /// Whose session may send what waits.
    pub session: SessionState,
}

impl OutboxState {
    pub fn pending_count(self) -> usize {
        self.entries
            .with(|e| e.iter().filter(|e| e.is_pending()).count())
    }

    /// Anything to deliver, shown or sealed (untracked)?
    pub fn has_waiting(self) -> bool {
        self.sealed_waiting.get_untracked() > 0
            || self
                .entries
                .with_untracked(|e| e.iter().any(|e| e.is_pending()))
    }

    /// Re-read the store into the signal.
    pub fn refresh(self) {
        spawn_local(async move { self.reload().await });
    }

    async fn reload(self) {
        match outbox_store::all().await {
            Ok(list) => {
                let (sealed, mut list): (Vec<_>, Vec<_>) = list.into_iter().partition(|e| e.sealed);
                crate::domain::outbox::sort_for_display(&mut list);
                // Re-read on every tick: set only what changed.
                if self.entries.with_untracked(|e| *e != list) {
                    self.entries.set(list);
                }
                if self.sealed_waiting.get_untracked() != sealed.len() {
                    self.sealed_waiting.set(sealed.len());
                }
                if self.error.with_untracked(Option::is_some) {
                    self.error.set(None);
                }
            }
            Err(e) => self.error.set(Some(e)),
        }
    }

    /// Deliver what is due and the session may send, then show the result.
    pub fn flush(self) {
        spawn_local(async move {
            let done = outbox::flush(self.session.confirmed_cf()).await;
            self.after(done).await;
        });
    }

    pub fn retry_now(self) {
        spawn_local(async move {
            let done = outbox::retry_now(self.session.confirmed_cf()).await;
            self.after(done).await;
        });
    }

    async fn after(self, done: Result<Flushed, StorageError>) {
        match done {
            Ok(f) if f.session_ended => self.session.ended(),
            Ok(_) => {}
            Err(e) => self.error.set(Some(e)),
        }
        self.reload().await;
    }
}
