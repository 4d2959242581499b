//! The global `fetch` (Window, Worker, Node 20) against a base URL, with
//! an API key: the transport of backends, tests and the demo.
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
//! panic would trap the module. Nor is its `Response`: its `headers()`
//! iterates with `unwrap_throw`, so a `Response` whose `headers` is not a
//! `Headers` (a stand-in `fetch`, a Proxy, a throwing `entries`) threw
//! through the wasm and left the call pending for ever. The status and
//! headers are read by `answerParts` in http.js, inside one `try`.

use js_sys::{Array, Object, Promise};
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

#[wasm_bindgen(module = "/src/transport/http.js")]
extern "C" {
    /// `[status, name, value, ...]`, or `undefined` for anything but a
    /// `Response` with real `Headers`. Never throws (its body is a `try`);
    /// `catch` all the same, so nothing JS does can unwind the wasm.
    #[wasm_bindgen(catch, js_name = answerParts)]
    fn answer_parts(response: &JsValue, max: u32) -> Result<JsValue, JsValue>;
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
    let url = [base_url, request.path.as_str()].concat();
    let raw = web_sys::Request::new_with_str_and_init(&url, &init)?;
    let answer = guard.race(fetch_request(&raw, &init)?).await?;
    let parts: Array = answer_parts(&answer, MAX_RESPONSE_HEADERS as u32)
        .ok()
        .and_then(|parts| parts.dyn_into().ok())
        .ok_or(Failure::Malformed)?;
    // `answerParts` checked the headers are pairs of strings; the status
    // (anything a patched getter gives) is checked here.
    let status = parts
        .get(0)
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (100.0..=599.0).contains(s))
        .ok_or(Failure::Malformed)? as u16;
    let headers: Vec<(String, String)> = (1..parts.length())
        .step_by(2)
        .filter_map(|i| Some((parts.get(i).as_string()?, parts.get(i + 1).as_string()?)))
        .collect();
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let request_id = header("request-id");
    let should_retry = header("stripe-should-retry");
    // The body is read raced like the rest. `answerParts` found a real
    // `Response`; a patched `text` that throws is a failed attempt.
    let raw: &web_sys::Response = answer.unchecked_ref();
    let body = guard.race(raw.text()?).await?.as_string().unwrap_or_default();
    Ok(HttpResponse {
        status,
        headers,
        request_id,
        should_retry: should_retry.as_deref().and_then(super::parse_bool),
        body,
    })
}
