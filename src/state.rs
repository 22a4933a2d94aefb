//! App-wide state shared through context: connectivity, the outbox and the
//! feeds. Pages read these signals; loading is started on first use.

use crate::domain::feed::{Feed, FeedKind};
use crate::domain::outbox::OutboxEntry;
use crate::net::{feeds, outbox};
use crate::storage::outbox_store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// One feed's data and its loading status.
pub struct FeedHandle<T: Send + Sync + 'static> {
    pub kind: FeedKind,
    pub data: RwSignal<Option<Arc<Feed<T>>>>,
    /// An Italian message when the last refresh failed.
    pub error: RwSignal<Option<String>>,
    pub loading: RwSignal<bool>,
    started: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for FeedHandle<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for FeedHandle<T> {}

impl<T: DeserializeOwned + Send + Sync + 'static> FeedHandle<T> {
    pub fn new(kind: FeedKind) -> Self {
        FeedHandle {
            kind,
            data: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            started: RwSignal::new(false),
        }
    }

    /// Load once per page: cached copy first, then revalidate.
    pub fn ensure_loaded(self) {
        if self.started.get_untracked() {
            return;
        }
        self.started.set(true);
        self.reload();
    }

    pub fn reload(self) {
        self.loading.set(true);
        spawn_local(async move {
            if self.data.get_untracked().is_none() {
                if let Some(feed) = feeds::cached::<T>(self.kind).await {
                    self.data.set(Some(Arc::new(feed)));
                }
            }
            match feeds::refresh::<T>(self.kind).await {
                Ok(feeds::Refresh::Updated(feed)) => {
                    self.data.set(Some(Arc::new(feed)));
                    self.error.set(None);
                }
                Ok(feeds::Refresh::NotModified) => self.error.set(None),
                Err(e) => self.error.set(Some(e.to_string())),
            }
            self.loading.set(false);
        });
    }

    /// The feed's items, or none yet.
    pub fn items(self) -> Vec<T>
    where
        T: Clone,
    {
        self.data.get().map(|f| f.items.clone()).unwrap_or_default()
    }
}

/// The outbox as the UI sees it.
#[derive(Clone, Copy)]
pub struct OutboxState {
    pub entries: RwSignal<Vec<OutboxEntry>>,
    /// An Italian message when storage itself failed.
    pub error: RwSignal<Option<String>>,
}

impl OutboxState {
    pub fn pending_count(self) -> usize {
        self.entries.with(|e| e.iter().filter(|e| e.is_pending()).count())
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
            Err(e) => self.error.set(Some(e.to_string())),
        }
    }

    /// Deliver what is due, then show the result.
    pub fn flush(self) {
        spawn_local(async move {
            if let Err(e) = outbox::flush().await {
                self.error.set(Some(e.to_string()));
            }
            self.reload().await;
        });
    }

    pub fn retry_now(self) {
        spawn_local(async move {
            if let Err(e) = outbox::retry_now().await {
                self.error.set(Some(e.to_string()));
            }
            self.reload().await;
        });
    }
}

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
