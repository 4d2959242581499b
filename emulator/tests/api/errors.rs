//! Stripe's error object: `doc_url` comes with every `code` and only then,
//! on every endpoint, for the key's refusals and injected faults alike.

use reqwest::Method;

use crate::common::{doc_url, start, Resp, ACCOUNT, KEY};

#[tokio::test]
async fn every_coded_error_carries_its_doc_url() {
    let emu = start().await;
    let missing = emu.find("nope", ACCOUNT).await;
    missing.assert_error(404, "resource_missing", "name");
    // Spelled as live Stripe answers spell it.
    assert_eq!(
        missing.json["error"]["doc_url"],
        "https://stripe.com/docs/error-codes/resource-missing"
    );
    let coded = [
        (
            emu.post("/v1/apps/secrets", "name=a&payload=p").await,
            400,
            "parameter_missing",
            "scope",
        ),
        (
            emu.post("/v1/apps/secrets", "name=a&payload=p&scope[type]=account&foo=1")
                .await,
            400,
            "parameter_unknown",
            "foo",
        ),
        (
            emu.post("/v1/apps/secrets", "name=&payload=p&scope[type]=account")
                .await,
            400,
            "parameter_invalid_empty",
            "name",
        ),
        (
            emu.get("/v1/apps/secrets?scope[type]=account&starting_after=appsecret_nope")
                .await,
            400,
            "resource_missing",
            "starting_after",
        ),
        (
            emu.post("/v1/apps/secrets/delete", "name=nope&scope[type]=account")
                .await,
            404,
            "resource_missing",
            "name",
        ),
    ];
    for (resp, status, code, param) in coded {
        resp.assert_error(status, code, param);
        assert_eq!(resp.json["error"]["doc_url"], doc_url(code), "{}", resp.text);
    }
    let other = emu
        .as_user(
            Method::GET,
            "/v1/apps/secrets?scope[type]=user&scope[user]=usr_b",
            "usr_a",
        )
        .send()
        .await
        .unwrap();
    let other = Resp::from(other).await;
    other.assert_error(403, "secret_scope_not_allowed", "scope[user]");
    assert_eq!(
        other.json["error"]["doc_url"],
        "https://stripe.com/docs/error-codes/secret-scope-not-allowed"
    );
}

#[tokio::test]
async fn errors_without_a_code_have_no_doc_url() {
    let emu = start().await;
    let no_key = Resp::from(emu.req(Method::GET, "/v1/apps/secrets").send().await.unwrap()).await;
    let bad_key = emu
        .post_as("/v1/apps/secrets", "name=a", "sk_test_no-dashes")
        .await;
    let unknown_url = emu.get("/v1/nope").await;
    let invalid = emu.get("/v1/apps/secrets?scope[type]=account&limit=0").await;
    for (resp, status, param) in [
        (no_key, 401, ""),
        (bad_key, 401, ""),
        (unknown_url, 404, ""),
        (invalid, 400, "limit"),
    ] {
        resp.assert_error(status, "", param);
        assert!(resp.json["error"].get("doc_url").is_none(), "{}", resp.text);
    }
    let conflict = |payload: &str| {
        emu.req(Method::POST, "/v1/apps/secrets")
            .header("Authorization", format!("Bearer {KEY}"))
            .header("Idempotency-Key", "doc-url")
            .body(format!("name=a&payload={payload}&scope[type]=account"))
            .send()
    };
    conflict("one").await.unwrap();
    let conflict = Resp::from(conflict("two").await.unwrap()).await;
    assert_eq!(conflict.error().0, "idempotency_error");
    assert!(
        conflict.json["error"].get("doc_url").is_none(),
        "{}",
        conflict.text
    );
}

#[tokio::test]
async fn faults_and_replays_keep_the_doc_url() {
    let emu = start().await;
    emu.faults(r#"[{"status":404},{"status":409},{"status":429},{"status":500}]"#)
        .await;
    for (status, code) in [
        (404, Some("resource_missing")),
        (409, Some("lock_timeout")),
        (429, Some("rate_limit")),
        (500, None),
    ] {
        let resp = emu.get("/v1/apps/secrets?scope[type]=account").await;
        assert_eq!(resp.status, status);
        assert_eq!(resp.json["error"]["code"].as_str(), code, "{}", resp.text);
        resp.assert_doc_url();
    }
    // A remembered 404 replays byte for byte, its doc_url included.
    let delete = || {
        emu.req(Method::POST, "/v1/apps/secrets/delete")
            .header("Authorization", format!("Bearer {KEY}"))
            .header("Idempotency-Key", "gone")
            .body("name=gone&scope[type]=account")
            .send()
    };
    let first = Resp::from(delete().await.unwrap()).await;
    first.assert_error(404, "resource_missing", "name");
    let again = Resp::from(delete().await.unwrap()).await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.text, first.text);
}
