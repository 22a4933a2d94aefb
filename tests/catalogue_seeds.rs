//! The service catalogue and the CPI offices feeds checked against their
//! sources.
//!
//! The two seed texts (`servizi-cpi-lep.txt`: the LEP services for people
//! seeking work, from a regional CPI page; `dm-4-2018-allegato-schede.txt`:
//! four DM 4/2018 Allegato B schede) are read from `tests/fixtures/seeds/`
//! and, when present, compared with `../shared/seeds/`. Then:
//!
//! * every heading the seeds give (numbered "1. Accompagnamento al lavoro",
//!   standalone short lines like "Orientamento specialistico", "Title –
//!   Subtitle:" lines) is a catalogue title or the opening of an activity;
//! * every service the running text names is in a catalogue title;
//! * every bullet of both seeds is transcribed in one service;
//! * every DM scheda (split at "Riferimenti normativi") is merged into the
//!   service whose activities it lists, with its SAP codes, outputs,
//!   outcomes and legal references.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use sportello_lavoro::domain::catalogue::{self, Audience, Need, Service};
use sportello_lavoro::domain::feed::{decode, Feed, FeedKind, Localized};
use sportello_lavoro::domain::offices::{self, Office};
use sportello_lavoro::domain::text;
use sportello_lavoro::i18n::{lookup, Lang};

/// A need's label as the app searches it (Italian and English).
fn labels(n: Need) -> Vec<String> {
    vec![lookup(Lang::It, n.key()), lookup(Lang::En, n.key())]
}

