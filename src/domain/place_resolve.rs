//! A published workplace to one current comune: from a Belfiore or ISTAT
//! code, from a locality with its postal code and region, or from a
//! free-text address ("Via Roma 1, 48121 Ravenna RA"). Names match ignoring
//! case, accents, apostrophes and spaces ([`ComuniIndex::by_name`]); a name
//! that several comuni share is settled by province, region or CAP. Used by
//! the publisher's tool and by the app's JSON-LD import.

use super::comuni::{Comune, ComuniIndex};
use super::provinces;
use super::text::fold;

/// What a posting says about its place; every part optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceHint {
    /// Belfiore (cadastral) code, ClicLavoro `idcomune`.
    pub belfiore: Option<String>,
    /// ISTAT code, 6 digits.
    pub istat: Option<String>,
    /// The comune's name (`addressLocality`), perhaps with CAP or province.
    pub locality: Option<String>,
    pub postal_code: Option<String>,
    /// A province sigla, a province name or a region name (`addressRegion`).
    pub region: Option<String>,
    /// Anything else that may name the place: a one-line address, a place name.
    pub free_text: Vec<String>,
}

impl PlaceHint {
    pub fn is_empty(&self) -> bool {
        *self == PlaceHint::default()
    }
}

/// Why a place could not be settled on one comune.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// The posting names no place at all.
    NoPlace,
    /// A code that is no current comune's.
    UnknownCode(String),
    /// No comune of that name (in that area).
    NotFound(String),
    /// Several comuni fit and nothing tells them apart.
    Ambiguous { text: String, count: usize },
}

/// An area that narrows the candidates.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Area {
    Province(String),
    /// A region, folded without spaces (`emiliaromagna`).
    Region(String),
}

/// Common short forms of comune names, folded without spaces.
const ALIASES: [(&str, &str); 3] = [
    ("reggioemilia", "Reggio nell'Emilia"),
    ("reggiocalabria", "Reggio di Calabria"),
    ("bolzanobozen", "Bolzano"),
];

/// Words that start a street address: what follows up to the house number
/// is a street name, not a comune ("Via Roma 1").
const STREET_WORDS: [&str; 16] = [
    "via", "viale", "v", "piazza", "p", "pza", "piazzale", "corso", "c", "largo", "vicolo",
    "strada", "str", "contrada", "borgo", "galleria",
];

/// Words of an address that name the country, not a place in it.
const COUNTRY_WORDS: [&str; 3] = ["italia", "italy", "it"];

/// Settle a hint on one comune.
pub fn resolve<'a>(index: &'a ComuniIndex, hint: &PlaceHint) -> Result<&'a Comune, Unresolved> {
    if let Some(code) = non_empty(&hint.belfiore) {
        return index
            .by_belfiore(code)
            .ok_or_else(|| Unresolved::UnknownCode(code.to_string()));
    }
    if let Some(code) = non_empty(&hint.istat) {
        if let Some(c) = index.by_istat(code) {
            return Ok(c);
        }
    }
    let area = non_empty(&hint.region).and_then(|r| area_of(index, r));
    let cap = non_empty(&hint.postal_code)
        .map(str::trim)
        .filter(|c| is_cap(c));

    let mut texts: Vec<&str> = Vec::new();
    if let Some(l) = non_empty(&hint.locality) {
        texts.push(l);
    }
    texts.extend(
        hint.free_text
            .iter()
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty()),
    );

    let mut first_miss: Option<Unresolved> = None;
    let mut stated_cap = cap.map(str::to_string);
    for text in &texts {
        // The text as a name, then the address read part by part.
        let mut tries = vec![Parsed {
            names: vec![text.trim().to_string()],
            cap: None,
            province: None,
        }];
        tries.extend(parse_address(text));
        for p in tries {
            if stated_cap.is_none() {
                stated_cap = p.cap.clone();
            }
            let cap = p.cap.as_deref().or(cap);
            let area = p.province.clone().map(Area::Province).or(area.clone());
            for name in &p.names {
                match settle(index, name, cap, area.as_ref()) {
                    Ok(c) => return Ok(c),
                    Err(u @ Unresolved::Ambiguous { .. }) => return Err(u),
                    Err(u) => {
                        first_miss.get_or_insert(u);
                    }
                }
            }
        }
    }
    // No name: a postal code that only one comune has.
    if let Some(cap) = stated_cap.as_deref() {
        let hits: Vec<&Comune> = index
            .all()
            .iter()
            .filter(|c| c.cap.iter().any(|x| x == cap))
            .filter(|c| in_area(c, area.as_ref()))
            .collect();
        if hits.len() == 1 {
            return Ok(hits[0]);
        }
    }
    Err(
        first_miss.unwrap_or(if texts.is_empty() && stated_cap.is_none() {
            Unresolved::NoPlace
        } else {
            Unresolved::NotFound(
                texts
                    .first()
                    .map(|t| t.trim().to_string())
                    .unwrap_or_default(),
            )
        }),
    )
}

