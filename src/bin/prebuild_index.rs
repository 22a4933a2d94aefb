//! `prebuild_index FEED.json OUT.slix`: the publisher's side of the prebuilt
//! index (`domain::search::prebuilt`). Writes the index file and, next to it,
//! the offer shards (`vacancies-offers/<feed_hash>/<k>.json`, removing the
//! shards of older feeds). Run natively each time the feed is published;
//! `tools/prebuild-index.sh` wraps it.

use sportello_lavoro::domain::offer_shards::{shard_path, SHARDS_ROOT};
use sportello_lavoro::domain::search::prebuilt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [feed, out] = args.as_slice() else {
        eprintln!("uso: prebuild_index FEED.json OUT.slix");
        return ExitCode::from(2);
    };
    match run(Path::new(feed), Path::new(out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prebuild_index: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(feed: &Path, out: &Path) -> Result<(), String> {
    let started = std::time::Instant::now();
    let body = std::fs::read_to_string(feed).map_err(|e| format!("{}: {e}", feed.display()))?;
    let built = prebuilt::prebuild(&body, None).map_err(|e| format!("{}: {e}", feed.display()))?;
    drop(body);
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
    eprintln!(
        "{}: {} offerte ({} scartate), {:.1} MB, {} file di offerte, in {:.1} s",
        out.display(),
        built.meta.accepted,
        built.meta.skipped,
        built.bytes.len() as f64 / 1_048_576.0,
        built.shards.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Write beside and rename, so a server never serves half a file. A file
/// that already holds these bytes is left alone (no needless rebuilds).
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
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
