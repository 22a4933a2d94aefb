//! The offices of the Centri per l'Impiego (CPI), as published in the
//! `offices` feed (`public/data/offices.json`, documented in
//! `docs/feeds-catalogue.md`): where they are, when they are open and which
//! comuni each one serves.
//!
//! Pure and panic-free: finding the office for a comune (accent- and
//! case-insensitive, via [`crate::domain::text::fold`]) and formatting
//! opening hours.

use serde::{Deserialize, Serialize};

use super::feed::Localized;
use super::text;

/// The comune where an office is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComuneRef {
    pub name: String,
    /// ISTAT code, 6 digits ("037006").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub istat: Option<String>,
    /// Belfiore (cadastral) code ("A944").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub belfiore: Option<String>,
}

/// A comune an office serves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServedComune {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub istat: Option<String>,
    /// Province sigla ("BO").
    pub province: String,
}

/// One opening slot: `day` is the ISO weekday (1 = Monday … 7 = Sunday),
/// `open` and `close` are "HH:MM" local time. A day may have several slots.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    pub day: u8,
    pub open: String,
    pub close: String,
}

impl OpeningHours {
    /// Minutes from midnight of `open` and `close`, when both are valid and
    /// `open` comes before `close` and the day is 1..=7.
    pub fn minutes(&self) -> Option<(u16, u16)> {
        if !(1..=7).contains(&self.day) {
            return None;
        }
        let o = parse_hhmm(&self.open)?;
        let c = parse_hhmm(&self.close)?;
        (o < c).then_some((o, c))
    }

    pub fn is_valid(&self) -> bool {
        self.minutes().is_some()
    }
}

/// One office (an item of the `offices` feed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Stable slug ("cpi-bologna").
    pub id: String,
    pub name: String,
    pub comune: ComuneRef,
    /// Province sigla ("BO").
    pub province: String,
    pub address: String,
    pub cap: String,
    #[serde(default)]
    pub hours: Vec<OpeningHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The comuni whose residents this office serves.
    #[serde(default)]
    pub serves: Vec<ServedComune>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// A note shown with the office (e.g. that contacts are demo data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Localized>,
}

impl Office {
    /// True when the office serves the comune `name` (see [`comune_key`]).
    pub fn serves_comune(&self, name: &str) -> bool {
        let key = comune_key(name);
        !key.is_empty() && self.serves.iter().any(|c| comune_key(&c.name) == key)
    }

    /// The opening slots of ISO weekday `day`, sorted by opening time.
    pub fn hours_on(&self, day: u8) -> Vec<&OpeningHours> {
        let mut v: Vec<&OpeningHours> = self
            .hours
            .iter()
            .filter(|h| h.day == day && h.is_valid())
            .collect();
        v.sort_by_key(|h| h.minutes().map(|m| m.0).unwrap_or(0));
        v
    }

    /// True when open on ISO weekday `day` at `minute` minutes from midnight.
    pub fn is_open_at(&self, day: u8, minute: u16) -> bool {
        self.hours
            .iter()
            .filter(|h| h.day == day)
            .filter_map(OpeningHours::minutes)
            .any(|(o, c)| o <= minute && minute < c)
    }
}

/// Minutes from midnight of "HH:MM" (00:00..=24:00), or None.
pub fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    if m > 59 || h > 24 || (h == 24 && m > 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// Words dropped when comparing comune names loosely, so that "Reggio
/// Emilia" meets "Reggio nell'Emilia" and "San Lazzaro" typed with a
/// province suffix still matches.
fn is_name_filler(w: &str) -> bool {
    text::is_stopword(w)
}

/// The comparison key of a comune name: folded (case, accents,
/// apostrophes), a trailing province "(BO)" removed.
pub fn comune_key(name: &str) -> String {
    let trimmed = name.trim();
    let without_prov = match (trimmed.rfind('('), trimmed.ends_with(')')) {
        (Some(i), true) if i > 0 => &trimmed[..i],
        _ => trimmed,
    };
    text::fold(without_prov)
}

fn loose_key(name: &str) -> String {
    comune_key(name)
        .split(' ')
        .filter(|w| !w.is_empty() && !is_name_filler(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The office that serves the comune `comune_name`, matched ignoring case,
/// accents and punctuation ("forli" → Forlì, "castelnovo ne monti");
/// if nothing matches exactly, articles and prepositions are ignored too
/// ("Reggio Emilia" → Reggio nell'Emilia). None when no office serves it.
pub fn find_office_for_comune<'a>(offices: &'a [Office], comune_name: &str) -> Option<&'a Office> {
    let key = comune_key(comune_name);
    if key.is_empty() {
        return None;
    }
    if let Some(o) = offices
        .iter()
        .find(|o| o.serves.iter().any(|c| comune_key(&c.name) == key))
    {
        return Some(o);
    }
    let loose = loose_key(comune_name);
    if loose.is_empty() {
        return None;
    }
    offices
        .iter()
        .find(|o| o.serves.iter().any(|c| loose_key(&c.name) == loose))
}

/// The office that serves the comune with this ISTAT code.
pub fn find_office_for_istat<'a>(offices: &'a [Office], istat: &str) -> Option<&'a Office> {
    let code = istat.trim();
    if code.is_empty() {
        return None;
    }
    offices
        .iter()
        .find(|o| o.serves.iter().any(|c| c.istat.as_deref() == Some(code)))
}