/// One name narrowed by CAP and area. Hints that rule out every comune of a
/// name held by only one are taken as the publisher's slip, not a veto.
fn settle<'a>(
    index: &'a ComuniIndex,
    name: &str,
    cap: Option<&str>,
    area: Option<&Area>,
) -> Result<&'a Comune, Unresolved> {
    let mut all = index.by_name(name);
    if all.is_empty() {
        let key: String = fold(name).split(' ').collect();
        if let Some((_, real)) = ALIASES.iter().find(|(k, _)| *k == key) {
            all = index.by_name(real);
        }
    }
    match all.len() {
        0 => return Err(Unresolved::NotFound(name.trim().to_string())),
        1 => return Ok(all[0]),
        _ => {}
    }
    let by_area: Vec<&Comune> = all.iter().copied().filter(|c| in_area(c, area)).collect();
    let by_cap: Vec<&Comune> = by_area
        .iter()
        .copied()
        .filter(|c| cap.is_none_or(|p| c.cap.iter().any(|x| x == p)))
        .collect();
    let best = if by_cap.is_empty() { &by_area } else { &by_cap };
    match best.len() {
        1 => Ok(best[0]),
        0 => Err(Unresolved::Ambiguous {
            text: name.trim().to_string(),
            count: all.len(),
        }),
        n => Err(Unresolved::Ambiguous {
            text: name.trim().to_string(),
            count: n,
        }),
    }
}

fn in_area(c: &Comune, area: Option<&Area>) -> bool {
    match area {
        None => true,
        Some(Area::Province(p)) => c.province == *p,
        Some(Area::Region(r)) => compact(&c.region) == *r,
    }
}

/// `addressRegion` as an area: a province sigla, a province's name, or a
/// region's name (as the comuni table spells it, folded).
fn area_of(index: &ComuniIndex, text: &str) -> Option<Area> {
    let t = text.trim();
    let upper = t.to_ascii_uppercase();
    if upper.len() == 2 && provinces::name(&upper).is_some() {
        return Some(Area::Province(upper));
    }
    if let Some(sigla) = provinces::sigla_of(t) {
        return Some(Area::Province(sigla.to_string()));
    }
    index.has_region(t).then(|| Area::Region(compact(t)))
}

fn compact(s: &str) -> String {
    fold(s).split(' ').collect()
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.trim().is_empty())
}

fn is_cap(s: &str) -> bool {
    s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit())
}

/// One comma-separated part of an address: the names it may hold (longest
/// first), with the CAP and province it states.
#[derive(Clone, Debug, PartialEq)]
struct Parsed {
    names: Vec<String>,
    cap: Option<String>,
    province: Option<String>,
}

