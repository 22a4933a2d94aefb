//! Job vacancies ("offerte di lavoro"), modelled on the ministerial
//! ClicLavoro / SIU `Vacancy` schema, with:
//!
//! - a tolerant feed parser ([`parse_vacancy_feed`]): the envelope must be
//!   valid, but every record is checked on its own and a bad one is skipped
//!   and counted instead of losing the whole feed;
//! - an importer for schema.org `JobPosting` JSON-LD ([`import_jobposting`])
//!   and the reverse mapping ([`to_jobposting`]).
//!
//! ClicLavoro field → our field: `codiceofferta` → `id`, `descrprofessione`
//! → `title`, `descrizionericerca` → `description`, `DatoreLavoro` →
//! `employer`, `CondizioniOfferte/idcomune` → `workplace`, `idprofessione` →
//! `profession`, `idtipologiacontratto` → `contract`, `numerolavoratori` →
//! `posts`, `retribuzioneannualorda` → `salary`, `datapubblicazione` /
//! `datascadenza` → `published` / `expires`. See `docs/feeds-vacancies.md`.

use crate::domain::feed::{self, FeedError, FeedKind};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Map, Value};

/// How many record errors an [`ImportReport`] keeps (the count is always exact).
pub const MAX_REPORTED_ERRORS: usize = 20;

/// One job offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vacancy {
    /// `codiceofferta`: unique within the feed.
    pub id: String,
    /// `descrprofessione`: the title shown in lists (≤ 250 characters).
    pub title: String,
    /// `descrizionericerca`: plain text (≤ 5000 characters).
    pub description: String,
    pub employer: Employer,
    /// The comune where the work is done.
    pub workplace: Workplace,
    /// WGS84 coordinates of the workplace (usually the comune's centroid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f32>,
    /// `idprofessione`: ISTAT CP 2011/2021 code, 5 levels (`5.1.2.2.0`) or
    /// the ministerial 6-level form (`5.1.2.2.0.1`), with its label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profession: Option<Classification>,
    /// ATECO 2007 sector of the activity: `dd`, `dd.d`, `dd.dd`, `dd.dd.d`
    /// or `dd.dd.dd`, with its label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Classification>,
    pub contract: ContractType,
    pub working_time: WorkingTime,
    /// `numerolavoratori`: people sought (≥ 1).
    pub posts: u16,
    #[serde(default)]
    pub requirements: Requirements,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<Salary>,
    /// `datapubblicazione`, `YYYY-MM-DD`.
    pub published: String,
    /// `datascadenza`, `YYYY-MM-DD`, not before `published`.
    pub expires: String,
    /// Reserved to people registered under L. 68/1999 (collocamento mirato).
    #[serde(default)]
    pub reserved_l68: bool,
    /// A tirocinio (internship) rather than a job.
    #[serde(default)]
    pub internship: bool,
    /// How to apply, plain text.
    #[serde(default)]
    pub how_to_apply: String,
    /// Who published the offer (CPI, agency, portal), for attribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Employer {
    /// `denominazione` (≤ 100 characters).
    pub name: String,
    /// Codice fiscale: 16 characters or 11 digits (partita IVA form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cf: Option<String>,
    /// `settore`: ATECO in the ClicLavoro form `dd.dd.dd`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ateco: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Workplace {
    /// ISTAT code of the comune, 6 digits (`037006`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub istat: Option<String>,
    /// Belfiore (cadastral) code, `[A-Z]\d{3}` (`A944`): ClicLavoro `idcomune`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub belfiore: Option<String>,
    pub name: String,
    /// Province sigla (`BO`). Required in the app feed; may be empty for
    /// JSON-LD imports whose address carries no province.
    #[serde(default)]
    pub province: String,
}

/// A coded classification with its label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    pub code: String,
    #[serde(default)]
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    TempoIndeterminato,
    TempoDeterminato,
    Apprendistato,
    Somministrazione,
    Tirocinio,
    Collaborazione,
    LavoroAutonomo,
    Altro,
}

impl ContractType {
    pub const ALL: [ContractType; 8] = [
        ContractType::TempoIndeterminato,
        ContractType::TempoDeterminato,
        ContractType::Apprendistato,
        ContractType::Somministrazione,
        ContractType::Tirocinio,
        ContractType::Collaborazione,
        ContractType::LavoroAutonomo,
        ContractType::Altro,
    ];

    /// The feed / URL code (`tempo_indeterminato`).
    pub fn code(self) -> &'static str {
        match self {
            ContractType::TempoIndeterminato => "tempo_indeterminato",
            ContractType::TempoDeterminato => "tempo_determinato",
            ContractType::Apprendistato => "apprendistato",
            ContractType::Somministrazione => "somministrazione",
            ContractType::Tirocinio => "tirocinio",
            ContractType::Collaborazione => "collaborazione",
            ContractType::LavoroAutonomo => "lavoro_autonomo",
            ContractType::Altro => "altro",
        }
    }

    pub fn from_code(code: &str) -> Option<ContractType> {
        ContractType::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label_it(self) -> &'static str {
        match self {
            ContractType::TempoIndeterminato => "Tempo indeterminato",
            ContractType::TempoDeterminato => "Tempo determinato",
            ContractType::Apprendistato => "Apprendistato",
            ContractType::Somministrazione => "Somministrazione",
            ContractType::Tirocinio => "Tirocinio",
            ContractType::Collaborazione => "Collaborazione",
            ContractType::LavoroAutonomo => "Lavoro autonomo",
            ContractType::Altro => "Altro",
        }
    }

    /// Position in [`ContractType::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkingTime {
    FullTime,
    PartTime,
    Turni,
    Other,
}

