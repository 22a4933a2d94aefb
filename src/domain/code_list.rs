//! Code lists of a work experience: the profession from ISTAT's
//! classification of professions (CP 2021) and the sector from ATECO 2025.
//!
//! The lists are the files `public/data/ref/cp2021.json` and
//! `public/data/ref/ateco2025.json`, built by `tools/ref/build-code-lists.py`
//! (sources, licences and levels in `docs/reference-data.md`):
//!
//! ```text
//! {"list":"cp2021","version":"CP 2021","source":"…","licence":"CC BY 4.0, ISTAT",
//!  "items":[["1","Legislatori, imprenditori e alta dirigenza"], …]}
//! ```
//!
//! [`CodeList::parse`] checks a file strictly; [`CodeList::search`] is the
//! picker's search (by code prefix or by the words of the name, accents and
//! case ignored); [`CodeList::get`] finds a saved code again.
//!
//! Pure and panic-free: it runs on every keystroke of the picker.

use std::collections::HashMap;

use serde::Deserialize;

use crate::domain::message::Msg;
use crate::domain::text;
use crate::domain::vacancy::is_ateco_code;

/// The lists this module knows, by their `list` name in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    /// ISTAT, Classificazione delle professioni CP 2021: codes of 1 to 5
    /// single-digit levels, `2`, `2.7.1`, `2.1.1.4.1`.
    Cp2021,
    /// ISTAT, ATECO 2025: section letters `A`–`Z` and the numeric codes from
    /// division to sub-category, `62`, `62.1`, `62.10`, `62.10.0`, `62.10.00`.
    Ateco2025,
}

impl ListKind {
    pub const ALL: [ListKind; 2] = [ListKind::Cp2021, ListKind::Ateco2025];

    /// The kind named `name` (the file's `list` field).
    pub fn from_name(name: &str) -> Option<ListKind> {
        ListKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The `list` field of this kind's file.
    pub fn name(self) -> &'static str {
        match self {
            ListKind::Cp2021 => "cp2021",
            ListKind::Ateco2025 => "ateco2025",
        }
    }

    /// Whether `code` has this list's code shape.
    pub fn is_code(self, code: &str) -> bool {
        match self {
            ListKind::Cp2021 => is_cp_level_code(code),
            ListKind::Ateco2025 => is_section_letter(code) || is_ateco_code(code),
        }
    }

    /// Depth of a code in the hierarchy: CP `2` is 1 and `2.1.1.4.1` is 5;
    /// an ATECO section letter is 0, a division 1 … a sub-category 5.
    pub fn depth(self, code: &str) -> usize {
        match self {
            ListKind::Cp2021 => code.split('.').count(),
            ListKind::Ateco2025 => code
                .bytes()
                .filter(u8::is_ascii_digit)
                .count()
                .saturating_sub(1),
        }
    }

    /// The canonical form of a code typed without dots, if it is one:
    /// CP `2114` → `2.1.1.4`, ATECO `6210` → `62.10`, `621000` → `62.10.00`.
    fn dotted(self, digits: &str) -> Option<String> {
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut out = String::with_capacity(digits.len() * 2);
        match self {
            ListKind::Cp2021 if digits.len() <= 5 => {
                for (i, c) in digits.chars().enumerate() {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push(c);
                }
            }
            ListKind::Ateco2025 if digits.len() <= 6 => {
                for (i, c) in digits.chars().enumerate() {
                    if i == 2 || i == 4 {
                        out.push('.');
                    }
                    out.push(c);
                }
            }
            _ => return None,
        }
        Some(out)
    }
}

/// CP code of 1 to 5 levels, one digit each, the first 1–9.
fn is_cp_level_code(code: &str) -> bool {
    let mut levels = 0;
    for (i, part) in code.split('.').enumerate() {
        let b = part.as_bytes();
        if b.len() != 1 || !b[0].is_ascii_digit() || (i == 0 && b[0] == b'0') {
            return false;
        }
        levels += 1;
    }
    (1..=5).contains(&levels)
}

