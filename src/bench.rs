//! Benchmark hooks for `tools/bench/vacancies.mjs` (cargo feature `bench`,
//! wasm only; never in the shipped build). They drive the same engine and
//! the same IndexedDB storage the app uses; Trunk exposes them to the page
//! as `window.wasmBindings.bench_*`. Timing is done by the page.

use crate::domain::offer_match::{offers_for, sample_profiles, MatchProfile};
use crate::domain::offer_shards::{shard_of, shard_path};
use crate::domain::search::{prebuilt, Query, SearchIndex};
use crate::domain::vacancy::{parse_vacancy_feed, Vacancy};
use crate::storage::search_index::{self, IndexMeta, META_FORMAT};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The bench's own record in the `search_index` store.
const NAME: &str = "bench-vacancies";

thread_local! {
    static DOCS: RefCell<Vec<Vacancy>> = const { RefCell::new(Vec::new()) };
    static INDEX: RefCell<Option<SearchIndex>> = const { RefCell::new(None) };
    static BYTES: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// (feed hash, offer shards) of the prebuilt index loaded.
    static SHARDS: RefCell<(String, u32)> = const { RefCell::new((String::new(), 0)) };
    /// The "Offerte per te" profiles, their homes from the index loaded.
    static PROFILES: RefCell<Vec<MatchProfile>> = const { RefCell::new(Vec::new()) };
}

/// Parse a vacancies feed (tolerantly) and keep its offers, appended to
/// those already parsed (a big feed can come in several envelopes).
/// Returns the number of offers kept so far.
#[wasm_bindgen]
pub fn bench_parse(feed: &str) -> Result<u32, JsValue> {
    let (offers, _) = parse_vacancy_feed(feed).map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    Ok(DOCS.with(|d| {
        let mut d = d.borrow_mut();
        d.extend(offers);
        d.len() as u32
    }))
}

/// Build the index from the parsed offers, then free the offers (the index
/// is all a result list needs). Returns the number of documents.
#[wasm_bindgen]
pub fn bench_build() -> u32 {
    let docs = DOCS.with(|d| std::mem::take(&mut *d.borrow_mut()));
    let index = SearchIndex::build(&docs);
    drop(docs);
    let n = index.len() as u32;
    INDEX.with(|i| *i.borrow_mut() = Some(index));
    n
}

/// Encode the index; returns the size in bytes.
#[wasm_bindgen]
pub fn bench_encode() -> u32 {
    let bytes = INDEX.with(|i| {
        i.borrow()
            .as_ref()
            .map(SearchIndex::to_bytes)
            .unwrap_or_default()
    });
    let n = bytes.len() as u32;
    BYTES.with(|b| *b.borrow_mut() = bytes);
    n
}

/// Store the encoded index in IndexedDB, as the app does.
#[wasm_bindgen]
pub async fn bench_save() -> Result<(), JsValue> {
    let bytes = BYTES.with(|b| std::mem::take(&mut *b.borrow_mut()));
    let meta = IndexMeta {
        format: META_FORMAT,
        feed_hash: "bench".into(),
        etag: None,
        prebuilt_etag: None,
        feed_bytes: None,
        offer_shards: 0,
        built_at: js_sys::Date::now(),
        accepted: INDEX.with(|i| i.borrow().as_ref().map(SearchIndex::len).unwrap_or(0)),
        skipped: 0,
        errors: Vec::new(),
        demo: true,
    };
    search_index::save(NAME, &meta, &bytes)
        .await
        .map_err(|e| JsValue::from_str(&format!("{e:?}")))
}

/// A return visit: read the index from IndexedDB and decode it. Returns
/// the number of documents (0 if nothing is stored).
#[wasm_bindgen]
pub async fn bench_load() -> Result<u32, JsValue> {
    let stored = search_index::load(NAME)
        .await
        .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    let Some((_, bytes)) = stored else {
        return Ok(0);
    };
    let index = SearchIndex::from_bytes(&bytes).map_err(|e| JsValue::from_str(&e))?;
    drop(bytes);
    let n = index.len() as u32;
    INDEX.with(|i| *i.borrow_mut() = Some(index));
    Ok(n)
}

