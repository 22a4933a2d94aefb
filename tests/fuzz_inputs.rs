//! Fuzzed input, no panic (issue 17): the codice fiscale, the locale files
//! and message templates, and the values people type or the browser hands
//! over (dates, amounts, times, CAP, e-mail, return paths, language codes,
//! search words, HTML of imported descriptions, the place pickers, the
//! kiosk configuration).
//!
//! The codice fiscale gets arbitrary text and codes built right (name
//! letters, date, Belfiore code and check character) then edited: a
//! character changed, omocodic substitutions, case, spaces, look-alike
//! letters, truncation. The locale files are the shipped ones, mutated,
//! installed into a scratch language (Italiano semplice, which only the
//! locale property of this binary uses).
//!
//! Budget and seed: `FUZZ_CASES`, `FUZZ_SEED` (tests/fuzz_support.rs).

#![cfg(not(target_arch = "wasm32"))]

#[path = "fuzz_support.rs"]
mod support;

use proptest::prelude::*;
use serde_json::Value;
use sportello_lavoro::domain::codice_fiscale::{
    self as cf, canonical_form, check_character, check_consistency, name_code, normalize,
    omocode_variant, provisional_check_digit, surname_code, validate, validate_format,
    validate_provisional, CfKind, PersonInput, Sex, MONTH_LETTERS,
};
use sportello_lavoro::domain::comuni::BelfioreIndex;
use sportello_lavoro::domain::date::Date;
use sportello_lavoro::domain::message::Msg;
use sportello_lavoro::i18n::{self, Lang};
use std::sync::OnceLock;
use support::{any_text, edits, fuzz, fuzz_any, mutate_json};

fn today() -> Date {
    Date::new(2026, 12, 3).unwrap()
}

fn belfiore() -> &'static BelfioreIndex {
    static B: OnceLock<BelfioreIndex> = OnceLock::new();
    B.get_or_init(|| {
        let text = std::fs::read_to_string(format!(
            "{}/public/data/belfiore.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        BelfioreIndex::from_json(&text).unwrap()
    })
}

// ------------------------------------------------------ codice fiscale --

/// Belfiore codes of the shipped list (comuni and foreign states), and a
/// few that are not in it.
fn belfiore_codes() -> &'static [String] {
    static C: OnceLock<Vec<String>> = OnceLock::new();
    C.get_or_init(|| {
        let mut codes: Vec<String> = [
            "A944", "L219", "H501", "F205", "Z110", "Z129", "Z404", "A001", "Z999", "A000", "0000",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for c in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "L", "M", "Z"] {
            for n in [1, 50, 120, 330, 600, 999] {
                codes.push(format!("{c}{n:03}"));
            }
        }
        codes
    })
}

/// A personal code built right from its parts (the check character
/// computed), for an arbitrary surname, name, date and place.
fn built_code() -> impl Strategy<Value = String> {
    (
        any::<String>(),
        any::<String>(),
        0u8..100,
        0usize..12,
        1u8..32,
        any::<bool>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(surname, name, yy, month, day, female, place)| {
            let day = if female { day + 40 } else { day };
            let place = place.get(belfiore_codes());
            let first15 = format!(
                "{}{}{yy:02}{}{day:02}{place}",
                surname_code(&surname),
                name_code(&name),
                MONTH_LETTERS[month] as char
            );
            match check_character(&first15) {
                Some(c) => format!("{first15}{c}"),
                None => first15,
            }
        })
}

/// Edits a person makes or a form field lets through.
fn edit_code(code: &str, (kind, a, b): support::Op) -> String {
    const ODD: &[&str] = &[
        " ", "-", ".", "\t", "\u{200B}", "\u{FEFF}", "\u{00A0}", "\u{202E}", "А", "Ａ", "İ", "ß",
        "ǅ", "𝔸", "0", "9", "L", "V", "Z", "é", "",
    ];
    let chars: Vec<char> = code.chars().collect();
    let at = a as usize % (chars.len() + 1);
    let odd = ODD[b as usize % ODD.len()];
    match kind % 9 {
        0 => omocode_variant(code, b as u8).unwrap_or_else(|| code.to_string()),
        1 => code.to_lowercase(),
        2 => chars[..at].iter().collect(),
        3 => {
            let mut s: String = chars[..at].iter().collect();
            s.push_str(odd);
            s.extend(&chars[at..]);
            s
        }
        4 if at < chars.len() => {
            let mut c = chars.clone();
            c[at] = odd.chars().next().unwrap_or('X');
            c.into_iter().collect()
        }
        5 => format!("  {code}\n"),
        6 => code.repeat(1 + b as usize % 3),
        7 => chars.iter().filter(|c| c.is_ascii_digit()).collect(),
        _ => {
            let mut c = chars.clone();
            if c.len() > 1 {
                let (i, j) = (at % c.len(), b as usize % c.len());
                c.swap(i, j);
            }
            c.into_iter().collect()
        }
    }
}

