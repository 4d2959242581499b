//! Turning results and errors into JS values.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::error::Error;
use crate::js_str::js_str;
use crate::secret::{Secret, SecretList};

/// A Secret as a plain JS object with Stripe's field names. Built as JSON
/// text and parsed by the engine: one crossing instead of one per field.
pub fn secret(secret: &Secret) -> Result<JsValue, JsValue> {
    let mut text = Zeroizing::new(String::new());
    secret.write_json(&mut text);
    JSON::parse(&text)
}

/// A list page as `{ object: 'list', url, has_more, data }`.
pub fn secret_list(list: &SecretList) -> Result<JsValue, JsValue> {
    let mut text = Zeroizing::new(String::new());
    list.write_json(&mut text);
    JSON::parse(&text)
}

/// An `Error` instance carrying `type`, `code`, `param`, `statusCode`,
/// `requestId` and, when Stripe sent one, `doc_url`, as stripe-node's
/// errors do. `name` is the type too, so `String(error)` reads
/// `StripeScopeError: ...`.
pub fn error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(error.message());
    js.set_name(error.type_name());
    let set = |key: &'static str, value: JsValue| {
        let _ = Reflect::set(&js, &js_str(key), &value);
    };
    set("type", error.type_name().into());
    let text = |value: Option<&str>| value.map_or(JsValue::UNDEFINED, JsValue::from_str);
    set("code", text(error.code()));
    set("param", text(error.param()));
    set(
        "statusCode",
        error.status_code().map_or(JsValue::UNDEFINED, JsValue::from),
    );
    set("requestId", text(error.request_id()));
    if let Some(doc_url) = error.doc_url() {
        set("doc_url", doc_url.into());
    }
    js.into()
}

/// `{ value, done }`, the result of an async iterator's `next()`.
pub fn iterator_result(value: JsValue, done: bool) -> JsValue {
    let result = Object::new();
    let _ = Reflect::set(&result, &js_str("value"), &value);
    let _ = Reflect::set(&result, &js_str("done"), &done.into());
    result.into()
}