const SEEDS: [&str; 2] = ["servizi-cpi-lep.txt", "dm-4-2018-allegato-schede.txt"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_dir() -> PathBuf {
    root().join("tests/fixtures/seeds")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The seed texts (fixture copy), checked against ../shared/seeds when it exists.
fn seeds() -> Vec<(String, String)> {
    let shared = root().join("../shared/seeds");
    if !shared.is_dir() {
        println!(
            "note: {} not found; using only the fixture copy",
            shared.display()
        );
    }
    SEEDS
        .iter()
        .map(|name| {
            let text = read(&fixture_dir().join(name));
            if shared.is_dir() {
                let original = read(&shared.join(name));
                assert_eq!(
                    text, original,
                    "tests/fixtures/seeds/{name} differs from shared/seeds/{name}: copy it again and review the catalogue"
                );
            }
            (name.to_string(), text)
        })
        .collect()
}

fn catalogue() -> Feed<Service> {
    let text = read(&root().join("public/data/catalogue.json"));
    decode::<Service>(FeedKind::Catalogue, &text).unwrap_or_else(|e| panic!("catalogue.json: {e}"))
}

fn offices_feed() -> Feed<Office> {
    let text = read(&root().join("public/data/offices.json"));
    decode::<Office>(FeedKind::Offices, &text).unwrap_or_else(|e| panic!("offices.json: {e}"))
}

/// Folded, padded with spaces so that `contains` works on whole words.
fn norm(s: &str) -> String {
    format!(" {} ", text::fold(s))
}

const BULLETS: [char; 5] = ['-', '‒', '–', '·', '•'];
const SCHEDA_LABELS: [&str; 6] = [
    "Riferimenti normativi",
    "Attività",
    "Descrizione",
    "Output",
    "Outcome",
    "Codice SAP",
];

/// Headings the seed gives explicitly:
/// * numbered lines: "1. Accompagnamento al lavoro";
/// * standalone short lines (at most 6 words, capitalised, no final
///   punctuation, no digits, not a bullet or a scheda label): "Orientamento
///   di base";
/// * "Title – Subtitle:" lines of at most 10 words.
fn headings(seed: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in seed.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with(BULLETS) {
            continue;
        }
        let words = line.split_whitespace().count();
        // 1. Numbered.
        let digits: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() {
            if let Some(rest) = line[digits.len()..].strip_prefix(". ") {
                if rest.split_whitespace().count() <= 8 && !rest.ends_with(['.', ';', ',']) {
                    out.push(rest.trim().to_string());
                }
            }
            continue;
        }
        if SCHEDA_LABELS.iter().any(|l| line.starts_with(l)) {
            continue;
        }
        let capital = line.chars().next().is_some_and(char::is_uppercase);
        // 2. Standalone short line.
        if capital
            && words <= 6
            && !line.ends_with(['.', ':', ';', ',', '!', '?'])
            && !line.chars().any(|c| c.is_ascii_digit())
        {
            out.push(line.to_string());
            continue;
        }
        // 3. "Title – Subtitle:".
        if capital && words <= 10 && line.ends_with(':') && line.contains(" – ") {
            out.push(line.trim_end_matches(':').trim().to_string());
        }
    }
    out
}

/// Bullet items (lines starting with a bullet, also after a scheda label such
/// as "Attività -  …"), without the bullet and final punctuation.
fn bullets(seed: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in seed.lines() {
        let mut line = raw.trim();
        for label in SCHEDA_LABELS {
            if let Some(rest) = line.strip_prefix(label) {
                let rest = rest.trim_start();
                if rest.starts_with(BULLETS) {
                    line = rest;
                }
            }
        }
        if let Some(rest) = line.strip_prefix(BULLETS) {
            let item = rest.trim().trim_end_matches(['.', ';', ',', ':']).trim();
            if !item.is_empty() {
                out.push(item.to_string());
            }
        }
    }
    out
}

fn all_localized(s: &Service) -> Vec<&Localized> {
    let mut v = vec![&s.title, &s.summary, &s.description, &s.access];
    v.extend(s.activities.iter());
    v.extend(s.outputs.iter());
    v.extend(s.outcomes.iter());
    v
}

/// Italian text of a service: every field, legal references included.
fn service_text(s: &Service) -> String {
    let mut t: Vec<&str> = all_localized(s).iter().map(|l| l.it.as_str()).collect();
    t.extend(s.legal_basis.iter().map(String::as_str));
    t.join("\n")
}

/// Share of the (3+ character) search terms of `needle` found in `hay`:
/// as a term, or inside the folded text with spaces removed (so that a word
/// split in the source, "ri-costruzione", "siste ma", still counts).
fn coverage(needle: &str, hay: &str) -> f64 {
    let hay_terms: HashSet<String> = text::terms(hay).into_iter().collect();
    let blob: String = text::fold(hay).chars().filter(|c| *c != ' ').collect();
    let terms: Vec<String> = text::terms(needle)
        .into_iter()
        .filter(|t| t.chars().count() >= 3)
        .collect();
    if terms.is_empty() {
        return 1.0;
    }
    let found = terms
        .iter()
        .filter(|t| hay_terms.contains(*t) || blob.contains(t.as_str()))
        .count();
    found as f64 / terms.len() as f64
}

/// The service that best covers `needle`, with the coverage.
fn best_service<'a>(
    services: &'a [Service],
    needle: &str,
    text_of: impl Fn(&Service) -> String,
) -> (&'a Service, f64) {
    services
        .iter()
        .map(|s| (s, coverage(needle, &text_of(s))))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .expect("catalogue is empty")
}

#[test]
fn fixture_seeds_match_shared_seeds() {
    let s = seeds();
    assert_eq!(s.len(), 2);
    assert!(s.iter().all(|(_, t)| t.len() > 1000));
}

#[test]
fn every_seed_heading_is_in_the_catalogue() {
    let services = catalogue().items;
    let titles: Vec<String> = services.iter().map(|s| norm(&s.title.it)).collect();
    let activity_starts: Vec<String> = services
        .iter()
        .flat_map(|s| s.activities.iter().map(|a| norm(&a.it)))
        .collect();
    let mut found = Vec::new();
    for (name, seed) in seeds() {
        for h in headings(&seed) {
            let key = text::fold(&h);
            let in_title = titles.iter().any(|t| t.contains(&format!(" {key} ")));
            let opens_activity = activity_starts
                .iter()
                .any(|a| a.starts_with(&format!(" {key} ")));
            assert!(
                in_title || opens_activity,
                "{name}: heading {h:?} is neither a catalogue title nor an activity"
            );
            found.push(h);
        }
    }
    println!("seed headings: {found:?}");
    // The rule must keep finding the explicit headings of the LEP page.
    for expected in [
        "Accompagnamento al lavoro",
        "Attivazione del tirocinio",
        "Incontro Domanda Offerta",
        "Orientamento specialistico",
        "Incrocio domanda/offerta",
    ] {
        assert!(
            found.iter().any(|h| h == expected),
            "heading {expected:?} not extracted: {found:?}"
        );
    }
    assert!(found.len() >= 8, "{found:?}");
}

