//! The person's percorso (patto di servizio, appointments, checks) from
//! the CPI backend: `GET /me/percorso` (docs/percorso-api.md).

use super::{config, http};

/// What the backend said.
#[derive(Clone, Debug, PartialEq)]
pub enum PercorsoAnswer {
    /// The body, to be parsed and cached.
    Body(String),
    /// 401: no session.
    NeedsLogin,
    /// No answer, or a server error: the cached copy is shown.
    Unavailable,
}

pub async fn fetch_percorso() -> PercorsoAnswer {
    let url = format!("{}/me/percorso", config::api_base());
    match http::get(&url, &[("Accept", "application/json")]).await {
        Err(_) => PercorsoAnswer::Unavailable,
        Ok(r) if r.status == 200 => PercorsoAnswer::Body(r.body),
        Ok(r) if r.status == 401 => PercorsoAnswer::NeedsLogin,
        Ok(_) => PercorsoAnswer::Unavailable,
    }
}
