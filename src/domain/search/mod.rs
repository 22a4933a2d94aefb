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
//!
//! Document numbers are `u32` positions in the slice given to
//! [`SearchIndex::build`]; [`SearchIndex::doc`] returns what a result list
//! shows, so the full offers need not be kept in memory.

mod bits;
mod build;
mod codec;
pub mod geo;
pub mod prebuilt;
mod url;

use crate::domain::text;
use crate::domain::vacancy::{ContractType, WorkingTime};

pub use geo::haversine_km;

pub(crate) const FLAG_L68: u8 = 1;
pub(crate) const FLAG_INTERNSHIP: u8 = 2;

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

/// Live counts for every facet, over the offers matching the text and all
/// the *other* facets' filters. Every value is listed, zero counts included.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FacetCounts {
    /// Every province present in the index, sorted by sigla.
    pub provinces: Vec<(String, u32)>,
    /// CP major groups 1–9 (see [`profession_group_label`]).
    pub profession_groups: Vec<(u8, u32)>,
    /// ATECO sections `A`–`U` (see [`ateco_section_label`]).
    pub sectors: Vec<(char, u32)>,
    pub contracts: Vec<(ContractType, u32)>,
    pub working_times: Vec<(WorkingTime, u32)>,
    /// `(N, count)` for [`POSTED_WITHIN_DAYS`].
    pub posted_within: Vec<(u16, u32)>,
    /// `(km, count)` for [`RADII_KM`]; empty when there is no centre.
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

/// Per-document facet values, packed for a cache-friendly scan.
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

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ComuneEntry {
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
pub(crate) struct SuggestWord {
    /// Byte range in `phrase_fold`.
    pub start: u32,
    pub len: u8,
    pub phrase: u32,
}

/// The search index. Build it with [`SearchIndex::build`], persist it with
/// [`SearchIndex::to_bytes`], reload it with [`SearchIndex::from_bytes`].
#[derive(Clone, Debug)]
pub struct SearchIndex {
    pub(crate) docs: Vec<DocMeta>,
    pub(crate) provinces: Vec<String>,
    pub(crate) comuni: Vec<ComuneEntry>,
    /// id, title, employer of every document, concatenated.
    pub(crate) strings: String,
    /// `3 × docs + 1` offsets into `strings`.
    pub(crate) str_offsets: Vec<u32>,
    /// Sorted term dictionary: bytes and `terms + 1` offsets.
    pub(crate) term_bytes: Vec<u8>,
    pub(crate) term_offsets: Vec<u32>,
    /// Postings of term `t`: `post_docs[post_offsets[t]..post_offsets[t+1]]`
    /// (strictly increasing) with their impacts.
    pub(crate) post_offsets: Vec<u32>,
    pub(crate) post_docs: Vec<u32>,
    pub(crate) post_impact: Vec<u8>,
    /// Suggestion phrases (titles, profession labels) sorted by folded form.
    pub(crate) phrase_display: Vec<String>,
    pub(crate) phrase_count: Vec<u32>,
    /// Derived at build/load time.
    pub(crate) phrase_fold: Vec<u8>,
    pub(crate) phrase_fold_offsets: Vec<u32>,
    pub(crate) suggest_words: Vec<SuggestWord>,
    /// Per-value bitsets, derived at build/load time.
    pub(crate) bits: bits::FacetBits,
    /// Documents having a term with initial `i` ([`initial_slot`]): bitset
    /// `i` is `initials[i × words..(i + 1) × words]`. Derived. A one-letter
    /// prefix is then one bitset, not a union of hundreds of posting lists.
    pub(crate) initials: Vec<u64>,
}

/// Initials with a bitset: a–z, 0–9.
pub(crate) const INITIALS: usize = 36;

pub(crate) fn initial_slot(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some((b - b'a') as usize),
        b'0'..=b'9' => Some(26 + (b - b'0') as usize),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Labels

/// Italian label of a CP 2011/2021 major group (1–9).
pub fn profession_group_label(group: u8) -> Option<&'static str> {
    Some(match group {
        1 => "Legislatori, imprenditori e alta dirigenza",
        2 => "Professioni intellettuali, scientifiche e di elevata specializzazione",
        3 => "Professioni tecniche",
        4 => "Professioni esecutive nel lavoro d'ufficio",
        5 => "Professioni qualificate nelle attività commerciali e nei servizi",
        6 => "Artigiani, operai specializzati e agricoltori",
        7 => "Conduttori di impianti, operai di macchinari fissi e mobili e conducenti di veicoli",
        8 => "Professioni non qualificate",
        9 => "Forze armate",
        _ => return None,
    })
}

/// ATECO 2007 sections: letter, first and last division, Italian label.
const ATECO_SECTIONS: [(char, u8, u8, &str); 21] = [
    ('A', 1, 3, "Agricoltura, silvicoltura e pesca"),
    ('B', 5, 9, "Estrazione di minerali da cave e miniere"),
    ('C', 10, 33, "Attività manifatturiere"),
    (
        'D',
        35,
        35,
        "Fornitura di energia elettrica, gas, vapore e aria condizionata",
    ),
    (
        'E',
        36,
        39,
        "Fornitura di acqua; reti fognarie, gestione dei rifiuti e risanamento",
    ),
    ('F', 41, 43, "Costruzioni"),
    (
        'G',
        45,
        47,
        "Commercio all'ingrosso e al dettaglio; riparazione di autoveicoli e motocicli",
    ),
    ('H', 49, 53, "Trasporto e magazzinaggio"),
    (
        'I',
        55,
        56,
        "Attività dei servizi di alloggio e di ristorazione",
    ),
    ('J', 58, 63, "Servizi di informazione e comunicazione"),
    ('K', 64, 66, "Attività finanziarie e assicurative"),
    ('L', 68, 68, "Attività immobiliari"),
    (
        'M',
        69,
        75,
        "Attività professionali, scientifiche e tecniche",
    ),
    (
        'N',
        77,
        82,
        "Noleggio, agenzie di viaggio, servizi di supporto alle imprese",
    ),
    (
        'O',
        84,
        84,
        "Amministrazione pubblica e difesa; assicurazione sociale obbligatoria",
    ),
    ('P', 85, 85, "Istruzione"),
    ('Q', 86, 88, "Sanità e assistenza sociale"),
    (
        'R',
        90,
        93,
        "Attività artistiche, sportive, di intrattenimento e divertimento",
    ),
    ('S', 94, 96, "Altre attività di servizi"),
    (
        'T',
        97,
        98,
        "Attività di famiglie e convivenze come datori di lavoro per personale domestico",
    ),
    ('U', 99, 99, "Organizzazioni ed organismi extraterritoriali"),
];

/// Italian label of an ATECO section letter.
pub fn ateco_section_label(section: char) -> Option<&'static str> {
    ATECO_SECTIONS.iter().find(|s| s.0 == section).map(|s| s.3)
}

