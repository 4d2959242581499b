//! `Idempotency-Key`s that are not 1 to 255 visible ASCII characters are
//! refused with a Stripe 400 on a POST, never ignored; on a GET the header is
//! ignored, as Stripe ignores it.

use crate::process::{raw, Emulator, KEY};

/// Percent-encodes everything but unreserved characters.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn set_with_key(emu: &Emulator, key: &[u8], payload: &str) -> (u16, serde_json::Value) {
    let body = format!("name=n&payload={payload}&scope[type]=account");
    let mut request = format!(
        "POST /v1/apps/secrets HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
         Authorization: Bearer {KEY}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nIdempotency-Key: ",
        emu.address,
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(key);
    request.extend_from_slice(b"\r\n\r\n");
    request.extend_from_slice(body.as_bytes());
    let (status, body) = raw(&emu.address, &request).await;
    (status, serde_json::from_str(&body).unwrap_or_default())
}

#[tokio::test]
async fn bad_keys_are_refused_twice_not_ignored() {
    let emu = Emulator::start();
    let long = vec![b'k'; 256];
    for key in [
        "caf\u{e9}".as_bytes(),
        "\u{1F511}".as_bytes(),
        b"two words",
        b"tab\there",
        &long,
    ] {
        // The same bad key with other params: each is a 400, never a 200.
        for payload in ["one", "two"] {
            let (status, json) = set_with_key(&emu, key, payload).await;
            assert_eq!(status, 400, "{key:?}");
            assert_eq!(json["error"]["type"], "invalid_request_error", "{key:?}");
            let message = json["error"]["message"].as_str().unwrap();
            assert!(message.contains("Idempotency-Key"), "{message}");
        }
    }
    // The longest and the oddest valid keys work.
    for key in [&[b'k'; 255][..], b"!~{}|#"] {
        let (status, _) = set_with_key(&emu, key, "one").await;
        assert_eq!(status, 200, "{key:?}");
        let (status, json) = set_with_key(&emu, key, "two").await;
        assert_eq!(status, 400);
        assert_eq!(json["error"]["type"], "idempotency_error");
    }
}

/// On a GET the header is ignored, as Stripe ignores it: the same bytes that
/// a POST refuses are answered, raw as a client may send them.
#[tokio::test]
async fn bad_keys_on_a_get_are_ignored() {
    let emu = Emulator::start();
    let long = vec![b'k'; 256];
    for key in [
        "caf\u{e9}".as_bytes(),
        "\u{1F511}".as_bytes(),
        b"two words",
        b"tab\there",
        b"",
        &long,
    ] {
        let mut request = format!(
            "GET /v1/apps/secrets?scope[type]=account HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
             Authorization: Bearer {KEY}\r\nIdempotency-Key: ",
            emu.address
        )
        .into_bytes();
        request.extend_from_slice(key);
        request.extend_from_slice(b"\r\n\r\n");
        let (status, body) = raw(&emu.address, &request).await;
        assert_eq!(status, 200, "{key:?}: {body}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["object"], "list", "{key:?}");
    }
}
