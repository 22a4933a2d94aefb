//! Fuzzed input, no panic (issue 17): the prebuilt search index
//! (`vacancies.slix`), the index the app stores in IndexedDB, the offer
//! shards, and the URL query state (vacancy search, catalogue filters).
//!
//! The binary inputs get raw byte edits (stopped by the header and the
//! checksum), payload edits under a recomputed checksum (which reach the
//! structural checks), and length fields set huge. Besides never panicking,
//! a decoder must not allocate beyond a bound proportional to its input:
//! this binary counts the bytes each test thread holds (a counting global
//! allocator) and refuses any single allocation over 1 GiB outright.
//!
//! Budget and seed: `FUZZ_CASES`, `FUZZ_SEED` (tests/fuzz_support.rs).

#![cfg(not(target_arch = "wasm32"))]

#[path = "fuzz_support.rs"]
mod support;

use proptest::prelude::*;
use serde_json::Value;
use sportello_lavoro::domain::catalogue::{self, Filters as CatalogueFilters, Service};
use sportello_lavoro::domain::feed::{self, FeedKind};
use sportello_lavoro::domain::offer_match::{offers_for, sample_profiles, MatchProfile};
use sportello_lavoro::domain::offer_shards::{self, Offers};
use sportello_lavoro::domain::saved_search_summary::{count_query, summary_parts};
use sportello_lavoro::domain::search::{prebuilt, IndexDecoder, Query, SearchIndex, MAX_LIMIT};
use sportello_lavoro::domain::vacancy::{parse_vacancy_feed, Vacancy};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::OnceLock;
use support::{
    any_text, edits, fuzz, fuzz_any, load_json, mutate_bytes, mutate_json, op, picks, sample_feed,
    Op,
};

// ------------------------------------------------------ memory watching --

/// A single allocation this large is a length field taken on trust.
const HARD_LIMIT: usize = 1 << 30;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().saturating_add(delta);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

/// The system allocator, counting what each thread holds.
struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > HARD_LIMIT {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > HARD_LIMIT {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        track(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > HARD_LIMIT {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// `f`'s result and the most bytes it held at once on this thread.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    let peak = PEAK.with(Cell::get);
    (out, peak.saturating_sub(base).max(0) as usize)
}

/// What decoding `input_len` bytes may hold: the index keeps its texts and
/// postings and derives a few tables from them.
fn memory_bound(input_len: usize) -> usize {
    16 * input_len + (4 << 20)
}

// --------------------------------------------------------------- inputs --

fn today() -> i32 {
    20_790
}

fn vacancies_json() -> &'static Value {
    static V: OnceLock<Value> = OnceLock::new();
    V.get_or_init(|| load_json("public/data/vacancies.json"))
}

fn read_bytes(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The prebuilt index and shards of the shipped feed, made as the build's
/// hook makes `vacancies.slix` (tools/prebuild-index.sh): the files are
/// generated, not committed, and these tests run before the build.
fn shipped_prebuild() -> &'static prebuilt::Prebuilt {
    static P: OnceLock<prebuilt::Prebuilt> = OnceLock::new();
    P.get_or_init(|| {
        let feed = String::from_utf8(read_bytes("public/data/vacancies.json")).expect("UTF-8 feed");
        prebuilt::prebuild(&feed, None).expect("the shipped feed prebuilds")
    })
}

/// `vacancies.slix` as published.
fn shipped_slix() -> &'static [u8] {
    &shipped_prebuild().bytes
}

/// Offers of the shipped feed, for small indexes.
fn offers() -> &'static [Vacancy] {
    static O: OnceLock<Vec<Vacancy>> = OnceLock::new();
    O.get_or_init(|| {
        let text = serde_json::to_string(vacancies_json()).unwrap();
        parse_vacancy_feed(&text).expect("shipped feed").0
    })
}

