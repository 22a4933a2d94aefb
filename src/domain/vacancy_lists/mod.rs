//! Pure helpers behind the vacancy pages: favourites, saved searches and
//! their "N nuove offerte" count, freshness and expiry of an offer, the
//! application form, and the content hash that keys the persisted search
//! index. No browser APIs: the pages store and show what these compute.

mod application;
mod dates;
mod favourites;
mod hash;
mod saved_searches;

pub use application::{
    application_payload, payload_vacancy_id, validate_application, ApplicationForm, FieldError,
    Profile, APPLICATION_MESSAGE_MAX, NAME_MAX, PROFILE_KEY,
};
pub use dates::{expiry, format_date_it, freshness, Expiry, Freshness};
pub use favourites::{is_favourite, toggle_favourite, Favourite, FAVOURITES_KEY, MAX_FAVOURITES};
pub use hash::content_hash;
pub use saved_searches::{
    active_filter_count, is_saved, mark_visited, new_since_query, new_since_saved,
    normalise_for_saving, other_filter_count, remove_saved_search, upsert_saved_search,
    SavedSearch, MAX_SAVED_SEARCHES, SAVED_SEARCHES_KEY,
};
