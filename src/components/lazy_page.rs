//! A route whose code is a separate wasm chunk (docs/architecture.md, "Code
//! split by route"). Each feature declares its entry points with
//! [`route_chunk!`]; the route shows a short loading line while the chunk
//! arrives, and if it cannot arrive (offline before the first visit, or a new
//! version deployed in the middle of a visit) a message with a retry instead
//! of a dead page: the load is `fallible`, so no panic crosses the boundary.

use crate::components::notice::{Notice, Tone};
use crate::i18n::t;
use crate::net::chunk::ChunkLoadFailed;
use crate::net::locales;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;

/// Declares a route's entry point in a feature chunk:
/// `route_chunk!(vacancies, search_view => VacancySearchPage, preload = preload_search);`
/// makes `async fn search_view() -> Result<AnyView, ChunkLoadFailed>`, whose
/// body (the page and everything only it reaches) lives in the chunk
/// `vacancies`, and `async fn preload_search() -> Result<(), _>`, which only
/// fetches the chunk: a page whose next step is in another chunk fetches it
/// early, so that step opens even if the connection drops meanwhile (the
/// DID's summary fetches the receipt's). The service worker precaches every
/// chunk anyway; this is for browsers without one.
///
/// Only with the `split` feature (the release build turns it on in
/// index.html): without it, as in the wasm-bindgen tests, the same functions
/// run the page directly and the preload does nothing.
#[macro_export]
macro_rules! route_chunk {
    ($chunk:ident, $entry:ident => $page:ident, preload = $preload:ident) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        pub fn $entry(
        ) -> ::core::result::Result<::leptos::prelude::AnyView, $crate::net::chunk::ChunkLoadFailed>
        {
            ::core::result::Result::Ok(::leptos::prelude::IntoAny::into_any($page()))
        }

        #[cfg(not(feature = "split"))]
        pub async fn $entry(
        ) -> ::core::result::Result<::leptos::prelude::AnyView, $crate::net::chunk::ChunkLoadFailed>
        {
            ::core::result::Result::Ok(::leptos::prelude::IntoAny::into_any($page()))
        }

        #[cfg(not(feature = "split"))]
        pub async fn $preload() -> ::core::result::Result<(), ::leptos::wasm_split::SplitLoaderError> {
            ::core::result::Result::Ok(())
        }
    };
}

/// What a route shows of itself while its chunk loads: the title and lead
/// that its page renders first (locale keys), so the page arrives under
/// them without moving, and the static shell of `index.html` can show the
/// same two lines before the app starts (`tools/build/shell.mjs`). Pages
/// whose title depends on their data (an offer, a service) have none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageHead {
    pub title: &'static str,
    pub lead: &'static str,
}

impl PageHead {
    pub const fn new(title: &'static str, lead: &'static str) -> Self {
        Self { title, lead }
    }
}

/// The page of a route chunk:
/// `view=|| lazy_page(pages::did::did_view, Some(PageHead::new("did.title", "did.lead")))`.
pub fn lazy_page<Fut>(load: fn() -> Fut, head: Option<PageHead>) -> impl IntoView
where
    Fut: Future<Output = Result<AnyView, ChunkLoadFailed>> + 'static,
{
    // Bumped by "Riprova": the closure runs again and so does the load (a
    // failed load is not remembered).
    let attempt = RwSignal::new(0u32);
    let lang = crate::i18n::use_i18n().lang;
    view! {
        <Suspense fallback=move || view! { <ChunkLoading head=head/> }>
            {move || {
                attempt.track();
                // The pages' texts (tools/build/locales.mjs) and the page's
                // code, fetched together; the page shows when both are here.
                let lang = lang.get_untracked();
                leptos::task::spawn_local(locales::load_for_pages(lang));
                // The wasm_split future is not Send; the page stays on this thread.
                Suspend::new(SendWrapper::new(async move {
                    let page = load().await;
                    locales::load_for_pages(lang).await;
                    match page {
                        Ok(page) => page,
                        Err(ChunkLoadFailed) => {
                            view! { <ChunkFailed retry=move || attempt.update(|n| *n += 1)/> }
                                .into_any()
                        }
                    }
                }))
            }}
        </Suspense>
    }
}

/// A part of the app that is a chunk but not a page (the kiosk's idle watch
/// and dialogs): nothing shows while it loads, and a failed load is tried
/// again after a while instead of showing an error.
pub fn lazy_part<Fut>(load: fn() -> Fut) -> impl IntoView
where
    Fut: Future<Output = Result<AnyView, ChunkLoadFailed>> + 'static,
{
    const RETRY_MS: u32 = 5_000;
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                attempt.track();
                Suspend::new(SendWrapper::new(async move {
                    match load().await {
                        Ok(part) => part,
                        Err(ChunkLoadFailed) => {
                            set_timeout(
                                move || attempt.update(|n| *n += 1),
                                std::time::Duration::from_millis(u64::from(RETRY_MS)),
                            );
                            ().into_any()
                        }
                    }
                }))
            }}
        </Suspense>
    }
}

#[component]
fn ChunkLoading(head: Option<PageHead>) -> impl IntoView {
    let line = view! { <p class="chunk-loading" role="status" aria-live="polite">{t("chunk.loading")}</p> };
    match head {
        Some(head) => view! {
            <section class="page">
                <h1>{t(head.title)}</h1>
                <p class="lead">{t(head.lead)}</p>
                {line}
            </section>
        }
        .into_any(),
        None => line.into_any(),
    }
}

#[component]
fn ChunkFailed(retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let reload = move |_| {
        let _ = window().location().reload();
    };
    view! {
        <section class="page chunk-failed">
            <h1>{t("chunk.failed.title")}</h1>
            <Notice tone=Tone::Error>
                <p>{t("chunk.failed.text")}</p>
            </Notice>
            <p class="actions">
                <button type="button" class="btn btn-primary" on:click=move |_| retry()>
                    {t("chunk.failed.retry")}
                </button>
                " "
                <button type="button" class="btn btn-outline-primary" on:click=reload>
                    {t("chunk.failed.reload")}
                </button>
            </p>
        </section>
    }
}
