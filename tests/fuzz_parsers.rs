//! Fuzzed input, no panic (issue 17): the JSON feeds, the JSON-LD import,
//! the ClicLavoro XML and place resolution of the publisher's tool,
//! the compact columnar feeds, the code lists, the API answers and the rule
//! files. Each parser gets arbitrary text and structure-aware mutations of
//! a real input (the shipped files under `public/data/`, the fixtures); it
//! must return `Ok` or `Err`, never panic, and what it accepts must keep
//! its invariants and be usable by the code that reads it next.
//!
//! Budget and seed: `FUZZ_CASES`, `FUZZ_SEED` (tests/fuzz_support.rs).
//! The binary index, the shards and the URL state: tests/fuzz_index.rs;
//! IndexedDB records: tests/fuzz_stored.rs; codice fiscale, locale files,
//! typed values, place pickers, kiosk configuration: tests/fuzz_inputs.rs.

#![cfg(not(target_arch = "wasm32"))]

#[path = "fuzz_support.rs"]
mod support;

use proptest::prelude::*;
use serde_json::{json, Value};
use sportello_lavoro::domain::avvisi::{eligibility, Avviso, Facts, Graduatoria};
use sportello_lavoro::domain::catalogue::{self, Service};
use sportello_lavoro::domain::code_list::CodeList;
use sportello_lavoro::domain::columns::RowReader;
use sportello_lavoro::domain::comuni::{
    self, BelfioreIndex, BelfioreItem, BelfioreRows, Comune, ComuniIndex, ComuniRows,
};
use sportello_lavoro::domain::date::Date;
use sportello_lavoro::domain::did::{self, DidRules};
use sportello_lavoro::domain::feed::{self, Feed, FeedError, FeedKind};
use sportello_lavoro::domain::identity::parse_me;
use sportello_lavoro::domain::offer_match::{offers_for, sample_profiles, MatchProfile};
use sportello_lavoro::domain::offices::{self, Office};
use sportello_lavoro::domain::outbox::{parse_receipt, problem_message, Failure};
use sportello_lavoro::domain::percorso::{
    self, appointment_stake, appointments_to_ics, justify_window, progress_all, BreachKind,
    DateTime, Percorso, SanctionRules,
};
use sportello_lavoro::domain::place_resolve::{resolve, PlaceHint};
use sportello_lavoro::domain::profiling_index::parse_index;
use sportello_lavoro::domain::ranking::{score, Applicant, Notice, RuleSets};
use sportello_lavoro::domain::search::{Query, SearchIndex};
use sportello_lavoro::domain::service_map;
use sportello_lavoro::domain::vacancy::{
    feed_is_demo, import_cliclavoro, import_jobposting, jobposting_script_text, ld_json_scripts,
    parse_vacancies, parse_vacancy_feed, to_jobposting, validate, ImportReport, Vacancy,
    VacancyFormat,
};
use sportello_lavoro::i18n::{render, Lang};
use std::collections::HashSet;
use std::sync::OnceLock;
use support::{
    any_text, edits, fuzz, fuzz_any, load_json, mutate_json, mutate_text, picks, sample_feed,
};

fn today() -> Date {
    Date::new(2026, 12, 3).unwrap()
}

macro_rules! shipped {
    ($name:ident, $path:expr) => {
        fn $name() -> &'static Value {
            static V: OnceLock<Value> = OnceLock::new();
            V.get_or_init(|| load_json($path))
        }
    };
}

shipped!(catalogue_json, "public/data/catalogue.json");
shipped!(avvisi_json, "public/data/avvisi.json");
shipped!(graduatorie_json, "public/data/graduatorie.json");
shipped!(offices_json, "public/data/offices.json");
shipped!(comuni_json, "public/data/comuni.json");
shipped!(belfiore_json, "public/data/belfiore.json");
shipped!(vacancies_json, "public/data/vacancies.json");
shipped!(cp_json, "public/data/ref/cp2021.json");
shipped!(ateco_json, "public/data/ref/ateco2025.json");
shipped!(percorso_json, "tests/fixtures/percorso/demo.json");
shipped!(did_rules_json, "public/data/rules/did-rules.json");
shipped!(ranking_rules_json, "public/data/rules/ranking-rules.json");
shipped!(sanctions_json, "public/data/rules/sanctions.json");
shipped!(service_map_json, "public/data/rules/service-map.json");

/// Every language renders a feed error (the detail may be any text).
fn render_feed_error(e: &FeedError) {
    for lang in [Lang::It, Lang::Ar, Lang::Uk] {
        let _ = render(lang, &e.message());
    }
    let _ = e.to_string();
}