/// The name of ISO weekday `day` (1 = Monday) in `lang`; "" if out of range.
pub fn day_name(day: u8, lang: &str) -> &'static str {
    const IT: [&str; 7] = [
        "Lunedì",
        "Martedì",
        "Mercoledì",
        "Giovedì",
        "Venerdì",
        "Sabato",
        "Domenica",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let names = if lang == "en" { &EN } else { &IT };
    match day {
        1..=7 => names[usize::from(day - 1)],
        _ => "",
    }
}

/// One line per weekday that has valid slots, Monday first:
/// `"Martedì: 09:00–12:30, 14:30–16:30"`. Invalid slots are skipped.
pub fn format_hours(hours: &[OpeningHours], lang: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for day in 1..=7u8 {
        let mut slots: Vec<(u16, &OpeningHours)> = hours
            .iter()
            .filter(|h| h.day == day)
            .filter_map(|h| h.minutes().map(|m| (m.0, h)))
            .collect();
        if slots.is_empty() {
            continue;
        }
        slots.sort_by_key(|s| s.0);
        slots.dedup_by(|a, b| a.1 == b.1);
        let parts: Vec<String> = slots
            .iter()
            .map(|(_, h)| format!("{}–{}", h.open, h.close))
            .collect();
        lines.push(format!("{}: {}", day_name(day, lang), parts.join(", ")));
    }
    lines
}

/// The office with this id.
pub fn find<'a>(offices: &'a [Office], id: &str) -> Option<&'a Office> {
    offices.iter().find(|o| o.id == id)
}

/// `(id, name)` of every office, in feed order: the choices of a select.
pub fn choices(offices: &[Office]) -> Vec<(String, String)> {
    offices
        .iter()
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect()
}

/// Every comune served by some office, once (see [`comune_key`]), sorted by
/// its key.
pub fn served_names(offices: &[Office]) -> Vec<String> {
    let mut names: Vec<(String, String)> = offices
        .iter()
        .flat_map(|o| o.serves.iter())
        .map(|c| (comune_key(&c.name), c.name.clone()))
        .collect();
    names.sort();
    names.dedup_by(|a, b| a.0 == b.0);
    names.into_iter().map(|(_, n)| n).collect()
}

/// How many leading letters [`close_names`] compares.
const CLOSE_HEAD: usize = 3;

/// Served comuni whose name starts like `typed` (its first three letters,
/// ignoring case and accents), at most `limit`, for "did you mean". Empty
/// when fewer than three letters were typed.
pub fn close_names(offices: &[Office], typed: &str, limit: usize) -> Vec<String> {
    let key = comune_key(typed);
    let head: String = key.chars().take(CLOSE_HEAD).collect();
    if head.chars().count() < CLOSE_HEAD {
        return Vec::new();
    }
    served_names(offices)
        .into_iter()
        .filter(|n| comune_key(n).starts_with(&head))
        .take(limit)
        .collect()
}

/// Offices grouped by province sigla, groups in feed order of first appearance.
pub fn by_province(offices: &[Office]) -> Vec<(String, Vec<Office>)> {
    let mut groups: Vec<(String, Vec<Office>)> = Vec::new();
    for o in offices {
        match groups.iter_mut().find(|(p, _)| *p == o.province) {
            Some((_, v)) => v.push(o.clone()),
            None => groups.push((o.province.clone(), vec![o.clone()])),
        }
    }
    groups
}

