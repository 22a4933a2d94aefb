//! Pure helpers behind the vacancy pages: favourites, saved searches and
//! their "N nuove offerte" count, freshness and expiry of an offer, the
//! application form, and the content hash that keys the persisted search
//! index. No browser APIs: the pages store and show what these compute.

use crate::domain::contact::{is_plausible_email, is_plausible_phone};
use crate::domain::search::{Query, DEFAULT_LIMIT};
use crate::domain::vacancy::{days_to_iso, iso_to_days, Vacancy};
use serde::{Deserialize, Serialize};

/// Keys in the `personal` store.
pub const FAVOURITES_KEY: &str = "favourites";
pub const SAVED_SEARCHES_KEY: &str = "saved_searches";
pub const PROFILE_KEY: &str = "profile";

/// At most this many favourites and saved searches are kept (oldest dropped).
pub const MAX_FAVOURITES: usize = 500;
pub const MAX_SAVED_SEARCHES: usize = 50;

// ---------------------------------------------------------------------------
// Content hash

/// A 64-bit FNV-1a hash of a feed body as 16 hex digits: the persisted
/// search index is stored under it, so a changed feed means a rebuild.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

// ---------------------------------------------------------------------------
// Dates

/// `23/11/2026` for a day number (days since 1970-01-01).
pub fn format_date_it(days: i32) -> String {
    let iso = days_to_iso(days);
    let (y, rest) = iso.split_at(4);
    format!("{}/{}/{}", &rest[4..6], &rest[1..3], y)
}

/// How long ago an offer was published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    Today,
    Yesterday,
    DaysAgo(i32),
}

pub fn freshness(published: i32, today: i32) -> Freshness {
    match today - published {
        i32::MIN..=0 => Freshness::Today,
        1 => Freshness::Yesterday,
        n => Freshness::DaysAgo(n),
    }
}

/// When an offer stops being shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    Expired,
    Today,
    Tomorrow,
    InDays(i32),
}

pub fn expiry(expires: i32, today: i32) -> Expiry {
    match expires - today {
        i32::MIN..=-1 => Expiry::Expired,
        0 => Expiry::Today,
        1 => Expiry::Tomorrow,
        n => Expiry::InDays(n),
    }
}

// ---------------------------------------------------------------------------
// Favourites

/// A starred offer, with what the favourites list shows even after the
/// offer has left the feed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Favourite {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub employer: String,
    #[serde(default)]
    pub comune: String,
    #[serde(default)]
    pub province: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub expires: String,
    /// `YYYY-MM-DD` the star was set.
    #[serde(default)]
    pub added: String,
}

pub fn is_favourite(list: &[Favourite], id: &str) -> bool {
    list.iter().any(|f| f.id == id)
}

/// Star or unstar; returns whether the offer is now a favourite. The newest
/// favourite comes first.
pub fn toggle_favourite(list: &mut Vec<Favourite>, fav: Favourite) -> bool {
    if let Some(pos) = list.iter().position(|f| f.id == fav.id) {
        list.remove(pos);
        false
    } else {
        list.insert(0, fav);
        list.truncate(MAX_FAVOURITES);
        true
    }
}

// ---------------------------------------------------------------------------
// Saved searches

/// A saved search: its URL query string and the day it was last opened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedSearch {
    /// The normalised query string (no page): also its identity.
    pub query: String,
    /// `YYYY-MM-DD` it was saved.
    pub created: String,
    /// `YYYY-MM-DD` it was last opened: offers published after it are "new".
    pub last_visit: String,
}

/// The search without its page (offset and size), so the same search saved
/// from page 3 is the same saved search.
pub fn normalise_for_saving(q: &Query) -> Query {
    Query {
        offset: 0,
        limit: DEFAULT_LIMIT,
        ..q.clone()
    }
}

/// Save (or re-save) a search, newest first; returns its identity.
pub fn upsert_saved_search(list: &mut Vec<SavedSearch>, q: &Query, today: i32) -> String {
    let query = normalise_for_saving(q).to_query_string();
    let day = days_to_iso(today);
    list.retain(|s| s.query != query);
    list.insert(
        0,
        SavedSearch {
            query: query.clone(),
            created: day.clone(),
            last_visit: day,
        },
    );
    list.truncate(MAX_SAVED_SEARCHES);
    query
}

