//! Fuzzed input, no panic (issue 17): the records the app keeps in
//! IndexedDB, as an older or a newer version may have written them. Each
//! is read the way `storage::kv` reads it (`serde_json::from_str` of the
//! stored text) from a mutated valid record: a field missing, of another
//! type, out of range, added, the text truncated. Reading gives the record
//! or an error, never a panic; a record that reads must then survive what
//! the app does with it next (validation, payloads, summaries, the outbox's
//! retries), and be written and read back.
//!
//! The records defined in `src/storage` (settings, cached feed and
//! percorso, attachments, index meta) are wasm-only and not built here:
//! they are plain strings and numbers, and what they carry goes through
//! the parsers of tests/fuzz_parsers.rs.
//!
//! Budget and seed: `FUZZ_CASES`, `FUZZ_SEED` (tests/fuzz_support.rs).

#![cfg(not(target_arch = "wasm32"))]

#[path = "fuzz_support.rs"]
mod support;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use sportello_lavoro::domain::avvisi::{eligibility, Avviso};
use sportello_lavoro::domain::avviso_form::{payload_avviso_id, AvvisoForm};
use sportello_lavoro::domain::comuni::{BelfioreIndex, ComuniIndex};
use sportello_lavoro::domain::contact::{self, MessageForm};
use sportello_lavoro::domain::cv::Cv;
use sportello_lavoro::domain::date::Date;
use sportello_lavoro::domain::did::{self, CachedStatus, Ctx, DidForm, DidPayload, STEPS};
use sportello_lavoro::domain::feed::{self, FeedKind};
use sportello_lavoro::domain::offer_match::{offers_for, sample_profiles, MatchProfile};
use sportello_lavoro::domain::offices::Office;
use sportello_lavoro::domain::outbox::{
    apply_outcome, kiosk_handover, sort_for_display, AttemptOutcome, OutboxEntry, Receipt,
    SubmissionKind,
};
use sportello_lavoro::domain::percorso::progress_all;
use sportello_lavoro::domain::profile::{self, Profile};
use sportello_lavoro::domain::profile_form::ProfileForm;
use sportello_lavoro::domain::questionnaire::{self, QuestionnaireForm};
use sportello_lavoro::domain::ranking::{score, Notice, RuleSets};
use sportello_lavoro::domain::search::{Query, SearchIndex};
use sportello_lavoro::domain::search_log::{ActForm, LoggedAct};
use sportello_lavoro::domain::service_map;
use sportello_lavoro::domain::vacancy::parse_vacancy_feed;
use sportello_lavoro::domain::vacancy_lists::{
    is_favourite, mark_visited, new_since_saved, payload_vacancy_id, toggle_favourite,
    upsert_saved_search, ApplicationForm, Favourite, SavedSearch,
};
use sportello_lavoro::i18n::{render, Lang};
use std::sync::OnceLock;
use support::{edits, fuzz, load_json, mutate_json, Edits};

fn today() -> Date {
    Date::new(2026, 12, 3).unwrap()
}

const TODAY_DAYS: i32 = 20_790;

/// Read a stored text as `storage::kv::get` does; what reads must write
/// and read again.
fn read<T: DeserializeOwned + Serialize>(text: &str) -> Option<T> {
    let v: T = serde_json::from_str(text).ok()?;
    let again = serde_json::to_string(&v).expect("a stored record serialises");
    assert!(
        serde_json::from_str::<T>(&again).is_ok(),
        "a record written back no longer reads: {again}"
    );
    Some(v)
}

/// A property over records of type `T`: seeds serialised, mutated, read,
/// then used.
fn stored<T, F>(name: &str, cost: u32, seeds: Vec<Value>, then: F)
where
    T: DeserializeOwned + Serialize,
    F: Fn(T),
{
    let n = seeds.len();
    fuzz(
        name,
        cost,
        (0..n, edits()),
        |(i, e): (usize, Edits)| match read::<T>(&mutate_json(&seeds[i], &e)) {
            Some(v) => {
                then(v);
                true
            }
            None => false,
        },
    );
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

// ---------------------------------------------------------- shared data --

fn profiles() -> &'static [Profile] {
    static P: OnceLock<Vec<Profile>> = OnceLock::new();
    P.get_or_init(sample_profiles)
}

struct Places {
    belfiore: BelfioreIndex,
    comuni: ComuniIndex,
    offices: Vec<Office>,
}

