//! The global `fetch` (Window, Worker, Node 20) against a base URL, with
//! an API key: the transport of backends, tests and the demo.
//!
//! No `Request` is built here, with gloo-net's `RequestBuilder` or
//! otherwise: `fetch(url, init)` builds its own, from `makeFetchInit`'s
//! init (http.js), which has no prototype, nor have its headers. gloo-net's
//! `RequestBuilder` made its `RequestInit` as a plain `{}`, and the
//! `Request` constructor reads every member it does not find (`body`,
//! `mode`, `cache`, `integrity`, ...) through `Object.prototype`, so one
//! polluted property changed or broke every request
//! (tests/hostile/pollution.test.mjs). gloo-net's `send()` is not used
//! either: it panics when `fetch` resolves with something that is not a
//! `Response` (a page may replace `fetch`), and a panic would trap the
//! module. Nor is its `Response`: its `headers()` iterates with
//! `unwrap_throw`, so a `Response` whose `headers` is not a `Headers` (a
//! stand-in `fetch`, a Proxy, a throwing `entries`) threw through the wasm
//! and left the call pending for ever. The status and headers are read by
//! `answerParts` in http.js, inside one `try`.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::abort::{AbortGuard, Failure};
use super::{HttpRequest, HttpResponse, MAX_RESPONSE_HEADERS};
use crate::interop::headers::header_lines;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_with_init(url: &str, init: &JsValue) -> Result<Promise, JsValue>;
}

#[wasm_bindgen(module = "/src/transport/http.js")]
extern "C" {
    /// The request's init, one crossing: see `makeFetchInit` in http.js.
    #[wasm_bindgen(catch, js_name = makeFetchInit)]
    fn make_fetch_init(
        method: &str,
        header_lines: &str,
        header_count: u32,
        body: Option<&str>,
        signal: Option<&web_sys::AbortSignal>,
    ) -> Result<JsValue, JsValue>;
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
    let (lines, count) = header_lines(&request.headers);
    let signal = guard.controller.as_ref().map(web_sys::AbortController::signal);
    let init = make_fetch_init(
        request.method.as_str(),
        &lines,
        count,
        request.body.as_deref(),
        signal.as_ref(),
    )?;

    let url = [base_url, request.path.as_str()].concat();
    let answer = guard.race(fetch_with_init(&url, &init)?).await?;
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
