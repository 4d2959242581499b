//! Stripe's error JSON: `{"error": {"type", "code", "message", "param", "doc_url"}}`.
//!
//! Messages are written by the emulator and never quote a `payload` value.
//! `doc_url` comes with every `code`, as on Stripe: the page of that code,
//! spelled as live Stripe answers spell it (`resource_missing` is
//! `https://stripe.com/docs/error-codes/resource-missing`).

use serde::Serialize;

use crate::limits::MAX_BODY;
use crate::reply::Reply;

/// Stripe's maximum length for `name` and `payload`, in characters.
pub const MAX_CHARS: usize = 5000;

/// One Stripe-style error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status (400 unless told otherwise).
    pub status: u16,
    /// `type`: `invalid_request_error`, `api_error` or `idempotency_error`.
    pub kind: &'static str,
    /// `code`, such as `resource_missing`.
    pub code: Option<&'static str>,
    /// `message`, for people.
    pub message: String,
    /// `param`, the parameter at fault.
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
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_url: Option<String>,
}

/// Where Stripe documents an error code: the code with `_` written as `-`,
/// as every live Stripe answer writes it.
pub fn doc_url(code: &str) -> String {
    format!("https://stripe.com/docs/error-codes/{}", code.replace('_', "-"))
}

impl ApiError {
    /// A 400 `invalid_request_error` with no code.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self {
            status: 400,
            kind: "invalid_request_error",
            code: None,
            message: message.into(),
            param: None,
        }
    }

    /// The same error with another status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// The same error with a `code`.
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    /// The same error with another `type`.
    pub fn with_kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }

    /// The same error naming the `param` at fault.
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
            .with_status(404)
            .with_code("resource_missing")
    }

    /// 401, the status Stripe gives to every bad key (type stays `invalid_request_error`).
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::invalid(message).with_status(401)
    }

    /// 413 for a `/v1` body over [`MAX_BODY`].
    pub fn too_large() -> Self {
        Self::invalid(format!(
            "Request body too large: at most {MAX_BODY} bytes are accepted."
        ))
        .with_status(413)
    }

    /// The JSON body.
    pub fn body(&self) -> Vec<u8> {
        let envelope = Envelope {
            error: Body {
                kind: self.kind,
                code: self.code,
                message: &self.message,
                param: self.param.as_deref(),
                doc_url: self.code.map(doc_url),
            },
        };
        // Serializing plain strings into a Vec cannot fail.
        serde_json::to_vec(&envelope).unwrap_or_default()
    }

    /// The status and JSON body.
    pub fn reply(&self) -> Reply {
        Reply::new(self.status, self.body())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(error: &ApiError) -> serde_json::Value {
        serde_json::from_slice(&error.body()).unwrap()
    }

    #[test]
    fn a_code_comes_with_its_doc_url() {
        let missing = json(&ApiError::not_found("No such secret: 'x'."));
        assert_eq!(
            missing["error"]["doc_url"],
            "https://stripe.com/docs/error-codes/resource-missing"
        );
        let empty = json(&ApiError::empty("name"));
        assert_eq!(
            empty["error"]["doc_url"],
            "https://stripe.com/docs/error-codes/parameter-invalid-empty"
        );
    }

    #[test]
    fn no_code_no_doc_url() {
        let plain = json(&ApiError::unauthorized("Invalid API Key provided: ****"));
        assert_eq!(plain["error"].as_object().unwrap().len(), 2, "{plain}");
        assert!(plain["error"].get("doc_url").is_none());
    }
}
