//! `Idempotency-Key`: which keys are valid, and the cache behind replays. The
//! first answer to a key is replayed; other params under the same key are an
//! `idempotency_error`. The cache keeps the newest answers within
//! [`IDEMPOTENCY_BYTES`] and [`IDEMPOTENCY_KEYS`].

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};

use crate::errors::ApiError;
use crate::head::Head;
use crate::limits::{IDEMPOTENCY_BYTES, IDEMPOTENCY_KEYS};
use crate::reply::Reply;

/// Stripe's maximum key length.
pub const MAX_KEY_LEN: usize = 255;
/// Bookkeeping per cached answer beyond its bytes (maps, queue, lengths).
const ENTRY_OVERHEAD: usize = 128;

/// The key of a POST, if it sent one (the only requests that read it: Stripe
/// ignores the header on GET and DELETE). A key must be 1 to [`MAX_KEY_LEN`]
/// visible ASCII characters (`!` to `~`), the rule the client library applies
/// too; any other key is refused rather than ignored, since ignoring it would
/// silently turn off the retry safety its sender asked for.
pub fn key(head: &Head) -> Result<Option<String>, ApiError> {
    let Some(bytes) = head.get("idempotency-key") else {
        return Ok(None);
    };
    if bytes.is_empty() || bytes.len() > MAX_KEY_LEN || !bytes.iter().all(u8::is_ascii_graphic) {
        return Err(ApiError::invalid(format!(
            "Invalid Idempotency-Key: it must be 1 to {MAX_KEY_LEN} visible ASCII characters \
             (! to ~: no spaces, control or non-ASCII characters)."
        )));
    }
    Ok(Some(String::from_utf8_lossy(bytes).into_owned()))
}

/// What a request sends, reduced to a hash so the cache keeps no payloads.
pub fn fingerprint(method: &str, path: &str, pairs: &[(String, String)]) -> u64 {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    let mut hasher = DefaultHasher::new();
    (method, path, sorted).hash(&mut hasher);
    hasher.finish()
}

/// What the cache knows of a key.
pub enum Lookup {
    /// Never seen (or forgotten).
    Miss,
    /// The first answer, to send again.
    Replay(Reply),
}

/// The remembered answers, per caller and key.
#[derive(Default)]
pub struct Cache {
    entries: HashMap<(String, String), (u64, Reply)>,
    order: VecDeque<(String, String)>,
    bytes: usize,
}

fn weight(id: &(String, String), reply: &Reply) -> usize {
    id.0.len() + id.1.len() + reply.body.len() + ENTRY_OVERHEAD
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

    /// Remembers an answer, forgetting the oldest ones past the bounds.
    pub fn store(&mut self, caller: &str, key: &str, fingerprint: u64, reply: Reply) {
        let id = (caller.to_owned(), key.to_owned());
        self.bytes += weight(&id, &reply);
        match self.entries.insert(id.clone(), (fingerprint, reply)) {
            Some((_, old)) => self.bytes -= weight(&id, &old),
            None => self.order.push_back(id),
        }
        while self.order.len() > IDEMPOTENCY_KEYS || self.bytes > IDEMPOTENCY_BYTES {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some((_, reply)) = self.entries.remove(&old) {
                self.bytes -= weight(&old, &reply);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_key(value: &[u8]) -> Head {
        let mut head = Head::new("POST", "/v1/apps/secrets");
        head.push("Idempotency-Key", value);
        head
    }

    #[test]
    fn keys_are_visible_ascii_up_to_255() {
        assert_eq!(key(&Head::new("POST", "/")).unwrap(), None);
        assert_eq!(key(&with_key(b"a-Z_0~!")).unwrap().as_deref(), Some("a-Z_0~!"));
        assert!(key(&with_key(&[b'k'; 255])).unwrap().is_some());
        for bad in [
            &[b'k'; 256][..],
            b"",
            b"a b",
            "caf\u{e9}".as_bytes(),
            b"tab\there",
        ] {
            assert!(key(&with_key(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn forgets_the_oldest_past_its_bytes() {
        let mut cache = Cache::default();
        let big = Reply::new(200, vec![b'x'; 1024 * 1024]);
        for i in 0..20 {
            cache.store("c", &format!("k{i}"), 1, big.clone());
        }
        assert!(cache.bytes <= IDEMPOTENCY_BYTES);
        assert!(matches!(cache.lookup("c", "k0", 1), Ok(Lookup::Miss)));
        assert!(matches!(cache.lookup("c", "k19", 1), Ok(Lookup::Replay(_))));
    }
}