fn is_section_letter(code: &str) -> bool {
    code.len() == 1 && code.bytes().all(|c| c.is_ascii_uppercase())
}

/// One entry of a list: its code and its Italian name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeItem {
    pub code: String,
    pub name: String,
}

/// A checked code list. `parse` guarantees: `list` names a [`ListKind`],
/// `items` is not empty, sorted by code (byte order, a parent before its
/// children) without duplicates, every code has the list's shape and every
/// name is non-empty and trimmed. [`CodeList::get`] relies on the order:
/// keep it if you change `items`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeList {
    pub list: String,
    pub version: String,
    pub source: String,
    pub licence: String,
    pub items: Vec<CodeItem>,
}

/// Why a code list file was refused: a kind with its data. The view shows
/// [`CodeListError::message`] in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeListError {
    /// Not JSON, or JSON of another shape; `detail` is serde's technical text.
    Malformed { detail: String },
    /// The `list` field names no known list.
    UnknownList { found: String },
    /// `source` or `licence` is empty: the list cannot be credited.
    MissingAttribution,
    /// `items` is empty.
    Empty,
    /// The item at `position` (1-based, in file order) has an empty code.
    EmptyCode { position: usize },
    /// The item with this code has an empty name.
    EmptyName { code: String },
    /// Two items have this code.
    Duplicate { code: String },
    /// A code that has not the list's shape.
    BadCode { code: String },
}

impl CodeListError {
    /// The message for the person: a key under `codelist.error.*` and its
    /// arguments.
    pub fn message(&self) -> Msg {
        match self {
            CodeListError::Malformed { detail } => {
                Msg::new("codelist.error.malformed").text("detail", detail.clone())
            }
            CodeListError::UnknownList { found } => {
                Msg::new("codelist.error.unknown_list").text("found", found.clone())
            }
            CodeListError::MissingAttribution => Msg::new("codelist.error.missing_attribution"),
            CodeListError::Empty => Msg::new("codelist.error.empty"),
            CodeListError::EmptyCode { position } => {
                Msg::new("codelist.error.empty_code").text("position", position.to_string())
            }
            CodeListError::EmptyName { code } => {
                Msg::new("codelist.error.empty_name").text("code", code.clone())
            }
            CodeListError::Duplicate { code } => {
                Msg::new("codelist.error.duplicate").text("code", code.clone())
            }
            CodeListError::BadCode { code } => {
                Msg::new("codelist.error.bad_code").text("code", code.clone())
            }
        }
    }
}

/// The file as written: items are `[code, name]` pairs.
#[derive(Deserialize)]
struct RawList {
    list: String,
    version: String,
    source: String,
    licence: String,
    items: Vec<(String, String)>,
}

impl CodeList {
    /// Read and check a code list file (see [`CodeList`] for what is
    /// guaranteed). Unknown extra fields are ignored.
    pub fn parse(json: &str) -> Result<CodeList, CodeListError> {
        let raw: RawList = serde_json::from_str(json).map_err(|e| CodeListError::Malformed {
            detail: crate::domain::feed::short_detail(&e),
        })?;
        let kind = ListKind::from_name(&raw.list).ok_or_else(|| CodeListError::UnknownList {
            found: raw.list.clone(),
        })?;
        if raw.source.trim().is_empty() || raw.licence.trim().is_empty() {
            return Err(CodeListError::MissingAttribution);
        }
        if raw.items.is_empty() {
            return Err(CodeListError::Empty);
        }
        let mut items = Vec::with_capacity(raw.items.len());
        for (i, (code, name)) in raw.items.into_iter().enumerate() {
            if code.is_empty() {
                return Err(CodeListError::EmptyCode { position: i + 1 });
            }
            if !kind.is_code(&code) {
                return Err(CodeListError::BadCode { code });
            }
            let name = name.trim();
            if name.is_empty() {
                return Err(CodeListError::EmptyName { code });
            }
            items.push(CodeItem {
                name: name.to_string(),
                code,
            });
        }
        items.sort_by(|a, b| a.code.cmp(&b.code));
        if let Some(w) = items.windows(2).find(|w| w[0].code == w[1].code) {
            return Err(CodeListError::Duplicate {
                code: w[0].code.clone(),
            });
        }
        Ok(CodeList {
            list: raw.list,
            version: raw.version,
            source: raw.source,
            licence: raw.licence,
            items,
        })
    }

