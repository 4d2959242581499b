//! Browser suite: the JS API (the driver over the wasm core, as the package
//! ships it) and the Rust API in headless Chrome,
//! over real fetch against the emulator. The test command starts the
//! emulator and passes its address at build time in `EMULATOR_URL`.
#![cfg(target_arch = "wasm32")]
// JS strings are compared as JS strings: converting one to Rust would turn
// a lone surrogate into U+FFFD and could hide a changed payload.
#![allow(clippy::cmp_owned)]

use js_sys::{Array, Function, JsString, Object, Promise, Reflect};
use serde_json::json;
use stripe_apps_secrets::{CreateParams, ErrorKind, FindParams, Options, RequestOptions, Scope, SecretStore};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

mod common;

use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn store(user: &str) -> JsSecretStore {
    let options = js(json!({
        "userId": user,
        "apiKey": "sk_test_browser_suite",
        "baseUrl": emulator(),
        "maxNetworkRetries": 0,
    }));
    JsSecretStore::new(options).expect("store options are valid")
}

async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// How many /v1 requests the emulator has received since the last reset.
async fn requests_seen() -> usize {
    requests().await.len()
}

/// Asserts the promise rejects with an Error of this type, code and param.
async fn assert_rejects(
    promise: Promise,
    error_type: &str,
    code: Option<&str>,
    param: Option<&str>,
) -> JsValue {
    let error = settle(promise).await.expect_err("should reject");
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "rejects with an Error instance"
    );
    assert_eq!(get(&error, "type").as_string().as_deref(), Some(error_type));
    if let Some(code) = code {
        assert_eq!(get(&error, "code").as_string().as_deref(), Some(code));
    }
    if let Some(param) = param {
        assert_eq!(get(&error, "param").as_string().as_deref(), Some(param));
    }
    error
}