/// Read a free-text address, last part first (where Italian addresses put
/// the comune): "Via Roma 1, 48121 Ravenna RA" gives "Ravenna" with CAP
/// 48121 and province RA. A street part ("Via Roma 1") names no comune.
fn parse_address(text: &str) -> Vec<Parsed> {
    let mut out = Vec::new();
    // A spaced dash separates parts; a dash inside a name does not.
    let text = text.replace(" - ", ",").replace(" – ", ",");
    for part in text.rsplit([',', ';', '\n']) {
        let mut cap = None;
        let mut province = None;
        let mut words: Vec<&str> = Vec::new();
        for raw in part.split_whitespace() {
            let w = raw.trim_matches(|c: char| c == '(' || c == ')' || c == '.' || c == ':');
            if is_cap(w) {
                cap = Some(w.to_string());
                // What came before a CAP is a street: the comune follows it.
                words.clear();
                continue;
            }
            let parenthesised = raw.starts_with('(') && raw.ends_with(')');
            if w.len() == 2
                && (w.bytes().all(|b| b.is_ascii_uppercase()) || parenthesised)
                && provinces::name(&w.to_ascii_uppercase()).is_some()
            {
                province = Some(w.to_ascii_uppercase());
                continue;
            }
            if COUNTRY_WORDS.contains(&fold(w).as_str()) && w.len() > 2 {
                continue;
            }
            if w.is_empty() {
                continue;
            }
            words.push(w);
        }
        // "Via Roma 1 Imola": only what follows the house number.
        if words
            .first()
            .is_some_and(|w| STREET_WORDS.contains(&fold(w).as_str()))
        {
            match words
                .iter()
                .rposition(|w| w.bytes().any(|b| b.is_ascii_digit()))
            {
                Some(i) => words.drain(..=i).for_each(drop),
                None => words.clear(),
            }
        }
        let mut names = Vec::new();
        for start in 0..words.len().min(8) {
            let name = words[start..].join(" ");
            if !name.bytes().all(|b| b.is_ascii_digit()) {
                names.push(name);
            }
        }
        if !names.is_empty() || cap.is_some() {
            out.push(Parsed {
                names,
                cap,
                province,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> &'static ComuniIndex {
        crate::domain::comuni::shipped_index()
    }

    fn hint(locality: &str, cap: &str, region: &str) -> PlaceHint {
        let s = |x: &str| (!x.is_empty()).then(|| x.to_string());
        PlaceHint {
            locality: s(locality),
            postal_code: s(cap),
            region: s(region),
            ..PlaceHint::default()
        }
    }

    fn istat(h: &PlaceHint) -> Result<String, Unresolved> {
        resolve(index(), h).map(|c| c.istat.clone())
    }

    #[test]
    fn codes_first() {
        let by_code = PlaceHint {
            belfiore: Some("E289".into()),
            locality: Some("Ravenna".into()),
            ..PlaceHint::default()
        };
        assert_eq!(istat(&by_code), Ok("037032".into()), "Imola by its code");
        let bad = PlaceHint {
            belfiore: Some("A000".into()),
            ..PlaceHint::default()
        };
        assert_eq!(istat(&bad), Err(Unresolved::UnknownCode("A000".into())));
    }

    #[test]
    fn names_ignore_case_accents_apostrophes_and_spaces() {
        for name in ["Imola", "IMOLA", " imola "] {
            assert_eq!(istat(&hint(name, "", "")), Ok("037032".into()), "{name}");
        }
        assert_eq!(istat(&hint("forli", "", "")), Ok("040012".into()));
        assert_eq!(istat(&hint("Forlì", "", "")), Ok("040012".into()));
        let reggio = Ok("035033".into());
        assert_eq!(istat(&hint("Reggio nell’Emilia", "", "")), reggio);
        assert_eq!(istat(&hint("REGGIO NELL EMILIA", "", "")), reggio);
        assert_eq!(istat(&hint("Reggio Emilia", "", "RE")), reggio);
        let sant_agata = istat(&hint("Sant'Agata Bolognese", "", "")).expect("found");
        assert_eq!(istat(&hint("santagata bolognese", "", "")), Ok(sant_agata));
    }

    #[test]
    fn region_as_province_code_province_name_or_region_name() {
        assert_eq!(istat(&hint("Ravenna", "", "RA")), Ok("039014".into()));
        assert_eq!(istat(&hint("Ravenna", "", "Ravenna")), Ok("039014".into()));
        assert_eq!(
            istat(&hint("Modena", "", "Emilia-Romagna")),
            Ok("036023".into())
        );
        // A hint that contradicts a unique name does not veto it.
        assert_eq!(istat(&hint("Imola", "", "Lombardia")), Ok("037032".into()));
    }

    #[test]
    fn a_shared_name_is_settled_by_province_region_or_cap() {
        let castro = |region: &str, cap: &str| {
            resolve(index(), &hint("Castro", cap, region)).map(|c| c.province.clone())
        };
        assert!(matches!(
            castro("", ""),
            Err(Unresolved::Ambiguous { count: 2, .. })
        ));
        assert_eq!(castro("BG", ""), Ok("BG".into()));
        assert_eq!(castro("Lecce", ""), Ok("LE".into()));
        assert_eq!(castro("Lombardia", ""), Ok("BG".into()));
        assert_eq!(castro("Puglia", ""), Ok("LE".into()));
        let le_cap = index()
            .by_name_and_province("Castro", "LE")
            .and_then(|c| c.cap.first().cloned())
            .expect("a CAP");
        assert_eq!(castro("", &le_cap), Ok("LE".into()));
    }

    #[test]
    fn free_text_addresses() {
        let free = |t: &str| {
            istat(&PlaceHint {
                free_text: vec![t.into()],
                ..PlaceHint::default()
            })
        };
        assert_eq!(free("Via Roma 1, 48121 Ravenna RA"), Ok("039014".into()));
        assert_eq!(
            free("Via Emilia 12 - 40026 Imola (BO)"),
            Ok("037032".into())
        );
        assert_eq!(free("Piazza Grande 3 Modena"), Ok("036023".into()));
        assert_eq!(free("Bologna (BO), Italia"), Ok("037006".into()));
        assert_eq!(free("40026"), Ok("037032".into()), "a CAP of one comune");
        // A street named after a city is not that city.
        assert!(free("Via Roma 1").is_err());
        // In the locality too.
        assert_eq!(istat(&hint("48121 Ravenna", "", "")), Ok("039014".into()));
        assert_eq!(istat(&hint("Imola BO", "", "")), Ok("037032".into()));
    }

    #[test]
    fn what_cannot_be_resolved_says_why() {
        assert_eq!(istat(&PlaceHint::default()), Err(Unresolved::NoPlace));
        assert_eq!(
            istat(&hint("Atlantide", "", "")),
            Err(Unresolved::NotFound("Atlantide".into()))
        );
    }
}