pub fn remove_saved_search(list: &mut Vec<SavedSearch>, query: &str) {
    list.retain(|s| s.query != query);
}

/// Is this search (whatever its page) saved?
pub fn is_saved(list: &[SavedSearch], q: &Query) -> bool {
    let query = normalise_for_saving(q).to_query_string();
    list.iter().any(|s| s.query == query)
}

/// Record that a saved search was opened today. Returns true if it changed.
pub fn mark_visited(list: &mut [SavedSearch], q: &Query, today: i32) -> bool {
    let query = normalise_for_saving(q).to_query_string();
    let day = days_to_iso(today);
    match list.iter_mut().find(|s| s.query == query) {
        Some(s) if s.last_visit != day => {
            s.last_visit = day;
            true
        }
        _ => false,
    }
}

/// The query whose total is the number of offers published after
/// `last_visit` (days), or `None` when none can be new (visited today).
/// The saved search's own "posted within" filter still applies.
pub fn new_since_query(q: &Query, last_visit: i32, today: i32) -> Option<Query> {
    // published > last_visit  ⇔  published ≥ today − (today − last_visit − 1)
    let within = today - last_visit - 1;
    if within < 0 {
        return None;
    }
    let within = within.min(u16::MAX as i32) as u16;
    let posted = Some(q.posted_within_days.map_or(within, |d| d.min(within)));
    Some(Query {
        posted_within_days: posted,
        offset: 0,
        limit: 1,
        ..q.clone()
    })
}

/// [`new_since_query`] for a stored saved search (a bad date counts as today).
pub fn new_since_saved(s: &SavedSearch, today: i32) -> Option<Query> {
    let last = iso_to_days(&s.last_visit).unwrap_or(today);
    new_since_query(&Query::from_query_string(&s.query), last, today)
}

/// How many filters besides the text, province and place a search has
/// (for "+3 filtri" in a saved search's description).
pub fn other_filter_count(q: &Query) -> usize {
    q.profession_groups.len()
        + q.sectors.len()
        + q.contracts.len()
        + q.working_times.len()
        + usize::from(q.posted_within_days.is_some())
        + usize::from(q.reserved_l68)
        + usize::from(q.internship)
}

/// How many filters a search has in all (the "Filtri (N)" button).
pub fn active_filter_count(q: &Query) -> usize {
    q.provinces.len()
        + usize::from(q.comune.is_some() || q.origin.is_some())
        + other_filter_count(q)
}

// ---------------------------------------------------------------------------
// Applying

/// What the person lets the app remember after a first application.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The application form ("candidatura").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ApplicationForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub message: String,
    /// Consent to remember name, email and phone on this device.
    pub remember: bool,
}

pub const APPLICATION_MESSAGE_MAX: usize = 1000;
pub const NAME_MAX: usize = 100;

/// A field id and the translation key of what is wrong with it.
pub type FieldError = (&'static str, &'static str);

pub fn validate_application(f: &ApplicationForm) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = f.name.trim();
    if name.is_empty() {
        errors.push(("apply-name", "vacancies.apply.err.name_required"));
    } else if name.chars().count() > NAME_MAX {
        errors.push(("apply-name", "vacancies.apply.err.name_too_long"));
    }
    let email = f.email.trim();
    if email.is_empty() {
        errors.push(("apply-email", "vacancies.apply.err.email_required"));
    } else if !is_plausible_email(email) {
        errors.push(("apply-email", "vacancies.apply.err.email_invalid"));
    }
    let phone = f.phone.trim();
    if phone.is_empty() {
        errors.push(("apply-phone", "vacancies.apply.err.phone_required"));
    } else if !is_plausible_phone(phone) {
        errors.push(("apply-phone", "vacancies.apply.err.phone_invalid"));
    }
    if f.message.trim().chars().count() > APPLICATION_MESSAGE_MAX {
        errors.push(("apply-message", "vacancies.apply.err.message_too_long"));
    }
    errors
}

impl ApplicationForm {
    pub fn from_profile(p: &Profile) -> Self {
        ApplicationForm {
            name: p.name.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            message: String::new(),
            remember: !p.name.is_empty() || !p.email.is_empty(),
        }
    }

