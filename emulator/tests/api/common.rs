//! Starting an emulator and talking to it.

use std::path::PathBuf;

use reqwest::header::HeaderMap;
use reqwest::{Client, Method, RequestBuilder};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub const KEY: &str = "sk_test_emulator123";
pub const ACCOUNT: &str = "scope[type]=account";

/// A running emulator; stops when dropped.
pub struct Emu {
    pub base: String,
    pub client: Client,
    _stop: oneshot::Sender<()>,
}

pub async fn start() -> Emu {
    start_with(None, None).await
}

pub async fn start_with(www: Option<PathBuf>, pkg: Option<PathBuf>) -> Emu {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    let config = secret_store_emulator::Config {
        www,
        pkg,
        access_log: false,
        ..secret_store_emulator::Config::default()
    };
    tokio::spawn(secret_store_emulator::serve(listener, config, async {
        let _ = stopped.await;
    }));
    Emu {
        base,
        client: Client::new(),
        _stop: stop,
    }
}

/// A finished response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Resp {
    pub async fn from(response: reqwest::Response) -> Resp {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Resp {
            status,
            headers,
            text,
            json,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// `error.type`, `error.code`, `error.param` of a Stripe error.
    pub fn error(&self) -> (String, String, String) {
        let field = |k: &str| self.json["error"][k].as_str().unwrap_or("").to_owned();
        (field("type"), field("code"), field("param"))
    }

    pub fn message(&self) -> String {
        self.json["error"]["message"].as_str().unwrap_or("").to_owned()
    }

    /// Asserts a 400-ish Stripe error with this code and param ("" for none),
    /// and the `doc_url` that goes with the code (none without one).
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str, param: &str) {
        assert_eq!(self.status, status, "{}", self.text);
        let (kind, c, p) = self.error();
        assert_eq!(kind, "invalid_request_error", "{}", self.text);
        assert_eq!(c, code, "{}", self.text);
        assert_eq!(p, param, "{}", self.text);
        self.assert_doc_url();
    }

    /// `error.doc_url` is Stripe's page of `error.code`, and absent without a code.
    #[track_caller]
    pub fn assert_doc_url(&self) {
        let error = &self.json["error"];
        match error["code"].as_str() {
            Some(code) => assert_eq!(error["doc_url"], doc_url(code), "{}", self.text),
            None => assert!(error.get("doc_url").is_none(), "{}", self.text),
        }
    }
}

impl Emu {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn req(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    /// POST a form body with the backend key.
    pub async fn post(&self, path: &str, body: &str) -> Resp {
        self.post_as(path, body, KEY).await
    }

    pub async fn post_as(&self, path: &str, body: &str, key: &str) -> Resp {
        let request = self
            .req(Method::POST, path)
            .header("Authorization", format!("Bearer {key}"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body.to_owned());
        Resp::from(request.send().await.unwrap()).await
    }

    /// GET `path?query` with the backend key.
    pub async fn get(&self, path_and_query: &str) -> Resp {
        let request = self
            .req(Method::GET, path_and_query)
            .header("Authorization", format!("Bearer {KEY}"));
        Resp::from(request.send().await.unwrap()).await
    }

    /// As a UI extension of `user`.
    pub fn as_user(&self, method: Method, path: &str, user: &str) -> RequestBuilder {
        self.req(method, path)
            .header("Authorization", "Bearer DO_NOT_PASS_A_REAL_API_KEY")
            .header("Stripe-Emulator-User", user)
            .header("Content-Type", "application/x-www-form-urlencoded")
    }

    pub async fn set(&self, name: &str, payload: &str, scope: &str) -> Resp {
        let body = format!("name={}&payload={}&{scope}", enc(name), enc(payload));
        let resp = self.post("/v1/apps/secrets", &body).await;
        assert_eq!(resp.status, 200, "{}", resp.text);
        resp
    }

    pub async fn find(&self, name: &str, scope: &str) -> Resp {
        self.get(&format!(
            "/v1/apps/secrets/find?name={}&{scope}&expand[0]=payload",
            enc(name)
        ))
        .await
    }

    pub async fn control(&self, method: Method, path: &str, body: &str) -> Resp {
        let request = self.req(method, path).body(body.to_owned());
        Resp::from(request.send().await.unwrap()).await
    }

    pub async fn faults(&self, json: &str) {
        let resp = self.control(Method::POST, "/_emulator/faults", json).await;
        assert_eq!(resp.status, 200, "{}", resp.text);
    }

    pub async fn log(&self) -> Vec<Value> {
        let resp = self.control(Method::GET, "/_emulator/requests", "").await;
        resp.json.as_array().unwrap().clone()
    }
}

/// Where Stripe documents an error code, written as live Stripe writes it.
pub fn doc_url(code: &str) -> String {
    format!("https://stripe.com/docs/error-codes/{}", code.replace('_', "-"))
}

/// Percent-encodes like stripe-node: unreserved characters kept, space as `%20`.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-encodes like an HTML form: space as `+`, brackets escaped too.
pub fn enc_form(s: &str) -> String {
    enc(s).replace("%20", "+")
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}
