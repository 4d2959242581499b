//! Injected faults: status answers, dropped connections, delays.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;

use crate::common::{start, Resp, ACCOUNT, KEY};

const SET: &str = "name=n&payload=p&scope[type]=account";

#[tokio::test]
async fn status_faults_answer_stripe_errors_in_order_without_running() {
    let emu = start().await;
    emu.faults(
        r#"[{"status":500},{"status":429,"should_retry":true},{"status":409},{"status":503,"should_retry":false},{"status":400}]"#,
    )
    .await;
    let expected = [
        (500, "api_error", "", None),
        (429, "invalid_request_error", "rate_limit", Some("true")),
        (409, "invalid_request_error", "lock_timeout", None),
        (503, "api_error", "", Some("false")),
        (400, "invalid_request_error", "", None),
    ];
    for (status, kind, code, retry) in expected {
        let resp = emu.post("/v1/apps/secrets", SET).await;
        assert_eq!(resp.status, status);
        let (k, c, _) = resp.error();
        assert_eq!((k.as_str(), c.as_str()), (kind, code));
        resp.assert_doc_url();
        assert_eq!(resp.header("stripe-should-retry"), retry);
        assert!(resp.header("request-id").is_some());
    }
    // None of them ran; the queue is now empty and requests work again.
    emu.find("n", ACCOUNT)
        .await
        .assert_error(404, "resource_missing", "name");
    assert_eq!(emu.post("/v1/apps/secrets", SET).await.status, 200);
    let statuses: Vec<_> = emu.log().await.iter().map(|e| e["status"].clone()).collect();
    assert_eq!(
        statuses,
        [
            json!(500),
            json!(429),
            json!(409),
            json!(503),
            json!(400),
            json!(404),
            json!(200)
        ]
    );
}

#[tokio::test]
async fn drop_closes_the_connection_without_an_answer() {
    let emu = start().await;
    emu.faults(r#"[{"drop":true}]"#).await;
    let result = emu
        .req(Method::POST, "/v1/apps/secrets")
        .header("Authorization", format!("Bearer {KEY}"))
        .body(SET)
        .send()
        .await;
    let error = result.expect_err("a dropped request must fail at the network level");
    assert!(!error.is_status() && !error.is_timeout(), "{error:?}");
    let log = emu.log().await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["status"], json!(null));
    // The server keeps serving, and the dropped request did nothing.
    emu.find("n", ACCOUNT)
        .await
        .assert_error(404, "resource_missing", "name");
}

#[tokio::test]
async fn delay_waits_then_processes_normally() {
    let emu = start().await;
    emu.faults(r#"[{"delay_ms":300},{"delay_ms":200,"status":500}]"#)
        .await;
    let started = Instant::now();
    let resp = emu.post("/v1/apps/secrets", SET).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(resp.status, 200);
    let started = Instant::now();
    let resp = emu.post("/v1/apps/secrets", SET).await;
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(resp.status, 500);
}

#[tokio::test]
async fn preflights_and_controls_do_not_consume_faults() {
    let emu = start().await;
    emu.faults(r#"[{"status":429}]"#).await;
    let preflight = emu
        .req(Method::OPTIONS, "/v1/apps/secrets")
        .header("Access-Control-Request-Method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status().as_u16(), 204);
    emu.log().await;
    let resp: Resp = emu.get("/v1/apps/secrets?scope[type]=account").await;
    assert_eq!(resp.status, 429);
}
