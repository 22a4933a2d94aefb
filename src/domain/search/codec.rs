//! Compact binary form of a [`SearchIndex`], for persisting it (IndexedDB)
//! and loading it on return visits without re-tokenising the offers.
//!
//! ```text
//! "SLIX"  version:u8  0 0 0  payload_len:u64le  checksum:u64le  payload
//! payload (integers are LEB128 varints, "str" is varint length + UTF-8):
//!   docs:n
//!   provinces: count, str… (strictly sorted)
//!   comuni: count, { istat:str belfiore:str name:str province lat:f32le lon:f32le }…
//!   n × { published:zigzag expires:zigzag comune geo:u8 [lat:f32 lon:f32 if geo=2]
//!         prof_group:u8 division:u8 contract:u8 working_time:u8 flags:u8
//!         cp_sub:u16le req:u8 [ateco_sub:u8] [licences] [languages]
//!         id:str title:str employer:str }
//!         (geo: 0 none, 1 the comune's coordinates, 2 own coordinates)
//!   terms: count, { shared_prefix suffix_len suffix_bytes }… (front-coded, strictly sorted)
//!   per term: df, df × doc gap (first = doc), df × impact:u8
//!   phrases: count, { display:str count }…
//! ```
//! The matching data of a document (version 2; see `index::DocReq`):
//! - `cp_sub`: CP levels 2–5 as the low 16 bits of
//!   [`pack_cp`](super::pack_cp) (nibbles of digit + 1, contiguous from
//!   level 2; 0 when `prof_group` is 0); level 1 is `prof_group`.
//! - `req`: bits 0–3 the education level required + 1 (0 none, at most 13);
//!   bit 4: `ateco_sub` follows (the group and class nibbles of
//!   [`pack_ateco`](super::pack_ateco), non-zero, only with a division);
//!   bit 5: `licences` follows (varint, a non-zero mask over
//!   `profile::LICENCES`); bit 6: `languages` follow (varint count 1–16,
//!   then per language a varint `(c0 − 'a') × 26 × 6 + (c1 − 'a') × 6 +
//!   level`, level 0 = A1 … 5 = C2, strictly increasing language); bit 7 is 0.
//!
//! A document with no requirement beyond its codes costs 3 bytes more
//! than in version 1.
//! Everything is validated while reading (bounds, sortedness, ranges,
//! checksum), so a corrupt or truncated buffer is an `Err`, never a panic,
//! and a loaded index upholds the invariants `search` relies on.

use super::build::{StoredIndex, DERIVED_PARTS};
use super::classify::ateco_section_index;
use super::geo;
use super::index::{ComuneEntry, DocMeta, DocReq, LangReq, SearchIndex, MAX_DOC_LANGS};
use crate::domain::profile::LICENCES;
use crate::domain::vacancy::{ContractType, WorkingTime};

const REQ_EDUCATION: u8 = 0x0f;
const REQ_ATECO: u8 = 0x10;
const REQ_LICENCES: u8 = 0x20;
const REQ_LANGUAGES: u8 = 0x40;

/// A required language as stored: `(language index × 6) + level`.
fn lang_value(l: &LangReq) -> u32 {
    let idx = (l.code[0].wrapping_sub(b'a') as u32) * 26 + l.code[1].wrapping_sub(b'a') as u32;
    idx * 6 + l.level as u32
}

/// CP levels 2–5 as stored: each nibble at most 10, none set after an unset one.
fn valid_cp_sub(sub: u16) -> bool {
    let mut ended = false;
    (0..4).rev().all(|k| {
        let n = (sub >> (4 * k)) & 0xf;
        let ok = n <= 10 && !(ended && n != 0);
        ended |= n == 0;
        ok
    })
}

const MAGIC: &[u8; 4] = b"SLIX";
/// 1: the search only. 2: plus the matching data of each document.
const VERSION: u8 = 2;
const HEADER: usize = 4 + 4 + 8 + 8;

fn checksum(data: &[u8]) -> u64 {
    checksum_finish(checksum_words(checksum_start(data.len()), data))
}

fn checksum_start(len: usize) -> u64 {
    0x9E37_79B9_7F4A_7C15 ^ len as u64
}

