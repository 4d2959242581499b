//! The emulator binary as a child process, and its memory.

use std::future::Future;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::task::Poll;

const BIN: &str = env!("CARGO_BIN_EXE_secret-store-emulator");
pub const KEY: &str = "sk_test_abuse123";
/// The bound each flood must stay under.
pub const MAX_GROWTH_KIB: u64 = 64 * 1024;

pub struct Emulator {
    child: Child,
    pub base: String,
    pub address: String,
    pub client: reqwest::Client,
}

impl Emulator {
    /// Starts the binary with its default limits.
    pub fn start() -> Emulator {
        Self::start_with(&[])
    }

    /// Starts the binary with one-second timeouts, so slow-client tests are
    /// quick (floods keep the defaults: on a busy machine a 1 MiB body can
    /// take longer than a second to arrive).
    pub fn impatient() -> Emulator {
        Self::start_with(&["--header-timeout", "1", "--body-timeout", "1"])
    }

    fn start_with(extra: &[&str]) -> Emulator {
        let mut child = Command::new(BIN)
            .args(["--port", "0", "--quiet"])
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .trim_end()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        Emulator {
            child,
            base: format!("http://{address}"),
            address,
            // No connection is reused: the emulator may close one after
            // refusing a large body, and a pooled connection it closed
            // failed the next request with `IncompleteMessage`.
            client: reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .expect("a reqwest client"),
        }
    }

    /// Resident memory in KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    pub async fn post(&self, path: &str, key: Option<&str>, body: Vec<u8>) -> u16 {
        self.try_post(path, key, body).await.unwrap()
    }

    /// `Err` when the connection broke, as it may when the emulator refuses a
    /// large body before the client finished writing it.
    pub async fn try_post(&self, path: &str, key: Option<&str>, body: Vec<u8>) -> reqwest::Result<u16> {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body);
        if let Some(key) = key {
            request = request.header("Authorization", format!("Bearer {key}"));
        }
        Ok(request.send().await?.status().as_u16())
    }

    /// Still answering: a secret can be set and read back.
    pub async fn assert_serving(&self) {
        let status = self
            .post(
                "/v1/apps/secrets",
                Some(KEY),
                b"name=alive&payload=yes&scope[type]=account".to_vec(),
            )
            .await;
        assert_eq!(status, 200);
    }

    pub async fn reset(&self) {
        let status = self.post("/_emulator/reset", None, Vec::new()).await;
        assert_eq!(status, 200);
    }

    /// Runs `flood`, then checks and reports the growth of resident memory.
    pub async fn within_bound<F: Future<Output = ()>>(&self, name: &str, flood: F) {
        // A few requests first, so lazily built parts do not count as growth.
        self.assert_serving().await;
        self.reset().await;
        let before = self.rss_kib();
        flood.await;
        let after = self.rss_kib();
        self.assert_serving().await;
        self.reset().await;
        let reset = self.rss_kib();
        println!(
            "{name}: RSS {} MiB before, {} MiB after, {} MiB after reset",
            before / 1024,
            after / 1024,
            reset / 1024
        );
        assert!(
            after.saturating_sub(before) < MAX_GROWTH_KIB,
            "{name}: grew from {before} KiB to {after} KiB"
        );
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `count` requests made by `make`, `parallel` at a time (in waves,
/// which is enough to keep many bodies in flight at once).
pub async fn flood<F, Fut>(count: usize, parallel: usize, make: F)
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = ()>,
{
    for start in (0..count).step_by(parallel) {
        let mut wave: Vec<_> = (start..(start + parallel).min(count))
            .map(|i| Box::pin(make(i)))
            .collect();
        std::future::poll_fn(|cx| {
            wave.retain_mut(|f| f.as_mut().poll(cx).is_pending());
            if wave.is_empty() {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
        .await;
    }
}

/// One raw HTTP/1.1 exchange (`Connection: close` is up to `request`):
/// the status and the body.
pub async fn raw(address: &str, request: &[u8]) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}
