//! Facet counters for one search.

use super::classify::ATECO_SECTIONS;
use super::filters::{
    Filters, PlaceFilter, F_CONTRACT, F_INTERNSHIP, F_L68, F_PLACE, F_POSTED, F_PROFESSION,
    F_PROVINCE, F_SECTOR, F_WORKING_TIME,
};
use super::index::{DocMeta, SearchIndex, FLAG_INTERNSHIP, FLAG_L68};
use super::query::{POSTED_WITHIN_DAYS, RADII_KM};
use super::result::FacetCounts;
use crate::domain::vacancy::{ContractType, WorkingTime};

/// Facet counters for one search. "Posted within" and distance are counted
/// in the smallest bucket that holds the document and summed at the end.
pub(super) struct FacetAcc {
    pub(super) provinces: Vec<u32>,
    pub(super) prof: [u32; 16],
    pub(super) sections: [u32; 32],
    pub(super) contracts: [u32; 16],
    pub(super) wts: [u32; 16],
    /// Index by days since publication (0–30): first bucket of POSTED_WITHIN_DAYS.
    pub(super) posted_bucket: [u8; 31],
    pub(super) posted_hist: [u32; POSTED_WITHIN_DAYS.len() + 1],
    pub(super) dist_hist: [u32; RADII_KM.len() + 1],
    pub(super) l68: u32,
    pub(super) internship: u32,
}

impl FacetAcc {
    pub(super) fn new(provinces: usize) -> FacetAcc {
        let mut posted_bucket = [POSTED_WITHIN_DAYS.len() as u8; 31];
        for (d, b) in posted_bucket.iter_mut().enumerate() {
            if let Some(i) = POSTED_WITHIN_DAYS.iter().position(|&n| d as u16 <= n) {
                *b = i as u8;
            }
        }
        FacetAcc {
            provinces: vec![0; provinces],
            prof: [0; 16],
            sections: [0; 32],
            contracts: [0; 16],
            wts: [0; 16],
            posted_bucket,
            posted_hist: [0; POSTED_WITHIN_DAYS.len() + 1],
            dist_hist: [0; RADII_KM.len() + 1],
            l68: 0,
            internship: 0,
        }
    }

    #[inline(always)]
    fn province(&mut self, meta: &DocMeta) {
        if let Some(c) = self.provinces.get_mut(meta.province as usize) {
            *c += 1;
        }
    }

    #[inline(always)]
    fn place(
        &mut self,
        meta: &DocMeta,
        filters: &Filters,
        c2: f32,
        radii_c2: &[f32; RADII_KM.len()],
    ) {
        if filters.centre.is_none() {
            return;
        }
        let in_comune = match filters.place {
            PlaceFilter::Radius { comune, .. } | PlaceFilter::Comune(comune) => {
                comune == Some(meta.comune)
            }
            PlaceFilter::None => false,
        };
        let bucket = if in_comune {
            0
        } else {
            radii_c2
                .iter()
                .position(|&r| c2 <= r)
                .unwrap_or(RADII_KM.len())
        };
        self.dist_hist[bucket] += 1;
    }

    #[inline(always)]
    fn posted(&mut self, meta: &DocMeta, today: i32) {
        self.posted_days(today as i64 - meta.published as i64);
    }

    /// Count a document published `days` days ago.
    #[inline(always)]
    pub(super) fn posted_days(&mut self, days: i64) {
        let bucket = if days < 0 {
            0
        } else if days <= 30 {
            self.posted_bucket[days as usize] as usize
        } else {
            POSTED_WITHIN_DAYS.len()
        };
        self.posted_hist[bucket] += 1;
    }

    /// Count a document that fails at most one facet (`mask`): it counts
    /// everywhere if it fails none, else only in the facet it fails.
    #[inline]
    pub(super) fn add(
        &mut self,
        meta: &DocMeta,
        mask: u32,
        filters: &Filters,
        c2: f32,
        radii_c2: &[f32; RADII_KM.len()],
    ) {
        if mask == 0 {
            self.province(meta);
            self.place(meta, filters, c2, radii_c2);
            self.prof[(meta.prof_group & 15) as usize] += 1;
            self.sections[(meta.section & 31) as usize] += 1;
            self.contracts[(meta.contract & 15) as usize] += 1;
            self.wts[(meta.working_time & 15) as usize] += 1;
            self.posted(meta, filters.today);
            self.l68 += (meta.flags & FLAG_L68 != 0) as u32;
            self.internship += (meta.flags & FLAG_INTERNSHIP != 0) as u32;
            return;
        }
        match mask.trailing_zeros() {
            F_PROVINCE => self.province(meta),
            F_PLACE => self.place(meta, filters, c2, radii_c2),
            F_PROFESSION => self.prof[(meta.prof_group & 15) as usize] += 1,
            F_SECTOR => self.sections[(meta.section & 31) as usize] += 1,
            F_CONTRACT => self.contracts[(meta.contract & 15) as usize] += 1,
            F_WORKING_TIME => self.wts[(meta.working_time & 15) as usize] += 1,
            F_POSTED => self.posted(meta, filters.today),
            F_L68 => self.l68 += (meta.flags & FLAG_L68 != 0) as u32,
            F_INTERNSHIP => self.internship += (meta.flags & FLAG_INTERNSHIP != 0) as u32,
            _ => {}
        }
    }

    pub(super) fn finish(self, index: &SearchIndex, centre: bool) -> FacetCounts {
        let cumulative = |hist: &[u32]| -> Vec<u32> {
            hist.iter()
                .scan(0u32, |acc, &x| {
                    *acc += x;
                    Some(*acc)
                })
                .collect()
        };
        let posted = cumulative(&self.posted_hist);
        let dist = cumulative(&self.dist_hist);
        FacetCounts {
            provinces: index
                .provinces
                .iter()
                .cloned()
                .zip(self.provinces.iter().copied())
                .collect(),
            profession_groups: (1..=9u8).map(|g| (g, self.prof[g as usize])).collect(),
            sectors: ATECO_SECTIONS
                .iter()
                .enumerate()
                .map(|(i, s)| (s.0, self.sections[i + 1]))
                .collect(),
            contracts: ContractType::ALL
                .iter()
                .map(|&c| (c, self.contracts[c.index()]))
                .collect(),
            working_times: WorkingTime::ALL
                .iter()
                .map(|&w| (w, self.wts[w.index()]))
                .collect(),
            posted_within: POSTED_WITHIN_DAYS.iter().copied().zip(posted).collect(),
            distance: if centre {
                RADII_KM.iter().copied().zip(dist).collect()
            } else {
                Vec::new()
            },
            reserved_l68: self.l68,
            internship: self.internship,
        }
    }
}
