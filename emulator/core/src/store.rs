//! The secrets themselves: per account and scope, at most 10 each, expiring
//! lazily; at most [`STORE_BYTES`] of names and payloads in all, since the
//! number of accounts and users is open.

use std::collections::HashMap;

use fastrand::Rng;
use serde::Serialize;

use crate::ids;
use crate::limits::STORE_BYTES;

/// Stripe's per-scope limit.
pub const MAX_PER_SCOPE: usize = 10;

/// `scope` of a secret.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    Account,
    User(String),
}

/// Which bucket a secret lives in: the `Stripe-Account` acted on (empty for the
/// platform itself) and the scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bucket {
    pub account: String,
    pub scope: Scope,
}

#[derive(Debug, Clone)]
pub struct Secret {
    pub id: String,
    /// Creation order across the whole store: the list order and the cursor tiebreaker,
    /// since several secrets can share one `created` second.
    pub seq: u64,
    pub created: i64,
    pub expires_at: Option<i64>,
    pub name: String,
    pub payload: String,
    pub scope: Scope,
}

impl Secret {
    fn expired(&self, now_ms: i64) -> bool {
        self.expires_at
            .is_some_and(|at| now_ms >= at.saturating_mul(1000))
    }

    /// Stripe's JSON shape; `payload` only when expanded, `deleted` only on delete.
    pub fn view(&self, expand_payload: bool, deleted: bool) -> SecretView<'_> {
        SecretView {
            id: &self.id,
            object: "apps.secret",
            created: self.created,
            deleted: deleted.then_some(true),
            expires_at: self.expires_at,
            livemode: false,
            name: &self.name,
            payload: expand_payload.then_some(self.payload.as_str()),
            scope: match &self.scope {
                Scope::Account => ScopeView {
                    kind: "account",
                    user: None,
                },
                Scope::User(user) => ScopeView {
                    kind: "user",
                    user: Some(user),
                },
            },
        }
    }
}

#[derive(Serialize)]
pub struct SecretView<'a> {
    id: &'a str,
    object: &'static str,
    created: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted: Option<bool>,
    expires_at: Option<i64>,
    livemode: bool,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    payload: Option<&'a str>,
    scope: ScopeView<'a>,
}

#[derive(Serialize)]
struct ScopeView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<&'a str>,
}

