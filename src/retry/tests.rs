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
