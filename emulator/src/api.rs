//! The `/v1` routes: one handler per method and path, each running its
//! operation on the store. Unknown URLs and methods get Stripe's 404 after
//! authentication, as Stripe reports a bad key first.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::routing::{any, get, post};
use axum::Router;
use serde::Serialize;

use crate::auth::Identity;
use crate::call::{Call, StripeForm};
use crate::errors::ApiError;
use crate::intake;
use crate::reply::Reply;
use crate::rules::{ListRequest, NameRequest, SetRequest};
use crate::state::{Inner, Shared};
use crate::store::{Bucket, Cursor, Scope, SetRefused, MAX_PER_SCOPE};

/// The four Secret Store endpoints; everything else under `/v1` is a 404.
pub fn router(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    // `head` is spelled out because axum would otherwise answer HEAD with GET.
    Router::new()
        .route(
            "/v1/apps/secrets",
            get(list).post(set).head(unrecognized).fallback(unrecognized),
        )
        .route(
            "/v1/apps/secrets/find",
            get(find).head(unrecognized).fallback(unrecognized),
        )
        .route("/v1/apps/secrets/delete", post(delete).fallback(unrecognized))
        .route("/v1", any(unrecognized))
        .route("/v1/{*rest}", any(unrecognized))
        .route_layer(from_fn_with_state(shared, intake::intake))
}

type Form<T> = Result<StripeForm<T>, ApiError>;

/// `POST /v1/apps/secrets`: create or replace.
async fn set(State(shared): State<Arc<Shared>>, call: Call, form: Form<SetRequest>) -> Response {
    call.run(&shared, |inner| {
        let StripeForm(request) = form?;
        let now_ms = now_ms();
        call.identity.may_use(&request.scope)?;
        let bucket = bucket(&call, request.scope);
        let secret = inner
            .store
            .set(
                &bucket,
                &request.name,
                &request.payload,
                request.expires_at,
                now_ms,
            )
            .map_err(refused)?;
        Ok(Reply::ok(&secret.view(request.expand_payload, false)))
    })
}

/// `GET /v1/apps/secrets/find`.
async fn find(State(shared): State<Arc<Shared>>, call: Call, form: Form<NameRequest>) -> Response {
    call.run(&shared, |inner| {
        let StripeForm(request) = form?;
        call.identity.may_use(&request.scope)?;
        let bucket = bucket(&call, request.scope);
        let secret = inner
            .store
            .find(&bucket, &request.name, now_ms())
            .ok_or_else(|| missing_secret(&request.name, &bucket.scope))?;
        Ok(Reply::ok(&secret.view(request.expand_payload, false)))
    })
}

/// `POST /v1/apps/secrets/delete`.
async fn delete(State(shared): State<Arc<Shared>>, call: Call, form: Form<NameRequest>) -> Response {
    call.run(&shared, |inner| {
        let StripeForm(request) = form?;
        call.identity.may_use(&request.scope)?;
        let bucket = bucket(&call, request.scope);
        let secret = inner
            .store
            .delete(&bucket, &request.name, now_ms())
            .ok_or_else(|| missing_secret(&request.name, &bucket.scope))?;
        Ok(Reply::ok(&secret.view(request.expand_payload, true)))
    })
}

/// `GET /v1/apps/secrets`: one page of one scope.
async fn list(State(shared): State<Arc<Shared>>, call: Call, form: Form<ListRequest>) -> Response {
    call.run(&shared, |inner| {
        let StripeForm(request) = form?;
        call.identity.may_use(&request.scope)?;
        let bucket = bucket(&call, request.scope.clone());
        page(inner, &bucket, &request)
    })
}

/// Any other method or path under `/v1`, once the caller is known.
async fn unrecognized(_caller: Identity, method: Method, uri: Uri) -> ApiError {
    ApiError::invalid(format!("Unrecognized request URL ({method}: {}).", uri.path()))
        .with_status(StatusCode::NOT_FOUND)
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn bucket(call: &Call, scope: Scope) -> Bucket {
    Bucket {
        account: call.account.clone(),
        scope,
    }
}

fn refused(why: SetRefused) -> ApiError {
    match why {
        SetRefused::ScopeFull => ApiError::invalid(format!(
            "This scope is full: it already holds {MAX_PER_SCOPE} secrets, the maximum per \
             scope ({MAX_PER_SCOPE} secrets max). Delete one, or set an existing name to \
             replace it."
        )),
        SetRefused::StoreFull => ApiError::invalid(format!(
            "The emulator is full: its secrets may take at most {} bytes together (an emulator \
             limit, not Stripe's). Delete some, or POST /_emulator/reset.",
            crate::limits::STORE_BYTES
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

fn page(inner: &mut Inner, bucket: &Bucket, request: &ListRequest) -> Result<Reply, ApiError> {
    let now_ms = now_ms();
    let (cursor, cursor_param) = match (&request.starting_after, &request.ending_before) {
        (Some(id), _) => (Cursor::StartingAfter(id), "starting_after"),
        (None, Some(id)) => (Cursor::EndingBefore(id), "ending_before"),
        (None, None) => (Cursor::Newest, ""),
    };
    let (page, has_more) = inner
        .store
        .list(bucket, cursor, request.limit, now_ms)
        .map_err(|_| {
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
