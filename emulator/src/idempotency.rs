//! `Idempotency-Key`: the first answer to a key is replayed; other params under
//! the same key are an `idempotency_error`.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};

use crate::errors::ApiError;
use crate::reply::Reply;

/// Stripe's maximum key length.
pub const MAX_KEY_LEN: usize = 255;
/// Oldest keys are forgotten past this many (Stripe forgets them after 24 hours).
const CAPACITY: usize = 10_000;

/// What a request sends, reduced to a hash so the cache keeps no payloads.
pub fn fingerprint(method: &str, path: &str, pairs: &[(String, String)]) -> u64 {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    let mut hasher = DefaultHasher::new();
    (method, path, sorted).hash(&mut hasher);
    hasher.finish()
}

pub enum Lookup {
    Miss,
    Replay(Reply),
}

#[derive(Default)]
pub struct Cache {
    entries: HashMap<(String, String), (u64, Reply)>,
    order: VecDeque<(String, String)>,
}

impl Cache {
    /// `caller` is the identity the key belongs to.
    pub fn lookup(&self, caller: &str, key: &str, fingerprint: u64) -> Result<Lookup, ApiError> {
        match self.entries.get(&(caller.to_owned(), key.to_owned())) {
            None => Ok(Lookup::Miss),
            Some((stored, reply)) if *stored == fingerprint => Ok(Lookup::Replay(reply.clone())),
            Some(_) => Err(ApiError::invalid(format!(
                "Keys for idempotent requests can only be used with the same parameters they \
                 were first used with. Try using a key other than '{key}' if you meant to \
                 execute a different request."
            ))
            .with_kind("idempotency_error")),
        }
    }

    pub fn store(&mut self, caller: &str, key: &str, fingerprint: u64, reply: Reply) {
        let id = (caller.to_owned(), key.to_owned());
        if self.entries.insert(id.clone(), (fingerprint, reply)).is_none() {
            self.order.push_back(id);
        }
        while self.order.len() > CAPACITY {
            if let Some(old) = self.order.pop_front() {
                self.entries.remove(&old);
            }
        }
    }
}
