//! Every translation has exactly Italian's keys, and each message the same
//! placeholders as Italian's; italiano semplice rewrites a part of them,
//! with the same placeholders (issue 16).

use sportello_lavoro::i18n::{keys, lookup, plural_category, plural_forms, Lang};
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

/// The CLDR categories a language's numbers fall into.
fn categories(lang: Lang) -> BTreeSet<String> {
    (0..=300)
        .map(f64::from)
        .chain([1_000.0, 10_000.0, 100_000.0, 1_000_000.0])
        .map(|n| plural_category(lang, n))
        .collect()
}

#[test]
fn plural_messages_have_each_languages_forms() {
    assert_eq!(categories(Lang::Ar).len(), 6, "Arabic has six forms");
    // Ukrainian's whole numbers are one, few, many ("other" is for fractions).
    assert_eq!(categories(Lang::Uk).len(), 3, "Ukrainian's whole numbers");
    let plural_keys: Vec<String> = keys(Lang::It)
        .into_iter()
        .filter(|k| !plural_forms(Lang::It, k).is_empty())
        .collect();
    assert!(
        plural_keys.len() >= 10,
        "{} plural messages in Italian",
        plural_keys.len()
    );
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        // Every category of the language's whole numbers, and "other", the
        // fallback. Newer CLDR data (the browser's) adds "many" for round
        // millions in Italian, French and Spanish: allowed, not required.
        let mut want = categories(lang);
        want.insert("other".into());
        let newer: &[&str] = if matches!(lang, Lang::It | Lang::Fr | Lang::Es) {
            &["many"]
        } else {
            &[]
        };
        for key in &plural_keys {
            let forms = plural_forms(lang, key);
            let have: BTreeSet<String> = forms.iter().map(|(c, _)| c.clone()).collect();
            let extra: Vec<&String> = have
                .difference(&want)
                .filter(|c| !newer.contains(&c.as_str()))
                .collect();
            if !want.is_subset(&have) || !extra.is_empty() {
                problems.push(format!(
                    "{}: {key} has forms {have:?}, CLDR {want:?}",
                    lang.code()
                ));
            }
            let italian = placeholders(&lookup(Lang::It, key));
            for (category, text) in &forms {
                let mine = placeholders(text);
                if category == "other" && mine != italian
                    || mine.iter().any(|p| !italian.contains(p))
                {
                    problems.push(format!(
                        "{}: {key}#{category} has {mine:?}, Italian {italian:?}",
                        lang.code()
                    ));
                }
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
