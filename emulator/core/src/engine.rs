//! The engine: one Secret Store with its request log, idempotency cache and
//! fault queue, answering requests in two steps so that a caller can wait out
//! a fault's delay between them without holding the engine:
//!
//! 1. [`Engine::admit`] reads the params, logs the request and takes the next
//!    queued fault, so both keep arrival order;
//! 2. [`Engine::answer`] decides the answer at the time it is given (the
//!    clock is the caller's: time travel is a later `now_ms`).

use std::collections::VecDeque;

use fastrand::Rng;
use serde::Serialize;

use crate::api;
use crate::errors::ApiError;
use crate::faults::Fault;
use crate::form;
use crate::head::Head;
use crate::idempotency::Cache;
use crate::ids;
use crate::limits::{MAX_BODY, MAX_FAULTS, MAX_PARAMS};
use crate::reply::Reply;
use crate::reqlog::{self, Entry, RequestLog};
use crate::store::{Scope, Store};

/// Echoed when the client pins no version.
const DEFAULT_VERSION: &str = "2024-04-10";

/// Everything a reset forgets.
#[derive(Default)]
pub struct State {
    store: Store,
    log: RequestLog,
    idempotency: Cache,
    faults: VecDeque<Fault>,
}

/// A request's body as the server could read it.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    /// The bytes received (empty for no body).
    Bytes(&'a [u8]),
    /// The server refused to read it (too large, too slow): this is the answer.
    Refused(&'a ApiError),
}

/// A request logged and given its fault, waiting for [`Engine::answer`].
#[derive(Debug)]
pub struct Admission {
    head: Head,
    input: Result<Vec<(String, String)>, ApiError>,
    log_id: u64,
    fault: Fault,
}

impl Admission {
    /// How long to wait before answering (a queued fault's `delay_ms`).
    pub fn delay_ms(&self) -> Option<u64> {
        self.fault.delay_ms
    }
}

/// What becomes of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Send this answer.
    Answer(Answer),
    /// Close the connection without any answer (a `drop` fault).
    Drop,
}

/// An HTTP answer: always JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The status.
    pub status: u16,
    /// Lowercase names; `content-type` first. `Request-Id` is the server's to add.
    pub headers: Vec<(&'static str, Vec<u8>)>,
    /// JSON text.
    pub body: Vec<u8>,
}

impl Answer {
    fn json(reply: Reply) -> Self {
        Self {
            status: reply.status,
            headers: vec![("content-type", b"application/json".to_vec())],
            body: reply.body,
        }
    }
}

/// Whether a server should read the body of a request before [`Engine::admit`]:
/// only POST bodies count, and not once the query string is already refused.
pub fn wants_body(method: &str, query: &str) -> bool {
    method == "POST" && form::decode(query.as_bytes()).is_ok()
}

/// One emulated Secret Store.
pub struct Engine {
    state: State,
    rng: Rng,
}