impl WorkingTime {
    pub const ALL: [WorkingTime; 4] = [
        WorkingTime::FullTime,
        WorkingTime::PartTime,
        WorkingTime::Turni,
        WorkingTime::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WorkingTime::FullTime => "full_time",
            WorkingTime::PartTime => "part_time",
            WorkingTime::Turni => "turni",
            WorkingTime::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<WorkingTime> {
        WorkingTime::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label_it(self) -> &'static str {
        match self {
            WorkingTime::FullTime => "Tempo pieno",
            WorkingTime::PartTime => "Part-time",
            WorkingTime::Turni => "Su turni",
            WorkingTime::Other => "Altro orario",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// What the person must bring (ClicLavoro `IstruzioneFormazione` and
/// `ProfiloRichiesto/esperienzarichiesta`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// Ministerial education level 0–12 (0 nessun titolo … 4 diploma
    /// secondario … 7 laurea … 12 dottorato).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education_level: Option<u8>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageRequirement>,
    /// Driving licence categories (`B`, `C`, `CE`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub driving_licences: Vec<String>,
    #[serde(default)]
    pub experience_required: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageRequirement {
    /// ISO 639-1 code, lowercase (`en`).
    pub code: String,
    pub level: CefrLevel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CefrLevel {
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
}

/// Gross annual pay in euro (`retribuzioneannualorda`); `min == max` when a
/// single figure is given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Salary {
    pub annual_gross_eur_min: u32,
    pub annual_gross_eur_max: u32,
}

/// Outcome of an import: how many records were kept and why the others were not.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ImportReport {
    pub accepted: usize,
    pub skipped: usize,
    /// `(record index, Italian reason)`, the first [`MAX_REPORTED_ERRORS`].
    pub errors: Vec<(usize, String)>,
}

impl ImportReport {
    fn skip(&mut self, index: usize, reason: String) {
        self.skipped += 1;
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push((index, reason));
        }
    }

    /// One-line Italian summary ("3 offerte caricate, 1 scartata").
    pub fn summary_it(&self) -> String {
        let acc = if self.accepted == 1 {
            "1 offerta caricata".to_string()
        } else {
            format!("{} offerte caricate", self.accepted)
        };
        match self.skipped {
            0 => acc,
            1 => format!("{acc}, 1 scartata perché non valida"),
            n => format!("{acc}, {n} scartate perché non valide"),
        }
    }
}

// ---------------------------------------------------------------------------
// Dates

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (a longer date-time
/// string is accepted and its time ignored). `None` if not a real date.
pub fn iso_to_days(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() < 10 || (b.len() > 10 && b[10] != b'T' && b[10] != b' ') {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<i32> {
        let mut v = 0i32;
        for &c in &b[r] {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + (c - b'0') as i32;
        }
        Some(v)
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// ISO `YYYY-MM-DD` of a day number (inverse of [`iso_to_days`]).
pub fn days_to_iso(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(y: i32, m: i32) -> i32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

// Howard Hinnant's algorithms.
fn days_from_civil(y: i32, m: i32, d: i32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i32) -> (i32, i32, i32) {
    let z = z as i64 + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    ((if m <= 2 { y + 1 } else { y }) as i32, m as i32, d as i32)
}

// ---------------------------------------------------------------------------
// Code patterns

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())
}

/// ISTAT comune code: 6 digits.
pub fn is_istat_code(s: &str) -> bool {
    s.len() == 6 && all_digits(s)
}

/// Belfiore code: one uppercase letter and 3 digits.
pub fn is_belfiore_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4 && b[0].is_ascii_uppercase() && all_digits(&s[1..])
}

/// Province sigla: 2 uppercase letters.
pub fn is_province_sigla(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|c| c.is_ascii_uppercase())
}

/// CP 2011/2021 code: 5 single-digit levels (`5.1.2.2.0`) or the ministerial
/// 6-level extension `([0-9]\.){5}[0-9]{1,2}`. The first digit is 1–9.
pub fn is_cp_code(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 5 && parts.len() != 6 {
        return false;
    }
    for (i, p) in parts.iter().enumerate() {
        let ok = if i == 5 {
            (1..=2).contains(&p.len())
        } else {
            p.len() == 1
        };
        if !ok || !all_digits(p) {
            return false;
        }
    }
    parts[0] != "0"
}

/// ATECO code of any depth from division to sub-category: `dd`, `dd.d`,
/// `dd.dd`, `dd.dd.d`, `dd.dd.dd`; the division is 01–99.
pub fn is_ateco_code(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts[0].len() != 2
        || !all_digits(parts[0])
        || parts[0] == "00"
    {
        return false;
    }
    parts[1..].iter().enumerate().all(|(i, p)| {
        let last = i + 2 == parts.len();
        all_digits(p) && (p.len() == 2 || (last && p.len() == 1))
    })
}

/// The full ClicLavoro form `dd.dd.dd`.
pub fn is_ateco_full(s: &str) -> bool {
    s.len() == 8 && is_ateco_code(s)
}

/// Codice fiscale shape: 16 characters (letters/digits in the right places,
/// omocodia allowed) or 11 digits. The check character is not verified here.
pub fn is_cf_shape(s: &str) -> bool {
    if s.len() == 11 {
        return all_digits(s);
    }
    let b = s.as_bytes();
    if b.len() != 16 {
        return false;
    }
    let omo = |c: u8| c.is_ascii_digit() || b"LMNPQRSTUV".contains(&c);
    b[..6].iter().all(u8::is_ascii_uppercase)
        && omo(b[6])
        && omo(b[7])
        && b[8].is_ascii_uppercase()
        && omo(b[9])
        && omo(b[10])
        && b[11].is_ascii_uppercase()
        && b[12..15].iter().all(|&c| omo(c))
        && b[15].is_ascii_uppercase()
}

/// Driving licence category (`AM`, `A1`, `B`, `BE`, `C1E`, `CQC`, `KB`…).
fn is_licence(s: &str) -> bool {
    (1..=4).contains(&s.len())
        && s.as_bytes()[0].is_ascii_uppercase()
        && s.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Check a record; `Err` holds the Italian reason. `strict_place` requires
/// the province sigla (the app feed); JSON-LD imports may lack it.
pub fn validate(v: &Vacancy, strict_place: bool) -> Result<(), String> {
    let id = v.id.trim();
    if id.is_empty() {
        return Err("manca il codice dell'offerta".into());
    }
    if id.len() > 64 || v.id.chars().any(char::is_control) {
        return Err("codice dell'offerta non valido".into());
    }
    if v.title.trim().is_empty() {
        return Err("manca il titolo".into());
    }
    if char_len(&v.title) > 250 {
        return Err("titolo troppo lungo (più di 250 caratteri)".into());
    }
    if v.description.trim().is_empty() {
        return Err("manca la descrizione".into());
    }
    if char_len(&v.description) > 5000 {
        return Err("descrizione troppo lunga (più di 5000 caratteri)".into());
    }
    if v.employer.name.trim().is_empty() {
        return Err("manca il nome del datore di lavoro".into());
    }
    if char_len(&v.employer.name) > 200 {
        return Err("nome del datore di lavoro troppo lungo".into());
    }
    if let Some(cf) = &v.employer.cf {
        if !is_cf_shape(cf) {
            return Err(format!(
                "codice fiscale del datore di lavoro non valido (\"{}\")",
                clip(cf)
            ));
        }
    }
    if let Some(a) = &v.employer.ateco {
        if !is_ateco_full(a) {
            return Err(format!(
                "codice ATECO del datore di lavoro non valido (\"{}\", atteso dd.dd.dd)",
                clip(a)
            ));
        }
    }
    if v.workplace.name.trim().is_empty() {
        return Err("manca il comune del luogo di lavoro".into());
    }
    if let Some(c) = &v.workplace.istat {
        if !is_istat_code(c) {
            return Err(format!(
                "codice ISTAT del comune non valido (\"{}\")",
                clip(c)
            ));
        }
    }
    if let Some(c) = &v.workplace.belfiore {
        if !is_belfiore_code(c) {
            return Err(format!(
                "codice catastale del comune non valido (\"{}\")",
                clip(c)
            ));
        }
    }
    if (strict_place || !v.workplace.province.is_empty())
        && !is_province_sigla(&v.workplace.province)
    {
        return Err(format!(
            "sigla della provincia non valida (\"{}\")",
            clip(&v.workplace.province)
        ));
    }
    match (v.lat, v.lon) {
        (None, None) => {}
        (Some(lat), Some(lon)) => {
            if !(lat.is_finite()
                && lon.is_finite()
                && (-90.0..=90.0).contains(&lat)
                && (-180.0..=180.0).contains(&lon))
            {
                return Err("coordinate non valide".into());
            }
        }
        _ => return Err("coordinate incomplete (servono latitudine e longitudine)".into()),
    }
    if let Some(p) = &v.profession {
        if !is_cp_code(&p.code) {
            return Err(format!(
                "codice della professione non valido (\"{}\", atteso CP d.d.d.d.d)",
                clip(&p.code)
            ));
        }
    }
    if let Some(s) = &v.sector {
        if !is_ateco_code(&s.code) {
            return Err(format!(
                "codice ATECO del settore non valido (\"{}\")",
                clip(&s.code)
            ));
        }
    }
    if v.posts == 0 {
        return Err("il numero di posti deve essere almeno 1".into());
    }
    if let Some(l) = v.requirements.education_level {
        if l > 12 {
            return Err(format!(
                "livello di istruzione non valido ({l}, atteso 0–12)"
            ));
        }
    }
    for lang in &v.requirements.languages {
        if lang.code.len() != 2 || !lang.code.bytes().all(|c| c.is_ascii_lowercase()) {
            return Err(format!(
                "codice della lingua non valido (\"{}\")",
                clip(&lang.code)
            ));
        }
    }
    for l in &v.requirements.driving_licences {
        if !is_licence(l) {
            return Err(format!("patente non valida (\"{}\")", clip(l)));
        }
    }
    if let Some(s) = &v.salary {
        if s.annual_gross_eur_min > s.annual_gross_eur_max || s.annual_gross_eur_max > 999_999_999 {
            return Err("retribuzione non valida (minimo maggiore del massimo)".into());
        }
    }
    let published = iso_to_days(&v.published)
        .filter(|_| v.published.len() == 10)
        .ok_or_else(|| {
            format!(
                "data di pubblicazione non valida (\"{}\", attesa AAAA-MM-GG)",
                clip(&v.published)
            )
        })?;
    let expires = iso_to_days(&v.expires)
        .filter(|_| v.expires.len() == 10)
        .ok_or_else(|| {
            format!(
                "data di scadenza non valida (\"{}\", attesa AAAA-MM-GG)",
                clip(&v.expires)
            )
        })?;
    if expires < published {
        return Err("la data di scadenza precede quella di pubblicazione".into());
    }
    Ok(())
}

fn clip(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(40).collect();
        t.push('…');
        t
    }
}

// ---------------------------------------------------------------------------
// Feed

/// One feed item, decoded on its own so that a bad record does not spoil the
/// feed. Only one record at a time is held as a generic JSON value.
struct LenientItem(Result<Vacancy, String>);

impl<'de> Deserialize<'de> for LenientItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        Ok(LenientItem(
            Vacancy::deserialize(value).map_err(|e| italian_serde_error(&e.to_string())),
        ))
    }
}

/// Turn serde's English message into an Italian reason.
fn italian_serde_error(msg: &str) -> String {
    let field = || msg.split('`').nth(1).unwrap_or("?").to_string();
    if msg.starts_with("missing field") {
        format!("manca il campo \"{}\"", field())
    } else if msg.starts_with("unknown field") {
        format!("campo sconosciuto \"{}\"", field())
    } else if msg.starts_with("unknown variant") {
        format!("valore non ammesso \"{}\"", field())
    } else if msg.starts_with("invalid type") {
        format!("tipo di dato errato ({})", clip(msg))
    } else if msg.starts_with("invalid value") || msg.contains("out of range") {
        format!("valore non ammesso ({})", clip(msg))
    } else {
        format!("record non valido ({})", clip(msg))
    }
}

/// Parse the vacancies feed. The envelope is checked as strictly as by
/// [`feed::decode`] (feed name, schema version, envelope fields); every item
/// is decoded and validated on its own: invalid ones and repeated ids are
/// skipped and reported, never fatal.
pub fn parse_vacancy_feed(text: &str) -> Result<(Vec<Vacancy>, ImportReport), FeedError> {
    let mut report = ImportReport::default();
    // Fast path: when every record has the right shape the feed decodes in
    // one pass (about twice as fast) and is filtered in place (no second
    // vector of offers: at 100,000 offers that is tens of MB in wasm).
    if let Ok(feed) = feed::decode::<Vacancy>(FeedKind::Vacancies, text) {
        let mut items = feed.items;
        let mut seen = std::collections::HashSet::with_capacity(items.len());
        let mut i = 0;
        items.retain(|v| {
            i += 1;
            keep_valid(v, i - 1, &mut seen, &mut report)
        });
        items.shrink_to_fit();
        report.accepted = items.len();
        return Ok((items, report));
    }
    // Otherwise record by record.
    let items = feed::decode::<LenientItem>(FeedKind::Vacancies, text)?.items;
    let mut out = Vec::with_capacity(items.len());
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match item.0 {
            Ok(v) => {
                if keep_valid(&v, i, &mut seen, &mut report) {
                    out.push(v);
                }
            }
            Err(reason) => report.skip(i, reason),
        }
    }
    report.accepted = out.len();
    Ok((out, report))
}

