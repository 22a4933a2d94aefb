//! The rules of the offers' search controls (`/offerte`): the text box
//! (when to suggest, what typing does to the page) and the filter panel
//! (which comune a typed name means, how a comune is labelled, ticking a
//! value, the facet count of a value, what "reset" keeps). The views only
//! show and call.

use crate::domain::comuni::ComuniIndex;
use crate::domain::search::{Query, SearchIndex, POSTED_WITHIN_DAYS};
use crate::domain::text::fold;

/// ATECO sections A–U, the sector facet's values.
pub const ATECO_SECTIONS: [char; 21] = [
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S',
    'T', 'U',
];

/// CP major groups 1–9, the profession facet's values.
pub const PROFESSION_GROUPS: std::ops::RangeInclusive<u8> = 1..=9;

/// The radius set when a comune with coordinates is chosen and none was.
pub const DEFAULT_RADIUS_KM: u16 = 20;

/// Fewest characters typed (spaces aside) before suggestions are offered.
pub const MIN_SUGGEST_CHARS: usize = 2;

/// How many comuni suggestions are searched to resolve a typed name.
const RESOLVE_CANDIDATES: usize = 20;

/// A comune the person picked: its code for the query (ISTAT, or the name
/// when the offers give none) and its coordinates when known.
#[derive(Clone, Debug, PartialEq)]
pub struct PickedComune {
    pub code: String,
    pub origin: Option<(f32, f32)>,
}

/// True when the text box has enough to suggest from.
pub fn wants_suggestions(typed: &str) -> bool {
    typed.trim().chars().count() >= MIN_SUGGEST_CHARS
}

/// The search with the text being typed; a changed text starts again from
/// the first page.
pub fn with_typed_text(mut q: Query, typed: String) -> Query {
    if typed != q.text {
        q.text = typed;
        q.offset = 0;
    }
    q
}

/// Tick or untick `v`: removed when present, appended otherwise.
pub fn toggle<T: PartialEq>(list: &mut Vec<T>, v: T) {
    if let Some(i) = list.iter().position(|x| *x == v) {
        list.remove(i);
    } else {
        list.push(v);
    }
}

/// The count of `key` in a facet's `(value, count)` list; 0 when absent.
pub fn count_of<K: PartialEq>(counts: &[(K, u32)], key: &K) -> u32 {
    counts
        .iter()
        .find(|x| x.0 == *key)
        .map(|x| x.1)
        .unwrap_or(0)
}

/// The "posted within" choices: any time, then each of [`POSTED_WITHIN_DAYS`].
pub fn posted_choices() -> impl Iterator<Item = Option<u16>> {
    std::iter::once(None).chain(POSTED_WITHIN_DAYS.into_iter().map(Some))
}

/// A comune typed or picked: by its label "Nome (PR)" or its name (case
/// and accents ignored), in the comuni list when loaded, else among the
/// places of the offers. None when nothing matches.
pub fn resolve_comune(
    text: &str,
    comuni: Option<&ComuniIndex>,
    index: Option<&SearchIndex>,
) -> Option<PickedComune> {
    let wanted = fold(text.trim());
    if wanted.is_empty() {
        return None;
    }
    if let Some(ci) = comuni {
        let hit = ci
            .suggest(text, RESOLVE_CANDIDATES)
            .into_iter()
            .find(|c| fold(&c.label()) == wanted || fold(&c.name) == wanted);
        if let Some(c) = hit {
            return Some(PickedComune {
                code: c.istat.clone(),
                origin: c.coords().map(|(a, b)| (a as f32, b as f32)),
            });
        }
    }
    let idx = index?;
    idx.comuni()
        .find(|c| fold(c.name) == wanted || fold(&format!("{} ({})", c.name, c.province)) == wanted)
        .map(|c| {
            let code = if c.istat.is_empty() {
                c.name.to_string()
            } else {
                c.istat.to_string()
            };
            let origin = (c.lat.is_finite() && c.lon.is_finite()).then_some((c.lat, c.lon));
            PickedComune { code, origin }
        })
}

/// The label of the comune in a query ("Bologna (BO)"), from the comuni
/// list, else from the offers (by ISTAT, Belfiore code or name); the code
/// itself when neither knows it.
pub fn comune_label(
    code: &str,
    comuni: Option<&ComuniIndex>,
    index: Option<&SearchIndex>,
) -> String {
    if let Some(c) = comuni.and_then(|ci| ci.by_istat(code)) {
        return c.label();
    }
    if let Some(c) = index.and_then(|i| {
        i.comuni()
            .find(|c| c.istat == code || c.belfiore == code || c.name == code)
    }) {
        return format!("{} ({})", c.name, c.province);
    }
    code.to_string()
}

