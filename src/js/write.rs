//! What the binding hands to JS: results as plain objects with Stripe's
//! snake_case fields (as stripe-node returns them), errors as instances of
//! the classes in `errors.js`. Every object is built in `values.js` by
//! literals, by property definition, or by assignment while it has no
//! prototype, never by assignment through `Object.prototype`: a setter on
//! a polluted `Object.prototype` must not see a payload, nor a
//! non-writable property there make building a result throw (and its
//! promise hang).

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::client::{LastResponse, Responded};
use crate::error::Error;
use crate::interop::headers::header_lines;
use crate::scope::Scope;
use crate::secret::{Secret, SecretList};

// Every import is `catch`: a throw inside JS (a builtin a page patched)
// must become a rejection, never unwind through the wasm, which would
// leave the call's promise pending for ever.
#[wasm_bindgen(module = "/src/js/errors.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = makeError)]
    fn make_error(
        type_name: &str,
        message: &str,
        code: Option<&str>,
        param: Option<&str>,
        status_code: Option<u16>,
        request_id: Option<&str>,
        doc_url: Option<&str>,
    ) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/js/values.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = withResponse)]
    fn with_response(
        result: JsValue,
        status_code: u16,
        request_id: Option<&str>,
        header_lines: &str,
        header_count: u32,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = makeSecret)]
    #[allow(clippy::too_many_arguments)]
    fn make_secret(
        id: &str,
        created: Option<f64>,
        deleted: bool,
        expires_at: Option<f64>,
        livemode: bool,
        name: Option<&str>,
        payload: Option<&str>,
        scope_type: Option<&str>,
        scope_user: Option<&str>,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = makeList)]
    fn make_list(url: &str, has_more: bool, data: &Array) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/interop/objects.js")]
extern "C" {
    /// Defines `item` at the end of `array` (no `push`: see `define` in objects.js).
    #[wasm_bindgen(catch)]
    fn append(array: &Array, item: &JsValue) -> Result<(), JsValue>;
}

/// A result that JS failed to build (a patched builtin threw).
fn unbuildable(_: JsValue) -> Error {
    Error::unexpected_response("a result that could not be handed over")
}

/// The JS error for `error` (or, should building it throw, what was
/// thrown: the promise rejects either way).
pub fn error(error: &Error) -> JsValue {
    make_error(
        error.type_name(),
        error.message(),
        error.code(),
        error.param(),
        error.status_code(),
        error.request_id(),
        error.doc_url(),
    )
    .unwrap_or_else(|thrown| thrown)
}

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A number out of JS's safe range cannot be handed over exactly.
fn unrepresentable() -> Error {
    Error::unexpected_response("a number out of JavaScript's safe integer range")
}

/// `value` as a JS number, if it is one exactly.
fn number(value: Option<i64>) -> Result<Option<f64>, Error> {
    match value {
        Some(n) if !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n) => Err(unrepresentable()),
        // Exact: |n| < 2^53.
        other => Ok(other.map(|n| n as f64)),
    }
}

/// A Secret as Stripe's JSON spells it, built by `makeSecret` in
/// values.js: every field an own property, whatever `Object.prototype`
/// holds (serde-wasm-bindgen assigned them, so an inherited setter saw the
/// payload and the result lacked it).
pub fn secret(secret: &Secret) -> Result<JsValue, Error> {
    let (scope_type, scope_user) = match &secret.scope {
        Some(scope) => (Some(scope.type_name()), Scope::user_id(scope)),
        None => (None, None),
    };
    make_secret(
        &secret.id,
        number(secret.created)?,
        secret.deleted,
        number(secret.expires_at)?,
        secret.livemode,
        secret.name.as_deref(),
        secret.payload.as_deref(),
        scope_type,
        scope_user,
    )
    .map_err(unbuildable)
}

pub fn list(list: &SecretList) -> Result<JsValue, Error> {
    let data = Array::new();
    for item in &list.data {
        append(&data, &secret(item)?).map_err(unbuildable)?;
    }
    make_list(&list.url, list.has_more, &data).map_err(unbuildable)
}

/// `result` with stripe-node's `lastResponse` attached (not enumerable).
fn responded(result: JsValue, response: &LastResponse) -> Result<JsValue, Error> {
    let (lines, count) = header_lines(&response.headers);
    with_response(
        result,
        response.status_code,
        response.request_id.as_deref(),
        &lines,
        count,
    )
    .map_err(unbuildable)
}

/// A Secret with its `lastResponse`.
pub fn responded_secret(result: &Responded<Secret>) -> Result<JsValue, Error> {
    responded(secret(&result.value)?, &result.last_response)
}

/// A list page with its `lastResponse`.
pub fn responded_list(result: &Responded<SecretList>) -> Result<JsValue, Error> {
    responded(list(&result.value)?, &result.last_response)
}
