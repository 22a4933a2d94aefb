//! One feed's data in signals: the cached copy at once, then revalidated.
//!
//! What the pages read depends on the feed ([`FeedData`]): a JSON feed of
//! items gives its [`Feed`]; the large reference data (Belfiore codes,
//! comuni) gives an index built from the compact columnar file, decoded in
//! slices (`state::ref_data`).

use crate::domain::feed::{decode, Feed, FeedError, FeedKind};
use crate::net::feeds;
use crate::state::scheduler::yield_now;
use crate::storage::feed_cache;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::sync::Arc;

/// How a feed's body becomes what the pages read.
pub trait FeedData: Sized + Send + Sync + 'static {
    /// What the pages read.
    type Value: Send + Sync + 'static;

    /// The file downloaded under the data base URL.
    fn file_name(kind: FeedKind) -> String {
        kind.file_name()
    }

    /// Decode a body (the cached one or a fresh download); may yield to the
    /// browser between slices.
    fn decode(kind: FeedKind, body: &str) -> impl Future<Output = Result<Self::Value, FeedError>>;

    /// Whether the value is demonstration data (labelled as such).
    fn is_demo(value: &Self::Value) -> bool;
}

/// A JSON feed of items (catalogue, offices): decoded at once.
impl<T: DeserializeOwned + Send + Sync + 'static> FeedData for T {
    type Value = Feed<T>;

    async fn decode(kind: FeedKind, body: &str) -> Result<Feed<T>, FeedError> {
        decode(kind, body)
    }

    fn is_demo(value: &Feed<T>) -> bool {
        value.demo
    }
}

/// One feed's data and its loading status.
pub struct FeedHandle<T: FeedData> {
    pub kind: FeedKind,
    pub data: RwSignal<Option<Arc<T::Value>>>,
    /// Why the last refresh failed (the view translates it).
    pub error: RwSignal<Option<FeedError>>,
    pub loading: RwSignal<bool>,
    started: RwSignal<bool>,
}

impl<T: FeedData> Clone for FeedHandle<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: FeedData> Copy for FeedHandle<T> {}

impl<T: FeedData> FeedHandle<T> {
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
            let cached = feeds::cached_body(self.kind).await;
            // Shown already (decoded from this cache or stored after a download).
            let mut usable = self.data.with_untracked(Option::is_some);
            if !usable {
                if let Some(entry) = &cached {
                    if let Ok(value) = T::decode(self.kind, &entry.body).await {
                        yield_now().await;
                        self.data.set(Some(Arc::new(value)));
                        usable = true;
                    }
                }
            }
            // A cached copy that does not decode (an older form) is not
            // revalidated: the server's copy replaces it.
            let previous = cached.as_ref().filter(|_| usable);
            match feeds::fetch_body(self.kind, &T::file_name(self.kind), previous).await {
                Ok(None) => self.error.set(None),
                Ok(Some(entry)) => match T::decode(self.kind, &entry.body).await {
                    Ok(value) => {
                        // Each step in a task of its own (the large bodies):
                        // show the data, encode the copy, write it.
                        yield_now().await;
                        self.data.set(Some(Arc::new(value)));
                        self.error.set(None);
                        yield_now().await;
                        // A full disk must not hide fresh data: shown already.
                        if let Ok(record) = feed_cache::encode(&entry) {
                            drop(entry);
                            yield_now().await;
                            let _ = feed_cache::save_encoded(self.kind.name(), record).await;
                        }
                    }
                    Err(e) => self.error.set(Some(e)),
                },
                Err(e) => self.error.set(Some(e)),
            }
            self.loading.set(false);
        });
    }

    /// The data once loaded (starting the load if need be), or `None` when
    /// loading ended without any (offline with nothing cached).
    pub async fn loaded(self) -> Option<Arc<T::Value>> {
        self.ensure_loaded();
        loop {
            if let Some(d) = self.data.get_untracked() {
                return Some(d);
            }
            if !self.loading.get_untracked() {
                return None;
            }
            gloo_timers::future::TimeoutFuture::new(50).await;
        }
    }

    /// Whether the data shown is demonstration data (tracked).
    pub fn is_demo(self) -> bool {
        self.data.with(|d| d.as_deref().is_some_and(T::is_demo))
    }
}

impl<T> FeedHandle<T>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    /// The feed's items, or none yet.
    pub fn items(self) -> Vec<T> {
        self.data.get().map(|f| f.items.clone()).unwrap_or_default()
    }
}
