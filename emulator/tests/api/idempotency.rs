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

/// Stripe ignores `Idempotency-Key` on GET: any value, malformed or reused,
/// neither refuses, replays nor conflicts, and is not echoed.
#[tokio::test]
async fn a_get_ignores_its_idempotency_key_even_malformed() {
    let emu = start().await;
    let body = "name=n&payload=p&scope[type]=account";
    assert_eq!(post_with_key(&emu, "shared-key", KEY, body).await.status, 200);
    let long = "k".repeat(256);
    let keys: [&[u8]; 6] = [
        b"two words",
        b"",
        long.as_bytes(),
        b"caf\xe9",
        b"tab\there",
        b"shared-key",
    ];
    for path in [
        "/v1/apps/secrets/find?name=n&scope[type]=account",
        "/v1/apps/secrets?scope[type]=account",
        "/v1/apps/secrets/find?name=nope&scope[type]=account",
    ] {
        for key in keys {
            let resp = emu
                .req(Method::GET, path)
                .header("Authorization", format!("Bearer {KEY}"))
                .header(
                    "Idempotency-Key",
                    reqwest::header::HeaderValue::from_bytes(key).unwrap(),
                )
                .send()
                .await
                .unwrap();
            let resp = Resp::from(resp).await;
            let expected = if path.contains("nope") { 404 } else { 200 };
            assert_eq!(resp.status, expected, "{path} {key:?}: {}", resp.text);
            assert!(resp.header("idempotent-replayed").is_none(), "{key:?}");
            assert!(resp.header("idempotency-key").is_none(), "{key:?}");
        }
    }
    // A GET's answer is not remembered: after a change, the same key sees it.
    emu.set("n", "changed", "scope[type]=account").await;
    let resp = emu
        .req(
            Method::GET,
            "/v1/apps/secrets/find?name=n&scope[type]=account&expand[0]=payload",
        )
        .header("Authorization", format!("Bearer {KEY}"))
        .header("Idempotency-Key", "shared-key")
        .send()
        .await
        .unwrap();
    assert_eq!(Resp::from(resp).await.json["payload"], "changed");
    // A POST still refuses a malformed key, and its own key still replays.
    post_with_key(&emu, "two words", KEY, body)
        .await
        .assert_error(400, "", "");
    let replay = post_with_key(&emu, "shared-key", KEY, body).await;
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
}

/// There is no DELETE in the Secret Store: a DELETE is Stripe's unknown-URL
/// 404 whatever its `Idempotency-Key`, never the key's 400.
#[tokio::test]
async fn a_delete_is_unrecognized_whatever_its_idempotency_key() {
    let emu = start().await;
    for key in ["two words", "ok-key"] {
        let resp = emu
            .req(Method::DELETE, "/v1/apps/secrets?scope[type]=account")
            .header("Authorization", format!("Bearer {KEY}"))
            .header("Idempotency-Key", key)
            .send()
            .await
            .unwrap();
        let resp = Resp::from(resp).await;
        resp.assert_error(404, "", "");
        assert!(
            resp.message().starts_with("Unrecognized request URL"),
            "{}",
            resp.text
        );
    }
}
