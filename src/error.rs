//! The one error type, and its mapping from Stripe's error responses.
//!
//! Messages are written by this crate or copied from Stripe's error JSON.
//! Neither ever holds a payload or an API key: the client builds its own
//! messages from field names only, and scrubs server messages of the values
//! it sent (see [`Redactor`]), and keeps a server's other fields only if
//! they have the shape Stripe gives them.

use std::fmt;

use zeroize::Zeroizing;

use crate::form;
use crate::json::{self, Json};

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
        let message = match field("message") {
            Some(message) => redactor.redact(message, MAX_SERVER_MESSAGE_BYTES),
            None if error.is_none() => {
                format!("The Stripe API answered {status} without an error object.")
            }
            None => format!("The Stripe API answered {status}."),
        };
        Error(Box::new(Details {
            kind,
            message,
            code: server_field(field("code"), is_code, redactor),
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

/// Longest server message kept, in bytes. Stripe's messages are a sentence
/// or two; a longer one is cut at the last character boundary at or before
/// this many bytes, and ends with [`TRUNCATED`].
pub(crate) const MAX_SERVER_MESSAGE_BYTES: usize = 4096;
/// What replaces each run of secret text.
pub(crate) const REDACTED: &str = "[redacted]";
/// What ends a message that was cut.
pub(crate) const TRUNCATED: &str = " [truncated]";
/// Longest `code` kept (Stripe's longest is about 50).
const MAX_CODE_BYTES: usize = 64;
/// Longest `param` kept: a bracketed field path.
const MAX_PARAM_BYTES: usize = 128;
/// Longest `Request-Id` kept (Stripe's are `req_` and 14 characters).
const MAX_REQUEST_ID_BYTES: usize = 64;
/// Longest `doc_url` kept.
const MAX_DOC_URL_BYTES: usize = 256;

/// The values of one call that must never reach an error, in every shape a
/// server could echo them in: as given; form-encoded exactly as
/// [`crate::form`] sent them; and escaped as [`json::write_str`] writes a
/// JSON string (a server that put our JSON text into its message).
///
/// Every byte covered by any occurrence of any of these texts is removed,
/// overlapping or adjacent occurrences included, so the order of the
/// needles does not matter: a payload that is a prefix of the key cannot
/// leave the rest of the key behind. An empty value matches everywhere and
/// covers nothing, so it changes nothing (and the scan is bounded: no loop
/// waits on a match to move forward).
pub(crate) struct Redactor {
    needles: Vec<Zeroizing<String>>,
}

impl Redactor {
    /// A redactor of `secrets` (a payload, the `Authorization` value, the
    /// key without `Bearer `).
    pub(crate) fn new(secrets: &[&str]) -> Self {
        let mut needles = Vec::with_capacity(secrets.len() * 7);
        for secret in secrets {
            push_needles(&mut needles, secret);
        }
        Self::from_needles(needles)
    }

    /// This redactor and `secret` (a payload): the needles made so far are
    /// kept, only the new secret's are made.
    pub(crate) fn with(&self, secret: &str) -> Self {
        let mut needles = self.needles.clone();
        push_needles(&mut needles, secret);
        Self::from_needles(needles)
    }

    fn from_needles(mut needles: Vec<Zeroizing<String>>) -> Self {
        needles.retain(|needle| !needle.is_empty());
        needles.dedup_by(|a, b| a.as_str() == b.as_str());
        Redactor { needles }
    }

    /// Marks every byte of `text` that belongs to an occurrence of a needle
    /// starting before `starts_below`. The mask ends where the last such
    /// occurrence could end, so a long text costs no more than a short one.
    fn mask(&self, text: &str, starts_below: usize) -> Vec<bool> {
        let bytes = text.as_bytes();
        let longest = self.needles.iter().map(|n| n.len()).max().unwrap_or(0);
        let mut mask = vec![false; bytes.len().min(starts_below.saturating_add(longest))];
        for needle in &self.needles {
            let needle = needle.as_bytes();
            for start in 0..starts_below.min(bytes.len()) {
                if bytes[start..].starts_with(needle) {
                    mask[start..start + needle.len()].fill(true);
                }
            }
        }
        mask
    }

    /// Whether any needle occurs in `text`.
    pub(crate) fn touches(&self, text: &str) -> bool {
        self.mask(text, text.len()).contains(&true)
    }

    /// `text` with each run of secret bytes replaced by [`REDACTED`], cut
    /// to at most `keep` bytes of its own text (a run that starts before
    /// the cut is shown as [`REDACTED`] whole, never in part).
    ///
    /// Needles match whole UTF-8 sequences, so every run starts and ends
    /// on a character boundary, and so do the slices below.
    pub(crate) fn redact(&self, text: &str, keep: usize) -> String {
        let cut = (0..=keep.min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let mask = self.mask(text, cut);
        let mut out = String::with_capacity(cut);
        // A `for` over the mask, not index arithmetic: the scan ends by
        // construction, and so does the text it writes.
        let mut plain_from = 0;
        let mut stop = mask.len();
        for (i, &masked) in mask.iter().enumerate() {
            if masked && (i == 0 || !mask[i - 1]) {
                out.push_str(text.get(plain_from..i).unwrap_or_default());
                out.push_str(REDACTED);
            }
            if masked {
                plain_from = i + 1;
            } else if i >= cut {
                stop = i;
                break;
            }
        }
        // The plain text up to the cut (none if a run went past it).
        out.push_str(text.get(plain_from..cut).unwrap_or_default());
        if stop < text.len() {
            out.push_str(TRUNCATED);
        }
        out
    }
}

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

/// The forms of `secret` a server or proxy may echo: as is, and encoded.
fn push_needles(needles: &mut Vec<Zeroizing<String>>, secret: &str) {
    needles.push(Zeroizing::new(secret.to_owned()));
    // As this crate sends it in a form, and as the two encoders a
    // server or proxy most likely re-encodes it with:
    // `encodeURIComponent` and `URLSearchParams` (space as `+`).
    let mut encoded = Zeroizing::new(String::new());
    form::encode_value(&mut encoded, secret);
    needles.push(encoded);
    needles.push(percent_encoded(secret, |b| b"-_.!~*'()".contains(&b), false));
    needles.push(percent_encoded(secret, |b| b"*-._".contains(&b), true));
    let mut quoted = Zeroizing::new(String::new());
    json::write_str(&mut quoted, secret);
    // Without its quotes: the escaped text as it sits inside a string.
    let escaped = quoted.get(1..quoted.len() - 1).unwrap_or_default();
    needles.push(Zeroizing::new(escaped.to_owned()));
    // JSON with every non-ASCII character as `\uXXXX`, as ASCII-only
    // JSON writers (Python's default, for one) send it.
    for upper in [false, true] {
        needles.push(Zeroizing::new(ascii_json(escaped, upper)));
    }
}

/// `text` percent-encoded as UTF-8, keeping ASCII letters, digits and the
/// bytes `keep` allows; a space as `+` when `space_plus`.
fn percent_encoded(text: &str, keep: fn(u8) -> bool, space_plus: bool) -> Zeroizing<String> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Zeroizing::new(String::with_capacity(text.len() * 3));
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || keep(b) {
            out.push(char::from(b));
        } else if b == b' ' && space_plus {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    out
}

/// JSON-escaped `escaped` (ASCII escapes already in place) with every
/// non-ASCII character written as `\uXXXX` (astral ones as a surrogate pair).
fn ascii_json(escaped: &str, upper: bool) -> String {
    let hex: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut out = String::with_capacity(escaped.len() * 2);
    for c in escaped.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            out.push_str("\\u");
            for shift in [12, 8, 4, 0] {
                out.push(char::from(hex[usize::from((*unit >> shift) & 0xF)]));
            }
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const KEY: &str = "Bearer sk_test_51Key";

    fn body(text: &str) -> Json {
        Json::parse(text).expect("test JSON parses")
    }

    fn none() -> Redactor {
        Redactor::new(&[])
    }

    /// The redactor `judge` builds for a create with `payload`.
    fn call(payload: &str) -> Redactor {
        Redactor::new(&[payload, KEY, "sk_test_51Key"])
    }

    /// An error answer whose `error` object has these string fields.
    fn answered(
        status: u16,
        fields: &[(&str, &str)],
        request_id: Option<&str>,
        redactor: &Redactor,
    ) -> Error {
        let mut members = Vec::new();
        for (name, value) in fields {
            members.push((name.to_string(), Json::Str(value.to_string())));
        }
        let json = Json::Object(vec![("error".into(), Json::Object(members))]);
        Error::from_response(status, Some(&json), request_id, redactor)
    }

    #[test]
    fn every_kind_has_its_stripe_node_name() {
        for (kind, name) in [
            (ErrorKind::Scope, "StripeScopeError"),
            (ErrorKind::InvalidRequest, "StripeInvalidRequestError"),
            (ErrorKind::Authentication, "StripeAuthenticationError"),
            (ErrorKind::Permission, "StripePermissionError"),
            (ErrorKind::RateLimit, "StripeRateLimitError"),
            (ErrorKind::Api, "StripeAPIError"),
            (ErrorKind::Connection, "StripeConnectionError"),
            (ErrorKind::Idempotency, "StripeIdempotencyError"),
            (ErrorKind::Abort, "StripeAbortError"),
        ] {
            assert_eq!(kind.type_name(), name);
            assert_eq!(Error::new(kind, "m").type_name(), name);
            assert_eq!(Error::new(kind, "m").kind(), kind);
        }
    }

    #[test]
    fn status_decides_before_type_for_401_403_429() {
        for ty in [
            None,
            Some("invalid_request_error"),
            Some("idempotency_error"),
            Some("api_error"),
            Some("rate_limit_error"),
            Some("authentication_error"),
        ] {
            for (status, kind) in [
                (401, ErrorKind::Authentication),
                (403, ErrorKind::Permission),
                (429, ErrorKind::RateLimit),
            ] {
                let fields: Vec<(&str, &str)> = ty.iter().map(|t| ("type", *t)).collect();
                assert_eq!(
                    answered(status, &fields, None, &none()).kind(),
                    kind,
                    "{status} {ty:?}"
                );
            }
        }
    }

    #[test]
    fn each_type_maps_to_its_class_whatever_the_status() {
        let cases = [
            ("invalid_request_error", ErrorKind::InvalidRequest),
            ("idempotency_error", ErrorKind::Idempotency),
            ("authentication_error", ErrorKind::Authentication),
            ("rate_limit_error", ErrorKind::RateLimit),
            ("api_error", ErrorKind::Api),
            ("card_error", ErrorKind::Api),
            ("something_new", ErrorKind::Api),
        ];
        for (ty, kind) in cases {
            for status in [200, 302, 400, 402, 404, 409, 422, 499, 500, 502, 503] {
                let error = answered(status, &[("type", ty), ("message", "m")], None, &none());
                assert_eq!(error.kind(), kind, "{ty} at {status}");
                assert_eq!(error.status_code(), Some(status));
            }
        }
    }

    #[test]
    fn without_a_type_the_status_decides() {
        for (status, kind) in [
            (399, ErrorKind::Api),
            (400, ErrorKind::InvalidRequest),
            (404, ErrorKind::InvalidRequest),
            (499, ErrorKind::InvalidRequest),
            (500, ErrorKind::Api),
            (502, ErrorKind::Api),
        ] {
            assert_eq!(
                answered(status, &[("message", "m")], None, &none()).kind(),
                kind,
                "{status}"
            );
            assert_eq!(
                Error::from_response(status, None, None, &none()).kind(),
                kind,
                "{status}"
            );
        }
    }

    #[test]
    fn fields_are_copied() {
        let json = body(
            r#"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such secret","param":"name","doc_url":"https://stripe.com/docs/error-codes/resource-missing"}}"#,
        );
        let error = Error::from_response(404, Some(&json), Some("req_1"), &call("hunter2"));
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
    fn a_body_without_message_is_explained() {
        let error = Error::from_response(502, None, None, &none());
        assert_eq!(
            error.message(),
            "The Stripe API answered 502 without an error object."
        );
        let error = Error::from_response(502, Some(&body("{}")), None, &none());
        assert_eq!(
            error.message(),
            "The Stripe API answered 502 without an error object."
        );
        let error = answered(418, &[("type", "api_error")], None, &none());
        assert_eq!(error.message(), "The Stripe API answered 418.");
    }

    #[test]
    fn fields_of_the_wrong_shape_are_dropped() {
        let good_code = "c".repeat(MAX_CODE_BYTES);
        let good_param = "p".repeat(MAX_PARAM_BYTES);
        let good_id = format!("req_{}", "A".repeat(MAX_REQUEST_ID_BYTES - 4));
        let good_url = format!("https://docs.stripe.com/{}", "d".repeat(MAX_DOC_URL_BYTES - 24));
        let kept = [
            ("code", "parameter_invalid_integer_2"),
            ("code", good_code.as_str()),
            ("param", "scope[user]"),
            ("param", "expand[0]"),
            ("param", "data.payload"),
            ("param", good_param.as_str()),
            (
                "doc_url",
                "https://stripe.com/docs/error-codes/resource-missing#a_b.c~",
            ),
            ("doc_url", good_url.as_str()),
        ];
        for (name, value) in kept {
            let error = answered(400, &[(name, value)], None, &none());
            let got = match name {
                "code" => error.code(),
                "param" => error.param(),
                _ => error.doc_url(),
            };
            assert_eq!(got, Some(value), "{name} {value}");
        }
        let long_code = "c".repeat(MAX_CODE_BYTES + 1);
        let long_param = "p".repeat(MAX_PARAM_BYTES + 1);
        let long_url = format!("{good_url}d");
        let dropped = [
            ("code", ""),
            ("code", "Resource_missing"),
            ("code", "resource-missing"),
            ("code", "scope[user]"),
            ("code", "a b"),
            ("code", long_code.as_str()),
            ("param", ""),
            ("param", "Name"),
            ("param", "name "),
            ("param", "<script>"),
            ("param", "na\u{e9}me"),
            ("param", long_param.as_str()),
            ("doc_url", ""),
            ("doc_url", "http://stripe.com/docs"),
            ("doc_url", "https://stripe.com.evil.example/docs"),
            ("doc_url", "https://evil.example/https://stripe.com/"),
            ("doc_url", "https://stripe.com/docs?x=1"),
            ("doc_url", "https://stripe.com/docs x"),
            ("doc_url", "https://stripe.com/docs\"><img>"),
            ("doc_url", "https://stripe.com/d%6fcs"),
            ("doc_url", long_url.as_str()),
        ];
        for (name, value) in dropped {
            let error = answered(400, &[(name, value)], None, &none());
            assert_eq!(
                (error.code(), error.param(), error.doc_url()),
                (None, None, None),
                "{name} {value}"
            );
        }
        for id in ["req_1", "req_AbC9", good_id.as_str()] {
            assert_eq!(answered(400, &[], Some(id), &none()).request_id(), Some(id));
        }
        let long_id = format!("{good_id}A");
        for id in [
            "",
            "req_",
            "req-1",
            "REQ_1",
            "1",
            "req_a_b",
            "req_1 ",
            "xreq_1",
            long_id.as_str(),
        ] {
            assert_eq!(answered(400, &[], Some(id), &none()).request_id(), None, "{id}");
            let error = Error::unexpected_response("x").with_status(200, Some(id), &none());
            assert_eq!(error.request_id(), None, "{id}");
            assert_eq!(error.status_code(), Some(200));
        }
        let error = Error::unexpected_response("x").with_status(201, Some("req_7"), &none());
        assert_eq!(
            (error.status_code(), error.request_id()),
            (Some(201), Some("req_7"))
        );
    }

    #[test]
    fn a_message_that_is_exactly_a_secret_is_redacted() {
        let redactor = call("hunter2");
        for secret in ["hunter2", KEY, "sk_test_51Key"] {
            let error = answered(400, &[("message", secret)], None, &redactor);
            assert_eq!(error.message(), REDACTED, "{secret}");
        }
        // One character: still the whole of it.
        let error = answered(400, &[("message", "x")], None, &call("x"));
        assert_eq!(error.message(), REDACTED);
    }

    #[test]
    fn re_encoded_echoes_are_redacted() {
        let payload = "a b!~'()*\u{e9}\u{1F510}";
        let redactor = call(payload);
        for echo in [
            // encodeURIComponent
            "a%20b!~'()*%C3%A9%F0%9F%94%90",
            // URLSearchParams
            "a+b%21%7E%27%28%29*%C3%A9%F0%9F%94%90",
            // ASCII-only JSON, lower and upper case hex, a surrogate pair
            "a b!~'()*\\u00e9\\ud83d\\udd10",
            "a b!~'()*\\u00E9\\uD83D\\uDD10",
        ] {
            assert_eq!(
                redactor.redact(&format!("<{echo}>"), 4096),
                "<[redacted]>",
                "{echo}"
            );
        }
        assert_eq!(percent_encoded("a é+", |_| false, true).as_str(), "a+%C3%A9%2B");
        assert_eq!(
            percent_encoded("a é+", |b| b == b'+', false).as_str(),
            "a%20%C3%A9+"
        );
        assert_eq!(ascii_json("\u{e9}x\u{1F510}", false), "\\u00e9x\\ud83d\\udd10");
        assert_eq!(ascii_json("\u{e9}", true), "\\u00E9");
        assert_eq!(ascii_json("plain", true), "plain");
    }

    #[test]
    fn every_copy_in_every_shape_is_redacted() {
        let payload = "a b&c=\"d\"\n\u{e9}";
        let redactor = call(payload);
        let mut form = String::new();
        form::encode_value(&mut form, payload);
        assert_eq!(form, "a%20b%26c%3D%22d%22%0A%C3%A9");
        let escaped = "a b&c=\\\"d\\\"\\n\u{e9}";
        for (echo, expected) in [
            (
                format!("bad {payload} ({payload})"),
                "bad [redacted] ([redacted])",
            ),
            (format!("bad {form}"), "bad [redacted]"),
            (format!("{escaped} bad"), "[redacted] bad"),
            (format!("{payload}{form}"), "[redacted]"),
            (
                format!("key {KEY}, bare sk_test_51Key."),
                "key [redacted], bare [redacted].",
            ),
            ("Bearer%20sk_test_51Key".to_string(), "[redacted]"),
            ("nothing to hide".to_string(), "nothing to hide"),
            ("hunter".to_string(), "hunter"),
        ] {
            let error = answered(400, &[("message", &echo)], None, &redactor);
            assert_eq!(error.message(), expected, "{echo}");
        }
        // A JSON escape with \u: a control character as our writer escapes it.
        let error = answered(400, &[("message", "x\\u0001y")], None, &call("x\u{1}y"));
        assert_eq!(error.message(), REDACTED);
    }

    #[test]
    fn a_payload_that_is_a_prefix_of_the_key_leaves_no_part_of_the_key() {
        for payload in ["sk_test", "Bearer sk", "sk_test_51Key", "51K", "Key"] {
            let redactor = call(payload);
            let error = answered(400, &[("message", &format!("got {KEY}"))], None, &redactor);
            assert_eq!(error.message(), "got [redacted]", "{payload}");
        }
        // Overlapping copies of two needles become one run.
        let redactor = Redactor::new(&["abcd", "cdef"]);
        assert_eq!(redactor.redact("xabcdefx", 100), "x[redacted]x");
        assert_eq!(redactor.redact("abcdcdef", 100), "[redacted]");
        assert_eq!(redactor.redact("abcd-cdef", 100), "[redacted]-[redacted]");
    }

    #[test]
    fn a_redactor_with_a_payload_is_the_one_made_with_both() {
        // The store makes its key's needles once and adds each call's payload.
        let key = Redactor::new(&[KEY, "sk_test_51Key"]);
        let payload = "p&q=r s+ü";
        let both = Redactor::new(&[payload, KEY, "sk_test_51Key"]);
        let with = key.with(payload);
        for text in [
            format!("a {payload} b"),
            "a p%26q%3Dr%20s%2B%C3%BC b".to_owned(),
            "a p%26q%3Dr+s%2B%C3%BC b".to_owned(),
            "a p&q=r s+\\u00fc b".to_owned(),
            format!("a {KEY} b"),
        ] {
            assert_eq!(with.redact(&text, 100), both.redact(&text, 100), "{text}");
            assert_eq!(with.redact(&text, 100), "a [redacted] b", "{text}");
        }
        // The key's own redactor is left as it was.
        assert_eq!(
            key.redact(&format!("a {payload} b"), 100),
            format!("a {payload} b")
        );
    }

    #[test]
    fn an_empty_needle_matches_nothing_and_ends() {
        let redactor = Redactor::new(&["", "p"]);
        assert_eq!(redactor.redact("a p b", 100), "a [redacted] b");
        let redactor = Redactor::new(&[""]);
        assert_eq!(redactor.redact("anything", 100), "anything");
        assert_eq!(redactor.redact("", 100), "");
        assert!(!redactor.touches("anything"));
        let error = answered(
            400,
            &[("message", "m"), ("code", "c"), ("param", "p")],
            Some("req_1"),
            &redactor,
        );
        assert_eq!(
            (error.message(), error.code(), error.param()),
            ("m", Some("c"), Some("p"))
        );
        assert_eq!(error.request_id(), Some("req_1"));
    }

    #[test]
    fn structured_fields_holding_a_secret_are_dropped() {
        let redactor = call("abc123");
        let error = answered(
            400,
            &[
                ("code", "abc123"),
                ("param", "x.abc123"),
                ("doc_url", "https://stripe.com/docs/abc123"),
            ],
            Some("req_abc123"),
            &redactor,
        );
        assert_eq!(error.code(), None);
        assert_eq!(error.param(), None);
        assert_eq!(error.doc_url(), None);
        assert_eq!(error.request_id(), None);
        let error = Error::unexpected_response("x").with_status(200, Some("req_abc123"), &redactor);
        assert_eq!(error.request_id(), None);
        let error = answered(400, &[("code", "abc12")], Some("req_abc12"), &redactor);
        assert_eq!(
            (error.code(), error.request_id()),
            (Some("abc12"), Some("req_abc12"))
        );
    }

    #[test]
    fn long_messages_are_cut_at_a_character_boundary() {
        let max = MAX_SERVER_MESSAGE_BYTES;
        let exact = "m".repeat(max);
        assert_eq!(
            answered(400, &[("message", &exact)], None, &none()).message(),
            exact
        );
        let over = "m".repeat(max + 1);
        let cut = answered(400, &[("message", &over)], None, &none());
        assert_eq!(cut.message(), format!("{exact}{TRUNCATED}"));
        // A two-byte character across the limit is left out whole.
        let straddling = format!("{}\u{e9}tail", "m".repeat(max - 1));
        let cut = answered(400, &[("message", &straddling)], None, &none());
        assert_eq!(cut.message(), format!("{}{TRUNCATED}", "m".repeat(max - 1)));
        let none_cut = none().redact("abc", 2);
        assert_eq!(none_cut, format!("ab{TRUNCATED}"));
        assert_eq!(none().redact("abc", 0), TRUNCATED);
        // The same with needles that do not occur, which lengthen the scan.
        assert_eq!(call("zzz").redact("abc", 2), format!("ab{TRUNCATED}"));
        assert_eq!(call("zzz").redact("abc", 3), "abc");
    }

    #[test]
    fn a_secret_across_the_cut_is_redacted_whole() {
        let max = MAX_SERVER_MESSAGE_BYTES;
        let redactor = call("hunter2");
        let text = format!("{}hunter2 and more", "m".repeat(max - 3));
        let error = answered(400, &[("message", &text)], None, &redactor);
        assert_eq!(
            error.message(),
            format!("{}{REDACTED}{TRUNCATED}", "m".repeat(max - 3))
        );
        // Ending exactly with the secret: nothing was cut away.
        let text = format!("{}hunter2", "m".repeat(max - 3));
        let error = answered(400, &[("message", &text)], None, &redactor);
        assert_eq!(error.message(), format!("{}{REDACTED}", "m".repeat(max - 3)));
        // A secret starting at the cut is cut away, never shown in part.
        let text = format!("{}hunter2", "m".repeat(max));
        let error = answered(400, &[("message", &text)], None, &redactor);
        assert_eq!(error.message(), format!("{}{TRUNCATED}", "m".repeat(max)));
        // Copies back to back, far past the cut: one run, then the cut.
        let text = "hunter2".repeat(max);
        let error = answered(400, &[("message", &text)], None, &redactor);
        assert_eq!(error.message(), format!("{REDACTED}{TRUNCATED}"));
        let text = format!("{}{}", "hunter2".repeat(max / 7 - 1), "-hunter2");
        assert_eq!(redactor.redact(&text, max), format!("{REDACTED}-{REDACTED}"));
    }

    #[test]
    fn display_and_debug_say_what_happened_and_never_the_secret() {
        let json = body(
            r#"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such secret: hunter2","param":"name"}}"#,
        );
        let error = Error::from_response(404, Some(&json), Some("req_9"), &call("hunter2"));
        assert_eq!(
            error.to_string(),
            "StripeInvalidRequestError: No such secret: [redacted]"
        );
        assert_eq!(
            format!("{error:?}"),
            "Error { type: \"StripeInvalidRequestError\", code: Some(\"resource_missing\"), \
             param: Some(\"name\"), status_code: Some(404), request_id: Some(\"req_9\"), \
             doc_url: None, message: \"No such secret: [redacted]\" }"
        );
        assert!(!format!("{error} {error:?} {error:#?}").contains("hunter2"));
    }

    #[test]
    fn the_crate_s_own_errors() {
        let error = Error::invalid_param("limit", "limit must be 1 to 100.");
        assert_eq!(
            (error.kind(), error.code(), error.param(), error.message()),
            (
                ErrorKind::InvalidRequest,
                Some("parameter_invalid"),
                Some("limit"),
                "limit must be 1 to 100."
            )
        );
        let error = Error::missing_param("scope");
        assert_eq!(
            (error.kind(), error.code(), error.param(), error.message()),
            (
                ErrorKind::InvalidRequest,
                Some("parameter_missing"),
                Some("scope"),
                "Missing required param: scope."
            )
        );
        let error = Error::unexpected_response("a list without data");
        assert_eq!(
            (error.kind(), error.code(), error.message()),
            (
                ErrorKind::Api,
                Some("unexpected_response"),
                "Unexpected response from the Stripe API: a list without data."
            )
        );
        assert_eq!(error.status_code(), None);
        let error = Error::new(ErrorKind::Scope, "a").with_message("b");
        assert_eq!(error.message(), "b");
    }
}
