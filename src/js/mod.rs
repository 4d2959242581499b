//! The wasm side of the JS API: a synchronous, string-in/string-out core
//! that the hand-written driver (`src/js/driver.js`, the package's entry)
//! calls once per step of a call. The driver owns the async loop: it
//! snapshots the arguments, calls `fetch`, races the timeout and the
//! caller's signal, and sleeps between retries. Everything that decides
//! stays here: the rule, the input checks, the encoding, the idempotency
//! key, the reading of answers, the retry policy and the `listAll` cursor,
//! all through the same functions the Rust client uses.

mod output;
mod snapshot;

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use zeroize::{Zeroize, Zeroizing};

use crate::client::{judge, prepare_request, secret_from, ListCursor, Settings, Verdict};
use crate::error::Error;
use crate::json::Json;
use crate::options::{configure, Endpoint};
use crate::params::{DeleteParams, Operation};
use crate::scope::{CallerIdentity, Scope};
use crate::secret::{ScopeInAnswer, SecretList};
use crate::transport::{HttpRequest, HttpResponse, TransportError};

/// What a store is, once its options are checked.
struct Store {
    caller: CallerIdentity,
    settings: Settings,
    endpoint: Endpoint,
}

/// A store's checked options: the driver's `SecretStore` holds one.
#[wasm_bindgen]
pub struct Core {
    store: Rc<Store>,
}

#[wasm_bindgen]
impl Core {
    /// Takes the driver's snapshot of the options; throws the error as
    /// JSON text (the driver makes it an `Error`).
    #[wasm_bindgen(constructor)]
    pub fn new(options: String) -> Result<Core, JsValue> {
        let options = Zeroizing::new(options);
        let mut snapshot = Json::parse(&options).unwrap_or(Json::Int(1));
        let configured = snapshot::store_options(Some(&snapshot))
            .and_then(|(options, fetch_given)| configure(options, fetch_given));
        snapshot.zeroize();
        match configured {
            Ok((caller, settings, endpoint)) => Ok(Core {
                store: Rc::new(Store {
                    caller,
                    settings,
                    endpoint,
                }),
            }),
            Err(error) => {
                let mut out = output::text();
                output::error(&mut out, &error);
                Err(output::js(out))
            }
        }
    }

    /// The `userId` the store was built with.
    #[wasm_bindgen(getter, js_name = userId)]
    pub fn user_id(&self) -> Option<String> {
        self.store.caller.user_id().map(str::to_owned)
    }

    /// Where the global `fetch` sends requests; `undefined` when the
    /// `fetch` option is used (it is given paths).
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> Option<String> {
        match &self.store.endpoint {
            Endpoint::Global { base_url } => Some(base_url.clone()),
            Endpoint::Extension => None,
        }
    }

    /// Milliseconds per attempt.
    #[wasm_bindgen(getter)]
    pub fn timeout(&self) -> u32 {
        self.store.settings.timeout_ms
    }

    /// Prepares operation `op` (0 create, 1 find, 2 deleteWhere, 3 list,
    /// 4 listAll) from the driver's snapshot `[params, options]`: the
    /// rule, the checks, the encoding and the idempotency key. Never
    /// throws: a refusal is in `request()`.
    pub fn prepare(&self, op: u8, args: String) -> Call {
        let args = Zeroizing::new(args);
        let mut snapshot = Json::parse(&args).unwrap_or(Json::Null);
        let (params, options) = match &snapshot {
            Json::Array(both) => (both.first(), both.get(1)),
            _ => (None, None),
        };
        let store = self.store.clone();
        let caller = &store.caller;
        // Params first: their errors come before those of the options.
        let prepared = (|| -> Result<(Kind, HttpRequest), Error> {
            Ok(match op {
                0 => {
                    let params = snapshot::create_params(params, caller)?;
                    let key = snapshot::request_options(options)?;
                    let request = self.request_for(&params, key.as_deref())?;
                    let payload = Some(Zeroizing::new(params.payload.clone()));
                    (
                        Kind::Secret(params.scope.clone(), ScopeInAnswer::Required, payload),
                        request,
                    )
                }
                1 | 2 => {
                    let params = snapshot::find_params(params, caller)?;
                    let key = snapshot::request_options(options)?;
                    if op == 1 {
                        let request = self.request_for(&params, key.as_deref())?;
                        (Kind::Secret(params.scope, ScopeInAnswer::Required, None), request)
                    } else {
                        let params = DeleteParams {
                            name: params.name,
                            scope: params.scope,
                            expand: params.expand,
                        };
                        let request = self.request_for(&params, key.as_deref())?;
                        (
                            Kind::Secret(params.scope, ScopeInAnswer::OptionalWithoutPayload, None),
                            request,
                        )
                    }
                }
                _ => {
                    let params = snapshot::list_params(params, caller)?;
                    let key = snapshot::request_options(options)?;
                    let request = self.request_for(&params, key.as_deref())?;
                    if op == 3 {
                        (Kind::List(params.scope), request)
                    } else {
                        (Kind::ListAll(ListCursor::new(params)), request)
                    }
                }
            })
        })();
        snapshot.zeroize();
        let (kind, state) = match prepared {
            Ok((kind, request)) => (Some(kind), Ok(request)),
            Err(error) => (None, Err(error)),
        };
        Call { store, kind, state }
    }
}

