//! The accept loop: hyper's HTTP/1 server with the bounds `axum::serve` does
//! not expose (a deadline for the request head, a cap on its size), the
//! killable connections for the `drop` fault, and a graceful stop.

use std::future::Future;
use std::pin::pin;

use axum::body::Body;
use axum::http::Request;
use axum::serve::Listener;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::net::KillableListener;
use crate::{app, limits, Config};

/// Serves on `listener` until `shutdown` completes, then lets open requests finish.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let header_timeout = config.header_timeout;
    let router = app(config);
    let mut listener = KillableListener::new(listener);
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let (io, conn) = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        // Handlers find their connection's kill switch among the request's extensions.
        let service = router.clone().map_request(move |request: Request<Incoming>| {
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(conn.clone());
            request
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            // A deadline, not an idle timer: a byte a second does not extend it.
            .header_read_timeout(header_timeout)
            .max_buf_size(limits::MAX_HEAD)
            .serve_connection(TokioIo::new(io), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A failed connection concerns its client only.
            let _ = connection.await;
        });
    }
    graceful.shutdown().await;
    Ok(())
}
