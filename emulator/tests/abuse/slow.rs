//! Slow clients are cut off: the emulator runs with one-second header and
//! body deadlines here, and a byte every 200 ms does not extend them.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::process::Emulator;

/// Sends `bytes` one at a time, 200 ms apart, until the server closes the
/// connection; returns whatever the server answered, or `None` if it was
/// still open after 10 s.
async fn trickle(address: &str, prefix: &[u8], bytes: &[u8]) -> Option<String> {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(prefix).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    let bytes = bytes.to_vec();
    let writer = tokio::spawn(async move {
        for byte in bytes.iter().cycle() {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if write.write_all(&[*byte]).await.is_err() {
                break;
            }
        }
    });
    let mut answer = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(10), read.read_to_end(&mut answer)).await;
    writer.abort();
    closed.ok().map(|_| String::from_utf8_lossy(&answer).into_owned())
}

#[tokio::test]
async fn slow_headers_are_dropped() {
    let emu = Emulator::impatient();
    let mut handles = Vec::new();
    for _ in 0..100 {
        let address = emu.address.clone();
        handles.push(tokio::spawn(async move {
            trickle(
                &address,
                b"GET /v1/apps/secrets HTTP/1.1\r\n",
                b"X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n",
            )
            .await
        }));
    }
    for handle in handles {
        // Closed; hyper may or may not write a 408 first.
        assert!(handle.await.unwrap().is_some(), "a slow client was kept");
    }
    emu.assert_serving().await;
}

#[tokio::test]
async fn slow_bodies_are_dropped_with_a_json_408() {
    let emu = Emulator::impatient();
    let head = format!(
        "POST /v1/apps/secrets HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer sk_test_x\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n",
        emu.address
    );
    let mut handles = Vec::new();
    for _ in 0..20 {
        let address = emu.address.clone();
        let head = head.clone();
        handles.push(tokio::spawn(async move {
            trickle(&address, head.as_bytes(), b"name=n&").await
        }));
    }
    for handle in handles {
        let answer = handle.await.unwrap().expect("a slow body was kept");
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        let body = answer.split_once("\r\n\r\n").unwrap().1;
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"]["type"], "invalid_request_error");
    }
    emu.assert_serving().await;
}
