//! What was (or will be) declared, as labelled rows grouped by step for the
//! summary and the receipt, and the translation keys of the form's values.

use super::choices::{Availability, Citizenship, PermitType, SexChoice, Situation, WorkKind};
use super::form::Step;
use super::messages::Msg;
use super::payload::{DidPayload, Indirizzo};
use super::values::{format_eur, format_eur_cents};
use crate::domain::date::Date;

/// A value to show: literal text or a translation key.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Text(String),
    Key(&'static str),
    Msg(Msg),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: &'static str,
    pub value: Val,
}

/// A group of rows, with the step where they are entered.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub step: Step,
    pub rows: Vec<Row>,
}

fn row(label: &'static str, value: Val) -> Row {
    Row { label, value }
}

fn text(s: &str) -> Val {
    Val::Text(s.to_string())
}

fn date_val(d: Option<Date>) -> Val {
    Val::Text(d.map(Date::format_it).unwrap_or_default())
}

fn address_val(a: &Indirizzo) -> Val {
    let place = if a.provincia.is_empty() {
        a.comune.clone()
    } else {
        format!("{} ({})", a.comune, a.provincia)
    };
    Val::Text(format!("{}, {} {}", a.indirizzo, a.cap, place))
}

fn yes(b: bool) -> Val {
    Val::Key(if b { "did.value.yes" } else { "did.value.no" })
}

/// What was (or will be) declared, grouped by step: for the summary and the
/// receipt.
pub fn sections(payload: &DidPayload) -> Vec<Section> {
    let person = &payload.anagrafica;
    let mut personal = vec![
        row("did.label.cf", text(&payload.codice_fiscale)),
        row("did.label.surname", text(&person.cognome)),
        row("did.label.name", text(&person.nome)),
        row("did.label.sex", Val::Key(SexChoice::key_of(&person.genere))),
        row("did.label.birth_date", date_val(person.data_nascita)),
        row(
            "did.label.birthplace",
            text(&person.luogo_nascita.descrizione),
        ),
        row(
            "did.label.citizenship",
            Val::Key(Citizenship::key_of(&person.cittadinanza)),
        ),
    ];
    if let Some(permit) = &person.permesso_soggiorno {
        personal.push(row(
            "did.label.permit_type",
            Val::Key(PermitType::key_of(&permit.tipo)),
        ));
        personal.push(row("did.label.permit_number", text(&permit.numero)));
        personal.push(row(
            "did.label.permit_expiry",
            match permit.scadenza {
                Some(expiry) => Val::Text(expiry.format_it()),
                None => Val::Key("did.value.no_expiry"),
            },
        ));
    }
    let same = payload.domicilio == payload.residenza;
    let residence = vec![
        row("did.label.residence", address_val(&payload.residenza)),
        row(
            "did.label.domicile",
            if same {
                Val::Key("did.value.same_as_residence")
            } else {
                address_val(&payload.domicilio)
            },
        ),
    ];
    let contacts = &payload.recapiti;
    let dash = |s: &str| {
        if s.is_empty() {
            Val::Key("did.value.none")
        } else {
            text(s)
        }
    };
    let contacts = vec![
        row("did.label.email", dash(&contacts.email)),
        row("did.label.phone", dash(&contacts.telefono)),
        row("did.label.mobile", dash(&contacts.cellulare)),
    ];
    let condition = &payload.condizione;
    let mut situation = vec![row(
        "did.label.situation",
        Val::Key(Situation::key_of(&condition.situazione)),
    )];
    if let Some(k) = &condition.tipo_reddito {
        situation.push(row("did.label.work_kind", Val::Key(WorkKind::key_of(k))));
    }
    if let Some(eur) = condition.reddito_annuo_eur {
        let cents = if eur.is_finite() && eur >= 0.0 {
            (eur * 100.0).round() as u64
        } else {
            0
        };
        situation.push(row("did.label.income", Val::Text(format_eur_cents(cents))));
    }
    if let Some(l) = condition.limite_reddito_eur {
        situation.push(row("did.label.income_limit", Val::Text(format_eur(l))));
    }
    if let Some(end) = condition.fine_rapporto {
        situation.push(row("did.label.notice_end", Val::Text(end.format_it())));
    }
    if let Some(n) = condition.giornate_lavorate {
        situation.push(row("did.label.intermittent_days", Val::Text(n.to_string())));
    }
    let cpi = vec![row("did.label.cpi", text(payload.cpi_label()))];
    let declarations = &payload.dichiarazioni;
    let declarations = vec![
        row(
            "did.label.availability",
            Val::Key(Availability::key_of(&declarations.disponibilita)),
        ),
        row(
            "did.label.decl_no_work",
            yes(declarations.nessun_rapporto_di_lavoro),
        ),
        row(
            "did.label.decl_informed",
            yes(declarations.informato_sospensione_decadenza),
        ),
        row(
            "did.label.decl_no_other",
            yes(declarations.nessuna_did_altro_cpi),
        ),
        row(
            "did.label.decl_privacy",
            yes(declarations.informativa_privacy),
        ),
    ];
    vec![
        Section {
            step: Step::Personal,
            rows: personal,
        },
        Section {
            step: Step::Residence,
            rows: residence,
        },
        Section {
            step: Step::Contacts,
            rows: contacts,
        },
        Section {
            step: Step::Situation,
            rows: situation,
        },
        Section {
            step: Step::Cpi,
            rows: cpi,
        },
        Section {
            step: Step::Declarations,
            rows: declarations,
        },
    ]
}
