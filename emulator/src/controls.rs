//! Test controls under `/_emulator/` (no auth): reset, the request log,
//! faults, each answered by the engine. Bodies are capped at [`MAX_CONTROL_BODY`].

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::routing::{any, get, post};
use axum::Router;
use secret_store_core::{ApiError, Reply};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::limits::MAX_CONTROL_BODY;
use crate::reply::{Json, Refusal};
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
async fn reset(State(shared): State<Arc<Shared>>) -> Json {
    let old = shared.lock().reset();
    // Freed outside the lock, so requests need not wait for it.
    drop(old);
    crate::memory::give_back();
    Json(Reply::new(200, br#"{"ok":true}"#.to_vec()))
}

/// `GET /_emulator/requests`: the `/v1` requests since the last reset, oldest first.
async fn requests(State(shared): State<Arc<Shared>>) -> Json {
    Json(Reply::new(200, shared.lock().requests_json()))
}

/// `GET /_emulator/faults`: the faults still queued, next first.
async fn list_faults(State(shared): State<Arc<Shared>>) -> Json {
    Json(Reply::new(200, shared.lock().faults_json()))
}

/// `POST /_emulator/faults` with a JSON array of faults: appends them to the queue.
async fn add_faults(
    State(shared): State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json, Refusal> {
    let body = body?;
    Ok(Json(shared.lock().add_faults(&body)))
}

/// Any other `/_emulator` path or method.
async fn unknown(method: Method, uri: Uri) -> Refusal {
    Refusal(
        ApiError::invalid(format!(
            "Unrecognized emulator control ({method}: {}). Available: POST /_emulator/reset, GET \
             /_emulator/requests, GET and POST /_emulator/faults.",
            uri.path()
        ))
        .with_status(404),
    )
}
