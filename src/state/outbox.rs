//! The outbox as the views see it: the entries in a signal, and delivery.

use crate::domain::outbox::OutboxEntry;
use crate::net::outbox;
use crate::storage::{outbox_store, StorageError};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The outbox as the UI sees it.
#[derive(Clone, Copy)]
pub struct OutboxState {
    pub entries: RwSignal<Vec<OutboxEntry>>,
    /// Why storage itself failed (the view translates it).
    pub error: RwSignal<Option<StorageError>>,
}

impl OutboxState {
    pub fn pending_count(self) -> usize {
        self.entries
            .with(|e| e.iter().filter(|e| e.is_pending()).count())
    }

    /// Re-read the store into the signal.
    pub fn refresh(self) {
        spawn_local(async move { self.reload().await });
    }

    async fn reload(self) {
        match outbox_store::all().await {
            Ok(mut list) => {
                crate::domain::outbox::sort_for_display(&mut list);
                self.entries.set(list);
                self.error.set(None);
            }
            Err(e) => self.error.set(Some(e)),
        }
    }

    /// Deliver what is due, then show the result.
    pub fn flush(self) {
        spawn_local(async move {
            if let Err(e) = outbox::flush().await {
                self.error.set(Some(e));
            }
            self.reload().await;
        });
    }

    pub fn retry_now(self) {
        spawn_local(async move {
            if let Err(e) = outbox::retry_now().await {
                self.error.set(Some(e));
            }
            self.reload().await;
        });
    }
}