fn cf_input() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (built_code(), prop::collection::vec(support::op(), 0..3)).prop_map(|(code, ops)| {
            ops.into_iter().fold(code, |c, o| edit_code(&c, o))
        }),
        1 => "[0-9]{9,13}",
        1 => "[A-Za-z0-9 ]{0,20}",
        1 => any_text(),
    ]
}

/// Every entry point of the codice fiscale on `input`; whether it was a
/// valid code.
fn codice_fiscale(input: &str) -> bool {
    let n = normalize(input);
    assert_eq!(normalize(&n), n, "normalize is idempotent");
    let _ = check_character(input);
    let _ = provisional_check_digit(input);
    let _ = canonical_form(input);
    for mask in [0u8, 1, 0x55, 0xff] {
        let _ = omocode_variant(input, mask);
    }
    let _ = validate_provisional(input);
    let mut valid = false;
    for day in [
        today(),
        Date::MIN,
        Date::MAX,
        Date::new(1900, 1, 1).unwrap(),
    ] {
        let _ = cf::validate_as_issued(input, day, belfiore());
        match validate_format(input, day) {
            Ok(code) => {
                valid = true;
                assert!(
                    code.code.is_ascii() && matches!(code.code.len(), 11 | 16),
                    "{:?}",
                    code.code
                );
                if let CfKind::Personal(d) = &code.kind {
                    assert!(d.birth_date <= day);
                    // The canonical form is the same person.
                    let canon =
                        validate_format(&d.canonical, day).expect("canonical form is valid");
                    assert_eq!(canon.decoded().map(|c| c.birth_date), Some(d.birth_date));
                    assert_eq!(
                        canonical_form(&code.code).as_deref(),
                        Some(d.canonical.as_str())
                    );
                    let person = PersonInput {
                        surname: input.to_string(),
                        name: d.surname_code.clone(),
                        sex: Some(Sex::F),
                        birth_date: Some(Date::MAX),
                        birthplace_code: Some(input.to_string()),
                    };
                    let _ = check_consistency(d, &person);
                    let _ = check_consistency(d, &PersonInput::default());
                    let _ = cf::check_birthplace(&d.belfiore, d.birth_date, belfiore());
                    let _ = d.is_foreign_born();
                }
            }
            Err(e) => {
                let _ = e.to_string();
                let _ = i18n::render(Lang::It, &sportello_lavoro::domain::did::cf_msg(&e));
            }
        }
        if let Err(e) = validate(input, day, belfiore()) {
            let _ = e.to_string();
        }
    }
    valid
}

/// The codice fiscale: built codes edited, digit runs, arbitrary text.
#[test]
fn codice_fiscale_inputs() {
    fuzz("codice_fiscale_inputs", 2, cf_input(), |s| {
        codice_fiscale(&s)
    });
}

/// The letters of surnames and names: any text.
#[test]
fn codice_fiscale_names() {
    fuzz_any(
        "codice_fiscale_names",
        1,
        (any_text(), any_text()),
        |(s, n)| {
            let (a, b) = (surname_code(&s), name_code(&n));
            assert_eq!(
                (a.chars().count(), b.chars().count()),
                (3, 3),
                "{a:?} {b:?}"
            );
            assert!(a.bytes().chain(b.bytes()).all(|c| c.is_ascii_uppercase()));
        },
    );
}

// -------------------------------------------------------- locale files --

fn locale_sources() -> &'static [(String, Value)] {
    static L: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    L.get_or_init(|| {
        let mut out = Vec::new();
        for lang in ["it", "en", "ar", "uk", "ro", "it-simple"] {
            for file in ["common", "vacancies", "errors", "did", "avvisi"] {
                let path = format!("locales/{lang}/{file}.json");
                if std::path::Path::new(&format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).exists()
                {
                    out.push((path.clone(), support::load_json(&path)));
                }
            }
        }
        out
    })
}

/// Installing a locale file (a flat map of texts and plural forms) into
/// the scratch language, then looking its keys up with arguments.
fn locale(text: &str, args: &[(String, String)]) -> bool {
    let scratch = Lang::ItSimple;
    let ok = i18n::install(scratch, &[text]).is_ok();
    let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, Value>>(text)
        .map(|m| m.keys().take(12).cloned().collect())
        .unwrap_or_default();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for key in keys
        .iter()
        .map(String::as_str)
        .chain(["app.name", "vacancies.count.n", ""])
    {
        let _ = i18n::lookup(scratch, key);
        let _ = i18n::lookup_with(scratch, key, &args);
        let _ = i18n::plural_forms(scratch, key);
    }
    ok
}

