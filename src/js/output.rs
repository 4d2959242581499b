//! What the binding hands back to the JS driver: requests, results and
//! errors as JSON text, made into JS strings straight from buffers that are
//! wiped afterwards (they may hold a payload or the key).

use wasm_bindgen::JsValue;
use zeroize::Zeroizing;

use crate::error::Error;
use crate::json::write_str;
use crate::transport::HttpRequest;

/// A buffer for JSON text, wiped when dropped.
pub type Text = Zeroizing<String>;

pub fn text() -> Text {
    Zeroizing::new(String::with_capacity(256))
}

/// The JS string of `text`; the Rust copy is wiped as `text` drops.
pub fn js(text: Text) -> JsValue {
    JsValue::from_str(&text)
}

/// `{"type", "message", "code", "param", "statusCode", "requestId", "doc_url"}`,
/// absent fields left out: the driver makes the `Error` instance.
pub fn error(out: &mut String, error: &Error) {
    out.push_str("{\"type\":");
    write_str(out, error.type_name());
    out.push_str(",\"message\":");
    write_str(out, error.message());
    for (key, value) in [
        ("code", error.code()),
        ("param", error.param()),
        ("requestId", error.request_id()),
        ("doc_url", error.doc_url()),
    ] {
        if let Some(value) = value {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":");
            write_str(out, value);
        }
    }
    if let Some(status) = error.status_code() {
        out.push_str(",\"statusCode\":");
        out.push_str(&status.to_string());
    }
    out.push('}');
}

/// `{"error": {...}}`: the verdict of a failed call.
pub fn failure(error_value: &Error) -> JsValue {
    let mut out = text();
    out.push_str("{\"error\":");
    error(&mut out, error_value);
    out.push('}');
    js(out)
}

/// `{"method", "path", "headers": {...}, "body"?}`, exactly what is sent.
pub fn request(request: &HttpRequest) -> JsValue {
    let mut out = text();
    out.push_str("{\"method\":\"");
    out.push_str(request.method.as_str());
    out.push_str("\",\"path\":");
    write_str(&mut out, &request.path);
    out.push_str(",\"headers\":{");
    for (i, (name, value)) in request.headers.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(&mut out, name);
        out.push(':');
        write_str(&mut out, value);
    }
    out.push('}');
    if let Some(body) = &request.body {
        out.push_str(",\"body\":");
        write_str(&mut out, body);
    }
    out.push('}');
    js(out)
}
