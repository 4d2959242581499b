//! `--www` and `--pkg`: files with the right types, never shadowing the API.

use std::fs;
use std::path::PathBuf;

use reqwest::Method;

use crate::common::{start_with, KEY};

/// Sends `GET target` verbatim and returns the status line.
async fn raw_status(base: &str, target: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response.lines().next().unwrap_or("").to_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("emulator-test-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn serves_www_and_pkg_without_shadowing_the_api() {
    let www = temp_dir("www");
    let pkg = temp_dir("pkg");
    fs::write(www.join("index.html"), "<h1>demo</h1>").unwrap();
    fs::create_dir_all(www.join("v1/apps")).unwrap();
    fs::write(www.join("v1/apps/secrets"), "shadow").unwrap();
    fs::create_dir_all(www.join("_emulator")).unwrap();
    fs::write(www.join("_emulator/requests"), "shadow").unwrap();
    fs::write(pkg.join("lib_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    fs::write(pkg.join("lib.js"), "export {}").unwrap();
    let emu = start_with(Some(www.clone()), Some(pkg.clone())).await;

    let get = |path: &'static str| {
        let emu = &emu;
        async move { emu.req(Method::GET, path).send().await.unwrap() }
    };
    let index = get("/").await;
    assert_eq!(index.status().as_u16(), 200);
    assert!(index.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(index.text().await.unwrap(), "<h1>demo</h1>");
    let wasm = get("/pkg/lib_bg.wasm").await;
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
    let js = get("/pkg/lib.js").await;
    assert_eq!(js.headers()["content-type"], "text/javascript");
    assert_eq!(js.headers()["access-control-allow-origin"], "*");

    assert_eq!(get("/missing.html").await.status().as_u16(), 404);
    // Raw request lines: an HTTP client library would normalize the dots away.
    for target in [
        "/pkg/../pkg/lib.js",
        "/pkg/%2e%2e/pkg/lib.js",
        "/%2e%2e/Cargo.toml",
        "/..%2fx",
    ] {
        let head = raw_status(&emu.base, target).await;
        assert!(head.contains(" 404 "), "{target}: {head}");
    }

    // The API and the controls win over same-named files.
    let api = get("/v1/apps/secrets").await;
    assert_eq!(api.status().as_u16(), 401);
    let log = get("/_emulator/requests").await;
    assert_eq!(log.text().await.unwrap().chars().next(), Some('['));
    let _ = KEY;

    let _ = fs::remove_dir_all(www);
    let _ = fs::remove_dir_all(pkg);
}
