//! `use_draft`: a form's draft in IndexedDB (`crate::storage::drafts`),
//! restored when the page opens and saved on every change, so a reload or a
//! closed tab loses nothing.
//!
//! ```ignore
//! let draft = use_draft(
//!     "message",
//!     UseDraftOptions::new(move || fields.form(), move |f| fields.set(f))
//!         .is_blank(|f: &MessageForm| *f == MessageForm::default()),
//! );
//! ```

use crate::storage::{drafts, StorageError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{de::DeserializeOwned, Serialize};
use std::sync::Arc;

/// Where the draft stands, for the "draft saved" line.
#[derive(Clone, PartialEq, Debug)]
pub enum DraftStatus {
    /// The stored draft is being read; nothing is saved until it is.
    Loading,
    Saving,
    Saved,
    /// Reading or writing failed (the view translates the error).
    Failed(StorageError),
}

impl DraftStatus {
    /// A stable name for `data-state` attributes.
    pub fn name(&self) -> &'static str {
        match self {
            DraftStatus::Loading => "loading",
            DraftStatus::Saving => "saving",
            DraftStatus::Saved => "saved",
            DraftStatus::Failed(_) => "failed",
        }
    }
}

type Read<T> = Arc<dyn Fn() -> T + Send + Sync>;
type Write<T> = Arc<dyn Fn(T) + Send + Sync>;
type IsBlank<T> = Arc<dyn Fn(&T) -> bool + Send + Sync>;

/// How the hook reads and writes the form.
pub struct UseDraftOptions<T> {
    read: Read<T>,
    write: Write<T>,
    is_blank: IsBlank<T>,
    autosave: bool,
}

impl<T> UseDraftOptions<T> {
    /// `read` returns the whole form and is tracked (the autosave effect
    /// reruns when any field it reads changes); `write` puts a form back
    /// into the fields (a restored draft, or the blank form on discard).
    pub fn new(
        read: impl Fn() -> T + Send + Sync + 'static,
        write: impl Fn(T) + Send + Sync + 'static,
    ) -> Self {
        UseDraftOptions {
            read: Arc::new(read),
            write: Arc::new(write),
            is_blank: Arc::new(|_| false),
            autosave: true,
        }
    }

    /// A restored draft for which this is true does not count as
    /// `restored` (no "draft restored" notice for an empty form).
    pub fn is_blank(mut self, f: impl Fn(&T) -> bool + Send + Sync + 'static) -> Self {
        self.is_blank = Arc::new(f);
        self
    }

    /// Save on every change (the default), or only through `save`.
    pub fn autosave(mut self, on: bool) -> Self {
        self.autosave = on;
        self
    }
}

/// What `use_draft` gives the form. `Copy`, so any handler can hold it.
#[derive(Clone, Copy)]
pub struct UseDraftReturn {
    pub status: Signal<DraftStatus>,
    /// True once the stored draft has been read (or reading failed).
    pub loaded: Signal<bool>,
    /// True when a non-blank draft was put back into the form; cleared by
    /// `discard` (and by the caller, e.g. after a send).
    pub restored: RwSignal<bool>,
    /// The last storage error, if the status is `Failed`.
    pub error: Signal<Option<StorageError>>,
    /// Save the form now.
    pub save: Callback<()>,
    /// Blank the form and remove the stored draft.
    pub discard: Callback<()>,
    key: &'static str,
}

impl UseDraftReturn {
    /// Remove the stored draft without touching the form: after the
    /// submission is safely in the outbox.
    pub async fn remove_stored(self) {
        let _ = drafts::discard(self.key).await;
    }
}

/// The draft of the form stored under `key` (`drafts/<key>`, the form
/// serialized as is).
pub fn use_draft<T>(key: &'static str, options: UseDraftOptions<T>) -> UseDraftReturn
where
    T: Serialize + DeserializeOwned + Default + Send + Sync + 'static,
{
    let UseDraftOptions {
        read,
        write,
        is_blank,
        autosave,
    } = options;
    let status = RwSignal::new(DraftStatus::Loading);
    let loaded = RwSignal::new(false);
    let restored = RwSignal::new(false);

    // (After an await only `set` is used: a no-op if the page is gone.)
    {
        let write = Arc::clone(&write);
        spawn_local(async move {
            match drafts::load::<T>(key).await {
                Ok(Some(form)) => {
                    restored.set(!is_blank(&form));
                    write(form);
                    status.set(DraftStatus::Saved);
                }
                Ok(None) => status.set(DraftStatus::Saved),
                Err(e) => status.set(DraftStatus::Failed(e)),
            }
            loaded.set(true);
        });
    }

    let store = move |form: T| {
        status.set(DraftStatus::Saving);
        spawn_local(async move {
            match drafts::save(key, &form).await {
                Ok(()) => status.set(DraftStatus::Saved),
                Err(e) => status.set(DraftStatus::Failed(e)),
            }
        });
    };

    if autosave {
        let read = Arc::clone(&read);
        Effect::new(move |_| {
            let form = read();
            // Saving before the stored draft is read would overwrite it.
            if !loaded.get_untracked() {
                return;
            }
            store(form);
        });
    }

    let save = Callback::new(move |()| {
        if loaded.get_untracked() {
            store(untrack(|| read()));
        }
    });
    let discard = Callback::new(move |()| {
        restored.set(false);
        write(T::default());
        spawn_local(async move {
            let _ = drafts::discard(key).await;
        });
    });

    UseDraftReturn {
        status: status.into(),
        loaded: loaded.into(),
        restored,
        error: Signal::derive(move || match status.get() {
            DraftStatus::Failed(e) => Some(e),
            _ => None,
        }),
        save,
        discard,
        key,
    }
}
