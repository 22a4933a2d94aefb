//! A prebuilt index: what the publisher serves next to `vacancies.json` as
//! `vacancies.slix`, so that a phone downloads and decodes the index instead
//! of parsing the whole feed and indexing it (at 100,000 offers: 17 MB
//! instead of 119 MB, and a fraction of the memory).
//!
//! ```text
//! "SLPB"  version:u8  0 0 0  meta_len:u32le  meta (JSON, PrebuiltMeta)  index (SearchIndex::to_bytes)
//! ```
//! The meta names the feed the index was built from (its content hash and
//! size), so the app can tell whether its cached feed matches the index,
//! and how many offer shards (`domain::offer_shards`) were published with it.
//! The index part carries its own checksum; a file this app cannot read is
//! an `Err`, and the app falls back to the JSON feed.

use super::SearchIndex;
use crate::domain::feed::FeedError;
use crate::domain::offer_shards;
use crate::domain::vacancy::{feed_is_demo, parse_vacancies, Reason, VacancyFormat};
use crate::domain::vacancy_lists::content_hash;
use serde::{Deserialize, Serialize};

const MAGIC: &[u8; 4] = b"SLPB";
const VERSION: u8 = 1;
const HEADER: usize = 4 + 4 + 4;
/// A meta longer than this is not ours.
const MAX_META: usize = 1 << 20;

/// A publisher that serves no prebuilt index, as learnt from a 404: kept
/// with the validators of the feed it went with, so the app stops asking
/// on every visit and asks again once the feed changes (or after
/// [`NoPrebuilt::ASK_AGAIN_MS`], should the publisher add one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoPrebuilt {
    pub feed_etag: Option<String>,
    pub feed_last_modified: Option<String>,
    /// Milliseconds since the epoch of the 404.
    pub checked_at: f64,
}

impl NoPrebuilt {
    /// A week.
    pub const ASK_AGAIN_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

    /// Whether the answer still holds for a feed with these validators at
    /// `now`: the same feed (by ETag, else Last-Modified; a server that
    /// sends neither cannot tell) and not too long ago.
    pub fn holds(
        &self,
        feed_etag: Option<&str>,
        feed_last_modified: Option<&str>,
        now: f64,
    ) -> bool {
        let same = match (self.feed_etag.as_deref(), feed_etag) {
            (Some(a), Some(b)) => a == b,
            (None, None) => match (self.feed_last_modified.as_deref(), feed_last_modified) {
                (Some(a), Some(b)) => a == b,
                (None, None) => true,
                _ => false,
            },
            _ => false,
        };
        same && now >= self.checked_at && now - self.checked_at < Self::ASK_AGAIN_MS
    }
}

/// What the index was built from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrebuiltMeta {
    /// [`content_hash`] of the feed body.
    pub feed_hash: String,
    /// Size of the feed body in bytes (lets the app decide whether to
    /// prefetch it for offline detail pages).
    pub feed_bytes: u64,
    pub accepted: usize,
    pub skipped: usize,
    /// `(record index, reason)`, the first few; files written before
    /// reasons were kinds hold Italian text, still read.
    #[serde(default)]
    pub errors: Vec<(usize, Reason)>,
    #[serde(default)]
    pub demo: bool,
    /// Offer shards published with the index (`domain::offer_shards`);
    /// 0: none, the app reads offers from the whole feed.
    #[serde(default)]
    pub offer_shards: u32,
}

/// What a publisher serves for one feed: the prebuilt index file and the
/// offer shards, `shards[k]` at [`offer_shards::shard_path`]`(feed_hash, k)`.
pub struct Prebuilt {
    pub meta: PrebuiltMeta,
    pub bytes: Vec<u8>,
    pub shards: Vec<String>,
}

/// Parse and index a feed body, cut it into offer shards, and encode meta
/// and index. Bad records are skipped and counted, as in the app; the
/// places of a JobPosting list are resolved with `comuni`, as in the app.
pub fn prebuild(
    feed_body: &str,
    comuni: Option<&crate::domain::comuni::ComuniIndex>,
) -> Result<Prebuilt, FeedError> {
    let (offers, report, format) = parse_vacancies(feed_body, comuni)?;
    let demo = feed_is_demo(feed_body);
    let index = SearchIndex::build(&offers);
    drop(offers);
    // Shards hold feed records verbatim: a JSON-LD list gets none, and the
    // app reads its offers from the list itself.
    let (count, shards) = match format {
        VacancyFormat::Feed => {
            let count = offer_shards::shard_count(feed_body.len() as u64);
            (count, offer_shards::split_feed(feed_body, count)?)
        }
        VacancyFormat::JsonLd => (0, Vec::new()),
    };
    let meta = PrebuiltMeta {
        feed_hash: content_hash(feed_body),
        feed_bytes: feed_body.len() as u64,
        accepted: report.accepted,
        skipped: report.skipped,
        errors: report.errors,
        demo,
        offer_shards: count,
    };
    let bytes = encode(&meta, &index.to_bytes());
    Ok(Prebuilt {
        meta,
        bytes,
        shards,
    })
}

