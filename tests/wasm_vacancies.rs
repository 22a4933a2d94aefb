//! Vacancies storage in a real browser (headless Chromium through
//! wasm-bindgen-test-runner): the persisted search index round trip, the
//! v3 → v4 migration, and favourites / saved searches in the personal store.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::prelude::*;
use sportello_lavoro::domain::search::{Query, SearchIndex};
use sportello_lavoro::domain::vacancy::{iso_to_days, parse_vacancy_feed};
use sportello_lavoro::domain::vacancy_lists::{
    self, content_hash, Favourite, FAVOURITES_KEY, SAVED_SEARCHES_KEY,
};
use sportello_lavoro::storage::db::{self, stores};
use sportello_lavoro::storage::kv;
use sportello_lavoro::storage::personal as lists;
use sportello_lavoro::storage::search_index::{self, IndexMeta, META_FORMAT};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FEED: &str = include_str!("../public/data/vacancies.json");

async fn delete_db(name: &str) {
    if let Ok(req) = indexed_db_futures::database::Database::delete_by_name(name) {
        let _ = req.await;
    }
}

fn today() -> i32 {
    iso_to_days("2026-11-23").unwrap()
}

fn queries() -> Vec<Query> {
    [
        "",
        "q=magazziniere",
        "q=cuoco&ordine=recenti",
        "q=oper&prov=BO,MO",
        "comune=037006&raggio=20&lat=44.4973&lon=11.3329&ordine=distanza",
        "contratto=tempo_indeterminato&orario=part_time&giorni=7",
        "prof=5,8&settore=I&da=20",
        "tirocinio=1",
        "l68=1&ordine=recenti",
    ]
    .iter()
    .map(|s| Query::from_query_string(s))
    .collect()
}

#[wasm_bindgen_test]
async fn index_bytes_round_trip_through_indexeddb() {
    let name = "test-vacancy-index";
    delete_db(name).await;
    let d = db::open_at(name, db::LATEST_VERSION).await.unwrap();
    let (offers, report) = parse_vacancy_feed(FEED).unwrap();
    let built = SearchIndex::build(&offers);
    let bytes = built.to_bytes();
    let meta = IndexMeta {
        format: META_FORMAT,
        feed_hash: content_hash(FEED),
        etag: Some("\"abc\"".into()),
        prebuilt_etag: None,
        feed_bytes: None,
        offer_shards: 0,
        built_at: js_sys::Date::now(),
        accepted: report.accepted,
        skipped: report.skipped,
        errors: report.errors.clone(),
        demo: true,
    };
    assert!(search_index::load_in(&d, search_index::VACANCIES)
        .await
        .unwrap()
        .is_none());
    search_index::save_in(&d, search_index::VACANCIES, &meta, &bytes)
        .await
        .unwrap();

    // Stored as a typed array, not as text.
    let tx = d.transaction(stores::SEARCH_INDEX).build().unwrap();
    let os = tx.object_store(stores::SEARCH_INDEX).unwrap();
    let raw: Option<JsValue> = os
        .get(search_index::VACANCIES.to_string())
        .primitive()
        .unwrap()
        .await
        .unwrap();
    let raw = raw.expect("bytes stored");
    assert!(
        raw.is_instance_of::<js_sys::Uint8Array>(),
        "the index is a Uint8Array"
    );
    assert_eq!(
        raw.unchecked_ref::<js_sys::Uint8Array>().length() as usize,
        bytes.len()
    );
    drop(tx);

    let (back_meta, back_bytes) = search_index::load_in(&d, search_index::VACANCIES)
        .await
        .unwrap()
        .expect("index read back");
    assert_eq!(back_meta, meta);
    assert_eq!(back_bytes, bytes, "identical bytes");
    assert_eq!(
        search_index::load_meta_in(&d, search_index::VACANCIES)
            .await
            .unwrap(),
        Some(meta.clone())
    );
    let loaded = SearchIndex::from_bytes(&back_bytes).expect("bytes decode");
    assert_eq!(loaded.len(), built.len());
    for q in queries() {
        assert_eq!(
            loaded.search(&q, today()),
            built.search(&q, today()),
            "same results for {:?}",
            q.to_query_string()
        );
    }
    assert_eq!(loaded.suggest("magaz", 5), built.suggest("magaz", 5));

    // "I miei dati" still exports every store: the binary record is skipped,
    // the meta (JSON text) is listed.
    let dump = kv::dump(&d, &db::all_stores())
        .await
        .expect("export works with a stored index");
    assert!(dump[stores::SEARCH_INDEX].get("vacancies:meta").is_some());
    assert!(dump[stores::SEARCH_INDEX].get("vacancies").is_none());
    // And deleting clears it.
    for store in db::all_stores() {
        kv::clear(&d, store).await.unwrap();
    }
    assert!(search_index::load_in(&d, search_index::VACANCIES)
        .await
        .unwrap()
        .is_none());
    search_index::save_in(&d, search_index::VACANCIES, &meta, &bytes)
        .await
        .unwrap();
    search_index::remove_in(&d, search_index::VACANCIES)
        .await
        .unwrap();
    assert!(search_index::load_in(&d, search_index::VACANCIES)
        .await
        .unwrap()
        .is_none());

    // Big indexes are split over several records (Chromium caps one value at
    // about 127 MiB); a smaller index saved later leaves no stale chunk.
    search_index::save_chunked_in(&d, search_index::VACANCIES, &meta, &bytes, 1 << 20)
        .await
        .unwrap();
    let (_, back) = search_index::load_in(&d, search_index::VACANCIES)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(back, bytes, "chunked bytes reassemble");
    let keys: Vec<String> = kv::dump(&d, &[stores::SEARCH_INDEX]).await.unwrap()
        [stores::SEARCH_INDEX]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert!(keys.contains(&"vacancies:chunks".to_string()), "{keys:?}");
    let small = &bytes[..1000];
    search_index::save_in(&d, search_index::VACANCIES, &meta, small)
        .await
        .unwrap();
    let (_, back) = search_index::load_in(&d, search_index::VACANCIES)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(back, small);
    let tx = d.transaction(stores::SEARCH_INDEX).build().unwrap();
    let stale: Option<JsValue> = tx
        .object_store(stores::SEARCH_INDEX)
        .unwrap()
        .get("vacancies#1".to_string())
        .primitive()
        .unwrap()
        .await
        .unwrap();
    assert!(stale.is_none(), "old chunks removed");
    drop(tx);
    d.close();
}

