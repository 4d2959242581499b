//! Stripe's error JSON: `{"error": {"type", "code", "message", "param"}}`.
//!
//! Messages are written by the emulator and never quote a `payload` value.
//! Handlers return `Result<_, ApiError>`; [`json_errors`] gives the same shape
//! to the answers that axum and tower-http write themselves (405, 408, 413…).

use axum::extract::rejection::BytesRejection;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::intake::Dropped;
use crate::limits;
use crate::reply::Reply;

/// Stripe's maximum length for `name` and `payload`, in characters.
pub const MAX_CHARS: usize = 5000;

/// One Stripe-style error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub code: Option<&'static str>,
    pub message: String,
    pub param: Option<String>,
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: Body<'a>,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    param: Option<&'a str>,
}

impl ApiError {
    /// A 400 `invalid_request_error` with no code.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            kind: "invalid_request_error",
            code: None,
            message: message.into(),
            param: None,
        }
    }

    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn with_kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }

    pub fn with_param(mut self, param: impl Into<String>) -> Self {
        self.param = Some(param.into());
        self
    }

    /// 400 `parameter_missing`.
    pub fn missing(param: &str) -> Self {
        Self::invalid(format!("Missing required param: {param}."))
            .with_code("parameter_missing")
            .with_param(param)
    }

    /// 400 `parameter_unknown`.
    pub fn unknown(param: &str) -> Self {
        Self::invalid(format!("Received unknown parameter: {param}"))
            .with_code("parameter_unknown")
            .with_param(param)
    }

    /// 400 `parameter_invalid_empty`, Stripe's answer to `name=` on a required param.
    pub fn empty(param: &str) -> Self {
        Self::invalid(format!(
            "You passed an empty string for '{param}'. We assume empty values are an attempt to \
             unset a parameter; however '{param}' cannot be unset. You should remove '{param}' \
             from your request or supply a non-empty value."
        ))
        .with_code("parameter_invalid_empty")
        .with_param(param)
    }

    /// 404 `resource_missing`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::invalid(message)
            .with_status(StatusCode::NOT_FOUND)
            .with_code("resource_missing")
    }

    /// 401, the status Stripe gives to every bad key (type stays `invalid_request_error`).
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::invalid(message).with_status(StatusCode::UNAUTHORIZED)
    }

    /// The JSON body.
    pub fn body(&self) -> Vec<u8> {
        let envelope = Envelope {
            error: Body {
                kind: self.kind,
                code: self.code,
                message: &self.message,
                param: self.param.as_deref(),
            },
        };
        // Serializing plain strings into a Vec cannot fail.
        serde_json::to_vec(&envelope).unwrap_or_default()
    }

    pub fn reply(&self) -> Reply {
        Reply::new(self.status, self.body())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.reply().into_response()
    }
}

/// A body that could not be read keeps axum's status (413, 400…).
impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> Self {
        Self::for_status(rejection.status())
    }
}

impl ApiError {
    /// The error for a refusal made outside any handler, by its status alone.
    pub fn for_status(status: StatusCode) -> Self {
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
        let error = Self::invalid(message).with_status(status);
        if status.is_server_error() {
            error.with_kind("api_error")
        } else {
            error
        }
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
    Response::from_parts(parts, axum::body::Body::from(ApiError::for_status(status).body()))
}