fn args() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop::sample::select(vec![
        "count", "days", "n", "months", "min", "age", "name", "x", "",
    ]);
    let value = prop_oneof![
        prop::sample::select(vec![
            "0",
            "1",
            "2",
            "3",
            "11",
            "21",
            "22",
            "25",
            "100",
            "1.000",
            "12,345",
            "-1",
            "99999999999999999999999",
            "{count}",
            "{",
            "\u{202E}",
            "",
            "٣",
        ])
        .prop_map(String::from),
        any::<String>(),
    ];
    prop::collection::vec((name.prop_map(String::from), value), 0..4)
}

/// The shipped locale files of several languages, mutated, and arbitrary
/// text, as locale files.
#[test]
fn locale_files() {
    let n = locale_sources().len();
    fuzz(
        "locale_files",
        1,
        (0..n, edits(), args()),
        |(i, e, args)| locale(&mutate_json(&locale_sources()[i].1, &e), &args),
    );
    fuzz_any(
        "locale_files_any_text",
        1,
        (any_text(), args()),
        |(t, args)| {
            locale(&t, &args);
        },
    );
}

/// CLDR plural categories for any number, as the counts give them.
#[test]
fn plural_categories() {
    let n = prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-0.0),
        Just(1e300),
        Just(u64::MAX as f64),
        (0u64..1000).prop_map(|n| n as f64),
    ];
    fuzz_any("plural_categories", 1, n, |n| {
        for lang in Lang::CHOICES {
            let c = i18n::plural_category(lang, n);
            assert!(i18n::PLURAL_CATEGORIES.contains(&c.as_str()), "{c}");
        }
    });
}

/// Message templates: any template text, any argument values. A value is
/// never read as a placeholder, and a template without braces comes out
/// as it is.
#[test]
fn message_templates() {
    let template = prop_oneof![
        any::<String>(),
        "[{}a-z ]{0,40}",
        prop::collection::vec(
            prop::sample::select(vec![
                "{", "}", "{count}", "{name}", "{what}", "{{", "}}", "é", "\u{202E}", "x", " "
            ]),
            0..16
        )
        .prop_map(|v| v.concat()),
    ];
    let value = prop_oneof![
        any::<String>(),
        Just("{name}".to_string()),
        Just("{".to_string())
    ];
    fuzz_any(
        "message_templates",
        1,
        (template, value.clone(), value),
        |(t, v1, v2)| {
            let msg = Msg::new("any.key")
                .text("count", v1.clone())
                .text("name", v2.clone())
                .key_arg("what", "other.key")
                .msg_arg("inner", Msg::new("inner.key").text("name", v1.clone()));
            let tr = |k: &str, _: &[(&str, &str)]| {
                if k == "any.key" {
                    t.clone()
                } else {
                    format!("[{k}]")
                }
            };
            let out = msg.render_with(&tr);
            if !t.contains('{') {
                assert_eq!(out, t);
            }
            // A value is filled in as it is, never read as a placeholder.
            let only = Msg::new("k")
                .text("count", v1.clone())
                .text("name", v2.clone());
            assert_eq!(only.render_with(&|_, _| "{count}".to_string()), v1);
            for lang in [Lang::It, Lang::Ar] {
                let _ = i18n::render(lang, &msg);
            }
        },
    );
}

// --------------------------------------------------------- typed values --