/// The format a vacancies text came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VacancyFormat {
    /// The app's feed envelope (`vacancies.json`).
    Feed,
    /// A schema.org `JobPosting` list (JSON-LD), as many job boards publish.
    JsonLd,
}

/// Read offers from the app's feed or, when the text is not one, from a
/// schema.org `JobPosting` list (an array, an `@graph`, or one posting).
/// Both are tolerant: bad records are skipped and reported. A text that is
/// neither gives the feed's error.
pub fn parse_vacancies(text: &str) -> Result<(Vec<Vacancy>, ImportReport, VacancyFormat), FeedError> {
    match parse_vacancy_feed(text) {
        Ok((offers, report)) => Ok((offers, report, VacancyFormat::Feed)),
        Err(e) => {
            if !looks_like_jsonld(text) || serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
                return Err(e);
            }
            let (offers, report) = import_jobposting(text);
            // Not one posting, good or bad: it was not a JobPosting list.
            if offers.is_empty() && report.skipped == 0 {
                return Err(e);
            }
            Ok((offers, report, VacancyFormat::JsonLd))
        }
    }
}

/// An array, or an object with `@context`, `@graph` or `@type` near the start.
fn looks_like_jsonld(text: &str) -> bool {
    let t = text.trim_start();
    let mut end = t.len().min(4096);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let head = &t[..end];
    t.starts_with('[') || (t.starts_with('{') && ["\"@context\"", "\"@graph\"", "\"@type\""].iter().any(|k| head.contains(k)))
}

