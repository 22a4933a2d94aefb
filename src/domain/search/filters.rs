//! The facet filters of a query compiled against the index, and the test
//! of one document against them.

use super::classify::{division_of, section_index_of_letter};
use super::geo;
use super::index::{DocMeta, SearchIndex, FLAG_INTERNSHIP, FLAG_L68};
use super::query::Query;

pub(super) const F_PROVINCE: u32 = 0;
pub(super) const F_PLACE: u32 = 1;
pub(super) const F_PROFESSION: u32 = 2;
pub(super) const F_SECTOR: u32 = 3;
pub(super) const F_CONTRACT: u32 = 4;
pub(super) const F_WORKING_TIME: u32 = 5;
pub(super) const F_POSTED: u32 = 6;
pub(super) const F_L68: u32 = 7;
pub(super) const F_INTERNSHIP: u32 = 8;

pub(super) enum PlaceFilter {
    None,
    /// Offers in this comune only (`None`: an unknown comune, nothing matches).
    Comune(Option<u32>),
    /// Within `max_c2` of the centre, or in the comune.
    Radius {
        max_c2: f32,
        comune: Option<u32>,
    },
}

/// The query compiled against the index.
pub(super) struct Filters {
    pub(super) provinces: Option<Vec<bool>>,
    pub(super) place: PlaceFilter,
    pub(super) centre: Option<[f32; 3]>,
    pub(super) prof_active: bool,
    pub(super) prof_mask: u16,
    pub(super) section_mask: u32,
    pub(super) division_mask: u128,
    pub(super) sector_active: bool,
    pub(super) contract_mask: u16,
    pub(super) wt_mask: u16,
    pub(super) min_published: Option<i32>,
    pub(super) l68: bool,
    pub(super) internship: bool,
    pub(super) today: i32,
}

impl SearchIndex {
    pub(super) fn compile(&self, q: &Query, today: i32) -> Filters {
        let provinces = (!q.provinces.is_empty()).then(|| {
            let mut allowed = vec![false; self.provinces.len()];
            for p in &q.provinces {
                let p = p.trim().to_ascii_uppercase();
                if let Ok(i) = self.provinces.binary_search(&p) {
                    allowed[i] = true;
                }
            }
            allowed
        });
        let comune = q.comune.as_deref().and_then(|c| self.find_comune(c));
        let origin = q
            .origin
            .map(|(la, lo)| geo::unit_vector(la, lo))
            .filter(|v| v[0].is_finite())
            .or_else(|| {
                let c = self.comuni.get(comune? as usize)?;
                Some(geo::unit_vector(c.lat, c.lon)).filter(|v| v[0].is_finite())
            });
        let place = match (q.radius_km.filter(|&r| r > 0), origin) {
            (Some(r), Some(_)) => PlaceFilter::Radius {
                max_c2: geo::km_to_chord2(r as f64),
                comune,
            },
            (Some(_), None) => PlaceFilter::Comune(comune),
            (None, _)
                if q.comune
                    .as_deref()
                    .map(|c| !c.trim().is_empty())
                    .unwrap_or(false) =>
            {
                PlaceFilter::Comune(comune)
            }
            _ => PlaceFilter::None,
        };
        let mut prof_mask = 0u16;
        for &g in &q.profession_groups {
            if (1..=9).contains(&g) {
                prof_mask |= 1 << g;
            }
        }
        let (mut section_mask, mut division_mask) = (0u32, 0u128);
        for s in &q.sectors {
            let s = s.trim();
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => {
                    if let Some(i) = section_index_of_letter(c.to_ascii_uppercase()) {
                        section_mask |= 1 << i;
                    }
                }
                _ => {
                    if let Some(d) = division_of(s) {
                        division_mask |= 1u128 << d;
                    }
                }
            }
        }
        let mut contract_mask = 0u16;
        for c in &q.contracts {
            contract_mask |= 1 << c.index();
        }
        let mut wt_mask = 0u16;
        for w in &q.working_times {
            wt_mask |= 1 << w.index();
        }
        Filters {
            provinces,
            place,
            centre: origin,
            prof_active: !q.profession_groups.is_empty(),
            prof_mask,
            section_mask,
            division_mask,
            sector_active: !q.sectors.is_empty(),
            contract_mask,
            wt_mask,
            min_published: q.posted_within_days.map(|n| today.saturating_sub(n as i32)),
            l68: q.reserved_l68,
            internship: q.internship,
            today,
        }
    }
}

/// Which facet filters a document fails, as a bit mask of `F_*`.
#[inline]
pub(super) fn fail_mask(meta: &DocMeta, filters: &Filters, c2: f32) -> u32 {
    let mut mask = 0u32;
    if let Some(allowed) = &filters.provinces {
        if !allowed
            .get(meta.province as usize)
            .copied()
            .unwrap_or(false)
        {
            mask |= 1 << F_PROVINCE;
        }
    }
    match filters.place {
        PlaceFilter::None => {}
        PlaceFilter::Comune(c) => {
            if c != Some(meta.comune) {
                mask |= 1 << F_PLACE;
            }
        }
        PlaceFilter::Radius { max_c2, comune } => {
            // NaN (no coordinates) is not within: only the comune matches.
            let within = c2 <= max_c2;
            if !within && comune != Some(meta.comune) {
                mask |= 1 << F_PLACE;
            }
        }
    }
    if filters.prof_active && filters.prof_mask & (1 << meta.prof_group.min(15)) == 0 {
        mask |= 1 << F_PROFESSION;
    }
    if filters.sector_active
        && filters.section_mask & (1u32 << meta.section.min(31)) == 0
        && filters.division_mask & (1u128 << meta.division.min(127)) == 0
    {
        mask |= 1 << F_SECTOR;
    }
    if filters.contract_mask != 0 && filters.contract_mask & (1 << meta.contract.min(15)) == 0 {
        mask |= 1 << F_CONTRACT;
    }
    if filters.wt_mask != 0 && filters.wt_mask & (1 << meta.working_time.min(15)) == 0 {
        mask |= 1 << F_WORKING_TIME;
    }
    if let Some(min) = filters.min_published {
        if meta.published < min {
            mask |= 1 << F_POSTED;
        }
    }
    if filters.l68 && meta.flags & FLAG_L68 == 0 {
        mask |= 1 << F_L68;
    }
    if filters.internship && meta.flags & FLAG_INTERNSHIP == 0 {
        mask |= 1 << F_INTERNSHIP;
    }
    mask
}
