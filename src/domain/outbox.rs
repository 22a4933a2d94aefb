//! The outbox: every submission is stored first and delivered later, with a
//! client-generated idempotency key so a retry can never create a second
//! record on the server. This module holds the pure rules (states, backoff,
//! what to do with an HTTP answer); storage and network live elsewhere.

use crate::domain::identity::same_person;
use crate::domain::message::Msg;
use serde::{Deserialize, Deserializer, Serialize};

/// What kind of submission an entry carries; decides the endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionKind {
    Did,
    Application,
    AvvisoApplication,
    Review,
    PattoUpdate,
    Message,
    /// The self-profiling questionnaire's answers.
    Profiling,
}

impl SubmissionKind {
    /// Path under the API base URL.
    pub fn path(self) -> &'static str {
        match self {
            SubmissionKind::Did => "/did",
            SubmissionKind::Application => "/applications",
            SubmissionKind::AvvisoApplication => "/avvisi/applications",
            SubmissionKind::Review => "/reviews",
            SubmissionKind::PattoUpdate => "/patto/updates",
            SubmissionKind::Message => "/messages",
            SubmissionKind::Profiling => "/profiling",
        }
    }

    /// Translation key of the kind's label.
    pub fn label_key(self) -> &'static str {
        match self {
            SubmissionKind::Did => "outbox.kind.did",
            SubmissionKind::Application => "outbox.kind.application",
            SubmissionKind::AvvisoApplication => "outbox.kind.avviso_application",
            SubmissionKind::Review => "outbox.kind.review",
            SubmissionKind::PattoUpdate => "outbox.kind.patto_update",
            SubmissionKind::Message => "outbox.kind.message",
            SubmissionKind::Profiling => "outbox.kind.profiling",
        }
    }

    /// Sent in a person's name, so only under their session (docs/api.md):
    /// every kind but a plain message to the CPI.
    pub fn needs_session(self) -> bool {
        !matches!(self, SubmissionKind::Message)
    }
}

/// The person a submission was made by, while logged in: it is sent only
/// under their session, never under someone else's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Owner {
    pub codice_fiscale: String,
    /// For the list ("waits for Giulia Bianchi to log in").
    pub name: String,
}

/// Where an entry is in its life.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for the network (or for its next retry).
    Pending,
    /// Accepted by the server; `receipt` is the server's answer.
    Delivered { receipt: Receipt },
    /// The server refused it for good (4xx): retrying would not help.
    /// `message` is the server's own words (RFC 9457 detail), kept as sent;
    /// `reason` is set when the app itself gave up (older entries may carry
    /// the app's Italian text in `message` instead: see [`Failure::from_text`]).
    Rejected {
        status: u16,
        message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Failure>,
    },
}

/// Why an attempt failed, as a kind: stored in IndexedDB and translated when
/// shown, so it reads in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Failure {
    /// No answer at all.
    Offline,
    /// An HTTP error without a problem text.
    ServerStatus { status: u16 },
    /// The server's own problem text, kept as it sent it.
    ServerSaid { detail: String },
    /// A 2xx answer without a readable receipt.
    UnreadableReceipt,
    /// The payload could not be turned into JSON.
    Unserializable,
    /// The session ended (401): the entry waits for its owner to log in.
    NeedsLogin,
}

/// Italian texts older versions stored instead of a kind.
const LEGACY_OFFLINE: &str = "Nessuna connessione: invieremo appena torna la rete.";
const LEGACY_UNREADABLE: &str = "Risposta del server non leggibile: riproveremo.";
const LEGACY_UNSERIALIZABLE: &str = "Dati non serializzabili.";