/// Whether a feed says it holds demonstration data (`"demo": true`).
pub fn feed_is_demo(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Envelope {
        #[serde(default)]
        demo: bool,
    }
    serde_json::from_str::<Envelope>(text).is_ok_and(|e| e.demo)
}

/// Whether record `i` is valid and its id not seen before; reports it if not.
fn keep_valid(v: &Vacancy, i: usize, seen: &mut std::collections::HashSet<String>, report: &mut ImportReport) -> bool {
    if let Err(reason) = validate(v, true) {
        report.skip(i, reason);
        return false;
    }
    if !seen.insert(v.id.clone()) {
        report.skip(i, format!("codice offerta ripetuto (\"{}\")", clip(&v.id)));
        return false;
    }
    true
}

// ---------------------------------------------------------------------------
// schema.org JobPosting

/// Import schema.org `JobPosting` JSON-LD: a JSON array of postings, an
/// object with `@graph`, or a single posting. Nodes of other types in an
/// array or graph are ignored; postings that cannot be mapped are skipped
/// and reported. Not-JSON input gives an empty result with one error.
///
/// Postings carry no comune codes: `workplace.istat`/`belfiore` stay empty
/// (resolve them with the comuni table if needed) and the province is taken
/// from a 2-letter `addressRegion`.
pub fn import_jobposting(text: &str) -> (Vec<Vacancy>, ImportReport) {
    let mut report = ImportReport::default();
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            report.skip(
                0,
                format!("il testo non è JSON valido ({})", clip(&e.to_string())),
            );
            return (Vec::new(), report);
        }
    };
    let nodes: Vec<&Value> = match &root {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => match o.get("@graph") {
            Some(Value::Array(g)) => g.iter().collect(),
            Some(g @ Value::Object(_)) => vec![g],
            _ => vec![&root],
        },
        _ => {
            report.skip(0, "atteso un oggetto o un elenco JobPosting".into());
            return (Vec::new(), report);
        }
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, node) in nodes.into_iter().enumerate() {
        if !is_jobposting(node) {
            continue;
        }
        match map_jobposting(node, i).and_then(|v| validate(&v, false).map(|_| v)) {
            Ok(v) => {
                if seen.insert(v.id.clone()) {
                    out.push(v);
                } else {
                    report.skip(i, format!("identificativo ripetuto (\"{}\")", clip(&v.id)));
                }
            }
            Err(reason) => report.skip(i, reason),
        }
    }
    report.accepted = out.len();
    (out, report)
}

fn is_jobposting(v: &Value) -> bool {
    let is = |t: &Value| {
        t.as_str()
            .map(|s| s == "JobPosting" || s.ends_with("/JobPosting"))
            .unwrap_or(false)
    };
    match v.get("@type") {
        Some(Value::Array(a)) => a.iter().any(is),
        Some(t) => is(t),
        None => false,
    }
}

/// A string from a string, number or `{"@value"/"value"/"name": …}`.
fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => text_of(o.get("@value"))
            .or_else(|| text_of(o.get("value")))
            .or_else(|| text_of(o.get("name"))),
        Value::Array(a) => a.iter().find_map(|x| text_of(Some(x))),
        _ => None,
    }
}

fn num_of(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', ".").parse().ok(),
        Value::Object(o) => num_of(o.get("@value")),
        _ => None,
    }
    .filter(|x: &f64| x.is_finite())
}

/// First element if an array, the value otherwise.
fn first(v: Option<&Value>) -> Option<&Value> {
    match v? {
        Value::Array(a) => a.first(),
        x => Some(x),
    }
}