/// The generic feed decoder, then a re-encoding that decodes again: what
/// the app accepts it can cache and read back.
fn decode_feed<T>(kind: FeedKind, text: &str) -> Option<Feed<T>>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    match feed::decode::<T>(kind, text) {
        Ok(f) => {
            let again = serde_json::to_string(&f).expect("an accepted feed serialises");
            assert!(
                feed::decode::<T>(kind, &again).is_ok(),
                "re-encoded feed no longer decodes"
            );
            let _ = f.meta();
            Some(f)
        }
        Err(e) => {
            assert_eq!(e.feed(), kind);
            render_feed_error(&e);
            None
        }
    }
}

// ----------------------------------------------------------- JSON feeds --

fn use_catalogue(items: &[Service]) {
    let _ = catalogue::check(items);
    let labels = |_| vec!["lavoro".to_string()];
    for q in ["", "tirocinio", "attivita lavoro", "\u{202E}", "a"] {
        for lang in ["it", "ar", "xx"] {
            let hits = catalogue::search(items, q, lang, &labels);
            assert!(hits.len() <= items.len());
        }
    }
    let _ = catalogue::result_summary(items);
    let _ = catalogue::split_for_employers(items.to_vec());
    if let Some(s) = items.first() {
        let _ = catalogue::find(items, &s.id);
        let _ = s.related_sections();
    }
}

fn use_offices(items: &[Office]) {
    let _ = offices::check(items);
    let _ = offices::by_province(items);
    let _ = offices::served_names(items);
    let _ = offices::choices(items);
    for typed in ["Bologna", "bo", "", "Forlì", "\u{202E}x"] {
        let _ = offices::answer(Some(items), typed, 5);
        let _ = offices::close_names(items, typed, 5);
    }
    for o in items {
        for day in 0..=8u8 {
            let _ = offices::format_hours(
                &o.hours_on(day).into_iter().cloned().collect::<Vec<_>>(),
                "it",
            );
            let _ = o.is_open_at(day, 600);
            let _ = offices::day_name(day, "ar");
        }
        let _ = offices::served_label(o, "Bologna");
        if let Some(phone) = &o.phone {
            let _ = offices::phone_href(phone);
        }
    }
}

fn use_comuni(feed: Feed<Comune>) {
    let index = ComuniIndex::from_feed(feed);
    for p in ["bo", "", "San", "\u{202E}", "ß"] {
        assert!(index.suggest(p, 8).len() <= 8);
        let _ = index.by_name(p);
        let _ = index.in_province(p);
        let _ = index.in_region(p);
    }
    let all: Vec<Comune> = index.all().iter().take(3).cloned().collect();
    for c in &all {
        let _ = c.label();
        let _ = index.by_istat(&c.istat);
        let _ = index.by_belfiore(&c.belfiore);
        let _ = index.by_name_and_province(&c.name, &c.province);
        let _ = index.within_km(c, 30.0);
        let _ = index.within_km(c, f64::NAN);
        if let Some(d) = all.first() {
            let _ = comuni::distance_km(c, d);
        }
    }
}

fn use_belfiore(feed: Feed<BelfioreItem>) {
    let codes: Vec<String> = feed.items.iter().take(3).map(|i| i.code.clone()).collect();
    let index = BelfioreIndex::from_feed(feed);
    let _ = index.current_foreign_states();
    let _ = index.suggest_foreign("Ger", 5);
    for c in codes.iter().map(String::as_str).chain(["Z404", "", "a"]) {
        let _ = index.get(c);
        let _ = index.current(c);
        let _ = index.valid_on(c, today());
        let _ = index.valid_on(c, Date::MIN);
    }
    for cf in ["RSSMRA85T10A562S", "BNCLRA70A41H501X"] {
        let _ = sportello_lavoro::domain::codice_fiscale::validate(cf, today(), &index);
    }
}

fn use_avvisi(items: &[Avviso]) {
    let rules = RuleSets::load().expect("shipped ranking rules");
    let facts = Facts {
        birth_date: Date::new(1990, 5, 1),
        education_level: Some(4),
        licences: vec!["B".into()],
        has_did: Some(true),
        l68_enrolled: None,
    };
    for a in items {
        for day in [today(), Date::MIN, Date::MAX] {
            let _ = a.status(day, None);
            let _ = a.may_apply(day).map_err(|m| render(Lang::It, &m));
        }
        for c in eligibility(a, &facts) {
            let _ = render(Lang::En, &c.msg);
        }
        let _ = eligibility(a, &Facts::default());
        if let (Some(p), Some(d), Some(set)) = (
            a.published_date(),
            a.deadline_date(),
            rules.rule_set(&a.rule_set),
        ) {
            let notice = Notice {
                publication_date: p,
                deadline: d,
            };
            let mut ap = Applicant::new("me");
            ap.birth_date = Date::new(1990, 5, 1);
            ap.isee = Some(12_345.67);
            ap.unemployment_months = 14;
            let s = score(set, &notice, &ap);
            assert!(s.total.is_finite());
        }
    }
}