/// Choose a comune as the centre of the search; a radius is set when the
/// comune has coordinates and none was chosen.
pub fn choose_comune(q: &mut Query, picked: &PickedComune) {
    q.comune = Some(picked.code.clone());
    q.origin = picked.origin;
    if q.radius_km.is_none() && picked.origin.is_some() {
        q.radius_km = Some(DEFAULT_RADIUS_KM);
    }
}

/// True when the search has a centre (a comune or coordinates): only then
/// does a radius mean anything.
pub fn has_centre(q: &Query) -> bool {
    q.comune.is_some() || q.origin.is_some()
}

/// No place: comune, centre and radius cleared.
pub fn clear_place(q: &mut Query) {
    q.comune = None;
    q.origin = None;
    q.radius_km = None;
}

/// "Reset filters": every filter cleared; the text, the order and the page
/// size stay.
pub fn reset_filters(q: &Query) -> Query {
    Query {
        text: q.text.clone(),
        sort: q.sort,
        limit: q.limit,
        ..Query::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::comuni::Comune;
    use crate::domain::search::SortOrder;
    use crate::domain::vacancy::Vacancy;

    fn comune(istat: &str, name: &str, prov: &str, geo: Option<(f64, f64)>) -> Comune {
        Comune {
            istat: istat.into(),
            name: name.into(),
            alt_name: None,
            province: prov.into(),
            region: "Emilia-Romagna".into(),
            belfiore: "X000".into(),
            cap: vec![],
            lat: geo.map(|g| g.0),
            lon: geo.map(|g| g.1),
        }
    }

    fn comuni() -> ComuniIndex {
        ComuniIndex::new([
            comune("037006", "Bologna", "BO", Some((44.4938, 11.3387))),
            comune("040012", "Forlì", "FC", None),
        ])
    }

    fn offer(id: &str, workplace: serde_json::Value, geo: Option<(f64, f64)>) -> Vacancy {
        let mut v = serde_json::json!({
            "id": id, "title": "Magazziniere", "description": "Carico e scarico merci.",
            "employer": {"name": "Ditta"}, "workplace": workplace,
            "contract": "tempo_determinato", "working_time": "full_time", "posts": 1,
            "published": "2026-11-01", "expires": "2026-12-31"
        });
        if let Some((lat, lon)) = geo {
            v["lat"] = lat.into();
            v["lon"] = lon.into();
        }
        serde_json::from_value(v).unwrap_or_else(|e| panic!("{e}"))
    }

    fn index() -> SearchIndex {
        SearchIndex::build(&[
            offer(
                "A",
                serde_json::json!({"istat": "036023", "belfiore": "F257", "name": "Modena", "province": "MO"}),
                Some((44.65, 10.92)),
            ),
            offer(
                "B",
                serde_json::json!({"name": "Sestola", "province": "MO"}),
                None,
            ),
        ])
    }

    #[test]
    fn suggestions_need_two_characters() {
        assert!(!wants_suggestions(""));
        assert!(!wants_suggestions(" a "));
        assert!(wants_suggestions("cu"));
        assert!(wants_suggestions("è ì"));
    }

    #[test]
    fn typing_goes_back_to_the_first_page() {
        let q = Query {
            text: "cuoco".into(),
            offset: 40,
            ..Query::default()
        };
        assert_eq!(with_typed_text(q.clone(), "cuoco".into()), q);
        let typed = with_typed_text(q, "cuoca".into());
        assert_eq!((typed.text.as_str(), typed.offset), ("cuoca", 0));
    }

    #[test]
    fn toggle_adds_and_removes() {
        let mut v = vec!["BO".to_string()];
        toggle(&mut v, "MO".to_string());
        assert_eq!(v, ["BO", "MO"]);
        toggle(&mut v, "BO".to_string());
        assert_eq!(v, ["MO"]);
        toggle(&mut v, "MO".to_string());
        assert!(v.is_empty());
    }

    #[test]
    fn counts_default_to_zero() {
        let counts = vec![('A', 3), ('C', 12)];
        assert_eq!(count_of(&counts, &'C'), 12);
        assert_eq!(count_of(&counts, &'B'), 0);
        assert_eq!(count_of::<u16>(&[], &7), 0);
    }

    #[test]
    fn posted_choices_start_with_any_time() {
        let c: Vec<Option<u16>> = posted_choices().collect();
        assert_eq!(c.len(), POSTED_WITHIN_DAYS.len() + 1);
        assert_eq!(c[0], None);
        assert_eq!(c[1], Some(POSTED_WITHIN_DAYS[0]));
    }

    #[test]
    fn resolves_from_the_comuni_list_by_name_or_label() {
        let ci = comuni();
        let bo = resolve_comune("bologna", Some(&ci), None).map(|p| p.code);
        assert_eq!(bo.as_deref(), Some("037006"));
        let bo = resolve_comune(" BOLOGNA ", Some(&ci), None);
        assert_eq!(bo.as_ref().map(|p| p.code.as_str()), Some("037006"));
        assert!(bo.and_then(|p| p.origin).is_some());
        // Without coordinates: no origin.
        let fo = resolve_comune("forli", Some(&ci), None);
        assert_eq!(
            fo,
            Some(PickedComune {
                code: "040012".into(),
                origin: None
            })
        );
        // A prefix is not a comune.
        assert_eq!(resolve_comune("Bolo", Some(&ci), None), None);
        assert_eq!(resolve_comune("  ", Some(&ci), None), None);
    }

    #[test]
    fn falls_back_to_the_places_of_the_offers() {
        let idx = index();
        let mo = resolve_comune("MODENA (mo)", None, Some(&idx));
        assert_eq!(mo.as_ref().map(|p| p.code.as_str()), Some("036023"));
        assert!(mo.and_then(|p| p.origin).is_some());
        // No ISTAT code: the name is the code; no coordinates.
        assert_eq!(
            resolve_comune("sestola", Some(&comuni()), Some(&idx)),
            Some(PickedComune {
                code: "Sestola".into(),
                origin: None
            })
        );
        assert_eq!(resolve_comune("Milano", Some(&comuni()), Some(&idx)), None);
        assert_eq!(resolve_comune("Modena", None, None), None);
    }

    #[test]
    fn labels_from_list_then_offers_then_code() {
        let ci = comuni();
        let idx = index();
        assert_eq!(
            comune_label("037006", Some(&ci), Some(&idx)),
            "Bologna (BO)"
        );
        assert_eq!(comune_label("036023", Some(&ci), Some(&idx)), "Modena (MO)");
        assert_eq!(comune_label("F257", None, Some(&idx)), "Modena (MO)");
        assert_eq!(comune_label("Sestola", None, Some(&idx)), "Sestola (MO)");
        assert_eq!(comune_label("999999", Some(&ci), Some(&idx)), "999999");
        assert_eq!(comune_label("037006", None, None), "037006");
    }

    #[test]
    fn choosing_a_comune_sets_a_radius_only_with_coordinates() {
        let mut q = Query::default();
        let with_geo = PickedComune {
            code: "037006".into(),
            origin: Some((44.5, 11.3)),
        };
        choose_comune(&mut q, &with_geo);
        assert_eq!(q.comune.as_deref(), Some("037006"));
        assert_eq!(q.origin, Some((44.5, 11.3)));
        assert_eq!(q.radius_km, Some(DEFAULT_RADIUS_KM));
        // A radius already chosen stays.
        q.radius_km = Some(50);
        choose_comune(&mut q, &with_geo);
        assert_eq!(q.radius_km, Some(50));
        let mut q = Query::default();
        choose_comune(
            &mut q,
            &PickedComune {
                code: "Sestola".into(),
                origin: None,
            },
        );
        assert_eq!((q.origin, q.radius_km), (None, None));
        assert!(has_centre(&q));
        q.radius_km = Some(10);
        clear_place(&mut q);
        assert!(!has_centre(&q));
        q.origin = Some((44.5, 11.3));
        assert!(has_centre(&q));
        q.origin = None;
        assert_eq!((q.comune, q.origin, q.radius_km), (None, None, None));
    }

    #[test]
    fn reset_keeps_text_order_and_page_size() {
        let q = Query {
            text: "cuoco".into(),
            provinces: vec!["BO".into()],
            comune: Some("037006".into()),
            radius_km: Some(20),
            reserved_l68: true,
            sort: SortOrder::Newest,
            limit: 50,
            offset: 40,
            ..Query::default()
        };
        let r = reset_filters(&q);
        assert_eq!(
            r,
            Query {
                text: "cuoco".into(),
                sort: SortOrder::Newest,
                limit: 50,
                ..Query::default()
            }
        );
    }
}
