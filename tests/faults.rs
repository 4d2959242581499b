//! Fault suite: retries, timeouts, aborts, concurrency and a seeded
//! round-trip fuzz, in headless Chrome against the emulator's fault queue.
//! The test command passes the emulator's address in `EMULATOR_URL`.
//! wasm-bindgen-test runs one test at a time, so queued faults reach the
//! request of the test that queued them.
#![cfg(target_arch = "wasm32")]
// JS strings are compared as JS strings: converting one to Rust would turn
// a lone surrogate into U+FFFD and could hide a changed payload.
#![allow(clippy::cmp_owned)]

use js_sys::{Array, JsString, Promise};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

mod common;

use common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A small seeded generator (xorshift64*), so a failing fuzz run repeats.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A store of `user` against the emulator; `extra` adds options (a `json!` object).
fn store_with(user: &str, extra: Value) -> JsSecretStore {
    let mut options = json!({
        "userId": user,
        "apiKey": "sk_test_fault_suite",
        "baseUrl": emulator(),
    });
    if let (Some(options), Value::Object(extra)) = (options.as_object_mut(), extra) {
        options.extend(extra);
    }
    JsSecretStore::new(js(options)).expect("valid options")
}

/// The logged /v1 requests whose params mention `user`.
async fn requests_of(user: &str) -> Vec<Logged> {
    let mut all = requests().await;
    all.retain(|entry| entry.mentions(user));
    all
}

/// The status the emulator logged for each of `user`'s requests: `None`
/// while it has not answered (a `delay_ms` fault still waiting).
async fn statuses_of(user: &str) -> Vec<Option<u16>> {
    requests_of(user).await.iter().map(|entry| entry.status).collect()
}

/// Waits (boundedly) until the emulator has logged `count` of `user`'s requests.
async fn wait_until_received(user: &str, count: usize) {
    for _ in 0..500 {
        if requests_of(user).await.len() >= count {
            return;
        }
        sleep(10).await;
    }
    panic!("the emulator never received request {count} of {user}");
}

async fn create(store: &JsSecretStore, name: &str, payload: &str) -> Result<JsValue, JsValue> {
    let params = js(json!({ "name": name, "payload": payload, "scope": "user" }));
    JsFuture::from(store.create(params, JsValue::UNDEFINED)).await
}

async fn find(store: &JsSecretStore, name: &str) -> Result<JsValue, JsValue> {
    let params = js(json!({ "name": name, "scope": "user", "expand": ["payload"] }));
    JsFuture::from(store.find(params, JsValue::UNDEFINED)).await
}

#[wasm_bindgen_test]
async fn two_500s_then_success_store_once_with_one_key() {
    reset().await;
    let user = fresh_user("retry");
    let store = store_with(&user, json!({}));
    queue_faults(json!([{ "status": 500 }, { "status": 500 }])).await;
    create(&store, "once", "exactly once")
        .await
        .expect("third attempt succeeds");
    let attempts = requests_of(&user).await;
    assert_eq!(attempts.len(), 3);
    let keys: Vec<String> = attempts
        .iter()
        .map(|a| a.idempotency_key.clone().unwrap())
        .collect();
    assert!(
        keys.iter().all(|k| k == &keys[0]),
        "one key across attempts: {keys:?}"
    );
    let statuses: Vec<Option<u16>> = attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(500), Some(200)]);
    let list = JsFuture::from(store.list(js(json!({ "scope": "user" })), JsValue::UNDEFINED))
        .await
        .unwrap();
    assert_eq!(
        get(&list, "data").unchecked_into::<Array>().length(),
        1,
        "stored once"
    );
}

#[wasm_bindgen_test]
async fn a_dropped_connection_is_retried() {
    reset().await;
    let user = fresh_user("drop");
    let store = store_with(&user, json!({}));
    create(&store, "d", "payload").await.unwrap();
    queue_faults(json!([{ "drop": true }])).await;
    let found = find(&store, "d").await.expect("the retry succeeds");
    assert_eq!(get(&found, "payload").as_string().as_deref(), Some("payload"));
    assert_eq!(requests_of(&user).await.len(), 3, "create, dropped find, find");
}