fn places() -> &'static Places {
    static P: OnceLock<Places> = OnceLock::new();
    P.get_or_init(|| {
        let text = |p: &str| serde_json::to_string(&load_json(p)).unwrap();
        Places {
            belfiore: BelfioreIndex::from_json(&text("public/data/belfiore.json")).unwrap(),
            comuni: ComuniIndex::from_json(&text("public/data/comuni.json")).unwrap(),
            offices: feed::decode::<Office>(FeedKind::Offices, &text("public/data/offices.json"))
                .unwrap()
                .items,
        }
    })
}

fn avvisi() -> &'static [Avviso] {
    static A: OnceLock<Vec<Avviso>> = OnceLock::new();
    A.get_or_init(|| {
        let text = serde_json::to_string(&load_json("public/data/avvisi.json")).unwrap();
        feed::decode::<Avviso>(FeedKind::Avvisi, &text)
            .unwrap()
            .items
    })
}

fn small_index() -> &'static SearchIndex {
    static I: OnceLock<SearchIndex> = OnceLock::new();
    I.get_or_init(|| {
        let text = serde_json::to_string(&load_json("public/data/vacancies.json")).unwrap();
        let offers = parse_vacancy_feed(&text).unwrap().0;
        SearchIndex::build(&offers[..100])
    })
}

// ---------------------------------------------------------------- outbox --

