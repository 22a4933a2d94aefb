//! Building a [`SearchIndex`] from vacancies.

use super::bits::FacetBits;
use super::classify::{ateco_section_index, division_of, licence_bit, pack_ateco, pack_cp};
use super::index::{
    initial_slot, ComuneEntry, DocMeta, DocReq, LangReq, SearchIndex, SuggestWord, FLAG_INTERNSHIP,
    FLAG_L68, INITIALS, MAX_DOC_LANGS,
};
use crate::domain::text;
use crate::domain::vacancy::{iso_to_days, Vacancy};
use std::collections::HashMap;

/// Field of a term occurrence, in decreasing weight.
#[derive(Clone, Copy)]
enum Field {
    Title = 0,
    Profession = 1,
    Employer = 2,
    Body = 3,
}

/// Impact (0–255) of a term in a document from its per-field counts.
/// A title occurrence (≥ 100) always beats everything else combined (≤ 98),
/// so an offer matching in the title ranks above a body-only match.
fn impact(tf: [u16; 4]) -> u8 {
    let mut s: u32 = 0;
    if tf[0] > 0 {
        s += if tf[0] == 1 { 100 } else { 110 };
    }
    if tf[1] > 0 {
        s += 50;
    }
    if tf[2] > 0 {
        s += 30;
    }
    s += match tf[3] {
        0 => 0,
        1 => 10,
        2 => 15,
        _ => 18,
    };
    s.min(255) as u8
}

/// A fast non-cryptographic hasher (FxHash-style) for the build-time maps:
/// std's SipHash dominates index building otherwise, notably in WASM.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// How many structures [`SearchIndex::derive_part`] builds.
pub(super) const DERIVED_PARTS: usize = 3;

/// The stored part of an index: what [`SearchIndex::build`] computes and
/// the codec persists; the rest is derived from it.
#[derive(Default)]
pub(super) struct StoredIndex {
    pub docs: Vec<DocMeta>,
    pub reqs: Vec<DocReq>,
    pub lang_reqs: Vec<LangReq>,
    pub provinces: Vec<String>,
    pub comuni: Vec<ComuneEntry>,
    pub strings: String,
    pub str_offsets: Vec<u32>,
    pub term_bytes: Vec<u8>,
    pub term_offsets: Vec<u32>,
    pub post_offsets: Vec<u32>,
    pub post_docs: Vec<u32>,
    pub post_impact: Vec<u8>,
    pub phrase_display: Vec<String>,
    pub phrase_count: Vec<u32>,
}

const MAX_PHRASE_CHARS: usize = 100;