fn use_graduatorie(items: &[Graduatoria]) {
    for g in items {
        for day in [today(), Date::MIN, Date::MAX] {
            let _ = g.may_review(day);
        }
        let protocols: Vec<String> = g
            .entries
            .iter()
            .take(2)
            .map(|e| e.protocol.clone())
            .collect();
        let _ = g.find(&protocols);
    }
}

/// A feed property: a few shipped items, mutated, then arbitrary text.
fn feed_property<T>(name: &str, kind: FeedKind, seed: &Value, cost: u32, then: impl Fn(Feed<T>))
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    fuzz(name, cost, (picks(), edits()), |(p, e)| {
        let text = mutate_json(&sample_feed(seed, &p), &e);
        decode_feed::<T>(kind, &text).map(&then).is_some()
    });
    fuzz_any(&format!("{name}_any_text"), cost, any_text(), |t| {
        let _ = decode_feed::<T>(kind, &t);
    });
}

#[test]
fn catalogue_feed() {
    feed_property(
        "catalogue_feed",
        FeedKind::Catalogue,
        catalogue_json(),
        2,
        |f: Feed<Service>| use_catalogue(&f.items),
    );
}

#[test]
fn avvisi_feed() {
    feed_property(
        "avvisi_feed",
        FeedKind::Avvisi,
        avvisi_json(),
        2,
        |f: Feed<Avviso>| use_avvisi(&f.items),
    );
}

#[test]
fn graduatorie_feed() {
    feed_property(
        "graduatorie_feed",
        FeedKind::Graduatorie,
        graduatorie_json(),
        1,
        |f: Feed<Graduatoria>| use_graduatorie(&f.items),
    );
}

#[test]
fn offices_feed() {
    feed_property(
        "offices_feed",
        FeedKind::Offices,
        offices_json(),
        2,
        |f: Feed<Office>| use_offices(&f.items),
    );
}

#[test]
fn comuni_feed() {
    feed_property(
        "comuni_feed",
        FeedKind::Comuni,
        comuni_json(),
        1,
        use_comuni,
    );
}

#[test]
fn belfiore_feed() {
    feed_property(
        "belfiore_feed",
        FeedKind::Belfiore,
        belfiore_json(),
        1,
        use_belfiore,
    );
}

/// The named decoders of the place feeds and their indexes.
#[test]
fn comuni_feed_helpers() {
    fuzz("comuni_feed_helpers", 1, (picks(), edits()), |(p, e)| {
        let comuni = mutate_json(&sample_feed(comuni_json(), &p), &e);
        let a = comuni::decode_comuni(&comuni).is_ok();
        assert_eq!(ComuniIndex::from_json(&comuni).is_ok(), a);
        let belfiore = mutate_json(&sample_feed(belfiore_json(), &p), &e);
        let b = comuni::decode_belfiore(&belfiore).is_ok();
        assert_eq!(BelfioreIndex::from_json(&belfiore).is_ok(), b);
        a && b
    });
}

// ----------------------------------------------------------- vacancies --

/// What an accepted import upholds: counts add up, ids are unique, every
/// offer passes validation, its JSON-LD reads back.
fn check_import(offers: &[Vacancy], report: &ImportReport, strict: bool) {
    assert_eq!(report.accepted, offers.len());
    let _ = report.summary_it();
    let ids: HashSet<&str> = offers.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids.len(), offers.len(), "duplicate ids accepted");
    for (_, reason) in &report.errors {
        let _ = render(Lang::It, &reason.message());
    }
    for v in offers {
        assert!(
            validate(v, strict).is_ok(),
            "accepted offer fails validation"
        );
        let ld = to_jobposting(v).to_string();
        let (back, r) = import_jobposting(&ld, None);
        // Read back, unless its texts are markup (the import strips HTML)
        // or hold controls (dropped when read).
        let plain = |t: &str| {
            !t.contains(['<', '&'])
                && !t
                    .chars()
                    .any(sportello_lavoro::domain::text::is_format_control)
        };
        if plain(&v.title) && plain(&v.description) {
            assert_eq!((back.len(), r.skipped), (1, 0), "own JSON-LD refused: {ld}");
        }
        // Inside `<script type="application/ld+json">`: no markup.
        let script = jobposting_script_text(v);
        assert!(!script.contains(['<', '>', '&']), "{script}");
        assert_eq!(
            serde_json::from_str::<Value>(&script).ok(),
            serde_json::from_str::<Value>(&ld).ok()
        );
    }
}