/// The ATECO section letter of a 2-digit division (`47` → `G`).
pub fn ateco_section_of_division(division: u8) -> Option<char> {
    ATECO_SECTIONS
        .iter()
        .find(|s| (s.1..=s.2).contains(&division))
        .map(|s| s.0)
}

/// 1–21 for A–U, 0 unknown.
pub(crate) fn ateco_section_index(division: u8) -> u8 {
    ATECO_SECTIONS
        .iter()
        .position(|s| (s.1..=s.2).contains(&division))
        .map(|i| i as u8 + 1)
        .unwrap_or(0)
}

fn section_index_of_letter(c: char) -> Option<u8> {
    ATECO_SECTIONS
        .iter()
        .position(|s| s.0 == c)
        .map(|i| i as u8 + 1)
}

// ---------------------------------------------------------------------------
// Search

const F_PROVINCE: u32 = 0;
const F_PLACE: u32 = 1;
const F_PROFESSION: u32 = 2;
const F_SECTOR: u32 = 3;
const F_CONTRACT: u32 = 4;
const F_WORKING_TIME: u32 = 5;
const F_POSTED: u32 = 6;
const F_L68: u32 = 7;
const F_INTERNSHIP: u32 = 8;

enum PlaceFilter {
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
struct Filters {
    provinces: Option<Vec<bool>>,
    place: PlaceFilter,
    centre: Option<[f32; 3]>,
    prof_active: bool,
    prof_mask: u16,
    section_mask: u32,
    division_mask: u128,
    sector_active: bool,
    contract_mask: u16,
    wt_mask: u16,
    min_published: Option<i32>,
    l68: bool,
    internship: bool,
    today: i32,
}

/// Candidate documents from the text, sorted by document, with scores.
enum Candidates {
    All,
    /// An unranked set (every score 0), as a bitset over the documents.
    Set(Vec<u64>),
    List {
        docs: Vec<u32>,
        scores: Vec<f32>,
    },
}

#[derive(Clone, Copy)]
struct Hit {
    /// Ascending primary key.
    k1: f32,
    /// Descending secondary key.
    k2: i32,
    doc: u32,
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

