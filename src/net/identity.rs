//! The session with the CPI backend (docs/api.md "Identity and sessions"):
//! who is logged in, where a login starts, logging out. The session itself
//! is an HttpOnly cookie the app never reads.

use super::{config, http};
use crate::domain::identity::{self, Provider};

/// The backend's "a session may exist" cookie (`sl_logged_in`, readable
/// and secret-free; docs/api.md). Without it nobody is logged in, and the
/// app does not ask: an anonymous visit makes no request bound to fail.
pub fn session_hint() -> bool {
    use wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.cookie().ok())
        .is_some_and(|c| {
            c.split(';').any(|pair| {
                pair.trim()
                    .strip_prefix("sl_logged_in=")
                    .is_some_and(|v| !v.is_empty())
            })
        })
}

/// What `GET /me` said.
#[derive(Clone, Debug, PartialEq)]
pub enum MeAnswer {
    /// 200: the body, for `domain::identity::parse_me`.
    LoggedIn(String),
    /// 401: no session, or it ended.
    LoggedOut,
    /// Any other status.
    Failed(u16),
}

pub async fn me() -> Result<MeAnswer, http::NoAnswer> {
    let resp = http::get(&format!("{}/me", config::api_base()), &[]).await?;
    Ok(match resp.status {
        200 => MeAnswer::LoggedIn(resp.body),
        401 => MeAnswer::LoggedOut,
        status => MeAnswer::Failed(status),
    })
}

/// End the session on the backend. `Ok(status)`: 204 (or 401, nothing to end) is done.
pub async fn logout() -> Result<u16, http::NoAnswer> {
    let resp = http::post_json(
        &format!("{}/auth/logout", config::api_base()),
        "{}",
        &[],
        true,
    )
    .await?;
    Ok(resp.status)
}

/// A kiosk could not end the backend's session (offline): the web storage
/// key that says the next start must, before anything else. Not personal.
const LOGOUT_OWED: &str = "sportello:kiosk-logout-owed";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn owe_logout() {
    if let Some(s) = local_storage() {
        let _ = s.set_item(LOGOUT_OWED, "1");
    }
}

pub fn logout_owed() -> bool {
    local_storage().is_some_and(|s| s.get_item(LOGOUT_OWED).ok().flatten().is_some())
}

/// The owed logout happened, or a new login replaces that session anyway.
pub fn clear_owed_logout() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(LOGOUT_OWED);
    }
}

/// The backend's login page, returning to `return_to` (a path of this app).
pub fn login_url(return_to: &str, provider: Option<Provider>) -> String {
    identity::login_url(&config::api_base(), return_to, provider)
}
