//! Keys: test keys act as the backend, live and bad keys are refused, the
//! placeholder key acts as a UI extension of one user. A key comes as
//! `Bearer KEY` or as HTTP Basic with the key as user name and an empty
//! password (`curl -u KEY:`), the same rules for both.

use reqwest::Method;

use crate::common::{start, Emu, Resp, KEY};

/// `Authorization: Basic` and the base64 of `user:password`, as curl and
/// reqwest write it.
fn basic(
    emu: &Emu,
    method: Method,
    path: &str,
    user: &str,
    password: Option<&str>,
) -> reqwest::RequestBuilder {
    emu.req(method, path).basic_auth(user, password)
}

#[tokio::test]
async fn missing_or_malformed_keys_are_401() {
    let emu = start().await;
    let path = "/v1/apps/secrets?scope[type]=account";
    let none = Resp::from(emu.req(Method::GET, path).send().await.unwrap()).await;
    none.assert_error(401, "", "");
    assert!(none.message().contains("API key"));
    for value in [
        "sk_test_abc",
        "Token sk_test_abc",
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

#[tokio::test]
async fn basic_auth_takes_the_key_as_user_name() {
    let emu = start().await;
    // `curl -u sk_test_…:`: the key, a colon, no password.
    let set = basic(&emu, Method::POST, "/v1/apps/secrets", KEY, None)
        .body("name=n&payload=p&scope[type]=account")
        .send()
        .await
        .unwrap();
    let set = Resp::from(set).await;
    assert_eq!(set.status, 200, "{}", set.text);
    // The same store and caller as Bearer with that key.
    let found = emu.find("n", "scope[type]=account").await;
    assert_eq!(found.json["payload"], "p");
    let listed = basic(
        &emu,
        Method::GET,
        "/v1/apps/secrets?scope[type]=account",
        KEY,
        Some(""),
    )
    .send()
    .await
    .unwrap();
    let listed = Resp::from(listed).await;
    assert_eq!(listed.json["data"][0]["id"], set.json["id"], "{}", listed.text);
    // Written by hand as Stripe's docs show it, lowercase scheme too.
    for value in ["Basic c2tfdGVzdF94Og==", "basic c2tfdGVzdF94Og=="] {
        let resp = emu
            .req(Method::GET, "/v1/apps/secrets?scope[type]=account")
            .header("Authorization", value)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{value}");
    }
    let restricted = basic(&emu, Method::POST, "/v1/apps/secrets", "rk_test_abc", None)
        .body("name=r&payload=p&scope[type]=user&scope[user]=usr_7")
        .send()
        .await
        .unwrap();
    assert_eq!(restricted.status().as_u16(), 200);
}

#[tokio::test]
async fn idempotency_keys_belong_to_the_key_whichever_form_carries_it() {
    let emu = start().await;
    let body = "name=n&payload=p&scope[type]=account";
    let first = basic(&emu, Method::POST, "/v1/apps/secrets", KEY, None)
        .header("Idempotency-Key", "either-form")
        .body(body)
        .send()
        .await
        .unwrap();
    let first = Resp::from(first).await;
    let again = emu
        .req(Method::POST, "/v1/apps/secrets")
        .header("Authorization", format!("Bearer {KEY}"))
        .header("Idempotency-Key", "either-form")
        .body(body)
        .send()
        .await
        .unwrap();
    let again = Resp::from(again).await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.text, first.text);
}

#[tokio::test]
async fn basic_auth_refuses_what_bearer_refuses() {
    let emu = start().await;
    let path = "/v1/apps/secrets?scope[type]=account";
    for (user, says) in [
        ("sk_live_123", "Live mode keys are refused"),
        ("rk_live_123", "Live mode keys are refused"),
        ("pk_test_123", "Invalid API Key provided"),
        ("sk_test_", "Invalid API Key provided"),
        ("sk_test_a-b", "Invalid API Key provided"),
        ("", "Invalid API Key provided"),
    ] {
        let resp = Resp::from(basic(&emu, Method::GET, path, user, None).send().await.unwrap()).await;
        resp.assert_error(401, "", "");
        assert!(resp.message().contains(says), "{user}: {}", resp.text);
    }
}

#[tokio::test]
async fn malformed_basic_credentials_are_401() {
    let emu = start().await;
    let path = "/v1/apps/secrets?scope[type]=account";
    // Refused the way a bad Bearer key is: 401, invalid_request_error, no code.
    let bearer = emu
        .req(Method::GET, path)
        .header("Authorization", "Bearer hello")
        .send()
        .await
        .unwrap();
    let bearer = Resp::from(bearer).await;
    let shape = |resp: &Resp| {
        let error = resp.json["error"].as_object().unwrap();
        let mut fields: Vec<&String> = error.keys().collect();
        fields.sort();
        (
            resp.status,
            resp.error(),
            fields.into_iter().cloned().collect::<Vec<_>>(),
        )
    };
    for (user, password) in [(KEY, Some("secret")), ("", Some(KEY))] {
        let resp = Resp::from(
            basic(&emu, Method::GET, path, user, password)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(shape(&resp), shape(&bearer), "{user}:{password:?}");
        assert!(resp.message().contains("Basic credentials"), "{}", resp.text);
        assert!(!resp.text.contains(KEY), "the key is never echoed: {}", resp.text);
    }
    for value in [
        // base64 of the key with no colon
        "Basic c2tfdGVzdF9lbXVsYXRvcjEyMw==",
        "Basic",
        "Basic ",
        "Basic !!!!",
        "Basic c2tfdGVzdF94Og=",
        "Basic c2tfdGVzdF94Og===",
        "Basic c2tfdGVzdF94O",
        "Basic c2tf dGVzdF94Og==",
        "Basic /w==",
        "BASIC c2tfdGVzdF94Og==",
    ] {
        let resp = emu
            .req(Method::GET, path)
            .header("Authorization", value)
            .send()
            .await
            .unwrap();
        let resp = Resp::from(resp).await;
        assert_eq!(shape(&resp), shape(&bearer), "{value}: {}", resp.text);
        assert!(
            resp.message().starts_with("Invalid Authorization header"),
            "{value}: {}",
            resp.text
        );
    }
    // Nothing was stored or logged as a success.
    assert!(emu.log().await.iter().all(|e| e["status"] == 401));
}

#[tokio::test]
async fn basic_auth_with_the_placeholder_acts_as_an_extension() {
    let emu = start().await;
    let mine = basic(
        &emu,
        Method::POST,
        "/v1/apps/secrets",
        "DO_NOT_PASS_A_REAL_API_KEY",
        None,
    )
    .header("Stripe-Emulator-User", "usr_me")
    .body("name=n&payload=p&scope[type]=user&scope[user]=usr_me")
    .send()
    .await
    .unwrap();
    assert_eq!(mine.status().as_u16(), 200);
    let theirs = basic(
        &emu,
        Method::POST,
        "/v1/apps/secrets",
        "DO_NOT_PASS_A_REAL_API_KEY",
        None,
    )
    .header("Stripe-Emulator-User", "usr_me")
    .body("name=n&payload=p&scope[type]=user&scope[user]=usr_other")
    .send()
    .await
    .unwrap();
    Resp::from(theirs)
        .await
        .assert_error(403, "secret_scope_not_allowed", "scope[user]");
    let nobody = basic(
        &emu,
        Method::GET,
        "/v1/apps/secrets?scope[type]=account",
        "DO_NOT_PASS_A_REAL_API_KEY",
        None,
    )
    .send()
    .await
    .unwrap();
    Resp::from(nobody).await.assert_error(401, "", "");
}
