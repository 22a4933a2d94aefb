//! The place pickers: birthplaces (historic comuni and foreign states) and
//! comuni for the residence and domicile.

use crate::domain::codice_fiscale::BelfioreRecord;
use crate::domain::comuni::{BelfioreIndex, BelfioreIndexBuilder, BelfioreItem, ComuniIndex};
use crate::domain::date::Date;
use crate::domain::text::fold;
use std::sync::Arc;

/// One choice of a place picker.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceOption {
    /// Belfiore code (birthplace) or ISTAT code (residence).
    pub code: String,
    pub label: String,
}

/// The birthplaces (historic comuni and foreign states) for the picker.
/// Entries are in feed order: [`BirthplaceIndex::suggest`] ranks the hits by
/// its own key (ties keep feed order, as a stable sort by name would), so
/// building the index needs no sort.
#[derive(Clone, Debug, Default)]
pub struct BirthplaceIndex {
    entries: Vec<Entry>,
}

/// A record with its folded name, with and without spaces (computed once,
/// not on every keystroke).
#[derive(Clone, Debug)]
struct Entry {
    folded: String,
    compact: String,
    record: BelfioreRecord,
}

/// Builds a [`BirthplaceIndex`] one record at a time.
#[derive(Clone, Debug, Default)]
pub struct BirthplaceIndexBuilder {
    entries: Vec<Entry>,
}

impl BirthplaceIndexBuilder {
    pub fn with_capacity(n: usize) -> Self {
        BirthplaceIndexBuilder {
            entries: Vec::with_capacity(n),
        }
    }

    pub fn push_record(&mut self, record: BelfioreRecord) {
        let folded = fold(&record.name);
        if !folded.is_empty() {
            let compact = folded.split(' ').collect();
            self.entries.push(Entry {
                folded,
                compact,
                record,
            });
        }
    }

    pub fn finish(self) -> BirthplaceIndex {
        BirthplaceIndex {
            entries: self.entries,
        }
    }
}

impl BirthplaceIndex {
    pub fn new<'a>(items: impl IntoIterator<Item = &'a BelfioreItem>) -> Self {
        let mut b = BirthplaceIndexBuilder::default();
        for i in items {
            b.push_record(BelfioreRecord::from(i.clone()));
        }
        b.finish()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Comuni (`abroad == false`) or foreign states whose name or one of its
    /// words starts with `query`, best first: the exact name, then name
    /// prefix, then word prefix; periods covering `birth` first, then those
    /// still in force. At most `limit`, one per code and name.
    pub fn suggest(
        &self,
        query: &str,
        abroad: bool,
        birth: Option<Date>,
        limit: usize,
    ) -> Vec<PlaceOption> {
        let q = fold(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let q_compact: String = q.split(' ').collect();
        // A later word starts with the query (which may hold spaces itself).
        let q_word = format!(" {q}");
        let mut hits: Vec<(u8, u8, usize, &str, &BelfioreRecord)> = Vec::new();
        for Entry {
            folded: name,
            compact,
            record: r,
        } in &self.entries
        {
            if r.foreign != abroad {
                continue;
            }
            let rank = if *compact == q_compact {
                0
            } else if compact.starts_with(&q_compact) {
                1
            } else if name.contains(&q_word) {
                2
            } else {
                continue;
            };
            let era = match birth {
                Some(b) if r.covers(b) => 0,
                _ if r.valid_to.is_none() => 1,
                _ => 2,
            };
            hits.push((rank, era, name.len(), name.as_str(), r));
        }
        hits.sort_by(|a, b| (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3)));
        let mut out: Vec<PlaceOption> = Vec::new();
        for (_, _, _, _, r) in hits {
            let label = birthplace_label(r);
            if out.iter().any(|o| o.code == r.code && o.label == label) {
                continue;
            }
            out.push(PlaceOption {
                code: r.code.clone(),
                label,
            });
            if out.len() >= limit {
                break;
            }
        }
        out
    }
}

/// What the DID needs from the `belfiore` feed: the dated codes (to check
/// the birthplace in the codice fiscale) and the birthplace picker.
#[derive(Clone, Debug, Default)]
pub struct Birthplaces {
    pub belfiore: Arc<BelfioreIndex>,
    pub births: Arc<BirthplaceIndex>,
}