impl Engine {
    /// An empty store whose ids come from a generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            state: State::default(),
            rng: Rng::with_seed(seed),
        }
    }

    /// Step 1: reads the params of a `/v1` request (query string, then a POST
    /// body), logs it, and takes the next queued fault.
    pub fn admit(&mut self, head: Head, query: &str, body: Body<'_>) -> Admission {
        let input = read_input(&head, query, body);
        let log_id = self.state.log.push(log_entry(&head, &input));
        let fault = self.state.faults.pop_front().unwrap_or_default();
        Admission {
            head,
            input,
            log_id,
            fault,
        }
    }

    /// Step 2: the answer at `now_ms` (Unix milliseconds), recorded in the log.
    pub fn answer(&mut self, admission: Admission, now_ms: i64) -> Outcome {
        let Admission {
            head,
            input,
            log_id,
            fault,
        } = admission;
        if fault.drop {
            return Outcome::Drop;
        }
        let answer = match fault.status {
            Some(status) => {
                let mut answer = Answer::json(Fault::error(status).reply());
                if let Some(retry) = fault.should_retry {
                    let value: &[u8] = if retry { b"true" } else { b"false" };
                    answer.headers.push(("stripe-should-retry", value.to_vec()));
                }
                answer
            }
            None => {
                let state = &mut self.state;
                let answered = api::respond(
                    &mut state.store,
                    &mut state.idempotency,
                    &mut self.rng,
                    &head,
                    &input,
                    now_ms,
                );
                let mut answer = Answer::json(answered.reply);
                if answered.replayed {
                    answer.headers.push(("idempotent-replayed", b"true".to_vec()));
                }
                let version = head.get("stripe-version").unwrap_or(DEFAULT_VERSION.as_bytes());
                answer.headers.push(("stripe-version", version.to_vec()));
                if head.method == "POST" {
                    if let Some(key) = head.get("idempotency-key") {
                        answer.headers.push(("idempotency-key", key.to_vec()));
                    }
                }
                answer
            }
        };
        self.state.log.set_status(log_id, Some(answer.status));
        Outcome::Answer(answer)
    }

    /// A fresh `req_…` id for an answer.
    pub fn request_id(&mut self) -> String {
        ids::request_id(&mut self.rng)
    }

    /// Whether faults wait in the queue.
    pub fn faults_queued(&self) -> bool {
        !self.state.faults.is_empty()
    }

    /// Forgets secrets, the request log, idempotency keys and faults; returns
    /// the old state so that the caller may free it outside any lock.
    pub fn reset(&mut self) -> State {
        std::mem::take(&mut self.state)
    }

    /// The `/v1` requests since the last reset, oldest first (payloads as
    /// lengths): JSON for `GET /_emulator/requests`, JS values in the testing engine.
    pub fn requests(&self) -> impl Serialize + '_ {
        self.state.log.entries()
    }

    /// [`Engine::requests`] as a JSON array.
    pub fn requests_json(&self) -> Vec<u8> {
        to_json(&self.requests())
    }

    /// The faults still queued, next first.
    pub fn faults(&self) -> impl Serialize + '_ {
        &self.state.faults
    }

    /// [`Engine::faults`] as a JSON array.
    pub fn faults_json(&self) -> Vec<u8> {
        to_json(&self.faults())
    }

    /// Appends a JSON array of faults to the queue: `{"ok":true,"queued":N}`,
    /// or a 400 that queues none of them.
    pub fn add_faults(&mut self, json: &[u8]) -> Reply {
        self.queue_faults(json)
            .map(|queued| Reply::ok(&serde_json::json!({ "ok": true, "queued": queued })))
            .unwrap_or_else(|e| e.reply())
    }

    /// Appends a JSON array of faults to the queue: how many are queued now,
    /// or why none of them was.
    pub fn queue_faults(&mut self, json: &[u8]) -> Result<usize, ApiError> {
        let faults = serde_json::from_slice(json).map_err(Fault::unreadable_list)?;
        self.queue_fault_list(faults)
    }

    /// Appends faults already read (the testing engine reads them from JS):
    /// how many are queued now, or why none of them was.
    pub fn queue_fault_list(&mut self, faults: Vec<Fault>) -> Result<usize, ApiError> {
        for (i, fault) in faults.iter().enumerate() {
            fault
                .validate()
                .map_err(|why| ApiError::invalid(format!("Fault {i}: {why}.")))?;
        }
        let queue = &mut self.state.faults;
        if queue.len() + faults.len() > MAX_FAULTS {
            return Err(ApiError::invalid(format!(
                "Too many faults: {} are queued and {} more were sent; at most {MAX_FAULTS} may \
                 wait at once.",
                queue.len(),
                faults.len()
            )));
        }
        queue.extend(faults);
        Ok(queue.len())
    }

    /// Every live secret at `now_ms`, payloads included: what a test asserts
    /// on. `account` is the `Stripe-Account` ("" for the platform).
    pub fn secrets(&mut self, now_ms: i64) -> impl Serialize {
        let all = self.state.store.snapshot(now_ms);
        all.into_iter()
            .map(|(bucket, secret)| Held {
                account: bucket.account,
                id: secret.id,
                name: secret.name,
                payload: secret.payload,
                scope: match secret.scope {
                    Scope::Account => HeldScope {
                        kind: "account",
                        user: None,
                    },
                    Scope::User(user) => HeldScope {
                        kind: "user",
                        user: Some(user),
                    },
                },
                created: secret.created,
                expires_at: secret.expires_at,
            })
            .collect::<Vec<_>>()
    }
}

