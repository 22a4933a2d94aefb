//! DID online: the Dichiarazione di Immediata Disponibilità (D.Lgs. 150/2015
//! art. 19; art. 21 for NASpI/DIS-COLL), as a guided declaration.
//!
//! Everything the wizard decides lives here, pure and tested natively:
//!
//! - the dated rules (income limits for keeping the status on a low income,
//!   minimum age, contact deadlines), read from
//!   `public/data/rules/did-rules.json`, embedded at build time so
//!   they work offline;
//! - the form model ([`DidForm`], serde + `Default`, saved as a draft on
//!   every change, current step included);
//! - per-step validation returning [`Issue`]s: a DOM field id and a
//!   translation key with arguments ([`Msg`]), so every language gets a
//!   precise message. Codice fiscale errors from
//!   [`crate::domain::codice_fiscale`] are mapped to keys whose Italian text
//!   is the same as that module's messages (a test checks it);
//! - the competent CPI from the domicile;
//! - the payload sent to `POST /api/v1/did`, with the names of the ANPAL
//!   `ConferimentoDID` contract where they fit (DOMAIN.md §1.2);
//! - deadlines and countdowns, the submission status and its timeline, and
//!   the receipt's QR code as an SVG string.
//!
//! Nothing here panics, whatever the input.
//!
//! One file per job; everything is re-exported here, so the paths are
//! `crate::domain::did::Name` whatever file an item lives in. Imports go one
//! way, from the top of this table down (no file imports one above it):
//!
//! | layer | file | job |
//! |---|---|---|
//! | values | `values.rs` | typed values: dates in three boxes, euro amounts, CAP |
//! | | `messages.rs` | translatable messages ([`Msg`]) and field issues ([`Issue`]) |
//! | | `fid.rs` | the element ids of the form's fields |
//! | | `choices.rs` | the closed choices (situation, permit type, …) as enums |
//! | | `places.rs` | birthplace and comune pickers, CAP hints |
//! | | `status.rs` | submission status and timeline |
//! | | `qr.rs` | the receipt's QR code |
//! | rules | `rules.rs` | the dated rules file, its checks, contact deadlines |
//! | form | `form.rs` | the form model: steps, [`DidForm`], [`Ctx`], the NASpI stop |
//! | checks | `cf_issues.rs` | the codice fiscale check and its errors as messages |
//! | | `identity_prefill.rs` | the personal data certified by SPID/CIE |
//! | | `cpi.rs` | the competent CPI for the domicile |
//! | | `validate/` | per-step validation (its tests in `validate/tests.rs`) |
//! | output | `payload.rs` | the submission payload (ANPAL names) |
//! | | `summary.rs` | summary and receipt rows, value labels |
//! | | `deadlines.rs` | countdowns to the contact deadlines |

mod cf_issues;
mod choices;
mod cpi;
mod deadlines;
pub mod fid;
mod form;
mod identity_prefill;
mod messages;
mod payload;
mod places;
mod profile_prefill;
mod rules;
mod status;
mod summary;
mod validate;
mod values;

pub use crate::domain::qr::qr_svg;
pub use cf_issues::{cf_msg, check_cf};
pub use choices::{
    Availability, BirthCountry, Choice, Citizenship, NaspiAnswer, PermitType, SexChoice, Situation,
    WorkKind,
};
pub use cpi::{competent_office, office_name, sync_cpi};
pub use deadlines::{did_countdown, naspi_countdown, weekday_key, Countdown};
pub use form::{
    birth_date, income_cents, naspi_blocks, offers_next, progress_percent, Ctx, DidForm, Step,
    STEPS,
};
pub use identity_prefill::{birthplace_text, prefill_identity, Certified};
pub use messages::{Arg, Issue, Msg};
pub use payload::{
    build_payload, outbox_title, Anagrafica, Condizione, Dichiarazioni, DidPayload, Indirizzo,
    InformazioniDid, LuogoNascita, PermessoSoggiorno, Recapiti, VariabiliDiProfiling,
};
pub use places::{
    birthplace_label, caps_hint, single_cap, suggest_comuni, BirthplaceIndex,
    BirthplaceIndexBuilder, Birthplaces, BirthplacesBuilder, PlaceOption,
};
pub use profile_prefill::{absorb_into_profile, prefill_from_profile};
pub use rules::{
    contact_deadline, income_limit_msg, rules, ContactDeadlines, DeadlineKind, DidRules,
    IncomeLimit, MaxDays, MaxMonths, MinAge, RULES_JSON,
};
pub use status::{
    deadline_applies, parse_status, status_explain_key, status_key, timeline, CachedStatus,
    StatusEvent, SubmissionStatus, TimelineItem,
};
pub use summary::{sections, Row, Section, Val};
pub use validate::{
    first_invalid_step, first_step_issues, steps_with_issues, validate_all, validate_step,
};
pub use values::{
    format_eur, format_eur_cents, is_cap, month_key, parse_date_parts, parse_euro_cents,
    DateProblem,
};

#[cfg(test)]
mod test_support;

// The promise of the module doc ("nothing here panics"), across every entry point.
#[cfg(test)]
mod tests {
    use super::test_support::with_ctx;
    use super::*;

    #[test]
    fn nothing_panics_on_odd_input() {
        let weird = [
            "",
            " ",
            "\u{0}",
            "ÀÈÌ",
            "💥💥💥",
            "9999999999999999999999",
            "-1",
            "31",
            "2.5",
            "1e9",
        ];
        for w in weird {
            let mut f = DidForm::default();
            for s in [
                &mut f.naspi,
                &mut f.naspi_day,
                &mut f.codice_fiscale,
                &mut f.surname,
                &mut f.name,
                &mut f.sex,
                &mut f.birth_day,
                &mut f.birth_month,
                &mut f.birth_year,
                &mut f.birth_country,
                &mut f.birthplace_code,
                &mut f.citizenship,
                &mut f.permit_type,
                &mut f.permit_number,
                &mut f.permit_day,
                &mut f.res_istat,
                &mut f.res_cap,
                &mut f.res_address,
                &mut f.email,
                &mut f.situation,
                &mut f.work_kind,
                &mut f.income,
                &mut f.notice_year,
                &mut f.intermittent_days,
                &mut f.cpi_id,
                &mut f.availability,
            ] {
                *s = w.to_string();
            }
            f.step = u8::MAX;
            with_ctx(|ctx| {
                let _ = validate_all(&f, ctx);
                let _ = build_payload(&f, ctx, w);
            });
            let _ = parse_euro_cents(w);
            let _ = parse_status(w);
            let _ = qr_svg(w);
        }
    }
}
