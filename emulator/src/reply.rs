//! The engine's answers as axum responses: [`Json`] for a status and JSON
//! body, [`Refusal`] for an error, [`answer`] for a `/v1` answer with its headers.

use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use secret_store_core::{Answer, ApiError, Reply};

/// A status and JSON body.
pub struct Json(pub Reply);

impl IntoResponse for Json {
    fn into_response(self) -> Response {
        json(self.0.status, self.0.body)
    }
}

/// A Stripe-style error answer.
#[derive(Debug)]
pub struct Refusal(pub ApiError);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        Json(self.0.reply()).into_response()
    }
}

/// A `/v1` answer with the headers the engine chose.
pub fn answer(answer: Answer) -> Response {
    let mut response = json(answer.status, answer.body);
    for (name, value) in answer.headers {
        // The engine's values are the request's own header values or its
        // fixed texts, so they are valid header values.
        if let Ok(value) = HeaderValue::from_bytes(&value) {
            response
                .headers_mut()
                .insert(HeaderName::from_static(name), value);
        }
    }
    response
}

fn json(status: u16, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
