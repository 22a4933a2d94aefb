//! Offer shards: the vacancies feed cut into small files by offer id, so a
//! detail page downloads and parses about 256 KB instead of the whole feed
//! (119 MB at 100,000 offers). The publisher writes them with the prebuilt
//! index (`tools/prebuild-index.sh`):
//!
//! ```text
//! vacancies.slix                               the index; its meta names the shard count
//! vacancies-offers/<feed_hash>/<k>.json        k = 0 … count − 1
//! ```
//! Each shard is a complete vacancies feed (same envelope, same schema)
//! holding, verbatim, the records whose id falls in it ([`shard_of`]). The
//! feed's content hash in the path ties the shards to one feed version, so
//! they never need revalidating: a new feed has new paths.

use crate::domain::feed::{self, FeedError, FeedKind};
use crate::domain::vacancy::Vacancy;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{HashMap, HashSet};

/// Aimed-at size of one shard.
pub const SHARD_BYTES: u64 = 256 * 1024;
/// At most this many shards.
pub const MAX_SHARDS: u32 = 4096;

/// How many shards a feed of `feed_bytes` bytes is cut into.
pub fn shard_count(feed_bytes: u64) -> u32 {
    (feed_bytes.div_ceil(SHARD_BYTES)).clamp(1, MAX_SHARDS as u64) as u32
}

/// The shard of an offer id (64-bit FNV-1a of the id, modulo `count`).
pub fn shard_of(id: &str, count: u32) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in id.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % count.max(1) as u64) as u32
}

/// The folder of every feed version's shards, relative to the data base URL
/// (or the folder of the feed).
pub const SHARDS_ROOT: &str = "vacancies-offers/";

/// The folder of one feed version's shards.
pub fn shards_dir(feed_hash: &str) -> String {
    format!("{SHARDS_ROOT}{feed_hash}/")
}

/// Path of shard `k` of a feed version.
pub fn shard_path(feed_hash: &str, k: u32) -> String {
    format!("{}{k}.json", shards_dir(feed_hash))
}

/// Cut a feed into `count` shards, each a feed text. Records without a
/// readable `id` go nowhere (they are skipped by the import anyway).
pub fn split_feed(text: &str, count: u32) -> Result<Vec<String>, FeedError> {
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    let feed: feed::Feed<Box<RawValue>> = feed::decode(FeedKind::Vacancies, text)?;
    let count = count.max(1);
    let mut head = format!(
        "{{\"schema_version\":{},\"feed\":{},\"generated_at\":{},\"demo\":{}",
        feed.schema_version,
        json_string(&feed.feed),
        json_string(&feed.generated_at),
        feed.demo
    );
    if let Some(source) = &feed.source {
        head.push_str(&format!(",\"source\":{}", json_string(source)));
    }
    head.push_str(",\"items\":[");
    let mut shards: Vec<String> = vec![head; count as usize];
    let mut first = vec![true; count as usize];
    for raw in &feed.items {
        // A record naming `id` twice reads as the import reads it: the last wins.
        let id = serde_json::from_str::<Id>(raw.get())
            .map(|i| i.id)
            .ok()
            .or_else(|| {
                let v: serde_json::Value = serde_json::from_str(raw.get()).ok()?;
                v.get("id")?.as_str().map(str::to_string)
            });
        let Some(id) = id else {
            continue;
        };
        let k = shard_of(&id, count) as usize;
        if !first[k] {
            shards[k].push(',');
        }
        first[k] = false;
        shards[k].push('\n');
        shards[k].push_str(raw.get());
    }
    for s in &mut shards {
        s.push_str("\n]}\n");
    }
    Ok(shards)
}

/// The offers known so far.
#[derive(Clone, Debug, Default)]
pub struct Offers {
    by_id: HashMap<String, Vacancy>,
    /// Every offer of the feed is here.
    complete: bool,
    /// Shards of the current feed (0: not sharded) and those loaded.
    shard_count: u32,
    loaded: HashSet<u32>,
}

impl Offers {
    /// No offer yet, for an index whose feed has `shard_count` shards.
    pub fn empty(shard_count: u32) -> Self {
        Offers {
            shard_count,
            ..Default::default()
        }
    }

    /// All the offers of a feed.
    pub fn complete(list: Vec<Vacancy>) -> Self {
        Offers {
            by_id: list.into_iter().map(|v| (v.id.clone(), v)).collect(),
            complete: true,
            ..Default::default()
        }
    }

    /// `None`: not known yet; `Some(None)`: there is no such offer.
    pub fn lookup(&self, id: &str) -> Option<Option<&Vacancy>> {
        match self.by_id.get(id) {
            Some(v) => Some(Some(v)),
            None if self.complete => Some(None),
            None if self.shard_count > 0
                && self.loaded.contains(&shard_of(id, self.shard_count)) =>
            {
                Some(None)
            }
            None => None,
        }
    }

    pub fn is_complete(&self) -> bool {
        self.complete
    }

    pub fn shard_count(&self) -> u32 {
        self.shard_count
    }

    /// Use the shards of the same feed, published after its offers were
    /// first asked for (only while nothing is loaded).
    pub fn adopt_shards(&mut self, count: u32) {
        if !self.complete && self.loaded.is_empty() {
            self.shard_count = count;
        }
    }