/// Strings, numbers, options and lists only: serialization cannot fail.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

#[derive(Serialize)]
struct Held {
    account: String,
    id: String,
    name: String,
    payload: String,
    scope: HeldScope,
    created: i64,
    expires_at: Option<i64>,
}

#[derive(Serialize)]
struct HeldScope {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<String>,
}

/// Query string params, then (for POST) form body params.
fn read_input(head: &Head, query: &str, body: Body<'_>) -> Result<Vec<(String, String)>, ApiError> {
    let mut pairs = form::decode(query.as_bytes())?;
    if head.method != "POST" {
        return Ok(pairs);
    }
    let bytes = match body {
        Body::Refused(error) => return Err(error.clone()),
        Body::Bytes(bytes) if bytes.len() > MAX_BODY => return Err(ApiError::too_large()),
        Body::Bytes(bytes) => bytes,
    };
    let json = head
        .text("content-type")
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"));
    if json {
        return Err(ApiError::invalid(
            "Invalid request: the Stripe API takes form-encoded bodies \
             (Content-Type: application/x-www-form-urlencoded, e.g. name=x&scope[type]=account), \
             not JSON.",
        ));
    }
    pairs.extend(form::decode(bytes)?);
    if pairs.len() > MAX_PARAMS {
        return Err(form::too_many(pairs.len()));
    }
    Ok(pairs)
}