#[wasm_bindgen_test]
async fn a_timeout_aborts_the_attempt_and_the_retry_succeeds() {
    reset().await;
    let user = fresh_user("slow");
    let store = store_with(&user, json!({ "timeout": 300 }));
    create(&store, "t", "payload").await.unwrap();
    // The slowest answer the emulator gives: only an abandoned attempt lets
    // the retry finish first.
    queue_faults(json!([{ "delay_ms": 60000 }])).await;
    let found = find(&store, "t").await.expect("the retry succeeds");
    assert_eq!(get(&found, "payload").as_string().as_deref(), Some("payload"));
    let statuses = statuses_of(&user).await;
    assert_eq!(
        statuses,
        [Some(200), None, Some(200)],
        "create, the slow find still unanswered when the retry's answer came, the retry"
    );

    // With no retries left, the timeout itself is the answer.
    let impatient = store_with(&user, json!({ "timeout": 200, "maxNetworkRetries": 0 }));
    queue_faults(json!([{ "delay_ms": 1000 }])).await;
    let error = find(&impatient, "t").await.unwrap_err();
    assert_eq!(
        get(&error, "type").as_string().as_deref(),
        Some("StripeConnectionError")
    );
    assert_eq!(get(&error, "code").as_string().as_deref(), Some("timeout"));
}

#[wasm_bindgen_test]
async fn a_429_without_retries_is_a_rate_limit_error_after_one_attempt() {
    reset().await;
    let user = fresh_user("limit");
    let store = store_with(&user, json!({ "maxNetworkRetries": 0 }));
    queue_faults(json!([{ "status": 429 }])).await;
    let error = create(&store, "r", "p").await.unwrap_err();
    assert_eq!(
        get(&error, "type").as_string().as_deref(),
        Some("StripeRateLimitError")
    );
    assert_eq!(get(&error, "statusCode").as_f64(), Some(429.0));
    assert_eq!(requests_of(&user).await.len(), 1);
}

#[wasm_bindgen_test]
async fn stripe_should_retry_false_stops_retries() {
    reset().await;
    let user = fresh_user("nope");
    let store = store_with(&user, json!({}));
    queue_faults(json!([{ "status": 503, "should_retry": false }])).await;
    let error = create(&store, "n", "p").await.unwrap_err();
    assert_eq!(get(&error, "type").as_string().as_deref(), Some("StripeAPIError"));
    assert_eq!(requests_of(&user).await.len(), 1);
}

#[wasm_bindgen_test]
async fn an_abort_stops_the_call_and_sends_nothing_more() {
    reset().await;
    let user = fresh_user("abort");
    let store = store_with(&user, json!({}));

    // Already aborted: nothing is sent.
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let options = object(&[("signal", controller.signal().into())]);
    let params = js(json!({ "name": "a", "payload": "p", "scope": "user" }));
    let error = JsFuture::from(store.create(params.clone(), options))
        .await
        .unwrap_err();
    assert_eq!(
        get(&error, "type").as_string().as_deref(),
        Some("StripeAbortError")
    );
    assert!(requests_of(&user).await.is_empty());

    // Aborted while the server is slow: the call ends without its answer.
    queue_faults(json!([{ "delay_ms": 60000 }])).await;
    let controller = web_sys::AbortController::new().unwrap();
    let options = object(&[("signal", controller.signal().into())]);
    let pending = JsFuture::from(store.create(params.clone(), options));
    wait_until_received(&user, 1).await;
    controller.abort();
    let error = pending.await.unwrap_err();
    assert_eq!(
        get(&error, "type").as_string().as_deref(),
        Some("StripeAbortError")
    );
    assert_eq!(
        statuses_of(&user).await,
        [None],
        "rejected while the one attempt was still unanswered"
    );

    // The store still works, and the next request it sends is its own: the
    // aborted call, which has settled, sent no retry.
    create(&store, "after", "p").await.expect("usable after aborts");
    let names: Vec<Option<String>> = requests_of(&user)
        .await
        .iter()
        .map(|entry| entry.param("name").map(str::to_owned))
        .collect();
    assert_eq!(
        names,
        [Some("a".to_owned()), Some("after".to_owned())],
        "the aborted attempt, then the next call"
    );
}

