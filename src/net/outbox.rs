//! Delivering the outbox. One delivery loop per page; the idempotency key
//! makes a repeated POST (two tabs, a lost answer) harmless on the server.

use super::{config, http};
use crate::domain::outbox::{self, AttemptOutcome, OutboxEntry, Owner, SubmissionKind};
use crate::storage::{outbox_store, StorageError};
use std::cell::Cell;

thread_local! {
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
}

/// A fresh idempotency key (UUID v4 from the browser's CSPRNG).
pub fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| {
            format!(
                "k-{}-{}",
                js_sys::Date::now() as u64,
                (js_sys::Math::random() * 1e12) as u64
            )
        })
}

/// Store a submission; it is delivered by the next flush. `owner`: the
/// person logged in, whose session alone may send it.
pub async fn enqueue(
    kind: SubmissionKind,
    title: String,
    payload: serde_json::Value,
    owner: Option<Owner>,
) -> Result<OutboxEntry, StorageError> {
    enqueue_with_key(new_key(), kind, title, payload, owner).await
}

/// `enqueue` with a key chosen beforehand (a record kept on the device
/// names its submission by it).
pub async fn enqueue_with_key(
    key: String,
    kind: SubmissionKind,
    title: String,
    payload: serde_json::Value,
    owner: Option<Owner>,
) -> Result<OutboxEntry, StorageError> {
    let entry = OutboxEntry::new(key, kind, title, payload, js_sys::Date::now()).with_owner(owner);
    outbox_store::put(&entry).await?;
    Ok(entry)
}

/// Does anything still wait for a person's session (made while logged in)?
pub async fn waiting_for_a_session() -> bool {
    outbox_store::all()
        .await
        .map(|all| all.iter().any(|e| e.is_pending() && e.owner.is_some()))
        .unwrap_or(false)
}

/// What a flush did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flushed {
    /// Something was stored: re-read the list.
    pub changed: bool,
    /// The backend answered 401: the session is gone.
    pub session_ended: bool,
}

/// Try once every due entry that `session` (the codice fiscale logged in,
/// if any) may send.
pub async fn flush(session: Option<String>) -> Result<Flushed, StorageError> {
    if FLUSHING.with(|f| f.replace(true)) {
        return Ok(Flushed::default());
    }
    let result = flush_inner(session.as_deref()).await;
    FLUSHING.with(|f| f.set(false));
    result
}

/// Retry every pending entry now, ignoring its backoff (the "Riprova" button
/// and the browser's `online` event).
pub async fn retry_now(session: Option<String>) -> Result<Flushed, StorageError> {
    let now = js_sys::Date::now();
    for mut e in outbox_store::all().await? {
        if e.is_pending() && e.next_attempt_at > now {
            e.next_attempt_at = now;
            outbox_store::put(&e).await?;
        }
    }
    flush(session).await
}

async fn flush_inner(session: Option<&str>) -> Result<Flushed, StorageError> {
    let mut report = Flushed::default();
    let now = js_sys::Date::now();
    let mut due: Vec<OutboxEntry> = outbox_store::all()
        .await?
        .into_iter()
        .filter(|e| e.is_due(now) && e.may_send(session))
        .collect();
    due.sort_by(|a, b| {
        a.created_at
            .partial_cmp(&b.created_at)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for mut entry in due {
        let outcome = deliver(&entry).await;
        let offline = outcome == AttemptOutcome::NetworkError;
        let ended = matches!(outcome, AttemptOutcome::HttpError { status: 401, .. });
        outbox::apply_outcome(
            &mut entry,
            outcome,
            js_sys::Date::now(),
            js_sys::Math::random(),
        );
        if entry.keep_after_attempt() {
            outbox_store::put(&entry).await?;
        } else {
            outbox_store::remove(&entry.key).await?;
        }
        report.changed = true;
        if ended {
            // The others in a person's name would meet the same 401.
            report.session_ended = true;
            break;
        }
        if offline {
            // No point trying the others now: they would fail the same way.
            break;
        }
    }
    Ok(report)
}

async fn deliver(entry: &OutboxEntry) -> AttemptOutcome {
    let url = format!("{}{}", config::api_base(), entry.kind.path());
    let Ok(body) = serde_json::to_string(&entry.payload) else {
        return AttemptOutcome::Unserializable;
    };
    let key = [("Idempotency-Key", entry.key.as_str())];
    match http::post_json(&url, &body, &key, entry.sent_with_session()).await {
        Err(_) => AttemptOutcome::NetworkError,
        Ok(resp) if (200..300).contains(&resp.status) => match outbox::parse_receipt(&resp.body) {
            Some(r) => AttemptOutcome::Accepted(r),
            None => AttemptOutcome::UnreadableReceipt,
        },
        Ok(resp) => AttemptOutcome::HttpError {
            status: resp.status,
            message: outbox::problem_message(&resp.body),
        },
    }
}