/// Every vacancies parser on `text`; whether one of them accepted offers.
fn vacancy_parsers(text: &str) -> bool {
    let _ = feed_is_demo(text);
    let mut any = false;
    match parse_vacancy_feed(text) {
        Ok((offers, report)) => {
            check_import(&offers, &report, true);
            any |= !offers.is_empty();
        }
        Err(e) => render_feed_error(&e),
    }
    match parse_vacancies(text, None) {
        Ok((offers, report, format)) => {
            check_import(&offers, &report, format == VacancyFormat::Feed);
            any |= !offers.is_empty();
            // The offers go on into the search index, which is stored and
            // read back, and searched.
            let idx = SearchIndex::build(&offers);
            assert_eq!(idx.len(), offers.len());
            let bytes = idx.to_bytes();
            let back = SearchIndex::from_bytes(&bytes).expect("a built index reads back");
            assert_eq!(back.to_bytes(), bytes);
            for q in [
                "",
                "q=magazziniere",
                "raggio=20&lat=44.5&lon=11.3&ordine=distanza&giorni=7",
                "comune=Bologna&raggio=500",
            ] {
                let q = Query::from_query_string(q);
                for today in [20_790, i32::MIN, i32::MAX] {
                    let r = back.search(&q, today);
                    assert!(r.hits.iter().all(|&d| (d as usize) < back.len()));
                }
            }
            for (i, v) in offers.iter().enumerate() {
                let d = back.doc(i as u32).expect("every offer is a document");
                assert_eq!(d.id, v.id);
            }
            for p in sample_profiles().iter().take(2) {
                let mp = MatchProfile::from_profile(p, Some((44.5, 11.3)));
                let _ = offers_for(&back, &mp, 20_790, 5);
            }
        }
        Err(e) => render_feed_error(&e),
    }
    let (offers, report) = import_jobposting(text, None);
    check_import(&offers, &report, false);
    // As a saved page: its JSON-LD blocks (the publisher's tool).
    for block in ld_json_scripts(text) {
        let (o, r) = import_jobposting(block, Some(comuni_table()));
        check_import(&o, &r, false);
    }
    any || !offers.is_empty()
}

/// The vacancies feed: a few records of the shipped feed, mutated.
#[test]
fn vacancies_feed() {
    fuzz("vacancies_feed", 2, (picks(), edits()), |(p, e)| {
        vacancy_parsers(&mutate_json(&sample_feed(vacancies_json(), &p), &e))
    });
}

/// Arbitrary text as a vacancies feed or a JSON-LD list.
#[test]
fn vacancies_any_text() {
    fuzz_any("vacancies_any_text", 1, any_text(), |t| {
        vacancy_parsers(&t);
    });
}

/// JSON-LD `JobPosting`s (a list, an `@graph`, one posting) made from
/// shipped offers, mutated.
#[test]
fn jsonld_import() {
    fuzz(
        "jsonld_import",
        2,
        (picks(), 0u8..3, edits()),
        |(p, shape, e)| {
            let feed = sample_feed(vacancies_json(), &p);
            let offers: Vec<Value> = feed["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| serde_json::from_value::<Vacancy>(v.clone()).ok())
                .map(|v| to_jobposting(&v))
                .collect();
            let root = match shape {
                0 => Value::Array(offers),
                1 => json!({"@context": "https://schema.org", "@graph": offers}),
                _ => offers.into_iter().next().unwrap_or(Value::Null),
            };
            vacancy_parsers(&mutate_json(&root, &e))
        },
    );
}

/// The comuni table the publisher's tool resolves places with.
fn comuni_table() -> &'static ComuniIndex {
    static C: OnceLock<ComuniIndex> = OnceLock::new();
    C.get_or_init(|| {
        ComuniIndex::from_feed(
            serde_json::from_value(comuni_json().clone()).expect("the shipped comuni decode"),
        )
    })
}

