//! Parameter rules: required, unknown, scope, lengths, expiry, limits, expand.

use crate::common::{enc, now, start, ACCOUNT};

#[tokio::test]
async fn missing_params_are_parameter_missing() {
    let emu = start().await;
    let cases = [
        ("/v1/apps/secrets", "payload=p&scope[type]=account", "name"),
        ("/v1/apps/secrets", "name=n&scope[type]=account", "payload"),
        ("/v1/apps/secrets", "name=n&payload=p", "scope"),
        (
            "/v1/apps/secrets",
            "name=n&payload=p&scope[user]=usr_1",
            "scope[type]",
        ),
        (
            "/v1/apps/secrets",
            "name=n&payload=p&scope[type]=user",
            "scope[user]",
        ),
        ("/v1/apps/secrets/delete", "scope[type]=account", "name"),
        ("/v1/apps/secrets/delete", "name=n", "scope"),
    ];
    for (path, body, param) in cases {
        emu.post(path, body)
            .await
            .assert_error(400, "parameter_missing", param);
    }
    emu.get("/v1/apps/secrets/find?scope[type]=account")
        .await
        .assert_error(400, "parameter_missing", "name");
    emu.get("/v1/apps/secrets/find?name=n")
        .await
        .assert_error(400, "parameter_missing", "scope");
    emu.get("/v1/apps/secrets")
        .await
        .assert_error(400, "parameter_missing", "scope");
    // Empty required values are refused too.
    emu.post("/v1/apps/secrets", "name=&payload=p&scope[type]=account")
        .await
        .assert_error(400, "parameter_invalid_empty", "name");
}

#[tokio::test]
async fn unknown_params_are_parameter_unknown() {
    let emu = start().await;
    emu.post(
        "/v1/apps/secrets",
        "name=n&payload=p&scope[type]=account&color=red",
    )
    .await
    .assert_error(400, "parameter_unknown", "color");
    emu.post(
        "/v1/apps/secrets",
        "name=n&payload=p&scope[type]=account&scope[x]=1",
    )
    .await
    .assert_error(400, "parameter_unknown", "scope[x]");
    emu.get("/v1/apps/secrets/find?name=n&scope[type]=account&payload=x")
        .await
        .assert_error(400, "parameter_unknown", "payload");
    emu.get("/v1/apps/secrets?scope[type]=account&name=n")
        .await
        .assert_error(400, "parameter_unknown", "name");
    emu.post(
        "/v1/apps/secrets/delete",
        "name=n&scope[type]=account&expires_at=1",
    )
    .await
    .assert_error(400, "parameter_unknown", "expires_at");
}

#[tokio::test]
async fn scope_type_and_user_are_checked() {
    let emu = start().await;
    let base = "name=n&payload=p&";
    let post = |scope: &'static str| {
        let emu = &emu;
        async move { emu.post("/v1/apps/secrets", &format!("{base}{scope}")).await }
    };
    post("scope[type]=team")
        .await
        .assert_error(400, "", "scope[type]");
    post("scope[type]=account&scope[user]=usr_1")
        .await
        .assert_error(400, "parameter_unknown", "scope[user]");
    post("scope[type]=user&scope[user]=bob")
        .await
        .assert_error(400, "", "scope[user]");
    post("scope=account").await.assert_error(400, "", "scope");
    assert_eq!(post("scope[type]=user&scope[user]=usr_1").await.status, 200);
}

#[tokio::test]
async fn name_and_payload_are_at_most_5000_characters() {
    let emu = start().await;
    // Characters, not bytes: 5000 four-byte emoji are fine.
    let emoji = "\u{1F511}".repeat(5000);
    emu.set(&emoji, &emoji, ACCOUNT).await;
    let found = emu.find(&emoji, ACCOUNT).await;
    assert_eq!(found.json["payload"].as_str().unwrap(), emoji);

    let long = "x".repeat(5001);
    for (field, param) in [("name", "name"), ("payload", "payload")] {
        let body = if field == "name" {
            format!("name={long}&payload=p&{ACCOUNT}")
        } else {
            format!("name=n&payload={long}&{ACCOUNT}")
        };
        let resp = emu.post("/v1/apps/secrets", &body).await;
        resp.assert_error(400, "", param);
        assert!(!resp.text.contains(&long[..100]), "never echo the value");
    }
}