/// Join a meta and the bytes of [`SearchIndex::to_bytes`].
pub fn encode(meta: &PrebuiltMeta, index_bytes: &[u8]) -> Vec<u8> {
    let json = serde_json::to_vec(meta).unwrap_or_default();
    let mut out = Vec::with_capacity(HEADER + json.len() + index_bytes.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[VERSION, 0, 0, 0]);
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(index_bytes);
    out
}

/// Split a prebuilt file into its meta and the index bytes (not yet
/// decoded: [`SearchIndex::from_bytes`] checks them). Italian errors.
pub fn split(bytes: &[u8]) -> Result<(PrebuiltMeta, &[u8]), String> {
    if bytes.len() < HEADER || &bytes[..4] != MAGIC {
        return Err("non è un indice precompilato".into());
    }
    if bytes[4] != VERSION {
        return Err(format!(
            "versione dell'indice precompilato non supportata ({})",
            bytes[4]
        ));
    }
    let len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    if len > MAX_META || HEADER + len > bytes.len() {
        return Err("indice precompilato troncato".into());
    }
    let meta: PrebuiltMeta = serde_json::from_slice(&bytes[HEADER..HEADER + len])
        .map_err(|e| format!("descrizione dell'indice precompilato illeggibile: {e}"))?;
    Ok((meta, &bytes[HEADER + len..]))
}

/// [`split`] and decode.
pub fn decode(bytes: &[u8]) -> Result<(PrebuiltMeta, SearchIndex), String> {
    let (meta, index) = split(bytes)?;
    let index = SearchIndex::from_bytes(index)?;
    check_count(&meta, &index)?;
    Ok((meta, index))
}

