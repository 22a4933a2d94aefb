//! The publisher's tool end to end (issue 18): the demo region's ClicLavoro
//! XML and JobPosting files (`tests/fixtures/publisher/`) go through
//! `publish` into a feed, a prebuilt index, shards and a report; the index
//! finds every offer on its comune and within a radius, no facet is blank,
//! salaries keep their period, and each bad record is in the report.

#![cfg(not(target_arch = "wasm32"))]

use sportello_lavoro::domain::comuni::ComuniIndex;
use sportello_lavoro::domain::offer_shards::shard_path;
use sportello_lavoro::domain::search::{prebuilt, Query, SearchIndex};
use sportello_lavoro::domain::vacancy::{
    iso_to_days, parse_vacancy_feed, ContractType, PayPeriod, Vacancy, WorkingTime,
};
use sportello_lavoro::publisher::{publish, Options, Published};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

struct Run {
    out: PathBuf,
    published: Published,
    offers: Vec<Vacancy>,
    index: SearchIndex,
}

fn run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("publisher-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let published = publish(&demo_options(&out)).expect("published");
        let feed = std::fs::read_to_string(out.join("vacancies.json")).expect("feed written");
        let (offers, report) = parse_vacancy_feed(&feed).expect("the app reads the feed");
        assert_eq!(
            report.skipped, 0,
            "the app keeps every offer the tool wrote"
        );
        let slix = std::fs::read(out.join("vacancies.slix")).expect("index written");
        let (meta, index) = prebuilt::decode(&slix).expect("the app reads the index");
        assert_eq!(meta.accepted, offers.len());
        for k in 0..meta.offer_shards {
            assert!(
                out.join(shard_path(&meta.feed_hash, k)).is_file(),
                "shard {k}"
            );
        }
        Run {
            out,
            published,
            offers,
            index,
        }
    })
}

fn demo_options(out: &Path) -> Options {
    Options {
        inputs: vec![Path::new(ROOT).join("tests/fixtures/publisher")],
        out_dir: out.to_path_buf(),
        comuni: Path::new(ROOT).join("public/data/comuni.json"),
        cp_list: Some(Path::new(ROOT).join("public/data/ref/cp2021.json")),
        source: Some("Dati dimostrativi".into()),
        demo: true,
        generated_at: "2026-12-01".into(),
        allow_empty: false,
    }
}

fn today() -> i32 {
    iso_to_days("2026-12-01").unwrap_or_default()
}

fn ids(index: &SearchIndex, q: &Query) -> Vec<String> {
    let r = index.search(q, today());
    let mut v: Vec<String> = r
        .hits
        .iter()
        .filter_map(|&d| index.doc(d).map(|s| s.id.to_string()))
        .collect();
    v.sort();
    v
}

fn offer(id: &str) -> &'static Vacancy {
    run().offers.iter().find(|v| v.id == id).expect(id)
}

#[test]
fn every_good_record_of_every_format_is_published() {
    let mut got: Vec<&str> = run().offers.iter().map(|v| v.id.as_str()).collect();
    got.sort();
    assert_eq!(
        got,
        [
            "CL-FC-0007",
            "CL-IMOLA-0001",
            "CL-MO-0002",
            "CL-RA-0001",
            "JP-IMOLA-01",
            "JP-MO-03",
            "JP-RA-02",
            "JP-RE-08",
            "JP-RN-07",
            "JP-XX-04",
            "JP-XX-05",
        ]
    );
    assert_eq!(run().published.offers, 11);
}

