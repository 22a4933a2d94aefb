//! The root component: context, routes and the background tasks (outbox
//! delivery, connectivity).

use crate::components::layout::Layout;
use crate::components::lazy_page::{lazy_page, lazy_part, PageHead};
use crate::domain::feed::FeedKind;
use crate::i18n::{provide_i18n, Lang};
use crate::pages;
use crate::routes::segment as seg;
use crate::state::{AppState, FeedHandle, Lists, OutboxState, SessionState, Vacancies};
use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment};

/// How often pending submissions are retried while the page is open.
const OUTBOX_TICK_MS: u32 = 5_000;

/// `lang` is the language the app starts in, its texts already loaded
/// (`state::start_language`).
#[component]
pub fn App(lang: Lang) -> impl IntoView {
    provide_i18n(lang);
    let window = window();
    let session = SessionState::new();
    let comuni = FeedHandle::new(FeedKind::Comuni);
    let app = AppState {
        online: RwSignal::new(window.navigator().on_line()),
        outbox: OutboxState {
            entries: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            sealed_waiting: RwSignal::new(0),
            session,
        },
        session,
        catalogue: FeedHandle::new(FeedKind::Catalogue),
        offices: FeedHandle::new(FeedKind::Offices),
        avvisi: FeedHandle::new(FeedKind::Avvisi),
        graduatorie: FeedHandle::new(FeedKind::Graduatorie),
        comuni,
        belfiore: FeedHandle::new(FeedKind::Belfiore),
        vacancies: Vacancies::new(comuni),
        lists: Lists::new(),
        update_ready: RwSignal::new(false),
        kiosk: crate::state::KioskState::from_config(),
    };
    provide_context(app);

    start_background_tasks(app);

    view! {
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFoundPage>
                    // Paths from `routes::segment`, the same the links use.
                    <Route path=() view=pages::home::HomePage/>
                    // Every feature but the home page and the outbox is its own
                    // wasm chunk, loaded on the first visit to one of its routes.
                    <Route path=(StaticSegment(seg::CONTACT),) view=|| lazy_page(pages::contact::contact_view, Some(PageHead::new("contact.title", "contact.lead")))/>
                    <Route path=(StaticSegment(seg::OUTBOX),) view=pages::outbox::OutboxPage/>
                    <Route path=(StaticSegment(seg::ACCESSIBILITY),) view=|| lazy_page(pages::accessibility::accessibility_view, Some(PageHead::new("a11y.statement.title", "a11y.statement.lead")))/>
                    <Route path=(StaticSegment(seg::MY_DATA),) view=|| lazy_page(pages::my_data::my_data_view, Some(PageHead::new("mydata.title", "mydata.lead")))/>
                    <Route path=(StaticSegment(seg::PROFILE),) view=|| lazy_page(pages::profile::profile_view, Some(PageHead::new("profile.title", "profile.lead")))/>
                    <Route path=(StaticSegment(seg::PROFILE), StaticSegment(seg::CV)) view=|| lazy_page(pages::profile::cv_view, None)/>
                    <Route path=(StaticSegment(seg::SERVICES),) view=|| lazy_page(pages::catalogue::catalogue_view, Some(PageHead::new("catalogue.title", "catalogue.lead")))/>
                    <Route path=(StaticSegment(seg::SERVICES_FOR_YOU),) view=|| lazy_page(pages::services_for_you::services_for_you_view, Some(PageHead::new("q.title", "q.lead")))/>
                    <Route path=(StaticSegment(seg::SERVICES), ParamSegment(seg::ID)) view=|| lazy_page(pages::catalogue::service_view, None)/>
                    <Route path=(StaticSegment(seg::PERCORSO),) view=|| lazy_page(pages::percorso::percorso_view, Some(PageHead::new("percorso.title", "percorso.lead")))/>
                    <Route path=(StaticSegment(seg::AVVISI),) view=|| lazy_page(pages::avvisi::list_view, Some(PageHead::new("avvisi.title", "avvisi.lead")))/>
                    <Route path=(StaticSegment(seg::AVVISI), ParamSegment(seg::ID)) view=|| lazy_page(pages::avvisi::detail_view, None)/>
                    <Route path=(StaticSegment(seg::OFFICES),) view=|| lazy_page(pages::catalogue::offices_view, Some(PageHead::new("offices.title", "offices.lead")))/>
                    <Route path=(StaticSegment(seg::DID),) view=|| lazy_page(pages::did::did_view, Some(PageHead::new("did.title", "did.lead")))/>
                    <Route path=(StaticSegment(seg::DID), StaticSegment(seg::DID_RECEIPT), ParamSegment(seg::KEY)) view=|| lazy_page(pages::did::receipt_view, None)/>
                    // Static segments first: the first matching route wins.
                    <Route path=(StaticSegment(seg::VACANCIES),) view=|| lazy_page(pages::vacancies::search_view, Some(PageHead::new("vacancies.title", "vacancies.lead")))/>
                    <Route path=(StaticSegment(seg::VACANCIES), StaticSegment(seg::SAVED_SEARCHES)) view=|| lazy_page(pages::vacancies::saved_searches_view, Some(PageHead::new("vacancies.saved.title", "vacancies.saved.lead")))/>
                    <Route path=(StaticSegment(seg::VACANCIES), StaticSegment(seg::FOR_YOU)) view=|| lazy_page(pages::vacancies::for_you_view, Some(PageHead::new("vacancies.for_you.title", "vacancies.for_you.lead")))/>
                    <Route path=(StaticSegment(seg::VACANCIES), StaticSegment(seg::FAVOURITES)) view=|| lazy_page(pages::vacancies::favourites_view, Some(PageHead::new("vacancies.fav.title", "vacancies.fav.lead")))/>
                    <Route path=(StaticSegment(seg::VACANCIES), ParamSegment(seg::ID)) view=|| lazy_page(pages::vacancies::detail_view, None)/>
                </Routes>
            </Layout>
            // Kiosk mode's idle watch and dialogs: their own chunk, only on a kiosk.
            {app.kiosk.enabled().then(|| lazy_part(pages::kiosk::kiosk_view))}
        </Router>
    }
}

fn start_background_tasks(app: AppState) {
    // Anonymous messages go at once; what waits for a person, once the
    // session is known.
    app.outbox.flush();
    app.session.check(move || app.outbox.flush());
    crate::net::service_worker::register(move || app.update_ready.set(true));
    let window = window();
    let on_online = EventListener::new(&window, "online", move |_| {
        app.online.set(true);
        app.session.check(move || app.outbox.retry_now());
    });
    // Back to a page left open: the session may have ended meanwhile.
    let on_visible = window.document().map(|document| {
        EventListener::new(&document, "visibilitychange", move |_| {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
            if visible {
                app.session.check(|| ());
                crate::net::service_worker::check_for_update();
            }
        })
    });
    let on_offline = EventListener::new(&window, "offline", move |_| app.online.set(false));
    // Every tick reads the stored outbox, not the signal: another tab of
    // the app may have stored an entry and closed before it could send it.
    let tick = Interval::new(OUTBOX_TICK_MS, move || app.outbox.flush());
    // Owned by the root component: removed if the app is ever unmounted.
    StoredValue::new_local((on_online, on_offline, on_visible, tick));
}