    /// The offers of shard `k` (of the same feed version).
    pub fn add_shard(&mut self, k: u32, list: Vec<Vacancy>) {
        self.by_id
            .extend(list.into_iter().map(|v| (v.id.clone(), v)));
        self.loaded.insert(k);
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vacancy::parse_vacancy_feed;

    const FEED: &str = include_str!("../../public/data/vacancies.json");

    #[test]
    fn counts_and_assignment() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(SHARD_BYTES), 1);
        assert_eq!(shard_count(SHARD_BYTES + 1), 2);
        assert_eq!(shard_count(u64::MAX / 2), MAX_SHARDS);
        assert_eq!(shard_of("ER-DEMO-0000001", 1), 0);
        assert_eq!(shard_of("x", 0), 0, "no division by zero");
        // Stable across versions: the publisher and the app must agree.
        assert_eq!(
            shard_of("ER-DEMO-0000001", 16),
            shard_of("ER-DEMO-0000001", 16)
        );
        assert_eq!(shard_of("", 7), (0xcbf2_9ce4_8422_2325u64 % 7) as u32);
        assert_eq!(shard_path("abc", 3), "vacancies-offers/abc/3.json");
    }

    #[test]
    fn shards_hold_every_offer_once_and_parse_like_the_feed() {
        let count = shard_count(FEED.len() as u64);
        assert!(count > 4, "the demo feed makes several shards ({count})");
        let shards = split_feed(FEED, count).unwrap();
        assert_eq!(shards.len(), count as usize);
        let (all, report) = parse_vacancy_feed(FEED).unwrap();
        let mut seen = 0;
        for (k, text) in shards.iter().enumerate() {
            assert!(
                text.len() as u64 <= 2 * SHARD_BYTES,
                "shard {k} is {} bytes",
                text.len()
            );
            let (offers, r) = parse_vacancy_feed(text).unwrap();
            assert_eq!(r.skipped, 0);
            for v in &offers {
                assert_eq!(shard_of(&v.id, count), k as u32);
                assert_eq!(
                    Some(v),
                    all.iter().find(|a| a.id == v.id),
                    "same record as in the feed"
                );
            }
            seen += offers.len();
        }
        assert_eq!(seen, report.accepted);
    }

    #[test]
    fn known_offers_tell_loading_from_missing() {
        let (all, _) = parse_vacancy_feed(FEED).unwrap();
        let count = shard_count(FEED.len() as u64);
        let id = all[0].id.clone();
        let k = shard_of(&id, count);
        let mut known = Offers::empty(count);
        assert_eq!(known.lookup(&id), None, "not loaded yet");
        assert_eq!(known.lookup("NOPE"), None);
        let shard: Vec<Vacancy> = all
            .iter()
            .filter(|v| shard_of(&v.id, count) == k)
            .cloned()
            .collect();
        known.add_shard(k, shard);
        assert_eq!(
            known.lookup(&id).flatten().map(|v| v.id.as_str()),
            Some(id.as_str())
        );
        // An id of the same shard that is not in it: known missing.
        let missing = (0..)
            .map(|i| format!("NOPE-{i}"))
            .find(|x| shard_of(x, count) == k)
            .unwrap();
        assert_eq!(known.lookup(&missing), Some(None));
        // Of another shard: still unknown.
        let other = (0..)
            .map(|i| format!("NOPE-{i}"))
            .find(|x| shard_of(x, count) != k)
            .unwrap();
        assert_eq!(known.lookup(&other), None);
        // Shards published later are adopted only while nothing is loaded.
        known.adopt_shards(count + 1);
        assert_eq!(known.shard_count(), count);
        let mut fresh = Offers::default();
        fresh.adopt_shards(count);
        assert_eq!(fresh.shard_count(), count);
        // The whole feed: everything is known.
        let complete = Offers::complete(all.clone());
        assert!(complete.is_complete());
        assert_eq!(complete.lookup(&other), Some(None));
        assert!(complete.lookup(&id).flatten().is_some());
    }

    #[test]
    fn a_record_naming_its_id_twice_is_in_the_shard_of_the_id_the_import_reads() {
        let (all, _) = parse_vacancy_feed(FEED).unwrap();
        let v = serde_json::to_string(&all[0]).unwrap();
        let doubled = v.replacen("{", r#"{"id":"FIRST-ID","#, 1);
        let feed = format!(
            r#"{{"schema_version":1,"feed":"vacancies","generated_at":"2026-11-23","items":[{doubled}]}}"#
        );
        let (read, _) = parse_vacancy_feed(&feed).unwrap();
        assert_eq!(read.len(), 1, "the import takes it");
        let count = 8;
        let shards = split_feed(&feed, count).unwrap();
        let k = shard_of(&read[0].id, count) as usize;
        let (in_shard, _) = parse_vacancy_feed(&shards[k]).unwrap();
        assert_eq!(in_shard.len(), 1, "its detail page finds it");
        assert_eq!(in_shard[0].id, read[0].id);
    }

    #[test]
    fn bad_records_stay_out_and_a_bad_envelope_is_an_error() {
        let feed = r#"{"schema_version":1,"feed":"vacancies","generated_at":"2026-11-23","items":[{"nope":1},{"id":"A","title":"x"},7]}"#;
        let shards = split_feed(feed, 2).unwrap();
        let joined = shards.concat();
        assert!(joined.contains(r#"{"id":"A","title":"x"}"#));
        assert!(!joined.contains("nope"));
        for s in &shards {
            assert!(
                serde_json::from_str::<serde_json::Value>(s).is_ok(),
                "valid JSON: {s}"
            );
        }
        assert!(split_feed("[]", 2).is_err());
        assert!(split_feed(
            r#"{"schema_version":1,"feed":"catalogue","generated_at":"x","items":[]}"#,
            2
        )
        .is_err());
    }
}
