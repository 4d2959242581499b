//! Floods of large requests, authenticated or not, and of fault rules: the
//! emulator's memory must stay within [`MAX_GROWTH_KIB`] of where it started.

use crate::process::{flood, Emulator, KEY};

/// Just under the 1 MiB body limit, so each body is read, decoded and logged.
fn large_body(prefix: &str) -> Vec<u8> {
    let mut body = prefix.as_bytes().to_vec();
    body.resize(1024 * 1024 - 64, b'a');
    body
}

#[tokio::test]
async fn unauthenticated_large_posts() {
    let emu = Emulator::start();
    emu.within_bound("150 unauthenticated 1 MiB POSTs", async {
        flood(150, 32, |_| async {
            let status = emu
                .post("/v1/apps/secrets", None, large_body("name=n&note="))
                .await;
            assert_eq!(status, 401);
        })
        .await;
    })
    .await;
}

#[tokio::test]
async fn authenticated_large_posts() {
    let emu = Emulator::start();
    emu.within_bound("150 authenticated 1 MiB POSTs", async {
        flood(150, 32, |_| async {
            let status = emu
                .post("/v1/apps/secrets", Some(KEY), large_body("name=n&note="))
                .await;
            assert_eq!(status, 400);
        })
        .await;
    })
    .await;
}

/// Each request stores a 40 KB secret for a new user and an idempotent
/// answer as large: unbounded, 1500 of them hold well over 64 MiB.
#[tokio::test]
async fn authenticated_sets_with_idempotency_keys() {
    let emu = Emulator::start();
    let wide = crate::keys::enc(&"\u{1F511}".repeat(5000));
    emu.within_bound("1500 sets of 40 KB with idempotency keys", async {
        flood(1500, 16, |i| {
            let body =
                format!("name={wide}&payload={wide}&scope[type]=user&scope[user]=usr_{i}&expand[]=payload");
            let emu = &emu;
            async move {
                let status = emu
                    .client
                    .post(format!("{}/v1/apps/secrets", emu.base))
                    .header("Authorization", format!("Bearer {KEY}"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Idempotency-Key", format!("flood-{i}"))
                    .body(body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16();
                // 400 once the store's byte limit is reached.
                assert!(status == 200 || status == 400, "{status}");
            }
        })
        .await;
    })
    .await;
}

#[tokio::test]
async fn fault_rules() {
    let emu = Emulator::start();
    let huge: String = format!("[{}{{}}]", "{},".repeat(700_000));
    let full: String = format!("[{}{{}}]", "{},".repeat(999));
    emu.within_bound("5 POSTs of 2 MB fault lists, then 200 of 1000 faults", async {
        flood(5, 5, |_| async {
            // 413, or the connection broken while the client still wrote:
            // the emulator may refuse the body before it has read it all.
            // Either way nothing is queued (checked below).
            match emu
                .try_post("/_emulator/faults", None, huge.clone().into_bytes())
                .await
            {
                Ok(status) => assert_eq!(status, 413),
                Err(error) => assert!(error.is_request(), "{error}"),
            }
        })
        .await;
        let mut refused = 0;
        for _ in 0..200 {
            match emu
                .post("/_emulator/faults", None, full.clone().into_bytes())
                .await
            {
                200 => {}
                400 => refused += 1,
                other => panic!("{other}"),
            }
        }
        // The first list fills the queue; every later one is refused.
        assert_eq!(refused, 199);
    })
    .await;
}
