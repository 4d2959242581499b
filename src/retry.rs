//! When to try again, and how long to wait first: stripe-node's policy.
//!
//! Connection errors (timeouts included), 409, 429 and 5xx are retried;
//! other answers never. `Stripe-Should-Retry` overrides the status. The
//! wait doubles from 0.5 s up to 5 s, with jitter so that many clients
//! failing together do not retry together.

/// The first wait, in milliseconds.
pub const INITIAL_DELAY_MS: f64 = 500.0;
/// The longest wait before jitter, in milliseconds.
pub const MAX_DELAY_MS: f64 = 5000.0;

/// How an attempt ended, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// The server answered.
    Answered { status: u16, should_retry: Option<bool> },
    /// No answer: the connection failed or the attempt timed out.
    NoAnswer,
}

/// Whether to try again after `attempt`, when `retries_done` retries have
/// already been made and `max_retries` are allowed.
pub fn should_retry(attempt: Attempt, retries_done: u32, max_retries: u32) -> bool {
    if retries_done >= max_retries {
        return false;
    }
    match attempt {
        Attempt::NoAnswer => true,
        Attempt::Answered {
            should_retry: Some(verdict),
            ..
        } => verdict,
        Attempt::Answered { status, .. } => status == 409 || status == 429 || status >= 500,
    }
}

/// The wait before retry number `retry` (1 for the first), given `jitter`
/// in [0, 1): between half and all of the doubled delay, never under the
/// initial delay.
pub fn backoff_ms(retry: u32, jitter: f64) -> u32 {
    let doubling = 2f64.powi(retry.saturating_sub(1).min(16) as i32);
    let ceiling = (INITIAL_DELAY_MS * doubling).min(MAX_DELAY_MS);
    let jittered = ceiling * 0.5 * (1.0 + jitter.clamp(0.0, 1.0));
    jittered.max(INITIAL_DELAY_MS) as u32
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
