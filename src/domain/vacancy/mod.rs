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
use serde::{Deserialize, Serialize};

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
    /// The publisher did not say (a JobPosting with only a working time).
    NonIndicato,
}

impl ContractType {
    pub const ALL: [ContractType; 9] = [
        ContractType::TempoIndeterminato,
        ContractType::TempoDeterminato,
        ContractType::Apprendistato,
        ContractType::Somministrazione,
        ContractType::Tirocinio,
        ContractType::Collaborazione,
        ContractType::LavoroAutonomo,
        ContractType::Altro,
        ContractType::NonIndicato,
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
            ContractType::NonIndicato => "non_indicato",
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
            ContractType::NonIndicato => "Non indicato",
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
    /// The publisher did not say.
    NotStated,
}

impl WorkingTime {
    pub const ALL: [WorkingTime; 5] = [
        WorkingTime::FullTime,
        WorkingTime::PartTime,
        WorkingTime::Turni,
        WorkingTime::Other,
        WorkingTime::NotStated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WorkingTime::FullTime => "full_time",
            WorkingTime::PartTime => "part_time",
            WorkingTime::Turni => "turni",
            WorkingTime::Other => "other",
            WorkingTime::NotStated => "not_stated",
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
            WorkingTime::NotStated => "Non indicato",
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

/// Gross pay as published: an amount or a range, its currency and the
/// period it is paid for (ClicLavoro `retribuzioneannualorda` is a yearly
/// figure in euro; a JobPosting `baseSalary` says its own). `min == max`
/// when a single figure is given. Never converted from one period to
/// another. Feeds written before periods existed (`annual_gross_eur_min`,
/// `annual_gross_eur_max`) still read, as a yearly figure in euro.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SalaryRepr")]
pub struct Salary {
    /// Smallest amount, at most 2 decimals.
    pub min: f64,
    pub max: f64,
    /// ISO 4217 code, upper case (`EUR`).
    pub currency: String,
    pub period: PayPeriod,
}

impl Salary {
    /// A yearly amount (or range) in euro, as ClicLavoro gives it.
    pub fn yearly_eur(min: u32, max: u32) -> Salary {
        Salary {
            min: min as f64,
            max: max as f64,
            currency: "EUR".into(),
            period: PayPeriod::Year,
        }
    }
}

/// What a salary's amount pays for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayPeriod {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl PayPeriod {
    pub const ALL: [PayPeriod; 5] = [
        PayPeriod::Hour,
        PayPeriod::Day,
        PayPeriod::Week,
        PayPeriod::Month,
        PayPeriod::Year,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PayPeriod::Hour => "hour",
            PayPeriod::Day => "day",
            PayPeriod::Week => "week",
            PayPeriod::Month => "month",
            PayPeriod::Year => "year",
        }
    }

    /// schema.org `unitText` (`HOUR` … `YEAR`), any case.
    pub fn from_unit_text(s: &str) -> Option<PayPeriod> {
        let s = s.trim();
        PayPeriod::ALL
            .into_iter()
            .find(|p| p.code().eq_ignore_ascii_case(s))
    }
}

/// The stored forms of a [`Salary`], read as one record (not an untagged
/// enum: that buffers every value and weighs kilobytes in each chunk that
/// reads offers): today's `min`, `max`, `currency`, `period`, or the
/// yearly-euro `annual_gross_eur_min`, `annual_gross_eur_max` of feeds and
/// device data written before.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SalaryRepr {
    min: Option<f64>,
    max: Option<f64>,
    currency: Option<String>,
    period: Option<PayPeriod>,
    annual_gross_eur_min: Option<u32>,
    annual_gross_eur_max: Option<u32>,
}

impl TryFrom<SalaryRepr> for Salary {
    type Error = &'static str;
    fn try_from(r: SalaryRepr) -> Result<Salary, &'static str> {
        match r {
            SalaryRepr {
                min: Some(min),
                max: Some(max),
                currency: Some(currency),
                period: Some(period),
                annual_gross_eur_min: None,
                annual_gross_eur_max: None,
            } => Ok(Salary {
                min,
                max,
                currency,
                period,
            }),
            SalaryRepr {
                min: None,
                max: None,
                currency: None,
                period: None,
                annual_gross_eur_min: Some(min),
                annual_gross_eur_max: Some(max),
            } => Ok(Salary::yearly_eur(min, max)),
            _ => Err("salary: expected min, max, currency and period"),
        }
    }
}

/// Outcome of an import: how many records were kept and why the others were not.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ImportReport {
    pub accepted: usize,
    pub skipped: usize,
    /// `(record index, reason)`, the first [`MAX_REPORTED_ERRORS`].
    pub errors: Vec<(usize, Reason)>,
    /// Offers kept with something left out (a place not resolved): how many.
    pub warned: usize,
    /// `(record index, what)`, the first [`MAX_REPORTED_ERRORS`].
    pub warnings: Vec<(usize, Reason)>,
    /// Keep every error and warning, not only the first ones (the
    /// publisher's tool, whose report lists each record).
    pub keep_all: bool,
}

impl ImportReport {
    /// A report that keeps every error and warning.
    pub fn keeping_all() -> Self {
        ImportReport {
            keep_all: true,
            ..ImportReport::default()
        }
    }

    fn warn(&mut self, index: usize, reason: impl Into<Reason>) {
        self.warned += 1;
        if self.keep_all || self.warnings.len() < MAX_REPORTED_ERRORS {
            self.warnings.push((index, reason.into()));
        }
    }

    fn skip(&mut self, index: usize, reason: impl Into<Reason>) {
        self.skipped += 1;
        if self.keep_all || self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push((index, reason.into()));
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

#[cfg(not(target_arch = "wasm32"))]
mod cliclavoro;
mod dates;
mod html;
mod jsonld;
mod parse;
mod reason;
mod validate;

#[cfg(not(target_arch = "wasm32"))]
pub use cliclavoro::{contract_of_code, import_cliclavoro, working_time_of_code};
pub use dates::{days_to_date, days_to_iso, iso_to_days};
pub use html::{ld_json_scripts, strip_html};
pub use jsonld::{
    import_jobposting, import_jobposting_with, jobposting_script_text, place_workplace,
    to_jobposting,
};
pub use parse::{
    feed_is_demo, looks_like_jsonld, parse_vacancies, parse_vacancy_feed, parse_vacancy_feed_with,
    VacancyFormat,
};
pub use reason::{Field, Reason, RecordError};
use validate::clip;
pub use validate::{
    is_ateco_code, is_ateco_full, is_belfiore_code, is_cf_shape, is_cp_code, is_istat_code,
    is_province_sigla, validate,
};

#[cfg(test)]
mod tests;