fn outbox_seeds() -> Vec<Value> {
    let did_payload = json!({"codice_fiscale": "CCCFBA85D03L219P", "anagrafica": {"cognome": "Caccamo", "nome": "Fabio"}});
    let mut out = Vec::new();
    for (i, (kind, payload)) in [
        (SubmissionKind::Did, did_payload),
        (
            SubmissionKind::Application,
            json!({"vacancy_id": "V-1", "name": "Mario Rossi", "email": "m@example.it"}),
        ),
        (
            SubmissionKind::AvvisoApplication,
            json!({"avviso_id": "AVV-ER-2026-005", "score": 101.5}),
        ),
        (
            SubmissionKind::Message,
            json!({"cpi_id": "cpi-bologna", "subject": "Info", "body": "Buongiorno"}),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let mut e = OutboxEntry::new(format!("k-{i}"), kind, "Titolo".into(), payload, 1.764e12);
        out.push(to_value(&e));
        apply_outcome(&mut e, AttemptOutcome::NetworkError, 1.764e12 + 10.0, 0.5);
        out.push(to_value(&e));
        let mut d = e.clone();
        apply_outcome(
            &mut d,
            AttemptOutcome::Accepted(Receipt {
                id: "SUB-1".into(),
                status: "received".into(),
                received_at: "2026-12-01T10:00:00Z".into(),
            }),
            1.764e12 + 20.0,
            0.1,
        );
        out.push(to_value(&d));
        apply_outcome(
            &mut e,
            AttemptOutcome::HttpError {
                status: 422,
                message: "Dati non validi".into(),
            },
            1.764e12 + 30.0,
            0.9,
        );
        out.push(to_value(&e));
    }
    // As an older version wrote it: the failure as Italian text, no owner.
    let mut old = out[1].clone();
    old["last_error"] = json!("Il server ha risposto con l'errore 503: riproveremo.");
    out.push(old);
    out
}

fn use_outbox(mut e: OutboxEntry) {
    for viewer in [None, Some("CCCFBA85D03L219P")] {
        let _ = e.shown_to(viewer);
        let _ = e.may_send(viewer);
    }
    let _ = (
        e.keep_after_attempt(),
        e.is_pending(),
        e.is_due(1.8e12),
        e.is_due(f64::NAN),
    );
    if let Some(m) = e.problem() {
        let _ = render(Lang::Ar, &m);
    }
    let _ = (e.kind.path(), e.kind.label_key(), e.kind.needs_session());
    let _ = payload_avviso_id(&e.payload);
    let _ = payload_vacancy_id(&e.payload);
    let _ = sportello_lavoro::domain::appointment_action::payload_action(&e.payload);
    // The DID receipt page reads the payload back (refusing nothing).
    let payload: DidPayload = serde_json::from_value(e.payload.clone()).unwrap_or_default();
    let _ = did::outbox_title(&payload);
    for s in did::sections(&payload) {
        let _ = s;
    }
    let _ = did::did_countdown(&payload, did::rules().unwrap(), today(), today());
    let list = vec![e.clone(), e.clone()];
    let mut sorted = list.clone();
    sort_for_display(&mut sorted);
    let _ = kiosk_handover(list);
    for outcome in [
        AttemptOutcome::NetworkError,
        AttemptOutcome::UnreadableReceipt,
        AttemptOutcome::Unserializable,
        AttemptOutcome::HttpError {
            status: 401,
            message: String::new(),
        },
        AttemptOutcome::HttpError {
            status: 0,
            message: "\u{202E}".into(),
        },
        AttemptOutcome::HttpError {
            status: u16::MAX,
            message: "x".repeat(3000),
        },
    ] {
        let mut copy = e.clone();
        apply_outcome(&mut copy, outcome, 1.8e12, f64::NAN);
        let _ = copy.problem();
    }
    apply_outcome(&mut e, AttemptOutcome::NetworkError, f64::MAX, 1.0);
}

#[test]
fn outbox_entry() {
    stored::<OutboxEntry, _>("outbox_entry", 1, outbox_seeds(), use_outbox);
}

// -------------------------------------------------------------- drafts --

fn did_seeds() -> Vec<Value> {
    let good = json!({
        "naspi": "no", "codice_fiscale": "cccfba85d03l219p", "surname": "Caccamo", "name": "Fabio",
        "sex": "M", "birth_day": "3", "birth_month": "4", "birth_year": "1985",
        "birth_country": "italia", "birthplace_query": "Torino (TO)", "birthplace_code": "L219",
        "citizenship": "A02", "res_query": "Bologna (BO)", "res_istat": "037006", "res_cap": "40121",
        "res_address": "Via dell'Indipendenza 1", "email": "fabio@example.it",
        "situation": "non_occupato", "cpi_id": "cpi-bologna", "cpi_for": "037006",
        "cpi_confirmed": true, "availability": "immediata", "decl_no_work": true,
        "decl_informed": true, "decl_no_other_did": true, "decl_privacy": true, "step": 7, "furthest": 7
    });
    let mut foreign = good.clone();
    for (k, v) in [
        ("codice_fiscale", "BNCLRA70A41Z110X"),
        ("birth_country", "estero"),
        ("birthplace_code", "Z110"),
        ("citizenship", "Z110"),
        ("permit_type", "lavoro_subordinato"),
        ("permit_number", "AB123"),
        ("permit_day", "1"),
        ("permit_month", "2"),
        ("permit_year", "2027"),
        ("situation", "occupato_basso_reddito"),
        ("work_kind", "subordinato"),
        ("income", "7.500,00"),
        ("naspi", "yes"),
        ("naspi_day", "29"),
        ("naspi_month", "2"),
        ("naspi_year", "2024"),
    ] {
        foreign[k] = v.into();
    }
    foreign["dom_same"] = false.into();
    foreign["dom_query"] = "Imola (BO)".into();
    foreign["dom_istat"] = "037032".into();
    let mut from_profile = DidForm::default();
    did::prefill_from_profile(&mut from_profile, &profiles()[0]);
    vec![
        good,
        foreign,
        to_value(&DidForm::default()),
        to_value(&from_profile),
    ]
}

fn use_did_form(f: DidForm) {
    let p = places();
    let rules = did::rules().unwrap();
    let ctxs = [
        Ctx {
            today: today(),
            rules,
            belfiore: Some(&p.belfiore),
            comuni: Some(&p.comuni),
            offices: Some(&p.offices),
        },
        Ctx {
            today: Date::MAX,
            rules,
            belfiore: None,
            comuni: None,
            offices: None,
        },
    ];
    let step = f.current_step();
    let _ = (
        step.next(),
        step.prev(),
        step.title_key(),
        f.is_blank(),
        f.domicile_key(),
    );
    let _ = did::progress_percent(step.index(), STEPS.len());
    let _ = did::offers_next(step, &f.naspi);
    let _ = (did::birth_date(&f), did::income_cents(&f));
    for ctx in &ctxs {
        for s in STEPS {
            for issue in did::validate_step(s, &f, ctx) {
                let _ = render(Lang::It, &issue.msg);
            }
        }
        let _ = did::first_invalid_step(&f, ctx);
        let _ = did::naspi_countdown(&f, rules, ctx.today);
        let _ = did::check_cf(&f.codice_fiscale, ctx);
        if let Ok(payload) = did::build_payload(&f, ctx, "CPI di Bologna") {
            let _ = did::sections(&payload);
            let _ = did::outbox_title(&payload);
            let back: DidPayload = serde_json::from_value(to_value(&payload)).unwrap();
            assert_eq!(back, payload);
        }
    }
    let mut copy = f.clone();
    let _ = did::sync_cpi(&mut copy, Some(&p.comuni), &p.offices);
    let _ = did::competent_office(&f, Some(&p.comuni), &p.offices);
    let mut profile = profiles()[1].clone();
    did::absorb_into_profile(&mut profile, &f);
    let _ = profile::validate(&profile, (2026, 12));
}

#[test]
fn did_form_draft() {
    stored::<DidForm, _>("did_form_draft", 2, did_seeds(), use_did_form);
}

fn use_profile(p: Profile) {
    let _ = profile::validate(&p, (2026, 12));
    let _ = profile::validate(&p, (i32::MIN, 0));
    let _ = p.full_name();
    let form = ProfileForm::from_profile(&p);
    let _ = form.to_profile(today()).map_err(|issues| {
        for i in issues {
            let _ = render(Lang::It, &i.msg);
        }
    });
    for lang in ["it", "ar", "xx"] {
        let _ = Cv::from_profile(&p, lang).is_empty();
    }
    let _ = ApplicationForm::from_profile(&p);
    let mp = MatchProfile::from_profile(&p, Some((44.5, 11.3)));
    let _ = mp.is_empty();
    assert!(offers_for(small_index(), &mp, TODAY_DAYS, 5).len() <= 5);
    let mut q = QuestionnaireForm::default();
    let _ = q.prefill_from_profile(&p, today());
    let mut a = AvvisoForm::default();
    let _ = a.prefill_from_profile(&p);
    let mut d = DidForm::default();
    let _ = did::prefill_from_profile(&mut d, &p);
}

/// The profile, and the application profile of earlier versions it is
/// read from (`Profile::from_stored`).
#[test]
fn profile_record() {
    let mut seeds: Vec<Value> = profiles().iter().map(to_value).collect();
    seeds.push(to_value(&Profile::default()));
    seeds.push(
        json!({"name": "Mario Rossi", "email": "mario@example.it", "phone": "+39 051 000000"}),
    );
    fuzz("profile_record", 2, (0..seeds.len(), edits()), |(i, e)| {
        let text = mutate_json(&seeds[i], &e);
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            return false;
        };
        match Profile::from_stored(v) {
            Some(p) => {
                let again = serde_json::to_value(&p).unwrap();
                assert!(Profile::from_stored(again).is_some());
                use_profile(p);
                true
            }
            None => false,
        }
    });
}

