//! The body of `GET /api/v1/me/percorso` (docs/percorso-api.md): the patto
//! di servizio (art. 20 D.Lgs. 150/2015), the appointments and the checks
//! the CPI recorded. Field names and values are the API's; every closed set
//! of values is an enum, so a value the contract does not know is refused
//! when the body is read ([`super::parse`]). Fields the contract may add
//! later are ignored.
//!
//! Each enum gives the key of its label in the locale files (`key()`).

use super::datetime::DateTime;
use super::period::Period;
use crate::domain::date::Date;
use serde::{Deserialize, Serialize};

/// The whole body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Percorso {
    pub schema_version: u32,
    /// When the CPI produced the body, local time in Rome.
    pub generated_at: DateTime,
    /// Demo data (the demo API): the view says so.
    #[serde(default)]
    pub demo: bool,
    /// `None` until the person has signed a patto.
    pub patto: Option<Patto>,
    #[serde(default)]
    pub appointments: Vec<Appointment>,
    #[serde(default)]
    pub checks: Vec<Check>,
}

/// The patto di servizio personalizzato (art. 20 c.2–3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Patto {
    pub id: String,
    /// The day it was signed.
    pub signed: Date,
    pub cpi_id: String,
    pub cpi_name: String,
    /// The responsabile delle attività (c.2 a).
    pub responsabile: Responsabile,
    /// The profilo personale di occupabilità (c.2 b), once computed.
    #[serde(default)]
    pub profilo_occupabilita: Option<ProfiloOccupabilita>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// The atti di ricerca attiva and the contacts, with how often (c.2 c–e).
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    /// What the person declared to be available for (c.3), in the CPI's words.
    #[serde(default)]
    pub availability: Vec<String>,
    /// The NASpI / DIS-COLL the person receives, if any.
    #[serde(default)]
    pub naspi: Option<Naspi>,
}

impl Patto {
    pub fn commitment(&self, id: &str) -> Option<&Commitment> {
        self.commitments.iter().find(|c| c.id == id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsabile {
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// The profiling index (0 to 1) and its class as the CPI names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfiloOccupabilita {
    pub index: f64,
    pub class: String,
}

/// A service of the catalogue agreed in the patto.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub id: String,
    /// A service id of `public/data/catalogue.json`.
    pub service: String,
    pub title: String,
    #[serde(default)]
    pub due: Option<Date>,
    pub agreed: bool,
    pub status: MeasureStatus,
}

/// Where a measure stands. The contract shows `planned`; the others are
/// this app's reading of the measure's life (docs/percorso.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    Planned,
    InProgress,
    Done,
    Cancelled,
}

impl MeasureStatus {
    pub fn key(self) -> &'static str {
        match self {
            MeasureStatus::Planned => "percorso.measure.status.planned",
            MeasureStatus::InProgress => "percorso.measure.status.in_progress",
            MeasureStatus::Done => "percorso.measure.status.done",
            MeasureStatus::Cancelled => "percorso.measure.status.cancelled",
        }
    }
}

/// Something the person does every period: `count` per `period`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: String,
    pub kind: CommitmentKind,
    pub title: String,
    pub count: u32,
    pub period: Period,
    /// How the person proves it, in the CPI's words (art. 20 c.2 e).
    pub proof: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentKind {
    /// Applications to job offers (atti di ricerca attiva: candidature).
    Applications,
    /// Any atto di ricerca attiva.
    SearchActs,
    /// Contacts with the responsabile.
    Contact,
}

