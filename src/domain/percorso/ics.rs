//! The appointments as an iCalendar file (RFC 5545) to add to the
//! person's calendar: one VEVENT per appointment in local time of
//! Europe/Rome, with the zone's rules in a VTIMEZONE, and two reminders
//! (a day and an hour before).
//!
//! - UID: the appointment's id, "@" and the host: stable, so importing the
//!   file again updates the same events.
//! - DTSTAMP: the time the file is made, in UTC (passed in: no clock here).
//! - Text values escaped (`\\`, `\;`, `\,`, `\n`), lines folded at 75
//!   octets without splitting a UTF-8 character, CRLF line ends.
//!
//! The few words of the file (the kind of appointment, the channel, the
//! reminder) come from [`IcsLabels`]: Italian by default, or from the
//! locale with [`IcsLabels::from_tr`].

use super::datetime::DateTime;
use super::model::{Appointment, AppointmentKind, AppointmentStatus, Channel};

/// The VTIMEZONE of Europe/Rome: the EU rule (summer time from the last
/// Sunday of March at 02:00 to the last Sunday of October at 03:00 local
/// time), as calendar programs write it.
const VTIMEZONE_ROME: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Rome",
    "X-LIC-LOCATION:Europe/Rome",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// The product identifier of the files.
pub const PRODID: &str = "-//Sportello Lavoro//Il mio percorso//IT";

/// Reminders before the start.
pub const ALARMS: [&str; 2] = ["-PT24H", "-PT1H"];

/// The words of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcsLabels {
    pub convocazione: String,
    pub appuntamento: String,
    /// "Modalità: in presenza" and the like.
    pub in_presenza: String,
    pub telefono: String,
    pub video: String,
    /// A line added to a convocation's description.
    pub convocazione_note: String,
    /// "Promemoria".
    pub reminder: String,
}

impl IcsLabels {
    /// The Italian words (the texts of the `it` locale for the same keys).
    pub fn italian() -> IcsLabels {
        IcsLabels {
            convocazione: "Convocazione del CPI".into(),
            appuntamento: "Appuntamento al CPI".into(),
            in_presenza: "Modalità: in presenza".into(),
            telefono: "Modalità: per telefono".into(),
            video: "Modalità: in videochiamata".into(),
            convocazione_note: "È una convocazione: se non puoi partecipare, avvisa il CPI prima dell'appuntamento e indica il motivo.".into(),
            reminder: "Promemoria".into(),
        }
    }

    /// The words in the reader's language: `tr` translates a key.
    pub fn from_tr(tr: &dyn Fn(&str) -> String) -> IcsLabels {
        IcsLabels {
            convocazione: tr(AppointmentKind::Convocazione.key()),
            appuntamento: tr(AppointmentKind::Appuntamento.key()),
            in_presenza: tr("percorso.ics.channel.in_presenza"),
            telefono: tr("percorso.ics.channel.telefono"),
            video: tr("percorso.ics.channel.video"),
            convocazione_note: tr("percorso.ics.convocazione_note"),
            reminder: tr("percorso.ics.reminder"),
        }
    }

    fn kind(&self, k: AppointmentKind) -> &str {
        match k {
            AppointmentKind::Convocazione => &self.convocazione,
            AppointmentKind::Appuntamento => &self.appuntamento,
        }
    }

    fn channel(&self, c: Channel) -> &str {
        match c {
            Channel::InPresenza => &self.in_presenza,
            Channel::Telefono => &self.telefono,
            Channel::Video => &self.video,
        }
    }
}

/// Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and
/// line breaks (CRLF, CR or LF become `\n`); other control characters,
/// which the format does not allow, are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Write one content line, folded at 75 octets (RFC 5545 3.1): a longer
/// line goes on in lines that start with one space. A character is never
/// split, nor an escape ("\\,"), which lenient readers may not unfold.
fn push_line(out: &mut String, line: &str) {
    const MAX: usize = 75;
    let mut used = 0;
    let mut rest = line;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        // an escape is a backslash and the character after it
        let next = if c == '\\' { chars.next() } else { None };
        let unit_len = c.len_utf8() + next.map_or(0, char::len_utf8);
        let (unit, after) = rest.split_at(unit_len);
        if used + unit_len > MAX {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push_str(unit);
        used += unit_len;
        rest = after;
    }
    out.push_str("\r\n");
}

/// The status of the event.
fn status(s: AppointmentStatus) -> &'static str {
    match s {
        AppointmentStatus::Cancelled => "CANCELLED",
        AppointmentStatus::RescheduleRequested => "TENTATIVE",
        _ => "CONFIRMED",
    }
}

/// [`appointments_to_ics_with`] with the Italian words.
pub fn appointments_to_ics(list: &[Appointment], stamp: DateTime, host: &str) -> String {
    appointments_to_ics_with(list, stamp, host, &IcsLabels::italian())
}