    /// The kind named by `list` (always `Some` for a parsed list).
    pub fn kind(&self) -> Option<ListKind> {
        ListKind::from_name(&self.list)
    }

    /// The item with exactly this code.
    pub fn get(&self, code: &str) -> Option<&CodeItem> {
        self.items
            .binary_search_by(|item| item.code.as_str().cmp(code))
            .ok()
            .and_then(|i| self.items.get(i))
    }

    /// At most `limit` items for what the person typed; empty for an empty
    /// query.
    ///
    /// * A query that looks like a code (digits and dots, such as `62.1`, or
    ///   digits alone, `6210` read as `62.10`) matches by code prefix: `62.1`,
    ///   `62.10`, `62.10.0`, `62.10.00` … in code order, the exact code first.
    /// * Otherwise every word of the query (stopwords such as "di", "alla"
    ///   aside, unless there is nothing else) must match a word of the name,
    ///   case and accents ignored: as its beginning (`"progr"` →
    ///   "programmazione") or as the same word in another number or gender
    ///   (`"vendita"` → "vendite", see [`text::stem`]). An item whose code is
    ///   the query (an ATECO section letter) comes first. Then: names whose
    ///   first word the query's first word matches, then those whose first
    ///   word another query word matches; more whole-word matches; matches
    ///   nearer the start of the name; deeper levels (a precise profession or
    ///   activity before its group); shorter names; code. Where a parent and
    ///   a descendant have the same name (ATECO 62.10 and 62.10.00), only the
    ///   deepest is listed.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&CodeItem> {
        let q = query.trim();
        if limit == 0 || q.is_empty() {
            return Vec::new();
        }
        let kind = self.kind();
        if let Some(prefix) = code_prefix(kind, q) {
            return self.search_code(&prefix, limit);
        }
        self.search_name(kind, q, limit)
    }

    fn search_code(&self, prefix: &str, limit: usize) -> Vec<&CodeItem> {
        // Sorted by code, so the matches are one run starting at the prefix
        // itself (or where it would be).
        let start = self
            .items
            .partition_point(|item| item.code.as_str() < prefix);
        self.items
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|item| item.code.starts_with(prefix))
            .take(limit)
            .collect()
    }

    fn search_name(&self, kind: Option<ListKind>, q: &str, limit: usize) -> Vec<&CodeItem> {
        let words = query_words(q);
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(Rank, &CodeItem)> = Vec::new();
        let mut stem_buf = String::new();
        for item in &self.items {
            let exact_code = item.code.eq_ignore_ascii_case(q);
            let folded = text::fold(&item.name);
            let name: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
            let Some(quality) = match_words(&words, &name, &mut stem_buf) else {
                if exact_code {
                    hits.push((Rank::exact(), item));
                }
                continue;
            };
            let depth = kind.map_or(0, |k| k.depth(&item.code));
            let rank = Rank {
                not_exact_code: !exact_code,
                first_word: quality.first_word,
                whole: std::cmp::Reverse(quality.whole),
                position: quality.position,
                depth: std::cmp::Reverse(depth),
                name_len: item.name.chars().count(),
            };
            hits.push((rank, item));
        }
        drop_same_name_ancestors(&mut hits);
        // Sort by rank, then code (items are visited in code order and the
        // sort is stable, so equal ranks keep code order).
        hits.sort_by_key(|(rank, _)| *rank);
        hits.into_iter().take(limit).map(|(_, item)| item).collect()
    }
}

