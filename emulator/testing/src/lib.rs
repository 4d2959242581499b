//! The Secret Store emulator's engine ([`secret_store_core`]) for JavaScript:
//! the engine behind `createSecretStoreApi` of `stripe-apps-secrets/testing`
//! (`js/testing.js`), which adds the `stripeApiFetch` shape, the clock and
//! the delays. Nothing here does I/O or reads a clock.
#![warn(missing_docs)]

mod faults;

use secret_store_core::{Admission, Body, Head, Outcome};
use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::prelude::*;

/// JS values as `JSON.parse` made them from the emulator's JSON: plain
/// objects (not `Map`s), `null` for none, numbers as numbers.
const AS_JSON: Serializer = Serializer::json_compatible();

/// One in-memory Secret Store with its request log, idempotency keys and faults.
#[wasm_bindgen]
pub struct Engine {
    inner: secret_store_core::Engine,
}

/// A request logged and given its fault, to be answered after `delayMs`.
#[wasm_bindgen]
pub struct Pending {
    inner: Admission,
}

/// An HTTP answer: status, reason phrase, headers and JSON text.
#[wasm_bindgen(getter_with_clone)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The reason phrase an HTTP/1.1 server sends with it ("" if none).
    #[wasm_bindgen(js_name = statusText)]
    pub status_text: String,
    /// Header names (lowercase) and values, alternating.
    pub headers: Vec<String>,
    /// The JSON body.
    pub body: String,
}

#[wasm_bindgen]
impl Pending {
    /// Milliseconds to wait before answering (a fault's `delay_ms`), if any.
    #[wasm_bindgen(getter, js_name = delayMs)]
    pub fn delay_ms(&self) -> Option<f64> {
        // At most 60 000: exact in an f64.
        self.inner.delay_ms().map(|ms| ms as f64)
    }
}

#[wasm_bindgen]
impl Engine {
    /// An empty store; `seed` seeds its ids.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: u32) -> Engine {
        Engine {
            inner: secret_store_core::Engine::new(u64::from(seed) << 32 | 0x5ec7_e75a),
        }
    }

    /// Step 1: reads the params (query without `?`, then a POST body), logs
    /// the request and takes the next queued fault. `names` and `values` are
    /// the request's headers.
    pub fn admit(
        &mut self,
        method: &str,
        path: &str,
        query: &str,
        names: Vec<String>,
        values: Vec<String>,
        body: Option<Vec<u8>>,
    ) -> Pending {
        let mut head = Head::new(method, path);
        for (name, value) in names.iter().zip(values) {
            head.push(name, value);
        }
        let body = body.unwrap_or_default();
        Pending {
            inner: self.inner.admit(head, query, Body::Bytes(&body)),
        }
    }

    /// Step 2: the answer at `now_ms` (Unix milliseconds); `undefined` when a
    /// `drop` fault cuts the connection.
    pub fn answer(&mut self, pending: Pending, now_ms: f64) -> Option<Reply> {
        let Outcome::Answer(answer) = self.inner.answer(pending.inner, now_ms as i64) else {
            return None;
        };
        let status_text = http::StatusCode::from_u16(answer.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        let mut headers = Vec::with_capacity(answer.headers.len() * 2);
        for (name, value) in answer.headers {
            headers.push(name.to_owned());
            headers.push(String::from_utf8_lossy(&value).into_owned());
        }
        Some(Reply {
            status: answer.status,
            status_text: status_text.to_owned(),
            headers,
            // The engine writes JSON with serde_json: always UTF-8.
            body: String::from_utf8_lossy(&answer.body).into_owned(),
        })
    }

    /// A fresh `req_…` id.
    #[wasm_bindgen(js_name = requestId)]
    pub fn request_id(&mut self) -> String {
        self.inner.request_id()
    }

    /// The requests since the last reset, oldest first (payloads as lengths).
    pub fn requests(&self) -> Result<JsValue, serde_wasm_bindgen::Error> {
        self.inner.requests().serialize(&AS_JSON)
    }

    /// The faults still queued, next first.
    pub fn faults(&self) -> Result<JsValue, serde_wasm_bindgen::Error> {
        self.inner.faults().serialize(&AS_JSON)
    }

    /// Queues an array of faults; the number queued, or an error saying why none was.
    #[wasm_bindgen(js_name = addFaults)]
    pub fn add_faults(&mut self, faults: JsValue) -> Result<u32, JsError> {
        match faults::read(faults).and_then(|list| self.inner.queue_fault_list(list)) {
            Ok(queued) => Ok(u32::try_from(queued).unwrap_or(u32::MAX)),
            Err(error) => Err(JsError::new(&error.message)),
        }
    }

    /// Every live secret at `now_ms`, payloads included.
    pub fn secrets(&mut self, now_ms: f64) -> Result<JsValue, serde_wasm_bindgen::Error> {
        self.inner.secrets(now_ms as i64).serialize(&AS_JSON)
    }

    /// Forgets secrets, the request log, idempotency keys and faults.
    pub fn reset(&mut self) {
        drop(self.inner.reset());
    }
}

/// Whether `id` is a Dashboard user id the engine accepts (`usr_` and letters or digits).
#[wasm_bindgen(js_name = isUserId)]
pub fn is_user_id(id: &str) -> bool {
    secret_store_core::is_user_id(id)
}
