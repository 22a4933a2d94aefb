//! The person's favourite offers and saved searches, in signals that live for
//! the app session: a star set on the results shows on the detail page and
//! in the favourites list at once. Every change is written to the device
//! (`storage::personal`).

use crate::domain::search::Query;
use crate::domain::vacancy_lists::{self, Favourite, SavedSearch};
use crate::storage::personal;
use crate::storage::StorageError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The lists of the session. Created once by the app (`AppState`).
#[derive(Clone, Copy)]
pub struct Lists {
    pub favourites: RwSignal<Vec<Favourite>>,
    pub saved: RwSignal<Vec<SavedSearch>>,
    /// True once read from the device.
    pub loaded: RwSignal<bool>,
    /// Why the last read or write failed.
    pub error: RwSignal<Option<StorageError>>,
    started: StoredValue<bool>,
}

impl Default for Lists {
    fn default() -> Self {
        Self::new()
    }
}

/// The lists; the first call of the session reads them from the device.
pub fn use_lists() -> Lists {
    let lists = crate::state::use_app().lists;
    lists.ensure_loaded();
    lists
}

impl Lists {
    pub fn new() -> Self {
        Lists {
            favourites: RwSignal::new(Vec::new()),
            saved: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            error: RwSignal::new(None),
            started: StoredValue::new(false),
        }
    }

    fn ensure_loaded(self) {
        if self.started.get_value() {
            return;
        }
        self.started.set_value(true);
        spawn_local(async move {
            match (
                personal::load_favourites().await,
                personal::load_saved_searches().await,
            ) {
                (Ok(favourites), Ok(saved)) => {
                    self.favourites.set(favourites);
                    self.saved.set(saved);
                }
                (Err(e), _) | (_, Err(e)) => self.error.set(Some(e)),
            }
            self.loaded.set(true);
        });
    }

    pub fn is_favourite(self, id: &str) -> bool {
        self.favourites.with(|l| vacancy_lists::is_favourite(l, id))
    }

    /// Star or unstar, and persist.
    pub fn toggle_favourite(self, fav: Favourite) {
        let mut list = self.favourites.get_untracked();
        vacancy_lists::toggle_favourite(&mut list, fav);
        self.set_favourites(list);
    }

    pub fn remove_favourite(self, id: &str) {
        let mut list = self.favourites.get_untracked();
        list.retain(|f| f.id != id);
        self.set_favourites(list);
    }

    fn set_favourites(self, list: Vec<Favourite>) {
        self.favourites.set(list.clone());
        let error = self.error;
        spawn_local(async move {
            error.try_set(personal::save_favourites(&list).await.err());
        });
    }

    pub fn is_saved(self, q: &Query) -> bool {
        self.saved.with(|l| vacancy_lists::is_saved(l, q))
    }

    pub fn save_search(self, q: &Query, today: i32) {
        let mut list = self.saved.get_untracked();
        vacancy_lists::upsert_saved_search(&mut list, q, today);
        self.set_saved(list);
    }

    pub fn remove_search(self, query: &str) {
        let mut list = self.saved.get_untracked();
        vacancy_lists::remove_saved_search(&mut list, query);
        self.set_saved(list);
    }

    /// A saved search was opened: its "new offers" start from today.
    pub fn mark_visited(self, q: &Query, today: i32) {
        let mut list = self.saved.get_untracked();
        if vacancy_lists::mark_visited(&mut list, q, today) {
            self.set_saved(list);
        }
    }

    fn set_saved(self, list: Vec<SavedSearch>) {
        self.saved.set(list.clone());
        let error = self.error;
        spawn_local(async move {
            error.try_set(personal::save_saved_searches(&list).await.err());
        });
    }
}