    /// What a result list shows of document `idx`.
    pub fn doc(&self, idx: u32) -> Option<DocSummary<'_>> {
        let m = self.docs.get(idx as usize)?;
        let s = |k: usize| -> &str {
            let i = 3 * idx as usize + k;
            match (self.str_offsets.get(i), self.str_offsets.get(i + 1)) {
                (Some(&a), Some(&b)) => self.strings.get(a as usize..b as usize).unwrap_or(""),
                _ => "",
            }
        };
        let comune = self.comuni.get(m.comune as usize);
        let has_geo = m.lat.is_finite() && m.lon.is_finite();
        Some(DocSummary {
            id: s(0),
            title: s(1),
            employer: s(2),
            comune: comune.map(|c| c.name.as_str()).unwrap_or(""),
            province: self
                .provinces
                .get(m.province as usize)
                .map(String::as_str)
                .unwrap_or(""),
            published: m.published,
            expires: m.expires,
            contract: ContractType::ALL
                .get(m.contract as usize)
                .copied()
                .unwrap_or(ContractType::Altro),
            working_time: WorkingTime::ALL
                .get(m.working_time as usize)
                .copied()
                .unwrap_or(WorkingTime::Other),
            reserved_l68: m.flags & FLAG_L68 != 0,
            internship: m.flags & FLAG_INTERNSHIP != 0,
            lat: has_geo.then_some(m.lat),
            lon: has_geo.then_some(m.lon),
        })
    }

    /// Document number of an offer id (linear scan).
    pub fn find_id(&self, id: &str) -> Option<u32> {
        (0..self.docs.len() as u32).find(|&i| self.doc(i).map(|d| d.id == id).unwrap_or(false))
    }

    /// Distance in km from `(lat, lon)` to document `idx`, if it has coordinates.
    pub fn distance_km(&self, idx: u32, lat: f32, lon: f32) -> Option<f32> {
        let m = self.docs.get(idx as usize)?;
        let c = geo::chord2(&m.xyz, &geo::unit_vector(lat, lon));
        c.is_finite().then(|| geo::chord2_to_km(c))
    }

