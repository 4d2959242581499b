//! Test controls under `/_emulator/` (no auth): reset, the request log, faults.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::errors::ApiError;
use crate::faults::Fault;
use crate::reply::Reply;
use crate::state::{Inner, Shared};

/// `POST /_emulator/reset`: forgets secrets, the request log, idempotency keys and faults.
pub async fn reset(State(shared): State<Arc<Shared>>) -> Response {
    *shared.lock() = Inner::default();
    Reply::ok(&json!({ "ok": true })).into_response()
}

/// `GET /_emulator/requests`: the `/v1` requests since the last reset, oldest first.
pub async fn requests(State(shared): State<Arc<Shared>>) -> Response {
    let entries = shared.lock().log.entries();
    Reply::ok(&entries).into_response()
}

/// `GET /_emulator/faults`: the faults still queued, next first.
pub async fn list_faults(State(shared): State<Arc<Shared>>) -> Response {
    let queued: Vec<Fault> = shared.lock().faults.iter().cloned().collect();
    Reply::ok(&queued).into_response()
}

/// `POST /_emulator/faults` with a JSON array of faults: appends them to the queue.
pub async fn add_faults(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let faults: Vec<Fault> = match serde_json::from_slice(&body) {
        Ok(faults) => faults,
        Err(e) => {
            return ApiError::invalid(format!(
                "Expected a JSON array of faults such as [{{\"status\":500}},{{\"drop\":true}},\
                 {{\"delay_ms\":300}}]: {e}"
            ))
            .reply()
            .into_response()
        }
    };
    for (i, fault) in faults.iter().enumerate() {
        if let Err(why) = fault.validate() {
            return ApiError::invalid(format!("Fault {i}: {why}."))
                .reply()
                .into_response();
        }
    }
    let queued = {
        let mut inner = shared.lock();
        inner.faults.extend(faults);
        inner.faults.len()
    };
    Reply::ok(&json!({ "ok": true, "queued": queued })).into_response()
}

/// Any other `/_emulator` path or method.
pub async fn unknown(method: Method, uri: Uri) -> Response {
    ApiError::invalid(format!(
        "Unrecognized emulator control ({method}: {}). Available: POST /_emulator/reset, GET \
         /_emulator/requests, GET and POST /_emulator/faults.",
        uri.path()
    ))
    .with_status(StatusCode::NOT_FOUND)
    .reply()
    .into_response()
}
