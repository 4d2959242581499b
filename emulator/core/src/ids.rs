//! Random ids in Stripe's style, from a generator the caller owns (seeded once,
//! so the engine needs no randomness from the platform).

use fastrand::Rng;

const ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn random(rng: &mut Rng, prefix: &str, len: usize) -> String {
    let mut id = String::with_capacity(prefix.len() + len);
    id.push_str(prefix);
    for _ in 0..len {
        id.push(char::from(ALPHANUMERIC[rng.usize(..ALPHANUMERIC.len())]));
    }
    id
}

/// `appsecret_` + 24 alphanumerics.
pub fn secret_id(rng: &mut Rng) -> String {
    random(rng, "appsecret_", 24)
}

/// `req_` + 14 alphanumerics.
pub fn request_id(rng: &mut Rng) -> String {
    random(rng, "req_", 14)
}
