//! Cursor pagination: newest first, never skipping or repeating.

use serde_json::Value;

use crate::common::{start, Emu, ACCOUNT};

async fn page(emu: &Emu, cursor: &str) -> (Vec<String>, bool) {
    let resp = emu
        .get(&format!("/v1/apps/secrets?scope[type]=account&limit=3{cursor}"))
        .await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    let ids = resp.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s: &Value| s["id"].as_str().unwrap().to_owned())
        .collect();
    (ids, resp.json["has_more"].as_bool().unwrap())
}

#[tokio::test]
async fn pages_forward_and_backward_without_skip_or_repeat() {
    let emu = start().await;
    // Ten secrets created within the same second or two: `created` ties abound.
    let mut created = Vec::new();
    for i in 0..10 {
        let resp = emu.set(&format!("s{i}"), "p", ACCOUNT).await;
        created.push(resp.json["id"].as_str().unwrap().to_owned());
    }
    let newest_first: Vec<String> = created.iter().rev().cloned().collect();

    // Forward: 3 + 3 + 3 + 1.
    let mut forward = Vec::new();
    let mut cursor = String::new();
    let mut pages = 0;
    loop {
        let (ids, has_more) = page(&emu, &cursor).await;
        pages += 1;
        forward.extend(ids.iter().cloned());
        if !has_more {
            break;
        }
        cursor = format!("&starting_after={}", ids.last().unwrap());
    }
    assert_eq!(pages, 4);
    assert_eq!(forward, newest_first);

    // Backward from the oldest: each page is still newest first.
    let oldest = newest_first.last().unwrap().clone();
    let mut backward: Vec<String> = Vec::new();
    let mut cursor = format!("&ending_before={oldest}");
    loop {
        let (ids, has_more) = page(&emu, &cursor).await;
        backward.splice(0..0, ids.iter().cloned());
        if !has_more {
            break;
        }
        cursor = format!("&ending_before={}", ids.first().unwrap());
    }
    backward.push(oldest);
    assert_eq!(backward, newest_first);

    // Exact page contents at the edges.
    let (first, more) = page(&emu, &format!("&ending_before={}", newest_first[3])).await;
    assert_eq!(first, newest_first[..3].to_vec());
    assert!(!more);
    let (empty, more) = page(&emu, &format!("&ending_before={}", newest_first[0])).await;
    assert!(empty.is_empty() && !more);
}

#[tokio::test]
async fn unknown_or_conflicting_cursors_are_400() {
    let emu = start().await;
    let id = emu.set("a", "p", ACCOUNT).await.json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    emu.get("/v1/apps/secrets?scope[type]=account&starting_after=appsecret_nope")
        .await
        .assert_error(400, "resource_missing", "starting_after");
    emu.get("/v1/apps/secrets?scope[type]=account&ending_before=appsecret_nope")
        .await
        .assert_error(400, "resource_missing", "ending_before");
    // An id from another scope is unknown in this one.
    emu.get(&format!(
        "/v1/apps/secrets?scope[type]=user&scope[user]=usr_1&starting_after={id}"
    ))
    .await
    .assert_error(400, "resource_missing", "starting_after");
    emu.get(&format!(
        "/v1/apps/secrets?scope[type]=account&starting_after={id}&ending_before={id}"
    ))
    .await
    .assert_error(400, "", "ending_before");
}
