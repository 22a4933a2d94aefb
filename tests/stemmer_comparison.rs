//! The light Italian stemmer of `domain::text` against the Snowball Italian
//! stemmer of `rust-stemmers`, on the words and queries of the app's tests
//! and on the demo feeds. Method and decision: `docs/stemming.md`.
//!
//! Figures (printed, not asserted):
//!
//! ```text
//! cargo test --release --locked --test stemmer_comparison -- --ignored --nocapture
//! ```
//!
//! `--release` measures the speed with the optimisation the app ships with
//! (`opt-level = "z"`); without it the figures are of unoptimised code.
//!
//! Both stemmers see what the index gives a stemmer: a folded word
//! (lowercase, no accents, `text::fold`) that is not a stopword.

use rust_stemmers::{Algorithm, Stemmer};
use sportello_lavoro::domain::text;
use std::collections::HashSet;
use std::time::Instant;

/// Inflections that must meet: singular/plural, masculine/feminine of the
/// job titles and service words people type (from `domain::text`'s tests,
/// `tests/vacancy_search.rs`, `tests/catalogue_seeds.rs` and the feeds).
const SAME: &[&[&str]] = &[
    &["infermiere", "infermieri", "infermiera"],
    &["magazziniere", "magazzinieri", "magazziniera"],
    &["operaio", "operai", "operaia", "operaie"],
    &["addetto", "addetta", "addetti", "addette"],
    &["tecnico", "tecnici", "tecnica", "tecniche"],
    &["operatore", "operatori", "operatrice", "operatrici"],
    &["cameriere", "camerieri", "cameriera"],
    &["commesso", "commessa", "commessi", "commesse"],
    &["impiegato", "impiegata", "impiegati", "impiegate"],
    &["cuoco", "cuochi", "cuoca", "cuoche"],
    &["barista", "baristi", "bariste"],
    &["autista", "autisti"],
    &["elettricista", "elettricisti"],
    &["mulettista", "mulettisti"],
    &["saldatore", "saldatori", "saldatrice"],
    &["educatore", "educatori", "educatrice", "educatrici"],
    &["programmatore", "programmatori", "programmatrice"],
    &["sviluppatore", "sviluppatori", "sviluppatrice"],
    &["muratore", "muratori"],
    &["ingegnere", "ingegneri"],
    &["insegnante", "insegnanti"],
    &["badante", "badanti"],
    &["contabile", "contabili"],
    &["tirocinio", "tirocini"],
    &["formazione", "formazioni"],
    &["farmacia", "farmacie"],
    &["pulizia", "pulizie"],
    &["turno", "turni"],
    &["servizio", "servizi"],
    &["orientamento", "orientamenti"],
    &["azienda", "aziende"],
    &["offerta", "offerte"],
    &["domanda", "domande"],
    &["lavoro", "lavori"],
    &["disoccupato", "disoccupata", "disoccupati"],
    &["montaggio", "montaggi"],
    &["cassa", "casse"],
];

/// Pairs that must stay apart: a job and its activity or workplace (a person
/// looking for work as `formatore` is not after every offer that mentions
/// `formazione`), and unrelated words one ending apart.
const APART: &[(&str, &str)] = &[
    ("magazziniere", "magazzino"),
    ("operatore", "operazione"),
    ("operaio", "operatore"),
    ("formatore", "formazione"),
    ("educatore", "educazione"),
    ("programmatore", "programmazione"),
    ("amministratore", "amministrazione"),
    ("saldatore", "saldatura"),
    ("autista", "auto"),
    ("cuoco", "cuoio"),
    ("banco", "banca"),
    ("posto", "posta"),
    ("pasta", "pasto"),
    ("casa", "caso"),
    ("porta", "porto"),
    ("moda", "modo"),
    ("tirocinio", "tiro"),
    ("commessa", "commercio"),
    ("infermiere", "infermeria"),
    ("assistente", "assistenza"),
];

/// Stems that `domain::text`'s own tests assert (word, expected stem): a
/// stemmer that replaced the light one would have to keep them.
const ASSERTED: &[(&str, &str)] = &[
    ("magazziniere", "magazzinier"),
    ("bar", "bar"),
    ("via", "via"),
    ("asia", "asi"),
    ("cuoco", "cuoc"),
    ("aia", "aia"),
    ("addetta", "addett"),
    ("cassa", "cass"),
    ("supermercato", "supermercat"),
    ("tirocinio", "tirocin"),
    ("azienda", "aziend"),
    ("bologna", "bologn"),
];

