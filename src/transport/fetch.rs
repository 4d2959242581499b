//! The fetch transport, in its two forms:
//!
//! - the global `fetch` (Window, Worker, Node 20) against `baseUrl`;
//! - a `stripeApiFetch`-shaped function, as UI extensions must use: called
//!   with the path and a structured-clonable init (plain objects and
//!   strings only, since it crosses `postMessage`), answering with the SDK's
//!   `SerializableResponse` whose `json` is already parsed.
//!
//! Both race the call against a promise that the timeout and the caller's
//! signal reject, so a stand-in that never answers cannot hang a call. The
//! global `fetch` also gets an `AbortController`'s signal, so a timed-out
//! or aborted request is really cancelled.
//!
//! Why not gloo-net: it builds `Headers` objects (not structured-clonable,
//! so unusable for `stripeApiFetch`), and its `http` and `thiserror`
//! dependencies grow the `.wasm` for nothing this crate uses; one binding
//! to `fetch` serves both forms.

use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::js_str::js_str;

use super::{AbortSignal, HttpRequest, HttpResponse, Transport, TransportError};

/// Where requests go.
#[derive(Clone, Debug)]
pub enum FetchTransport {
    /// The global `fetch`, to `base_url` + path.
    Global { base_url: String },
    /// A `stripeApiFetch`-shaped function, given the path only.
    Extension { fetch: Function },
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(input: &str, init: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> Result<JsValue, JsValue>;
    /// `setTimeout(handler, ms, argument)`: the handler gets `argument`.
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout_with(handler: &Function, ms: f64, argument: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;
}

impl Transport for FetchTransport {
    async fn send(
        &self,
        request: &HttpRequest,
        timeout_ms: u32,
        signal: Option<&AbortSignal>,
    ) -> Result<HttpResponse, TransportError> {
        let cancellable = matches!(self, FetchTransport::Global { .. });
        let guard = AbortGuard::new(timeout_ms, signal, cancellable)?;
        let result = self.send_guarded(request, &guard).await;
        guard.classify(result)
    }

    async fn sleep(&self, ms: u32, signal: Option<&AbortSignal>) -> Result<(), TransportError> {
        let guard = AbortGuard::new(u32::MAX, signal, false)?;
        let timer = Promise::new(&mut |resolve, _| {
            let _ = set_timeout(&resolve, f64::from(ms));
        });
        let result = guard.race(timer).await.map(drop);
        guard.classify(result)
    }
}

impl FetchTransport {
    async fn send_guarded(&self, request: &HttpRequest, guard: &AbortGuard) -> Result<HttpResponse, Failure> {
        let init = Object::new();
        set(&init, "method", &js_str(request.method.as_str()))?;
        let headers = Object::new();
        for (name, value) in &request.headers {
            set(&headers, name, &JsValue::from_str(value))?;
        }
        set(&init, "headers", &headers)?;
        if let Some(body) = &request.body {
            set(&init, "body", &JsValue::from_str(body))?;
        }
        match self {
            FetchTransport::Global { base_url } => {
                if let Some(controller) = &guard.controller {
                    set(&init, "signal", &controller.signal())?;
                }
                let url = format!("{base_url}{}", request.path);
                let response = guard.race(Promise::resolve(&global_fetch(&url, &init)?)).await?;
                let response: web_sys::Response = response.dyn_into().map_err(|_| Failure::Malformed)?;
                let header = |name: &str| response.headers().get(name).ok().flatten();
                let (request_id, should_retry) = (header("request-id"), header("stripe-should-retry"));
                let body = guard
                    .race(response.text()?)
                    .await?
                    .as_string()
                    .unwrap_or_default();
                Ok(HttpResponse {
                    status: response.status(),
                    request_id,
                    should_retry: should_retry.as_deref().and_then(parse_bool),
                    body,
                })
            }
            FetchTransport::Extension { fetch } => {
                let answer = fetch.call2(&JsValue::UNDEFINED, &request.path.as_str().into(), &init)?;
                let answer = guard.race(Promise::resolve(&answer)).await?;
                read_serializable_response(&answer)
            }
        }
    }
}

/// Why an attempt failed inside the transport.
enum Failure {
    /// A JS call threw or a promise rejected (with this value): the
    /// network, the timer, or the `fetch` function itself.
    Js(JsValue),
    /// The answer is not a response: retrying would not change it.
    Malformed,
}

impl From<JsValue> for Failure {
    fn from(value: JsValue) -> Self {
        Failure::Js(value)
    }
}

/// Reads the SDK's `SerializableResponse`: `{ status, ok, headers, json }`,
/// headers a plain object whose names may come in any case, `json` absent
/// when the answer had no body.
fn read_serializable_response(answer: &JsValue) -> Result<HttpResponse, Failure> {
    if !answer.is_object() {
        return Err(Failure::Malformed);
    }
    let status = Reflect::get(answer, &js_str("status"))?
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (100.0..=599.0).contains(s))
        .ok_or(Failure::Malformed)?;
    let mut request_id = None;
    let mut should_retry = None;
    let headers = Reflect::get(answer, &js_str("headers"))?;
    if headers.is_object() {
        for entry in Object::entries(headers.unchecked_ref()).iter() {
            let entry: Array = entry.unchecked_into();
            let (Some(name), Some(value)) = (entry.get(0).as_string(), entry.get(1).as_string()) else {
                continue;
            };
            match name.to_ascii_lowercase().as_str() {
                "request-id" => request_id = Some(value),
                "stripe-should-retry" => should_retry = parse_bool(&value),
                _ => {}
            }
        }
    }
    let json = Reflect::get(answer, &js_str("json"))?;
    let body = if json.is_undefined() {
        String::new()
    } else {
        JSON::stringify(&json)?.as_string().unwrap_or_default()
    };
    Ok(HttpResponse {
        status: status as u16,
        request_id,
        should_retry,
        body,
    })
}

fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn set(target: &Object, key: &'static str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(target, &js_str(key), value).map(drop)
}

/// One attempt's abort machinery: a promise that rejects when the timeout
/// passes or the caller's signal aborts, raced against the work. The global
/// `fetch` also gets an `AbortController` so the request itself is
/// cancelled; a `stripeApiFetch` cannot take a signal (it crosses
/// `postMessage`), and skipping the controller there keeps the per-call
/// cost low. Dropping the guard clears the timer and the listener, so
/// nothing outlives the attempt (a pending timer would keep Node alive).
struct AbortGuard {
    /// Present for the global `fetch` only.
    controller: Option<web_sys::AbortController>,
    aborted: Promise,
    /// What the timer rejects with, to tell a timeout from a failure.
    timeout_marker: Object,
    timer: Option<JsValue>,
    caller: Option<(AbortSignal, Function)>,
}

impl AbortGuard {
    fn new(timeout_ms: u32, caller: Option<&AbortSignal>, cancellable: bool) -> Result<Self, TransportError> {
        if caller.is_some_and(AbortSignal::aborted) {
            return Err(TransportError::Aborted);
        }
        let mut reject = None;
        let aborted = Promise::new(&mut |_, reject_fn| reject = Some(reject_fn));
        let reject = reject.ok_or(TransportError::Connection)?;
        // What the timer and the caller's signal trigger: the controller's
        // abort (which then rejects `aborted` too) or the rejection itself.
        let trigger = match cancellable {
            true => {
                let controller = web_sys::AbortController::new().map_err(|_| TransportError::Connection)?;
                controller
                    .signal()
                    .add_event_listener_with_callback("abort", &reject)
                    .map_err(|_| TransportError::Connection)?;
                let abort = Reflect::get(&controller, &"abort".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<Function>().ok())
                    .ok_or(TransportError::Connection)?
                    .bind0(&controller);
                (Some(controller), abort)
            }
            false => (None, reject),
        };
        let (controller, trigger) = trigger;
        let timeout_marker = Object::new();
        // Delays over i32::MAX ms fire at once in browsers: no timer then.
        let timer = if timeout_ms < i32::MAX as u32 {
            let timer = set_timeout_with(&trigger, f64::from(timeout_ms), &timeout_marker)
                .map_err(|_| TransportError::Connection)?;
            Some(timer)
        } else {
            None
        };
        let caller = caller.map(|signal| {
            let _ = signal.add_event_listener_with_callback("abort", &trigger);
            (signal.clone(), trigger)
        });
        Ok(AbortGuard {
            controller,
            aborted,
            timeout_marker,
            timer,
            caller,
        })
    }