#[wasm_bindgen_test]
async fn migrating_from_v3_adds_the_index_store_and_keeps_personal_data() {
    let name = "test-vacancy-migration";
    delete_db(name).await;
    let v3 = db::open_at(name, 3).await.unwrap();
    assert!(!v3.object_store_names().any(|n| n == stores::SEARCH_INDEX));
    kv::put(
        &v3,
        stores::PERSONAL,
        FAVOURITES_KEY,
        &serde_json::json!([{"id": "X", "title": "Cuoco"}]),
    )
    .await
    .unwrap();
    v3.close();
    let latest = db::open_at(name, db::LATEST_VERSION).await.unwrap();
    assert!(latest
        .object_store_names()
        .any(|n| n == stores::SEARCH_INDEX));
    let favs: Vec<Favourite> = kv::get(&latest, stores::PERSONAL, FAVOURITES_KEY)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(favs[0].title, "Cuoco");
    latest.close();
}

#[wasm_bindgen_test]
async fn favourites_saved_searches_and_profile_persist_in_the_personal_store() {
    let mut favs = Vec::new();
    vacancy_lists::toggle_favourite(
        &mut favs,
        Favourite {
            id: "ER-DEMO-0000001".into(),
            title: "Saldatore".into(),
            employer: "Corte Servizi".into(),
            comune: "Cesena".into(),
            province: "FC".into(),
            expires: "2026-12-20".into(),
            added: "2026-11-23".into(),
        },
    );
    lists::save_favourites(&favs).await.unwrap();
    assert_eq!(lists::load_favourites().await.unwrap(), favs);

    let mut saved = Vec::new();
    vacancy_lists::upsert_saved_search(
        &mut saved,
        &Query::from_query_string("q=cuoco&prov=RN"),
        today() - 7,
    );
    lists::save_saved_searches(&saved).await.unwrap();
    let back = lists::load_saved_searches().await.unwrap();
    assert_eq!(back, saved);
    assert_eq!(back[0].last_visit, "2026-11-16");

    let profile = sportello_lavoro::domain::profile::Profile {
        given_name: "Maria".into(),
        family_name: "Rossi".into(),
        email: "maria@example.it".into(),
        phone: "051 123456".into(),
        ..Default::default()
    };
    lists::save_profile(&profile).await.unwrap();
    assert_eq!(lists::load_profile().await.unwrap(), Some(profile));

    // Personal data: in the export, and gone after "cancella".
    let database = db::shared().await.unwrap();
    let dump = kv::dump(&database, &db::all_stores()).await.unwrap();
    assert_eq!(
        dump[stores::PERSONAL][FAVOURITES_KEY][0]["id"],
        "ER-DEMO-0000001"
    );
    assert_eq!(
        dump[stores::PERSONAL][SAVED_SEARCHES_KEY][0]["query"],
        "q=cuoco&prov=RN"
    );
    assert_eq!(dump[stores::PERSONAL]["profile"]["family_name"], "Rossi");
    kv::clear(&database, stores::PERSONAL).await.unwrap();
    assert!(lists::load_favourites().await.unwrap().is_empty());
    assert!(lists::load_saved_searches().await.unwrap().is_empty());
    assert_eq!(lists::load_profile().await.unwrap(), None);
}
