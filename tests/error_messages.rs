//! Every error message lives in the locale files, in both languages, and the
//! English one is really English (not the Italian copied over).

use sportello_lavoro::i18n::{keys, lookup, Lang};

#[test]
fn every_error_key_is_translated_into_english() {
    let it = keys(Lang::It);
    let errors: Vec<&String> = it.iter().filter(|k| k.starts_with("error.")).collect();
    assert!(
        errors.len() >= 20,
        "errors.json looks empty: {}",
        errors.len()
    );
    let en = keys(Lang::En);
    for key in errors {
        assert!(en.contains(key), "{key} missing in en");
        let (it_text, en_text) = (lookup(Lang::It, key), lookup(Lang::En, key));
        assert_ne!(
            it_text, en_text,
            "{key}: the English text is the Italian one"
        );
        for italian in [
            "riprover",
            "salvata",
            "Nessuna",
            "non ",
            " dati ",
            "dispositivo",
        ] {
            assert!(
                !en_text.contains(italian),
                "{key}: Italian ({italian:?}) in English: {en_text}"
            );
        }
    }
}

#[test]
fn storage_errors_have_their_keys() {
    // StorageError lives in the browser-only storage layer: its keys are
    // listed here so this native test checks them.
    for key in [
        "error.storage.unavailable",
        "error.storage.quota",
        "error.storage.failed",
        "error.storage.corrupt",
    ] {
        for lang in Lang::ALL {
            assert!(
                keys(lang).iter().any(|k| k == key),
                "{key} missing in {}",
                lang.code()
            );
        }
    }
    let source = include_str!("../src/storage/mod.rs");
    let used = source.matches("Msg::new(\"error.storage.").count();
    assert_eq!(
        used, 4,
        "a storage error kind was added: list its key above"
    );
}
