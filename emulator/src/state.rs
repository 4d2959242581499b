//! The shared state: the engine behind a plain mutex (never held across an
//! `.await`), and the budget of bodies being read.

use std::sync::{Mutex, MutexGuard, PoisonError};

use secret_store_core::Engine;
use tokio::sync::Semaphore;

use crate::Config;

pub struct Shared {
    pub config: Config,
    /// KiB of request bodies that may be read at once (see [`crate::body`]).
    pub reading: Semaphore,
    engine: Mutex<Engine>,
}

impl Shared {
    pub fn new(config: Config) -> Self {
        Self {
            config,
            reading: crate::body::budget(),
            engine: Mutex::new(Engine::new(fastrand::u64(..))),
        }
    }

    /// Locks the engine. No code panics while holding it, but a poisoned lock
    /// would still hold consistent data, so it is not an error.
    pub fn lock(&self) -> MutexGuard<'_, Engine> {
        self.engine.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