/// The index of a prebuilt file holds the offers its meta counts.
pub fn check_count(meta: &PrebuiltMeta, index: &SearchIndex) -> Result<(), String> {
    if index.len() != meta.accepted {
        return Err("indice precompilato incoerente con la sua descrizione".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::Query;

    const FEED: &str = include_str!("../../../public/data/vacancies.json");

    #[test]
    fn round_trip_matches_an_index_built_here() {
        let built_files = prebuild(FEED, None).unwrap();
        let (meta, index) = decode(&built_files.bytes).unwrap();
        assert_eq!(meta, built_files.meta);
        assert_eq!(built_files.shards.len() as u32, meta.offer_shards);
        let (offers, report) = crate::domain::vacancy::parse_vacancy_feed(FEED).unwrap();
        assert_eq!(meta.accepted, report.accepted);
        assert_eq!(meta.feed_hash, content_hash(FEED));
        assert_eq!(meta.feed_bytes, FEED.len() as u64);
        assert!(meta.demo, "the demo feed says it is demo data");
        let built = SearchIndex::build(&offers);
        let q = Query::from_query_string("q=magazziniere&prov=BO");
        let today = crate::domain::vacancy::iso_to_days("2026-11-23").unwrap();
        assert_eq!(index.search(&q, today).hits, built.search(&q, today).hits);
        assert!(index.search(&q, today).total > 0);
    }

    /// The same feed gives the same bytes (publishers can compare builds).
    #[test]
    fn prebuilding_is_deterministic() {
        let (a, b) = (prebuild(FEED, None).unwrap(), prebuild(FEED, None).unwrap());
        assert!(a.bytes == b.bytes && a.shards == b.shards);
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        let good = prebuild(FEED, None).unwrap().bytes;
        assert!(split(b"").is_err());
        assert!(split(b"SLIX\x01\0\0\0\0\0\0\0").is_err());
        let mut v2 = good.clone();
        v2[4] = 2;
        assert!(split(&v2).unwrap_err().contains("versione"));
        // Truncated anywhere: an error, never a panic.
        for cut in [5, 11, 12, 40, good.len() / 2, good.len() - 1] {
            assert!(decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        // A flipped byte in the index part fails its checksum.
        let mut bad = good.clone();
        let last = bad.len() - 10;
        bad[last] ^= 0x55;
        assert!(decode(&bad).is_err());
        // A meta that lies about the count.
        let (mut meta, index) = split(&good).unwrap();
        meta.accepted += 1;
        assert!(decode(&encode(&meta, index))
            .unwrap_err()
            .contains("incoerente"));
    }

    /// A file of this format holding an index of another version (an older
    /// publisher's): an error, so the app falls back to the feed.
    #[test]
    fn an_index_of_another_version_is_refused() {
        let good = prebuild(FEED, None).unwrap().bytes;
        let (meta, index) = split(&good).unwrap();
        let mut old = index.to_vec();
        old[4] = 1;
        let e = decode(&encode(&meta, &old)).unwrap_err();
        assert!(e.contains("versione 1 non supportata"), "{e}");
    }

    #[test]
    fn a_feed_with_bad_records_is_prebuilt_with_them_counted() {
        let feed = r#"{"schema_version":1,"feed":"vacancies","generated_at":"2026-11-23","items":[{"id":"x"},42]}"#;
        let (meta, index) = decode(&prebuild(feed, None).unwrap().bytes).unwrap();
        assert_eq!((meta.accepted, meta.skipped, index.len()), (0, 2, 0));
        assert_eq!(meta.errors.len(), 2);
        assert!(prebuild("not json", None).is_err());
    }

    #[test]
    fn reasons_are_stored_as_kinds_and_old_files_with_italian_text_still_decode() {
        let feed = r#"{"schema_version":1,"feed":"vacancies","generated_at":"2026-11-23","items":[{"id":"x"}]}"#;
        let built = prebuild(feed, None).unwrap();
        let (meta, index) = split(&built.bytes).unwrap();
        assert!(
            matches!(meta.errors[0].1, Reason::Kind(_)),
            "{:?}",
            meta.errors
        );
        // The meta as written before reasons were kinds: a plain Italian string.
        let mut old = serde_json::to_value(&meta).unwrap();
        old["errors"] = serde_json::json!([[0, "manca il campo \"title\""]]);
        let json = old.to_string();
        let mut bytes = Vec::new();
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&[VERSION, 0, 0, 0]);
        bytes.extend_from_slice(&(json.len() as u32).to_le_bytes());
        bytes.extend_from_slice(json.as_bytes());
        bytes.extend_from_slice(index);
        let (read, _) = decode(&bytes).unwrap();
        assert_eq!(
            read.errors,
            vec![(0, Reason::Text("manca il campo \"title\"".into()))]
        );
    }

    #[test]
    fn no_prebuilt_holds_for_the_same_feed_for_a_week() {
        let day = 24.0 * 3600.0 * 1000.0;
        let absent = NoPrebuilt {
            feed_etag: Some("\"v1\"".into()),
            feed_last_modified: Some("Tue, 01 Dec 2026 10:00:00 GMT".into()),
            checked_at: 100.0 * day,
        };
        assert!(absent.holds(Some("\"v1\""), None, 101.0 * day));
        assert!(
            !absent.holds(Some("\"v2\""), None, 101.0 * day),
            "a new feed: ask again"
        );
        assert!(
            !absent.holds(None, None, 101.0 * day),
            "validators gone: ask"
        );
        assert!(
            !absent.holds(Some("\"v1\""), None, 107.5 * day),
            "a week on: ask"
        );
        assert!(
            !absent.holds(Some("\"v1\""), None, 99.0 * day),
            "a clock set back: ask"
        );
        let by_date = NoPrebuilt {
            feed_etag: None,
            ..absent.clone()
        };
        assert!(by_date.holds(None, Some("Tue, 01 Dec 2026 10:00:00 GMT"), 101.0 * day));
        assert!(!by_date.holds(None, Some("Wed, 02 Dec 2026 10:00:00 GMT"), 101.0 * day));
        let bare = NoPrebuilt {
            feed_etag: None,
            feed_last_modified: None,
            checked_at: 100.0 * day,
        };
        assert!(
            bare.holds(None, None, 101.0 * day),
            "nothing to compare: the week decides"
        );
    }

    #[test]
    fn a_jsonld_list_is_prebuilt_without_shards() {
        let (offers, _) = crate::domain::vacancy::parse_vacancy_feed(FEED).unwrap();
        let list: Vec<serde_json::Value> = offers
            .iter()
            .take(5)
            .map(crate::domain::vacancy::to_jobposting)
            .collect();
        let text = serde_json::Value::Array(list).to_string();
        let built = prebuild(&text, None).unwrap();
        let (meta, index) = decode(&built.bytes).unwrap();
        assert_eq!((meta.accepted, index.len(), meta.offer_shards), (5, 5, 0));
        assert!(built.shards.is_empty());
    }
}
