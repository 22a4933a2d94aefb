//! A small `fetch` wrapper: text bodies, a timeout, and errors as values.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCache, RequestInit, Response};

#[derive(Clone, Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// No answer from the server: offline, refused, or timed out.
#[derive(Clone, Debug, PartialEq)]
pub struct NoAnswer;

const TIMEOUT_MS: i32 = 20_000;

pub async fn get(url: &str, headers: &[(&str, &str)]) -> Result<HttpResponse, NoAnswer> {
    let resp = send("GET", url, headers, None).await?;
    read_text(resp).await
}

/// A response with a binary body (an empty body for 304 and errors).
#[derive(Clone, Debug)]
pub struct BytesResponse {
    pub status: u16,
    pub body: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// GET a binary resource (the prebuilt search index).
pub async fn get_bytes(url: &str, headers: &[(&str, &str)]) -> Result<BytesResponse, NoAnswer> {
    let resp = send("GET", url, headers, None).await?;
    let (etag, last_modified) = validators(&resp);
    let status = resp.status();
    let body = if status == 200 {
        let buffer = JsFuture::from(resp.array_buffer().map_err(|_| NoAnswer)?)
            .await
            .map_err(|_| NoAnswer)?;
        js_sys::Uint8Array::new(&buffer).to_vec()
    } else {
        Vec::new()
    };
    Ok(BytesResponse {
        status,
        body,
        etag,
        last_modified,
    })
}

pub async fn post_json(
    url: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> Result<HttpResponse, NoAnswer> {
    let mut all = vec![("Content-Type", "application/json")];
    all.extend_from_slice(headers);
    let resp = send("POST", url, &all, Some(body)).await?;
    read_text(resp).await
}

fn validators(resp: &Response) -> (Option<String>, Option<String>) {
    let headers = resp.headers();
    (
        headers.get("ETag").ok().flatten(),
        headers.get("Last-Modified").ok().flatten(),
    )
}

async fn read_text(resp: Response) -> Result<HttpResponse, NoAnswer> {
    let text_promise: Promise = resp.text().map_err(|_| NoAnswer)?;
    let body = JsFuture::from(text_promise)
        .await
        .map_err(|_| NoAnswer)?
        .as_string()
        .unwrap_or_default();
    let (etag, last_modified) = validators(&resp);
    Ok(HttpResponse {
        status: resp.status(),
        body,
        etag,
        last_modified,
    })
}

async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Response, NoAnswer> {
    let window = web_sys::window().ok_or(NoAnswer)?;
    let init = RequestInit::new();
    init.set_method(method);
    // Validators are handled by the app (feed cache), not the HTTP cache.
    init.set_cache(RequestCache::NoStore);
    let h = Headers::new().map_err(|_| NoAnswer)?;
    for (k, v) in headers {
        h.set(k, v).map_err(|_| NoAnswer)?;
    }
    init.set_headers(&h);
    if let Some(b) = body {
        init.set_body(&JsValue::from_str(b));
    }
    let controller = AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
        let c = c.clone();
        let abort = wasm_bindgen::closure::Closure::once_into_js(move || c.abort());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.unchecked_ref(),
            TIMEOUT_MS,
        );
    }
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| NoAnswer)?;
    JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| NoAnswer)?
        .dyn_into()
        .map_err(|_| NoAnswer)
}
