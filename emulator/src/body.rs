//! Reading a `/v1` body within its bounds: at most [`MAX_BODY`] bytes, within
//! a deadline, and only while the bytes being read by all requests together
//! stay under [`READING_BYTES`].
//!
//! Hand-made rather than tower-http's limit layer because a refused body must
//! still reach the request log with its 413, like any other answer.

use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes};
use secret_store_core::ApiError;
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::limits::{MAX_BODY, READING_BYTES};

/// Permits are KiB, so the semaphore's count stays small.
const UNIT: usize = 1024;

/// The shared budget of bytes being read.
pub fn budget() -> Semaphore {
    Semaphore::new(READING_BYTES / UNIT)
}

/// Reads a body that claims `declared` bytes (`None` without `Content-Length`).
/// The permit holds the bytes' share of the budget until the caller has
/// decoded them, as decoding copies them once more.
pub async fn read(
    body: Body,
    declared: Option<usize>,
    timeout: Duration,
    budget: &Semaphore,
) -> Result<(Bytes, SemaphorePermit<'_>), ApiError> {
    if declared.is_some_and(|len| len > MAX_BODY) {
        return Err(ApiError::too_large());
    }
    let timed_out = || {
        ApiError::invalid(format!(
            "Request timeout: the body did not arrive within {} s.",
            timeout.as_secs_f32()
        ))
        .with_status(408)
    };
    let claim = declared.unwrap_or(MAX_BODY).div_ceil(UNIT).max(1);
    let reading = async {
        // The semaphore is never closed, so acquiring fails only in theory.
        let permit = budget
            .acquire_many(u32::try_from(claim).unwrap_or(u32::MAX))
            .await
            .map_err(|_| timed_out())?;
        let bytes = to_bytes(body, MAX_BODY)
            .await
            .map_err(|_| ApiError::too_large())?;
        Ok((bytes, permit))
    };
    // The deadline covers the wait for the budget too: a client cannot hold
    // a request open longer by arriving in a crowd.
    tokio::time::timeout(timeout, reading)
        .await
        .unwrap_or_else(|_| Err(timed_out()))
}
