//! Favourites, saved searches and the applicant profile, in the `personal`
//! store (so "I miei dati" exports and deletes them with the rest). The
//! lists are kept in session-wide signals: a star set on the results shows
//! on the detail page and in the favourites list at once.

use crate::domain::search::Query;
use crate::domain::vacancy_lists::{
    self, Favourite, Profile, SavedSearch, FAVOURITES_KEY, PROFILE_KEY, SAVED_SEARCHES_KEY,
};
use crate::storage::db::{shared, stores};
use crate::storage::{kv, StorageError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;

pub async fn load_favourites() -> Result<Vec<Favourite>, StorageError> {
    Ok(kv::get(&shared().await?, stores::PERSONAL, FAVOURITES_KEY)
        .await?
        .unwrap_or_default())
}

pub async fn save_favourites(list: &[Favourite]) -> Result<(), StorageError> {
    kv::put(&shared().await?, stores::PERSONAL, FAVOURITES_KEY, &list).await
}

pub async fn load_saved_searches() -> Result<Vec<SavedSearch>, StorageError> {
    Ok(
        kv::get(&shared().await?, stores::PERSONAL, SAVED_SEARCHES_KEY)
            .await?
            .unwrap_or_default(),
    )
}

pub async fn save_saved_searches(list: &[SavedSearch]) -> Result<(), StorageError> {
    kv::put(
        &shared().await?,
        stores::PERSONAL,
        SAVED_SEARCHES_KEY,
        &list,
    )
    .await
}

pub async fn load_profile() -> Result<Option<Profile>, StorageError> {
    kv::get(&shared().await?, stores::PERSONAL, PROFILE_KEY).await
}

pub async fn save_profile(p: &Profile) -> Result<(), StorageError> {
    kv::put(&shared().await?, stores::PERSONAL, PROFILE_KEY, p).await
}

#[derive(Clone)]
struct Shared {
    favourites: ArcRwSignal<Vec<Favourite>>,
    saved: ArcRwSignal<Vec<SavedSearch>>,
    loaded: ArcRwSignal<bool>,
    error: ArcRwSignal<Option<String>>,
}

thread_local! {
    static SHARED: Shared = Shared {
        favourites: ArcRwSignal::new(Vec::new()),
        saved: ArcRwSignal::new(Vec::new()),
        loaded: ArcRwSignal::new(false),
        error: ArcRwSignal::new(None),
    };
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// The person's lists as signals of the calling page.
#[derive(Clone, Copy)]
pub struct Lists {
    pub favourites: RwSignal<Vec<Favourite>>,
    pub saved: RwSignal<Vec<SavedSearch>>,
    /// True once read from the device.
    pub loaded: RwSignal<bool>,
    /// An Italian message when saving or reading failed.
    pub error: RwSignal<Option<String>>,
}

pub fn use_lists() -> Lists {
    let s = SHARED.with(Shared::clone);
    let lists = Lists {
        favourites: RwSignal::from(s.favourites.clone()),
        saved: RwSignal::from(s.saved.clone()),
        loaded: RwSignal::from(s.loaded.clone()),
        error: RwSignal::from(s.error.clone()),
    };
    if !STARTED.with(|c| c.replace(true)) {
        spawn_local(async move {
            let favs = load_favourites().await;
            let saved = load_saved_searches().await;
            match (favs, saved) {
                (Ok(f), Ok(sv)) => {
                    s.favourites.set(f);
                    s.saved.set(sv);
                }
                (Err(e), _) | (_, Err(e)) => s.error.set(Some(crate::i18n::tm(&e.message()))),
            }
            s.loaded.set(true);
        });
    }
    lists
}

impl Lists {
    pub fn is_favourite(self, id: &str) -> bool {
        self.favourites.with(|l| vacancy_lists::is_favourite(l, id))
    }

    /// Star or unstar, and persist.
    pub fn toggle_favourite(self, fav: Favourite) {
        let mut list = self.favourites.get_untracked();
        vacancy_lists::toggle_favourite(&mut list, fav);
        self.favourites.set(list.clone());
        self.persist_favourites(list);
    }

    pub fn remove_favourite(self, id: &str) {
        let mut list = self.favourites.get_untracked();
        list.retain(|f| f.id != id);
        self.favourites.set(list.clone());
        self.persist_favourites(list);
    }

    fn persist_favourites(self, list: Vec<Favourite>) {
        let error = self.error;
        spawn_local(async move {
            match save_favourites(&list).await {
                Ok(()) => error.try_set(None),
                Err(e) => error.try_set(Some(crate::i18n::tm(&e.message()))),
            };
        });
    }

    pub fn is_saved(self, q: &Query) -> bool {
        self.saved.with(|l| vacancy_lists::is_saved(l, q))
    }

    pub fn save_search(self, q: &Query, today: i32) {
        let mut list = self.saved.get_untracked();
        vacancy_lists::upsert_saved_search(&mut list, q, today);
        self.saved.set(list.clone());
        self.persist_saved(list);
    }

    pub fn remove_search(self, query: &str) {
        let mut list = self.saved.get_untracked();
        vacancy_lists::remove_saved_search(&mut list, query);
        self.saved.set(list.clone());
        self.persist_saved(list);
    }

    /// A saved search was opened: its "new offers" start from today.
    pub fn mark_visited(self, q: &Query, today: i32) {
        let mut list = self.saved.get_untracked();
        if vacancy_lists::mark_visited(&mut list, q, today) {
            self.saved.set(list.clone());
            self.persist_saved(list);
        }
    }

    fn persist_saved(self, list: Vec<SavedSearch>) {
        let error = self.error;
        spawn_local(async move {
            match save_saved_searches(&list).await {
                Ok(()) => error.try_set(None),
                Err(e) => error.try_set(Some(crate::i18n::tm(&e.message()))),
            };
        });
    }
}