fn map_jobposting(jp: &Value, index: usize) -> Result<Vacancy, String> {
    let title = text_of(jp.get("title")).ok_or("manca il titolo (title)")?;
    let description = text_of(jp.get("description"))
        .map(|d| strip_html(&d))
        .unwrap_or_default();
    let description = truncate_chars(&description, 5000);
    let title = truncate_chars(&strip_html(&title), 250);
    let date_posted =
        text_of(jp.get("datePosted")).ok_or("manca la data di pubblicazione (datePosted)")?;
    let published_days = iso_to_days(&date_posted)
        .ok_or_else(|| format!("datePosted non valida (\"{}\")", clip(&date_posted)))?;
    let expires = match text_of(jp.get("validThrough")) {
        Some(s) => {
            iso_to_days(&s).ok_or_else(|| format!("validThrough non valida (\"{}\")", clip(&s)))?
        }
        // Not given: 60 days of publication.
        None => published_days + 60,
    };

    let org = first(jp.get("hiringOrganization"));
    let employer_name = match org {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(o) => text_of(o.get("name")).unwrap_or_default(),
        None => String::new(),
    };
    let cf = org
        .and_then(|o| text_of(o.get("taxID")).or_else(|| text_of(o.get("vatID"))))
        .map(|s| s.trim_start_matches("IT").to_string())
        .filter(|s| is_cf_shape(s));

    let loc = first(jp.get("jobLocation"));
    let address = loc.and_then(|l| first(l.get("address")));
    let (mut comune, mut province) = (String::new(), String::new());
    match address {
        Some(Value::String(s)) => comune = s.trim().to_string(),
        Some(a) => {
            comune = text_of(a.get("addressLocality")).unwrap_or_default();
            if let Some(r) = text_of(a.get("addressRegion")) {
                let up = r.trim().to_ascii_uppercase();
                if is_province_sigla(&up) {
                    province = up;
                }
            }
        }
        None => {}
    }
    if comune.is_empty() {
        if let Some(name) = loc.and_then(|l| text_of(l.get("name"))) {
            comune = name;
        }
    }
    let geo = loc.and_then(|l| l.get("geo"));
    let (lat, lon) = match geo.map(|g| (num_of(g.get("latitude")), num_of(g.get("longitude")))) {
        Some((Some(la), Some(lo)))
            if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) =>
        {
            (Some(la as f32), Some(lo as f32))
        }
        _ => (None, None),
    };

    // employmentType: a string or an array of strings.
    let mut types: Vec<String> = Vec::new();
    match jp.get("employmentType") {
        Some(Value::Array(a)) => types.extend(
            a.iter()
                .filter_map(|x| x.as_str())
                .map(|s| s.trim().to_ascii_uppercase()),
        ),
        Some(Value::String(s)) => types.extend(s.split(',').map(|x| x.trim().to_ascii_uppercase())),
        _ => {}
    }
    let has = |t: &str| types.iter().any(|x| x == t);
    let internship = has("INTERN") || has("INTERNSHIP") || has("TIROCINIO");
    let contract = if internship {
        ContractType::Tirocinio
    } else if let Some(c) = types
        .iter()
        .find_map(|t| ContractType::from_code(&t.to_ascii_lowercase()))
    {
        c
    } else if has("TEMPORARY") {
        ContractType::TempoDeterminato
    } else if has("CONTRACTOR") {
        ContractType::LavoroAutonomo
    } else if has("PERMANENT") {
        ContractType::TempoIndeterminato
    } else if has("APPRENTICESHIP") {
        ContractType::Apprendistato
    } else {
        ContractType::Altro
    };
    let working_time = if has("PART_TIME") {
        WorkingTime::PartTime
    } else if has("FULL_TIME") {
        WorkingTime::FullTime
    } else if has("SHIFT") || has("TURNI") {
        WorkingTime::Turni
    } else {
        WorkingTime::Other
    };

    let salary = map_salary(jp.get("baseSalary"))?;

    let id = first(jp.get("identifier"))
        .and_then(|i| text_of(Some(i)))
        .or_else(|| text_of(jp.get("url")))
        .filter(|s| s.len() <= 64)
        .unwrap_or_else(|| {
            format!(
                "jp-{:016x}",
                fnv1a(format!("{index}|{title}|{date_posted}|{employer_name}").as_bytes())
            )
        });

    let profession = first(jp.get("occupationalCategory")).and_then(|c| {
        let (code, label) = match c {
            Value::Object(o) => (
                text_of(o.get("codeValue")).unwrap_or_default(),
                text_of(o.get("name")).unwrap_or_default(),
            ),
            other => split_code(&text_of(Some(other)).unwrap_or_default()),
        };
        is_cp_code(&code).then_some(Classification { code, label })
    });
    let sector = text_of(jp.get("industry")).and_then(|s| {
        let (code, label) = split_code(&s);
        is_ateco_code(&code).then_some(Classification { code, label })
    });

    let posts = num_of(jp.get("totalJobOpenings"))
        .map(|n| n.round().clamp(1.0, u16::MAX as f64) as u16)
        .unwrap_or(1);

    let education_level = first(jp.get("educationRequirements")).and_then(|e| {
        let cat = match e {
            Value::Object(o) => text_of(o.get("credentialCategory")),
            other => text_of(Some(other)),
        }?
        .to_ascii_lowercase();
        if cat.contains("postgraduate") {
            Some(8)
        } else if cat.contains("bachelor") || cat.contains("laurea") {
            Some(7)
        } else if cat.contains("associate") {
            Some(5)
        } else if cat.contains("high school") || cat.contains("diploma") {
            Some(4)
        } else {
            None
        }
    });
    let experience_required = match jp.get("experienceRequirements") {
        Some(Value::Object(o)) => num_of(o.get("monthsOfExperience"))
            .map(|m| m > 0.0)
            .unwrap_or(true),
        Some(Value::String(s)) => {
            let f = crate::domain::text::fold(s);
            !f.is_empty() && f != "no" && f != "none" && f != "nessuna"
        }
        _ => false,
    };

    let how_to_apply = text_of(
        jp.get("applicationContact")
            .and_then(|c| c.get("email").or(c.get("url"))),
    )
    .or_else(|| text_of(jp.get("url")))
    .map(|s| format!("Candidati tramite: {s}"))
    .unwrap_or_default();

    Ok(Vacancy {
        id,
        title,
        description,
        employer: Employer {
            name: employer_name,
            cf,
            ateco: None,
        },
        workplace: Workplace {
            istat: None,
            belfiore: None,
            name: comune,
            province,
        },
        lat,
        lon,
        profession,
        sector,
        contract,
        working_time,
        posts,
        requirements: Requirements {
            education_level,
            languages: Vec::new(),
            driving_licences: Vec::new(),
            experience_required,
        },
        salary,
        published: days_to_iso(published_days),
        expires: days_to_iso(expires),
        reserved_l68: false,
        internship,
        how_to_apply,
        source: text_of(jp.get("sourceOrganization").and_then(|s| s.get("name")))
            .or(Some("JobPosting (schema.org)".into())),
    })
}

/// `"5.1.2.2.0 Commessi"` → (`"5.1.2.2.0"`, `"Commessi"`); also `" - "` separators.
fn split_code(s: &str) -> (String, String) {
    let s = s.trim();
    let (code, rest) = match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let label = rest.trim().trim_start_matches(['-', '–', ':']).trim();
    (code.to_string(), label.to_string())
}

/// Annual gross from a `MonetaryAmount`. Conversion to a year: HOUR × 2080
/// (40 h × 52), DAY × 260, WEEK × 52, MONTH × 13 (tredicesima), YEAR × 1.
fn map_salary(v: Option<&Value>) -> Result<Option<Salary>, String> {
    let Some(v) = v else { return Ok(None) };
    let currency = text_of(v.get("currency")).unwrap_or_else(|| "EUR".into());
    if !currency.eq_ignore_ascii_case("EUR") {
        // Other currencies are not converted: drop the salary, keep the offer.
        return Ok(None);
    }
    let (q, unit_outer) = match v.get("value") {
        Some(q @ Value::Object(_)) => (q, None),
        Some(n) => (v, num_of(Some(n)).map(|_| ())),
        None => (v, None),
    };
    let (mut min, mut max) = if unit_outer.is_some() {
        let x = num_of(v.get("value"));
        (x, x)
    } else {
        let single = num_of(q.get("value"));
        (
            num_of(q.get("minValue")).or(single),
            num_of(q.get("maxValue")).or(single),
        )
    };
    if min.is_none() {
        min = max;
    }
    if max.is_none() {
        max = min;
    }
    let (Some(min), Some(max)) = (min, max) else {
        return Ok(None);
    };
    let unit = text_of(q.get("unitText"))
        .or_else(|| text_of(v.get("unitText")))
        .unwrap_or_else(|| "YEAR".into());
    let factor = match unit.to_ascii_uppercase().as_str() {
        "HOUR" => 2080.0,
        "DAY" => 260.0,
        "WEEK" => 52.0,
        "MONTH" => 13.0,
        "YEAR" => 1.0,
        other => {
            return Err(format!(
                "unità della retribuzione sconosciuta (\"{}\")",
                clip(other)
            ))
        }
    };
    let (a, b) = (min * factor, max * factor);
    if a < 0.0 || b < 0.0 || a > b || b > 999_999_999.0 {
        return Err("retribuzione non valida".into());
    }
    Ok(Some(Salary {
        annual_gross_eur_min: a.round() as u32,
        annual_gross_eur_max: b.round() as u32,
    }))
}

