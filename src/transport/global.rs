//! The global `fetch` (Window, Worker, Node 20) against a base URL, with
//! an API key: the transport of backends, tests and the demo. Answers are
//! read with gloo-net.
//!
//! Requests are not built with gloo-net's `RequestBuilder`: it makes its
//! `RequestInit` as a plain `{}`, and the `Request` constructor reads every
//! member it does not find (`body`, `mode`, `cache`, `integrity`, ...)
//! through `Object.prototype`, so one polluted property changed or broke
//! every request (tests/hostile/pollution.test.mjs). The init here has no
//! prototype, and goes to `fetch` as its second argument too, because
//! Node's `fetch(request)` reads a default `{}` the same way. gloo-net's
//! `send()` is not used either: it panics when `fetch` resolves with
//! something that is not a `Response` (a page may replace `fetch`), and a
//! panic would trap the module.

use gloo_net::http::Response;
use js_sys::{Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::abort::{AbortGuard, Failure};
use super::{HttpRequest, HttpResponse, MAX_RESPONSE_HEADERS};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_request(request: &web_sys::Request, init: &web_sys::RequestInit) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = create)]
    fn object_create(prototype: &JsValue) -> Object;
}

/// Sends `request` to `base_url` + its path; the guard's controller
/// cancels it on timeout or abort.
pub async fn send(
    base_url: &str,
    request: &HttpRequest,
    guard: &AbortGuard,
) -> Result<HttpResponse, Failure> {
    let init: web_sys::RequestInit = object_create(&JsValue::NULL).unchecked_into();
    init.set_method(request.method.as_str());
    let headers = web_sys::Headers::new()?;
    for (name, value) in &request.headers {
        headers.set(name, value)?;
    }
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    if let Some(controller) = &guard.controller {
        init.set_signal(Some(&controller.signal()));
    }
    let url = format!("{base_url}{}", request.path);
    let raw = web_sys::Request::new_with_str_and_init(&url, &init)?;
    let answer = guard.race(fetch_request(&raw, &init)?).await?;
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
