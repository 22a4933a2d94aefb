//! Storage, migrations, feed cache and outbox in a real browser (headless
//! Chromium through wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use sportello_lavoro::domain::feed::{FeedError, FeedKind};
use sportello_lavoro::domain::outbox::{DeliveryState, SubmissionKind};
use sportello_lavoro::net::{feeds, outbox};
use sportello_lavoro::storage::db::{self, stores};
use sportello_lavoro::storage::{drafts, feed_cache, kv, outbox_store, settings};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn delete_db(name: &str) {
    if let Ok(req) = indexed_db_futures::database::Database::delete_by_name(name) {
        let _ = req.await;
    }
}

/// Point the app's network config at a port nothing listens on.
fn unreachable_network() {
    let doc = web_sys::window().unwrap().document().unwrap();
    for (name, content) in [
        ("sportello:api-base", "http://127.0.0.1:9/api/v1"),
        ("sportello:data-base", "http://127.0.0.1:9/data/"),
    ] {
        if doc
            .query_selector(&format!("meta[name=\"{name}\"]"))
            .unwrap()
            .is_none()
        {
            let meta = doc.create_element("meta").unwrap();
            meta.set_attribute("name", name).unwrap();
            meta.set_attribute("content", content).unwrap();
            doc.head().unwrap().append_child(&meta).unwrap();
        }
    }
}

#[wasm_bindgen_test]
async fn migrating_from_v1_keeps_the_data() {
    let name = "test-migrations";
    delete_db(name).await;
    let v1 = db::open_at(name, 1).await.expect("open v1");
    let v1_stores: Vec<String> = v1.object_store_names().collect();
    assert_eq!(
        v1_stores.len(),
        2,
        "v1 has settings and drafts only: {v1_stores:?}"
    );
    kv::put(
        &v1,
        stores::SETTINGS,
        "app",
        &serde_json::json!({"lang": "en", "large_text": true}),
    )
    .await
    .unwrap();
    kv::put(
        &v1,
        stores::DRAFTS,
        "message",
        &serde_json::json!({"subject": "Bozza v1"}),
    )
    .await
    .unwrap();
    v1.close();

    let latest = db::open_at(name, db::LATEST_VERSION)
        .await
        .expect("upgrade");
    let mut names: Vec<String> = latest.object_store_names().collect();
    names.sort();
    let mut expected: Vec<String> = db::all_stores().into_iter().map(String::from).collect();
    expected.sort();
    assert_eq!(names, expected);
    let s: serde_json::Value = kv::get(&latest, stores::SETTINGS, "app")
        .await
        .unwrap()
        .expect("settings survived");
    assert_eq!(s["lang"], "en");
    let d: serde_json::Value = kv::get(&latest, stores::DRAFTS, "message")
        .await
        .unwrap()
        .expect("draft survived");
    assert_eq!(d["subject"], "Bozza v1");
    // New stores work after the upgrade.
    kv::put(&latest, stores::OUTBOX, "k", &serde_json::json!({"x": 1}))
        .await
        .unwrap();
    assert_eq!(
        kv::all::<serde_json::Value>(&latest, stores::OUTBOX)
            .await
            .unwrap()
            .len(),
        1
    );
    latest.close();
}

#[wasm_bindgen_test]
async fn kv_round_trip_list_and_clear() {
    let name = "test-kv";
    delete_db(name).await;
    let d = db::open_at(name, db::LATEST_VERSION).await.unwrap();
    assert!(kv::get::<String>(&d, stores::PERSONAL, "missing")
        .await
        .unwrap()
        .is_none());
    kv::put(&d, stores::PERSONAL, "a", &"uno".to_string())
        .await
        .unwrap();
    kv::put(&d, stores::PERSONAL, "b", &"due".to_string())
        .await
        .unwrap();
    kv::put(&d, stores::PERSONAL, "a", &"uno bis".to_string())
        .await
        .unwrap();
    let all: Vec<(String, String)> = kv::all(&d, stores::PERSONAL).await.unwrap();
    assert_eq!(
        all,
        vec![("a".into(), "uno bis".into()), ("b".into(), "due".into())]
    );
    let dump = kv::dump(&d, &[stores::PERSONAL]).await.unwrap();
    assert_eq!(dump["personal"]["b"], "due");
    assert_eq!(
        kv::keys(&d, stores::PERSONAL).await.unwrap(),
        vec!["a".to_string(), "b".to_string()]
    );
    kv::delete(&d, stores::PERSONAL, "a").await.unwrap();
    assert_eq!(
        kv::all::<String>(&d, stores::PERSONAL).await.unwrap().len(),
        1
    );
    assert_eq!(
        kv::keys(&d, stores::PERSONAL).await.unwrap(),
        vec!["b".to_string()]
    );
    kv::clear(&d, stores::PERSONAL).await.unwrap();
    assert!(kv::all::<String>(&d, stores::PERSONAL)
        .await
        .unwrap()
        .is_empty());
    d.close();
}

