//! The global `fetch` (Window, Worker, Node 20) against a base URL, with
//! an API key: the transport of backends, tests and the demo. Requests are
//! built and answers read with gloo-net.
//!
//! gloo-net's own `send()` is not used: it panics when `fetch` resolves
//! with something that is not a `Response` (a page may replace `fetch`),
//! and a panic would trap the module. The request gloo-net built goes to
//! `fetch` here, and a wrong answer is an error like any other.

use gloo_net::http::{Request, RequestBuilder, Response};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::abort::{AbortGuard, Failure};
use super::{HttpRequest, HttpResponse, Method, MAX_RESPONSE_HEADERS};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_request(request: &web_sys::Request) -> Result<Promise, JsValue>;
}

/// Sends `request` to `base_url` + its path; the guard's controller
/// cancels it on timeout or abort.
pub async fn send(
    base_url: &str,
    request: &HttpRequest,
    guard: &AbortGuard,
) -> Result<HttpResponse, Failure> {
    let url = format!("{base_url}{}", request.path);
    let builder = match request.method {
        Method::Get => RequestBuilder::new(&url).method(gloo_net::http::Method::GET),
        Method::Post => RequestBuilder::new(&url).method(gloo_net::http::Method::POST),
    };
    let mut builder = builder.abort_signal(guard.controller.as_ref().map(|c| c.signal()).as_ref());
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built: Request = match &request.body {
        Some(body) => builder.body(body.as_str()),
        None => builder.build(),
    }
    .map_err(|_| Failure::Malformed)?;
    let raw: web_sys::Request = built.into();
    let answer = guard.race(fetch_request(&raw)?).await?;
    let answer: web_sys::Response = answer.dyn_into().map_err(|_| Failure::Malformed)?;
    let response = Response::from(answer);
    let headers: Vec<(String, String)> = response.headers().entries().take(MAX_RESPONSE_HEADERS).collect();
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let request_id = header("request-id");
    let should_retry = header("stripe-should-retry");
    let status = response.status();
    // The body is read raced like the rest: gloo-net's `text()` is a Rust
    // future that the guard's promise race could not interrupt.
    let raw = web_sys::Response::from(response);
    let body = guard.race(raw.text()?).await?.as_string().unwrap_or_default();
    Ok(HttpResponse {
        status,
        headers,
        request_id,
        should_retry: should_retry.as_deref().and_then(super::parse_bool),
        body,
    })
}
