//! `secret-store-emulator`: the command line around [`secret_store_emulator::serve`].

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use secret_store_emulator::{serve, Config};
use tokio::net::TcpListener;

const DEFAULT_PORT: u16 = 12111;

const HELP: &str = "\
secret-store-emulator: a local, stateful Stripe Apps Secret Store API

USAGE:
    secret-store-emulator [--host HOST] [--port N] [--www DIR] [--pkg DIR] [--quiet]

OPTIONS:
    --host HOST   Address to bind (default 127.0.0.1).
    --port N      Port to bind (default 12111; 0 picks a free port).
    --www DIR     Serve the files of DIR at / (index.html for a directory).
    --pkg DIR     Serve the files of DIR (wasm-pack output) at /pkg/;
                  .wasm as application/wasm, .js as text/javascript.
    --quiet       No access log (by default one 'METHOD PATH STATUS' line per
                  response on stderr; params and bodies are never logged).
    -h, --help    Print this help.

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

TEST CONTROLS (no auth):
    POST /_emulator/reset      forget secrets, request log, idempotency keys, faults
    GET  /_emulator/requests   the /v1 requests since the last reset (payloads as lengths)
    POST /_emulator/faults     queue faults for the next /v1 requests, one each, e.g.
                               [{\"status\":500},{\"status\":429,\"should_retry\":true},
                                {\"drop\":true},{\"delay_ms\":300}]
    GET  /_emulator/faults     the faults still queued
";

struct Args {
    host: String,
    port: u16,
    config: Config,
}

/// `Ok(None)` means `--help` was printed.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args {
        host: "127.0.0.1".to_owned(),
        port: DEFAULT_PORT,
        config: Config::default(),
    };
    while let Some(arg) = args.next() {
        // Both `--port 1` and `--port=1`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--host" => parsed.host = value()?,
            "--port" => {
                let raw = value()?;
                parsed.port = raw
                    .parse()
                    .map_err(|_| format!("--port: '{raw}' is not a port number (0-65535)"))?;
            }
            "--www" => parsed.config.www = Some(directory("--www", value()?)?),
            "--pkg" => parsed.config.pkg = Some(directory("--pkg", value()?)?),
            "--quiet" => parsed.config.access_log = false,
            other => return Err(format!("unknown argument '{other}' (see --help)")),
        }
    }
    Ok(Some(parsed))
}

fn directory(flag: &str, raw: String) -> Result<PathBuf, String> {
    let path = PathBuf::from(raw);
    if path.is_dir() {
        Ok(path)
    } else {
        Err(format!("{flag}: '{}' is not a directory", path.display()))
    }
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
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("secret-store-emulator: {message}");
            return ExitCode::from(2);
        }
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

    match serve(listener, args.config, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("secret-store-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}