impl Failure {
    /// The kind behind a text stored by an older version: the app's own
    /// Italian messages map back to their kind; anything else was the
    /// server's words.
    pub fn from_text(text: &str) -> Failure {
        let status = text
            .strip_prefix("Il server ha risposto con l'errore ")
            .and_then(|rest| rest.strip_suffix(": riproveremo."))
            .and_then(|n| n.parse::<u16>().ok());
        match text {
            LEGACY_OFFLINE => Failure::Offline,
            LEGACY_UNREADABLE => Failure::UnreadableReceipt,
            LEGACY_UNSERIALIZABLE => Failure::Unserializable,
            _ => match status {
                Some(status) => Failure::ServerStatus { status },
                None => Failure::ServerSaid {
                    detail: text.to_string(),
                },
            },
        }
    }

    /// The message for the person: a key of `locales/*/errors.json` and its arguments.
    pub fn message(&self) -> Msg {
        match self {
            Failure::Offline => Msg::new("error.outbox.offline"),
            Failure::ServerStatus { status } => {
                Msg::new("error.outbox.server_status").text("status", status.to_string())
            }
            Failure::ServerSaid { detail } => {
                Msg::new("error.outbox.server_said").text("detail", detail.clone())
            }
            Failure::UnreadableReceipt => Msg::new("error.outbox.unreadable_receipt"),
            Failure::Unserializable => Msg::new("error.outbox.unserializable"),
            Failure::NeedsLogin => Msg::new("error.outbox.needs_login"),
        }
    }
}

/// `last_error` as stored: a [`Failure`], or the Italian text of older versions.
fn failure_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Failure>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Kind(Failure),
        Text(String),
    }
    Ok(match Option::<Stored>::deserialize(d)? {
        Some(Stored::Kind(f)) => Some(f),
        Some(Stored::Text(t)) => Some(Failure::from_text(&t)),
        None => None,
    })
}

/// The server's acknowledgement of a submission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub id: String,
    pub status: String,
    pub received_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// Idempotency key: generated once on the device, sent on every attempt.
    pub key: String,
    pub kind: SubmissionKind,
    /// Short human description shown in the list ("Messaggio al CPI di Bologna").
    pub title: String,
    pub payload: serde_json::Value,
    /// Milliseconds since the Unix epoch.
    pub created_at: f64,
    pub attempts: u32,
    pub next_attempt_at: f64,
    /// Why the last attempt failed, while the entry is pending.
    #[serde(default, deserialize_with = "failure_or_text")]
    pub last_error: Option<Failure>,
    #[serde(flatten)]
    pub state: DeliveryState,
    #[serde(default)]
    pub delivered_at: Option<f64>,
    /// Who made it while logged in; `None` for an anonymous message (and
    /// for entries stored before logins existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    /// Left behind by a kiosk session that ended before it was delivered:
    /// never listed again, delivered when it can be, then removed
    /// ([`kiosk_handover`]).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sealed: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl OutboxEntry {
    pub fn new(
        key: String,
        kind: SubmissionKind,
        title: String,
        payload: serde_json::Value,
        now: f64,
    ) -> Self {
        OutboxEntry {
            key,
            kind,
            title,
            payload,
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            last_error: None,
            state: DeliveryState::Pending,
            delivered_at: None,
            owner: None,
            sealed: false,
        }
    }

    pub fn with_owner(mut self, owner: Option<Owner>) -> Self {
        self.owner = owner;
        self
    }

    /// Listed to `viewer` (the codice fiscale of the person logged in, if
    /// any)? An entry made while logged in is for its owner's eyes only.
    pub fn shown_to(&self, viewer: Option<&str>) -> bool {
        match (&self.owner, viewer) {
            (None, _) => true,
            (Some(owner), Some(v)) => same_person(&owner.codice_fiscale, v),
            (Some(_), None) => false,
        }
    }

    /// May it be sent while `session` (a codice fiscale; `None` when nobody
    /// is logged in) is the session? An owned entry waits for its owner; an
    /// entry in a person's name without an owner (stored before logins)
    /// needs some session, and the server binds it to that person.
    pub fn may_send(&self, session: Option<&str>) -> bool {
        match (&self.owner, session) {
            (Some(owner), Some(cf)) => same_person(&owner.codice_fiscale, cf),
            (Some(_), None) => false,
            (None, session) => !self.kind.needs_session() || session.is_some(),
        }
    }

    /// Sent with the session cookie? Not an entry made while nobody was
    /// logged in that needs no session (a message to the CPI): it stays
    /// anonymous, as it was written, even if someone logs in before it
    /// leaves. Its retries then carry the same sender, so a server that
    /// stored the first attempt recognises the repeat (the same key from a
    /// person would be another request: 409).
    pub fn sent_with_session(&self) -> bool {
        self.owner.is_some() || self.kind.needs_session()
    }

    /// Worth keeping after an attempt? A sealed entry has no one to show
    /// its receipt or refusal to: once settled, it goes.
    pub fn keep_after_attempt(&self) -> bool {
        !self.sealed || self.is_pending()
    }

    pub fn is_pending(&self) -> bool {
        matches!(self.state, DeliveryState::Pending)
    }

    /// Due for an attempt at `now`?
    pub fn is_due(&self, now: f64) -> bool {
        self.is_pending() && self.next_attempt_at <= now
    }

    /// What to tell the person about a failure: the last attempt's, or why
    /// the server refused the entry. None when nothing failed.
    pub fn problem(&self) -> Option<Msg> {
        match &self.state {
            DeliveryState::Pending => self.last_error.as_ref().map(Failure::message),
            DeliveryState::Delivered { .. } => None,
            DeliveryState::Rejected {
                status,
                message,
                reason,
            } => Some(match reason {
                Some(r) => r.message(),
                None if message.is_empty() => {
                    Msg::new("outbox.rejected_status").text("status", status.to_string())
                }
                None => Failure::from_text(message).message(),
            }),
        }
    }
}