/// Services the seeds name in running text rather than in a heading.
/// Each phrase must occur in a seed and in the title of the given service.
const NAMED_IN_TEXT: [(&str, &str); 19] = [
    ("prima informazione", "accoglienza-e-prima-informazione"),
    ("DID", "did-profilazione-sap"),
    ("profilazione", "did-profilazione-sap"),
    ("scheda anagrafica professionale", "did-profilazione-sap"),
    ("orientamento di base", "orientamento-di-base"),
    ("patto di servizio personalizzato", "patto-di-servizio-personalizzato"),
    ("orientamento specialistico", "orientamento-specialistico"),
    ("accompagnamento al lavoro", "accompagnamento-al-lavoro"),
    ("attivazione del tirocinio", "attivazione-del-tirocinio"),
    ("incontro domanda offerta", "incontro-domanda-offerta"),
    ("assegno di ricollocazione", "assegno-di-ricollocazione"),
    ("formazione", "avviamento-a-formazione"),
    ("mobilità territoriale", "incentivi-mobilita-territoriale"),
    ("conciliazione dei tempi di lavoro con gli obblighi di cura nei confronti di minori o di soggetti non autosufficienti", "conciliazione-lavoro-cura"),
    ("avviamento a selezione", "avviamento-a-selezione-pa"),
    ("lavori socialmente utili", "lavori-socialmente-utili"),
    ("collocamento mirato", "collocamento-mirato"),
    ("presa in carico integrata per soggetti in condizioni di vulnerabilità", "presa-in-carico-integrata"),
    ("supporto all'autoimpiego", "supporto-autoimpiego"),
];

#[test]
fn every_service_named_in_the_seed_text_has_a_catalogue_entry() {
    let services = catalogue().items;
    let all_seeds: String = seeds().into_iter().map(|(_, t)| norm(&t)).collect();
    for (phrase, id) in NAMED_IN_TEXT {
        let key = norm(phrase);
        assert!(
            all_seeds.contains(&key),
            "{phrase:?} does not occur in the seeds"
        );
        let s = catalogue::find(&services, id).unwrap_or_else(|| panic!("no service {id}"));
        assert!(
            norm(&s.title.it).contains(&key),
            "title of {id} ({:?}) does not name {phrase:?}",
            s.title.it
        );
    }
    // And every service of the catalogue is one of them (nothing invented),
    // apart from the employer-side scheda, checked in the schede test.
    for s in &services {
        assert!(
            NAMED_IN_TEXT.iter().any(|(_, id)| *id == s.id)
                || s.id == "incontro-domanda-offerta-imprese",
            "{} is not traced to a seed",
            s.id
        );
    }
}

#[test]
fn every_seed_bullet_is_transcribed() {
    let services = catalogue().items;
    let mut count = 0;
    for (name, seed) in seeds() {
        for b in bullets(&seed) {
            let (s, cov) = best_service(&services, &b, service_text);
            assert!(
                cov >= 0.85,
                "{name}: bullet {b:?} not transcribed (best: {} at {cov:.2})",
                s.id
            );
            count += 1;
        }
    }
    assert!(
        count >= 100,
        "only {count} bullets found: extraction rule broken?"
    );
}

/// The schede of the DM text: (text of the scheda, SAP codes).
fn schede(seed: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in seed.lines() {
        let t = line.trim();
        if t.starts_with("Riferimenti normativi") {
            out.push((String::new(), Vec::new()));
        }
        let Some(cur) = out.last_mut() else { continue };
        cur.0.push_str(t);
        cur.0.push('\n');
        if let Some(codes) = t.strip_prefix("Codice SAP") {
            cur.1 = codes
                .split_whitespace()
                .filter(|w| {
                    let b = w.as_bytes();
                    b.len() == 3
                        && b[0].is_ascii_uppercase()
                        && b[1].is_ascii_digit()
                        && b[2].is_ascii_digit()
                })
                .map(str::to_string)
                .collect();
        }
    }
    out
}

