//! What every response gets besides CORS and `Request-Id` (tower-http layers):
//! the access log, `Connection: close` while faults are queued, and 204 for
//! preflights.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::api::Dropped;
use crate::state::Shared;

pub async fn envelope(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    // A browser silently resends a request whose reused keep-alive connection
    // closes without an answer; while faults wait, fresh connections keep a
    // `drop` fault visible.
    if shared.lock().faults_queued() {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    if shared.config.access_log {
        // Method, path and status only: never params, bodies or header values.
        if response.extensions().get::<Dropped>().is_some() {
            eprintln!("{method} {path} dropped");
        } else {
            eprintln!("{method} {path} {}", response.status().as_u16());
        }
    }
    response
}

/// `CorsLayer` answers every `OPTIONS` with an empty 200; the emulator has
/// always said 204 No Content, which is what an empty preflight answer is.
pub async fn preflight_no_content(method: Method, mut response: Response) -> Response {
    if method == Method::OPTIONS && response.status() == StatusCode::OK {
        *response.status_mut() = StatusCode::NO_CONTENT;
    }
    response
}
