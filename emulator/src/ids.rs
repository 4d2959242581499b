//! `Request-Id` in Stripe's style (`req_` + 14 alphanumerics) on every answer.

/// Gives every request a `req_…` id; `SetRequestIdLayer` puts it on the
/// request and `PropagateRequestIdLayer` copies it to the response.
#[derive(Clone, Copy)]
pub struct StripeRequestId;

impl tower_http::request_id::MakeRequestId for StripeRequestId {
    fn make_request_id<B>(
        &mut self,
        _request: &axum::http::Request<B>,
    ) -> Option<tower_http::request_id::RequestId> {
        let id = secret_store_core::request_id(&mut fastrand::Rng::new());
        axum::http::HeaderValue::from_str(&id)
            .ok()
            .map(tower_http::request_id::RequestId::new)
    }
}
