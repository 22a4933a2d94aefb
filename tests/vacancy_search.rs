//! Integration tests of the vacancy model, feed import and search engine.
//!
//! Run: `cargo test --test vacancy_search`; the 100k benchmark:
//! `cargo test --release --test vacancy_search -- --ignored --nocapture`
//! (set `VACANCIES_JSON=path/to/feed.json` to benchmark a generated feed instead
//! of the built-in synthetic set).

use sportello_lavoro::domain::search::{
    haversine_km, Query, SearchIndex, SortOrder, POSTED_WITHIN_DAYS, RADII_KM,
};
use sportello_lavoro::domain::text;
use sportello_lavoro::domain::vacancy::{
    import_jobposting, iso_to_days, parse_vacancies, parse_vacancy_feed, to_jobposting,
    Classification, ContractType, Employer, Requirements, Vacancy, VacancyFormat, WorkingTime,
    Workplace,
};
use std::collections::HashSet;

const TODAY: &str = "2026-11-23";

fn today() -> i32 {
    iso_to_days(TODAY).unwrap()
}

// ---------------------------------------------------------------------------
// Deterministic data

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// (istat, belfiore, name, province, lat, lon)
const COMUNI: &[(&str, &str, &str, &str, f32, f32)] = &[
    ("037006", "A944", "Bologna", "BO", 44.4973, 11.3329),
    ("036023", "F257", "Modena", "MO", 44.6437, 10.915),
    (
        "035033",
        "H223",
        "Reggio nell'Emilia",
        "RE",
        44.6973,
        10.6343,
    ),
    ("034027", "G337", "Parma", "PR", 44.8012, 10.3281),
    ("033032", "G535", "Piacenza", "PC", 45.0526, 9.6929),
    ("038008", "D548", "Ferrara", "FE", 44.8354, 11.6198),
    ("039014", "H199", "Ravenna", "RA", 44.4183, 12.2035),
    ("040012", "D704", "Forlì", "FC", 44.2227, 12.0407),
    ("099014", "H294", "Rimini", "RN", 44.0594, 12.5683),
    ("037032", "E289", "Imola", "BO", 44.3531, 11.7141),
    ("036005", "B819", "Carpi", "MO", 44.7837, 10.885),
    (
        "037011",
        "B880",
        "Casalecchio di Reno",
        "BO",
        44.4757,
        11.2748,
    ),
];

/// (code, label, titles, body words)
const PROFESSIONS: &[(&str, &str, &[&str], &str)] = &[
    (
        "4.3.1.2.0",
        "Addetti alla gestione dei magazzini e professioni assimilate",
        &["Magazziniere", "Magazzinieri", "Addetta al magazzino"],
        "carico scarico merci muletto inventario",
    ),
    (
        "5.2.2.4.0",
        "Baristi e professioni assimilate",
        &["Barista", "Baristi caffetteria"],
        "preparazione caffè cappuccini servizio al banco",
    ),
    (
        "7.2.7.1.0",
        "Assemblatori in serie di parti di macchine",
        &[
            "Operaio montatore",
            "Operai di linea",
            "Operaia addetta al montaggio",
        ],
        "montaggio gruppi meccanici disegno tecnico",
    ),
    (
        "5.1.2.2.0",
        "Commessi delle vendite al minuto",
        &["Commessa", "Commessi negozio"],
        "vendita assistenza clienti cassa scaffali",
    ),
    (
        "3.2.1.1.1",
        "Professioni sanitarie infermieristiche",
        &["Infermiere", "Infermieri RSA"],
        "assistenza terapie ospiti turni notturni",
    ),
    (
        "2.7.1.1.1",
        "Analisti e progettisti di software",
        &["Sviluppatore software", "Programmatore Rust"],
        "sviluppo applicazioni test analisi requisiti",
    ),
    (
        "5.2.2.1.0",
        "Cuochi in alberghi e ristoranti",
        &["Cuoco", "Cuochi stagionali"],
        "preparazione piatti cucina tipica tortellini",
    ),
    (
        "8.1.4.2.0",
        "Personale non qualificato nei servizi di pulizia",
        &["Addetta alle pulizie", "Addetti pulizie uffici"],
        "pulizia uffici negozi attrezzature",
    ),
];

const SECTORS: &[(&str, &str)] = &[
    ("52", "Magazzinaggio e attività di supporto ai trasporti"),
    ("56", "Attività dei servizi di ristorazione"),
    (
        "28.29",
        "Fabbricazione di altre macchine di impiego generale",
    ),
    ("47", "Commercio al dettaglio"),
    ("86", "Assistenza sanitaria"),
    (
        "62.01.00",
        "Produzione di software non connesso all'edizione",
    ),
    ("81", "Attività di servizi per edifici e paesaggio"),
];

fn days_iso(d: i32) -> String {
    sportello_lavoro::domain::vacancy::days_to_iso(d)
}

#[allow(clippy::too_many_arguments)]
fn vacancy(
    id: &str,
    title: &str,
    description: &str,
    comune: usize,
    prof: Option<usize>,
    sector: Option<usize>,
) -> Vacancy {
    let c = COMUNI[comune];
    Vacancy {
        id: id.into(),
        title: title.into(),
        description: description.into(),
        employer: Employer {
            name: "Azienda Demo S.r.l. (nome fittizio)".into(),
            cf: None,
            ateco: None,
        },
        workplace: Workplace {
            istat: Some(c.0.into()),
            belfiore: Some(c.1.into()),
            name: c.2.into(),
            province: c.3.into(),
        },
        lat: Some(c.4),
        lon: Some(c.5),
        profession: prof.map(|p| Classification {
            code: PROFESSIONS[p].0.into(),
            label: PROFESSIONS[p].1.into(),
        }),
        sector: sector.map(|s| Classification {
            code: SECTORS[s].0.into(),
            label: SECTORS[s].1.into(),
        }),
        contract: ContractType::TempoDeterminato,
        working_time: WorkingTime::FullTime,
        posts: 1,
        requirements: Requirements::default(),
        salary: None,
        published: days_iso(today() - 5),
        expires: days_iso(today() + 30),
        reserved_l68: false,
        internship: false,
        how_to_apply: String::new(),
        source: None,
    }
}

