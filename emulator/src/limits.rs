//! Every bound the emulator keeps, in one place, so `--help`, docs/emulator.md and
//! the code cannot drift apart. Each one caps bytes, not only a count: a
//! flood of large requests must leave memory flat.

use std::time::Duration;

/// Largest request body on `/v1`, as Stripe's own 1 MiB.
pub const MAX_BODY: usize = 1024 * 1024;
/// Largest body of a `/_emulator/` control (a fault list is a few bytes a fault).
pub const MAX_CONTROL_BODY: usize = 64 * 1024;
/// Request line plus headers; more is refused by hyper before any handler.
pub const MAX_HEAD: usize = 64 * 1024;
/// More `key=value` pairs than this in one request is a 400.
pub const MAX_PARAMS: usize = 1000;
/// Faults queued at once; a longer queue is refused with a 400.
pub const MAX_FAULTS: usize = 1000;
/// The request log keeps the newest entries within this many bytes...
pub const LOG_BYTES: usize = 8 * 1024 * 1024;
/// ...and at most this many entries.
pub const LOG_ENTRIES: usize = 10_000;
/// Idempotent answers remembered, newest first, within this many bytes...
pub const IDEMPOTENCY_BYTES: usize = 4 * 1024 * 1024;
/// ...and at most this many keys (Stripe forgets them after 24 hours).
pub const IDEMPOTENCY_KEYS: usize = 10_000;
/// Names and payloads of all live secrets together; a `set` past it is refused.
pub const STORE_BYTES: usize = 8 * 1024 * 1024;
/// Request bodies being read at once, in bytes (a body without a
/// `Content-Length` counts as [`MAX_BODY`]); later readers wait their turn.
pub const READING_BYTES: usize = 8 * 1024 * 1024;
/// Default time for a client to send the request line and headers, and the
/// longest a kept-alive connection may idle.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time for a client to send the whole body once the headers arrived.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);