#[wasm_bindgen_test]
async fn drafts_and_settings_persist() {
    drafts::save("test-form", &serde_json::json!({"name": "Maria"}))
        .await
        .unwrap();
    let back: serde_json::Value = drafts::load("test-form").await.unwrap().unwrap();
    assert_eq!(back["name"], "Maria");
    drafts::discard("test-form").await.unwrap();
    assert!(drafts::load::<serde_json::Value>("test-form")
        .await
        .unwrap()
        .is_none());

    let mut s = settings::load().await.unwrap();
    s.lang = "en".into();
    settings::save(&s).await.unwrap();
    assert_eq!(settings::load().await.unwrap().lang, "en");
    assert_eq!(
        settings::stored().await.unwrap(),
        Some(s),
        "a choice is stored"
    );
}

#[wasm_bindgen_test]
async fn offline_submission_stays_pending_with_backoff() {
    unreachable_network();
    let entry = outbox::enqueue(
        SubmissionKind::Message,
        "Prova".into(),
        serde_json::json!({"subject": "x"}),
        None,
    )
    .await
    .unwrap();
    assert_eq!(entry.key.len(), 36, "a UUID idempotency key");
    outbox::flush(None).await.unwrap();
    let after = outbox_store::get(&entry.key).await.unwrap().unwrap();
    assert_eq!(after.state, DeliveryState::Pending);
    assert_eq!(after.attempts, 1);
    assert!(
        after.next_attempt_at > js_sys::Date::now(),
        "a retry is scheduled in the future"
    );
    assert!(after.last_error.is_some());

    // Not due yet: a second flush leaves it alone.
    outbox::flush(None).await.unwrap();
    assert_eq!(
        outbox_store::get(&entry.key)
            .await
            .unwrap()
            .unwrap()
            .attempts,
        1
    );

    // "Riprova adesso" ignores the backoff, and keeps the same key.
    outbox::retry_now(None).await.unwrap();
    let again = outbox_store::get(&entry.key).await.unwrap().unwrap();
    assert_eq!(again.attempts, 2);
    assert_eq!(again.key, entry.key);
    outbox_store::remove(&entry.key).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_owned_submission_is_not_even_tried_under_another_session() {
    unreachable_network();
    let owner = sportello_lavoro::domain::outbox::Owner {
        codice_fiscale: "BNCGLI94C52A944G".into(),
        name: "Giulia Bianchi".into(),
    };
    let entry = outbox::enqueue(
        SubmissionKind::Did,
        "DID".into(),
        serde_json::json!({"codice_fiscale": "BNCGLI94C52A944G"}),
        Some(owner),
    )
    .await
    .unwrap();
    for session in [None, Some("RSSMRC80L05F257Y".to_string())] {
        let done = outbox::flush(session.clone()).await.unwrap();
        assert!(!done.changed, "{session:?}");
        outbox::retry_now(session.clone()).await.unwrap();
    }
    let kept = outbox_store::get(&entry.key).await.unwrap().unwrap();
    assert_eq!(kept.attempts, 0, "never sent in someone else's name");
    assert_eq!(kept.state, DeliveryState::Pending);
    // Its owner's session tries it (here the network is down).
    outbox::flush(Some("bncgli94c52a944g".into()))
        .await
        .unwrap();
    assert_eq!(
        outbox_store::get(&entry.key)
            .await
            .unwrap()
            .unwrap()
            .attempts,
        1
    );
    outbox_store::remove(&entry.key).await.unwrap();
}

#[wasm_bindgen_test]
async fn feed_cache_survives_a_failed_refresh() {
    unreachable_network();
    let body = r#"{"schema_version":1,"feed":"offices","generated_at":"2026-11-23","demo":true,"items":[]}"#;
    feed_cache::save(
        "offices",
        &feed_cache::CachedFeed {
            body: body.into(),
            etag: Some("\"abc\"".into()),
            last_modified: None,
            checked_at: 1.0,
        },
    )
    .await
    .unwrap();
    let cached = feeds::cached::<sportello_lavoro::domain::offices::Office>(FeedKind::Offices)
        .await
        .expect("cached feed decodes");
    assert!(cached.demo);
    let err = match feeds::refresh::<sportello_lavoro::domain::offices::Office>(FeedKind::Offices)
        .await
    {
        Err(e) => e,
        Ok(_) => panic!("refresh cannot succeed without a server"),
    };
    assert_eq!(
        err,
        FeedError::Offline {
            feed: FeedKind::Offices
        }
    );
    assert!(err.to_string().contains("offline"));
    // Still there.
    assert_eq!(
        feed_cache::load("offices").await.unwrap().unwrap().body,
        body
    );
    // Offer shards live in the same store, by path; old ones can be listed and deleted.
    let shard = feed_cache::CachedFeed {
        body: body.into(),
        etag: None,
        last_modified: None,
        checked_at: 2.0,
    };
    feed_cache::save("vacancies-offers/0123456789abcdef/0.json", &shard)
        .await
        .unwrap();
    assert!(feed_cache::keys()
        .await
        .unwrap()
        .contains(&"vacancies-offers/0123456789abcdef/0.json".to_string()));
    feed_cache::delete("vacancies-offers/0123456789abcdef/0.json")
        .await
        .unwrap();
    assert!(!feed_cache::keys()
        .await
        .unwrap()
        .iter()
        .any(|k| k.starts_with("vacancies-offers/")));
    assert!(
        feed_cache::load("offices").await.unwrap().is_some(),
        "other feeds untouched"
    );
}

/// The compact reference data: stored in the feed cache as it came (encoded
/// and written in two steps), read back, and decoded in slices that yield to
/// the browser, into the same index as at once.
#[wasm_bindgen_test]
async fn reference_data_is_cached_and_decoded_in_slices() {
    use sportello_lavoro::domain::columns::RowReader;
    use sportello_lavoro::domain::comuni::{ComuniIndex, ComuniIndexBuilder, ComuniRows};
    use sportello_lavoro::domain::did::Birthplaces;
    use sportello_lavoro::state::ref_data::read_sliced;
    use sportello_lavoro::state::scheduler::Slicer;
    use sportello_lavoro::state::FeedData;

    let body = include_str!("../public/data/comuni.cols.txt");
    let entry = feed_cache::CachedFeed {
        body: body.into(),
        etag: Some("\"c1\"".into()),
        last_modified: None,
        checked_at: 3.0,
    };
    let record = feed_cache::encode(&entry).unwrap();
    feed_cache::save_encoded("comuni", record).await.unwrap();
    let cached = feeds::cached_body(FeedKind::Comuni).await.expect("cached");
    assert_eq!(cached, entry);

    let rows = ComuniRows::open(&cached.body).unwrap();
    let total = rows.rows();
    let mut builder = ComuniIndexBuilder::with_capacity(total);
    let mut slicer = Slicer::new();
    let meta = read_sliced(rows, &mut slicer, |c| builder.push(c))
        .await
        .unwrap();
    assert!(!meta.demo);
    assert!(slicer.yields > 0, "decoded in one go");
    web_sys::console::log_1(
        &format!(
            "{} yields, longest slice {} ms",
            slicer.yields, slicer.longest_ms
        )
        .into(),
    );
    let sliced = builder.finish();
    assert_eq!(sliced.len(), total);
    assert_eq!(sliced.all(), ComuniIndex::from_compact(body).unwrap().all());

    let value = <ComuniIndex as FeedData>::decode(FeedKind::Comuni, &cached.body)
        .await
        .unwrap();
    assert_eq!(value.index.by_belfiore("A944").unwrap().name, "Bologna");
    assert_eq!(
        <ComuniIndex as FeedData>::file_name(FeedKind::Comuni),
        "comuni.cols.txt"
    );
    // The JSON, or a newer schema, where the compact file is expected: errors.
    let json = include_str!("../public/data/comuni.json");
    assert!(<ComuniIndex as FeedData>::decode(FeedKind::Comuni, json)
        .await
        .is_err());
    let v2 = body.replacen("\"schema_version\":1", "\"schema_version\":2", 1);
    assert_eq!(
        <ComuniIndex as FeedData>::decode(FeedKind::Comuni, &v2)
            .await
            .unwrap_err(),
        FeedError::UnsupportedVersion {
            feed: FeedKind::Comuni,
            found: 2
        }
    );
    let places = <Birthplaces as FeedData>::decode(
        FeedKind::Belfiore,
        include_str!("../public/data/belfiore.cols.txt"),
    )
    .await
    .unwrap();
    assert!(places.index.belfiore.len() > 15_000);
    assert_eq!(
        places.index.births.suggest("torino", false, None, 1)[0].code,
        "L219"
    );
    feed_cache::delete("comuni").await.unwrap();
}

#[wasm_bindgen_test]
async fn an_application_profile_of_earlier_versions_is_read_as_the_profile() {
    use sportello_lavoro::storage::personal;
    let database = db::shared().await.unwrap();
    kv::put(
        &database,
        stores::PERSONAL,
        "profile",
        &serde_json::json!({"name": "Maria De Luca", "email": "maria@example.it", "phone": "051 123456"}),
    )
    .await
    .unwrap();
    let p = personal::load_profile().await.unwrap().unwrap();
    assert_eq!(p.given_name, "Maria");
    assert_eq!(p.family_name, "De Luca");
    assert_eq!(p.email, "maria@example.it");
    // Saved again, it is in the new form and reads the same.
    personal::save_profile(&p).await.unwrap();
    assert_eq!(personal::load_profile().await.unwrap(), Some(p));
    personal::delete_profile().await.unwrap();
    assert_eq!(personal::load_profile().await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn my_data_exports_and_deletes_the_personal_stores_only() {
    use sportello_lavoro::storage::{device_data, personal};
    let database = db::shared().await.unwrap();
    let p = sportello_lavoro::domain::profile::Profile {
        given_name: "Amina".into(),
        email: "amina@example.it".into(),
        ..Default::default()
    };
    personal::save_profile(&p).await.unwrap();
    personal::update_profile(|p| p.phone = "333 1234567".into())
        .await
        .unwrap();
    drafts::save("test-export", &serde_json::json!({"x": 1}))
        .await
        .unwrap();
    kv::put(
        &database,
        stores::FEEDS,
        "test-public",
        &serde_json::json!({"public": true}),
    )
    .await
    .unwrap();
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item("test-key", "x")
        .unwrap();

    let dump = device_data::export_personal().await.unwrap();
    assert_eq!(dump["stores"]["personal"]["profile"]["given_name"], "Amina");
    assert_eq!(
        dump["stores"]["personal"]["profile"]["phone"],
        "333 1234567"
    );
    assert!(dump["stores"]["drafts"]["test-export"].is_object());
    assert!(
        dump["stores"].get("feeds").is_none(),
        "public copies are not exported"
    );

    device_data::delete_personal().await.unwrap();
    for store in device_data::PERSONAL_STORES {
        assert!(
            kv::keys(&database, store).await.unwrap().is_empty(),
            "{store} is empty"
        );
    }
    let kept: Option<serde_json::Value> = kv::get(&database, stores::FEEDS, "test-public")
        .await
        .unwrap();
    assert!(kept.is_some(), "the public copy stays");
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(local.length().unwrap(), 0);
    kv::delete(&database, stores::FEEDS, "test-public")
        .await
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_cached_percorso_is_shown_only_to_its_person() {
    use sportello_lavoro::storage::personal::{self, CachedPercorso};
    personal::store_percorso(&CachedPercorso {
        codice_fiscale: "BNCGLI94C52A944G".into(),
        body: "{\"schema_version\":1}".into(),
        fetched_at: 1.0,
    })
    .await
    .unwrap();
    assert!(personal::cached_percorso("BNCGLI94C52A944G")
        .await
        .is_some());
    assert!(
        personal::cached_percorso("RSSMRC80L05F257Y")
            .await
            .is_none(),
        "another person on the same device does not see it"
    );
    let acts = personal::load_search_acts().await.unwrap();
    personal::save_search_acts(&acts).await.unwrap();
}

/// A database written by each earlier version (1 to LATEST-1), with what
/// that version could hold in the shapes it wrote, is opened by the app's
/// own storage calls (which upgrade it) and reads back intact.
#[wasm_bindgen_test]
async fn every_earlier_version_upgrades_with_everything_intact() {
    use sportello_lavoro::domain::outbox::Failure;
    use sportello_lavoro::storage::personal;
    for version in 1..db::LATEST_VERSION {
        db::close_shared();
        delete_db(db::DB_NAME).await;
        let old = db::open_at(db::DB_NAME, version)
            .await
            .expect("old version");
        let put = |store: &'static str, key: &'static str, value: serde_json::Value| {
            let old = old.clone();
            async move { kv::put(&old, store, key, &value).await.unwrap() }
        };
        // v1: settings (before the contrast choice) and a draft.
        put(stores::SETTINGS, "app", serde_json::json!({"lang": "en"})).await;
        put(
            stores::DRAFTS,
            "message",
            serde_json::json!({"name": "Maria Rossi", "subject": format!("Bozza v{version}"), "body": "Testo"}),
        )
        .await;
        if version >= 2 {
            // An entry still pending, with the Italian error text v2 stored,
            // and one delivered; neither has an owner (before logins).
            put(
                stores::OUTBOX,
                "k-pending-0001",
                serde_json::json!({
                    "key": "k-pending-0001", "kind": "message", "title": "Messaggio al CPI di Bologna",
                    "payload": {"cpi_id": "cpi-bologna", "subject": "In attesa", "body": "Testo"},
                    "created_at": 1.7e12, "attempts": 3, "next_attempt_at": 1.7e12,
                    "last_error": "Nessuna connessione: invieremo appena torna la rete.",
                    "state": "pending", "delivered_at": null
                }),
            )
            .await;
            put(
                stores::OUTBOX,
                "k-delivered-0001",
                serde_json::json!({
                    "key": "k-delivered-0001", "kind": "application", "title": "Candidatura",
                    "payload": {"vacancy_id": "er-1"}, "created_at": 1.7e12, "attempts": 1,
                    "next_attempt_at": 1.7e12, "last_error": null, "state": "delivered",
                    "receipt": {"id": "CAND-2026-000001", "status": "received", "received_at": "2026-01-10T10:00:00Z"},
                    "delivered_at": 1.7e12
                }),
            )
            .await;
        }
        if version >= 3 {
            put(
                stores::PERSONAL,
                "favourites",
                serde_json::json!([{"id": "er-7", "title": "Magazziniere", "expires": "2026-12-31"}]),
            )
            .await;
            put(
                stores::PERSONAL,
                "saved_searches",
                serde_json::json!([{"query": "q=cuoco", "created": "2026-01-02", "last_visit": "2026-01-03"}]),
            )
            .await;
            // The application profile of that time: one `name`.
            put(
                stores::PERSONAL,
                "profile",
                serde_json::json!({"name": "Maria De Luca", "email": "maria@example.it", "phone": "051 123456"}),
            )
            .await;
        }
        old.close();

        // The app's own calls: `shared` opens at the latest version.
        let s = settings::load().await.expect("settings");
        assert_eq!(s.lang, "en", "v{version}");
        let d: serde_json::Value = drafts::load("message").await.unwrap().expect("draft");
        assert_eq!(d["subject"], format!("Bozza v{version}"));
        assert_eq!(d["name"], "Maria Rossi");
        let entries = outbox_store::all().await.unwrap();
        if version >= 2 {
            assert_eq!(entries.len(), 2, "v{version}: {entries:?}");
            let pending = entries.iter().find(|e| e.key == "k-pending-0001").unwrap();
            assert!(pending.is_pending());
            assert_eq!(pending.attempts, 3);
            assert_eq!(pending.last_error, Some(Failure::Offline));
            assert_eq!(pending.payload["subject"], "In attesa");
            let delivered = entries
                .iter()
                .find(|e| e.key == "k-delivered-0001")
                .unwrap();
            assert!(
                matches!(&delivered.state, DeliveryState::Delivered { receipt } if receipt.id == "CAND-2026-000001")
            );
        } else {
            assert!(entries.is_empty());
        }
        if version >= 3 {
            let favs = personal::load_favourites().await.unwrap();
            assert_eq!(favs.len(), 1);
            assert_eq!(
                (favs[0].id.as_str(), favs[0].title.as_str()),
                ("er-7", "Magazziniere")
            );
            let searches = personal::load_saved_searches().await.unwrap();
            assert_eq!(searches.len(), 1);
            assert_eq!(searches[0].query, "q=cuoco");
            let p = personal::load_profile().await.unwrap().expect("profile");
            assert_eq!(
                (p.given_name.as_str(), p.family_name.as_str()),
                ("Maria", "De Luca")
            );
            assert_eq!(p.email, "maria@example.it");
        }
        // The stores added since work on the upgraded database.
        let upgraded = db::shared().await.unwrap();
        let mut names: Vec<String> = upgraded.object_store_names().collect();
        names.sort();
        let mut expected: Vec<String> = db::all_stores().into_iter().map(String::from).collect();
        expected.sort();
        assert_eq!(names, expected, "v{version}");
    }
    // Leave an empty database for the other tests.
    let upgraded = db::shared().await.unwrap();
    for store in db::all_stores() {
        kv::clear(&upgraded, store).await.unwrap();
    }
}