impl SearchIndex {
    /// Index `vacancies`; document number `i` is `vacancies[i]`. Records need
    /// not be validated: a missing or invalid expiry date hides the document,
    /// bad codes just leave its facets unknown.
    pub fn build(vacancies: &[Vacancy]) -> SearchIndex {
        let n = vacancies.len().min(u32::MAX as usize - 1);
        let vacancies = &vacancies[..n];

        // Provinces and comuni dictionaries.
        let mut province_ids: FxMap<String, u16> = FxMap::default();
        let mut provinces: Vec<String> = Vec::new();
        for v in vacancies {
            let p = clean_province(&v.workplace.province);
            if !province_ids.contains_key(&p) && provinces.len() < u16::MAX as usize {
                province_ids.insert(p.clone(), 0);
                provinces.push(p);
            }
        }
        provinces.sort();
        for (i, p) in provinces.iter().enumerate() {
            province_ids.insert(p.clone(), i as u16);
        }

        let mut comune_ids: FxMap<String, u32> = FxMap::default();
        let mut comuni: Vec<ComuneEntry> = Vec::new();
        let mut docs: Vec<DocMeta> = Vec::with_capacity(n);
        let mut reqs: Vec<DocReq> = Vec::with_capacity(n);
        let mut lang_reqs: Vec<LangReq> = Vec::new();
        let mut strings = String::new();
        let mut str_offsets: Vec<u32> = Vec::with_capacity(3 * n + 1);
        str_offsets.push(0);

        // Terms: temporary ids in first-seen order, postings per temp id.
        let mut term_ids: FxMap<String, u32> = FxMap::default();
        let mut postings: Vec<Vec<(u32, u8)>> = Vec::new();
        let mut occ: Vec<(u32, u8)> = Vec::with_capacity(256);

        // Suggestion phrases: folded → (display, count).
        let mut phrases: FxMap<String, (String, u32)> = FxMap::default();

        for (doc, v) in vacancies.iter().enumerate() {
            let province = province_ids
                .get(&clean_province(&v.workplace.province))
                .copied()
                .unwrap_or(0);
            let key = comune_key(v);
            let comune = match comune_ids.get(&key) {
                Some(&c) => c,
                None => {
                    let c = comuni.len() as u32;
                    comuni.push(ComuneEntry {
                        istat: v.workplace.istat.clone().unwrap_or_default(),
                        belfiore: v.workplace.belfiore.clone().unwrap_or_default(),
                        name: v.workplace.name.trim().to_string(),
                        name_fold: text::fold(&v.workplace.name),
                        province,
                        lat: f32::NAN,
                        lon: f32::NAN,
                    });
                    comune_ids.insert(key, c);
                    c
                }
            };
            let (lat, lon) = match (v.lat, v.lon) {
                (Some(a), Some(b)) if super::geo::unit_vector(a, b)[0].is_finite() => (a, b),
                _ => (f32::NAN, f32::NAN),
            };
            // A comune has one province: that of the first offer seen there.
            let mut province = province;
            if let Some(ce) = comuni.get_mut(comune as usize) {
                if ce.lat.is_nan() && lat.is_finite() {
                    ce.lat = lat;
                    ce.lon = lon;
                }
                province = ce.province;
            }
            let published = iso_to_days(&v.published);
            let expires = iso_to_days(&v.expires).unwrap_or(i32::MIN);
            let published = published.unwrap_or(expires);
            let prof_group = v
                .profession
                .as_ref()
                .and_then(|p| p.code.as_bytes().first().copied())
                .filter(|c| (b'1'..=b'9').contains(c))
                .map(|c| c - b'0')
                .unwrap_or(0);
            let ateco = v
                .sector
                .as_ref()
                .map(|s| s.code.as_str())
                .or(v.employer.ateco.as_deref());
            let division = ateco.and_then(division_of).unwrap_or(0);
            let mut flags = 0u8;
            if v.reserved_l68 {
                flags |= FLAG_L68;
            }
            if v.internship {
                flags |= FLAG_INTERNSHIP;
            }
            let mut meta = DocMeta {
                published,
                expires,
                xyz: [f32::NAN; 3],
                lat,
                lon,
                comune,
                province,
                prof_group,
                section: ateco_section_index(division),
                division,
                contract: v.contract.index() as u8,
                working_time: v.working_time.index() as u8,
                flags,
            };
            meta.xyz = super::geo::unit_vector(lat, lon);
            docs.push(meta);
            reqs.push(doc_req(v, prof_group, ateco, &mut lang_reqs));

            for s in [v.id.as_str(), v.title.trim(), v.employer.name.trim()] {
                strings.push_str(s);
                str_offsets.push(strings.len().min(u32::MAX as usize) as u32);
            }

            // Terms with their fields.
            occ.clear();
            let mut add = |s: &str, field: Field, occ: &mut Vec<(u32, u8)>| {
                text::for_each_term(s, |t| {
                    if t.is_empty() || t.len() > 64 {
                        return;
                    }
                    let id = match term_ids.get(t) {
                        Some(&id) => id,
                        None => {
                            let id = postings.len() as u32;
                            term_ids.insert(t.to_string(), id);
                            postings.push(Vec::new());
                            id
                        }
                    };
                    occ.push((id, field as u8));
                });
            };
            add(&v.title, Field::Title, &mut occ);
            if let Some(p) = &v.profession {
                add(&p.label, Field::Profession, &mut occ);
            }
            add(&v.employer.name, Field::Employer, &mut occ);
            add(&v.description, Field::Body, &mut occ);
            add(&v.workplace.name, Field::Body, &mut occ);
            if let Some(s) = &v.sector {
                add(&s.label, Field::Body, &mut occ);
            }
            occ.sort_unstable();
            let mut i = 0;
            while i < occ.len() {
                let id = occ[i].0;
                let mut tf = [0u16; 4];
                while i < occ.len() && occ[i].0 == id {
                    let field = occ[i].1 as usize;
                    tf[field] = tf[field].saturating_add(1);
                    i += 1;
                }
                if let Some(list) = postings.get_mut(id as usize) {
                    list.push((doc as u32, impact(tf)));
                }
            }

            // Suggestions: the title and the profession label.
            let mut add_phrase = |s: &str| {
                let s = s.trim();
                if s.is_empty() || s.chars().count() > MAX_PHRASE_CHARS {
                    return;
                }
                let folded = text::fold(s);
                if folded.is_empty() {
                    return;
                }
                phrases
                    .entry(folded)
                    .or_insert_with(|| (s.to_string(), 0))
                    .1 += 1;
            };
            add_phrase(&v.title);
            if let Some(p) = &v.profession {
                add_phrase(&p.label);
            }
        }

        // Sorted term dictionary.
        let mut sorted: Vec<(String, u32)> = term_ids.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut term_bytes = Vec::new();
        let mut term_offsets = Vec::with_capacity(sorted.len() + 1);
        let mut post_offsets = Vec::with_capacity(sorted.len() + 1);
        let total: usize = postings.iter().map(Vec::len).sum();
        let mut post_docs = Vec::with_capacity(total);
        let mut post_impact = Vec::with_capacity(total);
        term_offsets.push(0u32);
        post_offsets.push(0u32);
        for (t, id) in sorted {
            term_bytes.extend_from_slice(t.as_bytes());
            term_offsets.push(term_bytes.len() as u32);
            let list = std::mem::take(&mut postings[id as usize]);
            for (d, w) in list {
                post_docs.push(d);
                post_impact.push(w);
            }
            post_offsets.push(post_docs.len() as u32);
        }

        let mut phrase_list: Vec<(String, String, u32)> = phrases
            .into_iter()
            .map(|(folded, (display, count))| (folded, display, count))
            .collect();
        phrase_list.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let phrase_display: Vec<String> = phrase_list.iter().map(|p| p.1.clone()).collect();
        let phrase_count: Vec<u32> = phrase_list.iter().map(|p| p.2).collect();

        SearchIndex::from_stored(StoredIndex {
            docs,
            reqs,
            lang_reqs,
            provinces,
            comuni,
            strings,
            str_offsets,
            term_bytes,
            term_offsets,
            post_offsets,
            post_docs,
            post_impact,
            phrase_display,
            phrase_count,
        })
    }

