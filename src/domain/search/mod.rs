//! Full-text and faceted search over job offers, built to answer every
//! keystroke over 100,000 offers in a few milliseconds in WASM.
//!
//! - **Inverted index** of stemmed, accent-folded terms ([`crate::domain::text`])
//!   with one precomputed impact per (term, offer) weighting the fields
//!   title ≫ profession label > employer > description/place; scoring is
//!   Σ idf × impact (BM25-like saturation of the term frequency).
//! - **AND** across the words typed; the **last word is a prefix** while the
//!   person is typing (binary search of a range in the sorted dictionary).
//! - **Facets** with live counts over the result set; a facet's own filter
//!   is ignored when counting it (standard faceted search). AND across
//!   facets, OR among the values of one facet.
//! - Expired offers (`expires < today`) are never returned nor counted.
//! - Sort by relevance, newest or distance; only the requested page is
//!   ordered (partial selection).
//! - A compact binary form ([`SearchIndex::to_bytes`]) loads without
//!   re-tokenising the offers; corrupt input is rejected, never a panic.
//! - Each document also carries what offer matching
//!   ([`crate::domain::offer_match`]) compares with a profile: the full CP
//!   and ATECO codes ([`pack_cp`], [`pack_ateco`]), the driving licences,
//!   languages and education level required.
//!
//! Document numbers are `u32` positions in the slice given to
//! [`SearchIndex::build`]; [`SearchIndex::doc`] returns what a result list
//! shows, so the full offers need not be kept in memory.
//!
//! One file per job; dependencies run one way:
//! - model: `query` (the query), `result` (what comes back), `classify`
//!   (CP / ATECO tables), `geo`, `index` (the [`SearchIndex`] type);
//! - `build` (from vacancies, and the one place an index is assembled) ←
//!   `codec` (binary form) ← `prebuilt` (index file with its meta);
//! - `retrieve` (text → scored candidates), `filters`, `rank` ← `facets` ←
//!   `bits` (bitset evaluation) ← `execute` (runs a query); `suggest`.
//!
//! The only loop is a type: the index holds its `bits::FacetBits`.

mod bits;
mod build;
mod classify;
mod codec;
mod execute;
mod facets;
mod filters;
pub mod geo;
mod index;
pub mod prebuilt;
mod query;
mod rank;
mod result;
mod retrieve;
mod suggest;
mod url;

pub use classify::{
    ateco_common_digits, ateco_section_label, ateco_section_of_division, cp_common_levels,
    cp_levels, licence_bit, pack_ateco, pack_cp, profession_group_label,
};
pub use codec::IndexDecoder;
pub use geo::haversine_km;
pub use index::{ComuneInfo, SearchIndex};
pub(crate) use index::{DocMeta, DocReq, LangReq};
pub use query::{Query, SortOrder, DEFAULT_LIMIT, MAX_LIMIT, POSTED_WITHIN_DAYS, RADII_KM};
pub use result::{DocSummary, FacetCounts, SearchResult};