/// Retry delays grow 2 s, 4 s, 8 s … up to 5 minutes. `jitter` in [0, 1)
/// spreads retries of many devices so a CPI server that comes back is not
/// flooded at once.
pub fn backoff_ms(attempts: u32, jitter: f64) -> f64 {
    const BASE_MS: f64 = 2_000.0;
    const MAX_MS: f64 = 300_000.0;
    let exp = attempts.saturating_sub(1).min(16);
    let delay = (BASE_MS * f64::from(1u32 << exp)).min(MAX_MS);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    delay * (0.8 + 0.4 * jitter)
}

/// What one delivery attempt produced.
#[derive(Clone, Debug, PartialEq)]
pub enum AttemptOutcome {
    /// 2xx with a receipt (201 new, or 200 replayed: both mean delivered).
    Accepted(Receipt),
    /// An HTTP answer that is not a success; `message` is the server's detail.
    HttpError { status: u16, message: String },
    /// No answer at all (offline, DNS, connection reset).
    NetworkError,
    /// A 2xx answer without a readable receipt: retried.
    UnreadableReceipt,
    /// The payload could not be turned into JSON: retrying cannot help.
    Unserializable,
}

/// Apply an attempt's outcome to an entry.
pub fn apply_outcome(entry: &mut OutboxEntry, outcome: AttemptOutcome, now: f64, jitter: f64) {
    if !entry.is_pending() {
        return;
    }
    entry.attempts = entry.attempts.saturating_add(1);
    match outcome {
        AttemptOutcome::Accepted(receipt) => {
            entry.state = DeliveryState::Delivered { receipt };
            entry.delivered_at = Some(now);
            entry.last_error = None;
        }
        // The session ended: nothing was stored, and the entry waits for
        // its owner's next login (the sender holds it back till then).
        AttemptOutcome::HttpError { status: 401, .. } => {
            entry.last_error = Some(Failure::NeedsLogin);
            entry.next_attempt_at = now;
        }
        AttemptOutcome::HttpError { status, message } if is_permanent(status) => {
            entry.state = DeliveryState::Rejected {
                status,
                message,
                reason: None,
            };
        }
        AttemptOutcome::Unserializable => {
            entry.state = DeliveryState::Rejected {
                status: 400,
                message: String::new(),
                reason: Some(Failure::Unserializable),
            };
        }
        AttemptOutcome::HttpError { status, message } => {
            entry.last_error = Some(if message.is_empty() {
                Failure::ServerStatus { status }
            } else {
                Failure::ServerSaid { detail: message }
            });
            entry.next_attempt_at = now + backoff_ms(entry.attempts, jitter);
        }
        AttemptOutcome::UnreadableReceipt => {
            entry.last_error = Some(Failure::UnreadableReceipt);
            entry.next_attempt_at = now + backoff_ms(entry.attempts, jitter);
        }
        AttemptOutcome::NetworkError => {
            entry.last_error = Some(Failure::Offline);
            entry.next_attempt_at = now + backoff_ms(entry.attempts, jitter);
        }
    }
}

