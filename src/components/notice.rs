//! Callouts: information, success, warning and error messages.

use crate::domain::message::Msg;
use crate::i18n::tm;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Error,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Info => "notice notice-info",
            Tone::Success => "notice notice-success",
            Tone::Warning => "notice notice-warning",
            Tone::Error => "notice notice-error",
        }
    }

    /// Errors are read at once; the rest politely.
    pub fn role(self) -> &'static str {
        match self {
            Tone::Error => "alert",
            _ => "status",
        }
    }
}

/// A notice. The role follows the tone (`alert` for errors, `status`
/// otherwise) unless `live` is false: for a notice inside a region that is
/// already live, or one whose text is there from the start.
#[component]
pub fn Notice(
    tone: Tone,
    /// Extra classes after the tone's (e.g. "apply-receipt").
    #[prop(optional)]
    class: &'static str,
    #[prop(default = true)] live: bool,
    /// `data-state`, for a notice that stands for a state (pending, delivered…).
    #[prop(optional)]
    state: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() {
        tone.class().to_string()
    } else {
        format!("{} {class}", tone.class())
    };
    view! { <div class=class role=live.then(|| tone.role()) data-state=state>{children()}</div> }
}

/// A notice holding one domain message (an error kind's `Msg`), rendered in
/// the reader's language and re-rendered when the language changes.
#[component]
pub fn MessageNotice(tone: Tone, msg: Msg) -> impl IntoView {
    view! { <Notice tone=tone><p>{move || tm(&msg)}</p></Notice> }
}
