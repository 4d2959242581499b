//! Random ids in Stripe's style.

const ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn random(prefix: &str, len: usize) -> String {
    let mut id = String::with_capacity(prefix.len() + len);
    id.push_str(prefix);
    for _ in 0..len {
        id.push(char::from(ALPHANUMERIC[fastrand::usize(..ALPHANUMERIC.len())]));
    }
    id
}

/// `appsecret_` + 24 alphanumerics.
pub fn secret_id() -> String {
    random("appsecret_", 24)
}

/// `req_` + 14 alphanumerics.
pub fn request_id() -> String {
    random("req_", 14)
}

/// Gives every request a `req_…` id; `SetRequestIdLayer` puts it on the
/// request and `PropagateRequestIdLayer` copies it to the response.
#[derive(Clone, Copy)]
pub struct StripeRequestId;

impl tower_http::request_id::MakeRequestId for StripeRequestId {
    fn make_request_id<B>(
        &mut self,
        _request: &axum::http::Request<B>,
    ) -> Option<tower_http::request_id::RequestId> {
        axum::http::HeaderValue::from_str(&request_id())
            .ok()
            .map(tower_http::request_id::RequestId::new)
    }
}
