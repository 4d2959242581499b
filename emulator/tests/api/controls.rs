//! `/_emulator/`: reset, the request log, the fault queue.

use reqwest::Method;
use serde_json::json;

use crate::common::{start, ACCOUNT, KEY};

#[tokio::test]
async fn request_log_records_params_without_payloads_or_keys() {
    let emu = start().await;
    let payload = "h\u{e9}llo \u{1F600} s3cr3t";
    let body = format!(
        "name=n&payload={}&scope[type]=account&expand[0]=payload",
        crate::common::enc(payload)
    );
    let resp = emu
        .req(Method::POST, "/v1/apps/secrets")
        .header("Authorization", format!("Bearer {KEY}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Idempotency-Key", "idem-1")
        .header("Stripe-Version", "2024-04-10")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    emu.get("/v1/apps/secrets/find?name=n&scope%5Btype%5D=account")
        .await;
    emu.get("/v1/apps/secrets/find?name=missing&scope[type]=account")
        .await;

    let raw = emu.control(Method::GET, "/_emulator/requests", "").await;
    assert!(!raw.text.contains("s3cr3t"), "payload leaked");
    assert!(!raw.text.contains(KEY), "key leaked");
    let log = raw.json.as_array().unwrap();
    assert_eq!(log.len(), 3);
    let first = &log[0];
    assert_eq!(first["method"], "POST");
    assert_eq!(first["path"], "/v1/apps/secrets");
    assert_eq!(
        first["params"],
        json!([
            ["name", "n"],
            ["payload", {"length": 14}],
            ["scope[type]", "account"],
            ["expand[0]", "payload"]
        ])
    );
    let headers: Vec<&str> = first["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    for h in [
        "authorization",
        "content-type",
        "idempotency-key",
        "stripe-version",
    ] {
        assert!(headers.contains(&h), "{h} in {headers:?}");
    }
    assert_eq!(first["idempotency_key"], "idem-1");
    assert_eq!(first["status"], 200);
    assert_eq!(log[1]["method"], "GET");
    assert_eq!(
        log[1]["params"],
        json!([["name", "n"], ["scope[type]", "account"]])
    );
    assert_eq!(log[1]["idempotency_key"], json!(null));
    assert_eq!(log[2]["status"], 404);
}

#[tokio::test]
async fn reset_clears_secrets_log_keys_and_faults() {
    let emu = start().await;
    emu.set("n", "p", ACCOUNT).await;
    emu.faults(r#"[{"status":500}]"#).await;
    let reset = emu.control(Method::POST, "/_emulator/reset", "").await;
    assert_eq!(reset.status, 200);
    assert_eq!(reset.json, json!({"ok": true}));
    assert!(emu.log().await.is_empty());
    let queue = emu.control(Method::GET, "/_emulator/faults", "").await;
    assert_eq!(queue.json, json!([]));
    emu.find("n", ACCOUNT)
        .await
        .assert_error(404, "resource_missing", "name");
}

#[tokio::test]
async fn fault_queue_can_be_read_and_refuses_nonsense() {
    let emu = start().await;
    emu.faults(r#"[{"status":503,"should_retry":false},{"drop":true},{"delay_ms":5},{}]"#)
        .await;
    let queue = emu.control(Method::GET, "/_emulator/faults", "").await;
    assert_eq!(
        queue.json,
        json!([{"status":503,"should_retry":false},{"drop":true},{"delay_ms":5},{}])
    );
    for bad in [
        r#"{"status":500}"#,
        r#"[{"status":200}]"#,
        r#"[{"status":500,"drop":true}]"#,
        r#"[{"should_retry":true}]"#,
        r#"[{"color":"red"}]"#,
        r#"[{"delay_ms":600000}]"#,
        "not json",
    ] {
        let resp = emu.control(Method::POST, "/_emulator/faults", bad).await;
        resp.assert_error(400, "", "");
    }
    let queue = emu.control(Method::GET, "/_emulator/faults", "").await;
    assert_eq!(queue.json.as_array().unwrap().len(), 4);
}