/// The stored form of an index of a few shipped offers (chosen by `picks`).
fn small_index_bytes(picks: &[u32]) -> Vec<u8> {
    let all = offers();
    let mut chosen: Vec<Vacancy> = picks
        .iter()
        .map(|&p| all[p as usize % all.len()].clone())
        .collect();
    chosen.dedup_by(|a, b| a.id == b.id);
    SearchIndex::build(&chosen).to_bytes()
}

/// SLIX header: magic, version, 3 zero bytes, payload length, checksum.
const HEADER: usize = 24;

/// The index format's checksum (domain/search/codec.rs), so that edited
/// payloads get past it to the structural checks.
fn checksum(data: &[u8]) -> u64 {
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15 ^ data.len() as u64;
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap());
        h = (h ^ w).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 29;
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A SLIX file around `payload`, with its length and checksum right.
fn reseal(head: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut out = head[..8].to_vec();
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Varints that claim huge counts and lengths.
const HUGE_VARINTS: &[&[u8]] = &[
    &[0xff, 0xff, 0xff, 0xff, 0x0f],
    &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
    &[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02],
    &[0xff, 0xff, 0x7f],
    &[
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00,
    ],
];

/// A payload edit: byte edits, or a huge varint written over (or into) the
/// payload at a chosen place; position 0 is the document count.
fn mutate_payload(p: &mut Vec<u8>, (kind, a, b): Op) {
    if kind % 3 == 0 {
        let v = HUGE_VARINTS[b as usize % HUGE_VARINTS.len()];
        let at = if a % 4 == 0 {
            0
        } else {
            a as usize % (p.len() + 1)
        };
        if b % 2 == 0 {
            let end = (at + v.len()).min(p.len());
            p.splice(at..end, v.iter().copied());
        } else {
            p.splice(at..at, v.iter().copied());
        }
    } else {
        mutate_bytes(p, (kind, a, b));
    }
}

/// How an index file is edited before decoding.
#[derive(Clone, Debug)]
enum Damage {
    /// Byte edits of the whole file (header and checksum included).
    Raw(Vec<Op>),
    /// Payload edits, then a correct length and checksum.
    Payload(Vec<Op>),
    /// The header's payload length replaced.
    Length(u64),
}

fn damage() -> impl Strategy<Value = Damage> {
    let ops = || prop::collection::vec(op(), 1..3);
    prop_oneof![
        1 => ops().prop_map(Damage::Raw),
        4 => ops().prop_map(Damage::Payload),
        1 => prop_oneof![Just(u64::MAX), Just(1u64 << 40), Just(u32::MAX as u64), Just(0u64), any::<u64>()]
            .prop_map(Damage::Length),
    ]
}

fn apply(bytes: &[u8], d: &Damage) -> Vec<u8> {
    match d {
        Damage::Raw(ops) => {
            let mut b = bytes.to_vec();
            for &o in ops {
                mutate_bytes(&mut b, o);
            }
            b
        }
        Damage::Payload(ops) => {
            let mut p = bytes[HEADER..].to_vec();
            for &o in ops {
                mutate_payload(&mut p, o);
            }
            reseal(bytes, &p)
        }
        Damage::Length(n) => {
            let mut b = bytes.to_vec();
            b[8..16].copy_from_slice(&n.to_le_bytes());
            b
        }
    }
}

// ------------------------------------------------------------- queries --

fn queries() -> &'static [Query] {
    static Q: OnceLock<Vec<Query>> = OnceLock::new();
    Q.get_or_init(|| {
        [
            "",
            "q=magazziniere",
            "q=mag",
            "q=%E2%80%AE&prov=BO,MO&raggio=500&lat=44.5&lon=11.3&ordine=distanza",
            "comune=Bologna&raggio=20&prof=5,8&settore=C,47&contratto=tempo_determinato&orario=full_time&giorni=7&l68=1&tirocinio=1&da=1000000&n=100",
            "q=a+b+c+d&ordine=recenti&da=3&n=1",
        ]
        .iter()
        .map(|s| Query::from_query_string(s))
        .collect()
    })
}

