//! A stateful local emulator of the Stripe Apps Secret Store API.
//!
//! It answers the four Secret Store endpoints as Stripe does (form params,
//! error JSON, expand, pagination, limits, expiry, idempotency, Bearer auth),
//! acts as a UI extension of a user for the placeholder key, and offers test
//! controls under `/_emulator/`. Every store it keeps is bounded in bytes
//! (see [`limits`]). What it answers is decided by `secret-store-core`; this
//! crate is the HTTP server around it. Start it with [`serve`]; the binary
//! adds the command line.

mod api;
mod body;
mod controls;
mod envelope;
mod errors;
mod ids;
pub mod limits;
mod memory;
mod net;
mod reply;
mod serve;
mod state;
mod static_files;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::{self, map_response};
use axum::Router;
use tower_http::cors::{Any, CorsLayer};
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;

pub use net::ConnHandle;
pub use secret_store_core::{EXTENSION_KEY, USER_HEADER};
pub use serve::serve;

/// How the emulator runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Served at `/` (index.html for directories).
    pub www: Option<PathBuf>,
    /// Served at `/pkg/`.
    pub pkg: Option<PathBuf>,
    /// One `METHOD PATH STATUS` line per response on stderr.
    pub access_log: bool,
    /// Time for a client to send the request line and headers (also the
    /// longest idle time of a kept-alive connection).
    pub header_timeout: Duration,
    /// Time for a client to send a whole body once its headers arrived.
    pub body_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            www: None,
            pkg: None,
            access_log: true,
            header_timeout: limits::HEADER_TIMEOUT,
            body_timeout: limits::BODY_TIMEOUT,
        }
    }
}

const REQUEST_ID: HeaderName = HeaderName::from_static("request-id");
const ALLOW_HEADERS: [HeaderName; 6] = [
    HeaderName::from_static("authorization"),
    HeaderName::from_static("content-type"),
    HeaderName::from_static("idempotency-key"),
    HeaderName::from_static("stripe-version"),
    HeaderName::from_static("stripe-account"),
    HeaderName::from_static(USER_HEADER),
];
/// Spelled out rather than given to `CorsLayer`, which would lowercase the
/// names; browsers do not mind, but readers of the header do.
const EXPOSE_HEADERS: &str = "Request-Id, Idempotent-Replayed, Stripe-Should-Retry";

/// The whole service. The `drop` fault needs the connection handles that
/// [`serve`] provides; without them a dropped request gets a 503.
pub fn app(config: Config) -> Router {
    let shared = Arc::new(state::Shared::new(config));
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers(ALLOW_HEADERS)
        .max_age(Duration::from_secs(600));
    // Layers run outside in: the last one added sees the request first.
    Router::new()
        .merge(api::router())
        .merge(controls::router(shared.config.body_timeout))
        .merge(static_files::router(&shared.config))
        .with_state(shared.clone())
        .layer(map_response(errors::json_errors))
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        ))
        .layer(cors)
        .layer(map_response(envelope::preflight_no_content))
        .layer(middleware::from_fn_with_state(shared, envelope::envelope))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, ids::StripeRequestId))
}