#[wasm_bindgen_test]
async fn two_hundred_calls_in_flight_each_get_their_own_answer() {
    // 20 users x 10 names: the 10-per-scope limit is respected.
    let stores: Vec<(String, JsSecretStore)> = (0..20)
        .map(|i| {
            let user = fresh_user(&format!("many{i}x"));
            let store = store_with(&user, json!({}));
            (user, store)
        })
        .collect();
    let payload = |u: usize, n: usize| format!("payload of user {u} secret {n} 🔐&=");
    let creates = Array::new();
    for (u, (_, store)) in stores.iter().enumerate() {
        for n in 0..10 {
            let params = js(json!({ "name": format!("s{n}"), "payload": payload(u, n), "scope": "user" }));
            creates.push(&store.create(params, JsValue::UNDEFINED));
        }
    }
    assert_eq!(creates.length(), 200);
    JsFuture::from(Promise::all(&creates))
        .await
        .expect("all 200 creates succeed");
    let finds = Array::new();
    for (_, store) in &stores {
        for n in 0..10 {
            let params = js(json!({ "name": format!("s{n}"), "scope": "user", "expand": ["payload"] }));
            finds.push(&store.find(params, JsValue::UNDEFINED));
        }
    }
    let found: Array = JsFuture::from(Promise::all(&finds))
        .await
        .expect("all 200 finds succeed")
        .unchecked_into();
    for (i, secret) in found.iter().enumerate() {
        let (u, n) = (i / 10, i % 10);
        assert_eq!(
            get(&secret, "payload").as_string(),
            Some(payload(u, n)),
            "call {i}"
        );
        assert_eq!(
            get(&get(&secret, "scope"), "user").as_string().as_deref(),
            Some(stores[u].0.as_str())
        );
    }
}

/// A random string: ASCII with the form's special characters, controls and
/// NUL, BMP characters and astral ones; now and then 5000 characters long.
fn random_text(rng: &mut Seeded) -> String {
    let len = if rng.below(50) == 0 {
        5000
    } else {
        1 + rng.below(40) as usize
    };
    (0..len)
        .map(|_| match rng.below(6) {
            0 => {
                let special = b"&=+%#?[] \\\"'/;:,";
                special[rng.below(special.len() as u64) as usize] as char
            }
            1 => char::from_u32(rng.below(0x20) as u32).unwrap(),
            2 => char::from_u32(0x20 + rng.below(0x5F) as u32).unwrap(),
            3 => loop {
                if let Some(c) = char::from_u32(0x80 + rng.below(0xFFFF - 0x80) as u32) {
                    break c;
                }
            },
            4 => char::from_u32(0x10000 + rng.below(0x10FFFF - 0x10000) as u32).unwrap_or('🔐'),
            _ => '\0',
        })
        .collect()
}

#[wasm_bindgen_test]
async fn seeded_round_trip_fuzz_is_exact() {
    const SEED: u64 = 0x05EC_2E75_701E;
    const CASES: usize = 2000;
    const LANES: usize = 10;
    let mut rng = Seeded(SEED);
    let cases: Vec<(String, String)> = (0..CASES)
        .map(|_| (random_text(&mut rng), random_text(&mut rng)))
        .collect();
    let lanes: Vec<JsSecretStore> = (0..LANES)
        .map(|i| store_with(&fresh_user(&format!("fuzz{i}x")), json!({})))
        .collect();
    // Each lane handles every LANES-th case, one at a time; lanes run together.
    let mut offset = 0;
    while offset < CASES {
        let batch = Array::new();
        for (lane, store) in lanes.iter().enumerate() {
            let Some((name, payload)) = cases.get(offset + lane) else {
                break;
            };
            let set = js(json!({ "name": name, "payload": payload, "scope": "user" }));
            batch.push(&store.create(set, JsValue::UNDEFINED));
        }
        JsFuture::from(Promise::all(&batch))
            .await
            .expect("every create succeeds");
        let finds = Array::new();
        for (lane, store) in lanes.iter().enumerate() {
            let Some((name, _)) = cases.get(offset + lane) else {
                break;
            };
            let params = js(json!({ "name": name, "scope": "user", "expand": ["payload"] }));
            finds.push(&store.find(params, JsValue::UNDEFINED));
        }
        let found: Array = JsFuture::from(Promise::all(&finds))
            .await
            .expect("every find succeeds")
            .unchecked_into();
        let deletes = Array::new();
        for (lane, secret) in found.iter().enumerate() {
            let (name, payload) = &cases[offset + lane];
            let back: JsString = get(&secret, "payload").unchecked_into();
            assert!(
                back == JsString::from(payload.as_str()),
                "payload of case {} changed (seed {SEED:#x})",
                offset + lane
            );
            assert!(get(&secret, "name").unchecked_into::<JsString>() == JsString::from(name.as_str()));
            let params = js(json!({ "name": name, "scope": "user" }));
            deletes.push(&lanes[lane].delete_where(params, JsValue::UNDEFINED));
        }
        JsFuture::from(Promise::all(&deletes))
            .await
            .expect("every delete succeeds");
        offset += LANES;
    }
}
