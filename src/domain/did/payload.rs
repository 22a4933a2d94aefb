//! The payload sent to `POST /api/v1/did`, with the names of the ANPAL
//! `ConferimentoDID` contract where they fit (DOMAIN.md §1.2), built from a
//! form that passes every check.

use super::cf_issues::{cf_msg, check_cf};
use super::choices::{BirthCountry, Citizenship, Situation, WorkKind};
use super::fid;
use super::form::{birth_date, income_cents, Ctx, DidForm, Step};
use super::messages::{Issue, Msg};
use super::places::birthplace_label;
use super::rules::{contact_deadline, DeadlineKind};
use super::validate::validate_all;
use super::values::{digits_only, parse_date_parts};
use crate::domain::codice_fiscale as cf;
use crate::domain::comuni::ComuniIndex;
use crate::domain::date::{age_on, Date};
use serde::{Deserialize, Serialize};

/// `InformazioniDID` of the ANPAL contract.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InformazioniDid {
    pub codice_fiscale: String,
    /// "I" = inserimento.
    pub tipo_evento: String,
    pub data_evento: Option<Date>,
    pub data_did: Option<Date>,
    /// The CPI chosen or competent.
    pub codice_ente_promotore: String,
    /// "WEB".
    pub applicazione: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LuogoNascita {
    pub codice_belfiore: String,
    pub descrizione: String,
    pub estero: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PermessoSoggiorno {
    pub tipo: String,
    pub numero: String,
    pub scadenza: Option<Date>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Anagrafica {
    pub cognome: String,
    pub nome: String,
    /// "M" / "F" (ANPAL `Genere`).
    pub genere: String,
    pub data_nascita: Option<Date>,
    pub luogo_nascita: LuogoNascita,
    /// A01 EU, A02 Italian, A03 non-EU (ANPAL `Cittadinanza` group).
    pub cittadinanza: String,
    pub permesso_soggiorno: Option<PermessoSoggiorno>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Indirizzo {
    pub comune_istat: String,
    pub comune: String,
    pub provincia: String,
    pub cap: String,
    pub indirizzo: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recapiti {
    pub email: String,
    pub telefono: String,
    pub cellulare: String,
}

/// The part of `VariabiliDiProfiling` the citizen's answers give.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VariabiliDiProfiling {
    pub eta: i32,
    pub genere: String,
    pub cittadinanza: String,
    pub provincia_di_residenza: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Condizione {
    /// non_occupato | basso_reddito | preavviso | intermittente
    pub situazione: String,
    pub tipo_reddito: Option<String>,
    pub reddito_annuo_eur: Option<f64>,
    pub limite_reddito_eur: Option<u32>,
    pub fonte_limite: Option<String>,
    pub fine_rapporto: Option<Date>,
    pub giornate_lavorate: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dichiarazioni {
    /// "immediata" or "l68_art8".
    pub disponibilita: String,
    pub nessun_rapporto_di_lavoro: bool,
    pub informato_sospensione_decadenza: bool,
    pub nessuna_did_altro_cpi: bool,
    pub informativa_privacy: bool,
}

/// The body of `POST /api/v1/did`. Top-level `codice_fiscale`, `cpi_id` and
/// `comune_istat` are what the API documents; the blocks follow the ANPAL
/// `ConferimentoDID` names (DOMAIN.md §1.2). Every field has a default so
/// a stored receipt always reads back.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DidPayload {
    pub codice_fiscale: String,
    pub cpi_id: String,
    pub cpi_nome: String,
    /// ISTAT code of the domicile.
    pub comune_istat: String,
    pub informazioni_did: InformazioniDid,
    pub anagrafica: Anagrafica,
    pub residenza: Indirizzo,
    pub domicilio: Indirizzo,
    pub recapiti: Recapiti,
    pub variabili_di_profiling: VariabiliDiProfiling,
    pub condizione: Condizione,
    pub dichiarazioni: Dichiarazioni,
    /// Last day to contact the CPI (art. 20 c.1).
    pub scadenza_contatto_cpi: Option<Date>,
}

fn address_of(
    istat: &str,
    query: &str,
    cap: &str,
    address: &str,
    comuni: Option<&ComuniIndex>,
) -> Indirizzo {
    let c = comuni.and_then(|i| i.by_istat(istat));
    Indirizzo {
        comune_istat: istat.trim().to_string(),
        comune: c
            .map(|c| c.name.clone())
            .unwrap_or_else(|| query.split(" (").next().unwrap_or(query).trim().to_string()),
        provincia: c.map(|c| c.province.clone()).unwrap_or_else(|| {
            // "Bologna (BO)" → "BO"
            query
                .rsplit_once('(')
                .and_then(|(_, p)| p.strip_suffix(')'))
                .unwrap_or_default()
                .trim()
                .to_string()
        }),
        cap: cap.trim().to_string(),
        indirizzo: address.trim().to_string(),
    }
}

/// Build the submission after checking every step. `cpi_name` is the name
/// of the chosen office, for the receipt.
pub fn build_payload(
    form: &DidForm,
    ctx: &Ctx,
    cpi_name: &str,
) -> Result<DidPayload, Vec<(Step, Issue)>> {
    let issues = validate_all(form, ctx);
    if !issues.is_empty() {
        return Err(issues);
    }
    let fail = |step: Step, field: &'static str| {
        vec![(step, Issue::new(field, Msg::new("did.err.generic")))]
    };
    let code = check_cf(&form.codice_fiscale, ctx)
        .map_err(|e| vec![(Step::Personal, Issue::new(fid::CF, cf_msg(&e)))])?;
    let birth = birth_date(form).ok_or_else(|| fail(Step::Personal, fid::BIRTH_DATE))?;
    let today = ctx.today;
    let residenza = address_of(
        &form.res_istat,
        &form.res_query,
        &form.res_cap,
        &form.res_address,
        ctx.comuni,
    );
    let domicilio = if form.dom_same {
        residenza.clone()
    } else {
        address_of(
            &form.dom_istat,
            &form.dom_query,
            &form.dom_cap,
            &form.dom_address,
            ctx.comuni,
        )
    };
    let permesso =
        (Citizenship::from_value(&form.citizenship) == Some(Citizenship::NonEu)).then(|| {
            PermessoSoggiorno {
                tipo: form.permit_type.clone(),
                numero: form
                    .permit_number
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_uppercase(),
                scadenza: parse_date_parts(&form.permit_day, &form.permit_month, &form.permit_year)
                    .ok(),
            }
        });
    let mut condizione = Condizione {
        situazione: form.situation.clone(),
        ..Default::default()
    };
    match Situation::from_value(&form.situation) {
        Some(Situation::LowIncome) => {
            let limit = ctx.rules.income_limit_on(today);
            let kind = WorkKind::from_value(&form.work_kind);
            condizione.tipo_reddito = Some(form.work_kind.clone());
            condizione.reddito_annuo_eur = income_cents(form).map(|c| c as f64 / 100.0);
            condizione.limite_reddito_eur = match (limit, kind) {
                (Some(l), Some(k)) => Some(l.for_kind(k)),
                _ => None,
            };
            condizione.fonte_limite = limit.map(|l| l.source.clone());
        }
        Some(Situation::Notice) => {
            condizione.fine_rapporto =
                parse_date_parts(&form.notice_day, &form.notice_month, &form.notice_year).ok()
        }
        Some(Situation::Intermittent) => {
            condizione.giornate_lavorate = digits_only(&form.intermittent_days)
        }
        Some(Situation::NotEmployed) | None => {}
    }
    let place_record = ctx.belfiore.and_then(|l| {
        l.records(&form.birthplace_code)
            .into_iter()
            .find(|r| r.covers(birth))
    });
    let luogo = LuogoNascita {
        codice_belfiore: cf::normalize(&form.birthplace_code),
        descrizione: place_record
            .map(|r| birthplace_label(&r))
            .unwrap_or_else(|| form.birthplace_query.trim().to_string()),
        estero: BirthCountry::from_value(&form.birth_country) == Some(BirthCountry::Abroad),
    };
    Ok(DidPayload {
        codice_fiscale: code.code.clone(),
        cpi_id: form.cpi_id.clone(),
        cpi_nome: cpi_name.to_string(),
        comune_istat: domicilio.comune_istat.clone(),
        informazioni_did: InformazioniDid {
            codice_fiscale: code.code.clone(),
            tipo_evento: "I".into(),
            data_evento: Some(today),
            data_did: Some(today),
            codice_ente_promotore: form.cpi_id.clone(),
            applicazione: "WEB".into(),
        },
        anagrafica: Anagrafica {
            cognome: form.surname.trim().to_string(),
            nome: form.name.trim().to_string(),
            genere: form.sex.clone(),
            data_nascita: Some(birth),
            luogo_nascita: luogo,
            cittadinanza: form.citizenship.clone(),
            permesso_soggiorno: permesso,
        },
        variabili_di_profiling: VariabiliDiProfiling {
            eta: age_on(birth, today),
            genere: form.sex.clone(),
            cittadinanza: form.citizenship.clone(),
            provincia_di_residenza: residenza.provincia.clone(),
        },
        residenza,
        domicilio,
        recapiti: Recapiti {
            email: form.email.trim().to_string(),
            telefono: form.phone.trim().to_string(),
            cellulare: form.mobile.trim().to_string(),
        },
        condizione,
        dichiarazioni: Dichiarazioni {
            disponibilita: form.availability.clone(),
            nessun_rapporto_di_lavoro: form.decl_no_work,
            informato_sospensione_decadenza: form.decl_informed,
            nessuna_did_altro_cpi: form.decl_no_other_did,
            informativa_privacy: form.decl_privacy,
        },
        scadenza_contatto_cpi: Some(contact_deadline(ctx.rules, DeadlineKind::Did, today)),
    })
}

/// Outbox title: "DID online – RSSMRA80A01H501U".
impl DidPayload {
    /// The CPI as shown to the person: its name, or its id when the name was
    /// not known at submission.
    pub fn cpi_label(&self) -> &str {
        if self.cpi_nome.is_empty() {
            &self.cpi_id
        } else {
            &self.cpi_nome
        }
    }
}

pub fn outbox_title(payload: &DidPayload) -> String {
    format!("DID online – {}", payload.codice_fiscale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::did::test_support::*;
    use crate::domain::did::{sections, Val};

    #[test]
    fn payload_has_the_anpal_names_and_reads_back() {
        let f = good();
        let p = with_ctx(|ctx| build_payload(&f, ctx, "Centro per l'Impiego di Bologna")).unwrap();
        assert_eq!(p.codice_fiscale, "CCCFBA85D03L219P");
        assert_eq!(p.informazioni_did.tipo_evento, "I");
        assert_eq!(p.informazioni_did.applicazione, "WEB");
        assert_eq!(p.informazioni_did.codice_ente_promotore, "cpi-bologna");
        assert_eq!(p.informazioni_did.data_did, Some(today()));
        assert_eq!(p.variabili_di_profiling.eta, 41);
        assert_eq!(p.variabili_di_profiling.provincia_di_residenza, "BO");
        assert_eq!(p.anagrafica.luogo_nascita.descrizione, "Torino (TO)");
        assert_eq!(p.domicilio, p.residenza);
        assert_eq!(p.comune_istat, "037006");
        assert_eq!(p.scadenza_contatto_cpi, Some(d(2026, 12, 23)));
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["codice_fiscale"], "CCCFBA85D03L219P");
        assert_eq!(json["informazioni_did"]["data_did"], "2026-11-23");
        assert_eq!(json["dichiarazioni"]["disponibilita"], "immediata");
        let back: DidPayload = serde_json::from_value(json).unwrap();
        assert_eq!(back, p);
        // an old or partial payload still reads
        let partial: DidPayload = serde_json::from_str(r#"{"codice_fiscale":"X"}"#).unwrap();
        assert_eq!(partial.codice_fiscale, "X");
        let s = sections(&p);
        assert_eq!(s.len(), 6);
        assert!(s[0]
            .rows
            .iter()
            .any(|r| r.value == Val::Text("CCCFBA85D03L219P".into())));
        // an invalid form cannot be built
        let mut bad = good();
        bad.decl_privacy = false;
        let e = with_ctx(|ctx| build_payload(&bad, ctx, "")).unwrap_err();
        assert_eq!(e[0].0, Step::Declarations);
    }
}