/// Fold `data` into the hash. Called in pieces, each piece but the last
/// must be a multiple of 8 bytes long (then the result is the same).
fn checksum_words(mut h: u64, data: &[u8]) -> u64 {
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 29;
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn checksum_finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

struct Writer(Vec<u8>);

impl Writer {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    fn zigzag(&mut self, v: i32) {
        self.varint(((v << 1) ^ (v >> 31)) as u32 as u64);
    }
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

type R<T> = Result<T, String>;

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }
    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or("dati troncati")?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> R<u8> {
        Ok(self.take(1)?[0])
    }
    fn varint(&mut self) -> R<u64> {
        let mut v: u64 = 0;
        for i in 0..10 {
            let b = self.u8()?;
            if i == 9 && b > 1 {
                return Err("intero troppo grande".into());
            }
            v |= ((b & 0x7f) as u64) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("intero non terminato".into())
    }
    fn u32(&mut self) -> R<u32> {
        u32::try_from(self.varint()?).map_err(|_| "intero fuori intervallo".into())
    }
    fn zigzag(&mut self) -> R<i32> {
        let v = self.u32()?;
        Ok(((v >> 1) as i32) ^ -((v & 1) as i32))
    }
    /// A count of items each at least `min_size` bytes long: bounded by what is left.
    fn count(&mut self, min_size: usize) -> R<usize> {
        let n = self.varint()?;
        if n > (self.remaining() / min_size.max(1)) as u64 {
            return Err("conteggio incoerente".into());
        }
        Ok(n as usize)
    }
    fn f32(&mut self) -> R<f32> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn bytes(&mut self) -> R<&'a [u8]> {
        let n = self.count(1)?;
        self.take(n)
    }
    fn str(&mut self) -> R<&'a str> {
        std::str::from_utf8(self.bytes()?).map_err(|_| "testo non UTF-8".into())
    }
}

fn same_bits(a: f32, b: f32) -> bool {
    a.to_bits() == b.to_bits()
}

impl SearchIndex {
    /// The compact binary form (see the module documentation).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(
            self.post_docs.len() * 3 + self.strings.len() + self.docs.len() * 16 + 1024,
        ));
        w.varint(self.docs.len() as u64);
        w.varint(self.provinces.len() as u64);
        for p in &self.provinces {
            w.str(p);
        }
        w.varint(self.comuni.len() as u64);
        for c in &self.comuni {
            w.str(&c.istat);
            w.str(&c.belfiore);
            w.str(&c.name);
            w.varint(c.province as u64);
            w.f32(c.lat);
            w.f32(c.lon);
        }
        for (i, m) in self.docs.iter().enumerate() {
            w.zigzag(m.published);
            w.zigzag(m.expires);
            w.varint(m.comune as u64);
            let c = self.comuni.get(m.comune as usize);
            if !(m.lat.is_finite() && m.lon.is_finite()) {
                w.u8(0);
            } else if c
                .map(|c| same_bits(c.lat, m.lat) && same_bits(c.lon, m.lon))
                .unwrap_or(false)
            {
                w.u8(1);
            } else {
                w.u8(2);
                w.f32(m.lat);
                w.f32(m.lon);
            }
            w.u8(m.prof_group);
            w.u8(m.division);
            w.u8(m.contract);
            w.u8(m.working_time);
            w.u8(m.flags);
            let r = self.reqs.get(i).copied().unwrap_or_default();
            let langs = self
                .lang_reqs
                .get(r.lang_start as usize..r.lang_start as usize + r.lang_count as usize)
                .unwrap_or(&[]);
            w.0.extend_from_slice(&((r.cp & 0xffff) as u16).to_le_bytes());
            let mut req = r.education & REQ_EDUCATION;
            if r.ateco_sub != 0 {
                req |= REQ_ATECO;
            }
            if r.licences != 0 {
                req |= REQ_LICENCES;
            }
            if !langs.is_empty() {
                req |= REQ_LANGUAGES;
            }
            w.u8(req);
            if r.ateco_sub != 0 {
                w.u8(r.ateco_sub);
            }
            if r.licences != 0 {
                w.varint(r.licences as u64);
            }
            if !langs.is_empty() {
                w.varint(langs.len() as u64);
                for l in langs {
                    w.varint(lang_value(l) as u64);
                }
            }
            for k in 0..3 {
                let (a, b) = (
                    self.str_offsets[3 * i + k] as usize,
                    self.str_offsets[3 * i + k + 1] as usize,
                );
                w.str(self.strings.get(a..b).unwrap_or(""));
            }
        }
        let terms = self.term_count();
        w.varint(terms as u64);
        let mut prev: &[u8] = &[];
        for t in 0..terms {
            let term = self.term_at(t);
            let shared = prev.iter().zip(term).take_while(|(a, b)| a == b).count();
            w.varint(shared as u64);
            w.bytes(&term[shared..]);
            prev = term;
        }
        for t in 0..terms {
            let (docs, impacts) = self.postings(t);
            w.varint(docs.len() as u64);
            let mut last = 0u32;
            for (i, &d) in docs.iter().enumerate() {
                w.varint((if i == 0 { d } else { d - last }) as u64);
                last = d;
            }
            w.0.extend_from_slice(impacts);
        }
        w.varint(self.phrase_display.len() as u64);
        for (p, c) in self.phrase_display.iter().zip(&self.phrase_count) {
            w.str(p);
            w.varint(*c as u64);
        }
        let payload = w.0;
        let mut out = Vec::with_capacity(HEADER + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, 0, 0, 0]);
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&checksum(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// Load the binary form. Any corruption (wrong magic or version, bad
    /// checksum, truncation, out-of-range values) is an `Err` with an Italian
    /// message; never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<SearchIndex, String> {
        let mut decoder = IndexDecoder::new(bytes)?;
        loop {
            if let Some(index) = decoder.step(usize::MAX)? {
                return Ok(index);
            }
        }
    }
}

