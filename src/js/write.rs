//! What the binding hands to JS: results as plain objects with Stripe's
//! snake_case fields (as stripe-node returns them), errors as instances of
//! the classes in `classes.js`. Every object is built in `classes.js` by
//! literals, by property definition, or by assignment while it has no
//! prototype, never by assignment through `Object.prototype`: a setter on
//! a polluted `Object.prototype` must not see a payload, nor a
//! non-writable property there make building a result throw (and its
//! promise hang).

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::client::{LastResponse, Responded};
use crate::error::Error;
use crate::scope::Scope;
use crate::secret::{Secret, SecretList};

// Every import is `catch`: a throw inside JS (a builtin a page patched)
// must become a rejection, never unwind through the wasm, which would
// leave the call's promise pending for ever.
#[wasm_bindgen(module = "/src/js/classes.js")]
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
    /// Defines `item` at the end of `array` (no `push`: see `define` in classes.js).
    #[wasm_bindgen(catch)]
    fn append(array: &Array, item: &JsValue) -> Result<(), JsValue>;
}

/// `headers` as one string, `name\nvalue\nname\nvalue`, and how many
/// there are: what `withResponse` and `makeInit` in classes.js take. One
/// string crosses once, where an array crossed twice per header. A line
/// feed cannot be in an HTTP header (the request's are checked visible
/// ASCII by options.rs); should a transport hand an answer one, the lines
/// do not split into `count` pairs and `headersOf` keeps none of them.
pub(crate) fn header_lines<N: AsRef<str>, V: AsRef<str>>(headers: &[(N, V)]) -> (String, u32) {
    let mut lines = String::new();
    for (name, value) in headers {
        push_header_line(&mut lines, name.as_ref(), value.as_ref());
    }
    (lines, headers.len() as u32)
}

/// One header of `header_lines`; not inlined into each of its callers (the
/// request's and the answer's headers are of two types).
#[inline(never)]
fn push_header_line(lines: &mut String, name: &str, value: &str) {
    if !lines.is_empty() {
        lines.push('\n');
    }
    lines.push_str(name);
    lines.push('\n');
    lines.push_str(value);
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
/// classes.js: every field an own property, whatever `Object.prototype`
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

#[cfg(test)]
mod tests {
    use super::header_lines;

    #[test]
    fn header_lines_join_names_and_values_and_count_them() {
        assert_eq!(header_lines::<&str, &str>(&[]), (String::new(), 0));
        assert_eq!(
            header_lines(&[("Request-Id", "req_1")]),
            ("Request-Id\nreq_1".to_owned(), 1)
        );
        assert_eq!(
            header_lines(&[("a", "1"), ("e", ""), ("f", "6\n7")]),
            ("a\n1\ne\n\nf\n6\n7".to_owned(), 3)
        );
    }
}
