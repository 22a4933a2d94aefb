//! The submission status read from the server, its labels and its
//! timeline.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusEvent {
    pub status: String,
    pub at: String,
    pub note: Option<String>,
}

/// `GET /api/v1/submissions/<id>`, without the payload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubmissionStatus {
    pub id: String,
    pub kind: String,
    pub status: String,
    pub received_at: String,
    pub history: Vec<StatusEvent>,
}

/// The last status read from the server, kept on the device.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CachedStatus {
    pub status: SubmissionStatus,
    /// Milliseconds since the epoch.
    pub fetched_at: f64,
}

/// Parse the status answer; `None` when it is not one.
pub fn parse_status(body: &str) -> Option<SubmissionStatus> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    let id = v.get("id")?.as_str()?.to_string();
    let status = v.get("status")?.as_str()?.to_string();
    let s = |k: &str| {
        v.get(k)
            .and_then(|x| x.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let history = v
        .get("history")
        .and_then(|h| h.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|e| {
                    Some(StatusEvent {
                        status: e.get("status")?.as_str()?.to_string(),
                        at: e
                            .get("at")
                            .and_then(|x| x.as_str())
                            .unwrap_or_default()
                            .to_string(),
                        note: e.get("note").and_then(|x| x.as_str()).map(str::to_string),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(SubmissionStatus {
        id,
        kind: s("kind"),
        status,
        received_at: s("received_at"),
        history,
    })
}

/// Translation key of a DID status label.
pub fn status_key(status: &str) -> &'static str {
    match status {
        "received" => "did.status.received",
        "inserita" => "did.status.inserita",
        "convalidata" => "did.status.convalidata",
        "sospesa" => "did.status.sospesa",
        "revocata" => "did.status.revocata",
        _ => "did.status.other",
    }
}

/// Translation key of what the status means for the person, in plain words.
pub fn status_explain_key(status: &str) -> &'static str {
    match status {
        "received" | "inserita" => "did.status.inserita_explain",
        "convalidata" => "did.status.convalidata_explain",
        "sospesa" => "did.status.sospesa_explain",
        "revocata" => "did.status.revocata_explain",
        _ => "did.status.other_explain",
    }
}

/// Whether the contact deadline still matters in this status (not after a
/// convalida or a revoca).
pub fn deadline_applies(status: Option<&str>) -> bool {
    !matches!(status, Some("convalidata" | "revocata"))
}

/// One line of the timeline: the status, when, the CPI's note; `current`
/// marks the last.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineItem {
    pub status: String,
    pub label_key: &'static str,
    pub at: String,
    pub note: Option<String>,
    pub current: bool,
}

/// The events of a status, oldest first. The technical "received" step is
/// folded into "inserita" when both are there.
pub fn timeline(s: &SubmissionStatus) -> Vec<TimelineItem> {
    let has_inserita = s.history.iter().any(|e| e.status == "inserita");
    let events: Vec<&StatusEvent> = s
        .history
        .iter()
        .filter(|e| !(has_inserita && e.status == "received"))
        .collect();
    let n = events.len();
    events
        .into_iter()
        .enumerate()
        .map(|(i, e)| TimelineItem {
            status: e.status.clone(),
            label_key: status_key(&e.status),
            at: e.at.clone(),
            note: e.note.clone().filter(|n| !n.trim().is_empty()),
            current: i + 1 == n,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_parsing_and_timeline() {
        let body = r#"{"id":"DID-2026-000001","kind":"did","status":"convalidata","received_at":"2026-11-23T10:00:00.000Z",
          "history":[{"status":"received","at":"2026-11-23T10:00:00.000Z","note":"Ricevuta."},
                     {"status":"inserita","at":"2026-11-23T10:00:00.000Z","note":"Inserita."},
                     {"status":"convalidata","at":"2026-11-24T09:00:00.000Z","note":null}],
          "payload":{"codice_fiscale":"X"}}"#;
        let s = parse_status(body).unwrap();
        assert_eq!(s.status, "convalidata");
        let t = timeline(&s);
        assert_eq!(
            t.iter().map(|i| i.status.as_str()).collect::<Vec<_>>(),
            vec!["inserita", "convalidata"]
        );
        assert!(t[1].current && !t[0].current);
        assert_eq!(t[1].note, None);
        assert_eq!(status_key("sospesa"), "did.status.sospesa");
        assert_eq!(status_key("boh"), "did.status.other");
        assert!(!deadline_applies(Some("convalidata")));
        assert!(deadline_applies(Some("inserita")));
        assert!(parse_status("<html>").is_none());
        assert!(parse_status(r#"{"id":"x"}"#).is_none());
        let cached = CachedStatus {
            status: s.clone(),
            fetched_at: 1.0,
        };
        let back: CachedStatus =
            serde_json::from_str(&serde_json::to_string(&cached).unwrap()).unwrap();
        assert_eq!(back, cached);
    }
}
