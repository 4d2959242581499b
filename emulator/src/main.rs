//! `secret-store-emulator`: the command line around [`secret_store_emulator::serve`].

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use secret_store_emulator::{limits, serve, Config};
use tokio::net::TcpListener;

/// secret-store-emulator: a local, stateful Stripe Apps Secret Store API
#[derive(Parser)]
#[command(name = "secret-store-emulator", after_help = after_help())]
struct Args {
    /// Address to bind
    #[arg(long, value_name = "HOST", default_value = "127.0.0.1")]
    host: String,
    /// Port to bind; 0 picks a free port
    #[arg(long, value_name = "N", default_value_t = 12111)]
    port: u16,
    /// Serve the files of DIR at / (index.html for a directory)
    #[arg(long, value_name = "DIR", value_parser = directory)]
    www: Option<PathBuf>,
    /// Serve the files of DIR (wasm-pack output) at /pkg/; .wasm as
    /// application/wasm, .js as text/javascript
    #[arg(long, value_name = "DIR", value_parser = directory)]
    pkg: Option<PathBuf>,
    /// No access log (by default one 'METHOD PATH STATUS' line per response on
    /// stderr; params and bodies are never logged)
    #[arg(long)]
    quiet: bool,
    /// Seconds a client has to send the request line and headers, and the
    /// longest a kept-alive connection may idle
    #[arg(long, value_name = "SECS", default_value_t = limits::HEADER_TIMEOUT.as_secs())]
    header_timeout: u64,
    /// Seconds a client has to send a whole request body
    #[arg(long, value_name = "SECS", default_value_t = limits::BODY_TIMEOUT.as_secs())]
    body_timeout: u64,
}

fn directory(raw: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(raw);
    if path.is_dir() {
        Ok(path)
    } else {
        Err(format!("'{raw}' is not a directory"))
    }
}

fn after_help() -> String {
    const MIB: usize = 1024 * 1024;
    format!(
        "\
When ready, prints exactly one line on stdout: listening on http://HOST:PORT
SIGINT or SIGTERM stop it after open requests finish.

API (like https://api.stripe.com, test keys only):
    POST /v1/apps/secrets          set (create or replace)
    GET  /v1/apps/secrets/find     find by name and scope
    POST /v1/apps/secrets/delete   delete by name and scope
    GET  /v1/apps/secrets          list one scope
    Authorization: Bearer sk_test_... or rk_test_...   the app's backend
    Authorization: Bearer DO_NOT_PASS_A_REAL_API_KEY
      plus Stripe-Emulator-User: usr_...               a UI extension of that user
    (or HTTP Basic, the key as user name and no password: curl -u sk_test_...:)
    Idempotency-Key on POST: 1 to 255 visible ASCII characters (! to ~), or a 400;
      ignored on GET
    Errors: Stripe's JSON, with doc_url wherever there is a code

TEST CONTROLS (no auth):
    POST /_emulator/reset      forget secrets, request log, idempotency keys, faults
    GET  /_emulator/requests   the /v1 requests since the last reset (payloads as lengths)
    POST /_emulator/faults     queue faults for the next /v1 requests, one each, e.g.
                               [{{\"status\":500}},{{\"status\":429,\"should_retry\":true}},
                                {{\"drop\":true}},{{\"delay_ms\":300}}]
    GET  /_emulator/faults     the faults still queued

LIMITS (memory stays flat under any flood; every refusal is Stripe-style JSON):
    /v1 request body            {body} bytes (413)
    params per request          {params} (400)
    control request body        {control} bytes (413)
    request line and headers    {head} bytes (hyper closes the connection)
    bodies being read at once   {reading} MiB; later requests wait their turn
    request log                 newest {log_entries} entries within {log} MiB
    idempotency keys            newest {keys} answers within {idem} MiB
    secrets                     10 per scope (Stripe's), {store} MiB of names and payloads (400)
    queued faults               {faults} (400); delay_ms at most 60000
    timeouts                    --header-timeout, --body-timeout (408 for a late body)
",
        body = limits::MAX_BODY,
        params = limits::MAX_PARAMS,
        control = limits::MAX_CONTROL_BODY,
        head = limits::MAX_HEAD,
        reading = limits::READING_BYTES / MIB,
        log_entries = limits::LOG_ENTRIES,
        log = limits::LOG_BYTES / MIB,
        keys = limits::IDEMPOTENCY_KEYS,
        idem = limits::IDEMPOTENCY_BYTES / MIB,
        store = limits::STORE_BYTES / MIB,
        faults = limits::MAX_FAULTS,
    )
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    // Bad arguments: clap prints why on stderr and exits with 2.
    let args = Args::parse();
    let config = Config {
        www: args.www,
        pkg: args.pkg,
        access_log: !args.quiet,
        header_timeout: Duration::from_secs(args.header_timeout),
        body_timeout: Duration::from_secs(args.body_timeout),
    };
    let listener = match TcpListener::bind((args.host.as_str(), args.port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!(
                "secret-store-emulator: cannot listen on {}:{}: {e}",
                args.host, args.port
            );
            return ExitCode::FAILURE;
        }
    };
    let address: SocketAddr = match listener.local_addr() {
        Ok(address) => address,
        Err(e) => {
            eprintln!("secret-store-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Scripts wait for this exact line, so flush it at once.
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "listening on http://{address}");
    let _ = stdout.flush();

    match serve(listener, config, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("secret-store-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}
