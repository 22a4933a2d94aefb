//! Translations. Every UI string lives in `locales/<lang>/<feature>.json` (flat keys);
//! Italian is complete and is the fallback for any missing key.

#[cfg(target_arch = "wasm32")]
mod reactive;
#[cfg(target_arch = "wasm32")]
pub use reactive::*;

use crate::domain::message::Msg;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    It,
    En,
    Fr,
    Es,
    Ro,
    Uk,
    Ar,
    /// Italiano semplice: the explanations in easy Italian; every other
    /// text is the Italian one (its files hold only what it rewrites).
    ItSimple,
}

impl Lang {
    /// The full translations, each with every key of Italian.
    pub const ALL: [Lang; 7] = [
        Lang::It,
        Lang::En,
        Lang::Fr,
        Lang::Es,
        Lang::Ro,
        Lang::Uk,
        Lang::Ar,
    ];
    /// What the language switch offers, in its order.
    pub const CHOICES: [Lang; 8] = [
        Lang::It,
        Lang::ItSimple,
        Lang::En,
        Lang::Fr,
        Lang::Es,
        Lang::Ro,
        Lang::Uk,
        Lang::Ar,
    ];

    /// The code of its locale files and of the stored choice.
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ro => "ro",
            Lang::Uk => "uk",
            Lang::Ar => "ar",
            Lang::ItSimple => "it-simple",
        }
    }

    /// The BCP 47 tag for `<html lang>` and `Intl` (easy Italian is Italian).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ItSimple => "it",
            other => other.code(),
        }
    }

    /// Text direction for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::It => "Italiano",
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::Ro => "Română",
            Lang::Uk => "Українська",
            Lang::Ar => "العربية",
            Lang::ItSimple => "Italiano semplice",
        }
    }

    /// A stored choice ("it-simple") or a browser's language ("fr-FR"):
    /// the primary subtag picks a full translation.
    pub fn from_code(code: &str) -> Option<Lang> {
        if code.eq_ignore_ascii_case("it-simple") {
            return Some(Lang::ItSimple);
        }
        let primary = code
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The locale files of a language, one per feature. Native builds (the
    /// tests) read them from here; the app fetches them merged by the build
    /// (`net::locales`), so no dictionary is in the wasm.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn sources(self) -> &'static [&'static str] {
        match self {
            Lang::It => &[
                include_str!("../../locales/it/common.json"),
                include_str!("../../locales/it/catalogue.json"),
                include_str!("../../locales/it/did.json"),
                include_str!("../../locales/it/vacancies.json"),
                include_str!("../../locales/it/errors.json"),
                include_str!("../../locales/it/profile.json"),
                include_str!("../../locales/it/avvisi.json"),
                include_str!("../../locales/it/percorso.json"),
                include_str!("../../locales/it/accessibility.json"),
            ],
            Lang::En => &[
                include_str!("../../locales/en/common.json"),
                include_str!("../../locales/en/catalogue.json"),
                include_str!("../../locales/en/did.json"),
                include_str!("../../locales/en/vacancies.json"),
                include_str!("../../locales/en/errors.json"),
                include_str!("../../locales/en/profile.json"),
                include_str!("../../locales/en/avvisi.json"),
                include_str!("../../locales/en/percorso.json"),
                include_str!("../../locales/en/accessibility.json"),
            ],
            Lang::Fr => &[
                include_str!("../../locales/fr/common.json"),
                include_str!("../../locales/fr/catalogue.json"),
                include_str!("../../locales/fr/did.json"),
                include_str!("../../locales/fr/vacancies.json"),
                include_str!("../../locales/fr/errors.json"),
                include_str!("../../locales/fr/profile.json"),
                include_str!("../../locales/fr/avvisi.json"),
                include_str!("../../locales/fr/percorso.json"),
                include_str!("../../locales/fr/accessibility.json"),
            ],
            Lang::Es => &[
                include_str!("../../locales/es/common.json"),
                include_str!("../../locales/es/catalogue.json"),
                include_str!("../../locales/es/did.json"),
                include_str!("../../locales/es/vacancies.json"),
                include_str!("../../locales/es/errors.json"),
                include_str!("../../locales/es/profile.json"),
                include_str!("../../locales/es/avvisi.json"),
                include_str!("../../locales/es/percorso.json"),
                include_str!("../../locales/es/accessibility.json"),
            ],
            Lang::Ro => &[
                include_str!("../../locales/ro/common.json"),
                include_str!("../../locales/ro/catalogue.json"),
                include_str!("../../locales/ro/did.json"),
                include_str!("../../locales/ro/vacancies.json"),
                include_str!("../../locales/ro/errors.json"),
                include_str!("../../locales/ro/profile.json"),
                include_str!("../../locales/ro/avvisi.json"),
                include_str!("../../locales/ro/percorso.json"),
                include_str!("../../locales/ro/accessibility.json"),
            ],
            Lang::Uk => &[
                include_str!("../../locales/uk/common.json"),
                include_str!("../../locales/uk/catalogue.json"),
                include_str!("../../locales/uk/did.json"),
                include_str!("../../locales/uk/vacancies.json"),
                include_str!("../../locales/uk/errors.json"),
                include_str!("../../locales/uk/profile.json"),
                include_str!("../../locales/uk/avvisi.json"),
                include_str!("../../locales/uk/percorso.json"),
                include_str!("../../locales/uk/accessibility.json"),
            ],
            Lang::Ar => &[
                include_str!("../../locales/ar/common.json"),
                include_str!("../../locales/ar/catalogue.json"),
                include_str!("../../locales/ar/did.json"),
                include_str!("../../locales/ar/vacancies.json"),
                include_str!("../../locales/ar/errors.json"),
                include_str!("../../locales/ar/profile.json"),
                include_str!("../../locales/ar/avvisi.json"),
                include_str!("../../locales/ar/percorso.json"),
                include_str!("../../locales/ar/accessibility.json"),
            ],
            Lang::ItSimple => &[
                include_str!("../../locales/it-simple/common.json"),
                include_str!("../../locales/it-simple/catalogue.json"),
                include_str!("../../locales/it-simple/did.json"),
                include_str!("../../locales/it-simple/vacancies.json"),
                include_str!("../../locales/it-simple/errors.json"),
                include_str!("../../locales/it-simple/profile.json"),
                include_str!("../../locales/it-simple/avvisi.json"),
                include_str!("../../locales/it-simple/percorso.json"),
                include_str!("../../locales/it-simple/accessibility.json"),
            ],
        }
    }
}

