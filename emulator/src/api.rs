//! The `/v1` pipeline: read, log, apply a queued fault, authenticate, parse,
//! replay or run, answer.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::auth::{self, Identity};
use crate::errors::ApiError;
use crate::faults::Fault;
use crate::idempotency::{self, Lookup};
use crate::net::ConnHandle;
use crate::params::{self, Params};
use crate::reply::Reply;
use crate::reqlog::{self, Entry};
use crate::rules;
use crate::state::{Inner, Shared};
use crate::store::{Bucket, Cursor, Scope, MAX_PER_SCOPE};

/// Largest accepted request body.
pub const MAX_BODY: usize = 1024 * 1024;
/// Echoed when the client pins no version.
const DEFAULT_VERSION: &str = "2024-04-10";

/// Marks a response whose connection was cut, for the access log.
#[derive(Clone, Copy)]
pub struct Dropped;

/// The four Secret Store operations.
#[derive(Clone, Copy)]
enum Operation {
    Set,
    Find,
    Delete,
    List,
}

fn route(method: &Method, path: &str) -> Option<Operation> {
    match (method.as_str(), path) {
        ("POST", "/v1/apps/secrets") => Some(Operation::Set),
        ("GET", "/v1/apps/secrets") => Some(Operation::List),
        ("GET", "/v1/apps/secrets/find") => Some(Operation::Find),
        ("POST", "/v1/apps/secrets/delete") => Some(Operation::Delete),
        _ => None,
    }
}

/// Handles every request under `/v1`.
pub async fn v1(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let conn = request
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|c| c.0.clone());
    let (parts, body) = request.into_parts();
    let input = read_input(&parts, body).await;

    // Logging and taking a fault under one lock keeps both in arrival order.
    let (log_id, fault) = {
        let mut inner = shared.lock();
        let id = inner.log.push(log_entry(&parts, &input));
        (id, inner.faults.pop_front().unwrap_or_default())
    };

    if let Some(ms) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if fault.drop {
        if let Some(conn) = conn {
            conn.kill();
        }
        // Unsendable once the connection is killed; only the access log sees it.
        let mut response = StatusCode::SERVICE_UNAVAILABLE.into_response();
        response.extensions_mut().insert(Dropped);
        return response;
    }
    let response = match fault.status {
        Some(status) => {
            let mut response = Fault::error(status).reply().into_response();
            if let Some(retry) = fault.should_retry {
                response.headers_mut().insert(
                    "stripe-should-retry",
                    HeaderValue::from_static(if retry { "true" } else { "false" }),
                );
            }
            response
        }
        None => process(&shared, &parts, input),
    };
    shared
        .lock()
        .log
        .set_status(log_id, Some(response.status().as_u16()));
    response
}

/// The request's params as decoded pairs, or why they cannot be read.
type Input = Result<Vec<(String, String)>, ApiError>;

/// Query string params, then (for POST) form body params.
async fn read_input(parts: &Parts, body: Body) -> Input {
    let mut pairs = crate::form::decode(parts.uri.query().unwrap_or("").as_bytes())?;
    if parts.method != Method::POST {
        return Ok(pairs);
    }
    let bytes: Bytes = to_bytes(body, MAX_BODY).await.map_err(|_| {
        ApiError::invalid(format!(
            "Request body too large: at most {MAX_BODY} bytes are accepted."
        ))
        .with_status(StatusCode::PAYLOAD_TOO_LARGE)
    })?;
    let json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"));
    if json {
        return Err(ApiError::invalid(
            "Invalid request: the Stripe API takes form-encoded bodies \
             (Content-Type: application/x-www-form-urlencoded, e.g. name=x&scope[type]=account), \
             not JSON.",
        ));
    }
    pairs.extend(crate::form::decode(&bytes)?);
    if pairs.len() > crate::form::MAX_PARAMS {
        return Err(crate::form::too_many(pairs.len()));
    }
    Ok(pairs)
}

