//! Helpers shared by the browser suites: the JS `SecretStore` as the
//! package ships it, the emulator's address, building and reading JS
//! objects, the emulator's test controls.
#![allow(dead_code)] // each suite uses its own subset

use js_sys::{Array, Object, Promise, Reflect};
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
    #[wasm_bindgen(js_name = fetch)]
    pub fn global_fetch(input: &str, init: &JsValue) -> Promise;
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

/// A plain JS object from key/value pairs.
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

/// Calls a test control (`/_emulator/...`) and returns its JSON answer.
pub async fn control(path: &str, method: &str, body: Option<&str>) -> JsValue {
    let mut init = vec![("method", JsValue::from(method))];
    if let Some(body) = body {
        init.push(("body", body.into()));
        init.push(("headers", object(&[("content-type", "application/json".into())])));
    }
    let response = JsFuture::from(global_fetch(&format!("{}{path}", emulator()), &object(&init)))
        .await
        .unwrap();
    let response: web_sys::Response = response.unchecked_into();
    assert!(response.ok(), "{path} answered {}", response.status());
    JsFuture::from(response.json().unwrap()).await.unwrap()
}

/// Forgets secrets, the (bounded) request log and queued faults.
pub async fn reset() {
    control("/_emulator/reset", "POST", None).await;
}

/// The /v1 requests the emulator received since the last reset.
pub async fn requests() -> Array {
    control("/_emulator/requests", "GET", None).await.unchecked_into()
}

pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
    });
    JsFuture::from(promise).await.unwrap();
}
