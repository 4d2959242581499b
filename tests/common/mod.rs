//! Helpers shared by the browser suites: the JS `SecretStore` as the
//! package ships it, the emulator's address, building and reading JS
//! values, the emulator's test controls.
#![allow(dead_code)] // each suite uses its own subset

use gloo_net::http::{Request, Response};
use js_sys::{Object, Promise, Reflect};
use serde::{Deserialize, Serialize};
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The emulator the test command started, passed at build time.
#[allow(clippy::option_env_unwrap)] // a clear message beats a compile error in editors
pub fn emulator() -> &'static str {
    option_env!("EMULATOR_URL")
        .expect("build with EMULATOR_URL set to a running emulator (the test command does)")
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(handler: &js_sys::Function, ms: i32) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// The JS `SecretStore` class as JS sees it: its methods are called
    /// through the glue wasm-bindgen generated, as from the package.
    pub type JsSecretStore;
    #[wasm_bindgen(method)]
    pub fn create(this: &JsSecretStore, params: JsValue, options: JsValue) -> Promise;
    #[wasm_bindgen(method)]
    pub fn find(this: &JsSecretStore, params: JsValue, options: JsValue) -> Promise;
    #[wasm_bindgen(method)]
    pub fn list(this: &JsSecretStore, params: JsValue, options: JsValue) -> Promise;
    #[wasm_bindgen(method, js_name = deleteWhere)]
    pub fn delete_where(this: &JsSecretStore, params: JsValue, options: JsValue) -> Promise;
    /// The async iterator.
    #[wasm_bindgen(method, js_name = listAll)]
    pub fn list_all(this: &JsSecretStore, params: JsValue, options: JsValue) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = userId)]
    pub fn user_id(this: &JsSecretStore) -> Option<String>;
}

impl JsSecretStore {
    /// `new SecretStore(options)`: `Err` is what the constructor threw.
    pub fn new(options: JsValue) -> Result<JsSecretStore, JsValue> {
        stripe_apps_secrets::JsSecretStore::new(options).map(|store| JsValue::from(store).unchecked_into())
    }
}

/// A JS value as a caller writes one in JSON's terms (`json!`): plain
/// objects, arrays, strings, numbers, `null`.
pub fn js(value: serde_json::Value) -> JsValue {
    value
        .serialize(&Serializer::json_compatible())
        .expect("JSON values have JS values")
}

/// A plain JS object from key/value pairs: for what JSON cannot hold
/// (functions, signals, getters, lone surrogates).
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        Reflect::set(&object, &(*key).into(), value).unwrap();
    }
    object.into()
}

pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

/// A user id no other test uses, so tests never see each other's secrets.
pub fn fresh_user(tag: &str) -> String {
    format!("usr_{tag}{}", (js_sys::Math::random() * 1e12) as u64)
}

/// One `/v1` request as the emulator logged it: the fields the suites read.
#[derive(Debug, Deserialize)]
pub struct Logged {
    /// Decoded params in the order sent; `payload` only as its length.
    pub params: Vec<(String, Param)>,
    pub idempotency_key: Option<String>,
    /// `None` while unanswered, and for a dropped connection.
    pub status: Option<u16>,
}

/// A logged param value.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Param {
    Text(String),
    Redacted { length: usize },
}

impl Logged {
    /// The first value of the param `key`, unless redacted.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find_map(|(k, v)| match v {
            Param::Text(text) if k == key => Some(text.as_str()),
            _ => None,
        })
    }

    /// Whether a param value mentions `text` (a user id, say).
    pub fn mentions(&self, text: &str) -> bool {
        self.params
            .iter()
            .any(|(_, v)| matches!(v, Param::Text(value) if value.contains(text)))
    }
}

/// Sends a test control (`/_emulator/...`) request; the emulator must answer 200.
async fn control(request: Result<Request, gloo_net::Error>) -> Response {
    let request = request.expect("a well-formed control request");
    let url = request.url();
    let response = request.send().await.expect("the emulator answers");
    assert!(response.ok(), "{url} answered {}", response.status());
    response
}

fn control_url(path: &str) -> String {
    format!("{}{path}", emulator())
}

/// Forgets secrets, the (bounded) request log and queued faults.
pub async fn reset() {
    control(Request::post(&control_url("/_emulator/reset")).build()).await;
}

/// The /v1 requests the emulator received since the last reset, oldest first.
pub async fn requests() -> Vec<Logged> {
    let response = control(Request::get(&control_url("/_emulator/requests")).build()).await;
    response.json().await.expect("the request log")
}

/// Queues faults (a `json!` array such as `[{"status": 500}]`) for the next requests.
pub async fn queue_faults(faults: serde_json::Value) {
    control(Request::post(&control_url("/_emulator/faults")).json(&faults)).await;
}

pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
    });
    JsFuture::from(promise).await.unwrap();
}
