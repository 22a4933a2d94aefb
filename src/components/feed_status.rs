//! What the person should know about a feed: loading, offline, errors,
//! and whether it is demo data.

use super::notice::{MessageNotice, Tone};
use crate::i18n::t;
use crate::state::{FeedData, FeedHandle};
use leptos::prelude::*;

#[component]
pub fn FeedStatus<T: FeedData>(handle: FeedHandle<T>) -> impl IntoView {
    let has_data = move || handle.data.with(|d| d.is_some());
    let demo = move || handle.is_demo();
    view! {
        <Show when=move || handle.loading.get() && !has_data()>
            <p class="loading" role="status">{t("feed.loading")}</p>
        </Show>
        {move || handle.error.get().map(|e| {
            let tone = if has_data() { Tone::Warning } else { Tone::Error };
            view! { <MessageNotice tone=tone msg=e.message()/> }
        })}
        <Show when=demo>
            <p class="demo-tag">{t("feed.demo")}</p>
        </Show>
    }
}
