//! The app's HTTP client, on `gloo-net`: text or binary bodies, a timeout,
//! and "no answer" as a value. Validators are handled by the app (the feed
//! cache), so the browser's HTTP cache is bypassed.

use gloo_net::http::{Method, RequestBuilder, Response};
use gloo_timers::callback::Timeout;
use web_sys::{AbortController, RequestCache, RequestCredentials};

#[derive(Clone, Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response with a binary body (an empty body for 304 and errors).
#[derive(Clone, Debug)]
pub struct BytesResponse {
    pub status: u16,
    pub body: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// No answer from the server: offline, refused, or timed out.
#[derive(Clone, Debug, PartialEq)]
pub struct NoAnswer;

const TIMEOUT_MS: u32 = 20_000;

pub async fn get(url: &str, headers: &[(&str, &str)]) -> Result<HttpResponse, NoAnswer> {
    let (resp, _timeout) = send_get(url, headers).await?;
    read_text(resp).await
}

/// GET a binary resource (the prebuilt search index).
pub async fn get_bytes(url: &str, headers: &[(&str, &str)]) -> Result<BytesResponse, NoAnswer> {
    let (resp, _timeout) = send_get(url, headers).await?;
    let (etag, last_modified) = validators(&resp);
    let status = resp.status();
    let body = if status == 200 {
        resp.binary().await.map_err(|_| NoAnswer)?
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

/// POST a JSON body. `with_session`: send the session cookie (a request in
/// the person's name); without it the request is anonymous whoever is
/// logged in now.
pub async fn post_json(
    url: &str,
    body: &str,
    headers: &[(&str, &str)],
    with_session: bool,
) -> Result<HttpResponse, NoAnswer> {
    // The custom header is the CSRF defence the backend checks (docs/api.md):
    // a form on another site cannot send it.
    let mut all = vec![
        ("Content-Type", "application/json"),
        ("X-Requested-With", "SportelloLavoro"),
    ];
    all.extend_from_slice(headers);
    let credentials = if with_session {
        RequestCredentials::SameOrigin
    } else {
        RequestCredentials::Omit
    };
    let (resp, _timeout) = send(Method::POST, url, &all, Some(body), credentials).await?;
    read_text(resp).await
}

fn validators(resp: &Response) -> (Option<String>, Option<String>) {
    let headers = resp.headers();
    (headers.get("ETag"), headers.get("Last-Modified"))
}

async fn read_text(resp: Response) -> Result<HttpResponse, NoAnswer> {
    let body = resp.text().await.map_err(|_| NoAnswer)?;
    let (etag, last_modified) = validators(&resp);
    Ok(HttpResponse {
        status: resp.status(),
        body,
        etag,
        last_modified,
    })
}

/// A GET, with the session cookie when the API is on this origin.
async fn send_get(url: &str, headers: &[(&str, &str)]) -> Result<(Response, Timeout), NoAnswer> {
    send(
        Method::GET,
        url,
        headers,
        None,
        RequestCredentials::SameOrigin,
    )
    .await
}

/// Send a request. The returned timer aborts the exchange (body included)
/// after `TIMEOUT_MS`; dropping it once the body is read cancels it.
async fn send(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    credentials: RequestCredentials,
) -> Result<(Response, Timeout), NoAnswer> {
    let controller = AbortController::new().map_err(|_| NoAnswer)?;
    let mut builder = RequestBuilder::new(url)
        .method(method)
        .cache(RequestCache::NoStore)
        .credentials(credentials)
        .abort_signal(Some(&controller.signal()));
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    let request = match body {
        Some(b) => builder.body(b),
        None => builder.build(),
    }
    .map_err(|_| NoAnswer)?;
    let timeout = Timeout::new(TIMEOUT_MS, move || controller.abort());
    let resp = request.send().await.map_err(|_| NoAnswer)?;
    Ok((resp, timeout))
}