    pub fn profile(&self) -> Profile {
        Profile {
            name: self.name.trim().to_string(),
            email: self.email.trim().to_string(),
            phone: self.phone.trim().to_string(),
        }
    }
}

/// The JSON sent to `POST /applications` (the demo API requires `vacancy_id`).
pub fn application_payload(v: &Vacancy, f: &ApplicationForm) -> serde_json::Value {
    serde_json::json!({
        "vacancy_id": v.id,
        "vacancy_title": v.title,
        "employer": v.employer.name,
        "workplace": format!("{} ({})", v.workplace.name, v.workplace.province),
        "name": f.name.trim(),
        "email": f.email.trim(),
        "phone": f.phone.trim(),
        "message": f.message.trim(),
    })
}

/// The vacancy id an outbox payload is about, if it is an application.
pub fn payload_vacancy_id(payload: &serde_json::Value) -> Option<&str> {
    payload.get("vacancy_id").and_then(|v| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::SearchIndex;
    use crate::domain::vacancy::parse_vacancy_feed;

    fn day(s: &str) -> i32 {
        iso_to_days(s).unwrap()
    }

    #[test]
    fn hash_is_stable_and_sensitive() {
        assert_eq!(content_hash(""), "cbf29ce484222325");
        assert_eq!(content_hash("a"), "af63dc4c8601ec8c");
        assert_ne!(
            content_hash("{\"items\":[]}"),
            content_hash("{\"items\":[] }")
        );
        assert_eq!(content_hash("x").len(), 16);
    }

    #[test]
    fn dates_and_freshness() {
        let today = day("2026-11-23");
        assert_eq!(format_date_it(today), "23/11/2026");
        assert_eq!(format_date_it(day("2024-02-29")), "29/02/2024");
        assert_eq!(freshness(today, today), Freshness::Today);
        assert_eq!(
            freshness(today + 2, today),
            Freshness::Today,
            "a future date is not 'days ago'"
        );
        assert_eq!(freshness(today - 1, today), Freshness::Yesterday);
        assert_eq!(freshness(today - 3, today), Freshness::DaysAgo(3));
        assert_eq!(expiry(today - 1, today), Expiry::Expired);
        assert_eq!(expiry(today, today), Expiry::Today);
        assert_eq!(expiry(today + 1, today), Expiry::Tomorrow);
        assert_eq!(expiry(today + 10, today), Expiry::InDays(10));
    }

    fn fav(id: &str) -> Favourite {
        Favourite {
            id: id.into(),
            title: format!("Offerta {id}"),
            employer: String::new(),
            comune: String::new(),
            province: String::new(),
            expires: String::new(),
            added: String::new(),
        }
    }

    #[test]
    fn favourites_toggle_newest_first() {
        let mut list = Vec::new();
        assert!(toggle_favourite(&mut list, fav("a")));
        assert!(toggle_favourite(&mut list, fav("b")));
        assert_eq!(
            list.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert!(is_favourite(&list, "a"));
        assert!(!toggle_favourite(&mut list, fav("a")));
        assert!(!is_favourite(&list, "a"));
        for i in 0..MAX_FAVOURITES + 5 {
            toggle_favourite(&mut list, fav(&format!("x{i}")));
        }
        assert_eq!(list.len(), MAX_FAVOURITES);
        let json = serde_json::to_string(&list[0]).unwrap();
        assert_eq!(serde_json::from_str::<Favourite>(&json).unwrap(), list[0]);
    }

    #[test]
    fn saved_searches_ignore_the_page_and_track_visits() {
        let today = day("2026-11-23");
        let mut list = Vec::new();
        let q = Query::from_query_string("q=magazziniere&prov=BO&da=40");
        let id = upsert_saved_search(&mut list, &q, today - 5);
        assert_eq!(id, "q=magazziniere&prov=BO");
        assert!(is_saved(
            &list,
            &Query::from_query_string("q=magazziniere&prov=BO")
        ));
        upsert_saved_search(
            &mut list,
            &Query::from_query_string("q=magazziniere&prov=BO&n=50"),
            today - 5,
        );
        assert_eq!(list.len(), 1, "same search saved once");
        assert_eq!(list[0].last_visit, "2026-11-18");
        assert!(mark_visited(&mut list, &q, today));
        assert!(!mark_visited(&mut list, &q, today));
        assert_eq!(list[0].last_visit, "2026-11-23");
        remove_saved_search(&mut list, &id);
        assert!(list.is_empty());
    }

    #[test]
    fn new_since_query_counts_days_after_the_visit() {
        let today = day("2026-11-23");
        let q = Query::text("cuoco");
        assert_eq!(new_since_query(&q, today, today), None);
        let y = new_since_query(&q, today - 1, today).unwrap();
        assert_eq!(
            y.posted_within_days,
            Some(0),
            "visited yesterday: published today"
        );
        assert_eq!(y.text, "cuoco");
        let w = new_since_query(&q, today - 10, today).unwrap();
        assert_eq!(w.posted_within_days, Some(9));
        let narrow = Query {
            posted_within_days: Some(3),
            ..q.clone()
        };
        assert_eq!(
            new_since_query(&narrow, today - 10, today)
                .unwrap()
                .posted_within_days,
            Some(3)
        );
    }

    #[test]
    fn new_since_matches_a_brute_force_count_on_the_demo_feed() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/data/vacancies.json"
        ))
        .unwrap();
        let (offers, _) = parse_vacancy_feed(&text).unwrap();
        let index = SearchIndex::build(&offers);
        let today = day("2026-11-23");
        for last in [today - 1, today - 4, today - 15] {
            let q = new_since_query(&Query::default(), last, today).unwrap();
            let got = index.search(&q, today).total as usize;
            let want = offers
                .iter()
                .filter(|v| day(&v.expires) >= today && day(&v.published) > last)
                .count();
            assert_eq!(got, want, "last visit {last}");
        }
    }

    #[test]
    fn filter_counts() {
        let q = Query::from_query_string(
            "q=x&prov=BO,MO&comune=Bologna&raggio=20&contratto=apprendistato&l68=1",
        );
        assert_eq!(other_filter_count(&q), 2);
        assert_eq!(active_filter_count(&q), 5);
        assert_eq!(active_filter_count(&Query::text("x")), 0);
    }

    #[test]
    fn application_validation_messages() {
        let empty = ApplicationForm::default();
        let errs = validate_application(&empty);
        let keys: Vec<&str> = errs.iter().map(|e| e.1).collect();
        assert_eq!(
            keys,
            [
                "vacancies.apply.err.name_required",
                "vacancies.apply.err.email_required",
                "vacancies.apply.err.phone_required"
            ]
        );
        let bad = ApplicationForm {
            name: "Maria Rossi".into(),
            email: "maria@".into(),
            phone: "12ab".into(),
            message: "x".repeat(APPLICATION_MESSAGE_MAX + 1),
            remember: false,
        };
        let keys: Vec<&str> = validate_application(&bad).iter().map(|e| e.1).collect();
        assert_eq!(
            keys,
            [
                "vacancies.apply.err.email_invalid",
                "vacancies.apply.err.phone_invalid",
                "vacancies.apply.err.message_too_long"
            ]
        );
        let good = ApplicationForm {
            name: " Maria Rossi ".into(),
            email: "maria.rossi@example.it".into(),
            phone: "+39 051 123456".into(),
            message: String::new(),
            remember: true,
        };
        assert!(validate_application(&good).is_empty());
        assert_eq!(good.profile().name, "Maria Rossi");
        let again = ApplicationForm::from_profile(&good.profile());
        assert!(again.remember && again.message.is_empty());
    }

    #[test]
    fn payload_carries_the_vacancy_id() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/data/vacancies.json"
        ))
        .unwrap();
        let (offers, _) = parse_vacancy_feed(&text).unwrap();
        let f = ApplicationForm {
            name: "A".into(),
            email: "a@b.it".into(),
            phone: "051123456".into(),
            ..Default::default()
        };
        let p = application_payload(&offers[0], &f);
        assert_eq!(payload_vacancy_id(&p), Some(offers[0].id.as_str()));
        assert_eq!(p["email"], "a@b.it");
        assert_eq!(
            payload_vacancy_id(&serde_json::json!({"subject": "x"})),
            None
        );
    }
}
