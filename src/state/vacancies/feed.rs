//! A feed body into an index and offers: revalidating the feed, parsing and
//! indexing it, and showing the result. The bottom of the loader: `load` and
//! `offers` build on it. The feed is parsed with the tolerant
//! `parse_vacancies` (in its own chunk, `import.rs`: the app's feed, or a schema.org JobPosting list in its
//! place), so a few bad records are skipped and reported, not the feed lost.

use super::import::{read_feed, Parsed};
use super::{IndexSource, Report, Vacancies};
use crate::domain::comuni::ComuniIndex;
use crate::domain::feed::{FeedError, FeedKind};
use crate::domain::offer_shards::Offers;
use crate::domain::search::SearchIndex;
use crate::domain::vacancy::{feed_is_demo, looks_like_jsonld};
use crate::domain::vacancy_lists::content_hash;
use crate::net::config;
use crate::net::revalidate::{revalidate, Revalidated};
use crate::state::scheduler::yield_now;
use crate::storage::feed_cache::{self, CachedFeed};
use crate::storage::search_index::{self, IndexMeta, META_FORMAT, VACANCIES};
use leptos::prelude::*;

pub(super) const KIND: FeedKind = FeedKind::Vacancies;
/// Data base URL + path.
pub(super) fn url_of(path: &str) -> String {
    format!("{}{}", config::data_base(), path)
}

pub(super) fn log_warning(what: &str, detail: impl std::fmt::Display) {
    web_sys::console::warn_1(&format!("{what}: {detail}").into());
}

/// Show an index (and what it was built from); the offers known so far
/// belong to another feed version unless the hash is the same.
pub(super) fn show_index(v: Vacancies, index: SearchIndex, meta: &IndexMeta, source: IndexSource) {
    let same_feed = v.index_hash().as_deref() == Some(meta.feed_hash.as_str());
    v.progress.update_value(|p| {
        p.index_hash = Some(meta.feed_hash.clone());
        p.feed_bytes = meta.feed_bytes;
    });
    v.report.set(Some(Report {
        accepted: meta.accepted,
        skipped: meta.skipped,
        errors: meta.errors.clone(),
    }));
    v.demo.set(meta.demo);
    if same_feed {
        v.offers.update(|o| o.adopt_shards(meta.offer_shards));
    } else {
        v.offers.set(Offers::empty(meta.offer_shards));
    }
    v.index.set(Some(std::sync::Arc::new(index)));
    v.source.set(Some(source));
}

/// Revalidate the feed. A body that matches the index is cached (and its
/// offers shown when `offers_wanted`); another one is indexed.
pub(super) async fn fetch_feed(
    v: Vacancies,
    cached: Option<&CachedFeed>,
    offers_wanted: bool,
) -> Result<(), FeedError> {
    let answer = revalidate(&url_of(&KIND.file_name()), KIND.name(), cached)
        .await
        .map_err(|e| e.for_feed(KIND))?;
    let Revalidated::Changed(entry) = answer else {
        if let Some(c) = cached.filter(|_| offers_wanted) {
            if v.index_hash() == Some(content_hash(&c.body)) {
                set_complete(v, &c.body).await;
            } else {
                ingest(v, &c.body, c.etag.clone()).await?;
            }
        }
        return Ok(());
    };
    if v.index_hash() == Some(content_hash(&entry.body)) {
        if offers_wanted {
            set_complete(v, &entry.body).await;
        }
    } else {
        yield_now().await;
        ingest(v, &entry.body, entry.etag.clone()).await?;
    }
    // A full disk must not hide fresh data: shown even if caching fails.
    let _ = feed_cache::save(KIND.name(), &entry).await;
    Ok(())
}

/// Parse, index and show a feed body, then persist the index. `Err` when
/// the envelope is not a readable vacancies feed (records are tolerated).
pub(super) async fn ingest(
    v: Vacancies,
    body: &str,
    etag: Option<String>,
) -> Result<(), FeedError> {
    let comuni = comuni_for(v, body).await;
    let Parsed {
        offers,
        report,
        index,
    } = read_feed(body, true, comuni.as_deref()).await?;
    let Some((index, bytes)) = index else {
        return Ok(());
    };
    let meta = IndexMeta {
        format: META_FORMAT,
        feed_hash: content_hash(body),
        etag,
        prebuilt_etag: None,
        feed_bytes: Some(body.len() as u64),
        offer_shards: 0,
        built_at: js_sys::Date::now(),
        accepted: report.accepted,
        skipped: report.skipped,
        errors: report.errors.clone(),
        demo: feed_is_demo(body),
    };
    show_index(v, index, &meta, IndexSource::Built);
    v.offers.set(Offers::complete(offers));
    // Not fatal: the next visit rebuilds it.
    if let Err(e) = search_index::save(VACANCIES, &meta, &bytes).await {
        log_warning("Vacancy index not stored", format!("{e:?}"));
    }
    Ok(())
}

/// The comuni table when a body is a JobPosting list (its places are
/// resolved on the device; the app's feed carries its own). Without it
/// (offline, never loaded) the places are kept as written.
async fn comuni_for(v: Vacancies, body: &str) -> Option<std::sync::Arc<ComuniIndex>> {
    if !looks_like_jsonld(body) {
        return None;
    }
    v.comuni.loaded().await.map(|d| d.index.clone())
}

/// Show every offer of a feed body that matches the index.
pub(super) async fn set_complete(v: Vacancies, body: &str) {
    let comuni = comuni_for(v, body).await;
    if let Ok(parsed) = read_feed(body, false, comuni.as_deref()).await {
        v.offers.set(Offers::complete(parsed.offers));
    }
}