#[wasm_bindgen_test]
async fn every_operation_end_to_end() {
    let user = fresh_user("ops");
    let store = store(&user);
    let created = settle(store.create(
        js(json!({ "name": "oauth", "payload": "tok_1", "scope": { "type": "user", "user": user } })),
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap();
    assert_eq!(
        get(&created, "object").as_string().as_deref(),
        Some("apps.secret")
    );
    assert!(
        get(&created, "payload").is_undefined(),
        "payload only when expanded"
    );

    let found = settle(store.find(
        js(json!({ "name": "oauth", "scope": "user", "expand": ["payload"] })),
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap();
    assert_eq!(get(&found, "payload").as_string().as_deref(), Some("tok_1"));
    assert_eq!(get(&get(&found, "scope"), "user").as_string(), Some(user.clone()));

    for i in 0..4 {
        settle(store.create(
            js(json!({ "name": format!("n{i}"), "payload": "p", "scope": "user" })),
            JsValue::UNDEFINED,
        ))
        .await
        .unwrap();
    }
    let page = settle(store.list(js(json!({ "scope": "user", "limit": 2 })), JsValue::UNDEFINED))
        .await
        .unwrap();
    assert_eq!(get(&page, "object").as_string().as_deref(), Some("list"));
    assert_eq!(get(&page, "data").unchecked_into::<Array>().length(), 2);
    assert_eq!(get(&page, "has_more").as_bool(), Some(true));

    // listAll follows has_more with starting_after: all five, each once.
    let iterator = store.list_all(js(json!({ "scope": "user", "limit": 2 })), JsValue::UNDEFINED);
    let async_iterator = Reflect::get(&iterator, &js_sys::Symbol::async_iterator()).unwrap();
    let same = async_iterator
        .unchecked_into::<Function>()
        .call0(&iterator)
        .unwrap();
    assert!(
        Object::is(&same, &iterator),
        "[Symbol.asyncIterator]() returns the iterator"
    );
    let next: Function = get(&iterator, "next").unchecked_into();
    let mut names = Vec::new();
    loop {
        let step = settle(next.call0(&iterator).unwrap().unchecked_into())
            .await
            .unwrap();
        if get(&step, "done").as_bool() == Some(true) {
            break;
        }
        names.push(get(&get(&step, "value"), "name").as_string().unwrap());
    }
    names.sort();
    assert_eq!(names, ["n0", "n1", "n2", "n3", "oauth"]);

    let deleted = settle(store.delete_where(
        js(json!({ "name": "oauth", "scope": "user" })),
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap();
    assert_eq!(get(&deleted, "deleted").as_bool(), Some(true));
    let gone = store.find(
        js(json!({ "name": "oauth", "scope": "user" })),
        JsValue::UNDEFINED,
    );
    let error = assert_rejects(gone, "StripeInvalidRequestError", Some("resource_missing"), None).await;
    assert_eq!(get(&error, "statusCode").as_f64(), Some(404.0));
    assert!(get(&error, "requestId").as_string().unwrap().starts_with("req_"));
}

#[wasm_bindgen_test]
async fn payloads_round_trip_exactly() {
    let user = fresh_user("bytes");
    let store = store(&user);
    let payloads = [
        "🔐 emoji and astral 𝄞".to_owned(),
        "&=+%#?[]{}\"'\\ and %2B and %%".to_owned(),
        "line\nbreaks\r\nand\ttabs".to_owned(),
        "nul\0inside\0".to_owned(),
        "é".repeat(5000),
        "🔐".repeat(5000),
        " leading and trailing spaces ".to_owned(),
    ];
    for (i, payload) in payloads.iter().enumerate() {
        let name = format!("p{i}");
        settle(store.create(
            js(json!({ "name": name, "payload": payload, "scope": "user" })),
            JsValue::UNDEFINED,
        ))
        .await
        .unwrap();
        let found = settle(store.find(
            js(json!({ "name": name, "scope": "user", "expand": ["payload"] })),
            JsValue::UNDEFINED,
        ))
        .await
        .unwrap();
        // Compare as JS strings: what the caller handed in is what comes back.
        let back: JsString = get(&found, "payload").unchecked_into();
        assert!(back == JsString::from(payload.as_str()), "payload {i} changed");
        settle(store.delete_where(js(json!({ "name": name, "scope": "user" })), JsValue::UNDEFINED))
            .await
            .unwrap();
    }
}

#[wasm_bindgen_test]
async fn refusals_send_nothing_and_the_store_keeps_working() {
    let user = fresh_user("refuse");
    let store = store(&user);
    // The request log is bounded; start this count from an empty one.
    reset().await;
    let before = requests_seen().await;

    let lone_surrogate: JsValue = JsString::from_char_code1(0xD800).into();
    let with_getter = Object::new();
    let descriptor = object(&[
        ("get", Function::new_no_args("return 'account'").into()),
        ("enumerable", true.into()),
    ]);
    Object::define_property(&with_getter, &"type".into(), descriptor.unchecked_ref());
    let cases: Vec<(JsValue, &str, Option<&str>, Option<&str>)> = vec![
        (
            js(json!({ "name": "n", "payload": "p", "scope": { "type": "user", "user": "usr_other" } })),
            "StripeScopeError",
            Some("scope_not_allowed"),
            Some("scope[user]"),
        ),
        (
            js(
                json!({ "name": "n", "payload": "p", "scope": { "type": "user", "user": format!("{user} ") } }),
            ),
            "StripeScopeError",
            Some("scope_not_allowed"),
            Some("scope[user]"),
        ),
        (
            js(
                json!({ "name": "n", "payload": "p", "scope": { "type": "user", "user": user.to_uppercase() } }),
            ),
            "StripeScopeError",
            Some("scope_not_allowed"),
            Some("scope[user]"),
        ),
        (
            js(json!({ "name": "n", "payload": "p", "scope": { "type": "account", "user": user } })),
            "StripeScopeError",
            Some("scope_not_allowed"),
            Some("scope[user]"),
        ),
        (
            js(json!({ "name": "n", "payload": "p", "scope": { "type": "account", "extra": "x" } })),
            "StripeScopeError",
            Some("scope_not_allowed"),
            Some("scope"),
        ),
        (
            object(&[
                ("name", "n".into()),
                ("payload", "p".into()),
                ("scope", with_getter.into()),
            ]),
            "StripeScopeError",
            Some("scope_not_allowed"),
            Some("scope[type]"),
        ),
        (
            js(json!({ "name": "n", "payload": "p", "scope": "organization" })),
            "StripeScopeError",
            Some("scope_not_allowed"),
            Some("scope"),
        ),
        (
            object(&[
                ("name", "n".into()),
                ("payload", lone_surrogate.clone()),
                ("scope", js(json!({ "type": "account" }))),
            ]),
            "StripeInvalidRequestError",
            None,
            Some("payload"),
        ),
        (
            js(json!({ "name": "n", "payload": "x".repeat(5001), "scope": { "type": "account" } })),
            "StripeInvalidRequestError",
            None,
            Some("payload"),
        ),
        (
            js(json!({ "name": "n", "payload": "p", "scope": { "type": "account" }, "expires_at": 1 })),
            "StripeInvalidRequestError",
            None,
            Some("expires_at"),
        ),
        (
            js(json!({ "name": "n", "payload": "p", "scope": { "type": "account" }, "expires_at": 1.5 })),
            "StripeInvalidRequestError",
            None,
            Some("expires_at"),
        ),
        (
            js(json!({ "payload": "p", "scope": { "type": "account" } })),
            "StripeInvalidRequestError",
            Some("parameter_missing"),
            Some("name"),
        ),
        (
            js(json!({ "name": 5, "payload": "p", "scope": { "type": "account" } })),
            "StripeInvalidRequestError",
            None,
            Some("name"),
        ),
        (
            js(json!({ "name": "n", "payload": "p", "scope": { "type": "account" }, "paylod": "typo" })),
            "StripeInvalidRequestError",
            Some("parameter_unknown"),
            None,
        ),
        (JsValue::NULL, "StripeInvalidRequestError", None, Some("params")),
        (
            JsValue::UNDEFINED,
            "StripeInvalidRequestError",
            None,
            Some("params"),
        ),
    ];
    for (params, error_type, code, param) in cases {
        assert_rejects(store.create(params, JsValue::UNDEFINED), error_type, code, param).await;
    }
    let bad_limit = store.list(
        js(json!({ "scope": { "type": "account" }, "limit": 0 })),
        JsValue::UNDEFINED,
    );
    assert_rejects(bad_limit, "StripeInvalidRequestError", None, Some("limit")).await;
    let theirs = || json!({ "type": "user", "user": "usr_other" });
    let other_user = store.list(js(json!({ "scope": theirs() })), JsValue::UNDEFINED);
    assert_rejects(other_user, "StripeScopeError", Some("scope_not_allowed"), None).await;
    let other_find = store.find(js(json!({ "name": "n", "scope": theirs() })), JsValue::UNDEFINED);
    assert_rejects(other_find, "StripeScopeError", Some("scope_not_allowed"), None).await;
    let other_delete = store.delete_where(js(json!({ "name": "n", "scope": theirs() })), JsValue::UNDEFINED);
    assert_rejects(other_delete, "StripeScopeError", Some("scope_not_allowed"), None).await;
    let crlf_key = store.create(
        js(json!({ "name": "n", "payload": "p", "scope": { "type": "account" } })),
        js(json!({ "idempotencyKey": "a\r\nb" })),
    );
    assert_rejects(
        crlf_key,
        "StripeInvalidRequestError",
        None,
        Some("idempotencyKey"),
    )
    .await;
    // listAll refuses on its first next(), before any page is fetched.
    let walk = store.list_all(js(json!({ "scope": theirs() })), JsValue::UNDEFINED);
    let next: Function = get(&walk, "next").unchecked_into();
    assert_rejects(
        next.call0(&walk).unwrap().unchecked_into(),
        "StripeScopeError",
        None,
        None,
    )
    .await;

    assert_eq!(
        requests_seen().await,
        before,
        "no refused call reached the server"
    );

    // The module and this store still work.
    let created = settle(store.create(
        object(&[
            ("name", "after".into()),
            ("payload", "still works".into()),
            ("scope", "user".into()),
        ]),
        JsValue::UNDEFINED,
    ))
    .await;
    assert!(created.is_ok());
    assert_eq!(requests_seen().await, before + 1);
}

#[wasm_bindgen_test]
async fn server_errors_arrive_as_the_right_types() {
    let user = fresh_user("errors");
    let store = store(&user);
    // 400 from the server: the 11th secret of a scope. (A payload of four
    // bytes or more: a shorter one found in the message withholds it.)
    for i in 0..10 {
        settle(store.create(
            js(json!({ "name": format!("s{i}"), "payload": "value", "scope": "user" })),
            JsValue::UNDEFINED,
        ))
        .await
        .unwrap();
    }
    let eleventh = store.create(
        js(json!({ "name": "s10", "payload": "value", "scope": "user" })),
        JsValue::UNDEFINED,
    );
    let error = assert_rejects(eleventh, "StripeInvalidRequestError", None, None).await;
    assert_eq!(get(&error, "statusCode").as_f64(), Some(400.0));
    assert!(get(&error, "message").as_string().unwrap().contains("10"));

    // 401 from the server: a live key is refused by the emulator.
    let live = JsSecretStore::new(js(json!({
        "userId": user,
        "apiKey": "sk_live_not_allowed_here",
        "baseUrl": emulator(),
    })))
    .unwrap();
    let denied = live.find(js(json!({ "name": "s1", "scope": "user" })), JsValue::UNDEFINED);
    let error = assert_rejects(denied, "StripeAuthenticationError", None, None).await;
    assert_eq!(get(&error, "statusCode").as_f64(), Some(401.0));
    assert!(!get(&error, "message")
        .as_string()
        .unwrap()
        .contains("sk_live_not_allowed_here"));

    // A connection error: nothing listens on port 9 of loopback.
    let unreachable = JsSecretStore::new(js(json!({
        "userId": user,
        "apiKey": "sk_test_x",
        "baseUrl": "http://127.0.0.1:9",
        "maxNetworkRetries": 0,
    })))
    .unwrap();
    let error = unreachable.find(
        js(json!({ "name": "s1", "scope": "account" })),
        JsValue::UNDEFINED,
    );
    assert_rejects(error, "StripeConnectionError", None, None).await;

    // Still usable afterwards.
    let found = settle(store.find(
        js(json!({ "name": "s9", "scope": "user", "expand": ["payload"] })),
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap();
    assert_eq!(get(&found, "payload").as_string().as_deref(), Some("value"));
}

#[wasm_bindgen_test]
async fn a_foreign_secret_in_an_answer_is_withheld() {
    // A stand-in for stripeApiFetch that answers with another user's secret.
    let liar = Function::new_with_args(
        "path, init",
        "return Promise.resolve({ status: 200, ok: true, headers: { 'Request-Id': 'req_fake' }, json: {
            id: 'appsecret_x', object: 'apps.secret', created: 1, expires_at: null, livemode: false,
            name: 'n', payload: 'bobs-payload', scope: { type: 'user', user: 'usr_bob' } } })",
    );
    let store =
        JsSecretStore::new(object(&[("userId", "usr_alice".into()), ("fetch", liar.into())])).unwrap();
    let asked = store.find(
        js(json!({ "name": "n", "scope": "user", "expand": ["payload"] })),
        JsValue::UNDEFINED,
    );
    let error = assert_rejects(
        asked,
        "StripeScopeError",
        Some("scope_mismatch_in_response"),
        None,
    )
    .await;
    let shown: String = js_sys::JSON::stringify(&error).unwrap().into();
    let message = get(&error, "message").as_string().unwrap();
    assert!(!shown.contains("bobs-payload") && !message.contains("bobs-payload"));
}

#[wasm_bindgen_test]
async fn options_are_checked_when_the_store_is_built() {
    let cases = [
        js(json!({ "apiKey": "sk_test_x", "baseUrl": "http://example.com" })),
        object(&[
            ("apiKey", "sk_test_x".into()),
            ("fetch", Function::new_no_args("").into()),
        ]),
        js(json!({ "userId": "", "apiKey": "sk_test_x" })),
        js(json!({ "apiKey": "sk_test_x", "timeout": -1 })),
        js(json!({ "apiKey": "sk_test_x", "colour": "blue" })),
        js(json!({})),
        JsValue::from(42),
    ];
    for options in cases {
        let error = JsSecretStore::new(options).err().expect("refused");
        assert_eq!(
            get(&error, "type").as_string().as_deref(),
            Some("StripeInvalidRequestError")
        );
        assert!(!get(&error, "message").as_string().unwrap().contains("sk_test_x"));
    }
}

#[wasm_bindgen_test]
async fn the_rust_api_works_in_the_browser() {
    let user = fresh_user("rust");
    let store = SecretStore::new(Options {
        user_id: Some(user.clone()),
        api_key: Some("sk_test_rust".into()),
        base_url: Some(emulator().into()),
        ..Options::default()
    })
    .unwrap();
    let params = CreateParams {
        name: "from-rust".into(),
        payload: "a&b=c+d 🔐".into(),
        scope: Scope::user(user.as_str()),
        expires_at: Some((js_sys::Date::now() / 1000.0) as i64 + 3600),
        expand: vec![],
    };
    store.create(&params, &RequestOptions::default()).await.unwrap();
    let find = FindParams {
        name: "from-rust".into(),
        scope: Scope::user(user.as_str()),
        expand: vec!["payload".into()],
    };
    let secret = store.find(&find, &RequestOptions::default()).await.unwrap();
    assert_eq!(secret.payload.as_deref(), Some("a&b=c+d 🔐"));
    assert!(secret.expires_at.is_some());
    let theirs = FindParams {
        scope: Scope::user("usr_someone_else"),
        ..find
    };
    let error = store.find(&theirs, &RequestOptions::default()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Scope);
}

#[wasm_bindgen_test]
async fn a_stand_in_that_answers_junk_is_an_api_error_without_retries() {
    let junk = Function::new_with_args(
        "path, init",
        "globalThis.junkCalls = (globalThis.junkCalls || 0) + 1; return Promise.resolve(undefined)",
    );
    let store =
        JsSecretStore::new(object(&[("userId", "usr_alice".into()), ("fetch", junk.into())])).unwrap();
    let asked = store.find(js(json!({ "name": "n", "scope": "user" })), JsValue::UNDEFINED);
    assert_rejects(asked, "StripeAPIError", Some("unexpected_response"), None).await;
    let calls = Reflect::get(&js_sys::global(), &"junkCalls".into()).unwrap();
    assert_eq!(calls.as_f64(), Some(1.0), "a malformed answer is not retried");

    // Stripe's doc_url comes through on errors read from a body.
    let not_found = Function::new_with_args(
        "path, init",
        "return Promise.resolve({ status: 404, ok: false, headers: {}, json: { error: {
            type: 'invalid_request_error', code: 'resource_missing', message: 'No such secret',
            doc_url: 'https://stripe.com/docs/error-codes/resource-missing' } } })",
    );
    let store = JsSecretStore::new(object(&[
        ("userId", "usr_alice".into()),
        ("fetch", not_found.into()),
    ]))
    .unwrap();
    let asked = store.find(js(json!({ "name": "n", "scope": "user" })), JsValue::UNDEFINED);
    let error = assert_rejects(asked, "StripeInvalidRequestError", Some("resource_missing"), None).await;
    assert_eq!(
        get(&error, "doc_url").as_string().as_deref(),
        Some("https://stripe.com/docs/error-codes/resource-missing")
    );
}
