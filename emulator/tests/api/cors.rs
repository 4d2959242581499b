//! CORS and `Request-Id` on every response.

use reqwest::Method;

use crate::common::{start, Resp};

#[tokio::test]
async fn preflight_allows_the_client_headers() {
    let emu = start().await;
    for path in ["/v1/apps/secrets", "/v1/apps/secrets/delete", "/_emulator/reset"] {
        let resp = emu
            .req(Method::OPTIONS, path)
            .header("Origin", "http://localhost:8000")
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type,idempotency-key,stripe-version,stripe-account",
            )
            .send()
            .await
            .unwrap();
        let resp = Resp::from(resp).await;
        assert_eq!(resp.status, 204, "{path}");
        assert_eq!(resp.header("access-control-allow-origin"), Some("*"));
        let methods = resp.header("access-control-allow-methods").unwrap();
        for m in ["GET", "POST", "OPTIONS"] {
            assert!(methods.contains(m));
        }
        let headers = resp
            .header("access-control-allow-headers")
            .unwrap()
            .to_ascii_lowercase();
        for h in [
            "authorization",
            "content-type",
            "idempotency-key",
            "stripe-version",
            "stripe-account",
            "stripe-emulator-user",
        ] {
            assert!(headers.contains(h), "{h}");
        }
    }
    // Preflights are not /v1 requests: not logged.
    assert!(emu.log().await.is_empty());
}

#[tokio::test]
async fn every_response_has_cors_and_a_request_id() {
    let emu = start().await;
    let responses = [
        emu.get("/v1/apps/secrets?scope[type]=account").await,
        emu.get("/v1/apps/secrets").await,
        emu.control(Method::GET, "/v1/apps/secrets", "").await,
        emu.control(Method::GET, "/_emulator/requests", "").await,
        emu.control(Method::GET, "/_emulator/nope", "").await,
        emu.control(Method::GET, "/elsewhere", "").await,
    ];
    let mut ids = std::collections::HashSet::new();
    for resp in responses {
        assert_eq!(resp.header("access-control-allow-origin"), Some("*"));
        let expose = resp.header("access-control-expose-headers").unwrap();
        assert!(expose.contains("Request-Id") && expose.contains("Idempotent-Replayed"));
        assert!(expose.contains("Stripe-Should-Retry"));
        let id = resp.header("request-id").unwrap().to_owned();
        assert!(id.starts_with("req_") && id.len() > 8, "{id}");
        assert!(ids.insert(id));
    }
}
