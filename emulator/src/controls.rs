//! Test controls under `/_emulator/` (no auth): reset, the request log,
//! faults. Bodies are capped at [`MAX_CONTROL_BODY`] and the fault queue at
//! [`MAX_FAULTS`].

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::routing::{any, get, post};
use axum::Router;
use serde_json::json;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::errors::ApiError;
use crate::faults::Fault;
use crate::limits::{MAX_CONTROL_BODY, MAX_FAULTS};
use crate::reply::Reply;
use crate::state::Shared;

/// `timeout` bounds a whole control request: they answer at once, so only a
/// slow client reaches it, and gets a 408.
pub fn router(timeout: Duration) -> Router<Arc<Shared>> {
    Router::new()
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/requests", get(requests))
        .route("/_emulator/faults", get(list_faults).post(add_faults))
        .route("/_emulator", any(unknown))
        .route("/_emulator/{*rest}", any(unknown))
        .layer(RequestBodyLimitLayer::new(MAX_CONTROL_BODY))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
}

/// `POST /_emulator/reset`: forgets secrets, the request log, idempotency keys and faults.
async fn reset(State(shared): State<Arc<Shared>>) -> Reply {
    let old = std::mem::take(&mut *shared.lock());
    // Freed outside the lock, so requests need not wait for it.
    drop(old);
    crate::memory::give_back();
    Reply::ok(&json!({ "ok": true }))
}

/// `GET /_emulator/requests`: the `/v1` requests since the last reset, oldest first.
async fn requests(State(shared): State<Arc<Shared>>) -> Reply {
    let body = shared.lock().log.to_json();
    Reply::new(StatusCode::OK, body)
}

/// `GET /_emulator/faults`: the faults still queued, next first.
async fn list_faults(State(shared): State<Arc<Shared>>) -> Reply {
    let queued: Vec<Fault> = shared.lock().faults.iter().cloned().collect();
    Reply::ok(&queued)
}

/// `POST /_emulator/faults` with a JSON array of faults: appends them to the queue.
async fn add_faults(
    State(shared): State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Reply, ApiError> {
    let faults: Vec<Fault> = serde_json::from_slice(&body?).map_err(|e| {
        ApiError::invalid(format!(
            "Expected a JSON array of faults such as [{{\"status\":500}},{{\"drop\":true}},\
             {{\"delay_ms\":300}}]: {e}"
        ))
    })?;
    for (i, fault) in faults.iter().enumerate() {
        fault
            .validate()
            .map_err(|why| ApiError::invalid(format!("Fault {i}: {why}.")))?;
    }
    let mut inner = shared.lock();
    if inner.faults.len() + faults.len() > MAX_FAULTS {
        return Err(ApiError::invalid(format!(
            "Too many faults: {} are queued and {} more were sent; at most {MAX_FAULTS} may \
             wait at once.",
            inner.faults.len(),
            faults.len()
        )));
    }
    inner.faults.extend(faults);
    Ok(Reply::ok(&json!({ "ok": true, "queued": inner.faults.len() })))
}

/// Any other `/_emulator` path or method.
async fn unknown(method: Method, uri: Uri) -> ApiError {
    ApiError::invalid(format!(
        "Unrecognized emulator control ({method}: {}). Available: POST /_emulator/reset, GET \
         /_emulator/requests, GET and POST /_emulator/faults.",
        uri.path()
    ))
    .with_status(StatusCode::NOT_FOUND)
}