/// The demo region's ClicLavoro XML files (tests/fixtures/publisher/).
fn cliclavoro_fixtures() -> &'static [String] {
    static F: OnceLock<Vec<String>> = OnceLock::new();
    F.get_or_init(|| {
        [
            "imola-magazziniere.xml",
            "lotto-emilia-romagna.xml",
            "non-valido.xml",
        ]
        .iter()
        .map(|f| {
            std::fs::read_to_string(format!(
                "{}/tests/fixtures/publisher/cliclavoro/{f}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .expect("fixture")
        })
        .collect()
    })
}

/// ClicLavoro XML (issue 18): the fixtures with byte edits; what is kept
/// passes the app feed's checks, is placed on a current comune, and every
/// reason renders.
#[test]
fn cliclavoro_xml() {
    fuzz(
        "cliclavoro_xml",
        2,
        (0usize..3, prop::collection::vec(support::op(), 0..6)),
        |(f, ops)| {
            let text = mutate_text(&cliclavoro_fixtures()[f], &ops);
            let (offers, report) = import_cliclavoro(&text, comuni_table());
            check_import(&offers, &report, true);
            for v in &offers {
                let code = v.workplace.istat.as_deref().expect("placed");
                assert!(comuni_table().by_istat(code).is_some());
            }
            !offers.is_empty()
        },
    );
}

/// Place resolution: arbitrary hints never panic, and a found comune
/// agrees with the code that named it.
#[test]
fn place_hints() {
    let text = || {
        prop_oneof![
            any_text(),
            prop::sample::select(vec![
                "Imola".to_string(),
                "Via Roma 1, 48121 Ravenna RA".into(),
                "Castro".into(),
                "(BO)".into(),
                "40026".into(),
                "Emilia-Romagna".into(),
                " - , ; ".into(),
            ]),
        ]
    };
    fuzz(
        "place_hints",
        1,
        (
            text(),
            text(),
            text(),
            text(),
            prop::option::of("[A-Z][0-9]{3}"),
        ),
        |(locality, cap, region, free, belfiore)| {
            let hint = PlaceHint {
                belfiore: belfiore.clone(),
                istat: None,
                locality: Some(locality),
                postal_code: Some(cap),
                region: Some(region),
                free_text: vec![free],
            };
            match resolve(comuni_table(), &hint) {
                Ok(c) => {
                    if let Some(b) = &belfiore {
                        assert_eq!(&c.belfiore, b);
                    }
                    true
                }
                Err(_) => false,
            }
        },
    );
}

// ------------------------------------------------------- columnar feeds --

/// A compact file of a few shipped rows, so that most cases are cheap.
fn compact_of<T: Clone>(
    full: &Value,
    p: &[u32],
    decode: fn(&str) -> Result<Feed<T>, FeedError>,
    encode: fn(&Feed<T>) -> Result<String, sportello_lavoro::domain::columns::WriteError>,
) -> String {
    let json = serde_json::to_string(&sample_feed(full, p)).unwrap();
    let feed = decode(&json).expect("shipped rows decode");
    encode(&feed).expect("shipped rows encode")
}

/// Cell edits: a value of one column line replaced by another that the
/// encodings treat specially (steps, deltas, flags, list separators).
fn mutate_cells(text: &str, ops: &[support::Op]) -> String {
    const CELLS: &[&str] = &[
        "",
        "+1",
        "+0",
        "+999999999999999999",
        "+18446744073709551615",
        "-",
        "-0",
        "1",
        "9223372036854775807",
        "-9223372036854775808",
        "999999999999999",
        "x y",
        " ",
        "a  b",
        "A001",
        "Z999",
        "99999999999999999999",
        "\u{202E}",
        "é",
    ];
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for &(kind, a, b) in ops {
        let n = lines.len().max(2) - 1;
        let li = 1 + a as usize % n;
        let Some(line) = lines.get_mut(li) else {
            continue;
        };
        let mut cells: Vec<String> = line.split('\t').map(str::to_string).collect();
        let ci = b as usize % cells.len();
        match kind % 4 {
            0 => cells[ci] = CELLS[(b / 7) as usize % CELLS.len()].to_string(),
            1 => {
                cells.remove(ci);
            }
            2 => cells.insert(ci, CELLS[(b / 5) as usize % CELLS.len()].to_string()),
            _ => cells.truncate(ci),
        }
        *line = cells.join("\t");
    }
    lines.join("\n")
}

/// Every reader of the columnar files; whether both were accepted.
fn compact_parsers(comuni_text: &str, belfiore_text: &str) -> bool {
    let mut ok = 0;
    match comuni::decode_comuni_compact(comuni_text) {
        Ok(f) => {
            ok += 1;
            // What is read writes back to the same file.
            if let Ok(again) = comuni::encode_comuni_compact(&f) {
                assert_eq!(comuni::decode_comuni_compact(&again).ok(), Some(f.clone()));
            }
            use_comuni(f);
        }
        Err(e) => render_feed_error(&e),
    }
    match comuni::decode_belfiore_compact(belfiore_text) {
        Ok(f) => {
            ok += 1;
            if let Ok(again) = comuni::encode_belfiore_compact(&f) {
                assert_eq!(
                    comuni::decode_belfiore_compact(&again).ok(),
                    Some(f.clone())
                );
            }
            use_belfiore(f);
        }
        Err(e) => render_feed_error(&e),
    }
    // Row by row, as the app reads them between frames.
    if let Ok(mut rows) = ComuniRows::open(comuni_text) {
        let announced = rows.rows();
        let mut n = 0;
        while let Ok(Some(_)) = rows.next_item() {
            n += 1;
            assert!(n <= announced);
        }
    }
    if let Ok(mut rows) = BelfioreRows::open(belfiore_text) {
        let announced = rows.rows();
        let mut n = 0;
        while let Ok(Some(_)) = rows.next_item() {
            n += 1;
            assert!(n <= announced);
        }
    }
    let _ = ComuniIndex::from_compact(comuni_text);
    let _ = BelfioreIndex::from_compact(belfiore_text);
    ok == 2
}

fn read_file(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The columnar form of comuni and belfiore: a few shipped rows written by
/// the encoder, then cell edits and byte edits.
#[test]
fn compact_feeds() {
    let ops = || prop::collection::vec(support::op(), 0..4);
    fuzz(
        "compact_feeds",
        2,
        (picks(), ops(), ops()),
        |(p, cells, bytes)| {
            let c = compact_of(
                comuni_json(),
                &p,
                comuni::decode_comuni,
                comuni::encode_comuni_compact,
            );
            let b = compact_of(
                belfiore_json(),
                &p,
                comuni::decode_belfiore,
                comuni::encode_belfiore_compact,
            );
            let bytes = &bytes[..bytes.len().min(2)];
            let c = mutate_text(&mutate_cells(&c, &cells), bytes);
            let b = mutate_text(&mutate_cells(&b, &cells), bytes);
            compact_parsers(&c, &b)
        },
    );
}

/// Arbitrary text, alone and under a shipped header line.
#[test]
fn compact_any_text() {
    static HEADS: OnceLock<(String, String)> = OnceLock::new();
    let (ch, bh) = HEADS.get_or_init(|| {
        let head = |path: &str| read_file(path).split('\n').next().unwrap_or("").to_string();
        (
            head("public/data/comuni.cols.txt"),
            head("public/data/belfiore.cols.txt"),
        )
    });
    fuzz_any("compact_any_text", 1, any_text(), |t| {
        compact_parsers(&t, &t);
        compact_parsers(&format!("{ch}\n{t}"), &format!("{bh}\n{t}"));
    });
}

/// The whole shipped columnar files with a few byte edits.
#[test]
fn compact_shipped_files() {
    static FILES: OnceLock<(String, String)> = OnceLock::new();
    let (c, b) = FILES.get_or_init(|| {
        (
            read_file("public/data/comuni.cols.txt"),
            read_file("public/data/belfiore.cols.txt"),
        )
    });
    let ops = prop::collection::vec(support::op(), 1..3);
    fuzz_any("compact_shipped_files", 48, ops, |bytes| {
        let _ = comuni::decode_comuni_compact(&mutate_text(c, &bytes));
        let _ = comuni::decode_belfiore_compact(&mutate_text(b, &bytes));
    });
}

// ----------------------------------------------------------- code lists --

fn code_list(text: &str) -> bool {
    match CodeList::parse(text) {
        Ok(list) => {
            let kind = list.kind();
            for item in &list.items {
                if let Some(k) = kind {
                    assert!(k.is_code(&item.code), "{}", item.code);
                }
                assert_eq!(list.get(&item.code).map(|i| &i.code), Some(&item.code));
            }
            for q in ["1", "62.1", "a", "attività", "\u{202E}", "", "9.9.9.9.9.9"] {
                assert!(list.search(q, 7).len() <= 7);
            }
            true
        }
        Err(e) => {
            let _ = render(Lang::It, &e.message());
            false
        }
    }
}

/// The CP 2021 and ATECO 2025 lists: shipped items, mutated.
#[test]
fn code_lists() {
    let p = prop::collection::vec(any::<u32>(), 1..12);
    fuzz(
        "code_lists",
        1,
        (p, edits(), any::<bool>()),
        |(p, e, ateco)| {
            let seed = if ateco { ateco_json() } else { cp_json() };
            code_list(&mutate_json(&sample_feed(seed, &p), &e))
        },
    );
}

#[test]
fn code_lists_any_text() {
    fuzz_any("code_lists_any_text", 1, any_text(), |t| {
        code_list(&t);
    });
}

// -------------------------------------------------------- API answers --

fn api_bodies() -> &'static [Value] {
    static B: OnceLock<Vec<Value>> = OnceLock::new();
    B.get_or_init(|| {
        vec![
            json!({"index": 0.31, "class": 2, "computed_at": "2026-12-02T21:00:00Z", "demo": true}),
            json!({"provider": "spid", "expires_at": "2026-12-03T12:00:00Z", "person": {
                "given_name": "Mario", "family_name": "Rossi", "codice_fiscale": "RSSMRA85T10A562S",
                "sex": "M", "birth_date": "1985-12-10", "birth_place_code": "A562"}}),
            json!({"id": "SUB-1", "kind": "did", "status": "received", "received_at": "2026-12-01T10:00:00Z",
                "history": [{"status": "received", "at": "2026-12-01T10:00:00Z", "note": "ok"},
                            {"status": "accepted", "at": "2026-12-02T10:00:00Z"}]}),
            json!({"id": "SUB-1", "status": "received", "protocol": "DID-2026-000001", "received_at": "2026-12-01"}),
            json!({"type": "about:blank", "title": "Dati non validi", "status": 422, "detail": "campo mancante",
                "errors": [{"field": "codice_fiscale", "message": "non valido"}]}),
        ]
    })
}

/// Every reader of an API answer; whether one of them accepted it.
fn api_parsers(body: &str) -> bool {
    let mut any = false;
    if let Some(i) = parse_index(body) {
        any = true;
        assert!((0.0..=1.0).contains(&i.index) && (1..=4).contains(&i.class));
        let _ = (i.percent(), render(Lang::It, &i.class_msg()));
    }
    for day in [today(), Date::MIN, Date::MAX] {
        match parse_me(body, day) {
            Ok(id) => {
                any = true;
                assert!(sportello_lavoro::domain::codice_fiscale::validate_format(
                    &id.person.codice_fiscale,
                    day
                )
                .is_ok());
            }
            Err(e) => {
                let _ = render(Lang::It, &e.message());
            }
        }
    }
    if let Some(s) = did::parse_status(body) {
        any = true;
        let _ = did::timeline(&s);
        let _ = (
            did::status_key(&s.status),
            did::status_explain_key(&s.status),
        );
    }
    any |= parse_receipt(body).is_some();
    let _ = problem_message(body);
    let f = Failure::from_text(body);
    let _ = render(Lang::It, &f.message());
    any
}

/// `GET /me`, `/me/profiling`, `/submissions/<id>`, the receipts and the
/// problem documents: realistic answers, mutated.
#[test]
fn api_answers() {
    fuzz("api_answers", 1, (0usize..5, edits()), |(which, e)| {
        api_parsers(&mutate_json(&api_bodies()[which], &e))
    });
}

#[test]
fn api_answers_any_text() {
    fuzz_any("api_answers_any_text", 1, any_text(), |t| {
        api_parsers(&t);
    });
}

// ------------------------------------------------------------- percorso --

fn use_percorso(p: &Percorso) {
    let rules = SanctionRules::load().expect("shipped sanctions");
    let naspi = p.patto.as_ref().and_then(|pt| pt.naspi.as_ref());
    let now = p.generated_at;
    for day in [now.date, Date::MIN, Date::MAX] {
        if let Some(patto) = &p.patto {
            for pr in progress_all(patto, &[], &p.checks, day) {
                let _ = render(Lang::It, &pr.message());
            }
            for c in &patto.commitments {
                let _ = c.period.containing(day);
            }
        }
    }
    for a in &p.appointments {
        if let Some(s) = appointment_stake(rules, a, &p.appointments, &p.checks, naspi) {
            let _ = render(Lang::It, &s.message());
        }
        for at in [
            now,
            DateTime::start_of(Date::MIN),
            DateTime::start_of(Date::MAX),
        ] {
            let _ = justify_window(&rules.justification, a, at);
        }
    }
    for kind in BreachKind::ALL {
        let _ = percorso::ladder(rules, kind, &p.checks, naspi);
        let _ = percorso::next_stake(rules, kind, &p.checks, naspi);
    }
    let ics = appointments_to_ics(&p.appointments, now, "sportello.example");
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
}

/// `GET /me/percorso`: the demo fixture, mutated; what is accepted goes
/// through progress, stakes, justification windows and the calendar.
#[test]
fn percorso_body() {
    fuzz("percorso_body", 2, edits(), |e| {
        match Percorso::parse(&mutate_json(percorso_json(), &e)) {
            Ok(p) => {
                use_percorso(&p);
                true
            }
            Err(err) => {
                let _ = render(Lang::It, &err.message());
                let _ = err.to_string();
                false
            }
        }
    });
}

#[test]
fn percorso_any_text() {
    fuzz_any("percorso_any_text", 1, any_text(), |t| {
        let _ = Percorso::parse(&t);
    });
}

// ----------------------------------------------------------- rule files --

/// The parser of rules file `which`; whether it accepted `text`.
fn rule_files(which: usize, text: &str) -> bool {
    match which {
        0 => {
            let parsed = DidRules::parse(text);
            if let Ok(r) = &parsed {
                for day in [today(), Date::MIN, Date::MAX] {
                    let _ = did::income_limit_msg(r, day).map(|m| render(Lang::It, &m));
                    let _ = r.income_limit_on(day);
                    for kind in [did::DeadlineKind::Did, did::DeadlineKind::Naspi] {
                        let _ = did::contact_deadline(r, kind, day);
                    }
                }
            }
            parsed.is_ok()
        }
        1 => match RuleSets::parse(text) {
            Ok(sets) => {
                let notice = Notice {
                    publication_date: Date::new(2026, 11, 1).unwrap(),
                    deadline: Date::new(2026, 11, 30).unwrap(),
                };
                let mut ap = Applicant::new("me");
                ap.birth_date = Date::new(1980, 2, 29);
                ap.isee = Some(9_999.99);
                ap.did_date = Date::new(2020, 1, 1);
                ap.dependants = 2;
                ap.unemployment_months = 40;
                ap.invalidity_percent = Some(67);
                ap.enrolment_date = Date::new(1999, 4, 1);
                ap.personal_income = Some(1e9);
                for id in sets.ids() {
                    let set = sets.rule_set(id).unwrap();
                    let _ = score(set, &notice, &ap);
                    let _ = score(set, &notice, &Applicant::new(""));
                    let _ = sportello_lavoro::domain::ranking::rank(
                        set,
                        &notice,
                        &[ap.clone(), Applicant::new("x")],
                    );
                    let _ = sets.rule_set_on(id, today());
                }
                true
            }
            Err(e) => {
                let _ = render(Lang::It, &e.message());
                false
            }
        },
        2 => SanctionRules::parse(text).is_ok(),
        _ => {
            let parsed = service_map::parse_rules(text);
            if let Ok(r) = parsed {
                // The service map keeps `&'static` rules: a small leak per case.
                let r: &'static _ = Box::leak(Box::new(r));
                let form = sportello_lavoro::domain::questionnaire::QuestionnaireForm::default();
                let answers = sportello_lavoro::domain::questionnaire::answers(&form, today());
                let _ = service_map::service_map(r, &answers, today());
                return true;
            }
            false
        }
    }
}

/// The rules files (DID, ranking, sanctions, service map): shipped,
/// mutated.
#[test]
fn rule_files_mutated() {
    fuzz(
        "rule_files_mutated",
        1,
        (0usize..4, edits()),
        |(which, e)| {
            let seed = [
                did_rules_json,
                ranking_rules_json,
                sanctions_json,
                service_map_json,
            ][which]();
            rule_files(which, &mutate_json(seed, &e))
        },
    );
}

#[test]
fn rule_files_any_text() {
    fuzz_any(
        "rule_files_any_text",
        1,
        (0usize..4, any_text()),
        |(which, t)| {
            rule_files(which, &t);
        },
    );
}

// ------------------------------------------------------ format controls --

fn strings_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings_of(x, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings_of(x, out)
        }),
        _ => {}
    }
}

