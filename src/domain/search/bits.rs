//! Bitset evaluation of the filters and facet counts, used when the
//! candidate set is large (no text, short prefixes): one bitset per facet
//! value, filters are ORs and ANDs of 64-bit words, counts are popcounts.
//! "Counts ignore the facet's own filter" uses prefix/suffix products of the
//! active filters. Results are identical to the per-document scan.

use super::facets::FacetAcc;
use super::filters::{
    Filters, PlaceFilter, F_CONTRACT, F_INTERNSHIP, F_L68, F_PLACE, F_POSTED, F_PROFESSION,
    F_PROVINCE, F_SECTOR, F_WORKING_TIME,
};
use super::geo;
use super::index::{ComuneEntry, DocMeta, SearchIndex, FLAG_INTERNSHIP, FLAG_L68};
use super::query::{SortOrder, POSTED_WITHIN_DAYS, RADII_KM};
use super::rank::{hit_cmp, Hit, TopK};
use super::retrieve::Candidates;
use crate::domain::vacancy::{ContractType, WorkingTime};

pub(super) type Bits = Vec<u64>;

/// Per-value bitsets and orderings, derived from the documents at build and
/// load time (not serialised).
#[derive(Clone, Debug, Default)]
pub(super) struct FacetBits {
    pub words: usize,
    pub province: Vec<Bits>,
    /// 0 unknown, 1–9.
    pub prof: Vec<Bits>,
    /// 0 unknown, 1–21.
    pub section: Vec<Bits>,
    /// 0–99; empty when no document has that division.
    pub division: Vec<Bits>,
    pub contract: Vec<Bits>,
    pub working_time: Vec<Bits>,
    pub l68: Bits,
    pub internship: Bits,
    /// Documents by `published` descending, then document ascending, and
    /// their `published` (read sequentially).
    pub by_published: Vec<u32>,
    pub published_sorted: Vec<i32>,
    /// Documents by `expires` ascending.
    pub by_expires: Vec<u32>,
    /// Documents of each comune (CSR).
    pub comune_offsets: Vec<u32>,
    pub comune_docs: Vec<u32>,
    /// Documents whose coordinates are not exactly their comune's (their
    /// own, or none): distances are computed for these one by one, for the
    /// others once per comune.
    pub own_coords: Vec<u32>,
    pub own_coords_bits: Bits,
}

#[inline]
fn set(b: &mut [u64], d: usize) {
    if let Some(w) = b.get_mut(d / 64) {
        *w |= 1 << (d % 64);
    }
}

#[inline]
fn get(b: &[u64], d: usize) -> bool {
    b.get(d / 64)
        .map(|w| w & (1 << (d % 64)) != 0)
        .unwrap_or(false)
}

fn or_into(dst: &mut [u64], src: &[u64]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d |= s;
    }
}

fn and_into(dst: &mut [u64], src: &[u64]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d &= s;
    }
}

fn popcount(a: &[u64]) -> u32 {
    a.iter().map(|w| w.count_ones()).sum()
}

fn popcount_and(a: &[u64], b: &[u64]) -> u32 {
    if b.is_empty() {
        return 0;
    }
    a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum()
}

/// Calls `visit` with every set bit, ascending.
#[inline]
fn for_each_bit(bits: &[u64], mut visit: impl FnMut(usize)) {
    for (word_index, &word) in bits.iter().enumerate() {
        let mut rest = word;
        while rest != 0 {
            let bit = rest.trailing_zeros() as usize;
            visit(word_index * 64 + bit);
            rest &= rest - 1;
        }
    }
}

