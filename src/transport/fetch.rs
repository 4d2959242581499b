//! [`FetchTransport`]: the one transport type of the wasm build, so the
//! client loop is instantiated once whichever way a store reaches Stripe.

use js_sys::Function;

use super::abort::{self, AbortGuard};
use super::{extension, global, AbortSignal, HttpRequest, HttpResponse, Transport, TransportError};

/// Where requests go.
#[derive(Clone, Debug)]
pub enum FetchTransport {
    /// The global `fetch`, to `base_url` + path.
    Global { base_url: String },
    /// A `stripeApiFetch`-shaped function, given `https://api.stripe.com` + path.
    Extension { fetch: Function },
}

impl Transport for FetchTransport {
    async fn send(
        &self,
        request: &HttpRequest,
        timeout_ms: u32,
        signal: Option<&AbortSignal>,
    ) -> Result<HttpResponse, TransportError> {
        let cancellable = matches!(self, FetchTransport::Global { .. });
        let guard = AbortGuard::new(timeout_ms, signal, cancellable)?;
        let result = match self {
            FetchTransport::Global { base_url } => global::send(base_url, request, &guard).await,
            FetchTransport::Extension { fetch } => extension::send(fetch, request, &guard).await,
        };
        guard.classify(result)
    }

    async fn sleep(&self, ms: u32, signal: Option<&AbortSignal>) -> Result<(), TransportError> {
        abort::sleep(ms, signal).await
    }
}
