//! Injected faults: each queued fault applies to the next `/v1` request.

use std::fmt::Display;

use serde::{Deserialize, Serialize};

use crate::errors::ApiError;

/// Longest accepted `delay_ms`, so a typo cannot hang a test run.
pub const MAX_DELAY_MS: u64 = 60_000;

/// One fault; fields combine (`{"delay_ms":300,"status":500}` waits, then fails).
/// `{}` lets one request through untouched.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// Answer with this status (400..=599) and Stripe-style error JSON instead of processing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Close the connection without any HTTP answer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    /// Wait this long first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// Sends `Stripe-Should-Retry: true|false` with a status fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub should_retry: Option<bool>,
}

impl Fault {
    /// The field names, as serde reads them (a test checks): for a reader that
    /// must refuse others itself.
    pub const FIELDS: &'static [&'static str] = &["status", "drop", "delay_ms", "should_retry"];

    /// Refuses combinations that mean nothing.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(status) = self.status {
            if !(400..=599).contains(&status) {
                return Err(format!("status {status} is not an error status (400..=599)"));
            }
        }
        if self.drop && self.status.is_some() {
            return Err("a fault cannot both drop the connection and answer a status".into());
        }
        if self.should_retry.is_some() && self.status.is_none() {
            return Err("should_retry needs a status".into());
        }
        if self.delay_ms.is_some_and(|ms| ms > MAX_DELAY_MS) {
            return Err(format!("delay_ms must be at most {MAX_DELAY_MS}"));
        }
        Ok(())
    }

    /// The refusal of a list that is not an array of faults, saying `why`.
    pub fn unreadable_list(why: impl Display) -> ApiError {
        ApiError::invalid(format!(
            "Expected a JSON array of faults such as [{{\"status\":500}},{{\"drop\":true}},\
             {{\"delay_ms\":300}}]: {why}"
        ))
    }

    /// The Stripe-style error a status fault answers with.
    pub fn error(status: u16) -> ApiError {
        let message = format!("Emulated HTTP {status} injected by POST /_emulator/faults.");
        let error = ApiError::invalid(message).with_status(status);
        match status {
            404 => error.with_code("resource_missing"),
            409 => error.with_code("lock_timeout"),
            429 => error.with_code("rate_limit"),
            500..=599 => error.with_kind("api_error"),
            _ => error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_the_ones_serde_reads() {
        let error = serde_json::from_str::<Fault>(r#"{"x":1}"#)
            .unwrap_err()
            .to_string();
        let listed: Vec<String> = Fault::FIELDS.iter().map(|f| format!("`{f}`")).collect();
        assert!(
            error.contains(&format!("expected one of {}", listed.join(", "))),
            "{error}"
        );
    }
}