/// Where a list page starts.
#[derive(Debug, Clone, Copy)]
pub enum Cursor<'a> {
    Newest,
    StartingAfter(&'a str),
    EndingBefore(&'a str),
}

/// Why `set` refused.
#[derive(Debug)]
pub enum SetRefused {
    /// The scope already holds [`MAX_PER_SCOPE`] other names.
    ScopeFull,
    /// The store would pass [`STORE_BYTES`].
    StoreFull,
}

/// A list cursor that names no live secret of the bucket.
#[derive(Debug)]
pub struct UnknownCursor;

#[derive(Debug, Default)]
pub struct Store {
    /// Each bucket's secrets in creation (`seq`) order, oldest first.
    buckets: HashMap<Bucket, Vec<Secret>>,
    next_seq: u64,
    /// Names and payloads of the stored secrets, expired ones not yet swept included.
    bytes: usize,
}

fn weight(name: &str, payload: &str) -> usize {
    name.len() + payload.len()
}

impl Store {
    /// Expired secrets vanish before anything looks at the bucket.
    fn live(&mut self, bucket: &Bucket, now_ms: i64) -> Option<&mut Vec<Secret>> {
        let secrets = self.buckets.get_mut(bucket)?;
        let bytes = &mut self.bytes;
        secrets.retain(|s| {
            let keep = !s.expired(now_ms);
            if !keep {
                *bytes -= weight(&s.name, &s.payload);
            }
            keep
        });
        Some(secrets)
    }

    /// Creates `name`, or replaces its payload and expiry (keeping id, `created` and list position).
    pub fn set(
        &mut self,
        bucket: &Bucket,
        name: &str,
        payload: &str,
        expires_at: Option<i64>,
        now_ms: i64,
        rng: &mut Rng,
    ) -> Result<Secret, SetRefused> {
        self.live(bucket, now_ms);
        let secrets = self.buckets.entry(bucket.clone()).or_default();
        let existing = secrets.iter().position(|s| s.name == name);
        if existing.is_none() && secrets.len() >= MAX_PER_SCOPE {
            return Err(SetRefused::ScopeFull);
        }
        let replaced = existing.map_or(0, |i| weight(&secrets[i].name, &secrets[i].payload));
        let bytes = self.bytes - replaced + weight(name, payload);
        if bytes > STORE_BYTES {
            if secrets.is_empty() {
                self.buckets.remove(bucket);
            }
            return Err(SetRefused::StoreFull);
        }
        self.bytes = bytes;
        if let Some(i) = existing {
            let existing = &mut secrets[i];
            existing.payload = payload.to_owned();
            existing.expires_at = expires_at;
            return Ok(existing.clone());
        }
        self.next_seq += 1;
        let secret = Secret {
            id: ids::secret_id(rng),
            seq: self.next_seq,
            created: now_ms.div_euclid(1000),
            expires_at,
            name: name.to_owned(),
            payload: payload.to_owned(),
            scope: bucket.scope.clone(),
        };
        secrets.push(secret.clone());
        Ok(secret)
    }

    pub fn find(&mut self, bucket: &Bucket, name: &str, now_ms: i64) -> Option<Secret> {
        self.live(bucket, now_ms)?
            .iter()
            .find(|s| s.name == name)
            .cloned()
    }

    pub fn delete(&mut self, bucket: &Bucket, name: &str, now_ms: i64) -> Option<Secret> {
        let secrets = self.live(bucket, now_ms)?;
        let index = secrets.iter().position(|s| s.name == name)?;
        let removed = secrets.remove(index);
        if secrets.is_empty() {
            self.buckets.remove(bucket);
        }
        self.bytes -= weight(&removed.name, &removed.payload);
        Some(removed)
    }

    /// One page, newest first, and whether more lie beyond it in the direction of travel.
    pub fn list(
        &mut self,
        bucket: &Bucket,
        cursor: Cursor<'_>,
        limit: usize,
        now_ms: i64,
    ) -> Result<(Vec<Secret>, bool), UnknownCursor> {
        let empty = Vec::new();
        let secrets: &Vec<Secret> = match self.live(bucket, now_ms) {
            Some(s) => s,
            None => &empty,
        };
        let seq_of = |id: &str| {
            secrets
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.seq)
                .ok_or(UnknownCursor)
        };
        // Newest first.
        let ordered: Vec<&Secret> = secrets.iter().rev().collect();
        let (page, has_more): (Vec<&Secret>, bool) = match cursor {
            Cursor::Newest => (
                ordered.iter().take(limit).copied().collect(),
                ordered.len() > limit,
            ),
            Cursor::StartingAfter(id) => {
                let seq = seq_of(id)?;
                let older: Vec<&Secret> = ordered.into_iter().filter(|s| s.seq < seq).collect();
                let more = older.len() > limit;
                (older.into_iter().take(limit).collect(), more)
            }
            Cursor::EndingBefore(id) => {
                let seq = seq_of(id)?;
                // The `limit` secrets just newer than the cursor, still newest first.
                let newer: Vec<&Secret> = ordered.into_iter().filter(|s| s.seq > seq).collect();
                let skip = newer.len().saturating_sub(limit);
                (newer[skip..].to_vec(), skip > 0)
            }
        };
        Ok((page.into_iter().cloned().collect(), has_more))
    }

    /// Every live secret, oldest first within each bucket, buckets in a stable
    /// order (account, then scope), for inspection by tests.
    pub fn snapshot(&mut self, now_ms: i64) -> Vec<(Bucket, Secret)> {
        let mut buckets: Vec<Bucket> = self.buckets.keys().cloned().collect();
        buckets.sort_by(|a, b| (&a.account, scope_key(&a.scope)).cmp(&(&b.account, scope_key(&b.scope))));
        let mut all = Vec::new();
        for bucket in buckets {
            if let Some(secrets) = self.live(&bucket, now_ms) {
                let secrets = secrets.clone();
                all.extend(secrets.into_iter().map(|s| (bucket.clone(), s)));
            }
        }
        self.buckets.retain(|_, secrets| !secrets.is_empty());
        all
    }
}

/// Sorts the account scope first, then users by id.
fn scope_key(scope: &Scope) -> (u8, &str) {
    match scope {
        Scope::Account => (0, ""),
        Scope::User(user) => (1, user),
    }
}