/// A first visit with a prebuilt index, as the app does it: split and
/// decode the downloaded `vacancies.slix` bytes, then store the index part
/// in IndexedDB. Returns the number of documents.
#[wasm_bindgen]
pub async fn bench_prebuilt(bytes: js_sys::Uint8Array) -> Result<u32, JsValue> {
    let bytes = bytes.to_vec();
    let (meta, index) = prebuilt::decode(&bytes).map_err(|e| JsValue::from_str(&e))?;
    let index_bytes = prebuilt::split(&bytes)
        .map(|(_, b)| b)
        .map_err(|e| JsValue::from_str(&e))?;
    SHARDS.with(|s| *s.borrow_mut() = (meta.feed_hash.clone(), meta.offer_shards));
    let stored = IndexMeta::from_prebuilt(meta, None, js_sys::Date::now());
    search_index::save(NAME, &stored, index_bytes)
        .await
        .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    drop(bytes);
    let n = index.len() as u32;
    INDEX.with(|i| *i.borrow_mut() = Some(index));
    Ok(n)
}

/// Path (relative to the feed's folder) of the shard holding offer `id`,
/// as the detail page computes it; empty without a prebuilt index.
#[wasm_bindgen]
pub fn bench_shard_path(id: &str) -> String {
    SHARDS.with(|s| {
        let (hash, count) = &*s.borrow();
        if *count == 0 {
            String::new()
        } else {
            shard_path(hash, shard_of(id, *count))
        }
    })
}

/// What the detail page does with a shard: parse it and find the offer.
/// Returns its title (empty if absent).
#[wasm_bindgen]
pub fn bench_offer(shard: &str, id: &str) -> String {
    parse_vacancy_feed(shard)
        .ok()
        .and_then(|(offers, _)| offers.into_iter().find(|v| v.id == id))
        .map(|v| v.title)
        .unwrap_or_default()
}

/// Run a search given as a URL query string (`q=cuoco&prov=BO`), as the
/// search page does. Returns the total; the page of hits is computed too.
#[wasm_bindgen]
pub fn bench_search(query: &str, today: i32) -> u32 {
    let q = Query::from_query_string(query);
    INDEX.with(|i| {
        i.borrow()
            .as_ref()
            .map(|i| i.search(&q, today).total)
            .unwrap_or(0)
    })
}

/// The ids of the first page of hits, one per line (for spot checks).
#[wasm_bindgen]
pub fn bench_hits(query: &str, today: i32) -> String {
    let q = Query::from_query_string(query);
    INDEX.with(|i| {
        i.borrow()
            .as_ref()
            .map(|i| {
                let r = i.search(&q, today);
                r.hits
                    .iter()
                    .filter_map(|&d| i.doc(d).map(|s| s.id.to_string()))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    })
}

/// Suggestions for a prefix, one per line.
#[wasm_bindgen]
pub fn bench_suggest(prefix: &str) -> String {
    INDEX.with(|i| {
        i.borrow()
            .as_ref()
            .map(|i| i.suggest(prefix, 8).join("\n"))
            .unwrap_or_default()
    })
}

/// Prepare the synthetic profiles of `offer_match::sample_profiles` for
/// the index loaded (each home from the index's comuni, as the app does).
/// Returns how many.
#[wasm_bindgen]
pub fn bench_match_profiles() -> u32 {
    let profiles: Vec<MatchProfile> = INDEX.with(|i| {
        i.borrow()
            .as_ref()
            .map(|index| {
                sample_profiles()
                    .iter()
                    .map(|p| MatchProfile::from_profile(p, index.comune_coords(&p.domicile_istat)))
                    .collect()
            })
            .unwrap_or_default()
    });
    let n = profiles.len() as u32;
    PROFILES.with(|p| *p.borrow_mut() = profiles);
    n
}

/// "Offerte per te" for profile `i` of [`bench_match_profiles`]: the 20
/// best offers, as the page asks for them. Returns how many were found.
#[wasm_bindgen]
pub fn bench_offers_for(i: u32, today: i32) -> u32 {
    PROFILES.with(|p| {
        let p = p.borrow();
        let Some(profile) = p.get(i as usize) else {
            return 0;
        };
        INDEX.with(|index| {
            index
                .borrow()
                .as_ref()
                .map(|index| offers_for(index, profile, today, 20).len() as u32)
                .unwrap_or(0)
        })
    })
}

/// Bytes of the wasm linear memory (it never shrinks: the peak so far).
#[wasm_bindgen]
pub fn bench_wasm_memory() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            m.buffer()
                .unchecked_into::<js_sys::ArrayBuffer>()
                .byte_length() as f64
        })
        .unwrap_or(0.0)
}

/// Forget everything held.
#[wasm_bindgen]
pub fn bench_reset() {
    DOCS.with(|d| *d.borrow_mut() = Vec::new());
    INDEX.with(|i| *i.borrow_mut() = None);
    BYTES.with(|b| *b.borrow_mut() = Vec::new());
    PROFILES.with(|p| *p.borrow_mut() = Vec::new());
}