/// Builds [`Birthplaces`] one `belfiore` item at a time.
#[derive(Clone, Debug, Default)]
pub struct BirthplacesBuilder {
    belfiore: BelfioreIndexBuilder,
    births: BirthplaceIndexBuilder,
}

impl BirthplacesBuilder {
    pub fn with_capacity(n: usize) -> Self {
        BirthplacesBuilder {
            belfiore: BelfioreIndexBuilder::with_capacity(n),
            births: BirthplaceIndexBuilder::with_capacity(n),
        }
    }

    pub fn push(&mut self, item: BelfioreItem) {
        let record = BelfioreRecord::from(item);
        self.births.push_record(record.clone());
        self.belfiore.push_record(record);
    }

    pub fn finish(self) -> Birthplaces {
        Birthplaces {
            belfiore: Arc::new(self.belfiore.finish()),
            births: Arc::new(self.births.finish()),
        }
    }
}

/// "Abano Terme (PD)", "Bazzano (BO) – fino al 2013", "Francia".
pub fn birthplace_label(record: &BelfioreRecord) -> String {
    let mut s = record.name.clone();
    if let Some(p) = record.province.as_deref().filter(|p| !p.is_empty()) {
        s.push_str(&format!(" ({p})"));
    }
    if let Some(t) = record.valid_to {
        s.push_str(&format!(" – fino al {}", t.year));
    }
    s
}

/// Comuni for the residence and domicile pickers.
/// The CAPs of a comune for a hint: all of them, or first–last when there
/// are many (big cities have dozens).
pub fn caps_hint(caps: &[String]) -> String {
    match (caps.first(), caps.last()) {
        (Some(first), Some(last)) if caps.len() > 4 => format!("{first}–{last}"),
        _ => caps.join(", "),
    }
}

/// The CAP to fill in for a comune that has only one.
pub fn single_cap(caps: &[String]) -> Option<String> {
    match caps {
        [only] => Some(only.clone()),
        _ => None,
    }
}

pub fn suggest_comuni(idx: &ComuniIndex, query: &str, limit: usize) -> Vec<PlaceOption> {
    idx.suggest(query, limit)
        .into_iter()
        .map(|c| PlaceOption {
            code: c.istat.clone(),
            label: c.label(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::did::test_support::d;

    #[test]
    fn birthplace_suggestions_include_historic_comuni() {
        let items: Vec<BelfioreItem> = serde_json::from_str(
            r#"[{"c":"A726","n":"Bazzano","p":"BO","f":"1861-03-17","t":"2013-12-31"},
                {"c":"M320","n":"Valsamoggia","p":"BO","f":"2014-01-01"},
                {"c":"A944","n":"Bologna","p":"BO"},
                {"c":"Z110","n":"Francia","x":true},
                {"c":"Z404","n":"Stati Uniti d'America","x":true}]"#,
        )
        .unwrap();
        let idx = BirthplaceIndex::new(items.iter());
        let s = idx.suggest("baz", false, Some(d(1980, 1, 1)), 5);
        assert_eq!(
            s,
            vec![PlaceOption {
                code: "A726".into(),
                label: "Bazzano (BO) – fino al 2013".into()
            }]
        );
        assert!(idx.suggest("baz", true, None, 5).is_empty());
        assert_eq!(idx.suggest("america", true, None, 5)[0].code, "Z404");
        assert_eq!(idx.suggest("", false, None, 5), vec![]);
        assert_eq!(idx.suggest("bologna", false, None, 5)[0].code, "A944");
    }

    #[test]
    fn cap_hints_and_the_single_cap() {
        let caps = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(caps_hint(&caps(&["40121", "40122"])), "40121, 40122");
        assert_eq!(caps_hint(&caps(&["1", "2", "3", "4", "5"])), "1–5");
        assert_eq!(caps_hint(&[]), "");
        assert_eq!(single_cap(&caps(&["40121"])), Some("40121".into()));
        assert_eq!(single_cap(&caps(&["40121", "40122"])), None);
        assert_eq!(single_cap(&[]), None);
    }
}