impl FacetBits {
    pub fn new(docs: &[DocMeta], provinces: usize, comuni: &[ComuneEntry]) -> FacetBits {
        let at_comune = |meta: &DocMeta| {
            comuni.get(meta.comune as usize).is_some_and(|c| {
                c.lat.to_bits() == meta.lat.to_bits() && c.lon.to_bits() == meta.lon.to_bits()
            })
        };
        let comuni = comuni.len();
        let n = docs.len();
        let words = n.div_ceil(64);
        let zero = || vec![0u64; words];
        let many = |k: usize| (0..k).map(|_| vec![0u64; words]).collect::<Vec<Bits>>();
        let mut fb = FacetBits {
            words,
            province: many(provinces),
            prof: many(10),
            section: many(22),
            division: vec![Vec::new(); 100],
            contract: many(ContractType::ALL.len()),
            working_time: many(WorkingTime::ALL.len()),
            l68: zero(),
            internship: zero(),
            ..FacetBits::default()
        };
        let mut comune_count = vec![0u32; comuni + 1];
        for (i, meta) in docs.iter().enumerate() {
            if let Some(p) = fb.province.get_mut(meta.province as usize) {
                set(p, i);
            }
            set(&mut fb.prof[(meta.prof_group as usize).min(9)], i);
            set(&mut fb.section[(meta.section as usize).min(21)], i);
            let d = &mut fb.division[(meta.division as usize).min(99)];
            if d.is_empty() {
                *d = zero();
            }
            set(d, i);
            set(
                &mut fb.contract[(meta.contract as usize).min(ContractType::ALL.len() - 1)],
                i,
            );
            set(
                &mut fb.working_time[(meta.working_time as usize).min(WorkingTime::ALL.len() - 1)],
                i,
            );
            if meta.flags & FLAG_L68 != 0 {
                set(&mut fb.l68, i);
            }
            if meta.flags & FLAG_INTERNSHIP != 0 {
                set(&mut fb.internship, i);
            }
            if let Some(c) = comune_count.get_mut(meta.comune as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..comune_count.len() {
            comune_count[i] += comune_count[i - 1];
        }
        let mut fill = comune_count.clone();
        let mut comune_docs = vec![0u32; n];
        for (i, meta) in docs.iter().enumerate() {
            if let Some(pos) = fill.get_mut(meta.comune as usize) {
                if let Some(slot) = comune_docs.get_mut(*pos as usize) {
                    *slot = i as u32;
                }
                *pos += 1;
            }
        }
        fb.comune_offsets = comune_count;
        fb.comune_docs = comune_docs;
        fb.own_coords_bits = zero();
        for (i, meta) in docs.iter().enumerate() {
            if !at_comune(meta) {
                fb.own_coords.push(i as u32);
                set(&mut fb.own_coords_bits, i);
            }
        }
        let mut by_published: Vec<u32> = (0..n as u32).collect();
        by_published.sort_by(|&a, &b| {
            docs[b as usize]
                .published
                .cmp(&docs[a as usize].published)
                .then(a.cmp(&b))
        });
        let mut by_expires: Vec<u32> = (0..n as u32).collect();
        by_expires.sort_by_key(|&d| docs[d as usize].expires);
        fb.published_sorted = by_published
            .iter()
            .map(|&d| docs[d as usize].published)
            .collect();
        fb.by_published = by_published;
        fb.by_expires = by_expires;
        fb
    }

    fn comune(&self, c: u32) -> &[u32] {
        match (
            self.comune_offsets.get(c as usize),
            self.comune_offsets.get(c as usize + 1),
        ) {
            (Some(&a), Some(&b)) if a <= b => {
                self.comune_docs.get(a as usize..b as usize).unwrap_or(&[])
            }
            _ => &[],
        }
    }
}

impl SearchIndex {
    /// Search with bitsets. Returns the total, the best `keep` hits (best
    /// first) and fills `facets`.
    pub(super) fn search_bits(
        &self,
        filters: &Filters,
        cand: &Candidates,
        sort: SortOrder,
        keep: usize,
        facets: &mut FacetAcc,
    ) -> (u32, Vec<Hit>) {
        let fb = &self.bits;
        let n = self.docs.len();
        let words = fb.words;
        let zero = || vec![0u64; words];

        // Candidates that have not expired.
        let mut alive = vec![u64::MAX; words];
        if !n.is_multiple_of(64) {
            if let Some(last) = alive.last_mut() {
                *last = (1u64 << (n % 64)) - 1;
            }
        }
        for &d in &fb.by_expires {
            match self.docs.get(d as usize) {
                Some(meta) if meta.expires < filters.today => {
                    alive[d as usize / 64] &= !(1 << (d % 64))
                }
                _ => break,
            }
        }
        let c = match cand {
            Candidates::All => alive,
            Candidates::Set(set) => {
                let mut c = set.clone();
                c.resize(words, 0);
                and_into(&mut c, &alive);
                c
            }
            Candidates::List { docs, .. } => {
                let mut c = zero();
                for &d in docs {
                    set(&mut c, d as usize);
                }
                and_into(&mut c, &alive);
                c
            }
        };

        // With a centre: the radius filter and the distance buckets (RADII_KM
        // index; offers of the filter's comune count as 0 km). Most offers sit
        // at their comune's coordinates, so the squared chord is computed once
        // per comune and its offers are set from the comune's list; offers
        // with their own coordinates are done one by one.
        let mut comune_c2: Vec<f32> = Vec::new();
        let mut within: Bits = Vec::new();
        let mut buckets: Vec<Bits> = Vec::new();
        if let Some(centre) = filters.centre {
            within = zero();
            buckets = (0..=RADII_KM.len()).map(|_| zero()).collect();
            let radii_c2: [f32; RADII_KM.len()] = RADII_KM.map(|r| geo::km_to_chord2(r as f64));
            let (max_c2, comune) = match filters.place {
                PlaceFilter::Radius { max_c2, comune } => (max_c2, comune),
                PlaceFilter::Comune(comune) => (f32::NAN, comune),
                PlaceFilter::None => (f32::NAN, None),
            };
            // Whether an offer at squared chord `c2` passes the radius, and its bucket.
            let classify = |c2: f32, in_comune: bool| -> (bool, usize) {
                let beyond = if c2.is_nan() {
                    RADII_KM.len()
                } else {
                    radii_c2.iter().filter(|&&r| c2 > r).count()
                };
                (
                    c2 <= max_c2 || in_comune,
                    if in_comune { 0 } else { beyond },
                )
            };
            let mut mark = |d: usize, (inside, bucket): (bool, usize)| {
                if inside {
                    set(&mut within, d);
                }
                if let Some(b) = buckets.get_mut(bucket) {
                    set(b, d);
                }
            };
            comune_c2 = self
                .comuni
                .iter()
                .map(|ce| geo::chord2(&geo::unit_vector(ce.lat, ce.lon), &centre))
                .collect();
            for (cm, &c2) in comune_c2.iter().enumerate() {
                let class = classify(c2, comune == Some(cm as u32));
                for &d in fb.comune(cm as u32) {
                    if !get(&fb.own_coords_bits, d as usize) {
                        mark(d as usize, class);
                    }
                }
            }
            for &d in &fb.own_coords {
                if let Some(meta) = self.docs.get(d as usize) {
                    mark(
                        d as usize,
                        classify(geo::chord2(&meta.xyz, &centre), comune == Some(meta.comune)),
                    );
                }
            }
            and_into(&mut within, &c);
            for b in &mut buckets {
                and_into(b, &c);
            }
        }
        let c2_of = |d: usize| match (filters.centre, self.docs.get(d)) {
            (Some(centre), Some(meta)) if get(&fb.own_coords_bits, d) => {
                geo::chord2(&meta.xyz, &centre)
            }
            (Some(_), Some(meta)) => comune_c2
                .get(meta.comune as usize)
                .copied()
                .unwrap_or(f32::NAN),
            _ => f32::NAN,
        };

        // One bitset per active filter.
        let or_of = |sets: &[Bits], mask: u128| -> Bits {
            let mut b = zero();
            for (i, s) in sets.iter().enumerate() {
                if i < 128 && mask & (1u128 << i) != 0 && !s.is_empty() {
                    or_into(&mut b, s);
                }
            }
            b
        };
        let mut active: Vec<(u32, Bits)> = Vec::new();
        if let Some(allowed) = &filters.provinces {
            let mut b = zero();
            for (p, _) in allowed.iter().enumerate().filter(|(_, ok)| **ok) {
                if let Some(s) = fb.province.get(p) {
                    or_into(&mut b, s);
                }
            }
            active.push((F_PROVINCE, b));
        }
        match filters.place {
            PlaceFilter::None => {}
            PlaceFilter::Comune(comune) => {
                let mut b = zero();
                if let Some(cm) = comune {
                    for &d in fb.comune(cm) {
                        set(&mut b, d as usize);
                    }
                }
                active.push((F_PLACE, b));
            }
            PlaceFilter::Radius { .. } => active.push((F_PLACE, std::mem::take(&mut within))),
        }
        if filters.prof_active {
            active.push((F_PROFESSION, or_of(&fb.prof, filters.prof_mask as u128)));
        }
        if filters.sector_active {
            let mut b = or_of(&fb.section, filters.section_mask as u128);
            or_into(&mut b, &or_of(&fb.division, filters.division_mask));
            active.push((F_SECTOR, b));
        }
        if filters.contract_mask != 0 {
            active.push((
                F_CONTRACT,
                or_of(&fb.contract, filters.contract_mask as u128),
            ));
        }
        if filters.wt_mask != 0 {
            active.push((
                F_WORKING_TIME,
                or_of(&fb.working_time, filters.wt_mask as u128),
            ));
        }
        if let Some(min) = filters.min_published {
            let mut b = zero();
            for (&d, &p) in fb.by_published.iter().zip(&fb.published_sorted) {
                if p < min {
                    break;
                }
                set(&mut b, d as usize);
            }
            active.push((F_POSTED, b));
        }
        if filters.l68 {
            active.push((F_L68, fb.l68.clone()));
        }
        if filters.internship {
            active.push((F_INTERNSHIP, fb.internship.clone()));
        }

        // Results and, for each active filter, the set that passes all the others.
        let k = active.len();
        let mut suffix: Vec<Bits> = vec![Vec::new(); k];
        for i in (0..k).rev() {
            let mut s = active[i].1.clone();
            if i + 1 < k {
                and_into(&mut s, &suffix[i + 1]);
            }
            suffix[i] = s;
        }
        let mut prefix = c;
        let mut others: Vec<(u32, Bits)> = Vec::with_capacity(k);
        for i in 0..k {
            let mut o = prefix.clone();
            if i + 1 < k {
                and_into(&mut o, &suffix[i + 1]);
            }
            others.push((active[i].0, o));
            and_into(&mut prefix, &active[i].1);
        }
        let result = prefix;
        let others_of = |facet: u32| -> &Bits {
            others
                .iter()
                .find(|o| o.0 == facet)
                .map(|o| &o.1)
                .unwrap_or(&result)
        };

        // Facet counts.
        let o = others_of(F_PROVINCE);
        for (p, count) in facets.provinces.iter_mut().enumerate() {
            *count = fb.province.get(p).map(|s| popcount_and(o, s)).unwrap_or(0);
        }
        let o = others_of(F_PROFESSION);
        for (g, s) in fb.prof.iter().enumerate() {
            facets.prof[g] = popcount_and(o, s);
        }
        let o = others_of(F_SECTOR);
        for (i, s) in fb.section.iter().enumerate() {
            facets.sections[i] = popcount_and(o, s);
        }
        let o = others_of(F_CONTRACT);
        for (i, s) in fb.contract.iter().enumerate() {
            facets.contracts[i] = popcount_and(o, s);
        }
        let o = others_of(F_WORKING_TIME);
        for (i, s) in fb.working_time.iter().enumerate() {
            facets.wts[i] = popcount_and(o, s);
        }
        facets.l68 = popcount_and(others_of(F_L68), &fb.l68);
        facets.internship = popcount_and(others_of(F_INTERNSHIP), &fb.internship);
        let o = others_of(F_POSTED);
        let mut recent = 0u32;
        for (&d, &p) in fb.by_published.iter().zip(&fb.published_sorted) {
            let days = filters.today as i64 - p as i64;
            if days > 30 {
                break;
            }
            if get(o, d as usize) {
                facets.posted_days(days);
                recent += 1;
            }
        }
        facets.posted_hist[POSTED_WITHIN_DAYS.len()] += popcount(o).saturating_sub(recent);
        let o = others_of(F_PLACE);
        for (i, b) in buckets.iter().enumerate() {
            facets.dist_hist[i] = popcount_and(o, b);
        }

        // Hits.
        let total = popcount(&result);
        let newest_order = matches!(sort, SortOrder::Newest | SortOrder::Relevance);
        if let (Candidates::All | Candidates::Set(_), true) = (cand, newest_order) {
            // Unranked (every score 0): the order is `by_published`.
            let mut hits = Vec::with_capacity(keep.min(total as usize));
            for &d in &fb.by_published {
                if hits.len() >= keep {
                    break;
                }
                if get(&result, d as usize) {
                    let published = self
                        .docs
                        .get(d as usize)
                        .map(|meta| meta.published)
                        .unwrap_or(0);
                    hits.push(Hit {
                        k1: -(published as f32),
                        k2: 0,
                        doc: d,
                    });
                }
                // (`published` is read only for the few hits kept.)
            }
            debug_assert!(hits.windows(2).all(|w| hit_cmp(&w[0], &w[1]).is_lt()));
            return (total, hits);
        }
        let mut top = TopK::new(keep);
        let mut push = |d: u32, score: f32| {
            if let Some(meta) = self.docs.get(d as usize) {
                let (k1, k2) = match sort {
                    SortOrder::Relevance => (-score, meta.published),
                    SortOrder::Newest => (-(meta.published as f32), (score * 1024.0) as i32),
                    SortOrder::Distance => {
                        let c2 = c2_of(d as usize);
                        (if c2.is_nan() { f32::INFINITY } else { c2 }, meta.published)
                    }
                };
                top.push(Hit { k1, k2, doc: d });
            }
        };
        match cand {
            Candidates::All | Candidates::Set(_) => for_each_bit(&result, |d| push(d as u32, 0.0)),
            Candidates::List { docs, scores } => {
                for (&d, &s) in docs.iter().zip(scores) {
                    if get(&result, d as usize) {
                        push(d, s);
                    }
                }
            }
        }
        let (_, hits) = top.finish();
        (total, hits)
    }
}