/// 4xx answers will not change on retry, except 408 (timeout), 409 when a
/// request with the same key is still being processed is not used here, and
/// 429 (rate limited).
fn is_permanent(status: u16) -> bool {
    (400..500).contains(&status) && status != 408 && status != 429
}

/// Parse the server's acknowledgement body.
pub fn parse_receipt(body: &str) -> Option<Receipt> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    Some(Receipt {
        id: v.get("id")?.as_str()?.to_string(),
        status: v
            .get("status")
            .and_then(|s| s.as_str())
            .unwrap_or("received")
            .to_string(),
        received_at: v
            .get("received_at")
            .and_then(|s| s.as_str())
            .unwrap_or_default()
            .to_string(),
    })
}

/// Extract a citizen-facing message from an RFC 9457 problem body.
pub fn problem_message(body: &str) -> String {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else {
        return String::new();
    };
    let mut msg = v
        .get("detail")
        .and_then(|d| d.as_str())
        .unwrap_or_default()
        .to_string();
    if let Some(errors) = v.get("errors").and_then(|e| e.as_array()) {
        for e in errors {
            if let Some(m) = e.get("message").and_then(|m| m.as_str()) {
                if !msg.is_empty() {
                    msg.push(' ');
                }
                msg.push_str(m);
            }
        }
    }
    msg
}

/// Entries ordered for display: pending first, then newest first.
/// What ending a kiosk session does to the outbox: entries already settled
/// (delivered or refused) are deleted, those still waiting are sealed, kept
/// only until delivered and never shown to the next person.
#[derive(Debug, Default, PartialEq)]
pub struct Handover {
    pub delete: Vec<String>,
    pub seal: Vec<OutboxEntry>,
}

pub fn kiosk_handover(entries: Vec<OutboxEntry>) -> Handover {
    let mut out = Handover::default();
    for mut e in entries {
        if e.is_pending() {
            if !e.sealed {
                e.sealed = true;
                out.seal.push(e);
            }
        } else {
            out.delete.push(e.key);
        }
    }
    out
}