/// What the app does with an index once it is loaded.
fn use_index(idx: &SearchIndex, extra: Option<&Query>) {
    for q in queries().iter().chain(extra) {
        for day in [today(), i32::MIN, i32::MAX] {
            let r = idx.search(q, day);
            assert!(r.hits.len() <= q.limit.clamp(1, MAX_LIMIT) as usize);
            assert!(r.hits.iter().all(|&d| (d as usize) < idx.len()));
            assert!(r.hits.len() as u64 <= r.total as u64);
        }
        let _ = summary_parts(q, Some(idx));
        let _ = idx.search(&count_query(q), today());
    }
    for prefix in ["", "m", "ma", "zz", "\u{202E}"] {
        assert!(idx.suggest(prefix, 5).len() <= 5);
    }
    for d in 0..idx.len().min(64) as u32 {
        let _ = idx.doc(d);
        let _ = idx.distance_km(d, 44.5, 11.3);
        let _ = idx.distance_km(d, f32::NAN, f32::INFINITY);
    }
    let _ = idx.doc(u32::MAX);
    for c in idx.comuni().take(8) {
        let _ = idx.comune_coords(c.istat);
    }
    for p in sample_profiles().iter().take(3) {
        let mp = MatchProfile::from_profile(p, Some((44.5, 11.3)));
        assert!(offers_for(idx, &mp, today(), 10).len() <= 10);
    }
}

/// Decode `bytes` at once and in steps of `budget`: the same outcome, no
/// panic, memory within bound. Whether it was accepted.
fn decode_index(bytes: &[u8], budget: usize) -> bool {
    let (whole, peak) = peak_of(|| SearchIndex::from_bytes(bytes));
    assert!(
        peak <= memory_bound(bytes.len()),
        "decoding {} bytes held {peak} bytes",
        bytes.len()
    );
    let stepped = (|| {
        let mut d = IndexDecoder::new(bytes)?;
        for _ in 0..bytes.len() + 64 {
            if let Some(index) = d.step(budget)? {
                assert!(
                    d.step(budget).is_err(),
                    "a finished decoder reads nothing more"
                );
                return Ok(index);
            }
        }
        Err("the decoder never finished".to_string())
    })();
    match (&whole, &stepped) {
        (Ok(a), Ok(b)) => assert_eq!(a.to_bytes(), b.to_bytes(), "stepped decoding differs"),
        (Err(_), Err(_)) => {}
        _ => panic!(
            "stepped decoding disagrees: {:?} vs {:?}",
            whole.is_ok(),
            stepped.is_ok()
        ),
    }
    match whole {
        Ok(idx) => {
            // What was accepted writes back to the same bytes.
            let again = idx.to_bytes();
            assert_eq!(
                SearchIndex::from_bytes(&again).map(|i| i.to_bytes()).ok(),
                Some(again)
            );
            use_index(&idx, None);
            true
        }
        Err(e) => {
            assert!(!e.is_empty());
            false
        }
    }
}

// ---------------------------------------------------------- properties --

/// The index as stored in IndexedDB (a few shipped offers), damaged.
#[test]
fn stored_index() {
    let budget = prop_oneof![Just(usize::MAX), 1usize..4096];
    fuzz(
        "stored_index",
        2,
        (picks(), damage(), budget),
        |(p, d, budget)| decode_index(&apply(&small_index_bytes(&p), &d), budget),
    );
}

/// Arbitrary bytes, and arbitrary payloads behind a valid header.
#[test]
fn index_any_bytes() {
    let bytes = prop::collection::vec(any::<u8>(), 0..2048);
    fuzz_any("index_any_bytes", 1, bytes, |b| {
        let _ = decode_index(&b, 97);
        let _ = decode_index(&reseal(b"SLIX\x02\0\0\0", &b), usize::MAX);
    });
}