/// The code prefix to search for, if the query looks like a code: digits
/// and dots starting with a digit (a trailing dot ignored), or digits alone
/// turned into the list's dotted form.
fn code_prefix(kind: Option<ListKind>, q: &str) -> Option<String> {
    let b = q.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() || !b.iter().all(|c| c.is_ascii_digit() || *c == b'.')
    {
        return None;
    }
    let trimmed = q.trim_end_matches('.');
    if !trimmed.contains('.') {
        if let Some(dotted) = kind.and_then(|k| k.dotted(trimmed)) {
            return Some(dotted);
        }
    }
    Some(trimmed.to_string())
}

/// A word of the query, folded, with its stem when it is long enough to
/// be compared by stem.
struct QueryWord {
    word: String,
    stem: Option<String>,
}

/// The folded words of the query, stopwords dropped unless nothing else is
/// left, duplicates dropped.
fn query_words(q: &str) -> Vec<QueryWord> {
    let folded = text::fold(q);
    let all: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let content: Vec<&str> = all
        .iter()
        .copied()
        .filter(|w| !text::is_stopword(w))
        .collect();
    let chosen = if content.is_empty() { all } else { content };
    let mut out: Vec<QueryWord> = Vec::with_capacity(chosen.len());
    for w in chosen {
        if !out.iter().any(|o| o.word == w) {
            out.push(QueryWord {
                word: w.to_string(),
                stem: (w.len() >= 4).then(|| text::stem(w)),
            });
        }
    }
    out
}

/// How a name matched the query.
struct Quality {
    /// 0: the name's first word is matched by the query's first word; 1: by
    /// another query word; 2: not matched.
    first_word: u8,
    /// Query words that matched a whole word (same word or same stem).
    whole: usize,
    /// Sum over the query words of the place of the first name word each
    /// matched, counting the name's words other than stopwords: "Attività
    /// di ristoranti" (1) before "Commercio all'ingrosso di macchine e
    /// attrezzature per ristoranti" (5).
    position: usize,
}

/// `None` unless every query word matches some word of the (folded) name.
fn match_words(query: &[QueryWord], name: &[&str], stem_buf: &mut String) -> Option<Quality> {
    let mut first_word = 2u8;
    let mut whole = 0;
    let mut position = 0;
    for (qi, qw) in query.iter().enumerate() {
        let mut found: Option<usize> = None;
        let mut matched_whole = false;
        let mut place = 0;
        for (ni, nw) in name.iter().enumerate() {
            let (hit, is_whole) = word_match(qw, nw, stem_buf);
            if hit {
                found.get_or_insert(place);
                matched_whole |= is_whole;
                if ni == 0 {
                    first_word = first_word.min(if qi == 0 { 0 } else { 1 });
                }
            }
            if !text::is_stopword(nw) {
                place += 1;
            }
        }
        position += found?;
        if matched_whole {
            whole += 1;
        }
    }
    Some(Quality {
        first_word,
        whole,
        position,
    })
}

/// Whether the query word matches the name word `n` (folded), and whether
/// as a whole word.
fn word_match(q: &QueryWord, n: &str, stem_buf: &mut String) -> (bool, bool) {
    if n == q.word {
        return (true, true);
    }
    // Same word in another number or gender: "vendita" ~ "vendite". Stems
    // keep a word's first letters, so only words sharing them are stemmed.
    if let Some(stem) = &q.stem {
        if n.len() >= 4 && n.as_bytes().get(..2) == q.word.as_bytes().get(..2) {
            text::stem_into(n, stem_buf);
            if *stem_buf == *stem {
                return (true, true);
            }
        }
    }
    (n.starts_with(q.word.as_str()), false)
}

/// Sort key of a name match; smaller is better.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    /// `false` for the item whose code is the query.
    not_exact_code: bool,
    first_word: u8,
    whole: std::cmp::Reverse<usize>,
    position: usize,
    depth: std::cmp::Reverse<usize>,
    name_len: usize,
}

impl Rank {
    fn exact() -> Rank {
        Rank {
            not_exact_code: false,
            first_word: 0,
            whole: std::cmp::Reverse(usize::MAX),
            position: 0,
            depth: std::cmp::Reverse(usize::MAX),
            name_len: 0,
        }
    }
}

