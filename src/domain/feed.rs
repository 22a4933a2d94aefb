//! Strict decoding of the public data feeds (catalogue, vacancies, avvisi,
//! CPI offices, comuni). Every feed is a JSON envelope with a schema version;
//! anything unexpected is an error kind (translated by the view), never a panic.

use crate::domain::message::Msg;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The feeds the app knows, with the file name under the data base URL and
/// the schema version this build understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedKind {
    Catalogue,
    Vacancies,
    Avvisi,
    /// The rankings of the avvisi, anonymised by protocol number.
    Graduatorie,
    Offices,
    Comuni,
    /// Historical Belfiore codes of comuni and foreign states (codice fiscale checks).
    Belfiore,
}

impl FeedKind {
    pub const ALL: [FeedKind; 7] = [
        FeedKind::Catalogue,
        FeedKind::Vacancies,
        FeedKind::Avvisi,
        FeedKind::Graduatorie,
        FeedKind::Offices,
        FeedKind::Comuni,
        FeedKind::Belfiore,
    ];

    /// Name used in the envelope's `feed` field and as the cache key.
    pub fn name(self) -> &'static str {
        match self {
            FeedKind::Catalogue => "catalogue",
            FeedKind::Vacancies => "vacancies",
            FeedKind::Avvisi => "avvisi",
            FeedKind::Graduatorie => "graduatorie",
            FeedKind::Offices => "offices",
            FeedKind::Comuni => "comuni",
            FeedKind::Belfiore => "belfiore",
        }
    }

    pub fn file_name(self) -> String {
        format!("{}.json", self.name())
    }

    /// The file the app downloads when the feed is also published in the
    /// compact columnar form (`domain::columns`): the large reference data.
    /// The JSON file stays for tools and tests.
    pub fn compact_file_name(self) -> Option<&'static str> {
        match self {
            FeedKind::Comuni => Some("comuni.cols.txt"),
            FeedKind::Belfiore => Some("belfiore.cols.txt"),
            _ => None,
        }
    }

    /// Schema version understood by this build. Bump it together with the
    /// item type and the generator that writes the feed.
    pub fn schema_version(self) -> u32 {
        1
    }

    /// Translation key of the feed's name as it reads inside the error
    /// messages ("del catalogo dei servizi", "service catalogue").
    pub fn label_key(self) -> &'static str {
        match self {
            FeedKind::Catalogue => "error.feed.of.catalogue",
            FeedKind::Vacancies => "error.feed.of.vacancies",
            FeedKind::Avvisi => "error.feed.of.avvisi",
            FeedKind::Graduatorie => "error.feed.of.graduatorie",
            FeedKind::Offices => "error.feed.of.offices",
            FeedKind::Comuni => "error.feed.of.comuni",
            FeedKind::Belfiore => "error.feed.of.belfiore",
        }
    }
}

/// Text given in Italian and, where translated, in other languages (the
/// app's: en, fr, es, ro, uk, ar). Italian is mandatory: it is the legal text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub it: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ro: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ar: Option<String>,
}

impl Localized {
    pub fn it(text: &str) -> Self {
        Localized {
            it: text.to_string(),
            ..Default::default()
        }
    }

    /// The translation into `lang` (a language code), if there is one.
    pub fn translation(&self, lang: &str) -> Option<&str> {
        match lang {
            "en" => self.en.as_deref(),
            "fr" => self.fr.as_deref(),
            "es" => self.es.as_deref(),
            "ro" => self.ro.as_deref(),
            "uk" => self.uk.as_deref(),
            "ar" => self.ar.as_deref(),
            _ => None,
        }
        .filter(|s| !s.trim().is_empty())
    }

    /// The text in `lang`, falling back to Italian.
    pub fn get(&self, lang: &str) -> &str {
        self.translation(lang).unwrap_or(&self.it)
    }
}

/// The envelope every feed file has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feed<T> {
    pub schema_version: u32,
    pub feed: String,
    /// ISO date or date-time the publisher generated the feed.
    pub generated_at: String,
    /// True when the content is demonstration data, shown as such in the UI.
    #[serde(default)]
    pub demo: bool,
    /// Source and licence attribution.
    #[serde(default)]
    pub source: Option<String>,
    pub items: Vec<T>,
}

impl<T> Feed<T> {
    /// The envelope without the items.
    pub fn meta(&self) -> FeedMeta {
        FeedMeta {
            schema_version: self.schema_version,
            feed: self.feed.clone(),
            generated_at: self.generated_at.clone(),
            demo: self.demo,
            source: self.source.clone(),
        }
    }
}

/// The envelope facts of a feed, whatever its form (JSON, columnar text):
/// enough to show provenance and the demo label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedMeta {
    pub schema_version: u32,
    pub feed: String,
    pub generated_at: String,
    pub demo: bool,
    pub source: Option<String>,
}

