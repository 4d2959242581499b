//! The two wire formats clients use, and byte-exact payloads.

use crate::common::{enc, enc_form, start, Resp};

#[tokio::test]
async fn stripe_node_encoding() {
    let emu = start().await;
    // Brackets raw, spaces as %20, indexed arrays.
    let body = "name=my%20key&payload=a%20b%2Bc&scope[type]=user&scope[user]=usr_1&expand[0]=payload";
    let resp = emu.post("/v1/apps/secrets", body).await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    assert_eq!(resp.json["name"], "my key");
    assert_eq!(resp.json["payload"], "a b+c");
    let found = emu
        .get("/v1/apps/secrets/find?name=my%20key&scope[type]=user&scope[user]=usr_1&expand[0]=payload")
        .await;
    assert_eq!(found.json["payload"], "a b+c");
    let list = emu
        .get("/v1/apps/secrets?scope[type]=user&scope[user]=usr_1&expand[0]=data.payload&limit=5")
        .await;
    assert_eq!(list.json["data"][0]["payload"], "a b+c");
}

#[tokio::test]
async fn older_encoding_with_escaped_brackets_and_plus_spaces() {
    let emu = start().await;
    let body = "name=my+key&payload=a+b%2Bc&scope%5Btype%5D=user&scope%5Buser%5D=usr_1&expand%5B%5D=payload";
    let resp = emu.post("/v1/apps/secrets", body).await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    assert_eq!(resp.json["name"], "my key");
    assert_eq!(resp.json["payload"], "a b+c", "+ is a space, %2B a plus");
    let found = emu
        .get("/v1/apps/secrets/find?name=my+key&scope%5Btype%5D=user&scope%5Buser%5D=usr_1&expand%5B%5D=payload")
        .await;
    assert_eq!(found.json["payload"], "a b+c");
    let deleted = emu
        .post(
            "/v1/apps/secrets/delete",
            "name=my+key&scope%5Btype%5D=user&scope%5Buser%5D=usr_1",
        )
        .await;
    assert_eq!(deleted.json["deleted"], true);
}

#[tokio::test]
async fn payloads_round_trip_byte_exact() {
    let emu = start().await;
    let payloads = [
        "\u{1F511}\u{1F469}\u{200D}\u{1F4BB} caf\u{e9} \u{4E2D}\u{6587}".to_owned(),
        "a&b=c+d%20e%zz%".to_owned(),
        "line1\nline2\r\n\ttab".to_owned(),
        "nul\0inside".to_owned(),
        " leading and trailing ".to_owned(),
        "x".repeat(5000),
        "\u{e9}".repeat(5000),
    ];
    for (i, payload) in payloads.iter().enumerate() {
        for (style, encode) in [("node", enc as fn(&str) -> String), ("form", enc_form)] {
            let name = format!("p{i}-{style}");
            let body = format!(
                "name={}&payload={}&scope[type]=account&expand[0]=payload",
                encode(&name),
                encode(payload)
            );
            let resp: Resp = emu.post("/v1/apps/secrets", &body).await;
            assert_eq!(resp.status, 200, "{}", resp.text);
            assert_eq!(resp.json["payload"].as_str().unwrap(), payload);
            let found = emu.find(&name, "scope[type]=account").await;
            assert_eq!(found.json["payload"].as_str().unwrap(), payload.as_str());
            emu.post(
                "/v1/apps/secrets/delete",
                &format!("name={}&scope[type]=account", enc(&name)),
            )
            .await;
        }
    }
}