impl Core {
    fn request_for<P: Operation>(&self, params: &P, key: Option<&str>) -> Result<HttpRequest, Error> {
        prepare_request(&self.store.caller, &self.store.settings, params, key)
    }
}

/// What the answer of a call must be read as.
enum Kind {
    /// A Secret of this scope; the payload sent, to redact from errors.
    Secret(Scope, ScopeInAnswer, Option<Zeroizing<String>>),
    List(Scope),
    /// One page of a `listAll` walk; the cursor moves past each page.
    ListAll(ListCursor),
}

/// One prepared call: its request, and the reading of its answers.
#[wasm_bindgen]
pub struct Call {
    store: Rc<Store>,
    kind: Option<Kind>,
    /// The request to send, or why nothing may be sent.
    state: Result<HttpRequest, Error>,
}

#[wasm_bindgen]
impl Call {
    /// `{"method", "path", "headers", "body"?}` to send (the same for
    /// every retry), or `{"error": {...}}` when the call is refused.
    pub fn request(&self) -> JsValue {
        match &self.state {
            Ok(request) => output::request(request),
            Err(error) => output::failure(error),
        }
    }

    /// Reads an answer after `retries_done` retries: `{"ok": result}`
    /// (for `listAll`, `{"ok": [secrets], "more": bool}`, with the next
    /// page's request ready), `{"retry": ms}` or `{"error": {...}}`.
    pub fn accept(
        &mut self,
        status: u16,
        request_id: Option<String>,
        should_retry: Option<bool>,
        body: String,
        retries_done: u32,
    ) -> JsValue {
        let response = HttpResponse {
            status,
            request_id,
            should_retry,
            body,
        };
        self.judge(Ok(&response), retries_done)
    }

    /// Judges an attempt that got no answer: `kind` 0 a connection error,
    /// 1 a timeout, 2 the caller's abort, 3 an answer that is not a
    /// response. Returns the same verdicts as `accept`.
    pub fn fail(&mut self, kind: u8, retries_done: u32) -> JsValue {
        let failure = match kind {
            0 => TransportError::Connection,
            1 => TransportError::Timeout,
            2 => TransportError::Aborted,
            _ => TransportError::Malformed,
        };
        self.judge(Err(failure), retries_done)
    }
}

impl Call {
    fn judge(&mut self, attempt: Result<&HttpResponse, TransportError>, retries_done: u32) -> JsValue {
        let payload = match &self.kind {
            Some(Kind::Secret(_, _, payload)) => payload.as_deref().map(String::as_str),
            _ => None,
        };
        let mut json = match judge(&self.store.settings, attempt, payload, retries_done) {
            Verdict::Answer(json) => json,
            Verdict::Retry { wait_ms } => return JsValue::from_str(&format!("{{\"retry\":{wait_ms}}}")),
            Verdict::Fail(error) => return output::failure(&error),
        };
        let mut out = output::text();
        let read = match &mut self.kind {
            Some(Kind::Secret(scope, rule, _)) => secret_from(&mut json, scope, *rule).map(|secret| {
                out.push_str("{\"ok\":");
                secret.write_json(&mut out);
            }),
            Some(Kind::List(scope)) => SecretList::from_json(&mut json, scope).map(|list| {
                out.push_str("{\"ok\":");
                list.write_json(&mut out);
            }),
            Some(Kind::ListAll(cursor)) => {
                SecretList::from_json(&mut json, &cursor.params().scope).map(|page| {
                    cursor.advance(&page);
                    out.push_str("{\"ok\":[");
                    for (i, secret) in page.data.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        secret.write_json(&mut out);
                    }
                    out.push_str(if cursor.finished() {
                        "],\"more\":false"
                    } else {
                        "],\"more\":true"
                    });
                    // The next page goes through the rule and the checks again.
                    if !cursor.finished() {
                        self.state =
                            prepare_request(&self.store.caller, &self.store.settings, cursor.params(), None);
                    }
                })
            }
            // A refused call has no answer to read.
            None => Err(match &self.state {
                Err(error) => error.clone(),
                Ok(_) => crate::client::aborted(),
            }),
        };
        json.zeroize();
        match read {
            Ok(()) => {
                out.push('}');
                output::js(out)
            }
            Err(error) => output::failure(&error),
        }
    }
}
