//! Il mio percorso: the patto di servizio (art. 20 D.Lgs. 150/2015), the
//! appointments with the CPI and what is at stake when one is missed
//! (art. 21). The contract with the CPI is docs/percorso-api.md; the rules
//! in plain words are in docs/percorso.md.
//!
//! | file | job |
//! |---|---|
//! | `model.rs` | the types of `GET /api/v1/me/percorso` |
//! | `parse.rs` | reading a body, with its error kinds |
//! | `datetime.rs` | local date-times and the Europe/Rome zone |
//! | `period.rs` | calendar periods (week, month, two months, quarter) |
//! | `progress.rs` | a commitment's count in its period |
//! | `rules.rs` | `public/data/rules/sanctions.json`, loaded and checked |
//! | `sanctions.rs` | the art. 21 c.7 ladder: what a breach could bring |
//! | `justify.rs` | how and by when an absence is justified |
//! | `ics.rs` | the appointments as an iCalendar file |
//!
//! Nothing here reads a clock: today and now are passed in.

mod datetime;
mod ics;
mod justify;
mod model;
mod parse;
mod period;
mod progress;
mod rules;
mod sanctions;

pub use datetime::{
    last_sunday, rome_offset_seconds, rome_to_utc, utc_to_rome, DateTime, DateTimeError,
};
pub use ics::{appointments_to_ics, appointments_to_ics_with, escape_text, IcsLabels, PRODID};
pub use justify::{justify_window, reasons, JustifyReason, JustifyWindow};
pub use model::{
    Appointment, AppointmentKind, AppointmentStatus, Channel, Check, CheckKind, CheckOutcome,
    Commitment, CommitmentKind, Measure, MeasureStatus, Naspi, Patto, Percorso,
    ProfiloOccupabilita, Responsabile, TZ_ROME,
};
pub use parse::{PercorsoError, SCHEMA_VERSION};
pub use period::{Period, Span};
pub use progress::{
    act_counts_for, progress, progress_all, progress_in, Progress, SearchAct, SearchActKind,
};
pub use rules::{
    AfterDecadenza, BreachRule, Counted, JustificationRule, ReasonRule, SanctionRules, Source,
    RULES_SCHEMA_VERSION, SANCTIONS_JSON,
};
pub use sanctions::{
    after_decadenza_message, appointment_stake, disclaimer, ladder, next_stake, unjustified,
    unverified_message, BreachKind, Consequence, Ladder, LadderStep, Stake, StakeContext,
};
