//! `--www DIR` at `/` and `--pkg DIR` at `/pkg/`, for the demo page and the
//! wasm build, served by tower-http's `ServeDir`; anything else is a JSON 404.

use std::sync::Arc;

use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, Method, Uri};
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::reply::Refusal;
use crate::state::Shared;
use crate::Config;
use secret_store_core::ApiError;

/// Files for `GET` and `HEAD`; other methods and missing files fall through
/// to Stripe's 404.
pub fn router(config: &Config) -> Router<Arc<Shared>> {
    let files = |dir| {
        ServeDir::new(dir)
            .call_fallback_on_method_not_allowed(true)
            .fallback(not_found.into_service())
    };
    let mut router = Router::new();
    if let Some(pkg) = &config.pkg {
        router = router.nest_service("/pkg", files(pkg));
    }
    router = match &config.www {
        Some(www) => router.fallback_service(files(www)),
        None => router.fallback(not_found),
    };
    // A development server: always serve the latest build.
    router.layer(SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    ))
}

async fn not_found(method: Method, uri: Uri) -> Refusal {
    Refusal(
        ApiError::invalid(format!("Unrecognized request URL ({method}: {}).", uri.path())).with_status(404),
    )
}
