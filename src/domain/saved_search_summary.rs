//! What the saved-searches page (`/offerte/salvate`) says about each saved
//! search: the parts of its one-line description ("«cuoco» · BO, MO ·
//! Bologna (BO), entro 20 km · 2 altri filtri") and the query that counts
//! its offers. The view words each part.

use crate::domain::search::{Query, SearchIndex};
use crate::domain::vacancy_filters::comune_label;
use crate::domain::vacancy_lists::other_filter_count;

/// One part of a saved search's description, in display order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SummaryPart {
    /// The text searched, trimmed.
    Text(String),
    /// The province siglas ("BO", "MO"; [`provinces::UNKNOWN`] for the
    /// offers without a place, which the view names).
    ///
    /// [`provinces::UNKNOWN`]: crate::domain::provinces::UNKNOWN
    Provinces(Vec<String>),
    /// The comune's label, and the radius around it when set.
    Place {
        name: String,
        radius_km: Option<u16>,
    },
    /// How many other filters (see [`other_filter_count`]), when any.
    OtherFilters(usize),
}

/// The parts describing `q`; empty for a search with no filter at all
/// ("every offer").
pub fn summary_parts(q: &Query, index: Option<&SearchIndex>) -> Vec<SummaryPart> {
    let mut parts = Vec::new();
    let text = q.text.trim();
    if !text.is_empty() {
        parts.push(SummaryPart::Text(text.to_string()));
    }
    if !q.provinces.is_empty() {
        parts.push(SummaryPart::Provinces(q.provinces.clone()));
    }
    if let Some(c) = &q.comune {
        parts.push(SummaryPart::Place {
            name: comune_label(c, None, index),
            radius_km: q.radius_km,
        });
    }
    match other_filter_count(q) {
        0 => {}
        n => parts.push(SummaryPart::OtherFilters(n)),
    }
    parts
}

/// The same search, asking only for its total (first page, one hit).
pub fn count_query(q: &Query) -> Query {
    Query {
        offset: 0,
        limit: 1,
        ..q.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vacancy::ContractType;

    #[test]
    fn an_empty_search_has_no_parts() {
        assert!(summary_parts(&Query::default(), None).is_empty());
        let blank = Query {
            text: "   ".into(),
            ..Query::default()
        };
        assert!(summary_parts(&blank, None).is_empty());
    }

    #[test]
    fn parts_in_order() {
        let q = Query {
            text: " cuoco ".into(),
            provinces: vec!["BO".into(), "MO".into()],
            comune: Some("037006".into()),
            radius_km: Some(20),
            contracts: vec![ContractType::TempoDeterminato],
            reserved_l68: true,
            ..Query::default()
        };
        assert_eq!(
            summary_parts(&q, None),
            [
                SummaryPart::Text("cuoco".into()),
                SummaryPart::Provinces(vec!["BO".into(), "MO".into()]),
                // No index: the code stands for the name.
                SummaryPart::Place {
                    name: "037006".into(),
                    radius_km: Some(20)
                },
                SummaryPart::OtherFilters(2),
            ]
        );
    }

    #[test]
    fn place_without_radius() {
        let q = Query {
            comune: Some("Sestola".into()),
            ..Query::default()
        };
        assert_eq!(
            summary_parts(&q, None),
            [SummaryPart::Place {
                name: "Sestola".into(),
                radius_km: None
            }]
        );
    }

    #[test]
    fn count_query_keeps_filters_and_asks_one_hit() {
        let q = Query {
            text: "cuoco".into(),
            offset: 40,
            limit: 20,
            ..Query::default()
        };
        let c = count_query(&q);
        assert_eq!((c.offset, c.limit), (0, 1));
        assert_eq!(c.text, "cuoco");
    }
}
