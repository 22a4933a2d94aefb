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
pub fn sections(p: &DidPayload) -> Vec<Section> {
    let a = &p.anagrafica;
    let mut personal = vec![
        row("did.label.cf", text(&p.codice_fiscale)),
        row("did.label.surname", text(&a.cognome)),
        row("did.label.name", text(&a.nome)),
        row("did.label.sex", Val::Key(SexChoice::key_of(&a.genere))),
        row("did.label.birth_date", date_val(a.data_nascita)),
        row("did.label.birthplace", text(&a.luogo_nascita.descrizione)),
        row(
            "did.label.citizenship",
            Val::Key(Citizenship::key_of(&a.cittadinanza)),
        ),
    ];
    if let Some(ps) = &a.permesso_soggiorno {
        personal.push(row(
            "did.label.permit_type",
            Val::Key(PermitType::key_of(&ps.tipo)),
        ));
        personal.push(row("did.label.permit_number", text(&ps.numero)));
        personal.push(row(
            "did.label.permit_expiry",
            match ps.scadenza {
                Some(d) => Val::Text(d.format_it()),
                None => Val::Key("did.value.no_expiry"),
            },
        ));
    }
    let same = p.domicilio == p.residenza;
    let residence = vec![
        row("did.label.residence", address_val(&p.residenza)),
        row(
            "did.label.domicile",
            if same {
                Val::Key("did.value.same_as_residence")
            } else {
                address_val(&p.domicilio)
            },
        ),
    ];
    let r = &p.recapiti;
    let dash = |s: &str| {
        if s.is_empty() {
            Val::Key("did.value.none")
        } else {
            text(s)
        }
    };
    let contacts = vec![
        row("did.label.email", dash(&r.email)),
        row("did.label.phone", dash(&r.telefono)),
        row("did.label.mobile", dash(&r.cellulare)),
    ];
    let c = &p.condizione;
    let mut situation = vec![row(
        "did.label.situation",
        Val::Key(Situation::key_of(&c.situazione)),
    )];
    if let Some(k) = &c.tipo_reddito {
        situation.push(row("did.label.work_kind", Val::Key(WorkKind::key_of(k))));
    }
    if let Some(eur) = c.reddito_annuo_eur {
        let cents = if eur.is_finite() && eur >= 0.0 {
            (eur * 100.0).round() as u64
        } else {
            0
        };
        situation.push(row("did.label.income", Val::Text(format_eur_cents(cents))));
    }
    if let Some(l) = c.limite_reddito_eur {
        situation.push(row("did.label.income_limit", Val::Text(format_eur(l))));
    }
    if let Some(d) = c.fine_rapporto {
        situation.push(row("did.label.notice_end", Val::Text(d.format_it())));
    }
    if let Some(n) = c.giornate_lavorate {
        situation.push(row("did.label.intermittent_days", Val::Text(n.to_string())));
    }
    let cpi = vec![row(
        "did.label.cpi",
        text(if p.cpi_nome.is_empty() {
            &p.cpi_id
        } else {
            &p.cpi_nome
        }),
    )];
    let d = &p.dichiarazioni;
    let declarations = vec![
        row(
            "did.label.availability",
            Val::Key(Availability::key_of(&d.disponibilita)),
        ),
        row("did.label.decl_no_work", yes(d.nessun_rapporto_di_lavoro)),
        row(
            "did.label.decl_informed",
            yes(d.informato_sospensione_decadenza),
        ),
        row("did.label.decl_no_other", yes(d.nessuna_did_altro_cpi)),
        row("did.label.decl_privacy", yes(d.informativa_privacy)),
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