#[test]
fn every_place_is_a_comune_or_says_it_is_not_known() {
    let imola = [offer("CL-IMOLA-0001"), offer("JP-IMOLA-01")];
    for v in imola {
        assert_eq!(v.workplace.istat.as_deref(), Some("037032"), "{}", v.id);
        assert_eq!(v.workplace.province, "BO");
    }
    // A plain-string address, a province name, a region name, a short form.
    assert_eq!(offer("JP-RA-02").workplace.name, "Ravenna");
    assert_eq!(offer("JP-MO-03").workplace.province, "MO");
    assert_eq!(offer("JP-RE-08").workplace.name, "Reggio nell'Emilia");
    for id in ["JP-XX-04", "JP-XX-05"] {
        let v = offer(id);
        assert!(
            v.workplace.name.is_empty() && v.workplace.province.is_empty(),
            "{id}"
        );
    }
    let comuni = ComuniIndex::from_json(
        &std::fs::read_to_string(Path::new(ROOT).join("public/data/comuni.json")).expect("comuni"),
    )
    .expect("comuni feed");
    for v in &run().offers {
        if let Some(code) = &v.workplace.istat {
            let c = comuni.by_istat(code).expect("a current comune");
            assert_eq!(
                (&c.name, &c.province),
                (&v.workplace.name, &v.workplace.province)
            );
            assert!(
                v.lat.is_some(),
                "{}: coordinates for the radius search",
                v.id
            );
        }
    }
}

#[test]
fn the_index_finds_offers_on_their_comune_and_within_a_radius() {
    let index = &run().index;
    let on_imola = Query {
        comune: Some("037032".into()),
        ..Query::default()
    };
    assert_eq!(ids(index, &on_imola), ["CL-IMOLA-0001", "JP-IMOLA-01"]);
    // From Castel San Pietro Terme, 10 km away, no offer of its own.
    let castel = (44.3976f32, 11.5889f32);
    let near = Query {
        origin: Some(castel),
        radius_km: Some(20),
        ..Query::default()
    };
    assert_eq!(ids(index, &near), ["CL-IMOLA-0001", "JP-IMOLA-01"]);
    let wide = Query {
        origin: Some(castel),
        radius_km: Some(50),
        ..Query::default()
    };
    let found = ids(index, &wide);
    assert!(
        found.contains(&"JP-RA-02".to_string()),
        "Ravenna within 50 km: {found:?}"
    );
    assert!(
        !found.iter().any(|id| id.starts_with("JP-XX")),
        "no place, no distance"
    );
}

#[test]
fn no_facet_value_is_blank() {
    let r = run().index.search(&Query::default(), today());
    for (p, n) in &r.facets.provinces {
        assert!(!p.trim().is_empty(), "a blank province with {n} offers");
    }
    let provinces: Vec<&str> = r.facets.provinces.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(provinces, ["BO", "FC", "MO", "ND", "RA", "RE", "RN"]);
    let unknown = r.facets.provinces.iter().find(|(p, _)| p == "ND");
    assert_eq!(unknown.map(|(_, n)| *n), Some(2), "the two without a place");
}

#[test]
fn salaries_keep_their_period_and_working_time_is_not_a_contract() {
    let monthly = offer("JP-IMOLA-01").salary.as_ref().expect("a salary");
    assert_eq!(
        (monthly.min, monthly.max, monthly.period),
        (1500.0, 1800.0, PayPeriod::Month)
    );
    let hourly = offer("JP-MO-03").salary.as_ref().expect("a salary");
    assert_eq!(
        (hourly.min, hourly.max, hourly.period),
        (9.5, 11.0, PayPeriod::Hour)
    );
    assert_eq!(
        offer("JP-RN-07").salary.as_ref().map(|s| s.period),
        Some(PayPeriod::Day)
    );
    assert_eq!(
        offer("CL-IMOLA-0001")
            .salary
            .as_ref()
            .map(|s| (s.min, s.period)),
        Some((24000.0, PayPeriod::Year))
    );
    // FULL_TIME alone: a working time, the contract not stated.
    let ra = offer("JP-RA-02");
    assert_eq!(
        (ra.contract, ra.working_time),
        (ContractType::NonIndicato, WorkingTime::FullTime)
    );
    let imola = offer("JP-IMOLA-01");
    assert_eq!(
        (imola.contract, imola.working_time),
        (ContractType::TempoDeterminato, WorkingTime::FullTime)
    );
    // ISCO 5223 → CP grande gruppo 5; a ClicLavoro CP code labelled from the list.
    assert_eq!(
        imola.profession.as_ref().map(|p| p.code.as_str()),
        Some("5")
    );
    assert!(offer("CL-IMOLA-0001")
        .profession
        .as_ref()
        .is_some_and(|p| !p.label.is_empty()));
}

