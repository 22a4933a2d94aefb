//! The current language as a signal, and helpers that read it reactively.

use super::{lookup, lookup_with, Lang};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

pub fn provide_i18n(initial: Lang) -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(initial),
    };
    provide_context(i18n);
    // Keep <html lang/dir> in step so screen readers pronounce correctly.
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.tag());
            let _ = html.set_attribute("dir", lang.dir());
        }
    });
    i18n
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n {
        lang: RwSignal::new(Lang::It),
    })
}

/// A reactive translation, for use inside `view!`.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || lookup(i18n.lang.get(), key)
}

/// The translation right now (tracked if called inside a reactive scope).
pub fn t_now(key: &str) -> String {
    lookup(use_i18n().lang.get(), key)
}

/// A translation with `{name}` placeholders, right now.
pub fn tf(key: &str, args: &[(&str, &str)]) -> String {
    lookup_with(use_i18n().lang.get(), key, args)
}
