//! The one error type, and its mapping from Stripe's error responses.
//!
//! Messages are written by this crate or copied from Stripe's error JSON.
//! Neither ever holds a payload or an API key: the client builds its own
//! messages from field names only, and scrubs server messages of the values
//! it sent (see [`Error::redact`]).

use std::fmt;

use crate::json::Json;

/// What kind of failure an [`Error`] is.
///
/// The names in JS (`error.type`) are stripe-node's, plus `StripeScopeError`
/// for calls this crate refuses before sending and `StripeAbortError` for a
/// call stopped by its caller's `AbortSignal`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The scope rule refused the call, or a response held another scope.
    Scope,
    /// Bad parameters: refused before sending, or a 400/404 from Stripe.
    InvalidRequest,
    /// 401: missing, malformed or refused API key.
    Authentication,
    /// 403: the key or the extension may not do this.
    Permission,
    /// 429: too many requests.
    RateLimit,
    /// 5xx, or an answer this crate could not understand.
    Api,
    /// The request did not get an answer: network failure or timeout.
    Connection,
    /// The same idempotency key was used with other parameters.
    Idempotency,
    /// The caller's `AbortSignal` stopped the call.
    Abort,
}

impl ErrorKind {
    /// The JS `type` of this kind, as stripe-node names it.
    pub fn type_name(self) -> &'static str {
        match self {
            ErrorKind::Scope => "StripeScopeError",
            ErrorKind::InvalidRequest => "StripeInvalidRequestError",
            ErrorKind::Authentication => "StripeAuthenticationError",
            ErrorKind::Permission => "StripePermissionError",
            ErrorKind::RateLimit => "StripeRateLimitError",
            ErrorKind::Api => "StripeAPIError",
            ErrorKind::Connection => "StripeConnectionError",
            ErrorKind::Idempotency => "StripeIdempotencyError",
            ErrorKind::Abort => "StripeAbortError",
        }
    }
}

/// An error from a Secret Store call. Boxed: results stay one pointer wide.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Details>);

#[derive(Clone, PartialEq, Eq)]
struct Details {
    kind: ErrorKind,
    message: String,
    code: Option<String>,
    param: Option<String>,
    status_code: Option<u16>,
    request_id: Option<String>,
    doc_url: Option<String>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(Details {
            kind,
            message: message.into(),
            code: None,
            param: None,
            status_code: None,
            request_id: None,
            doc_url: None,
        }))
    }

    pub(crate) fn with_code(mut self, code: &str) -> Self {
        self.0.code = Some(code.to_owned());
        self
    }

    pub(crate) fn with_message(mut self, message: impl Into<String>) -> Self {
        self.0.message = message.into();
        self
    }

    pub(crate) fn with_param(mut self, param: &str) -> Self {
        self.0.param = Some(param.to_owned());
        self
    }

    /// A refused input: `StripeInvalidRequestError` naming the parameter.
    pub(crate) fn invalid_param(param: &str, message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidRequest, message)
            .with_code("parameter_invalid")
            .with_param(param)
    }

    /// A required parameter that is absent.
    pub(crate) fn missing_param(param: &str) -> Self {
        Error::new(
            ErrorKind::InvalidRequest,
            format!("Missing required param: {param}."),
        )
        .with_code("parameter_missing")
        .with_param(param)
    }

    /// An answer that is not what the Secret Store API sends.
    pub(crate) fn unexpected_response(what: &str) -> Self {
        Error::new(
            ErrorKind::Api,
            format!("Unexpected response from the Stripe API: {what}."),
        )
        .with_code("unexpected_response")
    }

    /// Maps an HTTP error answer to an error, as stripe-node does: 401, 403
    /// and 429 by status, everything else by the `error.type` in the body.
    pub(crate) fn from_response(status: u16, body: Option<&Json>, request_id: Option<String>) -> Self {
        let error = body.and_then(|json| json.get("error"));
        let field = |name: &str| error.and_then(|e| e.get(name)).and_then(Json::as_str);
        let kind = match (status, field("type")) {
            (401, _) => ErrorKind::Authentication,
            (403, _) => ErrorKind::Permission,
            (429, _) => ErrorKind::RateLimit,
            (_, Some("invalid_request_error")) => ErrorKind::InvalidRequest,
            (_, Some("idempotency_error")) => ErrorKind::Idempotency,
            (_, Some("authentication_error")) => ErrorKind::Authentication,
            (_, Some("rate_limit_error")) => ErrorKind::RateLimit,
            (400..=499, None) => ErrorKind::InvalidRequest,
            _ => ErrorKind::Api,
        };
        let message = match field("message") {
            Some(message) => message.to_owned(),
            None if error.is_none() => {
                format!("The Stripe API answered {status} without an error object.")
            }
            None => format!("The Stripe API answered {status}."),
        };
        Error(Box::new(Details {
            kind,
            message,
            code: field("code").map(str::to_owned),
            param: field("param").map(str::to_owned),
            status_code: Some(status),
            request_id,
            doc_url: field("doc_url").map(str::to_owned),
        }))
    }

    pub(crate) fn with_status(mut self, status: u16, request_id: Option<String>) -> Self {
        self.0.status_code = Some(status);
        self.0.request_id = request_id;
        self
    }

    /// Removes every occurrence of `secret` from the message. A server may
    /// echo what it was sent; what it was sent may be a payload.
    pub(crate) fn redact(&mut self, secret: &str) {
        if let Some(redacted) = replace_all(&self.0.message, secret, "[redacted]") {
            self.0.message = redacted;
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The JS `type`: stripe-node's class name, or `StripeScopeError`.
    pub fn type_name(&self) -> &'static str {
        self.0.kind.type_name()
    }

    /// A human-readable explanation. Never holds a payload or a key.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Stripe's error code (`resource_missing`, `scope_not_allowed`, ...).
    pub fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }

    /// The parameter at fault, in Stripe's bracket form (`scope[user]`).
    pub fn param(&self) -> Option<&str> {
        self.0.param.as_deref()
    }

    /// The HTTP status, when the server answered.
    pub fn status_code(&self) -> Option<u16> {
        self.0.status_code
    }

    /// The server's `Request-Id`, when it answered.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// Stripe's documentation link for this error, when it sent one.
    pub fn doc_url(&self) -> Option<&str> {
        self.0.doc_url.as_deref()
    }
}