/// Retrieval queries (the words of the search and catalogue tests) with the
/// folded word forms that make a document relevant: a document is relevant
/// when one of its words is one of these forms, whatever either stemmer does.
const QUERIES: &[(&str, &[&str])] = &[
    (
        "magazziniere",
        &["magazziniere", "magazzinieri", "magazziniera"],
    ),
    ("operaio", &["operaio", "operai", "operaia", "operaie"]),
    ("operai", &["operaio", "operai", "operaia", "operaie"]),
    ("infermieri", &["infermiere", "infermieri", "infermiera"]),
    ("infermiera", &["infermiere", "infermieri", "infermiera"]),
    ("cuoco", &["cuoco", "cuochi", "cuoca", "cuoche"]),
    ("barista", &["barista", "baristi", "bariste"]),
    (
        "commessa",
        &["commesso", "commessa", "commessi", "commesse"],
    ),
    ("cameriera", &["cameriere", "camerieri", "cameriera"]),
    ("addetta", &["addetto", "addetta", "addetti", "addette"]),
    (
        "operatrice",
        &["operatore", "operatori", "operatrice", "operatrici"],
    ),
    ("tecnici", &["tecnico", "tecnici", "tecnica", "tecniche"]),
    (
        "impiegata",
        &["impiegato", "impiegata", "impiegati", "impiegate"],
    ),
    ("saldatori", &["saldatore", "saldatori", "saldatrice"]),
    (
        "educatrice",
        &["educatore", "educatori", "educatrice", "educatrici"],
    ),
    ("autisti", &["autista", "autisti"]),
    ("elettricista", &["elettricista", "elettricisti"]),
    ("pulizie", &["pulizia", "pulizie"]),
    ("montaggio", &["montaggio", "montaggi"]),
    ("turni", &["turno", "turni"]),
    ("cassa", &["cassa", "casse"]),
    ("caffe", &["caffe"]),
    ("software", &["software"]),
    ("tortellini", &["tortellini", "tortellino"]),
    ("tirocini", &["tirocinio", "tirocini"]),
    ("tirocinio", &["tirocinio", "tirocini"]),
    ("formazione", &["formazione", "formazioni"]),
    ("orientamento", &["orientamento", "orientamenti"]),
    ("profilazione", &["profilazione"]),
    ("attivita", &["attivita"]),
    ("servizi", &["servizio", "servizi"]),
    ("autoimpiego", &["autoimpiego"]),
    ("mobilita", &["mobilita"]),
    ("collocamento", &["collocamento", "collocamenti"]),
    ("selezione", &["selezione", "selezioni"]),
];

type StemFn<'a> = &'a dyn Fn(&str) -> String;

