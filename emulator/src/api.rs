//! The `/v1` routes: every request under `/v1` goes to the engine, which
//! routes, checks and answers it. This side only does the I/O: it reads the
//! body within its bounds, waits out a fault's delay, cuts the connection for
//! a `drop` fault, and reads the clock.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::http::{header, request::Parts, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use secret_store_core::{wants_body, Body, Head, Outcome};

use crate::net::ConnHandle;
use crate::reply;
use crate::state::Shared;

/// Marks a response whose connection was cut, for the access log.
#[derive(Clone, Copy)]
pub struct Dropped;

/// Everything under `/v1`; the engine answers unknown URLs with Stripe's 404.
pub fn router() -> Router<Arc<Shared>> {
    Router::new().route("/v1", any(v1)).route("/v1/{*rest}", any(v1))
}

async fn v1(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let conn = request.extensions().get::<ConnHandle>().cloned();
    let (parts, body) = request.into_parts();
    let query = parts.uri.query().unwrap_or("");
    let read = if wants_body(parts.method.as_str(), query) {
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        Some(crate::body::read(body, declared, shared.config.body_timeout, &shared.reading).await)
    } else {
        None
    };
    let body = match &read {
        None => Body::Bytes(&[]),
        Some(Ok((bytes, _permit))) => Body::Bytes(bytes),
        Some(Err(error)) => Body::Refused(error),
    };
    let admission = shared.lock().admit(head(&parts), query, body);
    // The bytes and their share of the reading budget go once decoded.
    drop(read);

    if let Some(ms) = admission.delay_ms() {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let outcome = shared.lock().answer(admission, now_ms());
    match outcome {
        Outcome::Answer(answer) => reply::answer(answer),
        Outcome::Drop => {
            if let Some(conn) = conn {
                conn.kill();
            }
            // Unsendable once the connection is killed; only the access log sees it.
            let mut response = StatusCode::SERVICE_UNAVAILABLE.into_response();
            response.extensions_mut().insert(Dropped);
            response
        }
    }
}

/// The method, path and headers, as the engine reads them.
fn head(parts: &Parts) -> Head {
    let mut head = Head::new(parts.method.as_str(), parts.uri.path());
    for (name, value) in &parts.headers {
        head.push(name.as_str(), value.as_bytes());
    }
    head
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
