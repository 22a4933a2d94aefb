//! What a search returns: a page of hits, facet counts, result summaries.

use crate::domain::vacancy::{ContractType, WorkingTime};

/// Live counts for every facet, over the offers matching the text and all
/// the *other* facets' filters. Every value is listed, zero counts included.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FacetCounts {
    /// Every province present in the index, sorted by sigla.
    pub provinces: Vec<(String, u32)>,
    /// CP major groups 1–9 (see [`profession_group_label`](super::profession_group_label)).
    pub profession_groups: Vec<(u8, u32)>,
    /// ATECO sections `A`–`U` (see [`ateco_section_label`](super::ateco_section_label)).
    pub sectors: Vec<(char, u32)>,
    pub contracts: Vec<(ContractType, u32)>,
    pub working_times: Vec<(WorkingTime, u32)>,
    /// `(N, count)` for [`POSTED_WITHIN_DAYS`](super::POSTED_WITHIN_DAYS).
    pub posted_within: Vec<(u16, u32)>,
    /// `(km, count)` for [`RADII_KM`](super::RADII_KM); empty when there is no centre.
    pub distance: Vec<(u16, u32)>,
    pub reserved_l68: u32,
    pub internship: u32,
}

/// One page of results.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SearchResult {
    /// Document numbers of the page, in order.
    pub hits: Vec<u32>,
    /// Distance in km of each hit from the centre (parallel to `hits`);
    /// empty without a centre, `None` for offers without coordinates.
    pub distances_km: Vec<Option<f32>>,
    /// Matching offers in all.
    pub total: u32,
    pub facets: FacetCounts,
}

/// What a result list shows of an offer, straight from the index.
#[derive(Clone, Debug, PartialEq)]
pub struct DocSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub employer: &'a str,
    pub comune: &'a str,
    pub province: &'a str,
    /// Days since 1970-01-01.
    pub published: i32,
    pub expires: i32,
    pub contract: ContractType,
    pub working_time: WorkingTime,
    pub reserved_l68: bool,
    pub internship: bool,
    pub lat: Option<f32>,
    pub lon: Option<f32>,
}