#[tokio::test]
async fn expires_at_must_be_future_and_within_100_years() {
    let emu = start().await;
    let post = |expires_at: String| {
        let emu = &emu;
        async move {
            let body = format!("name=n&payload=p&{ACCOUNT}&expires_at={expires_at}");
            emu.post("/v1/apps/secrets", &body).await
        }
    };
    post((now() - 10).to_string())
        .await
        .assert_error(400, "", "expires_at");
    post((now() + 101 * 366 * 86_400).to_string())
        .await
        .assert_error(400, "", "expires_at");
    for bad in ["soon", "1.5", "1e9", "99999999999999999999"] {
        let resp = post(enc(bad)).await;
        resp.assert_error(400, "", "expires_at");
        assert!(resp.message().contains("Invalid integer"), "{}", resp.text);
    }
    let at = now() + 99 * 365 * 86_400;
    let ok = post(at.to_string()).await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.json["expires_at"], at);
}

#[tokio::test]
async fn expired_secrets_vanish_and_free_their_slot() {
    let emu = start().await;
    for i in 0..9 {
        emu.set(&format!("keep{i}"), "p", ACCOUNT).await;
    }
    let body = format!("name=brief&payload=p&{ACCOUNT}&expires_at={}", now() + 2);
    assert_eq!(emu.post("/v1/apps/secrets", &body).await.status, 200);
    assert_eq!(emu.find("brief", ACCOUNT).await.status, 200);
    // The scope is full until the short one expires.
    assert_eq!(
        emu.post("/v1/apps/secrets", &format!("name=new&payload=p&{ACCOUNT}"))
            .await
            .status,
        400
    );
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    emu.find("brief", ACCOUNT)
        .await
        .assert_error(404, "resource_missing", "name");
    let list = emu.get("/v1/apps/secrets?scope[type]=account&limit=100").await;
    let names: Vec<&str> = list.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 9);
    assert!(!names.contains(&"brief"));
    emu.set("new", "p", ACCOUNT).await;
}

#[tokio::test]
async fn a_scope_holds_at_most_10_secrets() {
    let emu = start().await;
    for i in 0..10 {
        emu.set(&format!("k{i}"), "p", ACCOUNT).await;
    }
    let full = emu
        .post("/v1/apps/secrets", &format!("name=k10&payload=p&{ACCOUNT}"))
        .await;
    full.assert_error(400, "", "");
    assert!(full.message().contains("10 secrets max"), "{}", full.text);
    // Replacing is fine, other scopes are fine, and a delete frees a slot.
    emu.set("k3", "replaced", ACCOUNT).await;
    emu.set("k10", "p", "scope[type]=user&scope[user]=usr_1").await;
    emu.post("/v1/apps/secrets/delete", &format!("name=k0&{ACCOUNT}"))
        .await;
    emu.set("k10", "p", ACCOUNT).await;
}

#[tokio::test]
async fn expand_accepts_only_payload_or_data_payload() {
    let emu = start().await;
    emu.set("k", "v", ACCOUNT).await;
    emu.get("/v1/apps/secrets/find?name=k&scope[type]=account&expand[]=scope")
        .await
        .assert_error(400, "", "expand");
    emu.get("/v1/apps/secrets?scope[type]=account&expand[]=payload")
        .await
        .assert_error(400, "", "expand");
    emu.get("/v1/apps/secrets/find?name=k&scope[type]=account&expand[]=data.payload")
        .await
        .assert_error(400, "", "expand");
    emu.get("/v1/apps/secrets/find?name=k&scope[type]=account&expand=payload")
        .await
        .assert_error(400, "", "expand");
}

#[tokio::test]
async fn limit_is_1_to_100() {
    let emu = start().await;
    for bad in ["0", "101", "-1", "ten"] {
        emu.get(&format!("/v1/apps/secrets?scope[type]=account&limit={bad}"))
            .await
            .assert_error(400, "", "limit");
    }
    for good in ["1", "100"] {
        let resp = emu
            .get(&format!("/v1/apps/secrets?scope[type]=account&limit={good}"))
            .await;
        assert_eq!(resp.status, 200);
    }
}