impl CommitmentKind {
    pub fn key(self) -> &'static str {
        match self {
            CommitmentKind::Applications => "percorso.commitment.kind.applications",
            CommitmentKind::SearchActs => "percorso.commitment.kind.search_acts",
            CommitmentKind::Contact => "percorso.commitment.kind.contact",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Naspi {
    /// The monthly payment in euro.
    pub monthly_eur: f64,
    pub since: Date,
}

impl Naspi {
    /// The monthly payment in whole cents (rounded to the cent).
    pub fn monthly_cents(&self) -> Option<u64> {
        let cents = (self.monthly_eur * 100.0).round();
        (cents.is_finite() && (0.0..1e15).contains(&cents)).then_some(cents as u64)
    }
}

/// An appointment with the CPI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appointment {
    pub id: String,
    pub kind: AppointmentKind,
    /// Local time in `tz`.
    pub start: DateTime,
    pub end: DateTime,
    /// Always "Europe/Rome" (checked when the body is read).
    #[serde(default = "rome")]
    pub tz: String,
    pub channel: Channel,
    /// Address, or the CPI's name for a call.
    #[serde(default)]
    pub place: Option<String>,
    pub purpose: String,
    pub status: AppointmentStatus,
}

/// The only zone the API uses.
pub const TZ_ROME: &str = "Europe/Rome";

fn rome() -> String {
    TZ_ROME.to_string()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentKind {
    /// A convocation under art. 21: missing it without a justified reason
    /// starts the sanction ladder.
    Convocazione,
    Appuntamento,
}

impl AppointmentKind {
    pub fn key(self) -> &'static str {
        match self {
            AppointmentKind::Convocazione => "percorso.appointment.kind.convocazione",
            AppointmentKind::Appuntamento => "percorso.appointment.kind.appuntamento",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    InPresenza,
    Telefono,
    Video,
}

impl Channel {
    pub fn key(self) -> &'static str {
        match self {
            Channel::InPresenza => "percorso.channel.in_presenza",
            Channel::Telefono => "percorso.channel.telefono",
            Channel::Video => "percorso.channel.video",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Scheduled,
    Confirmed,
    RescheduleRequested,
    Attended,
    Missed,
    Justified,
    Cancelled,
}

impl AppointmentStatus {
    pub fn key(self) -> &'static str {
        match self {
            AppointmentStatus::Scheduled => "percorso.appointment.status.scheduled",
            AppointmentStatus::Confirmed => "percorso.appointment.status.confirmed",
            AppointmentStatus::RescheduleRequested => {
                "percorso.appointment.status.reschedule_requested"
            }
            AppointmentStatus::Attended => "percorso.appointment.status.attended",
            AppointmentStatus::Missed => "percorso.appointment.status.missed",
            AppointmentStatus::Justified => "percorso.appointment.status.justified",
            AppointmentStatus::Cancelled => "percorso.appointment.status.cancelled",
        }
    }

    /// Still to come (the person can confirm, ask to move or justify).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            AppointmentStatus::Scheduled
                | AppointmentStatus::Confirmed
                | AppointmentStatus::RescheduleRequested
        )
    }
}

/// One entry of the history the CPI recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub date: Date,
    pub kind: CheckKind,
    pub outcome: CheckOutcome,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    Convocazione,
    Appuntamento,
    /// Orientation or job-search workshop.
    Laboratorio,
    /// Training or requalification.
    Formazione,
    /// A job offer the CPI judged congrua (art. 25).
    OffertaCongrua,
}

impl CheckKind {
    pub fn key(self) -> &'static str {
        match self {
            CheckKind::Convocazione => "percorso.check.kind.convocazione",
            CheckKind::Appuntamento => "percorso.check.kind.appuntamento",
            CheckKind::Laboratorio => "percorso.check.kind.laboratorio",
            CheckKind::Formazione => "percorso.check.kind.formazione",
            CheckKind::OffertaCongrua => "percorso.check.kind.offerta_congrua",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    Attended,
    MissedUnjustified,
    MissedJustified,
    /// An offer refused.
    Refused,
    /// An offer accepted.
    Accepted,
}

impl CheckOutcome {
    pub fn key(self) -> &'static str {
        match self {
            CheckOutcome::Attended => "percorso.check.outcome.attended",
            CheckOutcome::MissedUnjustified => "percorso.check.outcome.missed_unjustified",
            CheckOutcome::MissedJustified => "percorso.check.outcome.missed_justified",
            CheckOutcome::Refused => "percorso.check.outcome.refused",
            CheckOutcome::Accepted => "percorso.check.outcome.accepted",
        }
    }
}
