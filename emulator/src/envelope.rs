//! What every response gets: CORS, `Request-Id`, the access log, and
//! `Connection: close` while faults are queued.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::Dropped;
use crate::ids;
use crate::state::Shared;

const ALLOW_METHODS: &str = "GET, POST, OPTIONS";
const ALLOW_HEADERS: &str = "Authorization, Content-Type, Idempotency-Key, Stripe-Version, \
                             Stripe-Account, Stripe-Emulator-User";
const EXPOSE_HEADERS: &str = "Request-Id, Idempotent-Replayed, Stripe-Should-Retry";

pub async fn envelope(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    // Preflights are answered here, so they never reach /v1, its log or its faults.
    let mut response = if method == Method::OPTIONS {
        preflight()
    } else {
        next.run(request).await
    };
    let dropped = response.extensions().get::<Dropped>().is_some();

    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
    if let Ok(id) = HeaderValue::from_str(&ids::request_id()) {
        headers.insert("request-id", id);
    }
    // A browser silently resends a request whose reused keep-alive connection
    // closes without an answer; while faults wait, fresh connections keep a
    // `drop` fault visible.
    if !shared.lock().faults.is_empty() {
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    }

    if shared.config.access_log {
        // Method, path and status only: never params, bodies or header values.
        if dropped {
            eprintln!("{method} {path} dropped");
        } else {
            eprintln!("{method} {path} {}", response.status().as_u16());
        }
    }
    response
}

fn preflight() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOW_METHODS),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    response
}