/// [`SearchIndex::from_bytes`] in steps, so that a caller on the browser's
/// main thread can yield between them: each [`step`](IndexDecoder::step)
/// reads about `budget` bytes (or does one of the derived structures) and
/// says whether the index is complete. The checks are the same.
pub struct IndexDecoder<'a> {
    r: Reader<'a>,
    stage: Stage,
    /// Items of the current stage done so far.
    done: usize,
    n: usize,
    /// The count of the current stage's items.
    count: usize,
    /// Checksum state: the hash so far (the words before `r.pos`).
    sum: u64,
    expected_sum: u64,
    prev_start: usize,
    s: StoredIndex,
    /// The index being derived (stage `Derive`).
    index: Option<SearchIndex>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    Checksum,
    Provinces,
    Comuni,
    Docs,
    Terms,
    Postings,
    Phrases,
    Derive,
    Done,
}

impl<'a> IndexDecoder<'a> {
    /// Check the header; nothing else is read yet.
    pub fn new(bytes: &'a [u8]) -> Result<Self, String> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err(invalid("intestazione mancante".into()));
        }
        if bytes[4] != VERSION {
            return Err(invalid(format!("versione {} non supportata", bytes[4])));
        }
        let mut len8 = [0u8; 8];
        len8.copy_from_slice(&bytes[8..16]);
        let mut sum8 = [0u8; 8];
        sum8.copy_from_slice(&bytes[16..24]);
        let payload = &bytes[HEADER..];
        if u64::from_le_bytes(len8) != payload.len() as u64 {
            return Err(invalid("lunghezza errata (dati troncati?)".into()));
        }
        Ok(IndexDecoder {
            r: Reader {
                buf: payload,
                pos: 0,
            },
            stage: Stage::Checksum,
            done: 0,
            n: 0,
            count: 0,
            sum: checksum_start(payload.len()),
            expected_sum: u64::from_le_bytes(sum8),
            prev_start: 0,
            s: StoredIndex::default(),
            index: None,
        })
    }

    /// Do about `budget` bytes of work; `Ok(Some(index))` once complete
    /// (later calls are an `Err`).
    pub fn step(&mut self, budget: usize) -> Result<Option<SearchIndex>, String> {
        self.run(budget.max(1)).map_err(invalid)
    }

    fn run(&mut self, budget: usize) -> R<Option<SearchIndex>> {
        let start = self.r.pos;
        match self.stage {
            Stage::Checksum => {
                let buf = self.r.buf;
                let end = if budget >= buf.len() {
                    buf.len()
                } else {
                    (self.r.pos + budget.next_multiple_of(8)).min(buf.len())
                };
                self.sum = checksum_words(self.sum, &buf[self.r.pos..end]);
                self.r.pos = end;
                if end == buf.len() {
                    if checksum_finish(self.sum) != self.expected_sum {
                        return Err("somma di controllo errata".into());
                    }
                    self.r.pos = 0;
                    self.n = self.r.count(15)?;
                    self.enter(Stage::Provinces, 1)?;
                }
            }
            Stage::Provinces => {
                if self.items(start, budget, Self::province)? {
                    self.enter(Stage::Comuni, 12)?;
                }
            }
            Stage::Comuni => {
                if self.items(start, budget, Self::comune)? {
                    self.s.docs.reserve(self.n);
                    self.s.reqs.reserve(self.n);
                    self.s.str_offsets.reserve(3 * self.n + 1);
                    self.s.str_offsets.push(0);
                    self.count = self.n;
                    self.done = 0;
                    self.stage = Stage::Docs;
                }
            }
            Stage::Docs => {
                if self.items(start, budget, Self::doc)? {
                    self.enter(Stage::Terms, 2)?;
                    self.s.term_offsets.reserve(self.count + 1);
                    self.s.term_offsets.push(0);
                }
            }
            Stage::Terms => {
                if self.items(start, budget, Self::term)? {
                    self.s.post_offsets.reserve(self.count + 1);
                    self.s.post_offsets.push(0);
                    self.done = 0;
                    self.stage = Stage::Postings;
                }
            }
            Stage::Postings => {
                if self.items(start, budget, Self::posting_list)? {
                    self.enter(Stage::Phrases, 2)?;
                }
            }
            Stage::Phrases => {
                if self.items(start, budget, Self::phrase)? {
                    if self.r.remaining() != 0 {
                        return Err("dati in eccesso".into());
                    }
                    self.index = Some(SearchIndex::underived(std::mem::take(&mut self.s)));
                    self.done = 0;
                    self.stage = Stage::Derive;
                }
            }
            // One derived structure per step.
            Stage::Derive => {
                let index = self.index.as_mut().ok_or("indice assente")?;
                index.derive_part(self.done);
                self.done += 1;
                if self.done == DERIVED_PARTS {
                    self.stage = Stage::Done;
                    return Ok(self.index.take());
                }
            }
            Stage::Done => return Err("indice già letto".into()),
        }
        Ok(None)
    }

    /// Read items of the current stage until `budget` bytes since `start`
    /// are read or the stage is complete; says whether it is.
    fn items(&mut self, start: usize, budget: usize, item: fn(&mut Self) -> R<()>) -> R<bool> {
        while self.done < self.count && self.r.pos - start < budget {
            item(self)?;
            self.done += 1;
        }
        Ok(self.done == self.count)
    }

    fn province(&mut self) -> R<()> {
        let p = self.r.str()?;
        if self.s.provinces.last().is_some_and(|l| l.as_str() >= p) {
            return Err("province non ordinate".into());
        }
        self.s.provinces.push(p.to_string());
        Ok(())
    }

    fn phrase(&mut self) -> R<()> {
        self.s.phrase_display.push(self.r.str()?.to_string());
        self.s.phrase_count.push(self.r.u32()?);
        Ok(())
    }

    /// Start a stage: read its item count (each item at least `min_size` bytes).
    fn enter(&mut self, stage: Stage, min_size: usize) -> R<()> {
        self.count = self.r.count(min_size)?;
        self.done = 0;
        self.stage = stage;
        Ok(())
    }

    fn comune(&mut self) -> R<()> {
        let r = &mut self.r;
        let istat = r.str()?.to_string();
        let belfiore = r.str()?.to_string();
        let name = r.str()?.to_string();
        let province = r.u32()?;
        if province as usize >= self.s.provinces.len() {
            return Err("provincia fuori intervallo".into());
        }
        let (lat, lon) = (r.f32()?, r.f32()?);
        self.s.comuni.push(ComuneEntry {
            istat,
            belfiore,
            name_fold: crate::domain::text::fold(&name),
            name,
            province: province as u16,
            lat,
            lon,
        });
        Ok(())
    }

    fn doc(&mut self) -> R<()> {
        let r = &mut self.r;
        let published = r.zigzag()?;
        let expires = r.zigzag()?;
        let comune = r.u32()?;
        let c = self
            .s
            .comuni
            .get(comune as usize)
            .ok_or("comune fuori intervallo")?;
        let (lat, lon) = match r.u8()? {
            0 => (f32::NAN, f32::NAN),
            1 => (c.lat, c.lon),
            2 => (r.f32()?, r.f32()?),
            _ => return Err("coordinate non valide".into()),
        };
        let xyz = geo::unit_vector(lat, lon);
        let (lat, lon) = if xyz[0].is_finite() {
            (lat, lon)
        } else {
            (f32::NAN, f32::NAN)
        };
        let prof_group = r.u8()?;
        let division = r.u8()?;
        let contract = r.u8()?;
        let working_time = r.u8()?;
        let flags = r.u8()?;
        if prof_group > 9
            || division > 99
            || contract as usize >= ContractType::ALL.len()
            || working_time as usize >= WorkingTime::ALL.len()
            || flags > 3
        {
            return Err("valori di documento fuori intervallo".into());
        }
        let province = c.province;
        let req = self.doc_req(prof_group, division)?;
        let r = &mut self.r;
        for _ in 0..3 {
            self.s.strings.push_str(r.str()?);
            self.s
                .str_offsets
                .push(u32::try_from(self.s.strings.len()).map_err(|_| "testi troppo lunghi")?);
        }
        self.s.docs.push(DocMeta {
            published,
            expires,
            xyz,
            lat,
            lon,
            comune,
            province,
            prof_group,
            section: ateco_section_index(division),
            division,
            contract,
            working_time,
            flags,
        });
        self.s.reqs.push(req);
        Ok(())
    }

    /// The matching data of a document (see the module documentation); its
    /// languages are appended to `lang_reqs`.
    fn doc_req(&mut self, prof_group: u8, division: u8) -> R<DocReq> {
        let r = &mut self.r;
        let b = r.take(2)?;
        let cp_sub = u16::from_le_bytes([b[0], b[1]]);
        if !valid_cp_sub(cp_sub) || (prof_group == 0 && cp_sub != 0) {
            return Err("codice della professione non valido".into());
        }
        let cp = if prof_group == 0 {
            0
        } else {
            (prof_group as u32 + 1) << 16 | cp_sub as u32
        };
        let req = r.u8()?;
        let education = req & REQ_EDUCATION;
        if req & 0x80 != 0 || education > 13 {
            return Err("requisiti non validi".into());
        }
        let ateco_sub = if req & REQ_ATECO != 0 {
            let a = r.u8()?;
            let (group, class) = (a >> 4, a & 0xf);
            if division == 0 || group == 0 || group > 10 || class > 10 {
                return Err("codice ATECO non valido".into());
            }
            a
        } else {
            0
        };
        let licences = if req & REQ_LICENCES != 0 {
            let m = r.u32()?;
            if m == 0 || m >> LICENCES.len() != 0 {
                return Err("patenti non valide".into());
            }
            m as u16
        } else {
            0
        };
        let lang_start =
            u32::try_from(self.s.lang_reqs.len()).map_err(|_| "troppe lingue richieste")?;
        let mut lang_count = 0u8;
        if req & REQ_LANGUAGES != 0 {
            let count = r.count(1)?;
            if count == 0 || count > MAX_DOC_LANGS {
                return Err("lingue richieste non valide".into());
            }
            let mut last: Option<u32> = None;
            for _ in 0..count {
                let v = r.u32()?;
                let (idx, level) = (v / 6, v % 6);
                if idx >= 26 * 26 || last.is_some_and(|l| l >= idx) {
                    return Err("lingue richieste non valide".into());
                }
                last = Some(idx);
                self.s.lang_reqs.push(LangReq {
                    code: [b'a' + (idx / 26) as u8, b'a' + (idx % 26) as u8],
                    level: level as u8,
                });
            }
            lang_count = count as u8;
        }
        Ok(DocReq {
            cp,
            lang_start,
            ateco_sub,
            lang_count,
            licences,
            education,
        })
    }

    fn term(&mut self) -> R<()> {
        let first = self.done == 0;
        let shared = self.r.varint()? as usize;
        let suffix = self.r.bytes()?;
        let term_bytes = &mut self.s.term_bytes;
        let prev_start = self.prev_start;
        let prev_len = term_bytes.len() - prev_start;
        if shared > prev_len || (!first && suffix.is_empty()) {
            return Err("dizionario non valido".into());
        }
        let start = term_bytes.len();
        term_bytes.extend_from_within(prev_start..prev_start + shared);
        term_bytes.extend_from_slice(suffix);
        if !first && term_bytes[prev_start..start] >= term_bytes[start..] {
            return Err("dizionario non ordinato".into());
        }
        self.s
            .term_offsets
            .push(u32::try_from(term_bytes.len()).map_err(|_| "dizionario troppo grande")?);
        self.prev_start = start;
        Ok(())
    }

    fn posting_list(&mut self) -> R<()> {
        let n = self.n;
        let r = &mut self.r;
        let df = r.count(2)?;
        if df == 0 || df > n {
            return Err("lista di documenti non valida".into());
        }
        let post_docs = &mut self.s.post_docs;
        post_docs.reserve(df);
        let mut last: u32 = 0;
        for i in 0..df {
            let gap = r.u32()?;
            let d = if i == 0 {
                gap
            } else {
                if gap == 0 {
                    return Err("lista di documenti non ordinata".into());
                }
                last.checked_add(gap).ok_or("documento fuori intervallo")?
            };
            if d as usize >= n {
                return Err("documento fuori intervallo".into());
            }
            post_docs.push(d);
            last = d;
        }
        self.s.post_impact.extend_from_slice(r.take(df)?);
        self.s
            .post_offsets
            .push(u32::try_from(post_docs.len()).map_err(|_| "troppi riferimenti")?);
        Ok(())
    }
}

