//! `--www DIR` at `/` and `--pkg DIR` at `/pkg/`, for the demo page and the wasm build.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;
use crate::state::Shared;

/// The fallback: anything that is neither `/v1` nor `/_emulator`.
pub async fn serve(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    let not_found = || {
        ApiError::invalid(format!("Unrecognized request URL ({method}: {}).", uri.path()))
            .with_status(StatusCode::NOT_FOUND)
            .reply()
            .into_response()
    };
    if method != Method::GET && method != Method::HEAD {
        return not_found();
    }
    let config = &shared.config;
    let path = uri.path();
    let (root, rest) = match (path.strip_prefix("/pkg/"), &config.pkg, &config.www) {
        (Some(rest), Some(pkg), _) => (pkg, rest),
        (_, _, Some(www)) => (www, path.trim_start_matches('/')),
        _ => return not_found(),
    };
    let Some(relative) = safe_relative(rest) else {
        return not_found();
    };
    let mut file = root.join(relative);
    if tokio::fs::metadata(&file).await.is_ok_and(|m| m.is_dir()) {
        file.push("index.html");
    }
    let Ok(bytes) = tokio::fs::read(&file).await else {
        return not_found();
    };
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(bytes)
    };
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(&file)),
    );
    // A development server: always serve the latest build.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Decodes the URL path and refuses anything that could leave the served folder.
fn safe_relative(raw: &str) -> Option<PathBuf> {
    let decoded = percent_decode(raw)?;
    let mut out = PathBuf::new();
    for segment in decoded.split('/') {
        if segment.is_empty() || segment == "." {
            continue;
        }
        if segment.contains(['\\', '\0', ':']) {
            return None;
        }
        match Path::new(segment).components().next() {
            Some(Component::Normal(_)) => out.push(segment),
            _ => return None,
        }
    }
    Some(out)
}

fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
