//! Opening the database and its versioned migrations.
//!
//! Each migration moves the schema from version N-1 to N and must keep the
//! data already stored. Add a step at the end; never edit a released one.

use super::StorageError;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use std::cell::RefCell;

pub const DB_NAME: &str = "sportello-lavoro";

/// Object store names.
pub mod stores {
    pub const SETTINGS: &str = "settings";
    pub const DRAFTS: &str = "drafts";
    pub const FEEDS: &str = "feeds";
    pub const OUTBOX: &str = "outbox";
    /// Personal lists (favourites, saved searches, profile): wiped with the rest.
    pub const PERSONAL: &str = "personal";
    /// Persisted search indexes (binary, rebuilt from the feeds when missing).
    pub const SEARCH_INDEX: &str = "search_index";
}

/// Stores created by each version, in order. Version N is `MIGRATIONS[N-1]`.
/// v1: settings and drafts (first release of the form engine).
/// v2: feed cache and outbox.
/// v3: personal lists.
/// v4: persisted search index (vacancies).
const MIGRATIONS: &[&[&str]] = &[
    &[stores::SETTINGS, stores::DRAFTS],
    &[stores::FEEDS, stores::OUTBOX],
    &[stores::PERSONAL],
    &[stores::SEARCH_INDEX],
];

pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// Every store of the latest schema.
pub fn all_stores() -> Vec<&'static str> {
    MIGRATIONS.iter().flat_map(|s| s.iter().copied()).collect()
}

/// Open `name` at `version`, running the migrations from the stored
/// version up to it. Tests use an older `version` to build old databases.
pub async fn open_at(name: &str, version: u32) -> Result<Database, StorageError> {
    let target = version.clamp(1, LATEST_VERSION);
    let db = Database::open(name)
        .with_version(target)
        .with_on_upgrade_needed(move |event, db: Database| {
            let from = event.old_version() as u32;
            for step in from..target {
                for store in MIGRATIONS[step as usize] {
                    if !db.object_store_names().any(|n| n == *store) {
                        db.create_object_store(store).build()?;
                    }
                }
            }
            Ok(())
        })
        .await?;
    Ok(db)
}

thread_local! {
    static SHARED: RefCell<Option<Database>> = const { RefCell::new(None) };
}

/// The app's database, opened once per page.
pub async fn shared() -> Result<Database, StorageError> {
    if let Some(db) = SHARED.with(|s| s.borrow().clone()) {
        return Ok(db);
    }
    let db = open_at(DB_NAME, LATEST_VERSION).await?;
    SHARED.with(|s| *s.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Close the page's handle; the next [`shared`] opens the database again
/// (and upgrades it). Tests use it to put an older database in its place.
pub fn close_shared() {
    if let Some(db) = SHARED.with(|s| s.borrow_mut().take()) {
        db.close();
    }
}