fn log_entry(parts: &Parts, input: &Input) -> Entry {
    Entry {
        id: 0,
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        // Unreadable input is logged without params rather than half-decoded.
        params: input.as_deref().map(reqlog::redact).unwrap_or_default(),
        headers: parts.headers.keys().map(|k| k.as_str().to_owned()).collect(),
        idempotency_key: idempotency_key(&parts.headers).map(str::to_owned),
        status: None,
    }
}

fn idempotency_key(headers: &HeaderMap) -> Option<&str> {
    headers.get("idempotency-key").and_then(|v| v.to_str().ok())
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Everything after the fault: synchronous, under one lock, so a request is atomic.
fn process(shared: &Shared, parts: &Parts, input: Input) -> Response {
    let mut replayed = false;
    let reply = match authorize(parts, input) {
        Err(error) => error.reply(),
        Ok((identity, operation, pairs, params)) => {
            let mut inner = shared.lock();
            let key = (parts.method == Method::POST)
                .then(|| idempotency_key(&parts.headers))
                .flatten();
            match key {
                None => execute(&mut inner, &identity, operation, &params, parts),
                Some(key) => {
                    let caller = identity.cache_key();
                    let fingerprint =
                        idempotency::fingerprint(parts.method.as_str(), parts.uri.path(), &pairs);
                    match inner.idempotency.lookup(&caller, key, fingerprint) {
                        Err(error) => error.reply(),
                        Ok(Lookup::Replay(reply)) => {
                            replayed = true;
                            reply
                        }
                        Ok(Lookup::Miss) => {
                            let reply = execute(&mut inner, &identity, operation, &params, parts);
                            // Like Stripe, only requests that ran are remembered: a
                            // validation error can be retried with the same key.
                            if matches!(reply.status, StatusCode::OK | StatusCode::NOT_FOUND) {
                                inner.idempotency.store(&caller, key, fingerprint, reply.clone());
                            }
                            reply
                        }
                    }
                }
            }
        }
    };
    let mut response = reply.into_response();
    let headers = response.headers_mut();
    let version = parts
        .headers
        .get("stripe-version")
        .cloned()
        .unwrap_or(HeaderValue::from_static(DEFAULT_VERSION));
    headers.insert("stripe-version", version);
    if parts.method == Method::POST {
        if let Some(key) = parts.headers.get("idempotency-key") {
            headers.insert("idempotency-key", key.clone());
        }
    }
    if replayed {
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

type Authorized = (Identity, Operation, Vec<(String, String)>, Params);

/// Auth, then the URL, then the params: the order in which Stripe reports problems.
fn authorize(parts: &Parts, input: Input) -> Result<Authorized, ApiError> {
    let identity = auth::identify(&parts.headers)?;
    let operation = route(&parts.method, parts.uri.path()).ok_or_else(|| {
        ApiError::invalid(format!(
            "Unrecognized request URL ({}: {}).",
            parts.method,
            parts.uri.path()
        ))
        .with_status(StatusCode::NOT_FOUND)
    })?;
    if let Some(key) = idempotency_key(&parts.headers) {
        if key.chars().count() > idempotency::MAX_KEY_LEN {
            return Err(ApiError::invalid(format!(
                "Invalid Idempotency-Key: at most {} characters are accepted.",
                idempotency::MAX_KEY_LEN
            )));
        }
    }
    let pairs = input?;
    let params = params::build(&pairs)?;
    Ok((identity, operation, pairs, params))
}

fn bucket(parts: &Parts, scope: Scope) -> Bucket {
    let account = parts
        .headers
        .get("stripe-account")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    Bucket { account, scope }
}

/// Runs one operation.
fn execute(
    inner: &mut Inner,
    identity: &Identity,
    operation: Operation,
    params: &Params,
    parts: &Parts,
) -> Reply {
    let now_ms = now_ms();
    let result = match operation {
        Operation::Set => set(inner, identity, params, parts, now_ms),
        Operation::Find => find(inner, identity, params, parts, now_ms),
        Operation::Delete => delete(inner, identity, params, parts, now_ms),
        Operation::List => list(inner, identity, params, parts, now_ms),
    };
    result.unwrap_or_else(|error| error.reply())
}

fn set(
    inner: &mut Inner,
    identity: &Identity,
    params: &Params,
    parts: &Parts,
    now_ms: i64,
) -> Result<Reply, ApiError> {
    let request = rules::set(params, now_ms.div_euclid(1000))?;
    identity.may_use(&request.scope)?;
    let bucket = bucket(parts, request.scope);
    let secret = inner
        .store
        .set(
            &bucket,
            &request.name,
            &request.payload,
            request.expires_at,
            now_ms,
        )
        .map_err(|_| {
            ApiError::invalid(format!(
                "This scope is full: it already holds {MAX_PER_SCOPE} secrets, the maximum per \
                 scope ({MAX_PER_SCOPE} secrets max). Delete one, or set an existing name to \
                 replace it."
            ))
        })?;
    Ok(Reply::ok(&secret.view(request.expand_payload, false)))
}

fn missing_secret(name: &str, scope: &Scope) -> ApiError {
    let shown: String = name.chars().take(100).collect();
    let scope = match scope {
        Scope::Account => "the account scope".to_owned(),
        Scope::User(user) => format!("the user scope of {user}"),
    };
    ApiError::not_found(format!("No such secret: '{shown}' in {scope}.")).with_param("name")
}

fn find(
    inner: &mut Inner,
    identity: &Identity,
    params: &Params,
    parts: &Parts,
    now_ms: i64,
) -> Result<Reply, ApiError> {
    let request = rules::by_name(params)?;
    identity.may_use(&request.scope)?;
    let bucket = bucket(parts, request.scope);
    let secret = inner
        .store
        .find(&bucket, &request.name, now_ms)
        .ok_or_else(|| missing_secret(&request.name, &bucket.scope))?;
    Ok(Reply::ok(&secret.view(request.expand_payload, false)))
}

fn delete(
    inner: &mut Inner,
    identity: &Identity,
    params: &Params,
    parts: &Parts,
    now_ms: i64,
) -> Result<Reply, ApiError> {
    let request = rules::by_name(params)?;
    identity.may_use(&request.scope)?;
    let bucket = bucket(parts, request.scope);
    let secret = inner
        .store
        .delete(&bucket, &request.name, now_ms)
        .ok_or_else(|| missing_secret(&request.name, &bucket.scope))?;
    Ok(Reply::ok(&secret.view(request.expand_payload, true)))
}

#[derive(Serialize)]
struct ListView<T: Serialize> {
    object: &'static str,
    url: &'static str,
    has_more: bool,
    data: Vec<T>,
}

fn list(
    inner: &mut Inner,
    identity: &Identity,
    params: &Params,
    parts: &Parts,
    now_ms: i64,
) -> Result<Reply, ApiError> {
    let request = rules::list(params)?;
    identity.may_use(&request.scope)?;
    let bucket = bucket(parts, request.scope);
    let (cursor, cursor_param) = match (&request.starting_after, &request.ending_before) {
        (Some(id), _) => (Cursor::StartingAfter(id), "starting_after"),
        (None, Some(id)) => (Cursor::EndingBefore(id), "ending_before"),
        (None, None) => (Cursor::Newest, ""),
    };
    let (page, has_more) = inner
        .store
        .list(&bucket, cursor, request.limit, now_ms)
        .map_err(|_| {
            let id = match cursor {
                Cursor::StartingAfter(id) | Cursor::EndingBefore(id) => id,
                Cursor::Newest => "",
            };
            let shown: String = id.chars().take(100).collect();
            ApiError::invalid(format!(
                "No such apps.secret: '{shown}' (the {cursor_param} cursor must be the id of a \
                 live secret in the listed scope)."
            ))
            .with_code("resource_missing")
            .with_param(cursor_param)
        })?;
    Ok(Reply::ok(&ListView {
        object: "list",
        url: "/v1/apps/secrets",
        has_more,
        data: page
            .iter()
            .map(|s| s.view(request.expand_payload, false))
            .collect(),
    }))
}