    /// The one place an index is assembled: the stored parts (from a build or
    /// a load) plus the structures derived from them.
    pub(super) fn from_stored(stored: StoredIndex) -> SearchIndex {
        let mut index = Self::underived(stored);
        for part in 0..DERIVED_PARTS {
            index.derive_part(part);
        }
        index
    }

    /// The stored parts only: [`derive_part`](Self::derive_part) each of the
    /// [`DERIVED_PARTS`] before use.
    pub(super) fn underived(stored: StoredIndex) -> SearchIndex {
        let StoredIndex {
            docs,
            reqs,
            lang_reqs,
            provinces,
            comuni,
            strings,
            str_offsets,
            term_bytes,
            term_offsets,
            post_offsets,
            post_docs,
            post_impact,
            phrase_display,
            phrase_count,
        } = stored;
        SearchIndex {
            docs,
            reqs,
            lang_reqs,
            provinces,
            comuni,
            strings,
            str_offsets,
            term_bytes,
            term_offsets,
            post_offsets,
            post_docs,
            post_impact,
            phrase_display,
            phrase_count,
            phrase_fold: Vec::new(),
            phrase_fold_offsets: Vec::new(),
            suggest_words: Vec::new(),
            bits: Default::default(),
            initials: Vec::new(),
        }
    }

    /// One of the structures derived from the stored ones, after a build or
    /// a load (one at a time, so a sliced load can yield in between).
    pub(super) fn derive_part(&mut self, part: usize) {
        match part {
            0 => self.build_suggest(),
            1 => self.bits = FacetBits::new(&self.docs, self.provinces.len(), &self.comuni),
            _ => self.build_initials(),
        }
    }

    /// One bitset of documents per initial (a–z, 0–9) of their terms.
    fn build_initials(&mut self) {
        let words = self.docs.len().div_ceil(64);
        let mut initials = vec![0u64; INITIALS * words];
        for t in 0..self.term_count() {
            let Some(slot) = self.term_at(t).first().copied().and_then(initial_slot) else {
                continue;
            };
            let set = &mut initials[slot * words..(slot + 1) * words];
            for &d in self.postings(t).0 {
                if let Some(w) = set.get_mut(d as usize / 64) {
                    *w |= 1 << (d % 64);
                }
            }
        }
        self.initials = initials;
    }

