//! Writing what a server publishes: files replaced whole, never half
//! written; the prebuilt index after its shards; old shards removed.

use crate::domain::comuni::ComuniIndex;
use crate::domain::offer_shards::{shard_path, SHARDS_ROOT};
use crate::domain::search::prebuilt;
use std::path::{Path, PathBuf};

/// What [`write_prebuilt`] wrote.
#[derive(Clone, Debug, Default)]
pub struct PrebuiltWritten {
    pub index_path: PathBuf,
    pub index_bytes: usize,
    pub accepted: usize,
    pub skipped: usize,
    pub shards: usize,
}

/// Index a feed body into `out` (`vacancies.slix`) and its offer shards
/// beside it (`vacancies-offers/<feed_hash>/<k>.json`), removing the shards
/// of older feeds.
pub fn write_prebuilt(
    feed_body: &str,
    out: &Path,
    comuni: Option<&ComuniIndex>,
) -> Result<PrebuiltWritten, String> {
    let built = prebuilt::prebuild(feed_body, comuni).map_err(|e| e.to_string())?;
    let dir = out
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    // Shards first, so an index never names shards that are not there yet.
    let hash = &built.meta.feed_hash;
    for (k, text) in built.shards.iter().enumerate() {
        write_atomically(&dir.join(shard_path(hash, k as u32)), text.as_bytes())?;
    }
    write_atomically(out, &built.bytes)?;
    // Shards of older feeds (all of them when this one has none).
    if let Ok(entries) = std::fs::read_dir(dir.join(SHARDS_ROOT)) {
        for entry in entries.flatten() {
            if built.shards.is_empty() || entry.file_name().to_string_lossy() != hash.as_str() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    Ok(PrebuiltWritten {
        index_path: out.to_path_buf(),
        index_bytes: built.bytes.len(),
        accepted: built.meta.accepted,
        skipped: built.meta.skipped,
        shards: built.shards.len(),
    })
}

/// Write beside and rename, so a server never serves half a file. A file
/// that already holds these bytes is left alone (no needless rebuilds).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| format!("{}: {e}", path.display()))
}
