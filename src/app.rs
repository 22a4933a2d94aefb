//! The root component: context, routes and the background tasks (outbox
//! delivery, connectivity).

use crate::components::layout::Layout;
use crate::domain::feed::FeedKind;
use crate::i18n::{provide_i18n, Lang};
use crate::pages;
use crate::state::{AppState, FeedHandle, Lists, OutboxState, Vacancies};
use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// How often pending submissions are retried while the page is open.
const OUTBOX_TICK_MS: u32 = 5_000;

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n(initial_language());
    let window = window();
    let app = AppState {
        online: RwSignal::new(window.navigator().on_line()),
        outbox: OutboxState {
            entries: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
        },
        catalogue: FeedHandle::new(FeedKind::Catalogue),
        offices: FeedHandle::new(FeedKind::Offices),
        comuni: FeedHandle::new(FeedKind::Comuni),
        belfiore: FeedHandle::new(FeedKind::Belfiore),
        comuni_index: RwSignal::new(None),
        vacancies: Vacancies::new(),
        lists: Lists::new(),
    };
    provide_context(app);

    // The stored language wins over the browser's once it is read.
    spawn_local(async move {
        if let Some(lang) = crate::state::stored_language().await {
            i18n.lang.set(lang);
        }
    });

    start_background_tasks(app);

    view! {
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFoundPage>
                    <Route path=path!("") view=pages::home::HomePage/>
                    <Route path=path!("scrivi-al-cpi") view=pages::contact::ContactPage/>
                    <Route path=path!("le-mie-richieste") view=pages::outbox::OutboxPage/>
                    <Route path=path!("i-miei-dati") view=pages::my_data::MyDataPage/>
                    <Route path=path!("servizi") view=pages::catalogue::CataloguePage/>
                    <Route path=path!("servizi/:id") view=pages::catalogue::ServicePage/>
                    <Route path=path!("cpi") view=pages::catalogue::OfficesPage/>
                    <Route path=path!("did") view=pages::did::DidPage/>
                    <Route path=path!("did/ricevuta/:key") view=pages::did::DidReceiptPage/>
                    // Static segments first: the first matching route wins.
                    <Route path=path!("offerte") view=pages::vacancies::VacancySearchPage/>
                    <Route path=path!("offerte/salvate") view=pages::vacancies::SavedSearchesPage/>
                    <Route path=path!("offerte/preferite") view=pages::vacancies::FavouritesPage/>
                    <Route path=path!("offerte/:id") view=pages::vacancies::VacancyDetailPage/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Italian unless the browser prefers a language we have.
fn initial_language() -> Lang {
    window()
        .navigator()
        .language()
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or(Lang::It)
}

fn start_background_tasks(app: AppState) {
    app.outbox.flush();
    let window = window();
    let on_online = EventListener::new(&window, "online", move |_| {
        app.online.set(true);
        app.outbox.retry_now();
    });
    let on_offline = EventListener::new(&window, "offline", move |_| app.online.set(false));
    let tick = Interval::new(OUTBOX_TICK_MS, move || {
        if app.outbox.pending_count() > 0 {
            app.outbox.flush();
        }
    });
    // Owned by the root component: removed if the app is ever unmounted.
    StoredValue::new_local((on_online, on_offline, tick));
}
