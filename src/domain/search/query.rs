//! The query model: what a person asks for (text, filters, order, page).

use crate::domain::vacancy::{ContractType, WorkingTime};

/// Radii (km) whose counts are given when a centre is known.
pub const RADII_KM: [u16; 5] = [5, 10, 20, 50, 100];
/// "Posted within N days" choices whose counts are given.
pub const POSTED_WITHIN_DAYS: [u16; 5] = [1, 3, 7, 14, 30];
/// Page size when none is given.
pub const DEFAULT_LIMIT: u32 = 20;
/// Largest page.
pub const MAX_LIMIT: u32 = 100;

/// Result order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first (newest first when there is no text).
    #[default]
    Relevance,
    /// Most recently published first.
    Newest,
    /// Nearest to the centre first (newest first without a centre);
    /// offers without coordinates last.
    Distance,
}

impl SortOrder {
    pub fn code(self) -> &'static str {
        match self {
            SortOrder::Relevance => "rilevanza",
            SortOrder::Newest => "recenti",
            SortOrder::Distance => "distanza",
        }
    }

    pub fn from_code(s: &str) -> Option<SortOrder> {
        match s {
            "rilevanza" => Some(SortOrder::Relevance),
            "recenti" => Some(SortOrder::Newest),
            "distanza" => Some(SortOrder::Distance),
            _ => None,
        }
    }
}

/// A search: text, filters, order and page. Every state fits in a URL
/// ([`Query::to_query_string`] / [`Query::from_query_string`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// Words typed; the last one is completed as a prefix unless followed by a space.
    pub text: String,
    /// Province sigle (`BO`), any of.
    pub provinces: Vec<String>,
    /// Comune by ISTAT code, Belfiore code or name. Alone: offers in that
    /// comune. With `radius_km`: the centre of the circle when `origin` is
    /// not given (offers in the comune always match).
    pub comune: Option<String>,
    /// Radius in km around `origin` (or the comune).
    pub radius_km: Option<u16>,
    /// Centre `(lat, lon)` for the radius, the distance counts and the sort.
    pub origin: Option<(f32, f32)>,
    /// CP major groups 1–9, any of.
    pub profession_groups: Vec<u8>,
    /// ATECO section letters (`C`) or 2-digit divisions (`47`), any of.
    pub sectors: Vec<String>,
    pub contracts: Vec<ContractType>,
    pub working_times: Vec<WorkingTime>,
    /// Published in the last N days: `published ≥ today − N`.
    pub posted_within_days: Option<u16>,
    /// Only offers reserved to L. 68/1999.
    pub reserved_l68: bool,
    /// Only internships.
    pub internship: bool,
    pub sort: SortOrder,
    /// Page start (number of hits skipped).
    pub offset: u32,
    /// Page size, 1–[`MAX_LIMIT`].
    pub limit: u32,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            text: String::new(),
            provinces: Vec::new(),
            comune: None,
            radius_km: None,
            origin: None,
            profession_groups: Vec::new(),
            sectors: Vec::new(),
            contracts: Vec::new(),
            working_times: Vec::new(),
            posted_within_days: None,
            reserved_l68: false,
            internship: false,
            sort: SortOrder::Relevance,
            offset: 0,
            limit: DEFAULT_LIMIT,
        }
    }
}

impl Query {
    pub fn text(text: &str) -> Query {
        Query {
            text: text.to_string(),
            ..Query::default()
        }
    }
}
