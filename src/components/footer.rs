use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Footer() -> impl IntoView {
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
                        <li><A href="/servizi">{t("nav.services")}</A></li>
                        <li><A href="/cpi">{t("nav.offices")}</A></li>
                        <li><A href="/i-miei-dati">{t("footer.privacy")}</A></li>
                    </ul>
                </nav>
            </div>
            <div class="container footer-legal">
                <p>{t("footer.legal")}</p>
            </div>
        </footer>
    }
}