/// The shipped `vacancies.slix`: its meta and its 3000-offer index,
/// damaged.
#[test]
fn shipped_prebuilt() {
    let slix = shipped_slix();
    let (meta, index) = prebuilt::split(slix).expect("shipped prebuilt index");
    let meta_len = slix.len() - index.len();
    fuzz("shipped_prebuilt", 24, damage(), |d| {
        let damaged = apply(index, &d);
        let mut file = slix[..meta_len].to_vec();
        file.extend_from_slice(&damaged);
        let (r, peak) = peak_of(|| prebuilt::decode(&file));
        assert!(
            peak <= memory_bound(file.len()),
            "{peak} bytes for {}",
            file.len()
        );
        match r {
            Ok((m, idx)) => {
                assert_eq!(m, meta);
                assert!(prebuilt::check_count(&m, &idx).is_ok());
                use_index(&idx, None);
                true
            }
            Err(_) => false,
        }
    });
}

/// The prebuilt file's envelope: its meta (JSON, of this version or
/// another) mutated, its meta length set huge, its magic and version
/// edited.
#[test]
fn prebuilt_envelope() {
    let slix = shipped_slix();
    let (meta, _) = prebuilt::split(slix).expect("shipped prebuilt index");
    let mut meta_json = serde_json::to_value(&meta).unwrap();
    // Reasons as older files wrote them (text) and as newer ones may (kinds).
    meta_json["errors"] = serde_json::json!([[3, "manca il titolo"], [4, {"code": "from_the_future"}], [7, {"code": "missing_field", "name": "id"}]]);
    let len = prop_oneof![
        Just(None),
        Just(Some(u32::MAX)),
        Just(Some(1u32 << 20)),
        any::<u32>().prop_map(Some)
    ];
    let head = prop::collection::vec(op(), 0..2);
    fuzz(
        "prebuilt_envelope",
        1,
        (picks(), edits(), len, head),
        |(p, e, len, head)| {
            let index = small_index_bytes(&p);
            let mut seed = meta_json.clone();
            seed["accepted"] = SearchIndex::from_bytes(&index).unwrap().len().into();
            let json = mutate_json(&seed, &e);
            let mut file = b"SLPB\x01\0\0\0".to_vec();
            file.extend_from_slice(&len.unwrap_or(json.len() as u32).to_le_bytes());
            file.extend_from_slice(json.as_bytes());
            file.extend_from_slice(&index);
            for &o in &head {
                let (k, a, b) = o;
                mutate_bytes(&mut file, (k, a % 12, b));
            }
            let (r, peak) = peak_of(|| prebuilt::decode(&file));
            assert!(peak <= memory_bound(file.len()));
            let _ = prebuilt::split(&file);
            match r {
                Ok((m, idx)) => {
                    assert_eq!(m.accepted, idx.len());
                    for (_, reason) in &m.errors {
                        let _ = sportello_lavoro::i18n::render(
                            sportello_lavoro::i18n::Lang::It,
                            &reason.message(),
                        );
                    }
                    let again = prebuilt::encode(&m, &idx.to_bytes());
                    assert!(prebuilt::decode(&again).is_ok());
                    true
                }
                Err(_) => false,
            }
        },
    );
}

