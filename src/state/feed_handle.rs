//! One feed's data in signals: the cached copy at once, then revalidated.

use crate::domain::feed::{Feed, FeedError, FeedKind};
use crate::net::feeds;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// One feed's data and its loading status.
pub struct FeedHandle<T: Send + Sync + 'static> {
    pub kind: FeedKind,
    pub data: RwSignal<Option<Arc<Feed<T>>>>,
    /// Why the last refresh failed (the view translates it).
    pub error: RwSignal<Option<FeedError>>,
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
                Err(e) => self.error.set(Some(e)),
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
