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
        all.extend(serde_json::from_str::<Dict>(src).map_err(|_| BadLocale)?);
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

/// `lookup` with `{name}` placeholders filled in.
pub fn lookup_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut text = lookup(lang, key);
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A domain message (an error kind's key and arguments) in `lang`.
pub fn render(lang: Lang, msg: &Msg) -> String {
    msg.render(&|k| lookup(lang, k))
}

/// A domain message in the current language (tracked inside a reactive scope).
#[cfg(target_arch = "wasm32")]
pub fn tm(msg: &Msg) -> String {
    msg.render(&|k| t_now(k))
}

/// Every key of a locale, for the tests.
pub fn keys(lang: Lang) -> Vec<String> {
    let mut k: Vec<String> = dict(lang)
        .map(|d| d.keys().cloned().collect())
        .unwrap_or_default();
    k.sort();
    k
}

// The locale files are read natively (the wasm fetches them).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_locale_file_is_a_flat_string_map() {
        for lang in Lang::ALL {
            for src in lang.sources() {
                assert!(
                    serde_json::from_str::<Dict>(src).is_ok(),
                    "a {} locale file does not parse",
                    lang.code()
                );
            }
        }
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
