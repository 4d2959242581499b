//! `Idempotency-Key`: replays and conflicts.

use reqwest::Method;

use crate::common::{start, Emu, Resp, KEY};

async fn post_with_key(emu: &Emu, key: &str, api_key: &str, body: &str) -> Resp {
    let resp = emu
        .req(Method::POST, "/v1/apps/secrets")
        .header("Authorization", format!("Bearer {api_key}"))
        .header("Idempotency-Key", key)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    Resp::from(resp).await
}

#[tokio::test]
async fn same_key_and_params_replays_the_first_answer() {
    let emu = start().await;
    let body = "name=n&payload=p&scope[type]=account";
    let first = post_with_key(&emu, "key-1", KEY, body).await;
    assert_eq!(first.status, 200);
    assert!(first.header("idempotent-replayed").is_none());
    // In between, the secret changes; the replay still shows the first answer.
    emu.set("n", "changed", "scope[type]=account").await;
    let second = post_with_key(&emu, "key-1", KEY, body).await;
    assert_eq!(second.status, 200);
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(second.text, first.text);
    assert_ne!(second.header("request-id"), first.header("request-id"));
    // The replay did not run again.
    let found = emu.find("n", "scope[type]=account").await;
    assert_eq!(found.json["payload"], "changed");
    // Both requests reached the server and are logged.
    assert_eq!(emu.log().await.len(), 4);
}

#[tokio::test]
async fn same_key_with_other_params_is_an_idempotency_error() {
    let emu = start().await;
    post_with_key(&emu, "key-2", KEY, "name=n&payload=p&scope[type]=account").await;
    let resp = post_with_key(&emu, "key-2", KEY, "name=n&payload=q&scope[type]=account").await;
    assert_eq!(resp.status, 400);
    assert_eq!(resp.error().0, "idempotency_error");
    assert!(!resp.text.contains("payload=q"));
    // Same key on another endpoint is a conflict too.
    let resp = emu
        .req(Method::POST, "/v1/apps/secrets/delete")
        .header("Authorization", format!("Bearer {KEY}"))
        .header("Idempotency-Key", "key-2")
        .body("name=n&scope[type]=account")
        .send()
        .await
        .unwrap();
    assert_eq!(Resp::from(resp).await.error().0, "idempotency_error");
}

#[tokio::test]
async fn keys_belong_to_one_caller_and_failed_validation_is_not_kept() {
    let emu = start().await;
    let body = "name=n&payload=p&scope[type]=account";
    post_with_key(&emu, "shared", KEY, body).await;
    let other = post_with_key(&emu, "shared", "sk_test_other", body).await;
    assert_eq!(other.status, 200);
    assert!(other.header("idempotent-replayed").is_none());

    let bad = post_with_key(&emu, "retry-me", KEY, "name=n&scope[type]=account").await;
    assert_eq!(bad.status, 400);
    let fixed = post_with_key(&emu, "retry-me", KEY, body).await;
    assert_eq!(fixed.status, 200, "{}", fixed.text);
    assert!(fixed.header("idempotent-replayed").is_none());

    let long = post_with_key(&emu, &"k".repeat(256), KEY, body).await;
    long.assert_error(400, "", "");
}
