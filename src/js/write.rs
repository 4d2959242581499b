//! What the binding hands to JS: results through serde-wasm-bindgen
//! (plain objects with Stripe's snake_case fields, as stripe-node returns
//! them), errors as instances of the classes in `classes.js`.

use js_sys::Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::client::{LastResponse, Responded};
use crate::error::Error;
use crate::scope::Scope;
use crate::secret::{Secret, SecretList};

#[wasm_bindgen(module = "/src/js/classes.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(
        type_name: &str,
        message: &str,
        code: Option<&str>,
        param: Option<&str>,
        status_code: Option<u16>,
        request_id: Option<&str>,
        doc_url: Option<&str>,
    ) -> JsValue;
    #[wasm_bindgen(js_name = withResponse)]
    fn with_response(
        result: JsValue,
        status_code: u16,
        request_id: Option<&str>,
        header_pairs: Array,
    ) -> JsValue;
}

/// The JS error for `error`.
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
}

/// A Secret as Stripe's JSON spells it: `expires_at` is `null` when it
/// does not expire; `created`, `deleted`, `name`, `payload` and `scope`
/// are left out when the answer left them out.
#[derive(Serialize)]
struct SecretOut<'a> {
    id: &'a str,
    object: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<i64>,
    #[serde(skip_serializing_if = "is_false")]
    deleted: bool,
    expires_at: Option<i64>,
    livemode: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payload: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<ScopeOut<'a>>,
}

#[derive(Serialize)]
struct ScopeOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<&'a str>,
}

#[derive(Serialize)]
struct ListOut<'a> {
    object: &'static str,
    url: &'a str,
    has_more: bool,
    data: Vec<SecretOut<'a>>,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl<'a> From<&'a Secret> for SecretOut<'a> {
    fn from(secret: &'a Secret) -> Self {
        SecretOut {
            id: &secret.id,
            object: "apps.secret",
            created: secret.created,
            deleted: secret.deleted,
            expires_at: secret.expires_at,
            livemode: secret.livemode,
            name: secret.name.as_deref(),
            payload: secret.payload.as_deref(),
            scope: secret.scope.as_ref().map(|scope| ScopeOut {
                kind: scope.type_name(),
                user: Scope::user_id(scope),
            }),
        }
    }
}

/// `None` becomes `null` (for `expires_at`; the other optional fields are
/// skipped), maps become plain objects.
fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true)
}

/// A number out of JS's safe range cannot be handed over exactly.
fn unrepresentable() -> Error {
    Error::unexpected_response("a number out of JavaScript's safe integer range")
}

pub fn secret(secret: &Secret) -> Result<JsValue, Error> {
    SecretOut::from(secret)
        .serialize(&serializer())
        .map_err(|_| unrepresentable())
}

pub fn list(list: &SecretList) -> Result<JsValue, Error> {
    ListOut {
        object: "list",
        url: &list.url,
        has_more: list.has_more,
        data: list.data.iter().map(SecretOut::from).collect(),
    }
    .serialize(&serializer())
    .map_err(|_| unrepresentable())
}

/// `result` with stripe-node's `lastResponse` attached (not enumerable).
fn responded(result: JsValue, response: &LastResponse) -> JsValue {
    let pairs = Array::new();
    for (name, value) in &response.headers {
        pairs.push(&JsValue::from_str(name));
        pairs.push(&JsValue::from_str(value));
    }
    with_response(
        result,
        response.status_code,
        response.request_id.as_deref(),
        pairs,
    )
}

/// A Secret with its `lastResponse`.
pub fn responded_secret(result: &Responded<Secret>) -> Result<JsValue, Error> {
    Ok(responded(secret(&result.value)?, &result.last_response))
}

/// A list page with its `lastResponse`.
pub fn responded_list(result: &Responded<SecretList>) -> Result<JsValue, Error> {
    Ok(responded(list(&result.value)?, &result.last_response))
}