/// Drop a hit when a deeper hit under it (its code extends the hit's code)
/// has the same name: ATECO repeats a name down a chain (62.10, 62.10.0,
/// 62.10.00) and the person needs only the most precise one.
fn drop_same_name_ancestors(hits: &mut Vec<(Rank, &CodeItem)>) {
    let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
    for (_, item) in hits.iter() {
        by_name
            .entry(item.name.as_str())
            .or_default()
            .push(item.code.as_str());
    }
    let keep: Vec<bool> = hits
        .iter()
        .map(|(rank, item)| {
            !rank.not_exact_code
                || !by_name.get(item.name.as_str()).is_some_and(|codes| {
                    codes
                        .iter()
                        .any(|c| c.len() > item.code.len() && c.starts_with(item.code.as_str()))
                })
        })
        .collect();
    let mut keep = keep.into_iter();
    hits.retain(|_| keep.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;

    const CP: &str = r#"{"list":"cp2021","version":"CP 2021","source":"test","licence":"CC BY 4.0, ISTAT","items":[
["2","Professioni intellettuali, scientifiche e di elevata specializzazione"],
["2.7.1","Analisti e specialisti nella progettazione di applicazioni"],
["2.1.1","Specialisti in scienze matematiche, chimiche, fisiche e naturali"],
["2.1.1.4.1","Analisti e progettisti di software"],
["3.1.2","Tecnici informatici, telematici e delle telecomunicazioni"],
["5.1.2","Addetti alle vendite"],
["8.1.1","Venditori ambulanti"],
["5","Professioni qualificate nelle attività commerciali e nei servizi"]
]}"#;

    const ATECO: &str = r#"{"list":"ateco2025","version":"ATECO 2025","source":"test","licence":"CC BY 4.0, ISTAT","items":[
