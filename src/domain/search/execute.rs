//! Running a query: compile the filters, retrieve the candidates, filter and
//! count them (per document here, or with bitsets in `bits`), keep the page.

use super::facets::FacetAcc;
use super::filters::{fail_mask, Filters};
use super::geo;
use super::index::SearchIndex;
use super::query::{Query, SortOrder, MAX_LIMIT, RADII_KM};
use super::rank::{Hit, TopK};
use super::result::SearchResult;
use super::retrieve::Candidates;

impl SearchIndex {
    /// Run a query. `today` is the day number (days since 1970-01-01) used
    /// to hide expired offers and for "posted within".
    pub fn search(&self, q: &Query, today: i32) -> SearchResult {
        self.search_with(q, today, None)
    }

    /// [`SearchIndex::search`] forcing the bitset (`true`) or the
    /// per-document (`false`) evaluation; both give the same result. For tests.
    #[doc(hidden)]
    pub fn search_forcing(&self, q: &Query, today: i32, bitsets: bool) -> SearchResult {
        self.search_with(q, today, Some(bitsets))
    }

    fn search_with(&self, q: &Query, today: i32, bitsets: Option<bool>) -> SearchResult {
        let filters = self.compile(q, today);
        let mut facets = FacetAcc::new(self.provinces.len());
        let limit = q.limit.clamp(1, MAX_LIMIT) as usize;
        let start = q.offset as usize;
        let keep = start.saturating_add(limit);
        let sort = match q.sort {
            SortOrder::Distance if filters.centre.is_none() => SortOrder::Newest,
            s => s,
        };
        let text_given = q.text.chars().any(char::is_alphanumeric);
        let sort = if sort == SortOrder::Relevance && !text_given {
            SortOrder::Newest
        } else {
            sort
        };

        let candidates = match self.candidates(&q.text) {
            Some(c) => c,
            None => Candidates::List {
                docs: Vec::new(),
                scores: Vec::new(),
            },
        };
        // Many candidates: bitsets (cost ∝ documents / 64 × facet values);
        // few: a scan of the candidates (cost ∝ candidates).
        let use_bits = bitsets.unwrap_or(match &candidates {
            Candidates::All | Candidates::Set(_) => true,
            Candidates::List { docs, .. } => docs.len() * 4 >= self.docs.len(),
        });
        let (total, hits) = if use_bits {
            self.search_bits(&filters, &candidates, sort, keep, &mut facets)
        } else {
            self.search_scan(&filters, &candidates, sort, keep, &mut facets)
        };
        let page: Vec<u32> = hits
            .get(start.min(hits.len())..)
            .unwrap_or(&[])
            .iter()
            .map(|h| h.doc)
            .collect();
        let distances_km = match filters.centre {
            Some(c) => page
                .iter()
                .map(|&d| {
                    let c2 = self
                        .docs
                        .get(d as usize)
                        .map(|meta| geo::chord2(&meta.xyz, &c))
                        .unwrap_or(f32::NAN);
                    c2.is_finite().then(|| geo::chord2_to_km(c2))
                })
                .collect(),
            None => Vec::new(),
        };
        SearchResult {
            hits: page,
            distances_km,
            total,
            facets: facets.finish(self, filters.centre.is_some()),
        }
    }

    /// Per-document evaluation of the candidates.
    fn search_scan(
        &self,
        filters: &Filters,
        candidates: &Candidates,
        sort: SortOrder,
        keep: usize,
        facets: &mut FacetAcc,
    ) -> (u32, Vec<Hit>) {
        let mut top = TopK::new(keep);
        let radii_c2: [f32; RADII_KM.len()] = RADII_KM.map(|r| geo::km_to_chord2(r as f64));
        let mut visit = |doc: u32, score: f32| {
            let Some(meta) = self.docs.get(doc as usize) else {
                return;
            };
            if meta.expires < filters.today {
                return;
            }
            let c2 = match filters.centre {
                Some(c) => geo::chord2(&meta.xyz, &c),
                None => f32::NAN,
            };
            let mask = fail_mask(meta, filters, c2);
            if mask != 0 && mask & (mask - 1) != 0 {
                return;
            }
            facets.add(meta, mask, filters, c2, &radii_c2);
            if mask == 0 {
                top.push(self.hit(meta, doc, score, sort, filters.centre));
            }
        };
        match candidates {
            Candidates::All => {
                for doc in 0..self.docs.len() as u32 {
                    visit(doc, 0.0);
                }
            }
            Candidates::Set(set) => {
                for doc in 0..self.docs.len() as u32 {
                    if set
                        .get(doc as usize / 64)
                        .is_some_and(|w| w & (1 << (doc % 64)) != 0)
                    {
                        visit(doc, 0.0);
                    }
                }
            }
            Candidates::List { docs, scores } => {
                for (&d, &s) in docs.iter().zip(scores) {
                    visit(d, s);
                }
            }
        }

        top.finish()
    }
}
