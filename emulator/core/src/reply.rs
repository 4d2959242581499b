//! A JSON answer kept as bytes, so idempotent replays resend exactly what was sent.

use serde::Serialize;

/// Status plus JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// JSON text.
    pub body: Vec<u8>,
}

impl Reply {
    /// A reply from its parts.
    pub fn new(status: u16, body: Vec<u8>) -> Self {
        Self { status, body }
    }

    /// A 200 with `value` serialized.
    pub fn ok<T: Serialize>(value: &T) -> Self {
        // Our response types only hold strings, numbers and maps: serialization cannot fail.
        Self::new(200, serde_json::to_vec(value).unwrap_or_default())
    }
}