#[test]
fn the_report_names_each_bad_record_with_its_reason() {
    let report = std::fs::read_to_string(run().out.join("vacancies-report.txt")).expect("report");
    for line in [
        "SCARTATO record 3: manca il campo \"descrizionericerca\"",
        "SCARTATO record 4: codice catastale del comune non valido (\"12AB\")",
        "SCARTATO record 5: codice sconosciuto per tipologia di contratto (idtipologiacontratto) (\"Z99\")",
        "SCARTATO record 6: codice del comune sconosciuto (\"A000\")",
        "SCARTATO record 6: manca il titolo",
        "SENZA LUOGO record 4: luogo ambiguo (\"Castro\"): 2 comuni con questo nome",
        "SENZA LUOGO record 5: luogo non riconosciuto (\"Zona industriale nord\")",
    ] {
        assert!(report.contains(line), "{line}\n---\n{report}");
    }
    assert!(
        report.contains("non-valido.xml (ClicLavoro/SIU Vacancy XML): 0 offerte lette, 1 scartate")
    );
    assert!(report.contains("il file non è XML valido"));
    let skipped: usize = run().published.files.iter().map(|f| f.report.skipped).sum();
    assert_eq!(skipped, 6);
}

#[test]
fn publishing_again_rewrites_nothing_and_a_second_copy_is_a_duplicate() {
    let out = run().out.clone();
    let mtime = |p: &str| {
        std::fs::metadata(out.join(p))
            .and_then(|m| m.modified())
            .expect("mtime")
    };
    let before = (mtime("vacancies.json"), mtime("vacancies.slix"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let same = publish(&demo_options(&out)).expect("published again");
    assert_eq!(same.offers, run().published.offers);
    assert_eq!(
        (mtime("vacancies.json"), mtime("vacancies.slix")),
        before,
        "the same content is not written again (a server's caches keep their ETag)"
    );
    let opts = Options {
        inputs: vec![
            Path::new(ROOT).join("tests/fixtures/publisher/jobposting/offerte-jobposting.json"),
            Path::new(ROOT).join("tests/fixtures/publisher/jobposting/offerte-jobposting.json"),
        ],
        out_dir: out.join("again"),
        comuni: Path::new(ROOT).join("public/data/comuni.json"),
        cp_list: None,
        source: None,
        demo: true,
        generated_at: "2026-12-01".into(),
        allow_empty: false,
    };
    let again = publish(&opts).expect("published");
    assert_eq!(again.offers, 6);
    assert_eq!(
        again.files[1].report.skipped, 7,
        "six repeated ids and the bad record"
    );

    // Only broken input: the report is written, the published feed kept.
    let broken = Options {
        inputs: vec![Path::new(ROOT).join("tests/fixtures/publisher/cliclavoro/non-valido.xml")],
        ..opts.clone()
    };
    let feed_before = std::fs::read(out.join("again/vacancies.json")).expect("feed");
    let err = publish(&broken).expect_err("nothing to publish");
    assert!(err.contains("nessuna offerta valida"), "{err}");
    assert_eq!(
        std::fs::read(out.join("again/vacancies.json")).expect("feed"),
        feed_before
    );
    let report = std::fs::read_to_string(out.join("again/vacancies-report.txt")).expect("report");
    assert!(
        report.contains("il file non è XML valido: riga 6"),
        "{report}"
    );
}