#[test]
fn profile_form_draft() {
    let mut seeds: Vec<Value> = profiles()
        .iter()
        .map(|p| to_value(&ProfileForm::from_profile(p)))
        .collect();
    seeds.push(to_value(&ProfileForm::default()));
    stored::<ProfileForm, _>("profile_form_draft", 1, seeds, |f| {
        let _ = f.is_blank();
        if let Ok(p) = f.to_profile(today()) {
            use_profile(p);
        }
        let _ = f.to_profile(Date::MIN);
    });
}

#[test]
fn questionnaire_draft() {
    let mut seeds = vec![to_value(&QuestionnaireForm::default())];
    for p in profiles() {
        let mut q = QuestionnaireForm::default();
        q.prefill_from_profile(p, today());
        seeds.push(to_value(&q));
    }
    stored::<QuestionnaireForm, _>("questionnaire_draft", 1, seeds, |mut f| {
        let _ = f.is_blank();
        for day in [today(), Date::MIN, Date::MAX] {
            for i in questionnaire::validate(&f, day) {
                let _ = render(Lang::It, &i.msg);
            }
            let answers = questionnaire::answers(&f, day);
            let map = service_map::service_map(service_map::rules().unwrap(), &answers, day);
            let ids: Vec<String> = format!("{map:?}")
                .split('"')
                .skip(1)
                .step_by(2)
                .take(3)
                .map(String::from)
                .collect();
            let _ = questionnaire::payload(&f, day, &ids);
        }
        let _ = f.prefill_age(Date::new(1990, 1, 1), today());
        let _ = f.prefill_age(Some(Date::MAX), Date::MIN);
    });
}

