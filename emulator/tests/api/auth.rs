//! Keys: test keys act as the backend, live and bad keys are refused, the
//! placeholder key acts as a UI extension of one user.

use reqwest::Method;

use crate::common::{start, Resp};

#[tokio::test]
async fn missing_or_malformed_keys_are_401() {
    let emu = start().await;
    let path = "/v1/apps/secrets?scope[type]=account";
    let none = Resp::from(emu.req(Method::GET, path).send().await.unwrap()).await;
    none.assert_error(401, "", "");
    assert!(none.message().contains("API key"));
    for value in [
        "sk_test_abc",
        "Basic c2tfdGVzdF94Og==",
        "Bearer ",
        "Bearer sk_test_",
        "Bearer pk_test_123",
        "Bearer hello",
        "Bearer sk_test_a b",
    ] {
        let resp = emu
            .req(Method::GET, path)
            .header("Authorization", value)
            .send()
            .await
            .unwrap();
        let resp = Resp::from(resp).await;
        resp.assert_error(401, "", "");
    }
}

#[tokio::test]
async fn live_keys_are_refused() {
    let emu = start().await;
    for key in ["sk_live_123", "rk_live_123"] {
        let resp = emu
            .post_as("/v1/apps/secrets", "name=n&payload=p&scope[type]=account", key)
            .await;
        resp.assert_error(401, "", "");
        assert!(
            resp.message().contains("Live mode keys are refused"),
            "{}",
            resp.text
        );
    }
}

#[tokio::test]
async fn restricted_test_keys_act_as_the_backend() {
    let emu = start().await;
    let resp = emu
        .post_as(
            "/v1/apps/secrets",
            "name=n&payload=p&scope[type]=user&scope[user]=usr_7",
            "rk_test_abc",
        )
        .await;
    assert_eq!(resp.status, 200, "{}", resp.text);
}

#[tokio::test]
async fn extension_may_use_account_scope_and_its_own_user() {
    let emu = start().await;
    for body in [
        "name=n&payload=p&scope[type]=account",
        "name=n&payload=mine&scope[type]=user&scope[user]=usr_me",
    ] {
        let resp = emu
            .as_user(Method::POST, "/v1/apps/secrets", "usr_me")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200);
    }
    let found = emu
        .as_user(
            Method::GET,
            "/v1/apps/secrets/find?name=n&scope[type]=user&scope[user]=usr_me&expand[0]=payload",
            "usr_me",
        )
        .send()
        .await
        .unwrap();
    let found = Resp::from(found).await;
    assert_eq!(found.json["payload"], "mine");
    // The backend sees what the extension wrote.
    let backend = crate::common::Emu::find(&emu, "n", "scope[type]=user&scope[user]=usr_me").await;
    assert_eq!(backend.json["payload"], "mine");
}

#[tokio::test]
async fn extension_is_refused_other_users_scopes() {
    let emu = start().await;
    emu.set("n", "theirs", "scope[type]=user&scope[user]=usr_other")
        .await;
    let requests = [
        (
            Method::POST,
            "/v1/apps/secrets",
            "name=n&payload=p&scope[type]=user&scope[user]=usr_other",
        ),
        (
            Method::GET,
            "/v1/apps/secrets/find?name=n&scope[type]=user&scope[user]=usr_other",
            "",
        ),
        (
            Method::GET,
            "/v1/apps/secrets?scope[type]=user&scope[user]=usr_other",
            "",
        ),
        (
            Method::POST,
            "/v1/apps/secrets/delete",
            "name=n&scope[type]=user&scope[user]=usr_other",
        ),
    ];
    for (method, path, body) in requests {
        let resp = emu
            .as_user(method, path, "usr_me")
            .body(body)
            .send()
            .await
            .unwrap();
        let resp = Resp::from(resp).await;
        resp.assert_error(403, "secret_scope_not_allowed", "scope[user]");
        assert!(!resp.text.contains("theirs"));
    }
    // Nothing was changed.
    let still = emu.find("n", "scope[type]=user&scope[user]=usr_other").await;
    assert_eq!(still.json["payload"], "theirs");
}

#[tokio::test]
async fn placeholder_key_needs_a_valid_user_header() {
    let emu = start().await;
    let path = "/v1/apps/secrets?scope[type]=account";
    let bare = emu
        .req(Method::GET, path)
        .header("Authorization", "Bearer DO_NOT_PASS_A_REAL_API_KEY")
        .send()
        .await
        .unwrap();
    Resp::from(bare).await.assert_error(401, "", "");
    for user in ["", "bob", "usr_", "usr_a-b"] {
        let resp = emu.as_user(Method::GET, path, user).send().await.unwrap();
        Resp::from(resp).await.assert_error(401, "", "");
    }
}