/// The calendar file of `list`. `stamp` is the current time in UTC; `host`
/// makes the UIDs unique ("sportello.example.it").
pub fn appointments_to_ics_with(
    list: &[Appointment],
    stamp: DateTime,
    host: &str,
    labels: &IcsLabels,
) -> String {
    let mut out = String::new();
    let mut line = |text: &str| push_line(&mut out, text);
    line("BEGIN:VCALENDAR");
    line(&format!("PRODID:{PRODID}"));
    line("VERSION:2.0");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    for l in VTIMEZONE_ROME {
        line(l);
    }
    for a in list {
        let summary = format!("{}: {}", labels.kind(a.kind), a.purpose);
        let mut description = format!("{}\n{}", a.purpose, labels.channel(a.channel));
        if a.kind == AppointmentKind::Convocazione {
            description.push('\n');
            description.push_str(&labels.convocazione_note);
        }
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape_text(&format!("{}@{host}", a.id))));
        line(&format!("DTSTAMP:{}", stamp.to_ics_utc()));
        line(&format!("DTSTART;TZID=Europe/Rome:{}", a.start.to_ics()));
        line(&format!("DTEND;TZID=Europe/Rome:{}", a.end.to_ics()));
        line(&format!("SUMMARY:{}", escape_text(&summary)));
        if let Some(place) = a.place.as_deref().filter(|p| !p.trim().is_empty()) {
            line(&format!("LOCATION:{}", escape_text(place)));
        }
        line(&format!("DESCRIPTION:{}", escape_text(&description)));
        line(&format!("STATUS:{}", status(a.status)));
        line("TRANSP:OPAQUE");
        if a.status != AppointmentStatus::Cancelled {
            for trigger in ALARMS {
                line("BEGIN:VALARM");
                line("ACTION:DISPLAY");
                line(&format!(
                    "DESCRIPTION:{}",
                    escape_text(&format!("{}: {summary}", labels.reminder))
                ));
                line(&format!("TRIGGER:{trigger}"));
                line("END:VALARM");
            }
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::datetime::{last_sunday, rome_offset_seconds};
    use super::super::model::Percorso;
    use super::*;
    use icalendar::parser::{read_calendar, unfold, Component};

    fn dt(s: &str) -> DateTime {
        DateTime::parse(s).unwrap()
    }

    fn appointment(id: &str, purpose: &str, place: Option<&str>) -> Appointment {
        Appointment {
            id: id.into(),
            kind: AppointmentKind::Convocazione,
            start: dt("2026-12-10T09:30:00"),
            end: dt("2026-12-10T10:00:00"),
            tz: "Europe/Rome".into(),
            channel: Channel::InPresenza,
            place: place.map(str::to_string),
            purpose: purpose.into(),
            status: AppointmentStatus::Scheduled,
        }
    }

    fn prop<'a>(c: &'a Component<'a>, name: &str) -> String {
        c.find_prop(name)
            .map(|p| p.val.as_str().to_string())
            .unwrap_or_else(|| panic!("no {name}"))
    }

    fn stamp() -> DateTime {
        dt("2026-12-03T08:00:00")
    }

    const LONG: &str = "Colloquio di verifica del patto di servizio; porta documento d'identità, codice fiscale e CV aggiornato.\nSe hai già inviato candidature, porta le ricevute: è più veloce (àèìòù €€€ — \"citazioni\" e \\barre\\).";

    #[test]
    fn round_trips_through_a_parser() {
        let a = appointment(
            "APP-2026-0041",
            "Verifica del patto, prima parte",
            Some("Centro per l'Impiego di Bologna, Via Demo 1, 40121 Bologna"),
        );
        let mut b = appointment("APP-2027-0002", LONG, None);
        b.kind = AppointmentKind::Appuntamento;
        b.channel = Channel::Video;
        b.start = dt("2027-07-14T15:00:00");
        b.end = dt("2027-07-14T16:00:00");
        let text = appointments_to_ics(&[a.clone(), b.clone()], stamp(), "sportello.example.it");

        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).unwrap();
        assert_eq!(
            cal.properties
                .iter()
                .find(|p| p.name.as_str() == "VERSION")
                .unwrap()
                .val
                .as_str(),
            "2.0"
        );
        let tz = cal
            .components
            .iter()
            .find(|c| c.name.as_str() == "VTIMEZONE")
            .unwrap();
        assert_eq!(prop(tz, "TZID"), "Europe/Rome");
        let parts: Vec<&str> = tz.components.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(parts, ["DAYLIGHT", "STANDARD"]);

        let events: Vec<&Component> = cal
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .collect();
        assert_eq!(events.len(), 2);
        let e = events[0];
        assert_eq!(prop(e, "UID"), "APP-2026-0041@sportello.example.it");
        assert_eq!(prop(e, "DTSTAMP"), "20261203T080000Z");
        let start = e.find_prop("DTSTART").unwrap();
        assert_eq!(start.val.as_str(), "20261210T093000");
        let tzid = start
            .params
            .iter()
            .find(|p| p.key.as_str() == "TZID")
            .and_then(|p| p.val.as_ref())
            .unwrap();
        assert_eq!(tzid.as_str(), "Europe/Rome");
        assert_eq!(prop(e, "DTEND"), "20261210T100000");
        // commas escaped in the file, back as they were once parsed
        assert!(text.contains("SUMMARY:Convocazione del CPI: Verifica del patto\\, prima parte"));
        assert_eq!(
            prop(e, "SUMMARY"),
            "Convocazione del CPI: Verifica del patto, prima parte"
        );
        assert_eq!(
            prop(e, "LOCATION"),
            "Centro per l'Impiego di Bologna, Via Demo 1, 40121 Bologna"
        );
        assert_eq!(
            prop(e, "DESCRIPTION"),
            format!(
                "Verifica del patto, prima parte\nModalità: in presenza\n{}",
                IcsLabels::italian().convocazione_note
            )
        );
        let alarms: Vec<String> = e
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VALARM")
            .map(|c| {
                assert_eq!(prop(c, "ACTION"), "DISPLAY");
                prop(c, "TRIGGER")
            })
            .collect();
        assert_eq!(alarms, ["-PT24H", "-PT1H"]);

        // a long description, folded, comes back exactly
        let e = events[1];
        assert_eq!(
            prop(e, "DESCRIPTION"),
            format!("{LONG}\nModalità: in videochiamata")
        );
        assert_eq!(prop(e, "SUMMARY"), format!("Appuntamento al CPI: {LONG}"));
        assert!(e.find_prop("LOCATION").is_none());
        assert_eq!(prop(e, "DTSTART"), "20270714T150000");
        assert!(text.contains("\r\n "), "the long lines are folded");

        // and the typed reading agrees on the start and its zone
        let typed: icalendar::Calendar = text.parse().unwrap();
        use icalendar::{CalendarDateTime, Component as _, DatePerhapsTime};
        let first = typed.components.iter().find_map(|c| c.as_event()).unwrap();
        match first.get_start().unwrap() {
            DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
                assert_eq!(tzid, "Europe/Rome");
                assert_eq!(date_time.to_string(), "2026-12-10 09:30:00");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            first.get_summary(),
            Some("Convocazione del CPI: Verifica del patto, prima parte")
        );
    }

    #[test]
    fn lines_end_in_crlf_and_fit_75_octets() {
        let list = [appointment(
            "X1",
            &LONG.repeat(3),
            Some(&"Via àèìòù, ".repeat(20)),
        )];
        let text = appointments_to_ics(&list, stamp(), "h");
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "no bare LF");
        assert!(!text.replace("\r\n", "").contains('\r'), "no bare CR");
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // a fold falls between characters: every piece is valid UTF-8 by
        // construction (str), and unfolding restores the line
        assert!(unfold(&text).contains(&escape_text(&"Via àèìòù, ".repeat(20))));
    }

    #[test]
    fn folds_exactly_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        push_line(&mut out, &"a".repeat(75));
        assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
        let mut out = String::new();
        push_line(&mut out, &"a".repeat(76));
        assert_eq!(out, format!("{}\r\n a\r\n", "a".repeat(75)));
        // 74 octets, then a two-octet "è": it goes to the next line
        let mut out = String::new();
        push_line(&mut out, &format!("{}è", "a".repeat(74)));
        assert_eq!(out, format!("{}\r\n è\r\n", "a".repeat(74)));
        // continuation lines hold 74 octets after their space
        let mut out = String::new();
        push_line(&mut out, &"b".repeat(75 + 74 + 1));
        let lines: Vec<&str> = out.trim_end().split("\r\n").collect();
        assert_eq!(
            lines.iter().map(|l| l.len()).collect::<Vec<_>>(),
            [75, 75, 2]
        );
        // an escape is never split: 74 octets, then "\\," goes on
        let mut out = String::new();
        push_line(&mut out, &format!("{}\\,b", "a".repeat(74)));
        assert_eq!(out, format!("{}\r\n \\,b\r\n", "a".repeat(74)));
        // four-octet characters
        let mut out = String::new();
        push_line(&mut out, &"😀".repeat(40));
        for l in out.trim_end().split("\r\n") {
            assert!(l.len() <= 75);
        }
        assert_eq!(unfold(&out).trim_end(), "😀".repeat(40));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a,b;c\\d"), "a\\,b\\;c\\\\d");
        assert_eq!(
            escape_text("one\ntwo\r\nthree\rfour"),
            "one\\ntwo\\nthree\\nfour"
        );
        assert_eq!(
            escape_text("tab\there\u{7}bell"),
            "tab\there".to_string() + "bell"
        );
        assert_eq!(escape_text("Città: €"), "Città: €");
    }

    #[test]
    fn cancelled_events_have_no_alarm_and_moved_ones_are_tentative() {
        let mut a = appointment("C1", "p", None);
        a.status = AppointmentStatus::Cancelled;
        let mut b = appointment("C2", "p", None);
        b.status = AppointmentStatus::RescheduleRequested;
        let text = appointments_to_ics(&[a, b], stamp(), "h");
        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).unwrap();
        let events: Vec<&Component> = cal
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .collect();
        assert_eq!(prop(events[0], "STATUS"), "CANCELLED");
        assert!(events[0].components.is_empty());
        assert_eq!(prop(events[1], "STATUS"), "TENTATIVE");
        assert_eq!(events[1].components.len(), 2);
        // an empty list is still a calendar
        let empty = appointments_to_ics(&[], stamp(), "h");
        assert!(read_calendar(&unfold(&empty)).is_ok());
        assert!(!empty.contains("VEVENT"));
    }

    #[test]
    fn uids_are_stable_and_the_file_depends_only_on_its_inputs() {
        let list = [appointment("APP-1", "p", None)];
        let one = appointments_to_ics(&list, stamp(), "sportello.example.it");
        let two = appointments_to_ics(&list, stamp(), "sportello.example.it");
        assert_eq!(one, two);
        let later = appointments_to_ics(&list, dt("2026-12-04T10:00:00"), "sportello.example.it");
        assert!(later.contains("UID:APP-1@sportello.example.it\r\n"));
        assert!(later.contains("DTSTAMP:20261204T100000Z\r\n"));
    }

    #[test]
    fn the_vtimezone_rules_match_the_zone() {
        // DTSTART of each rule is the first last-Sunday it names
        assert_eq!(last_sunday(1970, 3).to_string(), "1970-03-29");
        assert_eq!(last_sunday(1970, 10).to_string(), "1970-10-25");
        assert!(VTIMEZONE_ROME.contains(&"DTSTART:19700329T020000"));
        assert!(VTIMEZONE_ROME.contains(&"DTSTART:19701025T030000"));
        // 02:00 CET on the March Sunday is 01:00 UTC, when the offset changes
        for year in [2026, 2027, 2028] {
            let march = DateTime::start_of(last_sunday(year, 3));
            let switch = march.checked_add_seconds(3600).unwrap(); // 01:00 UTC
            assert_eq!(
                rome_offset_seconds(switch.checked_add_seconds(-1).unwrap()),
                3600
            );
            assert_eq!(rome_offset_seconds(switch), 7200);
            let october = DateTime::start_of(last_sunday(year, 10));
            let back = october.checked_add_seconds(3600).unwrap(); // 03:00 CEST
            assert_eq!(
                rome_offset_seconds(back.checked_add_seconds(-1).unwrap()),
                7200
            );
            assert_eq!(rome_offset_seconds(back), 3600);
        }
    }

    #[test]
    fn labels_from_the_locale() {
        let tr = |k: &str| -> String {
            match k {
                "percorso.appointment.kind.convocazione" => "CPI convocation",
                "percorso.appointment.kind.appuntamento" => "CPI appointment",
                "percorso.ics.channel.in_presenza" => "How: in person",
                "percorso.ics.channel.telefono" => "How: by phone",
                "percorso.ics.channel.video" => "How: by video call",
                "percorso.ics.convocazione_note" => "This is a convocation.",
                "percorso.ics.reminder" => "Reminder",
                other => other,
            }
            .to_string()
        };
        let l = IcsLabels::from_tr(&tr);
        assert_eq!(l.telefono, "How: by phone");
        let text = appointments_to_ics_with(&[appointment("E1", "Check", None)], stamp(), "h", &l);
        assert!(text.contains("SUMMARY:CPI convocation: Check\r\n"));
        assert!(text.contains("DESCRIPTION:Reminder: CPI convocation: Check\r\n"));
    }

    #[test]
    fn the_demo_appointments_export() {
        let p =
            Percorso::parse(include_str!("../../../tests/fixtures/percorso/demo.json")).unwrap();
        let text = appointments_to_ics(&p.appointments, stamp(), "demo.sportello.example.it");
        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).unwrap();
        let uids: Vec<String> = cal
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .map(|c| prop(c, "UID"))
            .collect();
        assert_eq!(uids.len(), p.appointments.len());
        for (uid, a) in uids.iter().zip(&p.appointments) {
            assert_eq!(uid, &format!("{}@demo.sportello.example.it", a.id));
        }
    }
}
