//! [`FetchTransport`]: the one transport type of the wasm build, so the
//! client loop is instantiated once whichever way a store reaches Stripe.
//!
//! Rust calls the function that sends (the global `fetch`, or the
//! extension's `stripeApiFetch`) with an init made in JS (http.js), and
//! awaits one promise, `answerOf`'s, which ends with the answer's parts or
//! with why there is none: the attempt's timeout and the caller's abort are
//! JS's (`startAttempt`), so no race, timer or closure is made in Rust.
//!
//! The global `fetch` is given no `Request`, from gloo-net's
//! `RequestBuilder` or otherwise: `fetch(url, init)` builds its own from
//! `makeFetchInit`'s init, which has no prototype, nor have its headers.
//! gloo-net's `RequestBuilder` made its `RequestInit` as a plain `{}`, and
//! the `Request` constructor reads every member it does not find (`body`,
//! `mode`, `cache`, `integrity`, ...) through `Object.prototype`, so one
//! polluted property changed or broke every request
//! (tests/hostile/pollution.test.mjs). gloo-net's `send()` is not used
//! either: it panics when `fetch` resolves with something that is not a
//! `Response` (a page may replace `fetch`), and a panic would trap the
//! module. Nor is its `Response`: its `headers()` iterates with
//! `unwrap_throw`, so a `Response` whose `headers` is not a `Headers` (a
//! stand-in `fetch`, a Proxy, a throwing `entries`) threw through the wasm
//! and left the call pending for ever. The answer is read by `answerOf`,
//! inside one `try`.
//!
//! A `stripeApiFetch` needs the full URL (the SDK's host transport parses
//! it with `new URL`, its frame transport hands it to the realm's `fetch`),
//! and its init crosses `postMessage`, so it gets plain objects and strings
//! only (`makeInit`). It answers with a `SerializableResponse`, read by its
//! own properties (`sdkParts`).

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{
    aborted, AbortSignal, HttpRequest, HttpResponse, Transport, TransportError, MAX_RESPONSE_HEADERS,
};
use crate::interop::headers::header_lines;

/// Where the Stripe API lives: `stripeApiFetch` is given URLs under it.
pub const API_ORIGIN: &str = crate::options::DEFAULT_BASE_URL;