fn section<'a>(scheda: &'a str, label: &str) -> &'a str {
    let start = scheda
        .find(label)
        .map(|i| i + label.len())
        .unwrap_or(scheda.len());
    let rest = &scheda[start..];
    let end = SCHEDA_LABELS
        .iter()
        .filter(|l| **l != label)
        .filter_map(|l| rest.find(&format!("\n{l}")))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn every_dm_scheda_is_merged_with_its_details() {
    let services = catalogue().items;
    let (_, dm) = seeds()
        .into_iter()
        .find(|(n, _)| n.starts_with("dm-"))
        .expect("DM seed");
    let schede = schede(&dm);
    assert_eq!(schede.len(), 4, "expected 4 schede in the DM seed");
    let activities_of = |s: &Service| {
        s.activities
            .iter()
            .map(|a| a.it.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (scheda, codes) in &schede {
        let acts = section(scheda, "Attività");
        let (s, cov) = best_service(&services, acts, activities_of);
        assert!(
            cov >= 0.9,
            "scheda activities not found in any service (best {} at {cov:.2}):\n{acts}",
            s.id
        );
        for c in codes {
            assert!(
                s.sap_codes.contains(c),
                "{}: SAP code {c} of its scheda missing",
                s.id
            );
        }
        let descr = section(scheda, "Descrizione");
        assert!(
            coverage(descr, &s.description.it) >= 0.85,
            "{}: scheda description not transcribed",
            s.id
        );
        assert!(
            !s.outputs.is_empty() && !s.outcomes.is_empty(),
            "{}: scheda outputs/outcomes missing",
            s.id
        );
        let refs = section(scheda, "Riferimenti normativi");
        assert!(
            coverage(refs, &s.legal_basis.join("\n")) >= 0.85,
            "{}: legal references missing: {refs}",
            s.id
        );
    }
}

#[test]
fn catalogue_feed_is_well_formed() {
    let feed = catalogue();
    assert!(!feed.demo);
    assert_eq!(feed.generated_at, "2026-11-23");
    let services = feed.items;
    let problems = catalogue::check(&services);
    assert!(problems.is_empty(), "{problems:?}");
    let mut ids = HashSet::new();
    for s in &services {
        assert!(catalogue::is_slug(&s.id), "{}", s.id);
        assert!(ids.insert(s.id.clone()), "duplicate id {}", s.id);
        assert!(!s.needs.is_empty(), "{}: no needs", s.id);
        for l in all_localized(s) {
            assert!(!l.it.trim().is_empty(), "{}: empty Italian text", s.id);
            assert!(
                l.en.as_deref().is_some_and(|e| !e.trim().is_empty()),
                "{}: missing English for {:?}",
                s.id,
                l.it
            );
        }
        assert!(!s.legal_basis.is_empty(), "{}: no legal basis", s.id);
    }
    for need in Need::ALL {
        assert!(
            !catalogue::services_for_need(&services, need).is_empty(),
            "no service for need {need:?}"
        );
    }
    let b03: Vec<&Service> = services
        .iter()
        .filter(|s| s.sap_codes.iter().any(|c| c == "B03"))
        .collect();
    assert!(
        b03.iter()
            .any(|s| s.for_employers && s.audiences.contains(&Audience::Employers)),
        "no employer service with SAP B03"
    );
    assert!(!catalogue::filter_by_audience(&services, Audience::Employers).is_empty());
}

#[test]
fn catalogue_search_works_on_the_real_data() {
    let services = catalogue().items;
    let first = |q: &str| {
        catalogue::search(&services, q, "it", &labels)
            .first()
            .map(|s| s.id.clone())
    };
    assert_eq!(
        first("tirocini").as_deref(),
        Some("attivazione-del-tirocinio")
    );
    assert_eq!(
        first("tirocinio").as_deref(),
        Some("attivazione-del-tirocinio")
    );
    assert_eq!(
        first("orientamento specialistico").as_deref(),
        Some("orientamento-specialistico")
    );
    assert_eq!(
        first("collocamento mirato").as_deref(),
        Some("collocamento-mirato")
    );
    assert_eq!(first("autoimpieg").as_deref(), Some("supporto-autoimpiego"));
    assert!(catalogue::search(&services, "attivita", "it", &labels).len() > 1);
    assert_eq!(
        catalogue::search(&services, "", "it", &labels).len(),
        services.len()
    );
    assert_eq!(
        catalogue::search(&services, "traineeship", "en", &labels)
            .first()
            .map(|s| s.id.as_str()),
        Some("attivazione-del-tirocinio")
    );
}

#[test]
fn offices_feed_is_well_formed() {
    let feed = offices_feed();
    assert!(
        feed.demo,
        "offices.json holds demo contacts: it must say demo"
    );
    assert!(feed
        .source
        .as_deref()
        .is_some_and(|s| s.to_lowercase().contains("demo")));
    let offices = feed.items;
    assert!(
        (35..=40).contains(&offices.len()),
        "{} offices",
        offices.len()
    );
    let problems = offices::check(&offices);
    assert!(problems.is_empty(), "{problems:?}");
    for o in &offices {
        assert!(
            !o.hours.is_empty() && o.hours.iter().all(|h| h.is_valid()),
            "{}: hours",
            o.id
        );
        assert!(!offices::format_hours(&o.hours, "it").is_empty());
        assert!(!o.serves.is_empty(), "{}: serves no comune", o.id);
        assert!(
            o.serves_comune(&o.comune.name),
            "{}: does not serve its own comune",
            o.id
        );
        assert!(
            o.email.as_deref().is_none_or(|e| e.ends_with(".invalid")),
            "{}: real-looking e-mail",
            o.id
        );
        assert_eq!(o.cap.len(), 5, "{}: CAP", o.id);
    }
    let find = |c: &str| offices::find_office_for_comune(&offices, c).map(|o| o.id.clone());
    assert_eq!(find("Bologna").as_deref(), Some("cpi-bologna"));
    assert_eq!(find("bologna").as_deref(), Some("cpi-bologna"));
    assert_eq!(find("Forli").as_deref(), Some("cpi-forli"));
    assert_eq!(find("Reggio Emilia").as_deref(), Some("cpi-reggio-emilia"));
    assert_eq!(
        find("Castelnovo ne' Monti").as_deref(),
        Some("cpi-castelnovo-ne-monti")
    );
    assert_eq!(find("Minerbio").as_deref(), Some("cpi-minerbio"));
    assert_eq!(find("Milano"), None);
}

/// When the comuni feed is there, every comune of Emilia-Romagna in it is
/// served by exactly one office (matched by ISTAT code).
#[test]
fn every_emilia_romagna_comune_has_an_office() {
    let path = root().join("public/data/comuni.json");
    let Ok(text) = fs::read_to_string(&path) else {
        println!("note: {} not found; skipped", path.display());
        return;
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
        println!("note: {} is not JSON; skipped", path.display());
        return;
    };
    let offices = offices_feed().items;
    let items = value
        .get("items")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let mut n = 0;
    for c in &items {
        if c.get("r").and_then(|r| r.as_str()) != Some("Emilia-Romagna") {
            continue;
        }
        let Some(istat) = c.get("i").and_then(|i| i.as_str()) else {
            continue;
        };
        let name = c.get("n").and_then(|v| v.as_str()).unwrap_or("?");
        let serving: Vec<&str> = offices
            .iter()
            .filter(|o| o.serves.iter().any(|s| s.istat.as_deref() == Some(istat)))
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(serving.len(), 1, "{name} ({istat}) served by {serving:?}");
        assert!(
            offices::find_office_for_comune(&offices, name).is_some(),
            "{name} not found by name"
        );
        n += 1;
    }
    if items.is_empty() {
        println!("note: comuni feed has no items; skipped");
    } else {
        assert!(n >= 300, "only {n} comuni of Emilia-Romagna in comuni.json");
    }
}
