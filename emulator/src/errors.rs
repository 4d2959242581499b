//! Stripe's error shape for the answers that axum and tower-http write
//! themselves (405, 408, 413…); the engine writes all the others.

use axum::extract::rejection::BytesRejection;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use secret_store_core::ApiError;

use crate::api::Dropped;
use crate::limits;
use crate::reply::Refusal;

/// A body that could not be read keeps axum's status (413, 400…).
impl From<BytesRejection> for Refusal {
    fn from(rejection: BytesRejection) -> Self {
        Refusal(for_status(rejection.status()))
    }
}

/// The error for a refusal made outside any handler, by its status alone.
pub fn for_status(status: StatusCode) -> ApiError {
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "Request body too large: at most {} bytes are accepted here.",
            limits::MAX_CONTROL_BODY
        ),
        StatusCode::REQUEST_TIMEOUT => "Request timeout: the request did not arrive in time.".to_owned(),
        StatusCode::METHOD_NOT_ALLOWED => {
            "Method not allowed for this URL (the Allow header lists those that are).".to_owned()
        }
        _ => format!(
            "{} {}.",
            status.as_u16(),
            status.canonical_reason().unwrap_or("Error")
        ),
    };
    let error = ApiError::invalid(message).with_status(status.as_u16());
    if status.is_server_error() {
        error.with_kind("api_error")
    } else {
        error
    }
}

/// Rewrites any error answer that is not JSON yet (axum's 405, tower-http's
/// 408 and 413, `ServeDir`'s refusals) into Stripe's error shape.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    // A dropped connection sends nothing, so there is nothing to rewrite.
    if status.as_u16() < 400 || is_json || response.extensions().get::<Dropped>().is_some() {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Response::from_parts(parts, axum::body::Body::from(for_status(status).body()))
}