/// The filter every feed goes through before it is parsed: any text; a
/// JSON text stays JSON and loses every bidi override, isolate and control
/// character of its strings, raw or escaped.
#[test]
fn format_control_filter() {
    use sportello_lavoro::domain::text::{is_format_control, json_without_format_controls};
    let controls = prop::collection::vec(
        prop::sample::select(vec![
            "\u{202E}",
            "\\u202e",
            "\\u202E",
            "\u{2066}",
            "\\u2069",
            "\u{85}",
            "\\u0085",
            "\\u001f",
            "\\\\u202E",
            "\\",
            "\\u",
            "\\u20",
            "\"",
            "\u{200F}",
            "x",
            "\\ud83d\\ude00",
        ]),
        0..12,
    )
    .prop_map(|v| format!("[\"{}\"]", v.concat()));
    let input = prop_oneof![
        any_text(),
        controls,
        (picks(), edits())
            .prop_map(|(p, e)| { mutate_json(&sample_feed(vacancies_json(), &p), &e) })
    ];
    // Every control, the short escapes `\b`, `\f`, `\r` and a raw DEL included.
    fuzz_any("format_control_filter", 1, input, |t| {
        let out = json_without_format_controls(&t);
        if serde_json::from_str::<Value>(&t).is_ok() {
            let clean: Value = serde_json::from_str(&out).expect("JSON stays JSON");
            let mut all = Vec::new();
            strings_of(&clean, &mut all);
            assert!(
                all.iter().all(|s| !s.chars().any(is_format_control)),
                "{out}"
            );
        }
    });
}
