//! The one timeout-and-signal race, for every transport and every wait:
//! a promise that rejects when the attempt's time is up or the caller's
//! `AbortSignal` aborts, raced against the work.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{AbortSignal, TransportError};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> Result<JsValue, JsValue>;
    /// `setTimeout(handler, ms, argument)`: the handler gets `argument`.
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout_with(handler: &Function, ms: f64, argument: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;
}

/// Why an attempt failed inside a transport.
pub enum Failure {
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

/// One attempt's abort machinery. The global `fetch` also gets an
/// `AbortController`, so a timed-out or aborted request is really
/// cancelled; a `stripeApiFetch` cannot take a signal (its init crosses
/// `postMessage`), so there the race alone ends the wait. Dropping the
/// guard clears the timer and the listener, so nothing outlives the
/// attempt (a pending timer would keep Node alive).
pub struct AbortGuard {
    /// Present when the work can be cancelled (the global `fetch`).
    pub controller: Option<web_sys::AbortController>,
    aborted: Promise,
    /// What the timer rejects with, to tell a timeout from a failure.
    timeout_marker: Object,
    timer: Option<JsValue>,
    caller: Option<(AbortSignal, Function)>,
}

impl AbortGuard {
    /// Arms the guard: `timeout_ms` from now (none at `u32::MAX`), or when
    /// `caller` aborts. Fails at once if `caller` has already aborted.
    pub fn new(
        timeout_ms: u32,
        caller: Option<&AbortSignal>,
        cancellable: bool,
    ) -> Result<Self, TransportError> {
        if caller.is_some_and(super::aborted) {
            return Err(TransportError::Aborted);
        }
        let mut reject = None;
        let aborted = Promise::new(&mut |_, reject_fn| reject = Some(reject_fn));
        let reject = reject.ok_or(TransportError::Connection)?;
        // What the timer and the caller's signal trigger: the controller's
        // abort (which then rejects `aborted` too) or the rejection itself.
        let (controller, trigger) = if cancellable {
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
        } else {
            (None, reject)
        };
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
    pub async fn race(&self, promise: Promise) -> Result<JsValue, JsValue> {
        let both = Array::of2(&promise, &self.aborted);
        JsFuture::from(Promise::race(&both)).await
    }

    /// Names why a failed attempt failed: the caller's abort wins over the
    /// timeout, a malformed answer is itself, anything else is a
    /// connection error.
    pub fn classify<T>(&self, result: Result<T, Failure>) -> Result<T, TransportError> {
        result.map_err(|failure| {
            if self
                .caller
                .as_ref()
                .is_some_and(|(signal, _)| super::aborted(signal))
            {
                return TransportError::Aborted;
            }
            let timed_out = |value: &JsValue| {
                Object::is(value, &self.timeout_marker)
                    || self.controller.as_ref().is_some_and(|c| c.signal().aborted())
            };
            match failure {
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

/// Waits `ms` milliseconds, or until `signal` aborts.
pub async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> Result<(), TransportError> {
    let guard = AbortGuard::new(u32::MAX, signal, false)?;
    let timer = Promise::new(&mut |resolve, _| {
        let _ = set_timeout(&resolve, f64::from(ms));
    });
    let result = guard.race(timer).await.map(drop).map_err(Failure::from);
    guard.classify(result)
}
