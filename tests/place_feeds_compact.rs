//! The compact columnar place feeds (`belfiore.cols.txt`, `comuni.cols.txt`)
//! against their JSON forms: the same envelope and every item equal, the
//! generator's bytes equal to the Rust writer's, the indexes built row by row
//! equal to those built at once; random items round-trip; mutated and
//! arbitrary bytes never panic (the files are outside input).

use sportello_lavoro::domain::columns::RowReader;
use sportello_lavoro::domain::comuni::{
    decode_belfiore, decode_belfiore_compact, decode_comuni, decode_comuni_compact,
    encode_belfiore_compact, encode_comuni_compact, BelfioreIndex, BelfioreIndexBuilder,
    BelfioreItem, BelfioreRows, Comune, ComuniIndex, ComuniIndexBuilder, ComuniRows,
};
use sportello_lavoro::domain::date::Date;
use sportello_lavoro::domain::did::{Birthplaces, BirthplacesBuilder};
use sportello_lavoro::domain::feed::{Feed, FeedError, FeedKind};

fn data(name: &str) -> String {
    let path = format!("{}/public/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[test]
fn belfiore_compact_holds_every_item_of_the_json() {
    let json = decode_belfiore(&data("belfiore.json")).expect("belfiore.json");
    let compact = decode_belfiore_compact(&data("belfiore.cols.txt")).expect("belfiore.cols.txt");
    assert!(json.items.len() > 15_000);
    assert_eq!(compact.meta(), json.meta(), "same envelope");
    assert_eq!(compact.items.len(), json.items.len());
    for (i, (c, j)) in compact.items.iter().zip(&json.items).enumerate() {
        assert_eq!(c, j, "item {i}");
    }
    assert_eq!(compact, json);
}

#[test]
fn comuni_compact_holds_every_item_of_the_json() {
    let json = decode_comuni(&data("comuni.json")).expect("comuni.json");
    let compact = decode_comuni_compact(&data("comuni.cols.txt")).expect("comuni.cols.txt");
    assert!(json.items.len() > 7_800);
    assert_eq!(compact.meta(), json.meta(), "same envelope");
    for (i, (c, j)) in compact.items.iter().zip(&json.items).enumerate() {
        // f64 compared exactly: the decimals decode to the same numbers.
        assert_eq!(c, j, "item {i}");
    }
    assert_eq!(compact, json);
}

/// The generator (Python) and the Rust writer make the same bytes, so the
/// committed files are current with the JSON and the format has one meaning.
#[test]
fn generator_and_rust_writer_agree_byte_for_byte() {
    let b = decode_belfiore(&data("belfiore.json")).unwrap();
    assert!(
        encode_belfiore_compact(&b).unwrap() == data("belfiore.cols.txt"),
        "belfiore.cols.txt is stale: run python3 tools/data/gen_comuni.py --columns-only"
    );
    let c = decode_comuni(&data("comuni.json")).unwrap();
    assert!(
        encode_comuni_compact(&c).unwrap() == data("comuni.cols.txt"),
        "comuni.cols.txt is stale: run python3 tools/data/gen_comuni.py --columns-only"
    );
}

#[test]
fn indexes_built_row_by_row_equal_those_built_at_once() {
    let text = data("belfiore.cols.txt");
    let mut rows = BelfioreRows::open(&text).unwrap();
    let mut b = BelfioreIndexBuilder::with_capacity(rows.rows());
    let mut places = BirthplacesBuilder::with_capacity(rows.rows());
    while let Some(item) = rows.next_item().unwrap() {
        places.push(item.clone());
        b.push(item);
    }
    let at_once = BelfioreIndex::from_json(&data("belfiore.json")).unwrap();
    assert_eq!(b.finish(), at_once);
    let places: Birthplaces = places.finish();
    assert_eq!(places.belfiore.as_ref(), &at_once);
    assert_eq!(places.births.len(), at_once.len());
    let bologna = places.births.suggest("bologna", false, None, 3);
    assert_eq!(bologna[0].code, "A944");

    let text = data("comuni.cols.txt");
    let mut rows = ComuniRows::open(&text).unwrap();
    let mut b = ComuniIndexBuilder::with_capacity(rows.rows());
    while let Some(c) = rows.next_item().unwrap() {
        b.push(c);
    }
    let sliced = b.finish();
    let at_once = ComuniIndex::from_json(&data("comuni.json")).unwrap();
    assert_eq!(sliced.all(), at_once.all());
    for q in ["bolo", "san", "reggio", "bozen", "a", "sant'agata"] {
        let names = |i: &ComuniIndex| -> Vec<String> {
            i.suggest(q, 20).iter().map(|c| c.istat.clone()).collect()
        };
        assert_eq!(names(&sliced), names(&at_once), "{q}");
    }
    assert_eq!(sliced.by_belfiore("A944").unwrap().name, "Bologna");
    assert_eq!(sliced.by_name("samone").len(), 2);
}

#[test]
fn unsorted_comuni_are_sorted_by_the_builder() {
    let all = decode_comuni(&data("comuni.json")).unwrap().items;
    let mut b = ComuniIndexBuilder::default();
    for c in all.iter().rev().take(50).cloned() {
        b.push(c);
    }
    let idx = b.finish();
    let istat: Vec<&str> = idx.all().iter().map(|c| c.istat.as_str()).collect();
    let mut sorted = istat.clone();
    sorted.sort();
    assert_eq!(istat, sorted);
    let last = all.last().unwrap();
    assert_eq!(idx.by_istat(&last.istat), Some(last));
}

#[test]
fn a_newer_schema_or_another_feed_is_its_own_error() {
    let text = data("comuni.cols.txt");
    let v2 = text.replacen("\"schema_version\":1", "\"schema_version\":2", 1);
    let e = decode_comuni_compact(&v2).unwrap_err();
    assert_eq!(
        e,
        FeedError::UnsupportedVersion {
            feed: FeedKind::Comuni,
            found: 2
        }
    );
    assert!(e.to_string().contains("versione 2"), "{e}");
    assert!(matches!(
        decode_belfiore_compact(&text),
        Err(FeedError::WrongFeed { .. })
    ));
    // The JSON file where the compact one is expected: a clear error.
    let e = decode_comuni_compact(&data("comuni.json")).unwrap_err();
    assert!(matches!(e, FeedError::Malformed { .. }), "{e:?}");
    assert!(e.to_string().starts_with("I dati"), "{e}");
}

// ---------------------------------------------------------- random items --

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn text(&mut self, max: u64) -> String {
        const PIECES: &[&str] = &[
            "a", "Z", "9", " ", "'", "à", "ü", "Ś", "-", "/", "+", "~", "\"", "\\", "{", "é", "0",
            "日",
        ];
        let n = 1 + self.below(max);
        (0..n)
            .map(|_| PIECES[self.below(PIECES.len() as u64) as usize])
            .collect()
    }
    fn date(&mut self) -> Option<Date> {
        if self.below(4) == 0 {
            return None;
        }
        Date::from_days(self.below(900_000) as i64 - 719_162)
    }
    fn coord(&mut self) -> Option<f64> {
        (self.below(5) != 0).then(|| (self.below(3_600_001) as i64 - 1_800_000) as f64 / 10_000.0)
    }
}

fn random_belfiore(r: &mut XorShift) -> Feed<BelfioreItem> {
    let n = r.below(60) as usize;
    let mut code = String::from("A001");
    let items = (0..n)
        .map(|_| {
            code = match r.below(4) {
                0 => code.clone(),
                1 => r.text(5),
                _ => sportello_lavoro::domain::columns::step_key(&code, 1 + r.below(30))
                    .unwrap_or_else(|| "B001".into()),
            };
            if code.starts_with('+') {
                code.insert(0, 'Q');
            }
            BelfioreItem {
                code: code.clone(),
                name: r.text(12),
                province: (r.below(3) != 0).then(|| r.text(3)),
                valid_from: r.date(),
                valid_to: r.date(),
                foreign: r.below(5) == 0,
            }
        })
        .collect();
    Feed {
        schema_version: 1,
        feed: "belfiore".into(),
        generated_at: r.text(10),
        demo: r.below(2) == 0,
        source: (r.below(2) == 0).then(|| r.text(20)),
        items,
    }
}

fn random_comuni(r: &mut XorShift) -> Feed<Comune> {
    let n = r.below(40) as usize;
    let items = (0..n)
        .map(|k| Comune {
            istat: format!("{:06}", k as u64 * (1 + r.below(3))),
            name: r.text(15),
            alt_name: (r.below(4) == 0).then(|| r.text(8)),
            province: if r.below(2) == 0 {
                "BO".into()
            } else {
                r.text(2)
            },
            region: r.text(6),
            belfiore: r.text(4),
            cap: (0..r.below(4))
                .map(|_| format!("{:05}", r.below(100_000)))
                .collect(),
            lat: r.coord(),
            lon: r.coord(),
        })
        .collect();
    Feed {
        schema_version: 1,
        feed: "comuni".into(),
        generated_at: "2026-11-23".into(),
        demo: false,
        source: None,
        items,
    }
}

#[test]
fn random_items_round_trip() {
    let mut r = XorShift(0x5EED_1234_ABCD_0001);
    for _ in 0..2_000 {
        let b = random_belfiore(&mut r);
        let text = encode_belfiore_compact(&b).expect("writable");
        assert_eq!(decode_belfiore_compact(&text).unwrap(), b, "{text}");
        let c = random_comuni(&mut r);
        let text = encode_comuni_compact(&c).expect("writable");
        assert_eq!(decode_comuni_compact(&text).unwrap(), c, "{text}");
    }
}

// ------------------------------------------------------------- no panic --

/// The first `rows` rows of a real file, as a valid file.
fn head(text: &str, rows: usize) -> String {
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let v: serde_json::Value = serde_json::from_str(header).unwrap();
    let total = v["rows"].as_u64().unwrap();
    let mut out = header.replacen(&format!("\"rows\":{total}"), &format!("\"rows\":{rows}"), 1);
    out.push('\n');
    for line in lines {
        let cut: Vec<&str> = line.split('\t').take(rows).collect();
        out.push_str(&cut.join("\t"));
        out.push('\n');
    }
    out
}

fn mutate(r: &mut XorShift, base: &str) -> Vec<u8> {
    const ATOMS: &[&[u8]] = &[
        b"\t",
        b"\n",
        b"+",
        b"-",
        b"+999999999999999999999",
        b"-9223372036854775808",
        b"1",
        b"",
        b"\"rows\":99999999999",
        b"\xff",
        b"\xc3",
        b" ",
        b"  ",
        b"ND",
        b"{",
        b"}",
        b"\"columns\":[]",
    ];
    let mut b = base.as_bytes().to_vec();
    for _ in 0..1 + r.below(5) {
        let pos = r.below(b.len() as u64 + 1) as usize;
        match r.below(5) {
            0 if pos < b.len() => {
                b.remove(pos);
            }
            1 => {
                let atom = ATOMS[r.below(ATOMS.len() as u64) as usize];
                b.splice(pos..pos, atom.iter().copied());
            }
            2 if pos < b.len() => b[pos] = r.below(256) as u8,
            3 => b.truncate(pos),
            _ => {
                let end = (pos + 1 + r.below(30) as usize).min(b.len());
                if pos < end {
                    b.drain(pos..end);
                }
            }
        }
    }
    b
}

#[test]
fn mutated_and_arbitrary_bytes_never_panic() {
    let b = head(&data("belfiore.cols.txt"), 60);
    let c = head(&data("comuni.cols.txt"), 40);
    assert_eq!(decode_belfiore_compact(&b).unwrap().items.len(), 60);
    assert_eq!(decode_comuni_compact(&c).unwrap().items.len(), 40);
    let mut r = XorShift(0xDEAD_BEEF_CAFE_F00D);
    let (mut ok, mut errors) = (0, 0);
    for i in 0..20_000 {
        let bytes = match i % 5 {
            4 => (0..r.below(400)).map(|_| r.below(256) as u8).collect(),
            k if k % 2 == 0 => mutate(&mut r, &b),
            _ => mutate(&mut r, &c),
        };
        let text = String::from_utf8_lossy(&bytes);
        match decode_belfiore_compact(&text) {
            Ok(feed) => {
                ok += 1;
                let idx = BelfioreIndex::new(feed.items.clone());
                assert_eq!(idx.len(), feed.items.len());
                let _ = idx.suggest_foreign("a", 3);
            }
            Err(e) => {
                errors += 1;
                assert!(!e.to_string().is_empty());
            }
        }
        match decode_comuni_compact(&text) {
            Ok(feed) => {
                ok += 1;
                let idx = ComuniIndex::from_feed(feed);
                let _ = idx.suggest("a", 5);
                if let Some(first) = idx.all().first() {
                    let _ = idx.within_km(first, 10.0);
                }
            }
            Err(e) => {
                errors += 1;
                assert!(!e.to_string().is_empty());
            }
        }
    }
    assert!(errors > 10_000, "{errors}");
    assert!(ok > 100, "{ok} mutations still decoded");
}

/// The picker's index is no longer sorted by name when built: its
/// suggestions must be those of the sorted index it replaces (written out
/// here as it was), for every kind of query.
#[test]
fn birthplace_suggestions_equal_those_of_the_sorted_index() {
    use sportello_lavoro::domain::codice_fiscale::BelfioreRecord;
    use sportello_lavoro::domain::did::{birthplace_label, BirthplaceIndex, PlaceOption};
    use sportello_lavoro::domain::text::fold;

    fn reference(
        entries: &[(String, BelfioreRecord)],
        query: &str,
        abroad: bool,
        birth: Option<Date>,
        limit: usize,
    ) -> Vec<PlaceOption> {
        let q = fold(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let q_compact: String = q.split(' ').collect();
        let mut hits = Vec::new();
        for (name, r) in entries {
            if r.foreign != abroad {
                continue;
            }
            let compact: String = name.split(' ').collect();
            let rank = if compact == q_compact {
                0
            } else if compact.starts_with(&q_compact) {
                1
            } else if name.split(' ').skip(1).any(|w| w.starts_with(&q))
                || name.contains(&format!(" {q}"))
            {
                2
            } else {
                continue;
            };
            let era = match birth {
                Some(b) if r.covers(b) => 0,
                _ if r.valid_to.is_none() => 1,
                _ => 2,
            };
            hits.push((rank, era, name.len(), name.as_str(), r));
        }
        hits.sort_by(|a, b| (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3)));
        let mut out: Vec<PlaceOption> = Vec::new();
        for (_, _, _, _, r) in hits {
            let label = birthplace_label(r);
            if out.iter().any(|o| o.code == r.code && o.label == label) {
                continue;
            }
            out.push(PlaceOption {
                code: r.code.clone(),
                label,
            });
            if out.len() >= limit {
                break;
            }
        }
        out
    }

    let items = decode_belfiore(&data("belfiore.json")).unwrap().items;
    let idx = BirthplaceIndex::new(items.iter());
    let mut sorted: Vec<(String, BelfioreRecord)> = items
        .iter()
        .map(|i| {
            let r = BelfioreRecord::from(i.clone());
            (fold(&r.name), r)
        })
        .filter(|(f, _)| !f.is_empty())
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let d = |y, m, dd| Date::new(y, m, dd);
    let queries = [
        "a",
        "s",
        "san",
        "sant",
        "san g",
        "santa maria",
        "monte",
        "castel",
        "torin",
        "bazz",
        "reggio",
        "valle",
        "di",
        "d",
        "bologna",
        "roma",
        "'",
        "ca",
        "stati",
        "repubblica",
        "isole",
        "fr",
        "ger",
        "unione",
        "cost",
        "montefreddo",
        "senale",
    ];
    let mut compared = 0;
    for q in queries {
        for abroad in [false, true] {
            for birth in [None, d(1900, 1, 1), d(1950, 6, 1), d(2000, 1, 1)] {
                for limit in [1, 8, 50] {
                    assert_eq!(
                        idx.suggest(q, abroad, birth, limit),
                        reference(&sorted, q, abroad, birth, limit),
                        "{q:?} abroad={abroad} birth={birth:?} limit={limit}"
                    );
                    compared += 1;
                }
            }
        }
    }
    assert_eq!(compared, queries.len() * 24);
}

/// Figures for docs/feeds-comuni.md (not a check):
/// `cargo test --release --test place_feeds_compact -- --ignored --nocapture`.
#[test]
#[ignore]
fn decode_times() {
    use std::time::Instant;
    fn best(mut f: impl FnMut()) -> f64 {
        (0..7)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .fold(f64::INFINITY, f64::min)
    }
    let (bj, bc) = (data("belfiore.json"), data("belfiore.cols.txt"));
    let (cj, cc) = (data("comuni.json"), data("comuni.cols.txt"));
    let b_json = best(|| drop(decode_belfiore(&bj).unwrap()));
    let b_cols = best(|| drop(decode_belfiore_compact(&bc).unwrap()));
    let b_index_json = best(|| {
        let f = decode_belfiore(&bj).unwrap();
        drop(Birthplaces {
            belfiore: std::sync::Arc::new(BelfioreIndex::new(f.items.iter().cloned())),
            births: std::sync::Arc::new(sportello_lavoro::domain::did::BirthplaceIndex::new(
                f.items.iter(),
            )),
        })
    });
    let b_index_cols = best(|| {
        let mut rows = BelfioreRows::open(&bc).unwrap();
        let mut b = BirthplacesBuilder::with_capacity(rows.rows());
        while let Some(i) = rows.next_item().unwrap() {
            b.push(i);
        }
        drop(b.finish())
    });
    let c_json = best(|| drop(decode_comuni(&cj).unwrap()));
    let c_cols = best(|| drop(decode_comuni_compact(&cc).unwrap()));
    let c_index_json = best(|| drop(ComuniIndex::from_json(&cj).unwrap()));
    let c_index_cols = best(|| {
        let mut rows = ComuniRows::open(&cc).unwrap();
        let mut b = ComuniIndexBuilder::with_capacity(rows.rows());
        while let Some(c) = rows.next_item().unwrap() {
            b.push(c);
        }
        drop(b.finish())
    });
    println!("belfiore: decode JSON {b_json:.1} ms, compact {b_cols:.1} ms; with the DID's indexes: JSON {b_index_json:.1} ms, compact row by row {b_index_cols:.1} ms");
    println!("comuni:   decode JSON {c_json:.1} ms, compact {c_cols:.1} ms; with the index: JSON {c_index_json:.1} ms, compact row by row {c_index_cols:.1} ms");
}