    /// The comuni present in the index: `(istat, belfiore, name, province, lat, lon)`;
    /// codes may be empty, coordinates NaN.
    pub fn comuni(&self) -> impl Iterator<Item = (&str, &str, &str, &str, f32, f32)> + '_ {
        self.comuni.iter().map(|c| {
            let p = self
                .provinces
                .get(c.province as usize)
                .map(String::as_str)
                .unwrap_or("");
            (
                c.istat.as_str(),
                c.belfiore.as_str(),
                c.name.as_str(),
                p,
                c.lat,
                c.lon,
            )
        })
    }

    /// A comune by ISTAT code, Belfiore code or name (accents and case ignored).
    fn find_comune(&self, key: &str) -> Option<u32> {
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
        let f = text::fold(key);
        self.comuni
            .iter()
            .position(|c| c.name_fold == f)
            .map(|i| i as u32)
    }

    fn term_at(&self, t: usize) -> &[u8] {
        match (self.term_offsets.get(t), self.term_offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => self.term_bytes.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Exact lookup in the sorted dictionary.
    fn term_id(&self, term: &[u8]) -> Option<usize> {
        let (mut lo, mut hi) = (0usize, self.term_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.term_at(mid).cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Range of terms starting with `prefix`.
    fn prefix_range(&self, prefix: &[u8]) -> std::ops::Range<usize> {
        let n = self.term_count();
        let lower = partition_point(n, |i| self.term_at(i) < prefix);
        let upper =
            lower + partition_point(n - lower, |i| self.term_at(lower + i).starts_with(prefix));
        lower..upper
    }

    fn postings(&self, t: usize) -> (&[u32], &[u8]) {
        let (a, b) = match (self.post_offsets.get(t), self.post_offsets.get(t + 1)) {
            (Some(&a), Some(&b)) if a <= b => (a as usize, b as usize),
            _ => (0, 0),
        };
        (
            self.post_docs.get(a..b).unwrap_or(&[]),
            self.post_impact.get(a..b).unwrap_or(&[]),
        )
    }

    fn idf(&self, df: usize) -> f32 {
        let n = self.docs.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The documents matching the text, or `None` if no document can match.
    fn candidates(&self, text: &str) -> Option<Candidates> {
        let folded = text::fold(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        // The last word is still being typed unless followed by a separator.
        let typing = text
            .chars()
            .last()
            .map(|c| c.is_alphanumeric())
            .unwrap_or(false);
        let mut exact: Vec<usize> = Vec::new();
        let mut prefix_terms: Vec<usize> = Vec::new();
        // A one-letter last word: the documents with a term of that initial.
        let mut initial: Option<&[u64]> = None;
        for (i, w) in words.iter().take(16).enumerate() {
            if text::is_stopword(w) {
                continue;
            }
            let st = text::stem(w);
            let is_last = i + 1 == words.len();
            if is_last && typing && w.len() == 1 {
                let words = self.docs.len().div_ceil(64);
                let slot = initial_slot(w.as_bytes()[0])?;
                initial = Some(self.initials.get(slot * words..(slot + 1) * words)?);
            } else if is_last && typing {
                let mut set: Vec<usize> = Vec::new();
                if let Some(t) = self.term_id(st.as_bytes()) {
                    set.push(t);
                }
                set.extend(self.prefix_range(w.as_bytes()));
                set.sort_unstable();
                set.dedup();
                if set.is_empty() {
                    return None;
                }
                if set.len() == 1 {
                    exact.push(set[0]);
                } else {
                    prefix_terms = set;
                }
            } else {
                exact.push(self.term_id(st.as_bytes())?);
            }
        }
        exact.sort_unstable();
        exact.dedup();
        let has_initial = |d: u32| {
            initial.is_some_and(|b| {
                b.get(d as usize / 64)
                    .is_some_and(|w| w & (1 << (d % 64)) != 0)
            })
        };
        if exact.is_empty() && prefix_terms.is_empty() {
            // A letter alone is unranked: the order falls back to the newest.
            return Some(initial.map_or(Candidates::All, |bits| Candidates::Set(bits.to_vec())));
        }
        exact.sort_by_key(|&t| self.postings(t).0.len());

        let (mut docs, mut scores): (Vec<u32>, Vec<f32>);
        let rest: &[usize];
        if let Some(&first) = exact.first() {
            let (d, w) = self.postings(first);
            let idf = self.idf(d.len());
            docs = d.to_vec();
            scores = w.iter().map(|&x| idf * x as f32).collect();
            rest = &exact[1..];
        } else {
            // Only a prefix: union of its terms.
            (docs, scores) = self.union(&prefix_terms);
            return Some(Candidates::List { docs, scores });
        }
        for &t in rest {
            let (d, w) = self.postings(t);
            let idf = self.idf(d.len());
            intersect(&mut docs, &mut scores, d, w, idf);
            if docs.is_empty() {
                return Some(Candidates::List { docs, scores });
            }
        }
        if !prefix_terms.is_empty() {
            let mut matched = vec![false; docs.len()];
            let mut extra = vec![0f32; docs.len()];
            for &t in &prefix_terms {
                let (d, w) = self.postings(t);
                let idf = self.idf(d.len());
                mark(&docs, &mut matched, &mut extra, d, w, idf);
            }
            let mut k = 0;
            for i in 0..docs.len() {
                if matched[i] {
                    docs[k] = docs[i];
                    scores[k] = scores[i] + extra[i];
                    k += 1;
                }
            }
            docs.truncate(k);
            scores.truncate(k);
        }
        if initial.is_some() {
            let mut k = 0;
            for i in 0..docs.len() {
                if has_initial(docs[i]) {
                    docs[k] = docs[i];
                    scores[k] = scores[i];
                    k += 1;
                }
            }
            docs.truncate(k);
            scores.truncate(k);
        }
        Some(Candidates::List { docs, scores })
    }

    /// Union of the postings of `terms`, scores summed.
    fn union(&self, terms: &[usize]) -> (Vec<u32>, Vec<f32>) {
        let n = self.docs.len();
        let total: usize = terms.iter().map(|&t| self.postings(t).0.len()).sum();
        if total * 16 < n {
            let mut pairs: Vec<(u32, f32)> = Vec::with_capacity(total);
            for &t in terms {
                let (d, w) = self.postings(t);
                let idf = self.idf(d.len());
                pairs.extend(d.iter().zip(w).map(|(&doc, &x)| (doc, idf * x as f32)));
            }
            pairs.sort_unstable_by_key(|p| p.0);
            let (mut docs, mut scores) = (Vec::new(), Vec::<f32>::new());
            for (d, s) in pairs {
                if docs.last() == Some(&d) {
                    if let Some(last) = scores.last_mut() {
                        *last += s;
                    }
                } else {
                    docs.push(d);
                    scores.push(s);
                }
            }
            (docs, scores)
        } else {
            let mut acc = vec![0f32; n];
            for &t in terms {
                let (d, w) = self.postings(t);
                let idf = self.idf(d.len());
                for (&doc, &x) in d.iter().zip(w) {
                    if let Some(a) = acc.get_mut(doc as usize) {
                        *a += idf * x as f32;
                    }
                }
            }
            let mut docs = Vec::new();
            let mut scores = Vec::new();
            for (i, &a) in acc.iter().enumerate() {
                if a > 0.0 {
                    docs.push(i as u32);
                    scores.push(a);
                }
            }
            (docs, scores)
        }
    }

    fn compile(&self, q: &Query, today: i32) -> Filters {
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
                    if let Some(d) = build::division_of(s) {
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

    /// The sort key of a hit.
    #[inline]
    fn hit(
        &self,
        m: &DocMeta,
        doc: u32,
        score: f32,
        sort: SortOrder,
        centre: Option<[f32; 3]>,
    ) -> Hit {
        let (k1, k2) = match sort {
            SortOrder::Relevance => (-score, m.published),
            SortOrder::Newest => (-(m.published as f32), (score * 1024.0) as i32),
            SortOrder::Distance => {
                let c2 = centre.map(|c| geo::chord2(&m.xyz, &c)).unwrap_or(f32::NAN);
                (if c2.is_nan() { f32::INFINITY } else { c2 }, m.published)
            }
        };
        Hit { k1, k2, doc }
    }

    fn search_with(&self, q: &Query, today: i32, bitsets: Option<bool>) -> SearchResult {
        let f = self.compile(q, today);
        let mut facets = FacetAcc::new(self.provinces.len());
        let limit = q.limit.clamp(1, MAX_LIMIT) as usize;
        let start = q.offset as usize;
        let keep = start.saturating_add(limit);
        let sort = match q.sort {
            SortOrder::Distance if f.centre.is_none() => SortOrder::Newest,
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
            self.search_bits(&f, &candidates, sort, keep, &mut facets)
        } else {
            self.search_scan(&f, &candidates, sort, keep, &mut facets)
        };
        let page: Vec<u32> = hits
            .get(start.min(hits.len())..)
            .unwrap_or(&[])
            .iter()
            .map(|h| h.doc)
            .collect();
        let distances_km = match f.centre {
            Some(c) => page
                .iter()
                .map(|&d| {
                    let c2 = self
                        .docs
                        .get(d as usize)
                        .map(|m| geo::chord2(&m.xyz, &c))
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
            facets: facets.finish(self, f.centre.is_some()),
        }
    }

    /// Per-document evaluation of the candidates.
    fn search_scan(
        &self,
        f: &Filters,
        candidates: &Candidates,
        sort: SortOrder,
        keep: usize,
        facets: &mut FacetAcc,
    ) -> (u32, Vec<Hit>) {
        let mut top = TopK::new(keep);
        let radii_c2: [f32; RADII_KM.len()] = RADII_KM.map(|r| geo::km_to_chord2(r as f64));
        let mut visit = |doc: u32, score: f32| {
            let Some(m) = self.docs.get(doc as usize) else {
                return;
            };
            if m.expires < f.today {
                return;
            }
            let c2 = match f.centre {
                Some(c) => geo::chord2(&m.xyz, &c),
                None => f32::NAN,
            };
            let mask = fail_mask(m, f, c2);
            if mask != 0 && mask & (mask - 1) != 0 {
                return;
            }
            facets.add(m, mask, f, c2, &radii_c2);
            if mask == 0 {
                top.push(self.hit(m, doc, score, sort, f.centre));
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

    /// Completions for what is being typed, from offer titles and profession
    /// labels, most frequent first. Every word typed must start a word of
    /// the phrase.
    pub fn suggest(&self, prefix: &str, limit: usize) -> Vec<String> {
        let folded = text::fold(prefix);
        let words: Vec<&str> = folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(8)
            .collect();
        let Some((last, others)) = words.split_last() else {
            return Vec::new();
        };
        if limit == 0 {
            return Vec::new();
        }
        let p = last.as_bytes();
        let word_at = |w: &SuggestWord| -> &[u8] {
            self.phrase_fold
                .get(w.start as usize..w.start as usize + w.len as usize)
                .unwrap_or(&[])
        };
        let n = self.suggest_words.len();
        let lo = partition_point(n, |i| word_at(&self.suggest_words[i]) < p);
        let hi = lo
            + partition_point(n - lo, |i| {
                word_at(&self.suggest_words[lo + i]).starts_with(p)
            });
        let mut found: Vec<u32> = self.suggest_words[lo..hi]
            .iter()
            .map(|w| w.phrase)
            .collect();
        found.sort_unstable();
        found.dedup();
        let phrase_fold = |ph: u32| -> &[u8] {
            match (
                self.phrase_fold_offsets.get(ph as usize),
                self.phrase_fold_offsets.get(ph as usize + 1),
            ) {
                (Some(&a), Some(&b)) => self.phrase_fold.get(a as usize..b as usize).unwrap_or(&[]),
                _ => &[],
            }
        };
        found.retain(|&ph| {
            let f = phrase_fold(ph);
            others
                .iter()
                .all(|o| f.split(|&c| c == b' ').any(|w| w.starts_with(o.as_bytes())))
        });
        found.sort_by(|&a, &b| {
            let ca = self.phrase_count.get(a as usize).copied().unwrap_or(0);
            let cb = self.phrase_count.get(b as usize).copied().unwrap_or(0);
            cb.cmp(&ca)
                .then(phrase_fold(a).len().cmp(&phrase_fold(b).len()))
                .then(a.cmp(&b))
        });
        found
            .iter()
            .take(limit)
            .filter_map(|&ph| self.phrase_display.get(ph as usize).cloned())
            .collect()
    }
}

/// Hit order: ascending `k1`, then descending `k2`, then ascending document.
#[inline]
fn hit_cmp(a: &Hit, b: &Hit) -> std::cmp::Ordering {
    a.k1.total_cmp(&b.k1)
        .then(b.k2.cmp(&a.k2))
        .then(a.doc.cmp(&b.doc))
}

struct HeapHit(Hit);

impl PartialEq for HeapHit {
    fn eq(&self, other: &Self) -> bool {
        hit_cmp(&self.0, &other.0).is_eq()
    }
}
impl Eq for HeapHit {}
impl PartialOrd for HeapHit {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapHit {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        hit_cmp(&self.0, &other.0)
    }
}

/// The best `k` hits and the count of all: a bounded max-heap for the usual
/// small pages (most hits are rejected by one comparison with the worst kept),
/// all hits and a partial selection for deep pages.
enum TopK {
    Heap {
        k: usize,
        heap: std::collections::BinaryHeap<HeapHit>,
        total: u32,
    },
    All {
        k: usize,
        hits: Vec<Hit>,
    },
}

const HEAP_MAX: usize = 1024;

impl TopK {
    fn new(k: usize) -> TopK {
        if k <= HEAP_MAX {
            TopK::Heap {
                k,
                heap: std::collections::BinaryHeap::with_capacity(k + 1),
                total: 0,
            }
        } else {
            TopK::All {
                k,
                hits: Vec::new(),
            }
        }
    }

    #[inline]
    fn push(&mut self, h: Hit) {
        match self {
            TopK::Heap { k, heap, total } => {
                *total += 1;
                if heap.len() < *k {
                    heap.push(HeapHit(h));
                } else if let Some(mut worst) = heap.peek_mut() {
                    if hit_cmp(&h, &worst.0).is_lt() {
                        *worst = HeapHit(h);
                    }
                }
            }
            TopK::All { hits, .. } => hits.push(h),
        }
    }

    /// Total count and the best `k` hits, best first.
    fn finish(self) -> (u32, Vec<Hit>) {
        match self {
            TopK::Heap { heap, total, .. } => (
                total,
                heap.into_sorted_vec().into_iter().map(|h| h.0).collect(),
            ),
            TopK::All { k, mut hits } => {
                let total = hits.len() as u32;
                if k < hits.len() {
                    hits.select_nth_unstable_by(k, hit_cmp);
                    hits.truncate(k);
                }
                hits.sort_unstable_by(hit_cmp);
                (total, hits)
            }
        }
    }
}

/// Which facet filters a document fails, as a bit mask of `F_*`.
#[inline]
fn fail_mask(m: &DocMeta, f: &Filters, c2: f32) -> u32 {
    let mut mask = 0u32;
    if let Some(allowed) = &f.provinces {
        if !allowed.get(m.province as usize).copied().unwrap_or(false) {
            mask |= 1 << F_PROVINCE;
        }
    }
    match f.place {
        PlaceFilter::None => {}
        PlaceFilter::Comune(c) => {
            if c != Some(m.comune) {
                mask |= 1 << F_PLACE;
            }
        }
        PlaceFilter::Radius { max_c2, comune } => {
            // NaN (no coordinates) is not within: only the comune matches.
            let within = c2 <= max_c2;
            if !within && comune != Some(m.comune) {
                mask |= 1 << F_PLACE;
            }
        }
    }
    if f.prof_active && f.prof_mask & (1 << m.prof_group.min(15)) == 0 {
        mask |= 1 << F_PROFESSION;
    }
    if f.sector_active
        && f.section_mask & (1u32 << m.section.min(31)) == 0
        && f.division_mask & (1u128 << m.division.min(127)) == 0
    {
        mask |= 1 << F_SECTOR;
    }
    if f.contract_mask != 0 && f.contract_mask & (1 << m.contract.min(15)) == 0 {
        mask |= 1 << F_CONTRACT;
    }
    if f.wt_mask != 0 && f.wt_mask & (1 << m.working_time.min(15)) == 0 {
        mask |= 1 << F_WORKING_TIME;
    }
    if let Some(min) = f.min_published {
        if m.published < min {
            mask |= 1 << F_POSTED;
        }
    }
    if f.l68 && m.flags & FLAG_L68 == 0 {
        mask |= 1 << F_L68;
    }
    if f.internship && m.flags & FLAG_INTERNSHIP == 0 {
        mask |= 1 << F_INTERNSHIP;
    }
    mask
}

/// Facet counters for one search. "Posted within" and distance are counted
/// in the smallest bucket that holds the document and summed at the end.
struct FacetAcc {
    provinces: Vec<u32>,
    prof: [u32; 16],
    sections: [u32; 32],
    contracts: [u32; 16],
    wts: [u32; 16],
    /// Index by days since publication (0–30): first bucket of POSTED_WITHIN_DAYS.
    posted_bucket: [u8; 31],
    posted_hist: [u32; POSTED_WITHIN_DAYS.len() + 1],
    dist_hist: [u32; RADII_KM.len() + 1],
    l68: u32,
    internship: u32,
}

impl FacetAcc {
    fn new(provinces: usize) -> FacetAcc {
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
    fn province(&mut self, m: &DocMeta) {
        if let Some(c) = self.provinces.get_mut(m.province as usize) {
            *c += 1;
        }
    }

    #[inline(always)]
    fn place(&mut self, m: &DocMeta, f: &Filters, c2: f32, radii_c2: &[f32; RADII_KM.len()]) {
        if f.centre.is_none() {
            return;
        }
        let in_comune = match f.place {
            PlaceFilter::Radius { comune, .. } | PlaceFilter::Comune(comune) => {
                comune == Some(m.comune)
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
    fn posted(&mut self, m: &DocMeta, today: i32) {
        self.posted_days(today as i64 - m.published as i64);
    }

    /// Count a document published `days` days ago.
    #[inline(always)]
    fn posted_days(&mut self, days: i64) {
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
    fn add(
        &mut self,
        m: &DocMeta,
        mask: u32,
        f: &Filters,
        c2: f32,
        radii_c2: &[f32; RADII_KM.len()],
    ) {
        if mask == 0 {
            self.province(m);
            self.place(m, f, c2, radii_c2);
            self.prof[(m.prof_group & 15) as usize] += 1;
            self.sections[(m.section & 31) as usize] += 1;
            self.contracts[(m.contract & 15) as usize] += 1;
            self.wts[(m.working_time & 15) as usize] += 1;
            self.posted(m, f.today);
            self.l68 += (m.flags & FLAG_L68 != 0) as u32;
            self.internship += (m.flags & FLAG_INTERNSHIP != 0) as u32;
            return;
        }
        match mask.trailing_zeros() {
            F_PROVINCE => self.province(m),
            F_PLACE => self.place(m, f, c2, radii_c2),
            F_PROFESSION => self.prof[(m.prof_group & 15) as usize] += 1,
            F_SECTOR => self.sections[(m.section & 31) as usize] += 1,
            F_CONTRACT => self.contracts[(m.contract & 15) as usize] += 1,
            F_WORKING_TIME => self.wts[(m.working_time & 15) as usize] += 1,
            F_POSTED => self.posted(m, f.today),
            F_L68 => self.l68 += (m.flags & FLAG_L68 != 0) as u32,
            F_INTERNSHIP => self.internship += (m.flags & FLAG_INTERNSHIP != 0) as u32,
            _ => {}
        }
    }

    fn finish(self, index: &SearchIndex, centre: bool) -> FacetCounts {
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

/// First `i` in `0..n` for which `pred(i)` is false (pred must be monotone).
fn partition_point(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// First position `>= from` in sorted `list` whose value is `>= target`
/// (galloping search).
#[inline]
fn gallop(list: &[u32], from: usize, target: u32) -> usize {
    let n = list.len();
    if from >= n || list[from] >= target {
        return from.min(n);
    }
    let mut step = 1usize;
    let mut lo = from;
    let mut hi = from + 1;
    while hi < n && list[hi] < target {
        lo = hi;
        step *= 2;
        hi = hi.saturating_add(step);
    }
    let hi = hi.min(n);
    lo + 1 + partition_point(hi - lo - 1, |i| list[lo + 1 + i] < target)
}

/// Keep the docs also in `other`, adding `idf × impact` to their scores.
fn intersect(docs: &mut Vec<u32>, scores: &mut Vec<f32>, other: &[u32], impact: &[u8], idf: f32) {
    let mut k = 0;
    let mut j = 0;
    for i in 0..docs.len() {
        let d = docs[i];
        j = gallop(other, j, d);
        if j >= other.len() {
            break;
        }
        if other[j] == d {
            docs[k] = d;
            scores[k] = scores[i] + idf * impact.get(j).copied().unwrap_or(0) as f32;
            k += 1;
        }
    }
    docs.truncate(k);
    scores.truncate(k);
}

/// Mark the docs also in `other`, adding their score to `extra`.
fn mark(
    docs: &[u32],
    matched: &mut [bool],
    extra: &mut [f32],
    other: &[u32],
    impact: &[u8],
    idf: f32,
) {
    let mut j = 0;
    for i in 0..docs.len() {
        let d = docs[i];
        j = gallop(other, j, d);
        if j >= other.len() {
            break;
        }
        if other[j] == d {
            matched[i] = true;
            extra[i] += idf * impact.get(j).copied().unwrap_or(0) as f32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gallop_finds_lower_bound() {
        let list = [1u32, 3, 5, 7, 9, 11, 13, 15, 17];
        for from in 0..list.len() {
            for target in 0..20 {
                let expect = (from..list.len())
                    .find(|&i| list[i] >= target)
                    .unwrap_or(list.len());
                assert_eq!(
                    gallop(&list, from, target),
                    expect,
                    "from {from} target {target}"
                );
            }
        }
        assert_eq!(gallop(&[], 0, 3), 0);
    }

    #[test]
    fn sections_and_groups() {
        assert_eq!(ateco_section_of_division(47), Some('G'));
        assert_eq!(ateco_section_of_division(10), Some('C'));
        assert_eq!(ateco_section_of_division(4), None);
        assert_eq!(ateco_section_index(99), 21);
        assert!(profession_group_label(5).unwrap().contains("commerciali"));
        assert_eq!(profession_group_label(0), None);
        assert_eq!(
            ateco_section_label('Q'),
            Some("Sanità e assistenza sociale")
        );
    }
}
