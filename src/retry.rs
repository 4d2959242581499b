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
mod tests {
    use super::*;

    fn answered(status: u16) -> Attempt {
        Attempt::Answered {
            status,
            should_retry: None,
        }
    }

    #[test]
    fn which_answers_are_retried() {
        for status in [409, 429, 500, 502, 503, 504, 599] {
            assert!(should_retry(answered(status), 0, 2), "{status}");
        }
        for status in [200, 400, 401, 402, 403, 404, 408, 422] {
            assert!(!should_retry(answered(status), 0, 2), "{status}");
        }
        assert!(should_retry(Attempt::NoAnswer, 0, 2));
    }

    #[test]
    fn the_header_overrides_the_status() {
        let no = Attempt::Answered {
            status: 503,
            should_retry: Some(false),
        };
        let yes = Attempt::Answered {
            status: 400,
            should_retry: Some(true),
        };
        assert!(!should_retry(no, 0, 2));
        assert!(should_retry(yes, 0, 2));
    }

    #[test]
    fn the_budget_is_respected() {
        assert!(should_retry(Attempt::NoAnswer, 1, 2));
        assert!(!should_retry(Attempt::NoAnswer, 2, 2));
        assert!(!should_retry(answered(500), 0, 0));
        assert!(!should_retry(
            Attempt::Answered {
                status: 500,
                should_retry: Some(true)
            },
            3,
            3
        ));
    }

    #[test]
    fn backoff_doubles_within_bounds() {
        for retry in 1..40 {
            let ceiling = (INITIAL_DELAY_MS * 2f64.powi((retry - 1).min(16) as i32)).min(MAX_DELAY_MS);
            let low = backoff_ms(retry, 0.0);
            let high = backoff_ms(retry, 0.999_999);
            assert!(f64::from(low) >= INITIAL_DELAY_MS, "{retry}");
            assert!(f64::from(high) <= MAX_DELAY_MS, "{retry}");
            assert!(
                f64::from(low) >= (ceiling / 2.0).max(INITIAL_DELAY_MS) - 1.0,
                "{retry}"
            );
            assert!(f64::from(high) <= ceiling, "{retry}");
        }
        assert_eq!(backoff_ms(1, 0.0), 500);
        assert_eq!(backoff_ms(3, 0.0), 1000);
        assert_eq!(backoff_ms(3, 0.5), 1500);
        assert_eq!(backoff_ms(10, 0.0), 2500);
    }
}
