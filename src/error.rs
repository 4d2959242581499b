//! The one error type, and its mapping from Stripe's error responses.
//!
//! Messages are written by this crate or copied from Stripe's error JSON.
//! Neither ever holds a payload or an API key: the client builds its own
//! messages from field names only, and scrubs server messages of the values
//! it sent (see [`Redactor`]), and keeps a server's other fields only if
//! they have the shape Stripe gives them.

use std::fmt;

use crate::encode::decimal;
use crate::json::Json;
use crate::redact::{Redactor, MAX_SERVER_MESSAGE_BYTES};

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
            ["Missing required param: ", param, "."].concat(),
        )
        .with_code("parameter_missing")
        .with_param(param)
    }

    /// An answer that is not what the Secret Store API sends.
    pub(crate) fn unexpected_response(what: &str) -> Self {
        Error::new(
            ErrorKind::Api,
            ["Unexpected response from the Stripe API: ", what, "."].concat(),
        )
        .with_code("unexpected_response")
    }

    /// Maps an HTTP error answer to an error, as stripe-node does: 401, 403
    /// and 429 by status, everything else by the `error.type` in the body.
    ///
    /// Every string the server wrote goes through `redactor` (see
    /// [`Redactor`]): the message is scrubbed and bounded, and `code`,
    /// `param`, `doc_url` and `request_id` are kept only if they have the
    /// shape such a field has and hold no secret.
    pub(crate) fn from_response(
        status: u16,
        body: Option<&Json>,
        request_id: Option<&str>,
        redactor: &Redactor,
    ) -> Self {
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
        let mut message = match field("message") {
            Some(message) if !redactor.holds_short_secret(message) => {
                redactor.redact(message, MAX_SERVER_MESSAGE_BYTES)
            }
            // Our own words: "The Stripe API answered 403" and why.
            found => {
                let why = match found {
                    // A short value the call sent, somewhere in the text:
                    // the message is withheld whole (see SHORT_SECRET_BYTES).
                    Some(_) => "; its message held a value the call sent, so it is not shown.",
                    None if error.is_none() => " without an error object.",
                    None => ".",
                };
                ["The Stripe API answered ", &decimal(status.into()), why].concat()
            }
        };
        // Stripe's `more_permissions_required_for_application` and
        // `_for_session`, or a 403 with no body (the Dashboard can answer
        // so): most often an app that did not declare `secret_write`.
        let code = field("code");
        if status == 403
            && (error.is_none() || code.is_some_and(|c| c.starts_with("more_permissions_required_for_")))
        {
            message.push_str(" Does the app declare the secret_write permission in stripe-app.json?");
        }
        Error(Box::new(Details {
            kind,
            message,
            code: server_field(code, is_code, redactor),
            param: server_field(field("param"), is_param, redactor),
            status_code: Some(status),
            request_id: server_request_id(request_id, redactor),
            doc_url: server_field(field("doc_url"), is_doc_url, redactor),
        }))
    }

    /// Notes the status and `Request-Id` of the answer this error is about;
    /// the id is kept only if it looks like one and holds no secret.
    pub(crate) fn with_status(mut self, status: u16, request_id: Option<&str>, redactor: &Redactor) -> Self {
        self.0.status_code = Some(status);
        self.0.request_id = server_request_id(request_id, redactor);
        self
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

/// Longest `code` kept (Stripe's longest is about 50).
const MAX_CODE_BYTES: usize = 64;
/// Longest `param` kept: a bracketed field path.
const MAX_PARAM_BYTES: usize = 128;
/// Longest `Request-Id` kept (Stripe's are `req_` and 14 characters).
const MAX_REQUEST_ID_BYTES: usize = 64;
/// Longest `doc_url` kept.
const MAX_DOC_URL_BYTES: usize = 256;

/// A server's value for a structured field, if it has the field's shape
/// and holds no secret; otherwise the field is left out.
fn server_field(value: Option<&str>, shape: fn(&str) -> bool, redactor: &Redactor) -> Option<String> {
    value
        .filter(|v| shape(v) && !redactor.touches(v))
        .map(str::to_owned)
}

/// A server's `Request-Id`, kept only with the shape of Stripe's and no
/// secret in it: for errors and for a result's `lastResponse` alike.
pub(crate) fn server_request_id(value: Option<&str>, redactor: &Redactor) -> Option<String> {
    server_field(value, is_request_id, redactor)
}

/// Stripe's error codes: `resource_missing`, `parameter_invalid_integer`.
fn is_code(value: &str) -> bool {
    (1..=MAX_CODE_BYTES).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A parameter in Stripe's bracket form: `name`, `scope[user]`, `expand[0]`.
fn is_param(value: &str) -> bool {
    (1..=MAX_PARAM_BYTES).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'[' | b']' | b'.'))
}

/// `req_` and letters and digits.
fn is_request_id(value: &str) -> bool {
    value.len() <= MAX_REQUEST_ID_BYTES
        && value
            .strip_prefix("req_")
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A page of Stripe's docs, in characters that cannot hide markup, spaces
/// or other hosts: `https://stripe.com/docs/error-codes/resource-missing`.
fn is_doc_url(value: &str) -> bool {
    let path = value
        .strip_prefix("https://stripe.com/")
        .or_else(|| value.strip_prefix("https://docs.stripe.com/"));
    value.len() <= MAX_DOC_URL_BYTES
        && path.is_some_and(|path| {
            path.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b'#'))
        })
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
mod tests;
