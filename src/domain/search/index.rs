//! The [`SearchIndex`] type, its per-document data and what it answers
//! about one document or comune without searching.

use super::geo;
use super::result::DocSummary;
use crate::domain::text;
use crate::domain::vacancy::{ContractType, WorkingTime};

pub(super) const FLAG_L68: u8 = 1;
pub(super) const FLAG_INTERNSHIP: u8 = 2;

/// Per-document facet values, packed for a cache-friendly scan.
/// `pub(crate)` for the scan of `domain::offer_match`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DocMeta {
    pub published: i32,
    pub expires: i32,
    pub xyz: [f32; 3],
    pub lat: f32,
    pub lon: f32,
    pub comune: u32,
    pub province: u16,
    /// 0 unknown, 1–9.
    pub prof_group: u8,
    /// 0 unknown, 1–21 = A–U.
    pub section: u8,
    /// 0 unknown, 1–99.
    pub division: u8,
    pub contract: u8,
    pub working_time: u8,
    pub flags: u8,
}

/// What offer matching (`domain::offer_match`) needs of a document and the
/// search does not: kept apart from [`DocMeta`], so that the search's scans
/// read no more bytes than before. Codes are packed as
/// [`pack_cp`](super::pack_cp) and [`pack_ateco`](super::pack_ateco) say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DocReq {
    /// The full CP code (up to 5 levels), packed; 0 unknown. Its first
    /// level is [`DocMeta::prof_group`].
    pub cp: u32,
    /// Required languages: `lang_reqs[lang_start..lang_start + lang_count]`,
    /// by language code, one entry per language.
    pub lang_start: u32,
    /// ATECO group and class digits below [`DocMeta::division`]: nibbles
    /// `(group + 1) << 4 | (class + 1)`, 0 for a level not given.
    pub ateco_sub: u8,
    pub lang_count: u8,
    /// Driving licences required: bit `i` is
    /// [`LICENCES`](crate::domain::profile::LICENCES)`[i]` (other
    /// categories, such as CQC, are not kept).
    pub licences: u16,
    /// Education level required (0–12) + 1; 0 none.
    pub education: u8,
}

/// At most this many languages are kept per document.
pub(super) const MAX_DOC_LANGS: usize = 16;

/// A language an offer requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LangReq {
    /// ISO 639-1, lowercase ASCII.
    pub code: [u8; 2],
    /// [`CefrLevel`](crate::domain::vacancy::CefrLevel) as its position, 0 (A1) – 5 (C2).
    pub level: u8,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct ComuneEntry {
    pub istat: String,
    pub belfiore: String,
    pub name: String,
    /// `name` folded, derived (for lookups by name).
    pub name_fold: String,
    pub province: u16,
    pub lat: f32,
    pub lon: f32,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct SuggestWord {
    /// Byte range in `phrase_fold`.
    pub start: u32,
    pub len: u8,
    pub phrase: u32,
}

/// A comune present in the index, as [`SearchIndex::comuni`] lists it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ComuneInfo<'a> {
    /// ISTAT code; may be empty.
    pub istat: &'a str,
    /// Belfiore (cadastral) code; may be empty.
    pub belfiore: &'a str,
    pub name: &'a str,
    /// Province sigla; may be empty.
    pub province: &'a str,
    /// Coordinates; NaN when unknown.
    pub lat: f32,
    pub lon: f32,
}

/// The search index. Build it with [`SearchIndex::build`], persist it with
/// [`SearchIndex::to_bytes`], reload it with [`SearchIndex::from_bytes`].
#[derive(Clone, Debug)]
pub struct SearchIndex {
    pub(super) docs: Vec<DocMeta>,
    /// Matching data of each document, parallel to `docs`, and the
    /// languages they require.
    pub(super) reqs: Vec<DocReq>,
    pub(super) lang_reqs: Vec<LangReq>,
    pub(super) provinces: Vec<String>,
    pub(super) comuni: Vec<ComuneEntry>,
    /// id, title, employer of every document, concatenated.
    pub(super) strings: String,
    /// `3 × docs + 1` offsets into `strings`.
    pub(super) str_offsets: Vec<u32>,
    /// Sorted term dictionary: bytes and `terms + 1` offsets.
    pub(super) term_bytes: Vec<u8>,
    pub(super) term_offsets: Vec<u32>,
    /// Postings of term `t`: `post_docs[post_offsets[t]..post_offsets[t+1]]`
    /// (strictly increasing) with their impacts.
    pub(super) post_offsets: Vec<u32>,
    pub(super) post_docs: Vec<u32>,
    pub(super) post_impact: Vec<u8>,
    /// Suggestion phrases (titles, profession labels) sorted by folded form.
    pub(super) phrase_display: Vec<String>,
    pub(super) phrase_count: Vec<u32>,
    /// Derived at build/load time.
    pub(super) phrase_fold: Vec<u8>,
    pub(super) phrase_fold_offsets: Vec<u32>,
    pub(super) suggest_words: Vec<SuggestWord>,
    /// Per-value bitsets, derived at build/load time.
    pub(super) bits: super::bits::FacetBits,
    /// Documents having a term with initial `i` ([`initial_slot`]): bitset
    /// `i` is `initials[i × words..(i + 1) × words]`. Derived. A one-letter
    /// prefix is then one bitset, not a union of hundreds of posting lists.
    pub(super) initials: Vec<u64>,
}

/// Initials with a bitset: a–z, 0–9.
pub(super) const INITIALS: usize = 36;

pub(super) fn initial_slot(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some((b - b'a') as usize),
        b'0'..=b'9' => Some(26 + (b - b'0') as usize),
        _ => None,
    }
}