fn invalid(e: String) -> String {
    format!("Indice di ricerca non valido: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_zigzag_round_trip() {
        let mut w = Writer(Vec::new());
        let vals = [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX];
        for v in vals {
            w.varint(v);
        }
        for z in [0i32, -1, 1, i32::MIN, i32::MAX, 20780] {
            w.zigzag(z);
        }
        let mut r = Reader { buf: &w.0, pos: 0 };
        for v in vals {
            assert_eq!(r.varint().unwrap(), v);
        }
        for z in [0i32, -1, 1, i32::MIN, i32::MAX, 20780] {
            assert_eq!(r.zigzag().unwrap(), z);
        }
        assert!(r.u8().is_err());
        let mut bad = Reader {
            buf: &[0xff; 11],
            pos: 0,
        };
        assert!(bad.varint().is_err());
    }

    fn small_index() -> SearchIndex {
        let items: Vec<crate::domain::vacancy::Vacancy> = (0..30)
            .map(|i| {
                let title = ["Magazziniere", "Barista caffè", "Operaia"][i % 3];
                let (istat, name, prov) = [("037006", "Bologna", "BO"), ("036023", "Modena", "MO")][i % 2];
                // The matching data varies too: CP depths, ATECO depths,
                // licences (CQC is not kept), languages, education.
                let cp = ["4.3.1.2.0", "5.2.2.4.0", "7.2.7.1.0.1", "4.3.1"][i % 4];
                let ateco = ["52", "52.10.1", "56.30", "28.29.30", "52.1"][i % 5];
                let languages = match i % 4 {
                    0 => serde_json::json!([{"code": "en", "level": "B2"}, {"code": "de", "level": "A2"}]),
                    1 => serde_json::json!([{"code": "zh", "level": "C2"}]),
                    _ => serde_json::json!([]),
                };
                let licences = [serde_json::json!(["B", "CQC"]), serde_json::json!(["C", "CE"]), serde_json::json!([])][i % 3].clone();
                let education = (i % 2 == 0).then_some(i % 13);
                serde_json::from_value(serde_json::json!({
                    "id": format!("X-{i}"), "title": title,
                    "description": "Carico e scarico merci; turni.", "employer": {"name": format!("Ditta {i}")},
                    "workplace": {"istat": istat, "name": name, "province": prov},
                    "lat": 44.5 + i as f32 / 100.0, "lon": 11.0,
                    "profession": {"code": cp, "label": "Addetti alla gestione dei magazzini"},
                    "sector": {"code": ateco, "label": "Magazzinaggio"},
                    "contract": "tempo_determinato", "working_time": "turni", "posts": 1,
                    "requirements": {"education_level": education, "languages": languages, "driving_licences": licences},
                    "published": "2026-11-01", "expires": "2026-12-31", "reserved_l68": i % 7 == 0
                }))
                .unwrap()
            })
            .collect();
        SearchIndex::build(&items)
    }

    /// Mutated payloads with a recomputed checksum reach the structural
    /// checks: they must give Ok or Err, never panic, and an accepted index
    /// must answer queries without panicking.
    #[test]
    fn mutated_payloads_with_valid_checksum_never_panic() {
        let bytes = small_index().to_bytes();
        let payload = &bytes[HEADER..];
        let mut x: u64 = 0x9e37_79b9;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let wrap = |p: &[u8]| {
            let mut out = Vec::new();
            out.extend_from_slice(MAGIC);
            out.extend_from_slice(&[VERSION, 0, 0, 0]);
            out.extend_from_slice(&(p.len() as u64).to_le_bytes());
            out.extend_from_slice(&checksum(p).to_le_bytes());
            out.extend_from_slice(p);
            out
        };
        let q = crate::domain::search::Query {
            origin: Some((44.5, 11.0)),
            radius_km: Some(20),
            ..crate::domain::search::Query::text("magaz")
        };
        let profiles: Vec<_> = crate::domain::offer_match::sample_profiles()
            .iter()
            .take(6)
            .map(|p| crate::domain::offer_match::MatchProfile::from_profile(p, Some((44.5, 11.0))))
            .collect();
        let mut accepted = 0;
        for round in 0..3000 {
            let mut p = payload.to_vec();
            match round % 3 {
                0 => {
                    let i = (next() as usize) % p.len();
                    p[i] = next() as u8;
                }
                1 => {
                    let i = (next() as usize) % p.len();
                    p[i] ^= 1 << (next() % 8);
                }
                _ => {
                    let i = (next() as usize) % p.len();
                    p.truncate(i);
                }
            }
            if let Ok(idx) = SearchIndex::from_bytes(&wrap(&p)) {
                accepted += 1;
                let _ = idx.search(&q, 20_780);
                let _ = idx.search(&crate::domain::search::Query::default(), 20_780);
                let _ = idx.suggest("ma", 5);
                for p in &profiles {
                    let _ = crate::domain::offer_match::offers_for(&idx, p, 20_780, 10);
                }
                for d in 0..idx.len() as u32 {
                    let _ = idx.doc(d);
                }
            }
        }
        // Some mutations (e.g. inside a title) are structurally valid.
        assert!(accepted > 0);
    }

    /// Decoding in steps of any size gives what one call gives: the same
    /// index, or an error for the same bad input.
    fn stepped(bytes: &[u8], budget: usize) -> Result<SearchIndex, String> {
        let mut d = IndexDecoder::new(bytes)?;
        for _ in 0..bytes.len() + 16 {
            if let Some(index) = d.step(budget)? {
                assert!(
                    d.step(budget).is_err(),
                    "a finished decoder reads nothing more"
                );
                return Ok(index);
            }
        }
        panic!("the decoder made no progress with budget {budget}");
    }

    #[test]
    fn stepped_decoding_equals_one_call() {
        let bytes = small_index().to_bytes();
        let whole = SearchIndex::from_bytes(&bytes).unwrap().to_bytes();
        for budget in [1, 3, 8, 13, 64, 500, 4096, usize::MAX] {
            let back = stepped(&bytes, budget).unwrap();
            assert_eq!(back.to_bytes(), whole, "budget {budget}");
        }
        // Corrupt inputs: both ways agree on which are accepted.
        let mut x: u64 = 0x2545_f491;
        for round in 0..400 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut b = bytes.clone();
            let i = HEADER + (x as usize) % (b.len() - HEADER);
            b[i] ^= 1 << (round % 8);
            let payload_sum = checksum(&b[HEADER..]).to_le_bytes();
            if round % 2 == 0 {
                b[16..24].copy_from_slice(&payload_sum);
            }
            let one = SearchIndex::from_bytes(&b).map(|i| i.to_bytes());
            let steps = stepped(&b, 1 + (x as usize >> 20) % 97).map(|i| i.to_bytes());
            assert_eq!(one.is_ok(), steps.is_ok(), "round {round}");
            if let (Ok(a), Ok(c)) = (one, steps) {
                assert_eq!(a, c);
            }
        }
    }

    #[test]
    fn matching_data_round_trips_and_bad_values_are_rejected() {
        let idx = small_index();
        assert!(idx.reqs.iter().any(|r| r.lang_count == 2
            && r.licences != 0
            && r.ateco_sub & 0xf != 0
            && r.education != 0
            && r.cp & 0xf != 0));
        assert!(idx
            .reqs
            .iter()
            .any(|r| r.lang_count == 0 && r.licences == 0 && r.education == 0));
        let bytes = idx.to_bytes();
        let back = SearchIndex::from_bytes(&bytes).unwrap();
        assert_eq!((&back.reqs, &back.lang_reqs), (&idx.reqs, &idx.lang_reqs));
        assert_eq!(back.to_bytes(), bytes);
        // A document with two languages, a licence, ATECO digits and a CP code.
        let d = idx
            .reqs
            .iter()
            .position(|r| r.lang_count == 2 && r.licences != 0 && r.ateco_sub != 0)
            .unwrap();
        let top = (idx.docs[d].prof_group as u32 + 1) << 16;
        type Tamper = fn(&mut SearchIndex, usize, u32);
        let bad: [(&str, Tamper); 10] = [
            ("CP digit over 9", |i, d, top| i.reqs[d].cp = top | 0xb000),
            ("CP level after a missing one", |i, d, top| {
                i.reqs[d].cp = top | 0x2030
            }),
            ("CP levels without a major group", |i, d, _| {
                i.docs[d].prof_group = 0
            }),
            ("education 13", |i, d, _| i.reqs[d].education = 14),
            ("ATECO class without group", |i, d, _| {
                i.reqs[d].ateco_sub = 0x05
            }),
            ("ATECO digits without a division", |i, d, _| {
                i.docs[d].division = 0
            }),
            ("an unknown licence", |i, d, _| {
                i.reqs[d].licences = 1 << LICENCES.len()
            }),
            ("languages out of order", |i, d, _| {
                let s = i.reqs[d].lang_start as usize;
                i.lang_reqs.swap(s, s + 1)
            }),
            ("a language twice", |i, d, _| {
                let s = i.reqs[d].lang_start as usize;
                i.lang_reqs[s + 1] = i.lang_reqs[s]
            }),
            ("a language code that is not a-z", |i, d, _| {
                let s = i.reqs[d].lang_start as usize;
                i.lang_reqs[s + 1].code = [b'{', b'a']
            }),
        ];
        for (what, tamper) in bad {
            let mut t = idx.clone();
            tamper(&mut t, d, top);
            let bytes = t.to_bytes();
            assert!(SearchIndex::from_bytes(&bytes).is_err(), "{what}");
            assert!(stepped(&bytes, 7).is_err(), "{what}, in steps");
        }
        // An index of the previous version (search only) is not read.
        let mut old = bytes.clone();
        old[4] = 1;
        let e = SearchIndex::from_bytes(&old).unwrap_err();
        assert!(e.contains("versione 1 non supportata"), "{e}");
        assert!(IndexDecoder::new(&old).is_err());
    }

    #[test]
    fn empty_index_round_trips_and_garbage_is_rejected() {
        let idx = SearchIndex::build(&[]);
        let bytes = idx.to_bytes();
        let back = SearchIndex::from_bytes(&bytes).unwrap();
        assert_eq!(back.len(), 0);
        assert!(SearchIndex::from_bytes(b"").is_err());
        assert!(SearchIndex::from_bytes(b"SLIX").is_err());
        assert!(SearchIndex::from_bytes(&[0u8; 100]).is_err());
        // A valid checksum over an invalid payload is still rejected.
        let payload = [0xffu8, 0xff, 0xff, 0xff, 0x0f];
        let mut forged = Vec::new();
        forged.extend_from_slice(MAGIC);
        forged.extend_from_slice(&[VERSION, 0, 0, 0]);
        forged.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        forged.extend_from_slice(&checksum(&payload).to_le_bytes());
        forged.extend_from_slice(&payload);
        assert!(SearchIndex::from_bytes(&forged).is_err());
    }
}