#[test]
fn avviso_form_draft() {
    let mut seeds = vec![to_value(&AvvisoForm::default())];
    for p in profiles() {
        let mut a = AvvisoForm::default();
        a.prefill_from_profile(p);
        seeds.push(to_value(&a));
    }
    let rules = RuleSets::load().unwrap();
    stored::<AvvisoForm, _>("avviso_form_draft", 1, seeds, |f| {
        let _ = f.is_blank();
        let facts = f.facts();
        let _ = f.check_review();
        for a in avvisi() {
            for c in eligibility(a, &facts) {
                let _ = render(Lang::It, &c.msg);
            }
            let _ = f.check_application(a, today());
            if let (Ok(ap), Some(set), Some(p), Some(d)) = (
                f.applicant("me"),
                rules.rule_set(&a.rule_set),
                a.published_date(),
                a.deadline_date(),
            ) {
                let s = score(
                    set,
                    &Notice {
                        publication_date: p,
                        deadline: d,
                    },
                    &ap,
                );
                assert!(s.total.is_finite());
                for line in &s.lines {
                    let _ = render(Lang::It, &line.message());
                }
                let _ = sportello_lavoro::domain::avviso_form::application_payload(a, &ap, s.total);
            }
        }
    });
}

#[test]
fn message_draft() {
    let seeds = vec![
        to_value(&MessageForm::default()),
        json!({"name": "Mario Rossi", "email": "mario@example.it", "phone": "+39 051 000000",
               "cpi_id": "cpi-bologna", "subject": "Appuntamento", "body": "Vorrei spostare l'appuntamento."}),
    ];
    stored::<MessageForm, _>("message_draft", 1, seeds, |f| {
        let _ = (f.has_content(), f.after_send());
        let _ = contact::validate(&f);
        let _ = contact::payload(&f);
    });
}

// ------------------------------------------------------ personal store --

#[test]
fn favourites_list() {
    let fav = json!({"id": "V-1", "title": "Magazziniere", "employer": "Ditta", "comune": "Bologna",
                     "province": "BO", "expires": "2026-12-31", "added": "2026-12-01"});
    let seeds = vec![
        json!([fav.clone(), {"id": "V-2", "title": "Cuoco"}]),
        json!([]),
        json!([fav]),
    ];
    stored::<Vec<Favourite>, _>("favourites_list", 1, seeds, |mut list| {
        let first = list.first().cloned();
        let _ = is_favourite(&list, "V-1");
        if let Some(f) = first {
            let _ = toggle_favourite(&mut list, f.clone());
            let _ = toggle_favourite(&mut list, f);
        }
    });
}

#[test]
fn saved_searches_list() {
    let seeds = vec![
        json!([{"query": "q=magazziniere&prov=BO", "created": "2026-11-01", "last_visit": "2026-11-20"},
               {"query": "comune=Bologna&raggio=20&giorni=7", "created": "2026-10-01", "last_visit": "9999-12-31"}]),
        json!([]),
    ];
    let idx = small_index();
    stored::<Vec<SavedSearch>, _>("saved_searches_list", 1, seeds, |mut list| {
        for s in list.clone() {
            let q = Query::from_query_string(&s.query);
            for day in [TODAY_DAYS, i32::MIN, i32::MAX] {
                if let Some(nq) = new_since_saved(&s, day) {
                    let _ = idx.search(&nq, day);
                }
            }
            let _ = mark_visited(&mut list, &q, TODAY_DAYS);
            let _ = sportello_lavoro::domain::saved_search_summary::summary_parts(&q, Some(idx));
        }
        let _ = upsert_saved_search(&mut list, &Query::text("cuoco"), TODAY_DAYS);
    });
}

#[test]
fn search_acts_list() {
    let act = json!({"key": "k-1", "date": "2026-11-20", "act_kind": "application", "employer": "Ditta",
                     "channel": "email", "note": "", "commitment": "C-APPS",
                     "attachment": {"name": "cv.pdf", "type": "application/pdf", "size": 1234}});
    let seeds = vec![
        json!([act, {"key": "k-2", "date": "2026-11-21", "act_kind": "interview", "employer": "",
                                  "channel": "", "note": "x", "commitment": ""}]),
    ];
    static PERCORSO: OnceLock<sportello_lavoro::domain::percorso::Percorso> = OnceLock::new();
    let percorso = PERCORSO.get_or_init(|| {
        let text = serde_json::to_string(&load_json("tests/fixtures/percorso/demo.json")).unwrap();
        sportello_lavoro::domain::percorso::Percorso::parse(&text).unwrap()
    });
    stored::<Vec<LoggedAct>, _>("search_acts_list", 1, seeds, |list| {
        let acts: Vec<_> = list.iter().filter_map(LoggedAct::as_search_act).collect();
        for a in &list {
            let _ = a.payload();
        }
        if let Some(patto) = &percorso.patto {
            for day in [today(), Date::MIN, Date::MAX] {
                let _ = progress_all(patto, &acts, &percorso.checks, day);
            }
        }
    });
}