type Dict = HashMap<String, String>;

/// The dictionaries loaded so far. The app is single-threaded; the lock only
/// makes the static sound.
static LOADED: RwLock<Vec<(Lang, Arc<Dict>)>> = RwLock::new(Vec::new());

/// A locale file that is not a flat map of strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadLocale;

/// Add `sources` (flat key -> text maps, merged in order) to the dictionary
/// of `lang` (a later text of a key replaces an earlier one).
pub fn install(lang: Lang, sources: &[&str]) -> Result<(), BadLocale> {
    let mut all = Dict::new();
    for src in sources {
        let map: HashMap<String, serde_json::Value> =
            serde_json::from_str(src).map_err(|_| BadLocale)?;
        for (key, value) in map {
            match value {
                serde_json::Value::String(text) => {
                    all.insert(key, text);
                }
                // A message with CLDR plural forms: {"one": "…", "other": "…"}.
                // Each form is kept as `key#category`; the key alone is "other".
                serde_json::Value::Object(forms) => {
                    let mut other = None;
                    for (category, text) in forms {
                        let (true, serde_json::Value::String(text)) =
                            (PLURAL_CATEGORIES.contains(&category.as_str()), text)
                        else {
                            return Err(BadLocale);
                        };
                        if category == "other" {
                            other = Some(text.clone());
                        }
                        all.insert(format!("{key}{PLURAL_MARK}{category}"), text);
                    }
                    all.insert(key, other.ok_or(BadLocale)?);
                }
                _ => return Err(BadLocale),
            }
        }
    }
    // Added to what the language already has: its texts come in parts
    // (the start texts, then the pages'; net/locales.rs).
    let mut loaded = LOADED.write().unwrap_or_else(|e| e.into_inner());
    if let Some((_, have)) = loaded.iter().find(|(l, _)| *l == lang) {
        let mut merged = Dict::clone(have);
        merged.extend(all);
        all = merged;
    }
    loaded.retain(|(l, _)| *l != lang);
    loaded.push((lang, Arc::new(all)));
    Ok(())
}

/// Whether the dictionary of `lang` is loaded.
pub fn is_loaded(lang: Lang) -> bool {
    dict(lang).is_some()
}

