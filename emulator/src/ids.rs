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
