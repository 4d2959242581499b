//! The `/v1` routes: which operation a method and path name, and how one runs.
//!
//! Problems are reported in the order Stripe reports them: the key
//! (`Authorization`), an unknown URL, the `Idempotency-Key` of a POST (a GET's
//! is ignored, as Stripe ignores it), params that
//! cannot be read or nested, then the operation's own rules. The idempotency
//! cache is consulted before the operation's params are validated, as Stripe
//! does, so a replay answers even where the params would now fail.

use fastrand::Rng;
use serde::Serialize;

use crate::auth::{self, Identity};
use crate::errors::ApiError;
use crate::head::Head;
use crate::idempotency::{self, Cache, Lookup};
use crate::limits::STORE_BYTES;
use crate::params::{self, Params};
use crate::reply::Reply;
use crate::rules::{self, ListRequest};
use crate::store::{Bucket, Cursor, Scope, SetRefused, Store, MAX_PER_SCOPE};

/// The four Secret Store endpoints; anything else under `/v1` is a 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Set,
    Find,
    Delete,
    List,
    Unrecognized,
}

fn route(method: &str, path: &str) -> Endpoint {
    match (method, path) {
        ("POST", "/v1/apps/secrets") => Endpoint::Set,
        ("GET", "/v1/apps/secrets") => Endpoint::List,
        ("GET", "/v1/apps/secrets/find") => Endpoint::Find,
        ("POST", "/v1/apps/secrets/delete") => Endpoint::Delete,
        _ => Endpoint::Unrecognized,
    }
}

/// An answer, and whether it replays an earlier one.
pub struct Answered {
    pub reply: Reply,
    pub replayed: bool,
}

/// Runs one `/v1` request whose params decoded to `pairs` (or could not be read).
pub fn respond(
    store: &mut Store,
    cache: &mut Cache,
    rng: &mut Rng,
    head: &Head,
    pairs: &Result<Vec<(String, String)>, ApiError>,
    now_ms: i64,
) -> Answered {
    let fresh = |reply: Reply| Answered {
        reply,
        replayed: false,
    };
    let call = match Call::new(head, pairs) {
        Ok(call) => call,
        Err(error) => return fresh(error.reply()),
    };
    let now = now_ms.div_euclid(1000);
    let operation = |store: &mut Store, rng: &mut Rng| -> Result<Reply, ApiError> {
        match call.endpoint {
            Endpoint::Set => {
                let request = rules::set(&call.params, now)?;
                call.identity.may_use(&request.scope)?;
                let bucket = call.bucket(request.scope);
                let secret = store
                    .set(
                        &bucket,
                        &request.name,
                        &request.payload,
                        request.expires_at,
                        now_ms,
                        rng,
                    )
                    .map_err(refused)?;
                Ok(Reply::ok(&secret.view(request.expand_payload, false)))
            }
            Endpoint::Find | Endpoint::Delete => {
                let request = rules::by_name(&call.params)?;
                call.identity.may_use(&request.scope)?;
                let bucket = call.bucket(request.scope);
                let deleting = call.endpoint == Endpoint::Delete;
                let secret = if deleting {
                    store.delete(&bucket, &request.name, now_ms)
                } else {
                    store.find(&bucket, &request.name, now_ms)
                };
                let secret = secret.ok_or_else(|| missing_secret(&request.name, &bucket.scope))?;
                Ok(Reply::ok(&secret.view(request.expand_payload, deleting)))
            }
            Endpoint::List => {
                let request = rules::list(&call.params)?;
                call.identity.may_use(&request.scope)?;
                let bucket = call.bucket(request.scope.clone());
                page(store, &bucket, &request, now_ms)
            }
            Endpoint::Unrecognized => Err(unrecognized(head)),
        }
    };
    let Some((key, fingerprint)) = &call.idempotent else {
        return fresh(operation(store, rng).unwrap_or_else(|e| e.reply()));
    };
    let caller = call.identity.cache_key();
    match cache.lookup(&caller, key, *fingerprint) {
        Err(error) => fresh(error.reply()),
        Ok(Lookup::Replay(reply)) => Answered {
            reply,
            replayed: true,
        },
        Ok(Lookup::Miss) => {
            let reply = operation(store, rng).unwrap_or_else(|e| e.reply());
            // Like Stripe, only requests that ran are remembered: a
            // validation error can be retried with the same key.
            if matches!(reply.status, 200 | 404) {
                cache.store(&caller, key, *fingerprint, reply.clone());
            }
            fresh(reply)
        }
    }
}