fn dict(lang: Lang) -> Option<Arc<Dict>> {
    let found = LOADED
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, d)| d.clone());
    // Native builds (the tests) load from the sources on first use.
    #[cfg(not(target_arch = "wasm32"))]
    if found.is_none() {
        install(lang, lang.sources()).ok()?;
        return dict(lang);
    }
    found
}

/// The text for `key` in `lang`, else in Italian, else the key itself.
/// (A dictionary not loaded yet counts as one without the key.)
pub fn lookup(lang: Lang, key: &str) -> String {
    [lang, Lang::It]
        .into_iter()
        .find_map(|l| dict(l).and_then(|d| d.get(key).cloned()))
        .unwrap_or_else(|| key.to_string())
}

/// The CLDR plural categories a message may give forms for.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
/// Between a key and a category in the dictionary (`vacancies.count.n#one`).
const PLURAL_MARK: char = '#';
/// The arguments that choose a plural form, in this order: the first one a
/// message has is the number its counted noun follows.
const PLURAL_ARGS: [&str; 6] = ["count", "days", "n", "months", "min", "age"];

/// The CLDR plural category of `n` in `lang`: the browser's
/// `Intl.PluralRules` in the app, the same rules from `intl_pluralrules`
/// natively.
#[cfg(target_arch = "wasm32")]
pub fn plural_category(lang: Lang, n: f64) -> String {
    thread_local! {
        // One set of rules per language, built on first use: counts are
        // rendered by the hundred.
        static RULES: std::cell::RefCell<Vec<(Lang, js_sys::Intl::PluralRules)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    RULES.with(|rules| {
        let mut rules = rules.borrow_mut();
        if !rules.iter().any(|(l, _)| *l == lang) {
            let locales = js_sys::Array::of1(&lang.tag().into());
            rules.push((
                lang,
                js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new()),
            ));
        }
        rules
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, r)| r.select(n).into())
            .unwrap_or_else(|| "other".into())
    })
}

#[cfg(not(target_arch = "wasm32"))]
pub fn plural_category(lang: Lang, n: f64) -> String {
    use intl_pluralrules::{PluralCategory as C, PluralRuleType, PluralRules};
    let Ok(id) = lang.tag().parse::<unic_langid::LanguageIdentifier>() else {
        return "other".into();
    };
    let Ok(rules) = PluralRules::create(id, PluralRuleType::CARDINAL) else {
        return "other".into();
    };
    let category = if n.fract() == 0.0 && n >= 0.0 {
        rules.select(n as u64)
    } else {
        rules.select(n)
    };
    match category {
        Ok(C::ZERO) => "zero",
        Ok(C::ONE) => "one",
        Ok(C::TWO) => "two",
        Ok(C::FEW) => "few",
        Ok(C::MANY) => "many",
        _ => "other",
    }
    .into()
}

/// The plural forms of `key` in `lang`, by category (empty for a plain message).
pub fn plural_forms(lang: Lang, key: &str) -> Vec<(String, String)> {
    let Some(d) = dict(lang) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = PLURAL_CATEGORIES
        .iter()
        .filter_map(|c| {
            d.get(&format!("{key}{PLURAL_MARK}{c}"))
                .map(|t| (c.to_string(), t.clone()))
        })
        .collect();
    out.sort();
    out
}

/// The form of a plural message for the number in `args`, in the first of
/// `lang` and Italian that has the message.
fn plural_text(lang: Lang, key: &str, args: &[(&str, &str)]) -> Option<String> {
    let n = PLURAL_ARGS.iter().find_map(|name| {
        let (_, value) = args.iter().find(|(k, _)| k == name)?;
        // Digits only: "12.345" and "12,345" are both twelve thousand.
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        digits.parse::<u64>().ok()
    })?;
    [lang, Lang::It].into_iter().find_map(|l| {
        let d = dict(l)?;
        d.get(&format!("{key}{PLURAL_MARK}other"))?;
        let category = plural_category(l, n as f64);
        d.get(&format!("{key}{PLURAL_MARK}{category}"))
            .or_else(|| d.get(&format!("{key}{PLURAL_MARK}other")))
            .cloned()
    })
}

/// `lookup` with `{name}` placeholders filled in; a message with plural
/// forms takes the one for the first of `PLURAL_ARGS` it is given.
pub fn lookup_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut text = template(lang, key, args);
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The text of `key` before its placeholders are filled: the plural form
/// for the number in `args` when the message has forms.
fn template(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    plural_text(lang, key, args).unwrap_or_else(|| lookup(lang, key))
}

