//! The four endpoints and the Secret object.

use reqwest::Method;
use serde_json::json;

use crate::common::{now, start, ACCOUNT};

#[tokio::test]
async fn set_returns_the_secret_without_payload_unless_expanded() {
    let emu = start().await;
    let resp = emu.set("api-key", "s3cret", ACCOUNT).await;
    let secret = &resp.json;
    let id = secret["id"].as_str().unwrap();
    assert!(id.starts_with("appsecret_") && id.len() > 20, "{id}");
    assert!(id["appsecret_".len()..]
        .bytes()
        .all(|b| b.is_ascii_alphanumeric()));
    assert_eq!(secret["object"], "apps.secret");
    assert_eq!(secret["name"], "api-key");
    assert_eq!(secret["livemode"], false);
    assert_eq!(secret["expires_at"], json!(null));
    assert_eq!(secret["scope"], json!({"type": "account"}));
    assert!((secret["created"].as_i64().unwrap() - now()).abs() <= 2);
    assert!(secret.get("payload").is_none());
    assert!(secret.get("deleted").is_none());

    let expanded = emu
        .post(
            "/v1/apps/secrets",
            "name=other&payload=p&scope[type]=account&expand[]=payload",
        )
        .await;
    assert_eq!(expanded.json["payload"], "p");
}

#[tokio::test]
async fn find_returns_payload_only_when_expanded() {
    let emu = start().await;
    let created = emu.set("k", "v", "scope[type]=user&scope[user]=usr_1").await;
    let plain = emu
        .get("/v1/apps/secrets/find?name=k&scope[type]=user&scope[user]=usr_1")
        .await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.json["id"], created.json["id"]);
    assert!(plain.json.get("payload").is_none());
    assert_eq!(plain.json["scope"], json!({"type": "user", "user": "usr_1"}));
    // The client refuses a Secret without them (as stripe-node's types say).
    assert_eq!(plain.json["name"], "k");
    assert_eq!(plain.json["created"], created.json["created"]);
    let expanded = emu.find("k", "scope[type]=user&scope[user]=usr_1").await;
    assert_eq!(expanded.json["payload"], "v");
}

#[tokio::test]
async fn delete_returns_the_deleted_object_and_removes_it() {
    let emu = start().await;
    let created = emu.set("k", "v", ACCOUNT).await;
    let deleted = emu
        .post(
            "/v1/apps/secrets/delete",
            "name=k&scope[type]=account&expand[0]=payload",
        )
        .await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    assert_eq!(deleted.json["deleted"], true);
    assert_eq!(deleted.json["id"], created.json["id"]);
    assert_eq!(deleted.json["payload"], "v");
    assert_eq!(deleted.json["object"], "apps.secret");
    assert_eq!(deleted.json["name"], "k");
    assert_eq!(deleted.json["created"], created.json["created"]);
    assert_eq!(deleted.json["scope"], json!({"type": "account"}));
    emu.find("k", ACCOUNT)
        .await
        .assert_error(404, "resource_missing", "name");
    let again = emu
        .post("/v1/apps/secrets/delete", "name=k&scope[type]=account")
        .await;
    again.assert_error(404, "resource_missing", "name");
}

#[tokio::test]
async fn list_has_stripes_shape_and_expands_data_payload() {
    let emu = start().await;
    emu.set("a", "1", ACCOUNT).await;
    emu.set("b", "2", ACCOUNT).await;
    emu.set("c", "3", "scope[type]=user&scope[user]=usr_9").await;
    let list = emu.get("/v1/apps/secrets?scope[type]=account").await;
    assert_eq!(list.status, 200);
    assert_eq!(list.json["object"], "list");
    assert_eq!(list.json["url"], "/v1/apps/secrets");
    assert_eq!(list.json["has_more"], false);
    let data = list.json["data"].as_array().unwrap();
    let names: Vec<&str> = data.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["b", "a"], "newest first, one scope only");
    assert!(data.iter().all(|s| s.get("payload").is_none()));
    assert!(data.iter().all(|s| s["created"].is_i64()), "{data:?}");

    let expanded = emu
        .get("/v1/apps/secrets?scope[type]=account&expand[]=data.payload")
        .await;
    let payloads: Vec<&str> = expanded.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["payload"].as_str().unwrap())
        .collect();
    assert_eq!(payloads, ["2", "1"]);
}

#[tokio::test]
async fn setting_an_existing_name_replaces_it() {
    let emu = start().await;
    let first = emu.set("k", "old", ACCOUNT).await;
    let second = emu
        .post(
            "/v1/apps/secrets",
            &format!(
                "name=k&payload=new&scope[type]=account&expires_at={}",
                now() + 3600
            ),
        )
        .await;
    assert_eq!(second.status, 200);
    assert_eq!(second.json["id"], first.json["id"]);
    let found = emu.find("k", ACCOUNT).await;
    assert_eq!(found.json["payload"], "new");
    assert_eq!(found.json["expires_at"], now_plus(3600, &found.json));
    let list = emu.get("/v1/apps/secrets?scope[type]=account").await;
    assert_eq!(list.json["data"].as_array().unwrap().len(), 1);
}

/// The stored expires_at, checked to be about now + `secs`.
fn now_plus(secs: i64, secret: &serde_json::Value) -> serde_json::Value {
    let at = secret["expires_at"].as_i64().unwrap();
    assert!((at - now() - secs).abs() <= 2);
    json!(at)
}

#[tokio::test]
async fn scopes_and_accounts_are_separate() {
    let emu = start().await;
    emu.set("k", "account", ACCOUNT).await;
    emu.set("k", "one", "scope[type]=user&scope[user]=usr_1").await;
    emu.set("k", "two", "scope[type]=user&scope[user]=usr_2").await;
    assert_eq!(emu.find("k", ACCOUNT).await.json["payload"], "account");
    let one = emu.find("k", "scope[type]=user&scope[user]=usr_1").await;
    assert_eq!(one.json["payload"], "one");
    let two = emu.find("k", "scope[type]=user&scope[user]=usr_2").await;
    assert_eq!(two.json["payload"], "two");

    // Stripe-Account acts on another account, with its own secrets.
    let other = emu
        .req(Method::GET, "/v1/apps/secrets/find?name=k&scope[type]=account")
        .header("Authorization", format!("Bearer {}", crate::common::KEY))
        .header("Stripe-Account", "acct_123")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status().as_u16(), 404);
}

#[tokio::test]
async fn unknown_urls_and_methods_are_404() {
    let emu = start().await;
    emu.get("/v1/apps/nope").await.assert_error(404, "", "");
    emu.get("/v1/apps/secrets/delete?name=k&scope[type]=account")
        .await
        .assert_error(404, "", "");
    emu.post("/v1/apps/secrets/find", "name=k&scope[type]=account")
        .await
        .assert_error(404, "", "");
    let root = emu.get("/v1").await;
    root.assert_error(404, "", "");
    assert!(root.message().contains("Unrecognized request URL"));
}