/// `haystack` with every `needle` replaced, or `None` if there is none. A
/// plain scan: messages are short, and `str::replace`'s searcher costs more
/// `.wasm` than the whole function.
fn replace_all(haystack: &str, needle: &str, with: &str) -> Option<String> {
    let (text, pattern) = (haystack.as_bytes(), needle.as_bytes());
    if pattern.is_empty() || pattern.len() > text.len() {
        return None;
    }
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    let mut found = false;
    while i < text.len() {
        if text.get(i..i + pattern.len()) == Some(pattern) {
            out.extend_from_slice(with.as_bytes());
            i += pattern.len();
            found = true;
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    // Whole matches of a UTF-8 needle were swapped for UTF-8, so this holds.
    found.then(|| String::from_utf8(out).ok()).flatten()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.type_name(), self.0.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("type", &self.type_name())
            .field("code", &self.0.code)
            .field("param", &self.0.param)
            .field("status_code", &self.0.status_code)
            .field("request_id", &self.0.request_id)
            .field("doc_url", &self.0.doc_url)
            .field("message", &self.0.message)
            .finish()
    }
}

impl std::error::Error for Error {}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn body(text: &str) -> Json {
        Json::parse(text).expect("test JSON parses")
    }

    #[test]
    fn status_decides_before_type_for_401_403_429() {
        let invalid = body(r#"{"error":{"type":"invalid_request_error","message":"m"}}"#);
        for (status, kind) in [
            (401, ErrorKind::Authentication),
            (403, ErrorKind::Permission),
            (429, ErrorKind::RateLimit),
            (400, ErrorKind::InvalidRequest),
            (404, ErrorKind::InvalidRequest),
        ] {
            assert_eq!(
                Error::from_response(status, Some(&invalid), None).kind(),
                kind,
                "{status}"
            );
        }
    }

    #[test]
    fn type_decides_otherwise() {
        let cases = [
            ("idempotency_error", ErrorKind::Idempotency),
            ("api_error", ErrorKind::Api),
            ("invalid_request_error", ErrorKind::InvalidRequest),
            ("something_new", ErrorKind::Api),
        ];
        for (ty, kind) in cases {
            let json = body(&format!(r#"{{"error":{{"type":"{ty}","message":"m"}}}}"#));
            assert_eq!(Error::from_response(400, Some(&json), None).kind(), kind, "{ty}");
        }
    }

    #[test]
    fn fields_are_copied() {
        let json = body(
            r#"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such secret","param":"name","doc_url":"https://stripe.com/docs/error-codes/resource-missing"}}"#,
        );
        let error = Error::from_response(404, Some(&json), Some("req_1".into()));
        assert_eq!(error.type_name(), "StripeInvalidRequestError");
        assert_eq!(error.code(), Some("resource_missing"));
        assert_eq!(error.param(), Some("name"));
        assert_eq!(error.message(), "No such secret");
        assert_eq!(error.status_code(), Some(404));
        assert_eq!(error.request_id(), Some("req_1"));
        assert_eq!(
            error.doc_url(),
            Some("https://stripe.com/docs/error-codes/resource-missing")
        );
    }

    #[test]
    fn body_without_error_object_is_explained() {
        let error = Error::from_response(502, None, None);
        assert_eq!(error.kind(), ErrorKind::Api);
        assert!(error.message().contains("502"));
        assert_eq!(
            Error::from_response(404, None, None).kind(),
            ErrorKind::InvalidRequest
        );
    }

    #[test]
    fn redact_removes_every_copy() {
        let json =
            body(r#"{"error":{"type":"invalid_request_error","message":"bad value hunter2 (hunter2)"}}"#);
        let mut error = Error::from_response(400, Some(&json), None);
        error.redact("hunter2");
        assert_eq!(error.message(), "bad value [redacted] ([redacted])");
        assert!(!format!("{error:?}{error}").contains("hunter2"));
    }
}
