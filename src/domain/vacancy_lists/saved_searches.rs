//! Saved searches, their "N nuove offerte" count and the filter counts
//! that describe a search.

use crate::domain::search::{Query, DEFAULT_LIMIT};
use crate::domain::vacancy::{days_to_iso, iso_to_days};
use serde::{Deserialize, Serialize};

/// Key in the `personal` store.
pub const SAVED_SEARCHES_KEY: &str = "saved_searches";
/// At most this many saved searches are kept (oldest dropped).
pub const MAX_SAVED_SEARCHES: usize = 50;

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
    // (saturating: any two day numbers, as a stored date and a clock give).
    let within = today.saturating_sub(last_visit).saturating_sub(1);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::SearchIndex;
    use crate::domain::vacancy::parse_vacancy_feed;

    fn day(s: &str) -> i32 {
        iso_to_days(s).unwrap()
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
}
