//! Every bound the emulator keeps, in one place, so `--help`, docs/emulator.md and
//! the code cannot drift apart. Each one caps bytes, not only a count: a
//! flood of large requests must leave memory flat. The engine's own bounds
//! (body, params, log, idempotency keys, store, faults) come from
//! [`secret_store_core::limits`]; the server adds those of its I/O.

use std::time::Duration;

pub use secret_store_core::limits::*;

/// Largest body of a `/_emulator/` control (a fault list is a few bytes a fault).
pub const MAX_CONTROL_BODY: usize = 64 * 1024;
/// Request line plus headers; more is refused by hyper before any handler.
pub const MAX_HEAD: usize = 64 * 1024;
/// Request bodies being read at once, in bytes (a body without a
/// `Content-Length` counts as [`MAX_BODY`]); later readers wait their turn.
pub const READING_BYTES: usize = 8 * 1024 * 1024;
/// Default time for a client to send the request line and headers, and the
/// longest a kept-alive connection may idle.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time for a client to send the whole body once the headers arrived.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);
