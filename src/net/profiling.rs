//! The official profiling index the CPI computed (`GET /me/profiling`).

use super::{config, http};
use crate::domain::profiling_index::{parse_index, ProfilingIndex};

/// What the backend said.
#[derive(Clone, Debug, PartialEq)]
pub enum IndexAnswer {
    Computed(ProfilingIndex),
    /// 404, or an answer that is not an index: not available yet.
    NotYet,
    /// 401: no session.
    NeedsLogin,
    /// No answer, or a server error.
    Unavailable,
}

pub async fn fetch_index() -> IndexAnswer {
    let url = format!("{}/me/profiling", config::api_base());
    match http::get(&url, &[("Accept", "application/json")]).await {
        Err(_) => IndexAnswer::Unavailable,
        Ok(r) if r.status == 200 => parse_index(&r.body)
            .map(IndexAnswer::Computed)
            .unwrap_or(IndexAnswer::NotYet),
        Ok(r) if r.status == 404 => IndexAnswer::NotYet,
        Ok(r) if r.status == 401 => IndexAnswer::NeedsLogin,
        Ok(_) => IndexAnswer::Unavailable,
    }
}