/// The comune `typed` as `office`'s feed spells it, with its province
/// ("Forlì (FC)"); what was typed when the office has no such comune
/// exactly (a loose match).
pub fn served_label(office: &Office, typed: &str) -> String {
    let key = comune_key(typed);
    office
        .serves
        .iter()
        .find(|c| comune_key(&c.name) == key)
        .map(|c| format!("{} ({})", c.name, c.province))
        .unwrap_or_else(|| typed.to_string())
}

/// The office finder's answer for the comune asked.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// No comune asked yet.
    Nothing,
    /// The offices are not loaded yet.
    Waiting,
    /// The office, and the comune as the feed spells it (see [`served_label`]).
    Found { office: Box<Office>, comune: String },
    /// No office serves it; close names ([`close_names`]), if any.
    Unknown { typed: String, close: Vec<String> },
}

/// The answer for `typed` (already trimmed), given the offices when loaded;
/// at most `suggestions` close names.
pub fn answer(offices: Option<&[Office]>, typed: &str, suggestions: usize) -> Answer {
    if typed.is_empty() {
        return Answer::Nothing;
    }
    let Some(list) = offices else {
        return Answer::Waiting;
    };
    match find_office_for_comune(list, typed) {
        Some(o) => Answer::Found {
            comune: served_label(o, typed),
            office: Box::new(o.clone()),
        },
        None => Answer::Unknown {
            close: close_names(list, typed, suggestions),
            typed: typed.to_string(),
        },
    }
}

/// A `tel:` link for a phone number as written ("051 659.81-11" →
/// "tel:0516598111"): spaces, dots, hyphens and slashes dropped.
pub fn phone_href(phone: &str) -> String {
    format!("tel:{}", phone.replace([' ', '.', '-', '/'], ""))
}

