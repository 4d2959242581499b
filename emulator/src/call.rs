//! The extractors of a `/v1` operation and how it runs.
//!
//! [`Call`] checks, in the order Stripe reports problems: the key
//! (`Authorization`), the `Idempotency-Key`, then that the params could be
//! read and nested. [`StripeForm`] turns the nested params into an
//! operation's typed request with Stripe's error codes. [`Call::run`]
//! executes under one lock, replaying or remembering idempotent answers; it
//! looks up the key before the params are validated, as Stripe does, which is
//! why handlers take `Result<StripeForm<T>, ApiError>`.

use axum::extract::FromRequestParts;
use axum::http::{request::Parts, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::auth::{self, Identity};
use crate::errors::ApiError;
use crate::idempotency::{self, Lookup};
use crate::intake::Input;
use crate::params::{self, Params};
use crate::reply::Reply;
use crate::state::{Inner, Shared};

/// Who calls, on which account, under which idempotency key.
pub struct Call {
    pub identity: Identity,
    /// The `Stripe-Account` acted on; empty for the platform itself.
    pub account: String,
    /// Only POSTs are idempotent; the key and the fingerprint of the params.
    idempotent: Option<(String, u64)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Call {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let identity = Identity::from_request_parts(parts, state).await?;
        let key = idempotency::key(&parts.headers)?;
        let pairs = match parts.extensions.get::<Input>() {
            Some(Input(input)) => input.clone()?,
            None => Vec::new(),
        };
        let params = params::build(&pairs)?;
        let idempotent = key
            .filter(|_| parts.method == axum::http::Method::POST)
            .map(|key| {
                let fingerprint = idempotency::fingerprint(parts.method.as_str(), parts.uri.path(), &pairs);
                (key, fingerprint)
            });
        parts.extensions.insert(Nested(params));
        let account = parts
            .headers
            .get("stripe-account")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        Ok(Call {
            identity,
            account,
            idempotent,
        })
    }
}

/// The nested params, left by [`Call`] for [`StripeForm`].
#[derive(Clone)]
struct Nested(Params);

/// An operation's request, typed from the nested params.
pub trait FromParams: Sized {
    fn from_params(params: &Params) -> Result<Self, ApiError>;
}

/// Extracts `T` from Stripe's bracket form (`scope[type]=user&expand[]=payload`).
/// Must come after [`Call`] among a handler's arguments.
pub struct StripeForm<T>(pub T);

impl<S: Send + Sync, T: FromParams> FromRequestParts<S> for StripeForm<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let empty = Params::default();
        let params = parts.extensions.get::<Nested>().map_or(&empty, |n| &n.0);
        T::from_params(params).map(StripeForm)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Identity {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        auth::identify(&parts.headers)
    }
}

impl Call {
    /// Runs `operation` atomically; a POST with an `Idempotency-Key` replays
    /// the first answer byte for byte, or refuses other params.
    pub fn run(
        &self,
        shared: &Shared,
        operation: impl FnOnce(&mut Inner) -> Result<Reply, ApiError>,
    ) -> Response {
        let mut inner = shared.lock();
        let Some((key, fingerprint)) = &self.idempotent else {
            return operation(&mut inner)
                .unwrap_or_else(|e| e.reply())
                .into_response();
        };
        let caller = self.identity.cache_key();
        match inner.idempotency.lookup(&caller, key, *fingerprint) {
            Err(error) => error.into_response(),
            Ok(Lookup::Replay(reply)) => {
                let mut response = reply.into_response();
                response
                    .headers_mut()
                    .insert("idempotent-replayed", HeaderValue::from_static("true"));
                response
            }
            Ok(Lookup::Miss) => {
                let reply = operation(&mut inner).unwrap_or_else(|e| e.reply());
                // Like Stripe, only requests that ran are remembered: a
                // validation error can be retried with the same key.
                if matches!(reply.status, StatusCode::OK | StatusCode::NOT_FOUND) {
                    inner.idempotency.store(&caller, key, *fingerprint, reply.clone());
                }
                reply.into_response()
            }
        }
    }
}