/// The publisher's own path, on mutated feeds: prebuild (parse, index,
/// shards, encode), then the app's reading of what it wrote.
#[test]
fn prebuild_and_shards() {
    let count = prop_oneof![
        Just(0u32),
        Just(1u32),
        2u32..20,
        Just(offer_shards::MAX_SHARDS)
    ];
    fuzz(
        "prebuild_and_shards",
        4,
        (picks(), edits(), count),
        |(p, e, count)| {
            let text = mutate_json(&sample_feed(vacancies_json(), &p), &e);
            let built = prebuilt::prebuild(&text, None);
            if let Ok(b) = &built {
                let (m, idx) = prebuilt::decode(&b.bytes).expect("the prebuilt file decodes");
                assert_eq!(&m, &b.meta);
                assert_eq!(idx.len(), m.accepted);
                assert_eq!(b.shards.len(), m.offer_shards as usize);
            }
            let whole = parse_vacancy_feed(&text).map(|(o, _)| o.len());
            match offer_shards::split_feed(&text, count) {
                Ok(shards) => {
                    assert_eq!(shards.len(), count.max(1) as usize);
                    let mut offers = Offers::empty(shards.len() as u32);
                    let mut total = 0;
                    for (k, s) in shards.iter().enumerate() {
                        let list = match (parse_vacancy_feed(s), &whole) {
                            (Ok((list, _)), _) => list,
                            // Only a feed that does not read either (a
                            // record nested too deep) gives a shard that
                            // does not read.
                            (Err(_), Err(_)) => continue,
                            (Err(e), Ok(_)) => panic!("a shard of a feed that reads: {e:?}"),
                        };
                        for v in &list {
                            assert_eq!(
                                offer_shards::shard_of(&v.id, shards.len() as u32),
                                k as u32
                            );
                        }
                        total += list.len();
                        offers.add_shard(k as u32, list);
                    }
                    // The shards hold, between them, no more than the
                    // offers of the feed (when the feed reads: a record
                    // nested past serde_json's depth limit makes the whole
                    // feed unreadable, while the cutting skips it). Not
                    // "exactly": a record with a repeated key (`"id"` twice)
                    // is accepted by the lenient import (the last value
                    // wins) but left out of every shard by `split_feed`,
                    // which reads its id strictly (reported, issue 17).
                    if let Ok(n) = whole {
                        assert!(total <= n, "{total} offers in the shards, {n} in the feed");
                    }
                    let _ = offers.lookup("x");
                    true
                }
                Err(_) => {
                    assert!(whole.is_err() || built.is_err());
                    false
                }
            }
        },
    );
}

/// A shipped offer shard with byte and structure edits, as the detail page
/// reads it.
#[test]
fn shipped_shard() {
    static SHARD: OnceLock<Value> = OnceLock::new();
    let shard = SHARD.get_or_init(|| {
        serde_json::from_str(&shipped_prebuild().shards[0]).expect("a shard is JSON")
    });
    fuzz("shipped_shard", 8, (picks(), edits()), |(p, e)| {
        let text = mutate_json(&sample_feed(shard, &p), &e);
        parse_vacancy_feed(&text).is_ok_and(|(o, _)| !o.is_empty())
    });
}

// ------------------------------------------------------------ URL state --

/// Query-string pairs the app writes, with values that are valid, at the
/// bounds, just past them, or odd.
fn query_string() -> impl Strategy<Value = String> {
    const KEYS: &[&str] = &[
        "q",
        "prov",
        "comune",
        "raggio",
        "lat",
        "lon",
        "prof",
        "settore",
        "contratto",
        "orario",
        "giorni",
        "l68",
        "tirocinio",
        "ordine",
        "da",
        "n",
        "",
        "%71",
        "Q",
        "x",
    ];
    const VALUES: &[&str] = &[
        "",
        "1",
        "0",
        "-1",
        "500",
        "501",
        "65536",
        "4294967296",
        "1000000",
        "1000001",
        "NaN",
        "inf",
        "-inf",
        "1e39",
        "90",
        "-90.0001",
        "180",
        "44.5",
        "BO",
        "bo,MO,,XX",
        "C,47,00,Z",
        "5,8,9,0,10",
        "tempo_determinato,full_time",
        "distanza",
        "recenti",
        "si",
        "sì",
        "on",
        "%",
        "%4",
        "%C3",
        "%C3%A8",
        "%FF%FE",
        "+",
        "a+b",
        "\u{202E}",
        "%E2%80%AE",
        "#frag",
        "=",
        "&",
        "?",
    ];
    let pair = (
        prop::sample::select(KEYS),
        prop::sample::select(VALUES),
        any::<String>(),
    )
        .prop_map(|(k, v, s)| {
            if s.len() % 3 == 0 {
                format!("{k}={s}")
            } else {
                format!("{k}={v}")
            }
        });
    (prop::collection::vec(pair, 0..12), any::<bool>()).prop_map(|(pairs, q)| {
        let s = pairs.join("&");
        if q {
            format!("?{s}")
        } else {
            s
        }
    })
}