/// Values typed into the forms or read from the browser: each parser takes
/// any text.
fn typed_values(s: &str) {
    use sportello_lavoro::domain::{contact, did, identity, offices, profile, text, vacancy};
    if let Ok(d) = Date::parse(s) {
        assert!(d.is_valid());
        assert_eq!(Date::parse(&d.to_string()), Ok(d));
    }
    let _ = sportello_lavoro::domain::percorso::DateTime::parse(s);
    let _ = sportello_lavoro::domain::ranking::YearMonth::parse(s);
    for (d, m, y) in [
        (s, "2", "2024"),
        ("29", s, "2024"),
        ("1", "1", s),
        (s, s, s),
    ] {
        if let Ok(date) = did::parse_date_parts(d, m, y) {
            assert!(date.is_valid());
        }
    }
    if let Some(cents) = did::parse_euro_cents(s) {
        let _ = did::format_eur_cents(cents);
    }
    let _ = did::is_cap(s);
    if let Some(m) = offices::parse_hhmm(s) {
        assert!(m < 24 * 60);
    }
    let _ = offices::comune_key(s);
    let _ = profile::split_name(s);
    let _ = contact::is_plausible_email(s);
    let _ = contact::is_plausible_phone(s);
    let path = identity::safe_return_path(s);
    assert!(path.starts_with('/') && !path.starts_with("//"));
    let _ = identity::login_url(s, s, Some(identity::Provider::Cie));
    let _ = identity::same_person(s, "RSSMRA85T10A562S");
    let _ = Lang::from_code(s);
    let _ = sportello_lavoro::domain::appointment_action::Action::from_code(s);
    let _ = vacancy::iso_to_days(s);
    let plain = vacancy::strip_html(s);
    assert!(plain.len() <= 4 * s.len() + 4);
    let folded = text::fold(s);
    let _ = text::tokens(s);
    let _ = text::terms(s);
    text::for_each_term(s, |t| assert!(!t.is_empty()));
    let _ = text::stem(&folded);
    let _ = text::is_stopword(&folded);
    let _ = sportello_lavoro::domain::percorso::escape_text(s);
    let _ = sportello_lavoro::domain::search::pack_cp(s);
    let _ = sportello_lavoro::domain::search::pack_ateco(s);
    let _ = sportello_lavoro::domain::columns::step_key(s, 1);
    let _ = sportello_lavoro::domain::columns::step_key(s, u64::MAX);
    for f in [
        vacancy::is_istat_code,
        vacancy::is_belfiore_code,
        vacancy::is_province_sigla,
        vacancy::is_cp_code,
        vacancy::is_ateco_code,
        vacancy::is_ateco_full,
        vacancy::is_cf_shape,
    ] {
        let _ = f(s);
    }
}

#[test]
fn typed_value_text() {
    let value = prop_oneof![
        any_text(),
        "[0-9 .,:+-]{0,24}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?)?",
        "(/|//|/\\\\|http:)[a-z/?#%.]{0,20}",
        "(<[a-zA-Z/!?]{0,8}( [a-z]+=\"[^\"]{0,5}\")?>|&#?[xX]?[0-9a-fA-F]{0,8};?|[a-z ]{0,5}){0,12}",
    ];
    fuzz_any("typed_value_text", 1, value, |s| typed_values(&s));
}

/// QR codes of any text (the DID receipt's, the kiosk's hand-over link).
#[test]
fn qr_codes() {
    let data = prop_oneof![any::<String>(), "[A-Z0-9]{0,3000}", Just("é".repeat(3000))];
    fuzz_any("qr_codes", 16, data, |s| {
        if let Some(svg) = sportello_lavoro::domain::qr::qr_svg(&s) {
            assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
        }
    });
}

/// What a person types into the place pickers (birthplace, comune of
/// residence) and the kiosk's configuration (two meta tags).
#[test]
fn place_queries_and_kiosk_config() {
    use sportello_lavoro::domain::comuni::{decode_belfiore, ComuniIndex};
    use sportello_lavoro::domain::did::{suggest_comuni, BirthplaceIndex};
    use sportello_lavoro::domain::kiosk::KioskSettings;
    static PLACES: OnceLock<(BirthplaceIndex, ComuniIndex)> = OnceLock::new();
    let (births, comuni) = PLACES.get_or_init(|| {
        let read = |p: &str| {
            std::fs::read_to_string(format!("{}/public/data/{p}", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
        };
        let feed = decode_belfiore(&read("belfiore.json")).unwrap();
        (
            BirthplaceIndex::new(feed.items.iter()),
            ComuniIndex::from_json(&read("comuni.json")).unwrap(),
        )
    });
    let query = prop_oneof![
        any_text(),
        "[A-Za-zàèéìòù' -]{0,12}",
        prop::sample::select(vec![
            "San", "s", "Reggio", "Ger", "'", " ", "", "bo", "Forlì"
        ])
        .prop_map(String::from),
    ];
    let idle = prop_oneof![any::<f64>(), Just(f64::NAN), Just(-1.0), Just(1e300)];
    fuzz_any(
        "place_queries_and_kiosk_config",
        4,
        (query, idle),
        |(q, idle_ms)| {
            for abroad in [false, true] {
                for birth in [
                    None,
                    Date::new(1950, 1, 1),
                    Some(Date::MIN),
                    Some(Date::MAX),
                ] {
                    assert!(births.suggest(&q, abroad, birth, 8).len() <= 8);
                }
            }
            assert!(suggest_comuni(comuni, &q, 8).len() <= 8);
            for mode in [Some("kiosk"), Some(q.as_str()), None] {
                if let Some((k, _)) = KioskSettings::from_config(mode, Some(&q)) {
                    let _ = k.phase(idle_ms);
                }
            }
        },
    );
}