/// The act form's draft (typed date, kind, commitment).
#[test]
fn act_form_draft() {
    let seeds = vec![
        to_value(&ActForm::default()),
        json!({"day": "20", "month": "11", "year": "2026", "act_kind": "application", "employer": "Ditta",
               "channel": "email", "note": "", "commitment": "C-APPS"}),
    ];
    stored::<ActForm, _>("act_form_draft", 1, seeds, |f| {
        let _ = f.is_blank();
        for day in [today(), Date::MIN, Date::MAX] {
            if let Ok(act) = f.check("k", day, None) {
                let _ = act.as_search_act();
            }
        }
    });
}

#[test]
fn did_status_record() {
    let seeds = vec![
        json!({"status": {"id": "SUB-1", "kind": "did", "status": "received",
        "received_at": "2026-12-01T10:00:00Z",
        "history": [{"status": "received", "at": "2026-12-01T10:00:00Z", "note": null}]},
        "fetched_at": 1.764e12}),
    ];
    stored::<CachedStatus, _>("did_status_record", 1, seeds, |c| {
        for item in did::timeline(&c.status) {
            let _ = item;
        }
        let _ = did::deadline_applies(Some(&c.status.status));
    });
}

/// A draft of one form read as another's (a key reused across versions):
/// still a value or an error.
#[test]
fn drafts_of_other_forms() {
    let mut seeds = did_seeds();
    seeds.push(to_value(&ProfileForm::from_profile(&profiles()[0])));
    let n = seeds.len();
    fuzz("drafts_of_other_forms", 1, (0..n, edits()), |(i, e)| {
        let text = mutate_json(&seeds[i], &e);
        let a = read::<QuestionnaireForm>(&text).is_some();
        let b = read::<AvvisoForm>(&text).is_some();
        let c = read::<MessageForm>(&text).is_some();
        let d = read::<ProfileForm>(&text).is_some();
        let e = read::<DidForm>(&text).is_some();
        a || b || c || d || e
    });
}

// ---------------------------------------------------------- regressions --

/// Found by `saved_searches_list`: the days between a stored last visit
/// and today overflowed `i32` (a panic in a debug build) for far-apart day
/// numbers.
#[test]
fn regression_new_since_far_apart_days() {
    let s = SavedSearch {
        query: "q=cuoco".into(),
        created: "2026-11-01".into(),
        last_visit: "0001-01-01".into(),
    };
    assert!(new_since_saved(&s, i32::MAX).is_some());
    assert_eq!(new_since_saved(&s, i32::MIN), None);
    let q = Query::text("cuoco");
    assert_eq!(
        sportello_lavoro::domain::vacancy_lists::new_since_query(&q, i32::MAX, i32::MIN),
        None
    );
    let far = sportello_lavoro::domain::vacancy_lists::new_since_query(&q, i32::MIN, i32::MAX);
    assert_eq!(far.and_then(|q| q.posted_within_days), Some(u16::MAX));
}

/// The appointment action form (confirm, reschedule, justify) and the
/// payload it gives.
#[test]
fn appointment_action_form() {
    use sportello_lavoro::domain::appointment_action::{payload_action, Action, ActionForm};
    let seeds = vec![
        to_value(&ActionForm::default()),
        json!({"action": "justify", "reason": "Visita medica", "preferred": "2026-12-10",
               "reason_kind": "health"}),
        json!({"action": "reschedule", "reason": "Lavoro", "preferred": "lunedì mattina",
               "reason_kind": ""}),
    ];
    stored::<ActionForm, _>("appointment_action_form", 1, seeds, |f| {
        let _ = f.is_blank();
        for code in ["confirm", "reschedule", "justify", &f.action] {
            if let Some(action) = Action::from_code(code) {
                if let Ok(p) = f.payload(action) {
                    assert_eq!(payload_action(&p).map(|(_, a)| a), Some(action));
                }
            }
        }
    });
}