fn check_query(s: &str, idx: &SearchIndex) {
    let q = Query::from_query_string(s);
    assert!((1..=MAX_LIMIT).contains(&q.limit));
    // Written and read again, the state settles at once.
    let q2 = Query::from_query_string(&q.to_query_string());
    let q3 = Query::from_query_string(&q2.to_query_string());
    assert_eq!(q2, q3, "query string does not round-trip: {s:?}");
    use_index(idx, Some(&q));
    use_index(idx, Some(&q2));
}

fn url_index() -> &'static SearchIndex {
    static I: OnceLock<SearchIndex> = OnceLock::new();
    I.get_or_init(|| SearchIndex::build(&offers()[..200]))
}

/// The vacancy search state in the URL: plausible query strings and
/// arbitrary text; the result runs on an index.
#[test]
fn vacancy_query_string() {
    let idx = url_index();
    fuzz_any(
        "vacancy_query_string",
        2,
        prop_oneof![query_string(), any_text()],
        |s| {
            check_query(&s, idx);
        },
    );
}

fn catalogue_services() -> &'static [Service] {
    static S: OnceLock<Vec<Service>> = OnceLock::new();
    S.get_or_init(|| {
        let text = serde_json::to_string(&load_json("public/data/catalogue.json")).unwrap();
        feed::decode::<Service>(FeedKind::Catalogue, &text)
            .expect("catalogue")
            .items
    })
}

/// The catalogue's filters in the URL (`bisogno`, `per`, `q`).
#[test]
fn catalogue_query_params() {
    let param = || {
        prop::option::of(prop_oneof![
            prop::sample::select(vec![
                "lavoro",
                "formazione",
                "everyone",
                "giovani",
                "imprese",
                ""
            ])
            .prop_map(String::from),
            any_text(),
        ])
    };
    fuzz_any(
        "catalogue_query_params",
        3,
        (param(), param(), param()),
        |(need, audience, query)| {
            let f = CatalogueFilters::from_params(need, audience, query);
            let params = f.params();
            let again = CatalogueFilters::from_params(
                Some(params[0].1.to_string()).filter(|s| !s.is_empty()),
                Some(params[1].1.to_string()).filter(|s| !s.is_empty()),
                Some(params[2].1.to_string()).filter(|s| !s.is_empty()),
            );
            assert_eq!(again.params(), f.params());
            let _ = f.active();
            let labels = |_| Vec::new();
            for lang in ["it", "uk"] {
                let hits = catalogue::select(catalogue_services(), &f, lang, &labels);
                assert!(hits.len() <= catalogue_services().len());
            }
        },
    );
}

/// Path segments and the offices' `comune` parameter: an offer id (its
/// shard, its lookup), a service id, a typed comune.
#[test]
fn route_params() {
    static OFFICES: OnceLock<Vec<sportello_lavoro::domain::offices::Office>> = OnceLock::new();
    let offices = OFFICES.get_or_init(|| {
        let text = serde_json::to_string(&load_json("public/data/offices.json")).unwrap();
        feed::decode(FeedKind::Offices, &text)
            .expect("offices")
            .items
    });
    let count = prop_oneof![
        Just(0u32),
        Just(1u32),
        any::<u32>(),
        Just(offer_shards::MAX_SHARDS)
    ];
    fuzz_any("route_params", 1, (any_text(), count), |(id, count)| {
        let k = offer_shards::shard_of(&id, count);
        assert!(k < count.max(1));
        let _ = offer_shards::shard_path(&id, k);
        let mut sharded = Offers::empty(count);
        sharded.add_shard(k, Vec::new());
        assert_eq!(
            sharded.lookup(&id),
            if count > 0 { Some(None) } else { None }
        );
        let complete = Offers::complete(offers()[..10].to_vec());
        assert!(complete.lookup(&id).is_some());
        let _ = catalogue::find(catalogue_services(), &id);
        let _ = catalogue::lookup(Some(catalogue_services()), &id, || false);
        let _ = sportello_lavoro::domain::offices::answer(Some(offices), id.trim(), 5);
        let _ = sportello_lavoro::domain::offices::find(offices, &id);
    });
}