impl SearchIndex {
    /// Number of documents (expired ones included).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.term_offsets.len().saturating_sub(1)
    }

    /// Number of (term, document) postings.
    pub fn posting_count(&self) -> usize {
        self.post_docs.len()
    }

    /// What a result list shows of document `doc`.
    pub fn doc(&self, doc: u32) -> Option<DocSummary<'_>> {
        let meta = self.docs.get(doc as usize)?;
        // id, title, employer: strings 3 × doc + 0, 1, 2.
        let field = |k: usize| -> &str {
            let i = 3 * doc as usize + k;
            match (self.str_offsets.get(i), self.str_offsets.get(i + 1)) {
                (Some(&a), Some(&b)) => self.strings.get(a as usize..b as usize).unwrap_or(""),
                _ => "",
            }
        };
        let comune = self.comuni.get(meta.comune as usize);
        let has_geo = meta.lat.is_finite() && meta.lon.is_finite();
        Some(DocSummary {
            id: field(0),
            title: field(1),
            employer: field(2),
            comune: comune.map(|c| c.name.as_str()).unwrap_or(""),
            province: self
                .provinces
                .get(meta.province as usize)
                .map(String::as_str)
                .unwrap_or(""),
            published: meta.published,
            expires: meta.expires,
            contract: ContractType::ALL
                .get(meta.contract as usize)
                .copied()
                .unwrap_or(ContractType::Altro),
            working_time: WorkingTime::ALL
                .get(meta.working_time as usize)
                .copied()
                .unwrap_or(WorkingTime::Other),
            reserved_l68: meta.flags & FLAG_L68 != 0,
            internship: meta.flags & FLAG_INTERNSHIP != 0,
            lat: has_geo.then_some(meta.lat),
            lon: has_geo.then_some(meta.lon),
        })
    }

    /// Distance in km from `(lat, lon)` to document `doc`, if it has coordinates.
    pub fn distance_km(&self, doc: u32, lat: f32, lon: f32) -> Option<f32> {
        let meta = self.docs.get(doc as usize)?;
        let c2 = geo::chord2(&meta.xyz, &geo::unit_vector(lat, lon));
        c2.is_finite().then(|| geo::chord2_to_km(c2))
    }

    /// The comuni present in the index.
    pub fn comuni(&self) -> impl Iterator<Item = ComuneInfo<'_>> + '_ {
        self.comuni.iter().map(|c| ComuneInfo {
            istat: &c.istat,
            belfiore: &c.belfiore,
            name: &c.name,
            province: self
                .provinces
                .get(c.province as usize)
                .map(String::as_str)
                .unwrap_or(""),
            lat: c.lat,
            lon: c.lon,
        })
    }

    /// Coordinates `(lat, lon)` of the comune with this ISTAT code, if the
    /// index has it and knows where it is (a comune enters the index with
    /// its first offer; its coordinates are those of its first offer that
    /// has some, usually the comune's centroid).
    pub fn comune_coords(&self, istat: &str) -> Option<(f32, f32)> {
        let c = self.comuni.get(self.comune_by_istat(istat)? as usize)?;
        (c.lat.is_finite() && c.lon.is_finite()).then_some((c.lat, c.lon))
    }

    /// The comune with this ISTAT code.
    pub(crate) fn comune_by_istat(&self, istat: &str) -> Option<u32> {
        let istat = istat.trim();
        if istat.is_empty() {
            return None;
        }
        self.comuni
            .iter()
            .position(|c| c.istat == istat)
            .map(|i| i as u32)
    }

    /// The per-document arrays offer matching scans: facet values,
    /// matching data (parallel) and the required languages they point into.
    pub(crate) fn match_arrays(&self) -> (&[DocMeta], &[DocReq], &[LangReq]) {
        (&self.docs, &self.reqs, &self.lang_reqs)
    }

    /// Documents of CP major group `group` (1–9), as a bitset of
    /// `len().div_ceil(64)` words (empty for another value).
    pub(crate) fn profession_group_bits(&self, group: u8) -> &[u64] {
        match group {
            1..=9 => self
                .bits
                .prof
                .get(group as usize)
                .map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// Documents of ATECO division `division` (1–99), as a bitset (empty
    /// when no document has it).
    pub(crate) fn division_bits(&self, division: u8) -> &[u64] {
        match division {
            1..=99 => self
                .bits
                .division
                .get(division as usize)
                .map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// A comune by ISTAT code, Belfiore code or name (accents and case ignored).
    pub(super) fn find_comune(&self, key: &str) -> Option<u32> {
        let key = key.trim();
        if key.is_empty() {
            return None;
        }
        if let Some(i) = self
            .comuni
            .iter()
            .position(|c| c.istat == key || c.belfiore.eq_ignore_ascii_case(key))
        {
            return Some(i as u32);
        }
        let folded = text::fold(key);
        self.comuni
            .iter()
            .position(|c| c.name_fold == folded)
            .map(|i| i as u32)
    }

    /// Term `t` of the sorted dictionary.
    pub(super) fn term_at(&self, t: usize) -> &[u8] {
        match (self.term_offsets.get(t), self.term_offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => self.term_bytes.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Documents (increasing) and impacts of term `t`.
    pub(super) fn postings(&self, t: usize) -> (&[u32], &[u8]) {
        let (a, b) = match (self.post_offsets.get(t), self.post_offsets.get(t + 1)) {
            (Some(&a), Some(&b)) if a <= b => (a as usize, b as usize),
            _ => (0, 0),
        };
        (
            self.post_docs.get(a..b).unwrap_or(&[]),
            self.post_impact.get(a..b).unwrap_or(&[]),
        )
    }
}
