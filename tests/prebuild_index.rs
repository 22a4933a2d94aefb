//! The publisher's tool, `prebuild_index FEED OUT.slix`, run as a program:
//! it writes the index and the offer shards, drops the shards of older
//! feeds, leaves unchanged files alone and fails cleanly on bad input.

use sportello_lavoro::domain::offer_shards::shard_path;
use sportello_lavoro::domain::search::prebuilt;
use std::path::{Path, PathBuf};
use std::process::Command;

const FEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/vacancies.json");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prebuild-index-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(feed: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_prebuild_index"))
        .arg(feed)
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn writes_index_and_shards_and_drops_older_shards() {
    let dir = temp_dir("ok");
    let stale = dir.join("vacancies-offers/0123456789abcdef");
    std::fs::create_dir_all(&stale).unwrap();
    std::fs::write(stale.join("0.json"), "{}").unwrap();

    let out = dir.join("vacancies.slix");
    let o = run(Path::new(FEED), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    let (meta, index) = prebuilt::decode(&bytes).unwrap();
    assert_eq!(index.len(), meta.accepted);
    assert!(meta.offer_shards > 1);
    for k in 0..meta.offer_shards {
        assert!(
            dir.join(shard_path(&meta.feed_hash, k)).is_file(),
            "shard {k}"
        );
    }
    assert!(!stale.exists(), "the shards of an older feed are removed");
    assert!(!dir.join("vacancies.tmp").exists());

    // Unchanged: not rewritten (a file watcher would rebuild in a loop).
    let modified = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let before = modified(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert!(run(Path::new(FEED), &out).status.success());
    assert_eq!(modified(&out), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_jsonld_list_gets_an_index_and_no_shards() {
    let dir = temp_dir("jsonld");
    let feed = dir.join("list.json");
    std::fs::write(
        &feed,
        r#"[{"@type":"JobPosting","identifier":"J-1","title":"Cuoco","description":"Cucina.","datePosted":"2026-11-20",
            "hiringOrganization":{"name":"Trattoria (fittizia)"},"jobLocation":{"address":{"addressLocality":"Rimini","addressRegion":"RN"}}}]"#,
    )
    .unwrap();
    let out = dir.join("vacancies.slix");
    let o = run(&feed, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (meta, index) = prebuilt::decode(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!((meta.accepted, index.len(), meta.offer_shards), (1, 1, 0));
    assert!(!dir.join("vacancies-offers").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_is_an_error_message_not_a_panic() {
    let dir = temp_dir("bad");
    let out = dir.join("x.slix");
    let missing = run(&dir.join("missing.json"), &out);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("missing.json"));

    let not_a_feed = dir.join("catalogue.json");
    std::fs::write(
        &not_a_feed,
        r#"{"schema_version":1,"feed":"catalogue","generated_at":"x","items":[]}"#,
    )
    .unwrap();
    let wrong = run(&not_a_feed, &out);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("dati diversi"),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
    assert!(!out.exists());

    let usage = Command::new(env!("CARGO_BIN_EXE_prebuild_index"))
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
