//! A `stripeApiFetch`-shaped function: how UI extensions must reach the API.
//!
//! The SDK's `stripeApiFetch` needs the full URL (its host transport parses
//! it with `new URL`, its frame transport hands it to the realm's `fetch`),
//! and its init crosses `postMessage`, so it gets plain objects and
//! strings only, made by `makeInit` in http.js. It answers with a
//! `SerializableResponse`: `{ status, ok, headers, json?, arrayBuffer? }`,
//! `json` only when the answer's `Content-Type` was exactly
//! `application/json`, else the body as an `ArrayBuffer`.

use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::abort::{AbortGuard, Failure};
use super::{HttpRequest, HttpResponse, MAX_RESPONSE_HEADERS};
use crate::interop::headers::header_lines;
use crate::interop::own::{own, own_keys, own_value, Own};

/// Where the Stripe API lives: `stripeApiFetch` is given URLs under it.
pub const API_ORIGIN: &str = crate::options::DEFAULT_BASE_URL;

#[wasm_bindgen(module = "/src/interop/objects.js")]
extern "C" {
    /// The JSON text of a value, from own data properties only (see objects.js).
    #[wasm_bindgen(catch, js_name = ownJson)]
    fn own_json(value: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/transport/http.js")]
extern "C" {
    /// `{ method, headers, body }` and an own `undefined` for every other
    /// member `fetch` reads, built as own properties (see http.js): an
    /// inherited `body` setter must not see the form body.
    #[wasm_bindgen(catch, js_name = makeInit)]
    fn make_init(
        method: &str,
        header_lines: &str,
        header_count: u32,
        body: Option<&str>,
    ) -> Result<JsValue, JsValue>;
}

/// Calls `fetch(API_ORIGIN + path, init)` and reads its answer. A throw
/// or a rejection (the SDK throws until the Dashboard host is ready) is a
/// connection failure: nothing was sent, and the call is retried.
pub async fn send(
    fetch: &Function,
    request: &HttpRequest,
    guard: &AbortGuard,
) -> Result<HttpResponse, Failure> {
    // A throw here is a failure before anything was sent, as a throwing `fetch` is.
    let (lines, count) = header_lines(&request.headers);
    let init = make_init(request.method.as_str(), &lines, count, request.body.as_deref())?;
    let url = [API_ORIGIN, &request.path].concat();
    let answer = fetch.call2(&JsValue::UNDEFINED, &JsValue::from_str(&url), &init)?;
    let answer = guard.race(Promise::resolve(&answer)).await?;
    read_serializable_response(&answer)
}

/// Reads the SDK's `SerializableResponse`, own properties only: headers a
/// plain object whose names may come in any case.
fn read_serializable_response(answer: &JsValue) -> Result<HttpResponse, Failure> {
    if !answer.is_object() {
        return Err(Failure::Malformed);
    }
    let status = own_value(answer, "status")
        .and_then(|s| s.as_f64())
        .filter(|s| s.fract() == 0.0 && (100.0..=599.0).contains(s))
        .ok_or(Failure::Malformed)?;
    let mut headers = Vec::new();
    if let Some(object) = own_value(answer, "headers").filter(JsValue::is_object) {
        let names = own_keys(&object).map_err(|_| Failure::Malformed)?;
        // A real answer has a dozen headers; a hostile one is not walked for ever.
        for name in names.iter().take(MAX_RESPONSE_HEADERS) {
            if let (Some(lower), Ok(Own::Value(value))) = (
                name.as_string().map(|n| n.to_ascii_lowercase()),
                own(&object, &name),
            ) {
                if let Some(value) = value.as_string() {
                    headers.push((lower, value));
                }
            }
        }
    }
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let (request_id, should_retry) = (header("request-id"), header("stripe-should-retry"));
    let body = match (own_value(answer, "json"), own_value(answer, "arrayBuffer")) {
        // The SDK parsed it; the engine reads JSON text, so it goes back
        // to text, from own properties only: `JSON.stringify` would hand the
        // answer to a `toJSON` on a polluted Object.prototype. A value JSON
        // cannot hold, or a cycle, is a malformed answer; the parser
        // refuses one nested deeper than it reads.
        (Some(json), _) => own_json(&json)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or(Failure::Malformed)?,
        // Not UTF-8 is not JSON: left empty, the answer is judged "not
        // JSON". Never decoded lossily, which could change a payload.
        (None, Some(buffer)) if buffer.is_instance_of::<js_sys::ArrayBuffer>() => {
            String::from_utf8(Uint8Array::new(&buffer).to_vec()).unwrap_or_default()
        }
        _ => String::new(),
    };
    Ok(HttpResponse {
        status: status as u16,
        headers,
        request_id,
        should_retry: should_retry.as_deref().and_then(super::parse_bool),
        body,
    })
}