    /// Folded phrases and the sorted word → phrase table used by `suggest`.
    fn build_suggest(&mut self) {
        self.phrase_fold.clear();
        self.phrase_fold_offsets.clear();
        self.phrase_fold_offsets.push(0);
        self.suggest_words.clear();
        for (p, display) in self.phrase_display.iter().enumerate() {
            let start = self.phrase_fold.len();
            let folded = text::fold(display);
            self.phrase_fold.extend_from_slice(folded.as_bytes());
            self.phrase_fold_offsets.push(self.phrase_fold.len() as u32);
            let mut pos = 0usize;
            for w in folded.split(' ') {
                if !w.is_empty() && w.len() <= 255 {
                    self.suggest_words.push(SuggestWord {
                        start: (start + pos) as u32,
                        len: w.len() as u8,
                        phrase: p as u32,
                    });
                }
                pos += w.len() + 1;
            }
        }
        let bytes = &self.phrase_fold;
        self.suggest_words.sort_unstable_by(|a, b| {
            let wa = &bytes[a.start as usize..a.start as usize + a.len as usize];
            let wb = &bytes[b.start as usize..b.start as usize + b.len as usize];
            wa.cmp(wb).then(a.phrase.cmp(&b.phrase))
        });
    }
}

/// The matching data of an offer; its required languages are appended to
/// `lang_reqs`. The CP code's first level is always `prof_group` (an
/// unparsable code keeps just that), the ATECO digits below the division
/// come from the code the division came from.
fn doc_req(
    v: &Vacancy,
    prof_group: u8,
    ateco: Option<&str>,
    lang_reqs: &mut Vec<LangReq>,
) -> DocReq {
    let cp = match v.profession.as_ref().map(|p| pack_cp(&p.code)) {
        _ if prof_group == 0 => 0,
        Some(cp) if cp >> 16 == prof_group as u32 + 1 => cp,
        _ => (prof_group as u32 + 1) << 16,
    };
    let r = &v.requirements;
    let mut langs: Vec<LangReq> = r
        .languages
        .iter()
        .filter_map(|l| {
            let c = l.code.trim().to_ascii_lowercase();
            let b = c.as_bytes();
            (b.len() == 2 && b.iter().all(u8::is_ascii_lowercase)).then_some(LangReq {
                code: [b[0], b[1]],
                level: l.level as u8,
            })
        })
        .collect();
    // One entry per language, the highest level asked.
    langs.sort_unstable_by(|a, b| a.code.cmp(&b.code).then(b.level.cmp(&a.level)));
    langs.dedup_by_key(|l| l.code);
    langs.truncate(MAX_DOC_LANGS);
    let lang_start = u32::try_from(lang_reqs.len()).unwrap_or(u32::MAX);
    let lang_count = if lang_start == u32::MAX {
        0
    } else {
        langs.len() as u8
    };
    lang_reqs.extend_from_slice(&langs[..lang_count as usize]);
    DocReq {
        cp,
        lang_start,
        ateco_sub: ateco.map(pack_ateco).unwrap_or(0) as u8,
        lang_count,
        licences: r
            .driving_licences
            .iter()
            .filter_map(|l| licence_bit(l))
            .fold(0, |m, b| m | b),
        education: r
            .education_level
            .filter(|&l| l <= 12)
            .map(|l| l + 1)
            .unwrap_or(0),
    }
}

/// A province sigla, or [`provinces::UNKNOWN`]: no facet value is blank.
fn clean_province(p: &str) -> String {
    let p = p.trim().to_ascii_uppercase();
    if p.len() == 2 && p.bytes().all(|c| c.is_ascii_uppercase()) {
        p
    } else {
        crate::domain::provinces::UNKNOWN.to_string()
    }
}

/// The key identifying a comune: ISTAT code, else Belfiore code, else the
/// folded name with the province.
fn comune_key(v: &Vacancy) -> String {
    if let Some(c) = v.workplace.istat.as_deref().filter(|c| !c.is_empty()) {
        return format!("i:{c}");
    }
    if let Some(c) = v.workplace.belfiore.as_deref().filter(|c| !c.is_empty()) {
        return format!("b:{c}");
    }
    format!(
        "n:{}|{}",
        text::fold(&v.workplace.name),
        clean_province(&v.workplace.province)
    )
}
