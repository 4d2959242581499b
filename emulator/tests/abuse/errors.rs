//! Every answer the emulator writes is Stripe's error JSON, including those
//! made by the router and the layers (405, 408, 413) and the controls'.

use reqwest::Method;

use crate::process::{raw, Emulator, KEY};

fn assert_stripe_error(what: &str, status: u16, expected: u16, content_type: &str, body: &str) {
    assert_eq!(status, expected, "{what}: {body}");
    assert!(
        content_type.starts_with("application/json"),
        "{what}: {content_type}"
    );
    let json: serde_json::Value =
        serde_json::from_str(body).unwrap_or_else(|_| panic!("{what}: not JSON: {body:?}"));
    let kind = json["error"]["type"].as_str().unwrap_or("");
    assert!(
        kind == "invalid_request_error" || kind == "api_error",
        "{what}: {body}"
    );
    assert!(
        !json["error"]["message"].as_str().unwrap_or("").is_empty(),
        "{what}"
    );
    // `doc_url` goes with a `code`, and only with one.
    match json["error"]["code"].as_str() {
        Some(code) => assert_eq!(
            json["error"]["doc_url"],
            format!("https://stripe.com/docs/error-codes/{}", code.replace('_', "-")),
            "{what}: {body}"
        ),
        None => assert!(json["error"].get("doc_url").is_none(), "{what}: {body}"),
    }
}

/// What, method, path, key, body, expected status.
type Case = (
    &'static str,
    Method,
    &'static str,
    Option<&'static str>,
    Vec<u8>,
    u16,
);

#[tokio::test]
async fn every_error_body_is_stripe_json() {
    let emu = Emulator::impatient();
    let cases: Vec<Case> = vec![
        (
            "control, wrong method",
            Method::POST,
            "/_emulator/requests",
            None,
            vec![],
            405,
        ),
        (
            "control, wrong method",
            Method::DELETE,
            "/_emulator/reset",
            None,
            vec![],
            405,
        ),
        (
            "control, not JSON",
            Method::POST,
            "/_emulator/faults",
            None,
            b"[{".to_vec(),
            400,
        ),
        (
            "control, unknown",
            Method::GET,
            "/_emulator/nope",
            None,
            vec![],
            404,
        ),
        ("api, no key", Method::GET, "/v1/nope", None, vec![], 401),
        (
            "api, unknown URL",
            Method::GET,
            "/v1/nope",
            Some(KEY),
            vec![],
            404,
        ),
        (
            "api, wrong method",
            Method::PUT,
            "/v1/apps/secrets",
            Some(KEY),
            vec![],
            404,
        ),
        ("no such file", Method::GET, "/nope.html", None, vec![], 404),
        (
            "no such file, POST",
            Method::POST,
            "/nope.html",
            None,
            vec![],
            404,
        ),
    ];
    for (what, method, path, key, body, expected) in cases {
        let mut request = emu
            .client
            .request(method, format!("{}{path}", emu.base))
            .body(body);
        if let Some(key) = key {
            request = request.header("Authorization", format!("Bearer {key}"));
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = response.text().await.unwrap();
        assert_stripe_error(what, status, expected, &content_type, &body);
    }
}

#[tokio::test]
async fn a_control_with_a_late_body_gets_a_json_408() {
    let emu = Emulator::impatient();
    let request = format!(
        "POST /_emulator/faults HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
         Content-Length: 100\r\n\r\n[",
        emu.address
    );
    let (status, body) = raw(&emu.address, request.as_bytes()).await;
    assert_stripe_error("control, late body", status, 408, "application/json", &body);
}

/// Too large by `Content-Length`: refused before any byte of the body is read.
/// (The body is not sent: a server that closes with unread bytes resets
/// the connection, and the client may lose the answer.)
#[tokio::test]
async fn too_large_bodies_get_a_json_413() {
    let emu = Emulator::impatient();
    for (path, length) in [("/_emulator/faults", 100_000), ("/v1/apps/secrets", 2 << 20)] {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
             Authorization: Bearer {KEY}\r\nContent-Length: {length}\r\n\r\n",
            emu.address
        );
        let (status, body) = raw(&emu.address, request.as_bytes()).await;
        assert_stripe_error(path, status, 413, "application/json", &body);
    }
}