/// Where requests go.
#[derive(Clone, Debug)]
pub enum FetchTransport {
    /// The global `fetch`, to `base_url` + path.
    Global { base_url: String },
    /// A `stripeApiFetch`-shaped function, given `https://api.stripe.com` + path.
    Extension { fetch: Function },
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/transport/http.js")]
extern "C" {
    /// One attempt's timer and abort (see http.js).
    type Attempt;
    #[wasm_bindgen(catch, js_name = startAttempt)]
    fn start_attempt(timeout_ms: u32, signal: Option<&AbortSignal>) -> Result<Attempt, JsValue>;
    /// The init of a `stripeApiFetch` call: see `makeInit` in http.js.
    #[wasm_bindgen(catch, js_name = makeInit)]
    fn make_init(
        method: &str,
        header_lines: &str,
        header_count: u32,
        body: Option<&str>,
    ) -> Result<JsValue, JsValue>;
    /// The init of a global `fetch` call, with the attempt's signal.
    #[wasm_bindgen(catch, js_name = makeFetchInit)]
    fn make_fetch_init(
        method: &str,
        header_lines: &str,
        header_count: u32,
        body: Option<&str>,
        attempt: &Attempt,
    ) -> Result<JsValue, JsValue>;
    /// Resolves with the answer's parts or why there is none; never
    /// rejects (its body is a `try`), but is awaited as if it could.
    #[wasm_bindgen(js_name = answerOf)]
    fn answer_of(work: &JsValue, attempt: &Attempt, max: u32, from_sdk: bool) -> Promise;
    /// Resolves after `ms`, or once `signal` aborts.
    #[wasm_bindgen(js_name = pause)]
    fn pause(ms: u32, signal: Option<&AbortSignal>) -> Promise;
}

/// Why `answerOf` found no answer, as http.js numbers it: any other
/// number is a connection failure.
const TIMED_OUT: f64 = 1.0;
const MALFORMED: f64 = 2.0;

impl Transport for FetchTransport {
    async fn send(
        &self,
        request: &HttpRequest,
        timeout_ms: u32,
        signal: Option<&AbortSignal>,
    ) -> Result<HttpResponse, TransportError> {
        if signal.is_some_and(aborted) {
            return Err(TransportError::Aborted);
        }
        let attempt = start_attempt(timeout_ms, signal).map_err(|_| TransportError::Connection)?;
        let (lines, count) = header_lines(&request.headers);
        let (method, body) = (request.method.as_str(), request.body.as_deref());
        // A throw here is a failure before anything was sent; it ends the
        // attempt as a rejection does (the SDK throws until the Dashboard
        // host is ready), and the call is retried.
        let work = match self {
            FetchTransport::Global { base_url } => make_fetch_init(method, &lines, count, body, &attempt)
                .and_then(|init| global_fetch(&[base_url, request.path.as_str()].concat(), &init)),
            FetchTransport::Extension { fetch } => make_init(method, &lines, count, body).and_then(|init| {
                let url = JsValue::from_str(&[API_ORIGIN, &request.path].concat());
                fetch.call2(&JsValue::UNDEFINED, &url, &init)
            }),
        }
        .unwrap_or_else(|thrown| Promise::reject(&thrown).into());
        // The lines hold the API key: wiped now, not kept across the wait.
        drop(lines);
        let from_sdk = matches!(self, FetchTransport::Extension { .. });
        let parts = JsFuture::from(answer_of(&work, &attempt, MAX_RESPONSE_HEADERS as u32, from_sdk)).await;
        // The caller's abort wins over whatever else ended the attempt.
        parts
            .map_err(|_| TransportError::Connection)
            .and_then(read_parts)
            .map_err(|error| {
                if signal.is_some_and(aborted) {
                    TransportError::Aborted
                } else {
                    error
                }
            })
    }

    async fn sleep(&self, ms: u32, signal: Option<&AbortSignal>) -> Result<(), TransportError> {
        if !signal.is_some_and(aborted) {
            let _ = JsFuture::from(pause(ms, signal)).await;
        }
        if signal.is_some_and(aborted) {
            Err(TransportError::Aborted)
        } else {
            Ok(())
        }
    }
}

/// The answer from `answerOf`'s parts, `[status, name, value, ..., body]`:
/// the status a whole number from 100 to 599 (anything a patched getter
/// gives is checked here), header names lowered, the body text or UTF-8
/// bytes. Not UTF-8 is not JSON: such a body is left empty, and the answer
/// is judged "not JSON".
fn read_parts(parts: JsValue) -> Result<HttpResponse, TransportError> {
    let parts: Array = match parts.as_f64() {
        Some(TIMED_OUT) => return Err(TransportError::Timeout),
        Some(MALFORMED) => return Err(TransportError::Malformed),
        _ => parts.dyn_into().map_err(|_| TransportError::Connection)?,
    };
    let status = parts
        .get(0)
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (100.0..=599.0).contains(s))
        .ok_or(TransportError::Malformed)? as u16;
    let last = parts.length().saturating_sub(1);
    let headers: Vec<(String, String)> = (1..last)
        .step_by(2)
        .filter_map(|i| {
            Some((
                parts.get(i).as_string()?.to_ascii_lowercase(),
                parts.get(i + 1).as_string()?,
            ))
        })
        .collect();
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let (request_id, should_retry) = (header("request-id"), header("stripe-should-retry"));
    let body = parts.get(last);
    let body = match body.dyn_ref::<Uint8Array>() {
        Some(bytes) => String::from_utf8(bytes.to_vec()).unwrap_or_default(),
        None => body.as_string().unwrap_or_default(),
    };
    Ok(HttpResponse {
        status,
        headers,
        request_id,
        should_retry: should_retry.as_deref().and_then(super::parse_bool),
        body,
    })
}