    /// Waits for `promise`, or rejects as soon as the guard fires.
    async fn race(&self, promise: Promise) -> Result<JsValue, JsValue> {
        let both = Array::of2(&promise, &self.aborted);
        JsFuture::from(Promise::race(&both)).await
    }

    /// Names why a failed attempt failed: the caller's abort wins over the
    /// timeout, a malformed answer is itself, anything else is a
    /// connection error.
    fn classify<T>(&self, result: Result<T, impl Into<Failure>>) -> Result<T, TransportError> {
        result.map_err(|failure| {
            let timed_out = |value: &JsValue| {
                Object::is(value, &self.timeout_marker)
                    || self.controller.as_ref().is_some_and(|c| c.signal().aborted())
            };
            if self.caller.as_ref().is_some_and(|(signal, _)| signal.aborted()) {
                return TransportError::Aborted;
            }
            match failure.into() {
                Failure::Malformed => TransportError::Malformed,
                Failure::Js(value) if timed_out(&value) => TransportError::Timeout,
                Failure::Js(_) => TransportError::Connection,
            }
        })
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if let Some(timer) = &self.timer {
            let _ = clear_timeout(timer);
        }
        if let Some((signal, abort)) = &self.caller {
            let _ = signal.remove_event_listener_with_callback("abort", abort);
        }
    }
}
