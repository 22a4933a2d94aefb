//! Delivering the outbox. One delivery loop per page; the idempotency key
//! makes a repeated POST (two tabs, a lost answer) harmless on the server.

use super::{config, http};
use crate::domain::outbox::{self, AttemptOutcome, OutboxEntry, SubmissionKind};
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

/// Store a submission; it is delivered by the next flush.
pub async fn enqueue(
    kind: SubmissionKind,
    title: String,
    payload: serde_json::Value,
) -> Result<OutboxEntry, StorageError> {
    let entry = OutboxEntry::new(new_key(), kind, title, payload, js_sys::Date::now());
    outbox_store::put(&entry).await?;
    Ok(entry)
}

/// Try every due entry once. Returns true when something changed.
pub async fn flush() -> Result<bool, StorageError> {
    if FLUSHING.with(|f| f.replace(true)) {
        return Ok(false);
    }
    let result = flush_inner().await;
    FLUSHING.with(|f| f.set(false));
    result
}

/// Retry every pending entry now, ignoring its backoff (the "Riprova" button
/// and the browser's `online` event).
pub async fn retry_now() -> Result<bool, StorageError> {
    let now = js_sys::Date::now();
    for mut e in outbox_store::all().await? {
        if e.is_pending() && e.next_attempt_at > now {
            e.next_attempt_at = now;
            outbox_store::put(&e).await?;
        }
    }
    flush().await
}

async fn flush_inner() -> Result<bool, StorageError> {
    let mut changed = false;
    let now = js_sys::Date::now();
    let mut due: Vec<OutboxEntry> = outbox_store::all()
        .await?
        .into_iter()
        .filter(|e| e.is_due(now))
        .collect();
    due.sort_by(|a, b| {
        a.created_at
            .partial_cmp(&b.created_at)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for mut entry in due {
        let outcome = deliver(&entry).await;
        let offline = outcome == AttemptOutcome::NetworkError;
        outbox::apply_outcome(
            &mut entry,
            outcome,
            js_sys::Date::now(),
            js_sys::Math::random(),
        );
        outbox_store::put(&entry).await?;
        changed = true;
        if offline {
            // No point trying the others now: they would fail the same way.
            break;
        }
    }
    Ok(changed)
}

async fn deliver(entry: &OutboxEntry) -> AttemptOutcome {
    let url = format!("{}{}", config::api_base(), entry.kind.path());
    let Ok(body) = serde_json::to_string(&entry.payload) else {
        return AttemptOutcome::Unserializable;
    };
    match http::post_json(&url, &body, &[("Idempotency-Key", entry.key.as_str())]).await {
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
