//! The accessibility statement (dichiarazione di accessibilità) in the
//! sections of AgID's model for public services (Legge 4/2004, AgID
//! guidelines), with the feedback mechanism: the "Scrivi al CPI" form.
//! The facts (conformity, known limits, dates) are in locale texts so the
//! deploying region can restate them; docs/accessibility.md says how.

use crate::i18n::t;
use crate::routes;
use crate::ui::page_title::use_page_title;
use leptos::prelude::*;
use leptos_router::components::A;

// The route entry point, in the `accessibility` chunk.
crate::route_chunk!(accessibility, accessibility_view => AccessibilityPage, preload = preload_accessibility);

/// The sections of AgID's model, in its order: title key, paragraph keys.
const SECTIONS: [(&str, &[&str]); 4] = [
    (
        "a11y.statement.status.title",
        &["a11y.statement.status.text"],
    ),
    (
        "a11y.statement.limits.title",
        &[
            "a11y.statement.limits.text",
            "a11y.statement.limits.translations",
        ],
    ),
    (
        "a11y.statement.method.title",
        &["a11y.statement.method.text", "a11y.statement.method.date"],
    ),
    (
        "a11y.statement.features.title",
        &["a11y.statement.features.text"],
    ),
];

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    use_page_title(t("a11y.statement.title"));
    view! {
        <section class="page accessibility-statement">
            <h1>{t("a11y.statement.title")}</h1>
            <p class="lead">{t("a11y.statement.lead")}</p>
            {SECTIONS
                .iter()
                .map(|(title, paragraphs)| view! {
                    <h2>{t(title)}</h2>
                    {paragraphs.iter().map(|p| view! { <p>{t(p)}</p> }).collect_view()}
                })
                .collect_view()}
            <h2 id="a11y-feedback">{t("a11y.statement.feedback.title")}</h2>
            <p>{t("a11y.statement.feedback.text")}</p>
            <p><A href=routes::CONTACT attr:class="btn btn-primary">{t("a11y.statement.feedback.link")}</A></p>
            <h2>{t("a11y.statement.enforcement.title")}</h2>
            <p>{t("a11y.statement.enforcement.text")}</p>
        </section>
    }
}
