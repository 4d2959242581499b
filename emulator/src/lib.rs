//! A stateful local emulator of the Stripe Apps Secret Store API.
//!
//! It answers the four Secret Store endpoints as Stripe does (form params,
//! error JSON, expand, pagination, limits, expiry, idempotency, Bearer auth),
//! acts as a UI extension of a user for the placeholder key, and offers test
//! controls under `/_emulator/`. Start it with [`serve`]; the binary adds the
//! command line.

mod api;
mod auth;
mod controls;
mod envelope;
mod errors;
mod faults;
mod form;
mod idempotency;
mod ids;
mod net;
mod params;
mod reply;
mod reqlog;
mod rules;
mod state;
mod static_files;
mod store;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use axum::middleware;
use axum::routing::{any, get, post};
use axum::Router;
use tokio::net::TcpListener;

pub use auth::{EXTENSION_KEY, USER_HEADER};
pub use net::ConnHandle;

/// How the emulator runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Served at `/` (index.html for directories).
    pub www: Option<PathBuf>,
    /// Served at `/pkg/`.
    pub pkg: Option<PathBuf>,
    /// One `METHOD PATH STATUS` line per response on stderr.
    pub access_log: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            www: None,
            pkg: None,
            access_log: true,
        }
    }
}

/// The whole service. The `drop` fault needs the connection handles that
/// [`serve`] provides; without them a dropped request gets a 503.
pub fn app(config: Config) -> Router {
    let shared = Arc::new(state::Shared::new(config));
    let routes = Router::new()
        .route("/v1", any(api::v1))
        .route("/v1/{*rest}", any(api::v1))
        .route("/_emulator/reset", post(controls::reset))
        .route("/_emulator/requests", get(controls::requests))
        .route(
            "/_emulator/faults",
            get(controls::list_faults).post(controls::add_faults),
        )
        .route("/_emulator", any(controls::unknown))
        .route("/_emulator/{*rest}", any(controls::unknown))
        .fallback(static_files::serve)
        .with_state(shared.clone());
    // Wrapping the finished router as a fallback service puts the envelope
    // around everything, method-not-allowed answers included.
    Router::new()
        .fallback_service(routes)
        .layer(middleware::from_fn_with_state(shared, envelope::envelope))
}

/// Serves on `listener` until `shutdown` completes, then lets open requests finish.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = app(config).into_make_service_with_connect_info::<ConnHandle>();
    axum::serve(net::KillableListener::new(listener), service)
        .with_graceful_shutdown(shutdown)
        .await
}