/// Who calls, on which account, with which params, under which idempotency key.
struct Call {
    endpoint: Endpoint,
    identity: Identity,
    /// The `Stripe-Account` acted on; empty for the platform itself.
    account: String,
    params: Params,
    /// Only POSTs are idempotent; the key and the fingerprint of the params.
    idempotent: Option<(String, u64)>,
}

impl Call {
    fn new(head: &Head, pairs: &Result<Vec<(String, String)>, ApiError>) -> Result<Self, ApiError> {
        let identity = auth::identify(head)?;
        let endpoint = route(&head.method, &head.path);
        if endpoint == Endpoint::Unrecognized {
            return Err(unrecognized(head));
        }
        // Only a POST is idempotent: Stripe ignores the header on GET (and
        // DELETE), so there it is not even read, malformed or not.
        let key = if head.method == "POST" {
            idempotency::key(head)?
        } else {
            None
        };
        let pairs = pairs.as_ref().map_err(Clone::clone)?;
        let params = params::build(pairs)?;
        let idempotent = key.map(|key| {
            let fingerprint = idempotency::fingerprint(&head.method, &head.path, pairs);
            (key, fingerprint)
        });
        Ok(Call {
            endpoint,
            identity,
            account: head.text("stripe-account").unwrap_or("").to_owned(),
            params,
            idempotent,
        })
    }

    fn bucket(&self, scope: Scope) -> Bucket {
        Bucket {
            account: self.account.clone(),
            scope,
        }
    }
}

/// Any other method or path under `/v1`, once the caller is known.
fn unrecognized(head: &Head) -> ApiError {
    ApiError::invalid(format!(
        "Unrecognized request URL ({}: {}).",
        head.method, head.path
    ))
    .with_status(404)
}

fn refused(why: SetRefused) -> ApiError {
    match why {
        SetRefused::ScopeFull => ApiError::invalid(format!(
            "This scope is full: it already holds {MAX_PER_SCOPE} secrets, the maximum per \
             scope ({MAX_PER_SCOPE} secrets max). Delete one, or set an existing name to \
             replace it."
        )),
        SetRefused::StoreFull => ApiError::invalid(format!(
            "The emulator is full: its secrets may take at most {STORE_BYTES} bytes together (an \
             emulator limit, not Stripe's). Delete some, or POST /_emulator/reset."
        )),
    }
}

fn missing_secret(name: &str, scope: &Scope) -> ApiError {
    let shown: String = name.chars().take(100).collect();
    let scope = match scope {
        Scope::Account => "the account scope".to_owned(),
        Scope::User(user) => format!("the user scope of {user}"),
    };
    ApiError::not_found(format!("No such secret: '{shown}' in {scope}.")).with_param("name")
}

#[derive(Serialize)]
struct ListView<T: Serialize> {
    object: &'static str,
    url: &'static str,
    has_more: bool,
    data: Vec<T>,
}

fn page(store: &mut Store, bucket: &Bucket, request: &ListRequest, now_ms: i64) -> Result<Reply, ApiError> {
    let (cursor, cursor_param) = match (&request.starting_after, &request.ending_before) {
        (Some(id), _) => (Cursor::StartingAfter(id), "starting_after"),
        (None, Some(id)) => (Cursor::EndingBefore(id), "ending_before"),
        (None, None) => (Cursor::Newest, ""),
    };
    let (page, has_more) = store.list(bucket, cursor, request.limit, now_ms).map_err(|_| {
        let id = match cursor {
            Cursor::StartingAfter(id) | Cursor::EndingBefore(id) => id,
            Cursor::Newest => "",
        };
        let shown: String = id.chars().take(100).collect();
        ApiError::invalid(format!(
            "No such apps.secret: '{shown}' (the {cursor_param} cursor must be the id of a \
                 live secret in the listed scope)."
        ))
        .with_code("resource_missing")
        .with_param(cursor_param)
    })?;
    Ok(Reply::ok(&ListView {
        object: "list",
        url: "/v1/apps/secrets",
        has_more,
        data: page
            .iter()
            .map(|s| s.view(request.expand_payload, false))
            .collect(),
    }))
}
