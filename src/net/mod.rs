//! The network: feeds and submissions. Views call these functions and never
//! touch `fetch` themselves.

pub mod chunk;
pub mod code_lists;
pub mod config;
pub mod feeds;
pub mod http;
pub mod identity;
pub mod locales;
pub mod outbox;
pub mod percorso;
pub mod profiling;
pub mod revalidate;
pub mod service_worker;
pub mod status;

/// `work`'s result if it finishes within `ms`, else `None` (it goes on in
/// the background; its result is dropped).
pub async fn within<T: 'static>(
    ms: u32,
    work: impl std::future::Future<Output = T> + 'static,
) -> Option<T> {
    use std::cell::RefCell;
    use std::rc::Rc;
    const POLL_MS: u32 = 100;
    let slot = Rc::new(RefCell::new(None));
    let filled = Rc::clone(&slot);
    wasm_bindgen_futures::spawn_local(async move {
        let value = work.await;
        *filled.borrow_mut() = Some(value);
    });
    let mut waited = 0;
    loop {
        if let Some(value) = slot.borrow_mut().take() {
            return Some(value);
        }
        if waited >= ms {
            return None;
        }
        gloo_timers::future::TimeoutFuture::new(POLL_MS).await;
        waited += POLL_MS;
    }
}
