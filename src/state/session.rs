//! Who is logged in, as the views see it. The backend holds the session
//! (an HttpOnly cookie); the app asks `GET /me` at start, when the network
//! comes back, when the page is shown again and when the session should
//! have ended by itself, and keeps the last answer on the device so an
//! offline person can go on in their name.

use crate::domain::identity::{parse_me, Identity};
use crate::domain::message::Msg;
use crate::domain::outbox::Owner;
use crate::net::http::NoAnswer;
use crate::net::identity::{self as net, MeAnswer};
use crate::storage::personal;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The session as far as the app knows.
#[derive(Clone, Debug, PartialEq)]
pub enum Session {
    /// Not asked yet.
    Checking,
    LoggedOut,
    LoggedIn(Identity),
    /// No answer from the backend: the identity last seen here, if any.
    Offline(Option<Identity>),
}

/// A re-check a little after the session would end if idle: asking earlier
/// would itself keep the session alive.
const EXPIRY_GRACE_MS: f64 = 5_000.0;
/// At most a day: a timer further away is not worth keeping.
const MAX_TIMER_MS: f64 = 86_400_000.0;

#[derive(Clone, Copy)]
pub struct SessionState {
    pub session: RwSignal<Session>,
    /// The session ended by itself (expiry seen by a check or a 401).
    pub expired: RwSignal<bool>,
    /// What went wrong last (an unreadable `/me`, a logout that failed).
    pub error: RwSignal<Option<Msg>>,
    timer: StoredValue<Option<Timeout>, LocalStorage>,
}

impl SessionState {
    pub fn new() -> Self {
        SessionState {
            session: RwSignal::new(Session::Checking),
            expired: RwSignal::new(false),
            error: RwSignal::new(None),
            timer: StoredValue::new_local(None),
        }
    }

    /// The identity to act in (tracked): logged in, or offline with the
    /// identity last seen on this device.
    pub fn identity(self) -> Option<Identity> {
        self.session.with(|s| match s {
            Session::LoggedIn(id) | Session::Offline(Some(id)) => Some(id.clone()),
            _ => None,
        })
    }

    /// The codice fiscale whose session the backend holds now (untracked):
    /// only a confirmed session sends anything.
    pub fn confirmed_cf(self) -> Option<String> {
        self.session.with_untracked(|s| match s {
            Session::LoggedIn(id) => Some(id.person.codice_fiscale.clone()),
            _ => None,
        })
    }

    /// Who a submission made now belongs to (untracked).
    pub fn owner(self) -> Option<Owner> {
        self.session.with_untracked(|s| match s {
            Session::LoggedIn(id) | Session::Offline(Some(id)) => Some(Owner {
                codice_fiscale: id.person.codice_fiscale.clone(),
                name: id.person.full_name(),
            }),
            _ => None,
        })
    }

    /// Ask the backend who is logged in; `then` runs once it is known.
    pub fn check(self, then: impl FnOnce() + 'static) {
        spawn_local(async move {
            let was_in = matches!(self.session.get_untracked(), Session::LoggedIn(_));
            // A kiosk ended a session it could not close (offline, or
            // submissions still waiting): that session is the previous
            // person's. Never shown: it delivers what they left, then ends.
            if net::logout_owed() {
                if let Ok(MeAnswer::LoggedIn(body)) = net::me().await {
                    if let Ok(previous) = parse_me(&body, crate::state::today_date()) {
                        let cf = previous.person.codice_fiscale;
                        let _ = crate::net::outbox::flush(Some(cf)).await;
                    }
                }
                if matches!(net::logout().await, Ok(204 | 401)) {
                    net::clear_owed_logout();
                } else {
                    self.logged_out(false).await;
                    then();
                    return;
                }
            }
            if !net::session_hint() {
                self.logged_out(was_in).await;
                then();
                return;
            }
            match net::me().await {
                Ok(MeAnswer::LoggedIn(body)) => match parse_me(&body, crate::state::today_date()) {
                    Ok(identity) => {
                        self.schedule_recheck(&identity.expires_at);
                        self.expired.set(false);
                        self.error.set(None);
                        self.session.set(Session::LoggedIn(identity));
                        // Best effort: only the offline case needs it.
                        let _ = personal::remember_identity(&body).await;
                    }
                    Err(e) => {
                        self.error.set(Some(e.message()));
                        self.session.set(Session::LoggedOut);
                    }
                },
                Ok(MeAnswer::LoggedOut) => self.logged_out(was_in).await,
                Ok(MeAnswer::Failed(_)) | Err(NoAnswer) => {
                    let remembered = personal::remembered_identity()
                        .await
                        .and_then(|b| parse_me(&b, crate::state::today_date()).ok());
                    self.session.set(Session::Offline(remembered));
                }
            }
            then();
        });
    }

    /// The backend said 401: the session is gone. Drafts and the outbox
    /// stay; what waits in the outbox waits for the same person.
    pub fn ended(self) {
        spawn_local(async move { self.logged_out(true).await });
    }

    async fn logged_out(self, expired: bool) {
        let was_someone = !matches!(
            self.session.get_untracked(),
            Session::LoggedOut | Session::Checking
        );
        self.timer.set_value(None);
        self.session.set(Session::LoggedOut);
        if expired && was_someone {
            self.expired.set(true);
        }
        let _ = personal::forget_identity().await;
    }

    /// Log out: the backend ends the session, the device forgets the identity.
    pub fn logout(self) {
        spawn_local(async move {
            match net::logout().await {
                Ok(204 | 401) => {
                    self.error.set(None);
                    self.expired.set(false);
                    self.logged_out(false).await;
                }
                Ok(status) => self.error.set(Some(
                    Msg::new("error.auth.logout_failed").text("status", status.to_string()),
                )),
                Err(NoAnswer) => self.error.set(Some(Msg::new("error.auth.logout_offline"))),
            }
        });
    }

    fn schedule_recheck(self, expires_at: &str) {
        let at = js_sys::Date::parse(expires_at);
        let wait = at - js_sys::Date::now() + EXPIRY_GRACE_MS;
        let timer = (at.is_finite() && wait > 0.0 && wait < MAX_TIMER_MS)
            .then(|| Timeout::new(wait as u32, move || self.check(|| ())));
        self.timer.set_value(timer);
    }
}

impl Default for SessionState {
    fn default() -> Self {
        Self::new()
    }
}
