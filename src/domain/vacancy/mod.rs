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
    /// `(record index, reason)`, the first [`MAX_REPORTED_ERRORS`].
    pub errors: Vec<(usize, Reason)>,
}

impl ImportReport {
    fn skip(&mut self, index: usize, reason: impl Into<Reason>) {
        self.skipped += 1;
        if self.errors.len() < MAX_REPORTED_ERRORS {
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

mod dates;
mod html;
mod jsonld;
mod parse;
mod reason;
mod validate;

pub use dates::{days_to_date, days_to_iso, iso_to_days};
pub use html::strip_html;
pub use jsonld::{import_jobposting, jobposting_script_text, to_jobposting};
pub use parse::{feed_is_demo, parse_vacancies, parse_vacancy_feed, VacancyFormat};
pub use reason::{Field, Reason, RecordError};
use validate::clip;
pub use validate::{
    is_ateco_code, is_ateco_full, is_belfiore_code, is_cf_shape, is_cp_code, is_istat_code,
    is_province_sigla, validate,
};

#[cfg(test)]
mod tests;
