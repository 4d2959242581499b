//! Each kind of bad input gets a Stripe-style 4xx, and the server keeps serving.

use reqwest::Method;

use crate::common::{start, Emu, Resp, ACCOUNT, KEY};

async fn post_raw(emu: &Emu, body: Vec<u8>, content_type: &str) -> Resp {
    let resp = emu
        .req(Method::POST, "/v1/apps/secrets")
        .header("Authorization", format!("Bearer {KEY}"))
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    Resp::from(resp).await
}

/// After each bad request, a good one still works.
async fn still_serving(emu: &Emu) {
    emu.set("good", "p", ACCOUNT).await;
}

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn malformed_percent_encoding() {
    let emu = start().await;
    for body in [
        "name=%zz&payload=p&scope[type]=account",
        "name=n%&payload=p",
        "name=%4",
    ] {
        post_raw(&emu, body.into(), FORM).await.assert_error(400, "", "");
        still_serving(&emu).await;
    }
    emu.get("/v1/apps/secrets/find?name=%G1&scope[type]=account")
        .await
        .assert_error(400, "", "");
    still_serving(&emu).await;
}

#[tokio::test]
async fn invalid_utf8() {
    let emu = start().await;
    post_raw(&emu, b"name=%ff%fe&payload=p&scope[type]=account".to_vec(), FORM)
        .await
        .assert_error(400, "", "");
    still_serving(&emu).await;
    let mut raw = b"name=".to_vec();
    raw.extend([0xC3, 0x28]);
    raw.extend(b"&payload=p&scope[type]=account");
    post_raw(&emu, raw, FORM).await.assert_error(400, "", "");
    still_serving(&emu).await;
    emu.get("/v1/apps/secrets/find?name=%C3%28&scope[type]=account")
        .await
        .assert_error(400, "", "");
    still_serving(&emu).await;
}

#[tokio::test]
async fn body_over_1_mib() {
    let emu = start().await;
    let mut body = b"name=n&scope[type]=account&payload=".to_vec();
    body.resize(1024 * 1024 + 10, b'a');
    let resp = post_raw(&emu, body, FORM).await;
    assert_eq!(resp.status, 413, "{}", resp.text);
    assert_eq!(resp.error().0, "invalid_request_error");
    still_serving(&emu).await;
    // The log shows the request, without params.
    let log = emu.log().await;
    assert_eq!(log[0]["status"], 413);
    assert_eq!(log[0]["params"], serde_json::json!([]));
}

#[tokio::test]
async fn too_many_params() {
    let emu = start().await;
    let body: String = (0..10_000).map(|i| format!("p{i}=x&")).collect();
    post_raw(&emu, body.into_bytes(), FORM)
        .await
        .assert_error(400, "", "");
    still_serving(&emu).await;
    let query: String = (0..1001).map(|i| format!("q{i}=x&")).collect();
    emu.get(&format!("/v1/apps/secrets?{query}"))
        .await
        .assert_error(400, "", "");
    still_serving(&emu).await;
}

#[tokio::test]
async fn deep_or_malformed_brackets() {
    let emu = start().await;
    for body in [
        "name=n&payload=p&scope[type][a][b]=account",
        "name=n&payload=p&scope[type][a]=account",
        "name=n&payload=p&scope%5Btype%5D%5Ba%5D=account",
        "name=n&payload=p&scope[type=account",
        "name=n&payload=p&[type]=account",
        "name=n&payload=p&scope=account&scope[type]=account",
    ] {
        let resp = post_raw(&emu, body.into(), FORM).await;
        assert_eq!(resp.status, 400, "{body}: {}", resp.text);
        still_serving(&emu).await;
    }
}

#[tokio::test]
async fn json_bodies_are_refused() {
    let emu = start().await;
    let body = br#"{"name":"n","payload":"p","scope":{"type":"account"}}"#.to_vec();
    let resp = post_raw(&emu, body, "application/json").await;
    resp.assert_error(400, "", "");
    assert!(resp.message().contains("form-encoded"), "{}", resp.text);
    still_serving(&emu).await;
}