fn feed_texts(file: &str, fields: &[&str]) -> Vec<String> {
    let path = format!("{}/public/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: serde_json::Value = serde_json::from_str(&body).expect("feed JSON");
    let items = json["items"].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .map(|item| {
            let mut out = String::new();
            for field in fields {
                let mut value = item;
                for key in field.split('.') {
                    value = &value[key];
                }
                if let Some(s) = value.as_str() {
                    out.push_str(s);
                    out.push(' ');
                }
            }
            out
        })
        .collect()
}

/// The documents of the demo feeds as sets of folded non-stopword words.
fn documents() -> Vec<Vec<String>> {
    let mut texts = feed_texts(
        "vacancies.json",
        &["title", "description", "profession.label", "sector.label"],
    );
    texts.extend(feed_texts(
        "catalogue.json",
        &["title.it", "summary.it", "description.it"],
    ));
    texts
        .iter()
        .map(|t| {
            let mut words: Vec<String> = text::tokens(t)
                .into_iter()
                .filter(|w| !text::is_stopword(w))
                .collect();
            words.sort();
            words.dedup();
            words
        })
        .collect()
}

struct Figures {
    same_pairs: (usize, usize),
    apart_pairs: (usize, usize),
    /// Micro-averaged over the queries: (true positives, retrieved, relevant).
    retrieval: (usize, usize, usize),
    per_query: Vec<(String, usize, usize, usize)>,
    ns_per_word: f64,
}

fn measure(stem: StemFn, docs: &[Vec<String>]) -> Figures {
    let mut same_pairs = (0, 0);
    for group in SAME {
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                same_pairs.1 += 1;
                if stem(a) == stem(b) {
                    same_pairs.0 += 1;
                }
            }
        }
    }
    let mut apart_pairs = (0, APART.len());
    for (a, b) in APART {
        if stem(a) != stem(b) {
            apart_pairs.0 += 1;
        }
    }

    // The stems of each document, as the index would store them.
    let stemmed: Vec<HashSet<String>> = docs
        .iter()
        .map(|d| d.iter().map(|w| stem(w)).collect())
        .collect();
    let mut retrieval = (0, 0, 0);
    let mut per_query = Vec::new();
    for (query, forms) in QUERIES {
        let q = stem(query);
        let (mut hit, mut retrieved, mut relevant) = (0, 0, 0);
        for (words, stems) in docs.iter().zip(&stemmed) {
            let is_relevant = forms
                .iter()
                .any(|f| words.binary_search(&f.to_string()).is_ok());
            let is_retrieved = stems.contains(&q);
            relevant += is_relevant as usize;
            retrieved += is_retrieved as usize;
            hit += (is_relevant && is_retrieved) as usize;
        }
        retrieval.0 += hit;
        retrieval.1 += retrieved;
        retrieval.2 += relevant;
        per_query.push((query.to_string(), hit, retrieved, relevant));
    }

    // Speed: every word occurrence of the feeds, best of five rounds.
    let words: Vec<&str> = docs.iter().flatten().map(String::as_str).collect();
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        let mut bytes = 0usize;
        for w in &words {
            bytes += std::hint::black_box(stem(w)).len();
        }
        std::hint::black_box(bytes);
        best = best.min(start.elapsed().as_nanos() as f64 / words.len().max(1) as f64);
    }
    Figures {
        same_pairs,
        apart_pairs,
        retrieval,
        per_query,
        ns_per_word: best,
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
#[ignore = "prints the comparison of docs/stemming.md; run with --ignored --nocapture"]
fn light_stemmer_against_snowball() {
    let docs = documents();
    let snowball = Stemmer::create(Algorithm::Italian);
    let light = |w: &str| text::stem(w);
    let snow = |w: &str| snowball.stem(w).into_owned();
    let results = [
        ("light (domain::text)", measure(&light, &docs)),
        ("snowball (rust-stemmers)", measure(&snow, &docs)),
    ];
    println!(
        "{} documents ({} words)",
        docs.len(),
        docs.iter().map(Vec::len).sum::<usize>()
    );
    println!(
        "{:<26} {:>12} {:>12} {:>10} {:>10} {:>10} {:>9}",
        "stemmer", "merged", "kept apart", "precision", "recall", "F1", "ns/word"
    );
    for (name, f) in &results {
        let precision = ratio(f.retrieval.0, f.retrieval.1);
        let recall = ratio(f.retrieval.0, f.retrieval.2);
        println!(
            "{:<26} {:>5}/{:<6} {:>5}/{:<6} {:>10.3} {:>10.3} {:>10.3} {:>9.1}",
            name,
            f.same_pairs.0,
            f.same_pairs.1,
            f.apart_pairs.0,
            f.apart_pairs.1,
            precision,
            recall,
            2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE),
            f.ns_per_word
        );
    }
    let kept = |stem: StemFn| ASSERTED.iter().filter(|(w, want)| stem(w) == *want).count();
    println!(
        "stems asserted by domain::text tests kept: light {}/{n}, snowball {}/{n} (snowball: {})",
        kept(&light),
        kept(&snow),
        ASSERTED
            .iter()
            .filter(|(w, want)| snow(w) != *want)
            .map(|(w, want)| format!("{w}→{} not {want}", snow(w)))
            .collect::<Vec<_>>()
            .join(", "),
        n = ASSERTED.len()
    );
    println!("\nper query: hits/retrieved/relevant (light | snowball)");
    for (i, (query, ..)) in QUERIES.iter().enumerate() {
        let l = &results[0].1.per_query[i];
        let s = &results[1].1.per_query[i];
        let mark = if (l.1, l.2) != (s.1, s.2) { " *" } else { "" };
        println!(
            "  {query:<14} {:>4}/{:<4}/{:<4} | {:>4}/{:<4}/{:<4}{mark}",
            l.1, l.2, l.3, s.1, s.2, s.3
        );
    }
    println!("\nmerges missed / pairs conflated (light | snowball)");
    for group in SAME {
        let l: HashSet<String> = group.iter().map(|w| light(w)).collect();
        let s: HashSet<String> = group.iter().map(|w| snow(w)).collect();
        if l.len() > 1 || s.len() > 1 {
            println!("  {:?}: {:?} | {:?}", group, l, s);
        }
    }
    for (a, b) in APART {
        let (la, lb, sa, sb) = (light(a), light(b), snow(a), snow(b));
        if la == lb || sa == sb {
            println!("  {a}/{b}: {la}/{lb} | {sa}/{sb}");
        }
    }
}

/// The relevance lists are well formed: every query's own form is relevant
/// to it, and every listed form is a folded word.
#[test]
fn relevance_lists_are_well_formed() {
    for (query, forms) in QUERIES {
        assert!(forms.contains(query), "{query}");
        for f in *forms {
            assert_eq!(text::fold(f), *f);
        }
    }
    for group in SAME {
        for w in *group {
            assert_eq!(text::fold(w), *w);
        }
    }
}