/// Why a feed could not be used: a kind with its data. [`FeedError::message`]
/// gives the translation key and arguments; the view translates it.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedError {
    /// Not JSON, or JSON of the wrong shape; `detail` is the parser's
    /// technical text (shown in brackets, as sent by serde).
    Malformed { feed: FeedKind, detail: String },
    /// The envelope names another feed.
    WrongFeed { feed: FeedKind, found: String },
    /// Written for a schema this build does not understand.
    UnsupportedVersion { feed: FeedKind, found: u32 },
    /// The server answered with an HTTP error.
    Http { feed: FeedKind, status: u16 },
    /// No network, or the request failed before an answer.
    Offline { feed: FeedKind },
}

impl FeedError {
    pub fn feed(&self) -> FeedKind {
        match self {
            FeedError::Malformed { feed, .. }
            | FeedError::WrongFeed { feed, .. }
            | FeedError::UnsupportedVersion { feed, .. }
            | FeedError::Http { feed, .. }
            | FeedError::Offline { feed } => *feed,
        }
    }

    /// The message for the person: a key of `locales/*/errors.json` and
    /// its arguments (`{feed}` is itself a key, the feed's name).
    pub fn message(&self) -> Msg {
        let msg = |key: &'static str| Msg::new(key).key_arg("feed", self.feed().label_key());
        match self {
            FeedError::Malformed { detail, .. } => {
                msg("error.feed.malformed").text("detail", detail.clone())
            }
            FeedError::WrongFeed { found, .. } => {
                msg("error.feed.wrong_feed").text("found", found.clone())
            }
            FeedError::UnsupportedVersion { feed, found } => msg("error.feed.unsupported_version")
                .text("found", found.to_string())
                .text("supported", feed.schema_version().to_string()),
            FeedError::Http { status, .. } => {
                msg("error.feed.http").text("status", status.to_string())
            }
            FeedError::Offline { .. } => msg("error.feed.offline"),
        }
    }
}

/// The Italian text, from the locale files: for tools, logs and tests. The
/// views translate [`FeedError::message`] into the reader's language.
impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::render(crate::i18n::Lang::It, &self.message()))
    }
}

/// Minimal header read first, so a version mismatch gets its own message
/// rather than a confusing shape error.
#[derive(Deserialize)]
struct Header {
    schema_version: Option<u32>,
    feed: Option<String>,
}

/// Decode a feed strictly: right feed name, supported version, every item
/// of the right shape.
pub fn decode<T: DeserializeOwned>(kind: FeedKind, text: &str) -> Result<Feed<T>, FeedError> {
    let text = &*crate::domain::text::json_without_format_controls(text);
    let header: Header = serde_json::from_str(text).map_err(|e| FeedError::Malformed {
        feed: kind,
        detail: short_detail(&e),
    })?;
    match header.feed.as_deref() {
        Some(name) if name == kind.name() => {}
        Some(other) => {
            return Err(FeedError::WrongFeed {
                feed: kind,
                found: other.to_string(),
            })
        }
        None => {
            return Err(FeedError::Malformed {
                feed: kind,
                detail: "missing field `feed`".into(),
            })
        }
    }
    match header.schema_version {
        Some(v) if v == kind.schema_version() => {}
        Some(v) => {
            return Err(FeedError::UnsupportedVersion {
                feed: kind,
                found: v,
            })
        }
        None => {
            return Err(FeedError::Malformed {
                feed: kind,
                detail: "missing field `schema_version`".into(),
            })
        }
    }
    serde_json::from_str(text).map_err(|e| FeedError::Malformed {
        feed: kind,
        detail: short_detail(&e),
    })
}

