//! The log behind `GET /_emulator/requests`: what reached `/v1`, minus
//! secrets. It keeps the newest entries within [`LOG_BYTES`] and [`LOG_ENTRIES`],
//! so a flood of large requests cannot grow it.

use std::collections::VecDeque;

use serde::{Serialize, Serializer};

use crate::limits::{LOG_BYTES, LOG_ENTRIES};

/// Bookkeeping per entry and per string beyond their bytes.
const ENTRY_OVERHEAD: usize = 128;
const STRING_OVERHEAD: usize = 32;

/// A logged param value: as sent, or for `payload` only its length in
/// characters (Unicode scalar values, the unit of Stripe's 5000 limit).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Logged {
    Text(String),
    Redacted { length: usize },
}

/// One `/v1` request.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    #[serde(skip)]
    pub id: u64,
    pub method: String,
    pub path: String,
    pub params: Vec<(String, Logged)>,
    /// Lowercase names in the order received; never any value.
    pub headers: Vec<String>,
    pub idempotency_key: Option<String>,
    /// `null` until answered, and for a dropped connection.
    pub status: Option<u16>,
}

impl Entry {
    /// About how many bytes the entry holds.
    fn weight(&self) -> usize {
        let text = |s: &str| s.len() + STRING_OVERHEAD;
        let params: usize = self
            .params
            .iter()
            .map(|(k, v)| {
                text(k)
                    + match v {
                        Logged::Text(v) => text(v),
                        Logged::Redacted { .. } => STRING_OVERHEAD,
                    }
            })
            .sum();
        let headers: usize = self.headers.iter().map(|h| text(h)).sum();
        ENTRY_OVERHEAD
            + text(&self.method)
            + text(&self.path)
            + params
            + headers
            + self.idempotency_key.as_deref().map_or(0, text)
    }
}

/// Redacts every param whose key is `payload` or starts with `payload[`.
pub fn redact(pairs: &[(String, String)]) -> Vec<(String, Logged)> {
    pairs
        .iter()
        .map(|(k, v)| {
            let secret = k == "payload" || k.starts_with("payload[");
            let value = if secret {
                Logged::Redacted {
                    length: v.chars().count(),
                }
            } else {
                Logged::Text(v.clone())
            };
            (k.clone(), value)
        })
        .collect()
}

#[derive(Default)]
pub struct RequestLog {
    entries: VecDeque<(Entry, usize)>,
    bytes: usize,
    next_id: u64,
}

impl RequestLog {
    /// Appends and returns the entry's id for [`RequestLog::set_status`].
    pub fn push(&mut self, mut entry: Entry) -> u64 {
        self.next_id += 1;
        entry.id = self.next_id;
        let weight = entry.weight();
        self.bytes += weight;
        self.entries.push_back((entry, weight));
        while self.entries.len() > LOG_ENTRIES || self.bytes > LOG_BYTES {
            let Some((_, weight)) = self.entries.pop_front() else {
                break;
            };
            self.bytes -= weight;
        }
        self.next_id
    }

    /// Records the answer; a no-op if the entry was reset or dropped meanwhile.
    pub fn set_status(&mut self, id: u64, status: Option<u16>) {
        if let Some((entry, _)) = self.entries.iter_mut().rev().find(|(e, _)| e.id == id) {
            entry.status = status;
        }
    }

    /// The entries, oldest first, serialized without copying them.
    pub fn entries(&self) -> Entries<'_> {
        Entries(&self.entries)
    }
}

/// The log's entries as a sequence, oldest first.
pub struct Entries<'a>(&'a VecDeque<(Entry, usize)>);

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|(entry, _)| entry))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_within_its_bytes() {
        let mut log = RequestLog::default();
        for i in 0..40 {
            log.push(Entry {
                id: 0,
                method: "POST".into(),
                path: format!("/v1/{i}"),
                params: vec![("name".into(), Logged::Text("x".repeat(1024 * 1024)))],
                headers: vec![],
                idempotency_key: None,
                status: None,
            });
        }
        assert!(log.bytes <= LOG_BYTES);
        assert!(log.entries.len() < 10);
        assert_eq!(log.entries.back().unwrap().0.path, "/v1/39");
    }
}