/// A domain message (an error kind's key and arguments) in `lang`, each
/// part in the plural form of its count.
pub fn render(lang: Lang, msg: &Msg) -> String {
    msg.render_with(&|k, args| template(lang, k, args))
}

/// A domain message in the current language (tracked inside a reactive scope).
#[cfg(target_arch = "wasm32")]
pub fn tm(msg: &Msg) -> String {
    use leptos::prelude::Get;
    render(use_i18n().lang.get(), msg)
}

/// Every key of a locale, for the tests.
pub fn keys(lang: Lang) -> Vec<String> {
    let mut k: Vec<String> = dict(lang)
        .map(|d| {
            d.keys()
                .filter(|k| !k.contains(PLURAL_MARK))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    k.sort();
    k
}

// The locale files are read natively (the wasm fetches them).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_locale_file_is_texts_or_plural_forms() {
        for lang in Lang::CHOICES {
            for (i, src) in lang.sources().iter().enumerate() {
                // A scratch language, so the real dictionaries stay as loaded.
                assert!(
                    install(Lang::ItSimple, &[src]).is_ok(),
                    "{} file {i} does not parse",
                    lang.code()
                );
            }
        }
        LOADED
            .write()
            .unwrap()
            .retain(|(l, _)| *l != Lang::ItSimple);
        assert!(
            install(Lang::ItSimple, &[r#"{"a": {"one": "x"}}"#]).is_err(),
            "plural forms need other"
        );
        assert!(install(
            Lang::ItSimple,
            &[r#"{"a": {"several": "x", "other": "y"}}"#]
        )
        .is_err());
        assert!(install(Lang::ItSimple, &[r#"{"a": 3}"#]).is_err());
        LOADED
            .write()
            .unwrap()
            .retain(|(l, _)| *l != Lang::ItSimple);
    }

    #[test]
    fn plural_forms_follow_each_languages_cldr_rules() {
        // Italian: one for 1 only; Ukrainian: one for 21, few for 22, many for 25;
        // Arabic: six forms.
        assert_eq!(plural_category(Lang::It, 1.0), "one");
        assert_eq!(plural_category(Lang::It, 0.0), "other");
        assert_eq!(plural_category(Lang::Fr, 0.0), "one");
        assert_eq!(plural_category(Lang::Uk, 21.0), "one");
        assert_eq!(plural_category(Lang::Uk, 22.0), "few");
        assert_eq!(plural_category(Lang::Uk, 25.0), "many");
        let ar: Vec<String> = [0.0, 1.0, 2.0, 3.0, 11.0, 100.0]
            .iter()
            .map(|n| plural_category(Lang::Ar, *n))
            .collect();
        assert_eq!(ar, ["zero", "one", "two", "few", "many", "other"]);
        for (lang, key, arg, value, text) in [
            (
                Lang::It,
                "vacancies.count.n",
                "count",
                "1",
                "1 offerta trovata",
            ),
            (
                Lang::It,
                "vacancies.count.n",
                "count",
                "12.345",
                "12.345 offerte trovate",
            ),
            (
                Lang::En,
                "vacancies.fresh.days",
                "count",
                "2",
                "published 2 days ago",
            ),
            (
                Lang::It,
                "avvisi.countdown.days",
                "days",
                "1",
                "Aperto: scade tra 1 giorno",
            ),
        ] {
            assert_eq!(lookup_with(lang, key, &[(arg, value)]), text);
        }
        // Without a number the message reads as its "other" form.
        assert_eq!(
            lookup(Lang::It, "vacancies.count.n"),
            "{count} offerte trovate"
        );
    }

    #[test]
    fn locales_parse_and_have_the_same_keys() {
        let it = keys(Lang::It);
        assert!(it.len() > 50, "Italian locale looks empty or broken");
        assert_eq!(
            it,
            keys(Lang::En),
            "it.json and en.json must have the same keys"
        );
    }

    #[test]
    fn falls_back_and_fills_placeholders() {
        assert_eq!(lookup(Lang::En, "no.such.key"), "no.such.key");
        assert_eq!(lookup(Lang::It, "app.name"), "Sportello Lavoro");
        let s = lookup_with(Lang::It, "outbox.pending_count", &[("count", "3")]);
        assert!(s.contains('3') && !s.contains("{count}"));
    }

    #[test]
    fn parses_language_codes() {
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("IT"), Some(Lang::It));
        assert_eq!(Lang::from_code("xx"), None);
    }
}
