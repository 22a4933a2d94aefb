//! Choice lists several forms share (value, label), translated and tracked.

use crate::domain::profile::{EDUCATION_LEVELS, LICENCES};
use crate::i18n::t_now;
use leptos::prelude::*;

/// The ministerial education levels (DOMAIN.md §1.2).
pub fn education_levels() -> Signal<Vec<(String, String)>> {
    Signal::derive(|| {
        EDUCATION_LEVELS
            .iter()
            .map(|(code, key)| (code.to_string(), t_now(key)))
            .collect()
    })
}

/// The driving licence categories (art. 116 Codice della strada).
pub fn licences() -> Signal<Vec<(String, String)>> {
    Signal::derive(|| {
        LICENCES
            .iter()
            .map(|l| (l.to_string(), l.to_string()))
            .collect()
    })
}
