//! Every translation key used in the source exists in every language, so
//! no screen can show a raw key.

use sportello_lavoro::i18n::{keys, Lang};
use std::collections::BTreeSet;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// String literals passed to t(), t_now(), tf() and similar, plus literals
/// that look like keys of the known families (e.g. label_key tables).
fn used_keys() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    keys_in(&files)
}

fn keys_in(files: &[std::path::PathBuf]) -> BTreeSet<String> {
    let known_prefixes: BTreeSet<String> = keys(Lang::It)
        .iter()
        .filter_map(|k| k.split('.').next().map(str::to_string))
        .collect();
    let mut found = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        for (i, _) in text.match_indices('"') {
            let rest = &text[i + 1..];
            let Some(end) = rest.find('"') else { continue };
            let lit = &rest[..end];
            let looks_like_key = lit.contains('.')
                && !lit.contains(' ')
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
                && lit
                    .split('.')
                    .next()
                    .is_some_and(|p| known_prefixes.contains(p))
                && !lit.ends_with('.');
            if looks_like_key {
                found.insert(lit.to_string());
            }
        }
    }
    found
}

#[test]
fn every_used_key_is_translated() {
    let used = used_keys();
    assert!(
        used.len() > 50,
        "the scan found too few keys ({}); is it broken?",
        used.len()
    );
    // Error kinds map to their keys in match tables (`message()`): the scan
    // must see those literals too.
    for key in [
        "error.feed.malformed",
        "error.feed.of.belfiore",
        "error.storage.quota",
        "error.outbox.offline",
    ] {
        assert!(used.contains(key), "the scan missed {key}");
    }
    for lang in Lang::ALL {
        let have: BTreeSet<String> = keys(lang).into_iter().collect();
        let missing: Vec<&String> = used.iter().filter(|k| !have.contains(*k)).collect();
        assert!(
            missing.is_empty(),
            "keys missing in {}: {missing:?}",
            lang.code()
        );
    }
}

/// The code of the main module (the app's frame, the home page, the
/// outbox, shared widgets, state and network) shows its texts before any
/// feature's texts are fetched: its keys must be in the start files
/// (`common.json`, `errors.json`; tools/build/locales.mjs).
#[test]
fn the_main_module_uses_only_start_texts() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("app.rs"), src.join("pages/not_found.rs")];
    for dir in [
        "components",
        "state",
        "net",
        "hooks",
        "ui",
        "pages/home",
        "pages/outbox",
    ] {
        rust_files(&src.join(dir), &mut files);
    }
    let used = keys_in(&files);
    assert!(
        used.len() > 30,
        "the scan found too few keys ({})",
        used.len()
    );
    let start: BTreeSet<String> = ["common", "errors"]
        .iter()
        .flat_map(|f| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/it/{f}.json"));
            let map: std::collections::BTreeMap<String, serde_json::Value> =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            map.into_keys()
        })
        .collect();
    let outside: Vec<&String> = used.iter().filter(|k| !start.contains(*k)).collect();
    assert!(
        outside.is_empty(),
        "main-module keys outside common.json and errors.json: {outside:?}"
    );
}