/// A random corpus; some offers have no coordinates, no profession, or are expired.
fn corpus(n: usize, seed: u64) -> Vec<Vacancy> {
    let mut rng = Rng(seed | 1);
    let employers = [
        "Logistica Reno",
        "Bar Centrale",
        "Meccanica Panaro",
        "Market Estense",
        "RSA Serena",
        "Digitale Srl",
        "Trattoria Felsinea",
        "Pulito Coop",
    ];
    (0..n)
        .map(|i| {
            let p = rng.below(PROFESSIONS.len());
            let (_, _, titles, body) = PROFESSIONS[p];
            let comune = rng.below(COMUNI.len());
            let title = *rng.pick(titles);
            let extra = PROFESSIONS[rng.below(PROFESSIONS.len())].3;
            let desc = format!(
                "Cerchiamo {title} a {}. Mansioni: {body}. Anche {extra}.",
                COMUNI[comune].2
            );
            let mut v = vacancy(
                &format!("T-{i}"),
                title,
                &desc,
                comune,
                (!rng.chance(0.05)).then_some(p),
                (!rng.chance(0.1)).then(|| rng.below(SECTORS.len())),
            );
            v.employer.name = format!("{} {} (nome fittizio)", rng.pick(&employers), i % 17);
            v.contract = *rng.pick(&ContractType::ALL);
            v.working_time = *rng.pick(&WorkingTime::ALL);
            v.reserved_l68 = rng.chance(0.05);
            v.internship = rng.chance(0.08);
            let published = today() - rng.below(60) as i32;
            v.published = days_iso(published);
            v.expires = days_iso(
                if rng.chance(0.05) {
                    today() - 1 - rng.below(5) as i32
                } else {
                    today() + rng.below(90) as i32
                }
                .max(published),
            );
            if rng.chance(0.07) {
                v.lat = None;
                v.lon = None;
            } else if rng.chance(0.3) {
                // Jitter around the comune.
                v.lat = v
                    .lat
                    .map(|x| x + (rng.below(2000) as f32 - 1000.0) / 10000.0);
                v.lon = v
                    .lon
                    .map(|x| x + (rng.below(2000) as f32 - 1000.0) / 10000.0);
            }
            v
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Brute force reference

fn doc_terms(v: &Vacancy) -> HashSet<String> {
    let mut s = HashSet::new();
    let mut add = |t: &str| s.extend(text::terms(t));
    add(&v.title);
    add(&v.description);
    add(&v.employer.name);
    add(&v.workplace.name);
    if let Some(p) = &v.profession {
        add(&p.label);
    }
    if let Some(x) = &v.sector {
        add(&x.label);
    }
    s
}

fn text_matches(terms: &HashSet<String>, q: &str) -> bool {
    let folded = text::fold(q);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let typing = q
        .chars()
        .last()
        .map(|c| c.is_alphanumeric())
        .unwrap_or(false);
    for (i, w) in words.iter().enumerate() {
        if text::is_stopword(w) {
            continue;
        }
        let st = text::stem(w);
        let last = i + 1 == words.len();
        let ok = terms.contains(&st) || (last && typing && terms.iter().any(|t| t.starts_with(w)));
        if !ok {
            return false;
        }
    }
    true
}

fn division(v: &Vacancy) -> Option<u8> {
    let c = v.sector.as_ref()?.code.as_str();
    c.get(..2)?.parse().ok()
}

fn section(v: &Vacancy) -> Option<char> {
    sportello_lavoro::domain::search::ateco_section_of_division(division(v)?)
}

/// Which facet filters `v` fails: bit i for facet i as in the engine
/// (province, place, profession, sector, contract, working time, posted, l68, internship).
fn fails(v: &Vacancy, q: &Query, centre: Option<(f64, f64)>) -> u32 {
    let mut m = 0;
    if !q.provinces.is_empty() && !q.provinces.contains(&v.workplace.province) {
        m |= 1;
    }
    let in_comune = q
        .comune
        .as_deref()
        .map(|c| v.workplace.istat.as_deref() == Some(c))
        .unwrap_or(false);
    match (q.radius_km, centre) {
        (Some(r), Some((la, lo))) => {
            let within = match (v.lat, v.lon) {
                (Some(a), Some(b)) => haversine_km(la, lo, a as f64, b as f64) <= r as f64,
                _ => false,
            };
            if !within && !in_comune {
                m |= 2;
            }
        }
        _ => {
            if q.comune.is_some() && !in_comune {
                m |= 2;
            }
        }
    }
    if !q.profession_groups.is_empty() {
        let g = v
            .profession
            .as_ref()
            .and_then(|p| p.code[..1].parse::<u8>().ok());
        if !g.map(|g| q.profession_groups.contains(&g)).unwrap_or(false) {
            m |= 4;
        }
    }
    if !q.sectors.is_empty() {
        let ok = q.sectors.iter().any(|s| {
            if s.len() == 1 {
                section(v).map(|c| c.to_string() == *s).unwrap_or(false)
            } else {
                division(v)
                    .map(|d| format!("{d:02}") == *s)
                    .unwrap_or(false)
            }
        });
        if !ok {
            m |= 8;
        }
    }
    if !q.contracts.is_empty() && !q.contracts.contains(&v.contract) {
        m |= 16;
    }
    if !q.working_times.is_empty() && !q.working_times.contains(&v.working_time) {
        m |= 32;
    }
    if let Some(n) = q.posted_within_days {
        if iso_to_days(&v.published).unwrap() < today() - n as i32 {
            m |= 64;
        }
    }
    if q.reserved_l68 && !v.reserved_l68 {
        m |= 128;
    }
    if q.internship && !v.internship {
        m |= 256;
    }
    m
}

fn random_query(rng: &mut Rng) -> Query {
    let words = [
        "magazziniere",
        "magaz",
        "operaio",
        "operai",
        "caffe",
        "barista",
        "infermieri",
        "cuoco",
        "bologna",
        "pulizie",
        "software",
        "montaggio",
        "commessa",
        "turni",
        "tortellini",
        "ma",
        "co",
        "p",
        "reno",
        "cassa",
        "inesistente",
    ];
    let mut q = Query::default();
    let nwords = rng.below(3);
    let mut t = Vec::new();
    for _ in 0..nwords {
        t.push(*rng.pick(&words));
    }
    q.text = t.join(" ");
    if rng.chance(0.3) {
        q.text.push(' ');
    }
    if rng.chance(0.3) {
        for _ in 0..1 + rng.below(2) {
            let p = rng.pick(COMUNI).3.to_string();
            if !q.provinces.contains(&p) {
                q.provinces.push(p);
            }
        }
    }
    if rng.chance(0.3) {
        let c = rng.pick(COMUNI);
        q.comune = Some(c.0.to_string());
        if rng.chance(0.7) {
            q.radius_km = Some(*rng.pick(&[5u16, 10, 20, 50, 100]));
        }
    } else if rng.chance(0.2) {
        q.origin = Some((44.5, 11.3));
        if rng.chance(0.7) {
            q.radius_km = Some(*rng.pick(&[10u16, 30, 60]));
        }
    }
    if rng.chance(0.3) {
        q.profession_groups = vec![1 + rng.below(9) as u8];
        if rng.chance(0.5) {
            q.profession_groups.push(1 + rng.below(9) as u8);
            q.profession_groups.dedup();
        }
    }
    if rng.chance(0.25) {
        q.sectors = vec![rng
            .pick(&["C", "G", "H", "I", "Q", "52", "47", "62", "28"])
            .to_string()];
    }
    if rng.chance(0.3) {
        q.contracts = vec![*rng.pick(&ContractType::ALL)];
    }
    if rng.chance(0.2) {
        q.working_times = vec![*rng.pick(&WorkingTime::ALL), *rng.pick(&WorkingTime::ALL)];
        q.working_times.dedup();
    }
    if rng.chance(0.25) {
        q.posted_within_days = Some(*rng.pick(&[1u16, 7, 30]));
    }
    q.reserved_l68 = rng.chance(0.1);
    q.internship = rng.chance(0.1);
    q.sort = *rng.pick(&[SortOrder::Relevance, SortOrder::Newest, SortOrder::Distance]);
    q.limit = 1 + rng.below(60) as u32;
    q.offset = if rng.chance(0.3) {
        rng.below(40) as u32
    } else {
        0
    };
    q
}

fn centre_of(q: &Query) -> Option<(f64, f64)> {
    if let Some((a, b)) = q.origin {
        return Some((a as f64, b as f64));
    }
    let c = q.comune.as_deref()?;
    // The engine uses the coordinates of the first offer seen in the comune;
    // our corpus gives every offer of a comune its centroid except jittered ones,
    // so tests that need an exact centre always pass `origin`.
    COMUNI
        .iter()
        .find(|x| x.0 == c)
        .map(|x| (x.4 as f64, x.5 as f64))
}

// ---------------------------------------------------------------------------
// Tests

#[test]
fn stemming_and_accents_find_inflected_forms() {
    let docs = vec![
        vacancy("A", "Magazzinieri", "Carico e scarico.", 0, None, None),
        vacancy("B", "Operai di linea", "Montaggio.", 1, None, None),
        vacancy(
            "C",
            "Barista",
            "Preparazione del caffè espresso.",
            2,
            None,
            None,
        ),
        vacancy("D", "Commessa", "Vendita al banco.", 3, None, None),
        vacancy(
            "E",
            "Attività di segreteria",
            "Gestione agenda.",
            0,
            None,
            None,
        ),
    ];
    let idx = SearchIndex::build(&docs);
    let ids = |q: &str| -> Vec<String> {
        idx.search(&Query::text(q), today())
            .hits
            .iter()
            .map(|&h| idx.doc(h).unwrap().id.to_string())
            .collect()
    };
    assert_eq!(ids("magazziniere"), vec!["A"]);
    assert_eq!(ids("MAGAZZINIERE "), vec!["A"]);
    assert_eq!(ids("operaio"), vec!["B"]);
    assert_eq!(ids("operaia "), vec!["B"]);
    assert_eq!(ids("caffe"), vec!["C"]);
    assert_eq!(ids("Caffè"), vec!["C"]);
    assert_eq!(ids("commesse"), vec!["D"]);
    assert_eq!(ids("attivita"), vec!["E"]);
    assert_eq!(ids("ATTIVITÀ"), vec!["E"]);
    assert!(ids("idraulico").is_empty());
    // Stopwords alone do not filter.
    assert_eq!(idx.search(&Query::text("di la"), today()).total, 5);
}

#[test]
fn last_word_is_a_prefix_while_typing() {
    let docs = vec![
        vacancy("A", "Magazziniere", "Carico merci.", 0, None, None),
        vacancy("B", "Magazziniere", "Carico merci.", 1, None, None),
        vacancy("C", "Addetto al magazzino", "Picking.", 0, None, None),
        vacancy("D", "Cuoco", "Cucina.", 0, None, None),
    ];
    let idx = SearchIndex::build(&docs);
    let total = |q: &str| idx.search(&Query::text(q), today()).total;
    assert_eq!(
        total("m"),
        3,
        "a single letter is a prefix too (magazziniere, merci, magazzino)"
    );
    assert_eq!(
        total("ma"),
        4,
        "\"ma\" is a stopword: ignored until the next letter"
    );
    assert_eq!(total("mag"), 3);
    assert_eq!(total("magaz"), 3);
    assert_eq!(total("magazzini"), 3);
    assert_eq!(total("magazzinier"), 2);
    assert_eq!(total("magaz "), 0, "a finished word is not a prefix");
    assert_eq!(total("magazziniere bol"), 1);
    assert_eq!(total("magazziniere mod"), 1);
    assert_eq!(total("bologna magazz"), 2);
    assert_eq!(total("cuoco bologna"), 1);
}

#[test]
fn title_match_beats_body_match() {
    let mut docs = vec![
        vacancy(
            "body",
            "Aiuto in sala",
            "Cerchiamo cuoco? No: serve supporto al cuoco, al cuoco e ai cuochi.",
            0,
            None,
            None,
        ),
        vacancy("title", "Cuoco", "Cucina tradizionale.", 0, None, None),
        vacancy("prof", "Addetto cucina", "Preparazioni.", 0, Some(6), None),
    ];
    docs[0].published = days_iso(today()); // newer, must not matter for relevance
    let idx = SearchIndex::build(&docs);
    let r = idx.search(&Query::text("cuoco"), today());
    let ids: Vec<&str> = r.hits.iter().map(|&h| idx.doc(h).unwrap().id).collect();
    assert_eq!(ids, vec!["title", "prof", "body"]);
    // Newest order puts the newer body match first.
    let r = idx.search(
        &Query {
            sort: SortOrder::Newest,
            ..Query::text("cuoco")
        },
        today(),
    );
    assert_eq!(idx.doc(r.hits[0]).unwrap().id, "body");
}

#[test]
fn expired_offers_are_hidden_and_not_counted() {
    let mut docs = vec![
        vacancy("old", "Barista", "x", 0, None, None),
        vacancy("new", "Barista", "x", 0, None, None),
    ];
    docs[0].expires = days_iso(today() - 1);
    docs[1].expires = TODAY.into();
    let idx = SearchIndex::build(&docs);
    let r = idx.search(&Query::text("barista"), today());
    assert_eq!(r.total, 1);
    assert_eq!(idx.doc(r.hits[0]).unwrap().id, "new");
    assert_eq!(r.facets.provinces.iter().map(|p| p.1).sum::<u32>(), 1);
    // The day after, nothing.
    assert_eq!(idx.search(&Query::text("barista"), today() + 1).total, 0);
}

#[test]
fn facets_and_hits_agree_with_brute_force() {
    let docs = corpus(2500, 0x5eed);
    let idx = SearchIndex::build(&docs);
    let terms: Vec<HashSet<String>> = docs.iter().map(doc_terms).collect();
    let mut rng = Rng(42);
    for round in 0..400 {
        let mut q = random_query(&mut rng);
        // Exact centre for comune queries (see `centre_of`).
        if q.comune.is_some() {
            let c = COMUNI
                .iter()
                .find(|x| Some(x.0) == q.comune.as_deref())
                .unwrap();
            q.origin = Some((c.4, c.5));
        }
        let centre = centre_of(&q);
        let r = idx.search(&q, today());
        // The bitset and the per-document evaluations agree exactly.
        assert_eq!(
            idx.search_forcing(&q, today(), true),
            r,
            "bitsets, round {round}: {q:?}"
        );
        assert_eq!(
            idx.search_forcing(&q, today(), false),
            r,
            "scan, round {round}: {q:?}"
        );

        let mut expect_hits = Vec::new();
        let mut prov = std::collections::BTreeMap::<String, u32>::new();
        let mut groups = [0u32; 10];
        let mut contracts = [0u32; ContractType::ALL.len()];
        let mut wts = [0u32; WorkingTime::ALL.len()];
        let mut posted = vec![0u32; POSTED_WITHIN_DAYS.len()];
        let mut dist = vec![0u32; RADII_KM.len()];
        let (mut l68, mut intern) = (0u32, 0u32);
        let mut sections = std::collections::BTreeMap::<char, u32>::new();
        let mut near_boundary = false;
        for (i, v) in docs.iter().enumerate() {
            if iso_to_days(&v.expires).unwrap() < today() || !text_matches(&terms[i], &q.text) {
                continue;
            }
            // Skip queries where an offer sits within 50 m of a radius (f32 precision).
            if let (Some((la, lo)), Some(a), Some(b)) = (centre, v.lat, v.lon) {
                let d = haversine_km(la, lo, a as f64, b as f64);
                if q.radius_km
                    .iter()
                    .map(|&r| r as f64)
                    .chain(RADII_KM.iter().map(|&r| r as f64))
                    .any(|r| (d - r).abs() < 0.05)
                {
                    near_boundary = true;
                }
            }
            let m = fails(v, &q, centre);
            let on = |bit: u32| m == 0 || m == bit;
            if m == 0 {
                expect_hits.push(i as u32);
            }
            if on(1) {
                *prov.entry(v.workplace.province.clone()).or_default() += 1;
            }
            if on(2) {
                if let Some((la, lo)) = centre {
                    let in_comune = q
                        .comune
                        .as_deref()
                        .map(|c| v.workplace.istat.as_deref() == Some(c))
                        .unwrap_or(false);
                    for (k, &rad) in RADII_KM.iter().enumerate() {
                        let within = match (v.lat, v.lon) {
                            (Some(a), Some(b)) => {
                                haversine_km(la, lo, a as f64, b as f64) <= rad as f64
                            }
                            _ => false,
                        };
                        if within || in_comune {
                            dist[k] += 1;
                        }
                    }
                }
            }
            if on(4) {
                let g = v
                    .profession
                    .as_ref()
                    .map(|p| p.code[..1].parse::<usize>().unwrap())
                    .unwrap_or(0);
                groups[g] += 1;
            }
            if on(8) {
                if let Some(c) = section(v) {
                    *sections.entry(c).or_default() += 1;
                }
            }
            if on(16) {
                contracts[v.contract.index()] += 1;
            }
            if on(32) {
                wts[v.working_time.index()] += 1;
            }
            if on(64) {
                for (k, &n) in POSTED_WITHIN_DAYS.iter().enumerate() {
                    if iso_to_days(&v.published).unwrap() >= today() - n as i32 {
                        posted[k] += 1;
                    }
                }
            }
            if on(128) && v.reserved_l68 {
                l68 += 1;
            }
            if on(256) && v.internship {
                intern += 1;
            }
        }
        if near_boundary {
            continue;
        }
        let ctx = format!("round {round}: {q:?}");
        assert_eq!(r.total as usize, expect_hits.len(), "{ctx}");
        // The page is a slice of the full ordering: check membership and order keys.
        let all: HashSet<u32> = expect_hits.iter().copied().collect();
        assert!(r.hits.iter().all(|h| all.contains(h)), "{ctx}");
        let expected_len = expect_hits
            .len()
            .saturating_sub(q.offset as usize)
            .min(q.limit as usize);
        assert_eq!(r.hits.len(), expected_len, "{ctx}");
        let distinct: HashSet<u32> = r.hits.iter().copied().collect();
        assert_eq!(distinct.len(), r.hits.len(), "{ctx}");
        for (p, c) in &r.facets.provinces {
            assert_eq!(*c, prov.get(p).copied().unwrap_or(0), "province {p} {ctx}");
        }
        for (g, c) in &r.facets.profession_groups {
            assert_eq!(*c, groups[*g as usize], "group {g} {ctx}");
        }
        for (s, c) in &r.facets.sectors {
            assert_eq!(
                *c,
                sections.get(s).copied().unwrap_or(0),
                "section {s} {ctx}"
            );
        }
        for (ct, c) in &r.facets.contracts {
            assert_eq!(*c, contracts[ct.index()], "{ctx}");
        }
        for (w, c) in &r.facets.working_times {
            assert_eq!(*c, wts[w.index()], "{ctx}");
        }
        assert_eq!(
            r.facets
                .posted_within
                .iter()
                .map(|p| p.1)
                .collect::<Vec<_>>(),
            posted,
            "{ctx}"
        );
        if centre.is_some() {
            assert_eq!(
                r.facets.distance.iter().map(|p| p.1).collect::<Vec<_>>(),
                dist,
                "{ctx}"
            );
        } else {
            assert!(r.facets.distance.is_empty());
        }
        assert_eq!(
            (r.facets.reserved_l68, r.facets.internship),
            (l68, intern),
            "{ctx}"
        );

        // Ordering of the page.
        let pub_of = |h: u32| idx.doc(h).unwrap().published;
        match q.sort {
            SortOrder::Newest => assert!(
                r.hits.windows(2).all(|w| pub_of(w[0]) >= pub_of(w[1])),
                "{ctx}"
            ),
            SortOrder::Distance if centre.is_some() => {
                let d: Vec<f32> = r
                    .distances_km
                    .iter()
                    .map(|d| d.unwrap_or(f32::INFINITY))
                    .collect();
                assert!(d.windows(2).all(|w| w[0] <= w[1] + 1e-3), "{ctx} {d:?}");
            }
            _ => {}
        }
    }
}

#[test]
fn full_ordering_pages_concatenate() {
    let docs = corpus(800, 7);
    let idx = SearchIndex::build(&docs);
    for sort in [SortOrder::Relevance, SortOrder::Newest, SortOrder::Distance] {
        let base = Query {
            text: "operai".into(),
            sort,
            origin: Some((44.6, 11.0)),
            limit: 100,
            ..Query::default()
        };
        let all = idx.search(
            &Query {
                offset: 0,
                ..base.clone()
            },
            today(),
        );
        let mut paged = Vec::new();
        for page in 0..(all.total as usize).div_ceil(7) {
            let r = idx.search(
                &Query {
                    offset: (page * 7) as u32,
                    limit: 7,
                    ..base.clone()
                },
                today(),
            );
            paged.extend(r.hits);
        }
        let mut full = Vec::new();
        let mut off = 0;
        while off < all.total {
            full.extend(
                idx.search(
                    &Query {
                        offset: off,
                        ..base.clone()
                    },
                    today(),
                )
                .hits,
            );
            off += 100;
        }
        assert_eq!(paged, full, "{sort:?}");
        assert_eq!(full.len() as u32, all.total);
    }
}

#[test]
fn distance_filter_and_sort_match_haversine() {
    let docs = corpus(1500, 99);
    let idx = SearchIndex::build(&docs);
    let origin = (44.50f32, 11.34f32);
    for radius in [5u16, 15, 40, 80] {
        let q = Query {
            origin: Some(origin),
            radius_km: Some(radius),
            sort: SortOrder::Distance,
            limit: 100,
            ..Query::default()
        };
        let r = idx.search(&q, today());
        let expect: Vec<(f64, usize)> = {
            let mut v: Vec<(f64, usize)> = docs
                .iter()
                .enumerate()
                .filter(|(_, v)| iso_to_days(&v.expires).unwrap() >= today())
                .filter_map(|(i, v)| {
                    Some((
                        haversine_km(
                            origin.0 as f64,
                            origin.1 as f64,
                            v.lat? as f64,
                            v.lon? as f64,
                        ),
                        i,
                    ))
                })
                .filter(|(d, _)| *d <= radius as f64)
                .collect();
            v.sort_by(|a, b| a.0.total_cmp(&b.0));
            v
        };
        assert_eq!(r.total as usize, expect.len(), "radius {radius}");
        for (k, &h) in r.hits.iter().enumerate() {
            let got = r.distances_km[k].unwrap() as f64;
            assert!(
                (got - expect[k].0).abs() < 0.01,
                "radius {radius}: {got} vs {}",
                expect[k].0
            );
            let d = idx.distance_km(h, origin.0, origin.1).unwrap() as f64;
            assert!((d - got).abs() < 1e-3);
        }
    }
    // Without coordinates an offer only matches its own comune.
    let mut docs = vec![
        vacancy("nogeo", "Barista", "x", 0, None, None),
        vacancy("geo", "Barista", "x", 0, None, None),
    ];
    docs[0].lat = None;
    docs[0].lon = None;
    let idx = SearchIndex::build(&docs);
    let q = Query {
        comune: Some("Bologna".into()),
        radius_km: Some(10),
        ..Query::default()
    };
    assert_eq!(idx.search(&q, today()).total, 2);
    let q = Query {
        origin: Some((44.4183, 12.2035)),
        radius_km: Some(10),
        ..Query::default()
    }; // Ravenna
    assert_eq!(idx.search(&q, today()).total, 0);
    let q = Query {
        comune: Some("A944".into()),
        ..Query::default()
    };
    assert_eq!(idx.search(&q, today()).total, 2);
    let q = Query {
        comune: Some("Atlantide".into()),
        ..Query::default()
    };
    assert_eq!(idx.search(&q, today()).total, 0);
}

#[test]
fn url_round_trip() {
    let mut rng = Rng(1234);
    for _ in 0..500 {
        let mut q = random_query(&mut rng);
        q.text = q.text.trim_end().to_string() + if rng.chance(0.2) { " &?=#+%é/" } else { "" };
        if q.text.trim().is_empty() {
            q.text.clear();
        }
        let s = q.to_query_string();
        assert!(!s.contains(' ') && !s.contains('#'), "{s}");
        let back = Query::from_query_string(&s);
        assert_eq!(back, q, "{s}");
        assert_eq!(back.to_query_string(), s, "stable");
        assert_eq!(Query::from_query_string(&format!("?{s}")), q);
    }
    let q = Query::from_query_string("q=caff%C3%A8+bar&prov=BO,MO&contratto=tempo_determinato&orario=part_time&ordine=recenti&l68=1&n=10&da=20&x=y");
    assert_eq!(q.text, "caffè bar");
    assert_eq!(q.provinces, vec!["BO", "MO"]);
    assert_eq!(q.contracts, vec![ContractType::TempoDeterminato]);
    assert_eq!(q.working_times, vec![WorkingTime::PartTime]);
    assert_eq!(q.sort, SortOrder::Newest);
    assert!(q.reserved_l68);
    assert_eq!((q.limit, q.offset), (10, 20));
    // Garbage never panics.
    let mut rng = Rng(77);
    for _ in 0..2000 {
        let len = rng.below(60);
        let bytes: Vec<u8> = (0..len)
            .map(|_| *rng.pick(b"q=&,%+#?ab12\xc3\xa8 prov=raggio=lat=-.9e"))
            .collect();
        let s = String::from_utf8_lossy(&bytes);
        let q = Query::from_query_string(&s);
        let _ = Query::from_query_string(&q.to_query_string());
    }
}

#[test]
fn bytes_round_trip_gives_identical_results() {
    let docs = corpus(2000, 31337);
    let idx = SearchIndex::build(&docs);
    let bytes = idx.to_bytes();
    let back = SearchIndex::from_bytes(&bytes).expect("round trip");
    assert_eq!(back.to_bytes(), bytes, "re-encoding is identical");
    assert_eq!(back.len(), idx.len());
    let mut rng = Rng(9);
    for _ in 0..200 {
        let q = random_query(&mut rng);
        assert_eq!(idx.search(&q, today()), back.search(&q, today()), "{q:?}");
    }
    for p in ["mag", "oper", "caff", "addetta al", "cuo", ""] {
        assert_eq!(idx.suggest(p, 8), back.suggest(p, 8));
    }
    for i in [0u32, 1, 500, 1999] {
        assert_eq!(idx.doc(i), back.doc(i));
    }
    assert_eq!(idx.doc(2000), None);
}

#[test]
fn corrupt_or_truncated_bytes_are_rejected_without_panic() {
    let idx = SearchIndex::build(&corpus(300, 5));
    let bytes = idx.to_bytes();
    for cut in (0..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
        assert!(SearchIndex::from_bytes(&bytes[..cut]).is_err(), "cut {cut}");
    }
    let mut rng = Rng(2024);
    for _ in 0..400 {
        let mut b = bytes.clone();
        let pos = rng.below(b.len());
        b[pos] ^= 1 << rng.below(8);
        assert!(SearchIndex::from_bytes(&b).is_err(), "flip at {pos}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(SearchIndex::from_bytes(&longer).is_err());
    let err = SearchIndex::from_bytes(b"SLIX\x09\0\0\0").unwrap_err();
    assert!(err.contains("non valido"), "{err}");
    // Random garbage.
    for n in 0..200 {
        let junk: Vec<u8> = (0..n * 3).map(|_| rng.next() as u8).collect();
        assert!(SearchIndex::from_bytes(&junk).is_err());
    }
}

#[test]
fn suggestions_complete_titles_and_professions() {
    let docs = corpus(500, 3);
    let idx = SearchIndex::build(&docs);
    let s = idx.suggest("magaz", 5);
    assert!(!s.is_empty() && s.len() <= 5);
    assert!(
        s.iter()
            .all(|x| text::fold(x).split(' ').any(|w| w.starts_with("magaz"))),
        "{s:?}"
    );
    let s = idx.suggest("addetta al", 5);
    assert!(
        s.iter()
            .any(|x| x == "Addetta al magazzino" || x == "Addetta alle pulizie"),
        "{s:?}"
    );
    assert!(idx.suggest("", 5).is_empty());
    assert!(idx.suggest("zzzz", 5).is_empty());
    assert!(idx
        .suggest("caffe", 5)
        .iter()
        .all(|x| x.to_lowercase().contains("caff")));
}

#[test]
fn feed_with_bad_records_is_imported_tolerantly() {
    let good =
        serde_json::to_value(vacancy("OK-1", "Barista", "Caffè.", 0, Some(1), Some(1))).unwrap();
    let mut bad_cp = good.clone();
    bad_cp["id"] = "BAD-1".into();
    bad_cp["profession"]["code"] = "0.2.2".into();
    let mut bad_istat = good.clone();
    bad_istat["id"] = "BAD-2".into();
    bad_istat["workplace"]["istat"] = "37006".into();
    let mut no_employer = good.clone();
    no_employer["id"] = "BAD-3".into();
    no_employer.as_object_mut().unwrap().remove("employer");
    let mut ok2 = good.clone();
    ok2["id"] = "OK-2".into();
    let feed = serde_json::json!({"schema_version": 1, "feed": "vacancies", "generated_at": "2026-11-23",
        "items": [good, bad_cp, bad_istat, no_employer, "nope", ok2]});
    let (items, report) = parse_vacancy_feed(&feed.to_string()).unwrap();
    assert_eq!(
        items.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
        vec!["OK-1", "OK-2"]
    );
    assert_eq!((report.accepted, report.skipped), (2, 4));
    assert!(
        sportello_lavoro::i18n::render(
            sportello_lavoro::i18n::Lang::It,
            &report.errors[2].1.message()
        )
        .contains("\"employer\""),
        "{:?}",
        report.errors
    );
    assert!(parse_vacancy_feed("{\"schema_version\":1,\"feed\":\"vacancies\"}").is_err());
}

#[test]
fn jsonld_import_with_good_and_bad_records() {
    let v = vacancy(
        "JL-1",
        "Magazziniere",
        "Carico e scarico merci.",
        0,
        Some(0),
        Some(0),
    );
    let mut list = vec![to_jobposting(&v)];
    list.push(serde_json::json!({"@type": "JobPosting", "title": "Senza data", "description": "x",
        "hiringOrganization": {"name": "A"}, "jobLocation": {"address": {"addressLocality": "Parma"}}}));
    list.push(serde_json::json!({"@type": "JobPosting", "title": "Paga strana", "description": "x", "datePosted": "2026-11-01",
        "hiringOrganization": {"name": "A"}, "jobLocation": {"address": {"addressLocality": "Parma"}},
        "baseSalary": {"currency": "EUR", "value": {"value": 10, "unitText": "FORTNIGHT"}}}));
    list.push(serde_json::json!({"@type": "JobPosting", "title": "Cameriere", "description": "<p>Servizio ai tavoli</p>",
        "datePosted": "2026-11-20", "validThrough": "2026-12-20T23:59", "hiringOrganization": "Trattoria (nome fittizio)",
        "jobLocation": {"address": {"addressLocality": "Rimini", "addressRegion": "RN"}}, "employmentType": "PART_TIME",
        "identifier": "JL-2"}));
    let (items, report) = import_jobposting(&serde_json::Value::Array(list).to_string(), None);
    assert_eq!(
        items.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
        vec!["JL-1", "JL-2"]
    );
    assert_eq!((report.accepted, report.skipped), (2, 2));
    assert_eq!(items[0].profession, v.profession);
    assert_eq!(items[1].description, "Servizio ai tavoli");
    assert_eq!(items[1].workplace.province, "RN");
    assert_eq!(items[1].working_time, WorkingTime::PartTime);
    // Imported offers are searchable like any other.
    let idx = SearchIndex::build(&items);
    assert_eq!(idx.search(&Query::text("camerieri"), today()).total, 1);
    // @graph form.
    let graph =
        serde_json::json!({"@context": "https://schema.org", "@graph": [to_jobposting(&v)]});
    assert_eq!(import_jobposting(&graph.to_string(), None).0.len(), 1);

    // Served in place of the feed: read as JSON-LD, with the same report.
    let text = serde_json::Value::Array(vec![to_jobposting(&v)]).to_string();
    let (items, report, format) = parse_vacancies(&text, None).unwrap();
    assert_eq!(
        (items.len(), report.skipped, format),
        (1, 0, VacancyFormat::JsonLd)
    );
    let (_, _, format) = parse_vacancies(
        &serde_json::to_string(&serde_json::json!({
            "schema_version": 1, "feed": "vacancies", "generated_at": "2026-11-23", "items": [v]
        }))
        .unwrap(),
        None,
    )
    .unwrap();
    assert_eq!(format, VacancyFormat::Feed);
    // Neither: the feed's error, not an empty import.
    for bad in [
        "",
        "not json",
        "[1, 2",
        "{\"feed\":\"vacancies\"}",
        "[]",
        r#"{"@context":"https://schema.org","@type":"Person"}"#,
    ] {
        assert!(parse_vacancies(bad, None).is_err(), "{bad:?}");
    }
}

#[test]
fn shipped_demo_feed_is_valid_and_searchable() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/vacancies.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("{path} not found: skipped");
        return;
    };
    let (items, report) = parse_vacancy_feed(&text).expect("valid envelope");
    assert_eq!(report.skipped, 0, "{:?}", report.errors);
    assert!(items.len() >= 1000);
    let idx = SearchIndex::build(&items);
    let r = idx.search(&Query::text("magazziniere"), today());
    assert!(r.total > 0);
    let top = idx.doc(r.hits[0]).unwrap();
    assert!(text::fold(top.title).contains("magazzin"), "{}", top.title);
    let r = idx.search(
        &Query {
            provinces: vec!["BO".into()],
            ..Query::text("barista")
        },
        today(),
    );
    assert!(r.hits.iter().all(|&h| idx.doc(h).unwrap().province == "BO"));
    let back = SearchIndex::from_bytes(&idx.to_bytes()).unwrap();
    assert_eq!(
        back.search(&Query::text("caffe"), today()),
        idx.search(&Query::text("caffe"), today())
    );
}

// ---------------------------------------------------------------------------
// Benchmark (ignored by default)

fn bench_docs() -> Vec<Vacancy> {
    if let Ok(path) = std::env::var("VACANCIES_JSON") {
        let t = std::time::Instant::now();
        let text = std::fs::read_to_string(&path).expect("VACANCIES_JSON readable");
        let (items, report) = parse_vacancy_feed(&text).expect("valid feed");
        eprintln!(
            "parsed {} offers from {path} ({} MB) in {:?}, {} skipped",
            items.len(),
            text.len() / 1_000_000,
            t.elapsed(),
            report.skipped
        );
        return items;
    }
    corpus(100_000, 0xbe9c)
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

#[test]
#[ignore]
fn bench_100k() {
    let docs = bench_docs();
    let t = std::time::Instant::now();
    let idx = SearchIndex::build(&docs);
    let build = t.elapsed();
    let t = std::time::Instant::now();
    let bytes = idx.to_bytes();
    let encode = t.elapsed();
    let t = std::time::Instant::now();
    let back = SearchIndex::from_bytes(&bytes).unwrap();
    let decode = t.elapsed();
    drop(back);
    eprintln!(
        "docs {} | terms {} | postings {} | build {:?} | to_bytes {:?} ({:.1} MB) | from_bytes {:?}",
        idx.len(),
        idx.term_count(),
        idx.posting_count(),
        build,
        encode,
        bytes.len() as f64 / 1e6,
        decode
    );

    // Typing sessions with and without filters.
    let typed = [
        "magazziniere bologna",
        "operaio turni",
        "barista caffetteria",
        "infermiere",
        "addetta alle pulizie",
        "cuoco stagione",
        "commessa part time",
        "sviluppatore software",
        "autista patente c",
        "carrellista",
    ];
    let mut queries: Vec<Query> = Vec::new();
    for t in typed {
        for end in 1..=t.len() {
            if !t.is_char_boundary(end) {
                continue;
            }
            queries.push(Query::text(&t[..end]));
        }
    }
    let base = queries.clone();
    for q in &base {
        queries.push(Query {
            provinces: vec!["BO".into(), "MO".into()],
            contracts: vec![ContractType::TempoIndeterminato],
            ..q.clone()
        });
        queries.push(Query {
            origin: Some((44.4973, 11.3329)),
            radius_km: Some(20),
            sort: SortOrder::Distance,
            ..q.clone()
        });
    }
    queries.push(Query::default());
    queries.push(Query {
        sort: SortOrder::Newest,
        posted_within_days: Some(7),
        ..Query::default()
    });
    queries.push(Query {
        profession_groups: vec![5, 8],
        internship: true,
        ..Query::default()
    });
    // Each query 5 times; its time is the median (the machine is shared).
    let mut times = Vec::new();
    let mut slowest: Vec<(f64, String)> = Vec::new();
    for q in &queries {
        let mut runs: Vec<f64> = (0..5)
            .map(|_| {
                let t = std::time::Instant::now();
                std::hint::black_box(idx.search(q, today()));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        let ms = percentile(&mut runs, 0.5);
        slowest.push((ms, format!("{:?}", q.to_query_string())));
        times.push(ms);
    }
    let n = times.len();
    let mean = times.iter().sum::<f64>() / n as f64;
    let p50 = percentile(&mut times, 0.5);
    let p95 = percentile(&mut times, 0.95);
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    eprintln!("{n} queries (median of 5 runs each): mean {mean:.3} ms, p50 {p50:.3} ms, p95 {p95:.3} ms, max {:.3} ms", slowest[0].0);
    for (ms, q) in slowest.iter().take(6) {
        eprintln!("  {ms:.3} ms  {q}");
    }
    let t = std::time::Instant::now();
    for p in ["m", "ma", "mag", "magaz", "op", "bar", "inf"] {
        std::hint::black_box(idx.suggest(p, 8));
    }
    eprintln!("7 suggest calls: {:?}", t.elapsed());
}