["K","Telecomunicazioni, programmazione e consulenza informatica"],
["62","Attività di programmazione, consulenza informatica e attività connesse"],
["62.1","Attività di programmazione informatica"],
["62.10","Attività di programmazione informatica"],
["62.10.0","Attività di programmazione informatica"],
["62.10.00","Attività di programmazione informatica"],
["62.2","Attività di consulenza informatica e di gestione di strutture informatiche"],
["62.20.1","Attività di consulenza informatica"],
["47.11.10","Ipermercati"]
]}"#;

    fn codes(items: &[&CodeItem]) -> Vec<String> {
        items.iter().map(|i| i.code.clone()).collect()
    }

    #[test]
    fn parse_sorts_and_checks() {
        let cp = CodeList::parse(CP).unwrap();
        assert_eq!(cp.kind(), Some(ListKind::Cp2021));
        assert_eq!(cp.items.len(), 8);
        assert!(cp.items.windows(2).all(|w| w[0].code < w[1].code));
        assert_eq!(cp.items[0].code, "2");
        assert_eq!(
            cp.get("5.1.2").map(|i| i.name.as_str()),
            Some("Addetti alle vendite")
        );
        assert_eq!(cp.get("5.1"), None);
        let ateco = CodeList::parse(ATECO).unwrap();
        assert_eq!(ateco.kind(), Some(ListKind::Ateco2025));
        assert_eq!(ateco.get("K").map(|i| i.code.as_str()), Some("K"));
    }

    fn with_items(list: &str, items: &str) -> String {
        format!(r#"{{"list":"{list}","version":"v","source":"s","licence":"l","items":[{items}]}}"#)
    }

    #[test]
    fn parse_rejects_what_it_must() {
        let err = |json: &str| CodeList::parse(json).unwrap_err();
        assert!(matches!(err("not json"), CodeListError::Malformed { .. }));
        assert!(matches!(
            err(r#"{"list":"cp2021","items":[]}"#),
            CodeListError::Malformed { .. }
        ));
        assert!(matches!(
            err(&with_items("cp2021", r#"["1","a","extra"]"#)),
            CodeListError::Malformed { .. }
        ));
        assert_eq!(
            err(&with_items("isco08", r#"["1","a"]"#)),
            CodeListError::UnknownList {
                found: "isco08".into()
            }
        );
        assert_eq!(err(&with_items("cp2021", "")), CodeListError::Empty);
        assert_eq!(
            err(&with_items("cp2021", r#"["1","a"],["","b"]"#)),
            CodeListError::EmptyCode { position: 2 }
        );
        assert_eq!(
            err(&with_items("cp2021", r#"["1"," "]"#)),
            CodeListError::EmptyName { code: "1".into() }
        );
        assert_eq!(
            err(&with_items(
                "cp2021",
                r#"["2.1","a"],["1","b"],["2.1","c"]"#
            )),
            CodeListError::Duplicate { code: "2.1".into() }
        );
        for bad in ["0", "1.2.3.4.5.6", "12", "1..2", "1.", "A", " 1", "1.a"] {
            assert_eq!(
                err(&with_items("cp2021", &format!(r#"["{bad}","x"]"#))),
                CodeListError::BadCode { code: bad.into() },
                "{bad}"
            );
        }
        for bad in ["6", "621", "62.1.1", "62.100", "00", "j", "JK", "J.62"] {
            assert_eq!(
                err(&with_items("ateco2025", &format!(r#"["{bad}","x"]"#))),
                CodeListError::BadCode { code: bad.into() },
                "{bad}"
            );
        }
        let no_licence =
            r#"{"list":"cp2021","version":"v","source":"s","licence":" ","items":[["1","a"]]}"#;
        assert_eq!(err(no_licence), CodeListError::MissingAttribution);
        // Unknown extra fields are fine.
        let extra = r#"{"list":"cp2021","version":"v","source":"s","licence":"l","x":1,"items":[["1","a"]]}"#;
        assert!(CodeList::parse(extra).is_ok());
    }

    #[test]
    fn every_error_has_a_codelist_key() {
        let all = [
            CodeListError::Malformed { detail: "d".into() },
            CodeListError::UnknownList { found: "f".into() },
            CodeListError::MissingAttribution,
            CodeListError::Empty,
            CodeListError::EmptyCode { position: 3 },
            CodeListError::EmptyName { code: "1".into() },
            CodeListError::Duplicate { code: "1".into() },
            CodeListError::BadCode { code: "x".into() },
        ];
        let mut keys: Vec<&str> = all.iter().map(|e| e.message().key).collect();
        assert!(keys.iter().all(|k| k.starts_with("codelist.error.")));
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
        let m = CodeListError::EmptyCode { position: 3 }.message();
        assert_eq!(m.render(&|_| "item {position}".to_string()), "item 3");
    }

    #[test]
    fn code_queries_match_by_prefix_in_code_order() {
        let ateco = CodeList::parse(ATECO).unwrap();
        let hits = ateco.search("62.1", 10);
        assert_eq!(codes(&hits), ["62.1", "62.10", "62.10.0", "62.10.00"]);
        assert_eq!(codes(&ateco.search("62", 3)), ["62", "62.1", "62.10"]);
        assert_eq!(
            codes(&ateco.search(" 62.10. ", 10)),
            ["62.10", "62.10.0", "62.10.00"]
        );
        assert_eq!(
            codes(&ateco.search("6210", 10)),
            ["62.10", "62.10.0", "62.10.00"]
        );
        assert_eq!(codes(&ateco.search("471110", 10)), ["47.11.10"]);
        assert!(ateco.search("99", 10).is_empty());
        let cp = CodeList::parse(CP).unwrap();
        assert_eq!(codes(&cp.search("2.1", 10)), ["2.1.1", "2.1.1.4.1"]);
        assert_eq!(codes(&cp.search("2114", 10)), ["2.1.1.4.1"]);
        assert_eq!(codes(&cp.search("2", 2)), ["2", "2.1.1"]);
    }

    #[test]
    fn empty_query_or_limit_gives_nothing() {
        let cp = CodeList::parse(CP).unwrap();
        assert!(cp.search("", 10).is_empty());
        assert!(cp.search("   ", 10).is_empty());
        assert!(cp.search("—", 10).is_empty());
        assert!(cp.search("addetti", 0).is_empty());
    }

    #[test]
    fn name_queries_fold_case_and_accents() {
        let cp = CodeList::parse(CP).unwrap();
        assert_eq!(codes(&cp.search("ATTIVITA", 10)), ["5"]);
        assert_eq!(codes(&cp.search("attività commerciali", 10)), ["5"]);
        assert_eq!(codes(&cp.search("tecnici inform", 10)), ["3.1.2"]);
        // Every word must match.
        assert!(cp.search("tecnici vendite", 10).is_empty());
    }

    #[test]
    fn stopwords_and_inflection_are_forgiven() {
        let cp = CodeList::parse(CP).unwrap();
        // "alla" is not "alle", but it is a stopword; "vendita" ~ "vendite".
        assert_eq!(codes(&cp.search("addetto alla vendita", 10)), ["5.1.2"]);
        // A query of stopwords only still searches.
        assert!(cp.search("di", 10).len() >= 2);
    }

    #[test]
    fn ranking_prefers_first_word_then_depth() {
        let cp = CodeList::parse(CP).unwrap();
        // "Analisti …" both start with the word; the 5th-level profession
        // beats the class.
        assert_eq!(codes(&cp.search("analisti", 10)), ["2.1.1.4.1", "2.7.1"]);
        // First word of the name first: "Venditori" before "Addetti alle vendite".
        assert_eq!(codes(&cp.search("vendit", 10)), ["8.1.1", "5.1.2"]);
        // "specialisti": 2.1.1 starts with it, 2.7.1 has it second.
        assert_eq!(codes(&cp.search("specialisti", 10)), ["2.1.1", "2.7.1"]);
        assert_eq!(codes(&cp.search("specialisti", 1)), ["2.1.1"]);
    }

    #[test]
    fn same_name_chains_show_the_deepest_and_exact_codes_come_first() {
        let ateco = CodeList::parse(ATECO).unwrap();
        let hits = ateco.search("programmazione", 10);
        assert_eq!(codes(&hits), ["62.10.00", "62", "K"]);
        let hits = ateco.search("k", 10);
        assert_eq!(hits.first().map(|i| i.code.as_str()), Some("K"));
        let hits = ateco.search("consulenza informatica", 10);
        assert_eq!(codes(&hits), ["62.20.1", "62.2", "62", "K"]);
    }

    #[test]
    fn search_is_deterministic() {
        let ateco = CodeList::parse(ATECO).unwrap();
        let a = codes(&ateco.search("informatica", 10));
        for _ in 0..3 {
            assert_eq!(codes(&ateco.search("informatica", 10)), a);
        }
    }

    /// xorshift64*: a fixed, dependency-free pseudo-random sequence.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            if n == 0 {
                0
            } else {
                (self.next() % n as u64) as usize
            }
        }
    }

    /// What `parse` promises of every list it returns.
    fn assert_invariants(list: &CodeList) {
        let kind = list.kind().expect("known list");
        assert!(!list.items.is_empty());
        assert!(!list.source.trim().is_empty() && !list.licence.trim().is_empty());
        assert!(list.items.windows(2).all(|w| w[0].code < w[1].code));
        for item in &list.items {
            assert!(kind.is_code(&item.code), "{}", item.code);
            assert!(!item.name.is_empty() && item.name.trim() == item.name);
            assert_eq!(list.get(&item.code), Some(item));
        }
        for q in ["1", "62.1", "a", "attività", "di", "K", "9.9.9"] {
            assert!(list.search(q, 5).len() <= 5);
        }
    }

    /// Property: for a few hundred deterministic mutations of a valid file
    /// (truncations, byte flips, insertions, deletions, swapped characters)
    /// `parse` never panics and either refuses the text or returns a list
    /// that keeps its invariants; `search` never panics on the same text
    /// used as a query.
    #[test]
    fn parse_survives_mutations() {
        let mut rng = Rng(0x5EED_C0DE_2021_2025);
        let seeds = [CP, ATECO];
        let alphabet = b"[]{}\",:.0123456789AaZ \\\n";
        let (mut ok, mut refused) = (0, 0);
        for round in 0..400 {
            let seed = seeds[round % seeds.len()].as_bytes();
            let mut bytes = seed.to_vec();
            let edits = 1 + rng.below(3);
            for _ in 0..edits {
                let at = rng.below(bytes.len() + 1);
                match rng.below(5) {
                    0 => bytes.truncate(at),
                    1 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
                    2 => bytes.insert(at.min(bytes.len()), alphabet[rng.below(alphabet.len())]),
                    3 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ => {
                        let other = rng.below(bytes.len());
                        if at < bytes.len() && other < bytes.len() {
                            bytes.swap(at, other);
                        }
                    }
                }
            }
            let text = String::from_utf8_lossy(&bytes);
            match CodeList::parse(&text) {
                Ok(list) => {
                    ok += 1;
                    assert_invariants(&list);
                }
                Err(e) => {
                    refused += 1;
                    assert!(e.message().key.starts_with("codelist.error."));
                }
            }
            let list = CodeList::parse(seeds[round % seeds.len()]).unwrap();
            let cut = rng.below(text.len() + 1);
            let query: String = text.chars().take(cut.min(40)).collect();
            assert!(list.search(&query, 7).len() <= 7);
        }
        // The mutations exercise both outcomes.
        assert!(ok > 0 && refused > 0, "ok {ok}, refused {refused}");
    }

    #[test]
    fn shipped_lists_parse_and_hold_known_entries() {
        let cp = CodeList::parse(include_str!("../../public/data/ref/cp2021.json")).unwrap();
        assert_invariants(&cp);
        assert_eq!(cp.version, "CP 2021");
        let depth = |list: &CodeList, d: usize| {
            let kind = list.kind().unwrap();
            list.items
                .iter()
                .filter(|i| kind.depth(&i.code) == d)
                .count()
        };
        // Levels 1 and 3 (docs/reference-data.md).
        assert_eq!((depth(&cp, 1), depth(&cp, 2), depth(&cp, 3)), (9, 0, 130));
        assert_eq!(cp.items.len(), 139);
        assert_eq!(
            cp.get("2.7.1").map(|i| i.name.as_str()),
            Some("Analisti e specialisti nella progettazione di applicazioni")
        );
        assert_eq!(
            cp.get("5").map(|i| i.name.as_str()),
            Some("Professioni qualificate nelle attività commerciali e nei servizi")
        );
        let hits = cp.search("informatici", 10);
        assert!(hits.iter().any(|i| i.code == "3.1.2"));
        assert_eq!(codes(&cp.search("2.7", 10)), ["2.7.1", "2.7.2"]);

        let ateco = CodeList::parse(include_str!("../../public/data/ref/ateco2025.json")).unwrap();
        assert_invariants(&ateco);
        assert_eq!(ateco.version, "ATECO 2025");
        assert_eq!(ateco.items.len(), 3257);
        let per_depth: Vec<usize> = (0..=5).map(|d| depth(&ateco, d)).collect();
        assert_eq!(per_depth, [22, 87, 287, 651, 920, 1290]);
        // Software: 62.10 (section K in ATECO 2025, J in 2007).
        assert_eq!(
            ateco.get("62.10").map(|i| i.name.as_str()),
            Some("Attività di programmazione informatica")
        );
        assert!(ateco
            .get("K")
            .is_some_and(|k| k.name.starts_with("Telecomunicazioni")));
        assert_eq!(
            codes(&ateco.search("62.1", 10)),
            ["62.1", "62.10", "62.10.0", "62.10.00"]
        );
        let hits = ateco.search("programmazione informatica", 5);
        assert_eq!(hits.first().map(|i| i.code.as_str()), Some("62.10.00"));
        // Singular for plural, no accent: "ristorante" finds the restaurants.
        let hits = ateco.search("ristorante", 5);
        assert!(
            hits.iter().any(|i| i.code == "56.11.11"),
            "{:?}",
            codes(&hits)
        );
    }
}
