//! The front of every `/v1` request, before any handler: read the params
//! within the body bounds, log the request, and apply the next queued fault.
//! Logging and taking a fault happen under one lock, so both keep arrival order.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, request::Parts, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;
use crate::faults::Fault;
use crate::form;
use crate::net::ConnHandle;
use crate::reqlog::{self, Entry};
use crate::state::Shared;

/// Echoed when the client pins no version.
const DEFAULT_VERSION: &str = "2024-04-10";

/// Marks a response whose connection was cut, for the access log.
#[derive(Clone, Copy)]
pub struct Dropped;

/// The request's params as decoded pairs (query first, then a POST body), or
/// why they cannot be read. Handlers find it among the request's extensions.
#[derive(Clone)]
pub struct Input(pub Result<Vec<(String, String)>, ApiError>);

pub async fn intake(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let conn = request.extensions().get::<ConnHandle>().cloned();
    let (mut parts, body) = request.into_parts();
    let input = read_input(&shared, &parts, body).await;

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
        Some(status) => fault_response(status, fault.should_retry),
        None => {
            let echo = echoed_headers(&parts);
            parts.extensions.insert(Input(input));
            let mut response = next.run(Request::from_parts(parts, Body::empty())).await;
            for (name, value) in echo {
                response.headers_mut().insert(name, value);
            }
            response
        }
    };
    shared
        .lock()
        .log
        .set_status(log_id, Some(response.status().as_u16()));
    response
}

fn fault_response(status: u16, should_retry: Option<bool>) -> Response {
    let mut response = Fault::error(status).into_response();
    if let Some(retry) = should_retry {
        response.headers_mut().insert(
            "stripe-should-retry",
            HeaderValue::from_static(if retry { "true" } else { "false" }),
        );
    }
    response
}

/// `Stripe-Version` (the client's or the default) and, on POST, `Idempotency-Key`.
fn echoed_headers(parts: &Parts) -> Vec<(&'static str, HeaderValue)> {
    let version = parts
        .headers
        .get("stripe-version")
        .cloned()
        .unwrap_or(HeaderValue::from_static(DEFAULT_VERSION));
    let mut echo = vec![("stripe-version", version)];
    if parts.method == Method::POST {
        if let Some(key) = parts.headers.get("idempotency-key") {
            echo.push(("idempotency-key", key.clone()));
        }
    }
    echo
}

/// Query string params, then (for POST) form body params.
async fn read_input(shared: &Shared, parts: &Parts, body: Body) -> Result<Vec<(String, String)>, ApiError> {
    let mut pairs = form::decode(parts.uri.query().unwrap_or("").as_bytes())?;
    if parts.method != Method::POST {
        return Ok(pairs);
    }
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let (bytes, _reading) =
        crate::body::read(body, declared, shared.config.body_timeout, &shared.reading).await?;
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
    pairs.extend(form::decode(&bytes)?);
    if pairs.len() > crate::limits::MAX_PARAMS {
        return Err(form::too_many(pairs.len()));
    }
    Ok(pairs)
}

fn log_entry(parts: &Parts, input: &Result<Vec<(String, String)>, ApiError>) -> Entry {
    Entry {
        id: 0,
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        // Unreadable input is logged without params rather than half-decoded.
        params: input.as_deref().map(reqlog::redact).unwrap_or_default(),
        headers: parts.headers.keys().map(|k| k.as_str().to_owned()).collect(),
        idempotency_key: parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        status: None,
    }
}