/// Problems with a decoded offices feed (empty when fine): duplicate ids,
/// offices without valid hours or served comuni, comuni served twice.
pub fn check(offices: &[Office]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    let mut served: Vec<(String, String, &str)> = Vec::new();
    for o in offices {
        if ids.contains(&o.id.as_str()) {
            problems.push(format!("id duplicato: {}", o.id));
        }
        ids.push(&o.id);
        if o.hours.is_empty() {
            problems.push(format!("{}: nessun orario", o.id));
        }
        for h in &o.hours {
            if !h.is_valid() {
                problems.push(format!("{}: orario non valido {h:?}", o.id));
            }
        }
        if o.serves.is_empty() {
            problems.push(format!("{}: nessun comune servito", o.id));
        }
        for c in &o.serves {
            let key = (comune_key(&c.name), c.province.clone());
            if let Some((_, _, other)) = served.iter().find(|(k, p, _)| *k == key.0 && *p == key.1)
            {
                problems.push(format!(
                    "{} ({}) servito sia da {other} sia da {}",
                    c.name, c.province, o.id
                ));
            } else {
                served.push((key.0, key.1, &o.id));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(day: u8, open: &str, close: &str) -> OpeningHours {
        OpeningHours {
            day,
            open: open.into(),
            close: close.into(),
        }
    }

    fn office(id: &str, comuni: &[(&str, &str)]) -> Office {
        Office {
            id: id.into(),
            name: format!("Centro per l'Impiego {id}"),
            comune: ComuneRef {
                name: comuni[0].0.into(),
                istat: None,
                belfiore: None,
            },
            province: "XX".into(),
            address: "Via dell'Esempio 1".into(),
            cap: "00000".into(),
            hours: vec![
                h(2, "14:30", "16:30"),
                h(2, "09:00", "12:30"),
                h(1, "09:00", "12:30"),
            ],
            phone: None,
            email: None,
            serves: comuni
                .iter()
                .map(|(n, i)| ServedComune {
                    name: (*n).into(),
                    istat: Some((*i).into()),
                    province: "XX".into(),
                })
                .collect(),
            lat: None,
            lon: None,
            note: None,
        }
    }

    fn sample() -> Vec<Office> {
        vec![
            office(
                "cpi-forli",
                &[
                    ("Forlì", "040012"),
                    ("Castrocaro Terme e Terra del Sole", "040005"),
                ],
            ),
            office(
                "cpi-reggio-emilia",
                &[("Reggio nell'Emilia", "035033"), ("Albinea", "035001")],
            ),
            office("cpi-castelnovo", &[("Castelnovo ne' Monti", "035016")]),
        ]
    }

    #[test]
    fn finds_office_ignoring_case_accents_punctuation() {
        let o = sample();
        assert_eq!(
            find_office_for_comune(&o, "Forlì").map(|x| x.id.as_str()),
            Some("cpi-forli")
        );
        assert_eq!(
            find_office_for_comune(&o, "  FORLI ").map(|x| x.id.as_str()),
            Some("cpi-forli")
        );
        assert_eq!(
            find_office_for_comune(&o, "forli (FC)").map(|x| x.id.as_str()),
            Some("cpi-forli")
        );
        assert_eq!(
            find_office_for_comune(&o, "castelnovo ne monti").map(|x| x.id.as_str()),
            Some("cpi-castelnovo")
        );
        assert_eq!(
            find_office_for_comune(&o, "castrocaro terme e terra del sole").map(|x| x.id.as_str()),
            Some("cpi-forli")
        );
    }

    #[test]
    fn loose_match_ignores_prepositions() {
        let o = sample();
        assert_eq!(
            find_office_for_comune(&o, "Reggio Emilia").map(|x| x.id.as_str()),
            Some("cpi-reggio-emilia")
        );
    }

    #[test]
    fn unknown_or_empty_comune_is_none() {
        let o = sample();
        for q in ["", "   ", "(BO)", "Milano", "'", "di", "🙂"] {
            assert!(find_office_for_comune(&o, q).is_none(), "{q}");
        }
        assert!(find_office_for_comune(&[], "Forlì").is_none());
    }

    #[test]
    fn finds_office_by_istat() {
        let o = sample();
        assert_eq!(
            find_office_for_istat(&o, "035001").map(|x| x.id.as_str()),
            Some("cpi-reggio-emilia")
        );
        assert!(find_office_for_istat(&o, "").is_none());
        assert!(find_office_for_istat(&o, "999999").is_none());
    }

    #[test]
    fn parses_times_strictly() {
        assert_eq!(parse_hhmm("09:30"), Some(570));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        for bad in [
            "9:30",
            "09:60",
            "25:00",
            "24:01",
            "0930",
            "",
            "aa:bb",
            "09:3",
            "+9:30",
            "١٢:٣٠",
        ] {
            assert_eq!(parse_hhmm(bad), None, "{bad}");
        }
        assert!(h(1, "09:00", "12:30").is_valid());
        assert!(!h(0, "09:00", "12:30").is_valid());
        assert!(!h(8, "09:00", "12:30").is_valid());
        assert!(!h(1, "12:30", "09:00").is_valid());
    }

    #[test]
    fn formats_hours_by_day() {
        let o = &sample()[0];
        assert_eq!(
            format_hours(&o.hours, "it"),
            ["Lunedì: 09:00–12:30", "Martedì: 09:00–12:30, 14:30–16:30"]
        );
        assert_eq!(format_hours(&o.hours, "en")[0], "Monday: 09:00–12:30");
        let with_bad = vec![
            h(9, "09:00", "10:00"),
            h(3, "xx", "10:00"),
            h(3, "08:00", "09:00"),
        ];
        assert_eq!(format_hours(&with_bad, "it"), ["Mercoledì: 08:00–09:00"]);
        assert!(format_hours(&[], "it").is_empty());
        assert_eq!(day_name(0, "it"), "");
        assert_eq!(day_name(7, "en"), "Sunday");
    }

    #[test]
    fn open_at_and_hours_on() {
        let o = &sample()[0];
        assert!(o.is_open_at(2, 15 * 60));
        assert!(!o.is_open_at(2, 13 * 60));
        assert!(!o.is_open_at(2, 12 * 60 + 30));
        assert!(!o.is_open_at(6, 10 * 60));
        let tue: Vec<&str> = o.hours_on(2).iter().map(|h| h.open.as_str()).collect();
        assert_eq!(tue, ["09:00", "14:30"]);
    }

    #[test]
    fn find_and_choices() {
        let o = sample();
        assert_eq!(
            find(&o, "cpi-castelnovo").map(|x| x.name.as_str()),
            Some("Centro per l'Impiego cpi-castelnovo")
        );
        assert!(find(&o, "cpi-nowhere").is_none());
        let c = choices(&o);
        assert_eq!(c.len(), 3);
        assert_eq!(
            c[0],
            (
                "cpi-forli".to_string(),
                "Centro per l'Impiego cpi-forli".to_string()
            )
        );
    }

    #[test]
    fn served_names_are_unique_and_sorted_by_key() {
        let mut o = sample();
        o[2].serves.push(ServedComune {
            name: "Forlì".into(),
            istat: None,
            province: "XX".into(),
        });
        assert_eq!(
            served_names(&o),
            [
                "Albinea",
                "Castelnovo ne' Monti",
                "Castrocaro Terme e Terra del Sole",
                "Forlì",
                "Reggio nell'Emilia"
            ]
        );
        assert!(served_names(&[]).is_empty());
    }

    #[test]
    fn close_names_need_three_letters() {
        let o = sample();
        // Only the first three letters count.
        assert_eq!(
            close_names(&o, "Castello", 6),
            ["Castelnovo ne' Monti", "Castrocaro Terme e Terra del Sole"]
        );
        assert_eq!(close_names(&o, "Albano", 6), ["Albinea"]);
        assert_eq!(
            close_names(&o, "cas", 6),
            ["Castelnovo ne' Monti", "Castrocaro Terme e Terra del Sole"]
        );
        assert_eq!(close_names(&o, "CAS", 1), ["Castelnovo ne' Monti"]);
        assert!(close_names(&o, "ca", 6).is_empty());
        assert!(close_names(&o, "  ", 6).is_empty());
        assert!(close_names(&o, "Milano", 6).is_empty());
    }

    #[test]
    fn groups_by_province_in_feed_order() {
        let mut o = sample();
        o[0].province = "FC".into();
        o[1].province = "RE".into();
        o[2].province = "FC".into();
        let g = by_province(&o);
        let ids: Vec<(String, Vec<String>)> = g
            .into_iter()
            .map(|(p, l)| (p, l.into_iter().map(|x| x.id).collect()))
            .collect();
        assert_eq!(
            ids,
            [
                (
                    "FC".to_string(),
                    vec!["cpi-forli".to_string(), "cpi-castelnovo".to_string()]
                ),
                ("RE".to_string(), vec!["cpi-reggio-emilia".to_string()])
            ]
        );
        assert!(by_province(&[]).is_empty());
    }

    #[test]
    fn served_label_uses_the_feed_spelling() {
        let o = sample();
        assert_eq!(served_label(&o[0], "forli"), "Forlì (XX)");
        assert_eq!(served_label(&o[0], "Forlì (FC)"), "Forlì (XX)");
        // A loose match: no served comune has this exact key.
        assert_eq!(served_label(&o[1], "Reggio Emilia"), "Reggio Emilia");
    }

    #[test]
    fn answers_for_the_finder() {
        let o = sample();
        assert_eq!(answer(Some(&o), "", 6), Answer::Nothing);
        assert_eq!(answer(None, "", 6), Answer::Nothing);
        assert_eq!(answer(None, "Forlì", 6), Answer::Waiting);
        match answer(Some(&o), "forli", 6) {
            Answer::Found { office, comune } => {
                assert_eq!(office.id, "cpi-forli");
                assert_eq!(comune, "Forlì (XX)");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            answer(Some(&o), "Castellarano", 1),
            Answer::Unknown {
                typed: "Castellarano".into(),
                close: vec!["Castelnovo ne' Monti".into()]
            }
        );
        assert_eq!(
            answer(Some(&[]), "Forlì", 6),
            Answer::Unknown {
                typed: "Forlì".into(),
                close: vec![]
            }
        );
    }

    #[test]
    fn phone_links_keep_digits_and_plus() {
        assert_eq!(phone_href("051 659.81-11"), "tel:0516598111");
        assert_eq!(phone_href("+39 051/123456"), "tel:+39051123456");
    }

    #[test]
    fn check_finds_problems() {
        let mut o = sample();
        assert!(check(&o).is_empty(), "{:?}", check(&o));
        o[2].serves.push(ServedComune {
            name: "FORLI".into(),
            istat: None,
            province: "XX".into(),
        });
        o[1].hours.clear();
        o[0].hours.push(h(1, "10:00", "09:00"));
        assert_eq!(check(&o).len(), 3, "{:?}", check(&o));
    }

    #[test]
    fn decodes_strictly() {
        let ok = r#"{"id":"cpi-x","name":"CPI X","comune":{"name":"X"},"province":"BO","address":"a","cap":"40100","hours":[{"day":1,"open":"09:00","close":"12:00"}],"serves":[{"name":"X","province":"BO"}]}"#;
        let o: Office = serde_json::from_str(ok).unwrap();
        assert!(o.serves_comune("x"));
        assert!(serde_json::from_str::<Office>(&ok.replace("\"cap\"", "\"zip\"")).is_err());
        assert!(
            serde_json::from_str::<Office>(&ok.replace("\"day\":1", "\"day\":1,\"x\":2")).is_err()
        );
    }
}
