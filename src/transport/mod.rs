//! How a request reaches the Secret Store: a small trait, and the fetch
//! implementation for the browser, Web Workers, Node and UI extensions
//! (`fetch`): the global `fetch`, or a `stripeApiFetch` function.

use std::fmt;

use zeroize::Zeroize;

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod double;
mod fetch;

pub use fetch::{FetchTransport, API_ORIGIN};
pub use web_sys::AbortSignal;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/transport/http.js")]
extern "C" {
    /// 1 when `signal` aborted, 0 when not, 2 when `aborted` cannot be
    /// read. It never throws: its body is a `try`.
    #[wasm_bindgen(js_name = signalAborted)]
    fn signal_aborted(signal: &AbortSignal) -> u32;
}

/// `signal.aborted`, or `None` where it cannot be read: something that
/// passes `instanceof AbortSignal` without being one (made from its
/// prototype, a Proxy, an own getter that throws, a value that is not a
/// boolean). Read in JS, inside a `try`: a throw must never unwind through
/// the engine.
fn read_aborted(signal: &AbortSignal) -> Option<bool> {
    match signal_aborted(signal) {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    }
}

/// Whether the caller's `signal` aborted. One that cannot be read counts as
/// aborted: the call ends, typed, and sends nothing more.
pub fn aborted(signal: &AbortSignal) -> bool {
    read_aborted(signal).unwrap_or(true)
}

/// Whether `signal.aborted` can be read at all (the store reads it before
/// sending: one that cannot be is refused as a bad argument).
pub fn readable(signal: &AbortSignal) -> bool {
    read_aborted(signal).is_some()
}

/// The two methods the Secret Store uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One request, ready to send. Wiped when dropped: the body may hold a
/// payload and the headers an API key; `Debug` shows neither.
pub struct HttpRequest {
    pub method: Method,
    /// The path, with the query string for GET (`/v1/apps/secrets/find?...`).
    pub path: String,
    /// Header names as Stripe spells them, and their values.
    pub headers: Vec<(&'static str, String)>,
    /// The form body of a POST.
    pub body: Option<String>,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| *name).collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("path", &self.path.split('?').next().unwrap_or(""))
            .field("headers", &names)
            .field("body", &self.body.as_ref().map(|b| b.len()))
            .finish()
    }
}

impl Drop for HttpRequest {
    fn drop(&mut self) {
        self.path.zeroize();
        self.body.zeroize();
        for (_, value) in &mut self.headers {
            value.zeroize();
        }
    }
}

/// What came back. The body is the JSON text (empty when there was none).
pub struct HttpResponse {
    pub status: u16,
    /// The answer's headers, names in lower case (at most
    /// [`MAX_RESPONSE_HEADERS`] of them).
    pub headers: Vec<(String, String)>,
    pub request_id: Option<String>,
    /// The `Stripe-Should-Retry` header, when the server sent it.
    pub should_retry: Option<bool>,
    pub body: String,
}

impl Drop for HttpResponse {
    fn drop(&mut self) {
        self.body.zeroize();
    }
}

/// More headers than an answer of the Secret Store has: the rest are not kept.
pub const MAX_RESPONSE_HEADERS: usize = 64;

/// Why an attempt got no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// The network failed, or the transport threw.
    Connection,
    /// The attempt took longer than the timeout and was aborted.
    Timeout,
    /// The caller's signal aborted the call.
    Aborted,
    /// Something answered, but not with a response (a `fetch` stand-in
    /// that resolved with the wrong shape). Not retried.
    Malformed,
}

/// Sends requests and waits between attempts. One call at a time per
/// future; the futures need not be `Send` (wasm is single-threaded).
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// Sends one attempt, giving up after `timeout_ms` or when `signal` aborts.
    async fn send(
        &self,
        request: &HttpRequest,
        timeout_ms: u32,
        signal: Option<&AbortSignal>,
    ) -> Result<HttpResponse, TransportError>;

    /// Waits `ms` milliseconds between attempts, or until `signal` aborts.
    async fn sleep(&self, ms: u32, signal: Option<&AbortSignal>) -> Result<(), TransportError>;
}

/// `Stripe-Should-Retry`'s two values; anything else means nothing.
fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}
