//! Every bound the engine keeps, in one place. Each one caps bytes, not only
//! a count: a flood of large requests must leave memory flat. The server adds
//! its own (head size, bodies being read, timeouts) beside these.

/// Largest request body on `/v1`, as Stripe's own 1 MiB.
pub const MAX_BODY: usize = 1024 * 1024;
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