pub fn sort_for_display(entries: &mut [OutboxEntry]) {
    entries.sort_by(|a, b| {
        b.is_pending().cmp(&a.is_pending()).then(
            b.created_at
                .partial_cmp(&a.created_at)
                .unwrap_or(std::cmp::Ordering::Equal),
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{render, Lang};

    fn entry() -> OutboxEntry {
        OutboxEntry::new(
            "k-1".into(),
            SubmissionKind::Message,
            "t".into(),
            serde_json::json!({"a": 1}),
            1000.0,
        )
    }

    #[test]
    fn an_anonymous_message_stays_anonymous_whoever_logs_in_later() {
        let anonymous = entry();
        assert!(!anonymous.sent_with_session());
        let owner = Owner {
            codice_fiscale: "BNCGLI94C52A944G".into(),
            name: "Giulia Bianchi".into(),
        };
        assert!(entry().with_owner(Some(owner)).sent_with_session());
        // In a person's name without an owner (stored before logins): the session binds it.
        let mut old = entry();
        old.kind = SubmissionKind::Did;
        assert!(old.sent_with_session());
    }

    fn receipt() -> Receipt {
        Receipt {
            id: "MSG-2026-000001".into(),
            status: "received".into(),
            received_at: "2026-11-23T10:00:00Z".into(),
        }
    }

    #[test]
    fn kiosk_handover_deletes_settled_and_seals_waiting_entries() {
        let waiting = entry();
        let mut delivered = entry();
        delivered.key = "k-2".into();
        apply_outcome(
            &mut delivered,
            AttemptOutcome::Accepted(receipt()),
            2.0,
            0.5,
        );
        let mut refused = entry();
        refused.key = "k-3".into();
        let refusal = AttemptOutcome::HttpError {
            status: 422,
            message: String::new(),
        };
        apply_outcome(&mut refused, refusal, 2.0, 0.5);
        assert!(!refused.is_pending(), "a 422 is final");
        let h = kiosk_handover(vec![waiting.clone(), delivered, refused]);
        assert_eq!(h.delete, vec!["k-2".to_string(), "k-3".to_string()]);
        assert_eq!(h.seal.len(), 1);
        assert!(h.seal[0].sealed && h.seal[0].key == waiting.key);
        // Already sealed by an earlier session: nothing to write again.
        assert_eq!(kiosk_handover(h.seal).seal.len(), 0);
    }

    #[test]
    fn a_sealed_entry_goes_once_settled_and_round_trips() {
        let mut e = entry();
        e.sealed = true;
        assert!(e.keep_after_attempt());
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains("\"sealed\":true"));
        assert!(serde_json::from_str::<OutboxEntry>(&json).unwrap().sealed);
        apply_outcome(&mut e, AttemptOutcome::Accepted(receipt()), 2.0, 0.5);
        assert!(!e.keep_after_attempt());
        // An ordinary entry keeps its receipt, and older records read as unsealed.
        let mut plain = entry();
        apply_outcome(&mut plain, AttemptOutcome::Accepted(receipt()), 2.0, 0.5);
        assert!(plain.keep_after_attempt());
        let plain_json = serde_json::to_string(&plain).unwrap();
        assert!(!plain_json.contains("sealed"));
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_ms(1, 0.5), 2_000.0);
        assert_eq!(backoff_ms(2, 0.5), 4_000.0);
        assert_eq!(backoff_ms(3, 0.5), 8_000.0);
        assert_eq!(backoff_ms(30, 0.5), 300_000.0);
        assert!(backoff_ms(1, 0.0) < backoff_ms(1, 0.99));
        assert_eq!(backoff_ms(1, f64::NAN), 1_600.0);
    }

    #[test]
    fn network_error_keeps_pending_and_schedules_retry() {
        let mut e = entry();
        apply_outcome(&mut e, AttemptOutcome::NetworkError, 5_000.0, 0.5);
        assert!(e.is_pending());
        assert_eq!(e.attempts, 1);
        assert_eq!(e.next_attempt_at, 7_000.0);
        assert!(!e.is_due(6_999.0));
        assert!(e.is_due(7_000.0));
        assert!(render(Lang::It, &e.problem().unwrap()).contains("Nessuna connessione"));
    }

    #[test]
    fn server_error_retries_but_validation_error_does_not() {
        let mut e = entry();
        apply_outcome(
            &mut e,
            AttemptOutcome::HttpError {
                status: 503,
                message: String::new(),
            },
            0.0,
            0.5,
        );
        assert!(e.is_pending());
        let mut e = entry();
        apply_outcome(
            &mut e,
            AttemptOutcome::HttpError {
                status: 429,
                message: String::new(),
            },
            0.0,
            0.5,
        );
        assert!(e.is_pending());
        let mut e = entry();
        apply_outcome(
            &mut e,
            AttemptOutcome::HttpError {
                status: 422,
                message: "Oggetto mancante".into(),
            },
            0.0,
            0.5,
        );
        assert_eq!(
            e.state,
            DeliveryState::Rejected {
                status: 422,
                message: "Oggetto mancante".into(),
                reason: None
            }
        );
    }

    #[test]
    fn delivered_is_final() {
        let mut e = entry();
        apply_outcome(&mut e, AttemptOutcome::Accepted(receipt()), 9.0, 0.5);
        assert_eq!(e.state, DeliveryState::Delivered { receipt: receipt() });
        assert_eq!(e.delivered_at, Some(9.0));
        // A late duplicate answer cannot move a delivered entry.
        apply_outcome(&mut e, AttemptOutcome::NetworkError, 10.0, 0.5);
        assert_eq!(e.attempts, 1);
        assert!(!e.is_due(f64::MAX));
    }

    #[test]
    fn entry_round_trips_through_json() {
        let mut e = entry();
        apply_outcome(&mut e, AttemptOutcome::Accepted(receipt()), 9.0, 0.5);
        let text = serde_json::to_string(&e).unwrap();
        assert!(text.contains("\"state\":\"delivered\""));
        let back: OutboxEntry = serde_json::from_str(&text).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn parses_receipts_and_problems() {
        let r = parse_receipt(r#"{"id":"MSG-2026-000007","status":"received","received_at":"x"}"#)
            .unwrap();
        assert_eq!(r.id, "MSG-2026-000007");
        assert!(parse_receipt("not json").is_none());
        assert!(parse_receipt(r#"{"status":"received"}"#).is_none());
        let m = problem_message(
            r#"{"title":"Dati non validi","status":422,"detail":"Controlla i campi.","errors":[{"field":"subject","message":"Inserisci l'oggetto."}]}"#,
        );
        assert_eq!(m, "Controlla i campi. Inserisci l'oggetto.");
        assert_eq!(problem_message("<html>"), "");
    }

    #[test]
    fn pending_entries_are_listed_first() {
        let mut a = entry();
        a.created_at = 1.0;
        let mut b = entry();
        b.created_at = 2.0;
        apply_outcome(&mut b, AttemptOutcome::Accepted(receipt()), 3.0, 0.5);
        let mut c = entry();
        c.created_at = 3.0;
        let mut list = vec![b.clone(), a.clone(), c.clone()];
        sort_for_display(&mut list);
        assert_eq!(
            list.iter().map(|e| e.created_at).collect::<Vec<_>>(),
            vec![3.0, 1.0, 2.0]
        );
    }
}

#[cfg(test)]
mod failure_tests {
    use super::*;
    use crate::i18n::{render, Lang};

    fn entry() -> OutboxEntry {
        OutboxEntry::new(
            "k-1".into(),
            SubmissionKind::Message,
            "t".into(),
            serde_json::json!({}),
            0.0,
        )
    }

    fn after(outcome: AttemptOutcome) -> OutboxEntry {
        let mut e = entry();
        apply_outcome(&mut e, outcome, 0.0, 0.5);
        e
    }

    #[test]
    fn http_answers_map_to_kinds() {
        let http = |status, message: &str| {
            after(AttemptOutcome::HttpError {
                status,
                message: message.into(),
            })
        };
        assert_eq!(
            http(503, "").last_error,
            Some(Failure::ServerStatus { status: 503 })
        );
        assert_eq!(
            http(500, "Manutenzione in corso.").last_error,
            Some(Failure::ServerSaid {
                detail: "Manutenzione in corso.".into()
            })
        );
        assert_eq!(
            after(AttemptOutcome::NetworkError).last_error,
            Some(Failure::Offline)
        );
        assert_eq!(
            after(AttemptOutcome::UnreadableReceipt).last_error,
            Some(Failure::UnreadableReceipt)
        );
        assert!(after(AttemptOutcome::UnreadableReceipt).is_pending());
        let rejected = after(AttemptOutcome::Unserializable);
        assert_eq!(
            rejected.state,
            DeliveryState::Rejected {
                status: 400,
                message: String::new(),
                reason: Some(Failure::Unserializable)
            }
        );
        assert_eq!(
            rejected.problem().map(|m| m.key),
            Some("error.outbox.unserializable")
        );
        assert_eq!(
            http(404, "").problem().map(|m| m.key),
            Some("outbox.rejected_status")
        );
        assert_eq!(
            http(422, "Oggetto mancante").problem().map(|m| m.key),
            Some("error.outbox.server_said")
        );
        assert_eq!(
            after(AttemptOutcome::Accepted(Receipt {
                id: "x".into(),
                status: "received".into(),
                received_at: String::new(),
            }))
            .problem(),
            None
        );
        assert_eq!(entry().problem(), None);
    }

    #[test]
    fn the_servers_words_are_kept_with_a_translated_lead_in() {
        let e = after(AttemptOutcome::HttpError {
            status: 422,
            message: "Oggetto mancante".into(),
        });
        let msg = e.problem().unwrap();
        assert_eq!(
            render(Lang::It, &msg),
            "Risposta del server: Oggetto mancante"
        );
        assert_eq!(
            render(Lang::En, &msg),
            "The server's answer: Oggetto mancante"
        );
    }

    #[test]
    fn failures_are_stored_as_kinds_and_shown_in_the_readers_language() {
        let e = after(AttemptOutcome::NetworkError);
        let text = serde_json::to_string(&e).unwrap();
        assert!(
            text.contains(r#""last_error":{"kind":"offline"}"#),
            "{text}"
        );
        assert!(!text.contains("Nessuna"));
        let back: OutboxEntry = serde_json::from_str(&text).unwrap();
        assert_eq!(back, e);
        let msg = back.problem().unwrap();
        assert!(render(Lang::En, &msg).starts_with("No connection"));
        let e = after(AttemptOutcome::Unserializable);
        let back: OutboxEntry = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn entries_stored_by_older_versions_still_read_in_english() {
        let old = |last_error: &str, state: &str| {
            format!(
                r#"{{"key":"k","kind":"message","title":"t","payload":{{}},"created_at":1,"attempts":1,"next_attempt_at":2,"last_error":{last_error},{state}}}"#
            )
        };
        let read = |json: String| serde_json::from_str::<OutboxEntry>(&json).unwrap();
        let pending = r#""state":"pending""#;
        let cases = [
            (
                "Nessuna connessione: invieremo appena torna la rete.",
                Failure::Offline,
            ),
            (
                "Risposta del server non leggibile: riproveremo.",
                Failure::UnreadableReceipt,
            ),
            (
                "Il server ha risposto con l'errore 503: riproveremo.",
                Failure::ServerStatus { status: 503 },
            ),
            (
                "Servizio in manutenzione.",
                Failure::ServerSaid {
                    detail: "Servizio in manutenzione.".into(),
                },
            ),
        ];
        for (text, kind) in cases {
            let e = read(old(&format!("{text:?}"), pending));
            assert_eq!(e.last_error, Some(kind), "{text}");
            let en = render(Lang::En, &e.problem().unwrap());
            assert!(
                !en.contains("riproveremo") && !en.contains("Nessuna"),
                "{en}"
            );
        }
        assert_eq!(read(old("null", pending)).last_error, None);
        let no_field = r#"{"key":"k","kind":"message","title":"t","payload":{},"created_at":1,"attempts":0,"next_attempt_at":2,"state":"pending"}"#;
        assert_eq!(read(no_field.to_string()).last_error, None);
        // An older rejection carried the app's Italian text as its message.
        let rejected = read(old(
            "null",
            r#""state":"rejected","status":400,"message":"Dati non serializzabili.""#,
        ));
        assert_eq!(
            rejected.state,
            DeliveryState::Rejected {
                status: 400,
                message: "Dati non serializzabili.".into(),
                reason: None
            }
        );
        assert_eq!(
            rejected.problem().map(|m| m.key),
            Some("error.outbox.unserializable")
        );
    }

    #[test]
    fn every_failure_kind_reads_in_both_languages() {
        let all = [
            Failure::Offline,
            Failure::ServerStatus { status: 503 },
            Failure::ServerSaid { detail: "x".into() },
            Failure::UnreadableReceipt,
            Failure::Unserializable,
            Failure::NeedsLogin,
        ];
        for f in all {
            let msg = f.message();
            let (it, en) = (render(Lang::It, &msg), render(Lang::En, &msg));
            assert_ne!(it, msg.key, "{} missing in Italian", msg.key);
            assert_ne!(en, it, "{} is not translated into English", msg.key);
            assert!(!en.contains('{') && !it.contains('{'), "{en} / {it}");
        }
    }

    fn owned(kind: SubmissionKind, cf: &str) -> OutboxEntry {
        OutboxEntry::new("k-2".into(), kind, "t".into(), serde_json::json!({}), 0.0).with_owner(
            Some(Owner {
                codice_fiscale: cf.into(),
                name: "Giulia Bianchi".into(),
            }),
        )
    }

    #[test]
    fn an_owned_entry_is_sent_only_under_its_owners_session() {
        let e = owned(SubmissionKind::Did, "BNCGLI94C52A944G");
        assert!(e.may_send(Some("bncgli94c52a944g")));
        assert!(
            !e.may_send(Some("RSSMRC80L05F257Y")),
            "never in someone else's name"
        );
        assert!(!e.may_send(None));
        // A message made while logged in is bound to that person too.
        let m = owned(SubmissionKind::Message, "BNCGLI94C52A944G");
        assert!(!m.may_send(None));
        assert!(!m.may_send(Some("RSSMRC80L05F257Y")));
    }

    #[test]
    fn an_owned_entry_is_listed_to_its_owner_only() {
        let e = owned(SubmissionKind::Application, "BNCGLI94C52A944G");
        assert!(e.shown_to(Some("BNCGLI94C52A944G")));
        assert!(!e.shown_to(Some("RSSMRC80L05F257Y")));
        assert!(!e.shown_to(None));
        assert!(entry().shown_to(None) && entry().shown_to(Some("RSSMRC80L05F257Y")));
    }

    #[test]
    fn an_anonymous_message_goes_with_or_without_a_session() {
        let e = entry();
        assert!(e.may_send(None));
        assert!(e.may_send(Some("RSSMRC80L05F257Y")));
        let legacy_did = OutboxEntry::new(
            "k".into(),
            SubmissionKind::Did,
            "t".into(),
            serde_json::json!({}),
            0.0,
        );
        assert!(!legacy_did.may_send(None));
        assert!(legacy_did.may_send(Some("RSSMRC80L05F257Y")));
    }

    #[test]
    fn a_401_keeps_the_entry_waiting_for_a_login() {
        let mut e = owned(SubmissionKind::Did, "BNCGLI94C52A944G");
        apply_outcome(
            &mut e,
            AttemptOutcome::HttpError {
                status: 401,
                message: "Per questo servizio devi accedere con SPID o CIE.".into(),
            },
            9_000.0,
            0.5,
        );
        assert!(e.is_pending(), "a lost session loses nothing");
        assert_eq!(e.last_error, Some(Failure::NeedsLogin));
        assert!(e.is_due(9_000.0), "sent at once when the owner is back");
        assert!(render(Lang::It, &e.problem().unwrap()).contains("accedi"));
    }

    #[test]
    fn the_owner_survives_storage_and_old_entries_have_none() {
        let e = owned(SubmissionKind::Application, "BNCGLI94C52A944G");
        let back: OutboxEntry = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
        let mut old = serde_json::to_value(entry()).unwrap();
        old.as_object_mut().unwrap().remove("owner");
        let back: OutboxEntry = serde_json::from_value(old).unwrap();
        assert_eq!(back.owner, None);
    }
}
