//! The log behind `GET /_emulator/requests`: what reached `/v1`, minus secrets.

use std::collections::VecDeque;

use serde::Serialize;

/// Oldest entries are dropped past this many.
const CAPACITY: usize = 10_000;

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
    entries: VecDeque<Entry>,
    next_id: u64,
}

impl RequestLog {
    /// Appends and returns the entry's id for [`RequestLog::set_status`].
    pub fn push(&mut self, mut entry: Entry) -> u64 {
        self.next_id += 1;
        entry.id = self.next_id;
        self.entries.push_back(entry);
        if self.entries.len() > CAPACITY {
            self.entries.pop_front();
        }
        self.next_id
    }

    /// Records the answer; a no-op if the entry was reset or dropped meanwhile.
    pub fn set_status(&mut self, id: u64, status: Option<u16>) {
        if let Some(entry) = self.entries.iter_mut().rev().find(|e| e.id == id) {
            entry.status = status;
        }
    }

    pub fn entries(&self) -> Vec<Entry> {
        self.entries.iter().cloned().collect()
    }
}
