//! Every translation has exactly Italian's keys, and each message the same
//! placeholders as Italian's; italiano semplice rewrites a part of them,
//! with the same placeholders (issue 16).

use sportello_lavoro::i18n::{keys, lookup, Lang};
use std::collections::BTreeSet;

fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect();
    out.sort();
    out
}

fn key_set(lang: Lang) -> BTreeSet<String> {
    keys(lang).into_iter().collect()
}

#[test]
fn every_language_has_italians_keys_and_placeholders() {
    let italian = key_set(Lang::It);
    assert!(
        italian.len() > 1_000,
        "{} Italian keys: are the files read?",
        italian.len()
    );
    let mut problems = Vec::new();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::It) {
        let have = key_set(lang);
        for k in italian.difference(&have) {
            problems.push(format!("{}: missing {k}", lang.code()));
        }
        for k in have.difference(&italian) {
            problems.push(format!("{}: extra {k}", lang.code()));
        }
        for k in italian.intersection(&have) {
            let (it, tr) = (lookup(Lang::It, k), lookup(lang, k));
            if placeholders(&it) != placeholders(&tr) {
                problems.push(format!(
                    "{}: {k} has {:?}, Italian {:?}",
                    lang.code(),
                    placeholders(&tr),
                    placeholders(&it)
                ));
            }
            if !it.is_empty() && tr.trim().is_empty() {
                problems.push(format!("{}: {k} is empty", lang.code()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn italiano_semplice_rewrites_only_italian_keys_with_their_placeholders() {
    let italian = key_set(Lang::It);
    let simple = key_set(Lang::ItSimple);
    assert!(
        simple.len() > 100,
        "italiano semplice has {} texts",
        simple.len()
    );
    let extra: Vec<_> = simple.difference(&italian).collect();
    assert!(extra.is_empty(), "keys Italian does not have: {extra:?}");
    for k in &simple {
        let (it, easy) = (lookup(Lang::It, k), lookup(Lang::ItSimple, k));
        assert_eq!(placeholders(&easy), placeholders(&it), "{k}");
        assert_ne!(easy, it, "{k} is not rewritten");
    }
}

#[test]
fn unchecked_translations_say_so_and_italian_does_not() {
    assert_eq!(lookup(Lang::It, "footer.translation_unchecked"), "");
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::It) {
        assert!(
            lookup(lang, "footer.translation_unchecked").len() > 20,
            "{}",
            lang.code()
        );
    }
}

#[test]
fn the_placeholder_scan_sees_what_it_should() {
    assert_eq!(
        placeholders("Tra {seconds} s: {a} e {b}"),
        ["a", "b", "seconds"]
    );
    assert!(placeholders("nessuno").is_empty());
}
