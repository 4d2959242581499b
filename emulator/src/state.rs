//! The shared state. A plain mutex: it is never held across an `.await`.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};

use tokio::sync::Semaphore;

use crate::faults::Fault;
use crate::idempotency::Cache;
use crate::reqlog::RequestLog;
use crate::store::Store;
use crate::Config;

#[derive(Default)]
pub struct Inner {
    pub store: Store,
    pub log: RequestLog,
    pub idempotency: Cache,
    pub faults: VecDeque<Fault>,
}

pub struct Shared {
    pub config: Config,
    /// KiB of request bodies that may be read at once (see [`crate::body`]).
    pub reading: Semaphore,
    inner: Mutex<Inner>,
}

impl Shared {
    pub fn new(config: Config) -> Self {
        Self {
            config,
            reading: crate::body::budget(),
            inner: Mutex::new(Inner::default()),
        }
    }

    /// Locks the state. No code panics while holding it, but a poisoned lock
    /// would still hold consistent data, so it is not an error.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