fn log_entry(head: &Head, input: &Result<Vec<(String, String)>, ApiError>) -> Entry {
    Entry {
        id: 0,
        method: head.method.clone(),
        path: head.path.clone(),
        // Unreadable input is logged without params rather than half-decoded.
        params: input.as_deref().map(reqlog::redact).unwrap_or_default(),
        headers: head.names(),
        idempotency_key: head.text("idempotency-key").map(str::to_owned),
        status: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_800_000_000_000;

    fn call(engine: &mut Engine, method: &str, path: &str, params: &str, now_ms: i64) -> Outcome {
        let mut head = Head::new(method, path);
        head.push("Authorization", "Bearer DO_NOT_PASS_A_REAL_API_KEY");
        head.push("Stripe-Emulator-User", "usr_me");
        let (query, body) = if method == "POST" {
            ("", params)
        } else {
            (params, "")
        };
        let admission = engine.admit(head, query, Body::Bytes(body.as_bytes()));
        engine.answer(admission, now_ms)
    }

    fn status(outcome: &Outcome) -> u16 {
        match outcome {
            Outcome::Answer(answer) => answer.status,
            Outcome::Drop => 0,
        }
    }

    #[test]
    fn secrets_expire_on_the_callers_clock() {
        let mut engine = Engine::new(1);
        let set = format!(
            "name=n&payload=p&scope[type]=account&expires_at={}",
            T0 / 1000 + 60
        );
        assert_eq!(
            status(&call(&mut engine, "POST", "/v1/apps/secrets", &set, T0)),
            200
        );
        let find = "name=n&scope[type]=account";
        let path = "/v1/apps/secrets/find";
        assert_eq!(status(&call(&mut engine, "GET", path, find, T0 + 59_999)), 200);
        assert_eq!(status(&call(&mut engine, "GET", path, find, T0 + 60_000)), 404);
    }

    #[test]
    fn extensions_reach_only_their_user() {
        let mut engine = Engine::new(1);
        let other = "name=n&payload=p&scope[type]=user&scope[user]=usr_other";
        assert_eq!(
            status(&call(&mut engine, "POST", "/v1/apps/secrets", other, T0)),
            403
        );
        let mine = "name=n&payload=p&scope[type]=user&scope[user]=usr_me";
        assert_eq!(
            status(&call(&mut engine, "POST", "/v1/apps/secrets", mine, T0)),
            200
        );
    }

    #[test]
    fn faults_apply_in_order_and_are_logged() {
        let mut engine = Engine::new(1);
        let queued = engine.add_faults(br#"[{"status":500},{"drop":true},{"delay_ms":5}]"#);
        assert_eq!(queued.body, br#"{"ok":true,"queued":3}"#);
        assert_eq!(engine.add_faults(br#"[{"status":200}]"#).status, 400);
        let list = "scope[type]=account";
        assert_eq!(
            status(&call(&mut engine, "GET", "/v1/apps/secrets", list, T0)),
            500
        );
        assert_eq!(
            call(&mut engine, "GET", "/v1/apps/secrets", list, T0),
            Outcome::Drop
        );
        let head = Head::new("GET", "/v1/apps/secrets");
        assert_eq!(engine.admit(head, "", Body::Bytes(b"")).delay_ms(), Some(5));
        let log: serde_json::Value = serde_json::from_slice(&engine.requests_json()).unwrap();
        let statuses: Vec<_> = log
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["status"].clone())
            .collect();
        assert_eq!(
            statuses,
            [
                serde_json::json!(500),
                serde_json::Value::Null,
                serde_json::Value::Null
            ]
        );
        assert!(!engine.faults_queued());
    }

    fn with_idempotency_key(
        engine: &mut Engine,
        method: &str,
        path: &str,
        params: &str,
        key: &[u8],
    ) -> Answer {
        let mut head = Head::new(method, path);
        head.push("Authorization", "Bearer sk_test_engine");
        head.push("Idempotency-Key", key);
        let (query, body) = if method == "POST" {
            ("", params)
        } else {
            (params, "")
        };
        let admission = engine.admit(head, query, Body::Bytes(body.as_bytes()));
        match engine.answer(admission, T0) {
            Outcome::Answer(answer) => answer,
            Outcome::Drop => panic!("dropped"),
        }
    }

    #[test]
    fn a_get_ignores_its_idempotency_key_even_malformed() {
        let mut engine = Engine::new(1);
        let set = "name=n&payload=p&scope[type]=account";
        let find = "name=n&scope[type]=account";
        let path = "/v1/apps/secrets/find";
        let refused = with_idempotency_key(&mut engine, "POST", "/v1/apps/secrets", set, b"two words");
        assert_eq!(refused.status, 400);
        let first = with_idempotency_key(&mut engine, "POST", "/v1/apps/secrets", set, b"k");
        assert_eq!(first.status, 200);
        for key in [&b"two words"[..], b"", &[b'k'; 256], b"k"] {
            let found = with_idempotency_key(&mut engine, "GET", path, find, key);
            assert_eq!(found.status, 200, "{key:?}");
            // Not replayed, not a conflict with the POST's key, not echoed.
            assert!(
                found.headers.iter().all(|(n, _)| !n.starts_with("idempoten")),
                "{key:?}"
            );
        }
        let listed = with_idempotency_key(
            &mut engine,
            "GET",
            "/v1/apps/secrets",
            "scope[type]=account",
            b"\xff",
        );
        assert_eq!(listed.status, 200);
        // An unknown method is a 404 whatever its key.
        let delete = with_idempotency_key(&mut engine, "DELETE", "/v1/apps/secrets", "", b"a b");
        assert_eq!(delete.status, 404);
    }

    #[test]
    fn a_reset_forgets_everything() {
        let mut engine = Engine::new(1);
        let set = "name=n&payload=p&scope[type]=account";
        call(&mut engine, "POST", "/v1/apps/secrets", set, T0);
        assert_ne!(to_json(&engine.secrets(T0)), b"[]");
        drop(engine.reset());
        assert_eq!(to_json(&engine.secrets(T0)), b"[]");
        assert_eq!(engine.requests_json(), b"[]");
    }
}