/// The schema.org `JobPosting` JSON-LD of a vacancy (for `<script
/// type="application/ld+json">` and for exchange).
pub fn to_jobposting(v: &Vacancy) -> Value {
    let mut jp = Map::new();
    jp.insert("@context".into(), json!("https://schema.org"));
    jp.insert("@type".into(), json!("JobPosting"));
    jp.insert(
        "identifier".into(),
        json!({"@type": "PropertyValue", "name": v.source.clone().unwrap_or_else(|| "Sportello Lavoro".into()), "value": v.id}),
    );
    jp.insert("title".into(), json!(v.title));
    jp.insert("description".into(), json!(v.description));
    jp.insert("datePosted".into(), json!(v.published));
    jp.insert("validThrough".into(), json!(v.expires));
    let mut org = Map::new();
    org.insert("@type".into(), json!("Organization"));
    org.insert("name".into(), json!(v.employer.name));
    if let Some(cf) = &v.employer.cf {
        org.insert("taxID".into(), json!(cf));
    }
    jp.insert("hiringOrganization".into(), Value::Object(org));
    let mut address = Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    address.insert("addressLocality".into(), json!(v.workplace.name));
    if !v.workplace.province.is_empty() {
        address.insert("addressRegion".into(), json!(v.workplace.province));
    }
    address.insert("addressCountry".into(), json!("IT"));
    let mut place = Map::new();
    place.insert("@type".into(), json!("Place"));
    place.insert("address".into(), Value::Object(address));
    if let (Some(lat), Some(lon)) = (v.lat, v.lon) {
        place.insert(
            "geo".into(),
            json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}),
        );
    }
    jp.insert("jobLocation".into(), Value::Object(place));
    let mut types = Vec::new();
    match v.working_time {
        WorkingTime::FullTime => types.push("FULL_TIME"),
        WorkingTime::PartTime => types.push("PART_TIME"),
        WorkingTime::Turni | WorkingTime::Other => {}
    }
    match v.contract {
        ContractType::TempoDeterminato | ContractType::Somministrazione => types.push("TEMPORARY"),
        ContractType::Tirocinio => types.push("INTERN"),
        ContractType::Collaborazione | ContractType::LavoroAutonomo => types.push("CONTRACTOR"),
        ContractType::TempoIndeterminato | ContractType::Apprendistato | ContractType::Altro => {}
    }
    if v.internship && v.contract != ContractType::Tirocinio {
        types.push("INTERN");
    }
    if types.is_empty() {
        types.push("OTHER");
    }
    jp.insert("employmentType".into(), json!(types));
    if let Some(s) = &v.salary {
        jp.insert(
            "baseSalary".into(),
            json!({"@type": "MonetaryAmount", "currency": "EUR", "value": {
                "@type": "QuantitativeValue", "minValue": s.annual_gross_eur_min,
                "maxValue": s.annual_gross_eur_max, "unitText": "YEAR"}}),
        );
    }
    if let Some(p) = &v.profession {
        jp.insert(
            "occupationalCategory".into(),
            json!(format!("{} {}", p.code, p.label).trim()),
        );
    }
    if let Some(s) = &v.sector {
        jp.insert(
            "industry".into(),
            json!(format!("{} {}", s.code, s.label).trim()),
        );
    }
    jp.insert("totalJobOpenings".into(), json!(v.posts));
    if let Some(level) = v.requirements.education_level {
        let cat = match level {
            0..=3 => None,
            4 => Some("high school"),
            5 | 6 => Some("associate degree"),
            7 => Some("bachelor degree"),
            _ => Some("postgraduate degree"),
        };
        if let Some(cat) = cat {
            jp.insert(
                "educationRequirements".into(),
                json!({"@type": "EducationalOccupationalCredential", "credentialCategory": cat}),
            );
        }
    }
    if v.requirements.experience_required {
        jp.insert(
            "experienceRequirements".into(),
            json!({"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 12}),
        );
    }
    jp.insert("directApply".into(), json!(false));
    Value::Object(jp)
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => {
            let mut t: String = s[..i].chars().take(max.saturating_sub(1)).collect();
            t.push('…');
            t
        }
        None => s.to_string(),
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Plain text from HTML: tags removed (block tags become line breaks),
/// `<script>`/`<style>` content dropped, common entities decoded, blank runs
/// collapsed.
pub fn strip_html(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let starts_tag = c == '<'
            && rest[1..]
                .chars()
                .next()
                .map(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                .unwrap_or(false);
        if starts_tag {
            let (inner, end) = match rest.find('>') {
                Some(i) => (&rest[1..i], i + 1),
                None => (&rest[1..], rest.len()),
            };
            let tag = inner.trim_start_matches('/').to_ascii_lowercase();
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if (name == "script" || name == "style") && !rest[1..].starts_with('/') {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = match lower.find(&close) {
                    Some(i) => {
                        let after = &rest[i..];
                        &after[after.find('>').map(|j| j + 1).unwrap_or(after.len())..]
                    }
                    None => "",
                };
                continue;
            }
            if matches!(
                name.as_str(),
                "br" | "p"
                    | "div"
                    | "li"
                    | "ul"
                    | "ol"
                    | "tr"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
            ) {
                out.push('\n');
            } else if !name.is_empty() {
                out.push(' ');
            }
            rest = &rest[end..];
        } else if c == '&' {
            let semi = rest.as_bytes().iter().take(12).position(|&b| b == b';');
            let decoded = semi.and_then(|i| decode_entity(&rest[1..i]).map(|ch| (ch, i + 1)));
            match decoded {
                Some((ch, len)) => {
                    out.push(ch);
                    rest = &rest[len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    // Collapse spaces within lines and blank lines.
    let mut clean = String::with_capacity(out.len());
    for line in out.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !clean.is_empty() {
            clean.push('\n');
        }
        clean.push_str(&words.join(" "));
    }
    clean
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "egrave" => 'è',
        "eacute" => 'é',
        "agrave" => 'à',
        "igrave" => 'ì',
        "ograve" => 'ò',
        "ugrave" => 'ù',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Agrave" => 'À',
        "euro" => '€',
        "rsquo" | "lsquo" => '\'',
        "ldquo" | "rdquo" | "laquo" | "raquo" => '"',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> Vacancy {
        Vacancy {
            id: "ER-1".into(),
            title: "Magazziniere".into(),
            description: "Carico e scarico merci con muletto.".into(),
            employer: Employer {
                name: "Logistica Demo S.r.l. (fittizia)".into(),
                cf: None,
                ateco: Some("52.10.00".into()),
            },
            workplace: Workplace {
                istat: Some("037006".into()),
                belfiore: Some("A944".into()),
                name: "Bologna".into(),
                province: "BO".into(),
            },
            lat: Some(44.4938),
            lon: Some(11.3387),
            profession: Some(Classification {
                code: "8.1.3.1.0".into(),
                label: "Personale di magazzino".into(),
            }),
            sector: Some(Classification {
                code: "52.10".into(),
                label: "Magazzinaggio e custodia".into(),
            }),
            contract: ContractType::TempoDeterminato,
            working_time: WorkingTime::FullTime,
            posts: 2,
            requirements: Requirements {
                education_level: Some(2),
                languages: vec![LanguageRequirement {
                    code: "en".into(),
                    level: CefrLevel::A2,
                }],
                driving_licences: vec!["B".into()],
                experience_required: true,
            },
            salary: Some(Salary {
                annual_gross_eur_min: 22000,
                annual_gross_eur_max: 25000,
            }),
            published: "2026-11-01".into(),
            expires: "2026-12-31".into(),
            reserved_l68: false,
            internship: false,
            how_to_apply: "Invia il CV al CPI di Bologna.".into(),
            source: Some("demo".into()),
        }
    }

    fn feed_with(items: &[Value]) -> String {
        json!({"schema_version": 1, "feed": "vacancies", "generated_at": "2026-11-23", "demo": true, "items": items}).to_string()
    }

    #[test]
    fn dates_round_trip() {
        assert_eq!(iso_to_days("1970-01-01"), Some(0));
        assert_eq!(iso_to_days("2026-11-23"), Some(20780));
        assert_eq!(days_to_iso(20780), "2026-11-23");
        assert_eq!(
            iso_to_days("2024-02-29"),
            Some(iso_to_days("2024-02-28").unwrap() + 1)
        );
        assert_eq!(iso_to_days("2025-02-29"), None);
        assert_eq!(iso_to_days("2026-13-01"), None);
        assert_eq!(iso_to_days("2026-11-23T10:00:00Z"), Some(20780));
        assert_eq!(iso_to_days("2026-1-23"), None);
        assert_eq!(iso_to_days("é"), None);
        for d in [-700_000, -1, 0, 59, 20000, 2_000_000] {
            assert_eq!(iso_to_days(&days_to_iso(d)), Some(d), "{d}");
        }
    }

    #[test]
    fn code_patterns() {
        assert!(is_cp_code("5.1.2.2.0"));
        assert!(is_cp_code("5.1.2.2.0.12"));
        assert!(!is_cp_code("5.1.2.2"));
        assert!(!is_cp_code("0.1.2.2.0"));
        assert!(!is_cp_code("5.1.2.2.0.123"));
        assert!(
            is_ateco_code("47")
                && is_ateco_code("47.1")
                && is_ateco_code("47.11")
                && is_ateco_code("47.11.10")
        );
        assert!(
            !is_ateco_code("4711")
                && !is_ateco_code("47.111")
                && !is_ateco_code("47.1.1")
                && !is_ateco_code("")
        );
        assert!(is_ateco_full("47.11.10") && !is_ateco_full("47.11"));
        assert!(is_belfiore_code("A944") && !is_belfiore_code("a944") && !is_belfiore_code("A94"));
        assert!(is_istat_code("037006") && !is_istat_code("37006"));
        assert!(
            is_cf_shape("RSSMRA85T10A944S")
                && is_cf_shape("01234567890")
                && !is_cf_shape("RSSMRA85T10A944")
        );
    }

    #[test]
    fn sample_is_valid_and_serde_round_trips() {
        let v = sample();
        assert_eq!(validate(&v, true), Ok(()));
        let text = serde_json::to_string(&v).unwrap();
        let back: Vacancy = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn feed_skips_bad_records_and_counts_them() {
        let good = serde_json::to_value(sample()).unwrap();
        let mut no_title = good.clone();
        no_title["title"] = json!("  ");
        let mut bad_dates = good.clone();
        bad_dates["id"] = json!("ER-2");
        bad_dates["expires"] = json!("2026-10-01");
        let mut unknown = good.clone();
        unknown["id"] = json!("ER-3");
        unknown["colour"] = json!("red");
        let mut zero_posts = good.clone();
        zero_posts["id"] = json!("ER-4");
        zero_posts["posts"] = json!(0);
        let mut bad_cp = good.clone();
        bad_cp["id"] = json!("ER-5");
        bad_cp["profession"]["code"] = json!("51220");
        let mut other = good.clone();
        other["id"] = json!("ER-6");
        let text = feed_with(&[
            good.clone(),
            no_title,
            bad_dates,
            unknown,
            json!(42),
            zero_posts,
            bad_cp,
            good.clone(),
            other,
        ]);
        let (items, report) = parse_vacancy_feed(&text).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(report.accepted, 2);
        assert_eq!(report.skipped, 7);
        let idx: Vec<usize> = report.errors.iter().map(|e| e.0).collect();
        assert_eq!(idx, vec![1, 2, 3, 4, 5, 6, 7]);
        assert!(report.errors[0].1.contains("titolo"));
        assert!(report.errors[1].1.contains("scadenza"));
        assert!(
            report.errors[2].1.contains("campo sconosciuto \"colour\""),
            "{}",
            report.errors[2].1
        );
        assert!(report.errors[6].1.contains("ripetuto"));
        assert!(report.summary_it().contains("7 scartate"));
    }

    #[test]
    fn feed_envelope_is_strict() {
        let good = serde_json::to_value(sample()).unwrap();
        let wrong = feed_with(std::slice::from_ref(&good)).replace("\"vacancies\"", "\"avvisi\"");
        assert!(matches!(
            parse_vacancy_feed(&wrong),
            Err(FeedError::WrongFeed { .. })
        ));
        let newer = feed_with(std::slice::from_ref(&good))
            .replace("\"schema_version\":1", "\"schema_version\":2");
        assert!(matches!(
            parse_vacancy_feed(&newer),
            Err(FeedError::UnsupportedVersion { .. })
        ));
        let extra = feed_with(&[good]).replace("\"demo\":true", "\"demo\":true,\"x\":1");
        assert!(matches!(
            parse_vacancy_feed(&extra),
            Err(FeedError::Malformed { .. })
        ));
        assert!(parse_vacancy_feed("{\"items\":[").is_err());
    }

    #[test]
    fn many_errors_keep_only_the_first_twenty() {
        let items: Vec<Value> = (0..50).map(|i| json!({"id": i})).collect();
        let (v, r) = parse_vacancy_feed(&feed_with(&items)).unwrap();
        assert!(v.is_empty());
        assert_eq!(r.skipped, 50);
        assert_eq!(r.errors.len(), MAX_REPORTED_ERRORS);
    }

    #[test]
    fn html_is_stripped() {
        assert_eq!(
            strip_html("<p>Cerchiamo <b>addetti</b> &amp; cassieri.</p><ul><li>Turni</li><li>Caff&egrave;</li></ul><script>x()</script>"),
            "Cerchiamo addetti & cassieri.\nTurni\nCaffè"
        );
        assert_eq!(strip_html("a < b & c"), "a < b & c");
        assert_eq!(strip_html("<"), "<");
        assert_eq!(strip_html("<é"), "<é");
        assert_eq!(strip_html("<b>é"), "é");
        assert_eq!(strip_html("&éééééééééé;"), "&éééééééééé;");
        assert_eq!(strip_html("&#233;&#xE8;"), "éè");
    }

    #[test]
    fn jobposting_round_trip() {
        let v = sample();
        let jp = to_jobposting(&v);
        let (items, report) = import_jobposting(&jp.to_string());
        assert_eq!(report.skipped, 0, "{:?}", report.errors);
        let back = &items[0];
        assert_eq!(back.id, v.id);
        assert_eq!(back.title, v.title);
        assert_eq!(back.description, v.description);
        assert_eq!(back.employer.name, v.employer.name);
        assert_eq!(back.workplace.name, v.workplace.name);
        assert_eq!(back.workplace.province, v.workplace.province);
        assert_eq!((back.lat, back.lon), (v.lat, v.lon));
        assert_eq!(back.profession, v.profession);
        assert_eq!(back.sector, v.sector);
        assert_eq!(back.contract, v.contract);
        assert_eq!(back.working_time, v.working_time);
        assert_eq!(back.posts, v.posts);
        assert_eq!(back.salary, v.salary);
        assert_eq!(
            (back.published.as_str(), back.expires.as_str()),
            ("2026-11-01", "2026-12-31")
        );
        assert!(back.requirements.experience_required);
        // And again: the second trip is lossless.
        assert_eq!(to_jobposting(back)["title"], jp["title"]);
    }

    #[test]
    fn jobposting_shapes_and_conversions() {
        let graph = json!({"@context": "https://schema.org", "@graph": [
            {"@type": "Organization", "name": "X"},
            {"@type": "JobPosting", "title": "Cuoco", "description": "<p>Cucina <i>tipica</i></p>",
             "datePosted": "2026-11-20T09:00:00+01:00", "validThrough": "2026-12-20",
             "hiringOrganization": {"@type": "Organization", "name": "Trattoria (fittizia)"},
             "jobLocation": [{"@type": "Place", "address": {"addressLocality": "Modena", "addressRegion": "mo", "postalCode": "41121"},
                              "geo": {"latitude": "44.65", "longitude": 10.92}}],
             "employmentType": ["PART_TIME", "TEMPORARY"],
             "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR", "value": {"@type": "QuantitativeValue", "value": 1500, "unitText": "MONTH"}},
             "identifier": {"@type": "PropertyValue", "name": "X", "value": "C-9"}},
            {"@type": "JobPosting", "title": "Stagista", "description": "Tirocinio", "datePosted": "2026-11-20",
             "hiringOrganization": "Ente (fittizio)", "jobLocation": {"address": "Parma"}, "employmentType": "INTERN",
             "baseSalary": {"currency": "EUR", "value": 10, "unitText": "HOUR"}},
            {"@type": "JobPosting", "title": "Senza data", "description": "x"},
            {"@type": "JobPosting", "title": "Date invertite", "description": "x", "datePosted": "2026-11-20",
             "validThrough": "2026-11-01", "hiringOrganization": {"name": "A"}, "jobLocation": {"address": {"addressLocality": "Carpi"}}},
            {"@type": ["JobPosting"], "title": "Senza luogo", "description": "x", "datePosted": "2026-11-20", "hiringOrganization": {"name": "A"}}
        ]});
        let (items, report) = import_jobposting(&graph.to_string());
        assert_eq!(items.len(), 2);
        assert_eq!(report.accepted, 2);
        assert_eq!(report.skipped, 3);
        let cuoco = &items[0];
        assert_eq!(cuoco.id, "C-9");
        assert_eq!(cuoco.description, "Cucina tipica");
        assert_eq!(cuoco.published, "2026-11-20");
        assert_eq!(cuoco.workplace.province, "MO");
        assert_eq!(cuoco.lat, Some(44.65));
        assert_eq!(cuoco.contract, ContractType::TempoDeterminato);
        assert_eq!(cuoco.working_time, WorkingTime::PartTime);
        assert_eq!(
            cuoco.salary,
            Some(Salary {
                annual_gross_eur_min: 19500,
                annual_gross_eur_max: 19500
            })
        );
        let stage = &items[1];
        assert!(stage.internship);
        assert_eq!(stage.contract, ContractType::Tirocinio);
        assert_eq!(stage.expires, "2027-01-19");
        assert_eq!(stage.salary.as_ref().unwrap().annual_gross_eur_min, 20800);
        assert!(stage.id.starts_with("jp-"));
        assert!(report
            .errors
            .iter()
            .any(|(_, e)| e.contains("datePosted") || e.contains("pubblicazione")));
        assert!(report.errors.iter().any(|(_, e)| e.contains("scadenza")));
        assert!(report.errors.iter().any(|(_, e)| e.contains("comune")));

        // A single object and garbage.
        let single = to_jobposting(&sample()).to_string();
        assert_eq!(import_jobposting(&single).0.len(), 1);
        let (none, r) = import_jobposting("not json");
        assert!(none.is_empty() && r.skipped == 1);
        let (none, r) = import_jobposting("42");
        assert!(none.is_empty() && r.skipped == 1);
        assert_eq!(import_jobposting("[]").0.len(), 0);
    }
}