/// A parser error clipped to 160 bytes, for an error kind's detail.
pub(crate) fn short_detail(e: &serde_json::Error) -> String {
    let mut s = e.to_string();
    if s.len() > 160 {
        let mut cut = 160;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
    }

    fn ok_text() -> String {
        r#"{"schema_version":1,"feed":"catalogue","generated_at":"2026-11-01","demo":true,"items":[{"id":"a"}]}"#
            .to_string()
    }

    #[test]
    fn decodes_a_valid_feed() {
        let feed: Feed<Item> = decode(FeedKind::Catalogue, &ok_text()).unwrap();
        assert_eq!(feed.items, vec![Item { id: "a".into() }]);
        assert!(feed.demo);
    }

    #[test]
    fn rejects_another_feed() {
        let err = decode::<Item>(FeedKind::Vacancies, &ok_text()).unwrap_err();
        assert!(matches!(err, FeedError::WrongFeed { .. }));
        assert!(err.to_string().contains("delle offerte di lavoro"));
    }

    #[test]
    fn rejects_a_newer_schema_with_its_own_message() {
        let text = ok_text().replace("\"schema_version\":1", "\"schema_version\":7");
        let err = decode::<Item>(FeedKind::Catalogue, &text).unwrap_err();
        assert_eq!(
            err,
            FeedError::UnsupportedVersion {
                feed: FeedKind::Catalogue,
                found: 7
            }
        );
        assert!(err.to_string().contains("versione 7"));
    }

    #[test]
    fn rejects_unknown_fields_and_bad_items() {
        let extra = ok_text().replace("\"demo\":true", "\"demo\":true,\"surprise\":1");
        assert!(matches!(
            decode::<Item>(FeedKind::Catalogue, &extra),
            Err(FeedError::Malformed { .. })
        ));
        let bad_item = ok_text().replace("{\"id\":\"a\"}", "{\"id\":3}");
        assert!(matches!(
            decode::<Item>(FeedKind::Catalogue, &bad_item),
            Err(FeedError::Malformed { .. })
        ));
    }

    #[test]
    fn not_json_is_malformed_with_an_italian_message() {
        let err = decode::<Item>(FeedKind::Offices, "<html>502 Bad Gateway</html>").unwrap_err();
        assert!(matches!(err, FeedError::Malformed { .. }));
        assert!(err.to_string().starts_with("I dati delle sedi"));
    }

    #[test]
    fn only_the_reference_data_has_a_compact_file() {
        let compact: Vec<_> = FeedKind::ALL
            .iter()
            .filter_map(|k| k.compact_file_name().map(|f| (k.name(), f)))
            .collect();
        assert_eq!(
            compact,
            vec![
                ("comuni", "comuni.cols.txt"),
                ("belfiore", "belfiore.cols.txt")
            ]
        );
    }

    #[test]
    fn localized_falls_back_to_italian() {
        let l = Localized::it("Ciao");
        assert_eq!(l.get("en"), "Ciao");
        let l = Localized {
            it: "Ciao".into(),
            en: Some("Hello".into()),
            ar: Some("مرحبا".into()),
            uk: Some("  ".into()),
            ..Default::default()
        };
        assert_eq!(l.get("en"), "Hello");
        assert_eq!(l.get("ar"), "مرحبا");
        assert_eq!(l.get("uk"), "Ciao", "a blank translation is none");
        assert_eq!(l.get("fr"), "Ciao");
        assert_eq!(l.get("it"), "Ciao");
        assert_eq!(l.get("it-simple"), "Ciao");
        // A feed may carry every language of the app, and nothing else.
        let json = r#"{"it":"a","en":"b","fr":"c","es":"d","ro":"e","uk":"f","ar":"g"}"#;
        let all: Localized = serde_json::from_str(json).unwrap();
        assert_eq!(all.get("ro"), "e");
        assert!(serde_json::from_str::<Localized>(r#"{"it":"a","de":"b"}"#).is_err());
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use crate::i18n::{keys, render, Lang};

    fn every_error(feed: FeedKind) -> Vec<FeedError> {
        vec![
            FeedError::Malformed {
                feed,
                detail: "expected value at line 1 column 1".into(),
            },
            FeedError::WrongFeed {
                feed,
                found: "other".into(),
            },
            FeedError::UnsupportedVersion { feed, found: 9 },
            FeedError::Http { feed, status: 500 },
            FeedError::Offline { feed },
        ]
    }

    #[test]
    fn every_feed_error_has_a_key_in_both_languages_and_reads_in_english() {
        let (it_keys, en_keys) = (keys(Lang::It), keys(Lang::En));
        for feed in FeedKind::ALL {
            for err in every_error(feed) {
                let msg = err.message();
                for key in [msg.key, feed.label_key()] {
                    assert!(it_keys.iter().any(|k| k == key), "{key} missing in it");
                    assert!(en_keys.iter().any(|k| k == key), "{key} missing in en");
                }
                let (it, en) = (render(Lang::It, &msg), render(Lang::En, &msg));
                assert_ne!(it, en, "{} is not translated", msg.key);
                assert!(!en.contains('{') && !it.contains('{'), "{en} / {it}");
                assert!(
                    !en.contains(" dei ") && !en.contains(" delle "),
                    "Italian in English: {en}"
                );
                assert_eq!(err.to_string(), it, "Display is the Italian text");
            }
        }
    }

    #[test]
    fn decode_errors_carry_their_data() {
        let err =
            decode::<serde_json::Value>(FeedKind::Comuni, r#"{"schema_version":1}"#).unwrap_err();
        assert_eq!(
            err,
            FeedError::Malformed {
                feed: FeedKind::Comuni,
                detail: "missing field `feed`".into()
            }
        );
        let en = render(Lang::En, &err.message());
        assert_eq!(
            en,
            "The list of comuni data we received are not valid (missing field `feed`). We keep showing you the last saved version."
        );
        let err =
            decode::<serde_json::Value>(FeedKind::Avvisi, r#"{"feed":"avvisi"}"#).unwrap_err();
        assert!(
            matches!(err, FeedError::Malformed { feed: FeedKind::Avvisi, ref detail } if detail.contains("schema_version"))
        );
    }
}
