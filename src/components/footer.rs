use crate::i18n::t;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Footer() -> impl IntoView {
    let unchecked = t("footer.translation_unchecked");
    view! {
        <footer class="site-footer">
            <div class="container footer-inner">
                <div>
                    <p class="footer-title">{t("app.name")}</p>
                    <p>{t("footer.about")}</p>
                    <p class="footer-demo">{t("footer.demo")}</p>
                </div>
                <nav aria-label=t("footer.nav_label")>
                    <ul class="footer-links">
                        <li><A href=routes::SERVICES>{t("nav.services")}</A></li>
                        <li><A href=routes::OFFICES>{t("nav.offices")}</A></li>
                        <li><A href=routes::MY_DATA>{t("footer.privacy")}</A></li>
                        <li><A href=routes::ACCESSIBILITY>{t("footer.accessibility")}</A></li>
                    </ul>
                </nav>
            </div>
            <div class="container footer-legal">
                <p>{t("footer.legal")}</p>
                // Said once, here, in each language no official translator has
                // checked (empty in Italian and in italiano semplice).
                {move || {
                    let note = unchecked();
                    (!note.is_empty()).then(|| view! { <p class="footer-translation">{note}</p> })
                }}
            </div>
        </footer>
    }
}
