//! The JS `SecretStore` class: the Rust [`SecretStore`] over
//! [`FetchTransport`], its async methods seen from JS as Promises and
//! `listAll` as an async iterator.
//!
//! Each method reads its arguments at once, before returning its Promise
//! (so changing them afterwards changes nothing), then runs the same
//! engine as Rust callers: the rule, the checks, the retries and the
//! answer checks all live in `client.rs`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::{read, write};
use crate::client::{ListCursor, RequestOptions, SecretStore};
use crate::error::Error;
use crate::params::{CreateParams, DeleteParams, FindParams};
use crate::scope::CallerIdentity;
use crate::transport::FetchTransport;

#[wasm_bindgen(module = "/src/js/values.js")]
extern "C" {
    #[wasm_bindgen(js_name = asyncIterable)]
    fn async_iterable(walk: SecretWalk) -> JsValue;
    #[wasm_bindgen(js_name = listPromise)]
    fn list_promise(first_page: Promise, walk: SecretWalk, backwards: bool) -> JsValue;
}

type Store = SecretStore<FetchTransport>;

/// The client while the store is live, `None` once the JS `free()`
/// released it. The store, its walks and its calls in flight share it:
/// a walk's next step, and an answer that arrives after `free()`, reject
/// with `store_freed`. It is the one place that knows whether a store was
/// freed. A store object collected by wasm-bindgen's finalizer only drops
/// its share, so its walks go on until they end or are freed.
type Live = Rc<RefCell<Option<Rc<Store>>>>;

/// The client of `live`, or `store_freed`. One copy, not one per caller.
#[inline(never)]
fn client_of(live: &Live) -> Result<Rc<Store>, Error> {
    live.borrow().clone().ok_or_else(store_freed)
}

/// `store_freed` once `live` was released. Takes no share of the client:
/// a share taken is a share to drop, and each drop of the client is a
/// copy of its destructor in the `.wasm`.
#[inline(never)]
fn check_live(live: &Live) -> Result<(), Error> {
    if live.borrow().is_some() {
        Ok(())
    } else {
        Err(store_freed())
    }
}

/// A Secret Store client that enforces the UI-extension rule: the account
/// scope and the caller's own user scope only, checked before any request
/// leaves and again on every secret that comes back.
#[wasm_bindgen(js_name = SecretStore)]
pub struct JsSecretStore {
    /// The store's caller, to read arguments by (the rule needs it) without
    /// a share of the client.
    caller: CallerIdentity,
    live: Live,
}

/// Why a freed store, and its walks, take no more calls.
#[cold]
#[inline(never)]
fn store_freed() -> Error {
    Error::new(
        crate::error::ErrorKind::InvalidRequest,
        "This SecretStore was freed: build a new one.",
    )
    .with_code("store_freed")
}

/// Runs `work` as a Promise: a result is handed over by `output`, an error
/// becomes its JS class.
fn promise<T, F>(work: F, output: fn(&T) -> Result<JsValue, Error>) -> Promise
where
    T: 'static,
    F: Future<Output = Result<T, Error>> + 'static,
{
    run(Box::pin(async move {
        work.await
            .and_then(|value| output(&value))
            .map_err(|error| write::error(&error))
    }))
}

/// The one instance of the promise driver: every call's future is boxed
/// to one type, which saves a copy of the executor glue per operation
/// (about 7 KB of `.wasm`, measured with twiggy).
fn run(work: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>) -> Promise {
    future_to_promise(work)
}

#[wasm_bindgen(js_class = SecretStore)]
impl JsSecretStore {
    /// `new SecretStore(options)`; throws a `StripeInvalidRequestError`
    /// naming the option at fault.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SecretStoreOptions")] options: JsValue,
    ) -> Result<JsSecretStore, JsValue> {
        read::store_options(&options)
            .and_then(SecretStore::new)
            .map(|store| JsSecretStore {
                caller: store.caller().clone(),
                live: Rc::new(RefCell::new(Some(Rc::new(store)))),
            })
            .map_err(|error| write::error(&error))
    }

    /// The `userId` the store was built with; throws `store_freed` after `free()`.
    #[wasm_bindgen(getter, js_name = userId)]
    pub fn user_id(&self) -> Result<Option<String>, JsValue> {
        check_live(&self.live)
            .map(|()| self.caller.user_id().map(str::to_owned))
            .map_err(|error| write::error(&error))
    }

    /// What the JS `free()` does: the client and what it holds go at once
    /// (walks and calls in flight keep theirs until they settle); every
    /// later call rejects with `store_freed` and sends nothing. The object
    /// itself is left to wasm-bindgen's finalizer.
    #[wasm_bindgen(skip_typescript)]
    pub fn release(&self) {
        self.live.borrow_mut().take();
    }

    /// Creates a secret, or replaces the payload and expiry of the one with
    /// that name in that scope.
    #[wasm_bindgen(unchecked_return_type = "Promise<StripeResponse<Secret>>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let read = check_live(&self.live)
            .and_then(|()| read::create_params(&params, &self.caller).map(SecretCall::Create));
        self.secret_call(read, options)
    }

    /// Finds a secret by name and scope.
    #[wasm_bindgen(unchecked_return_type = "Promise<StripeResponse<Secret>>")]
    pub fn find(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FindParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let read = check_live(&self.live)
            .and_then(|()| read::find_params(&params, &self.caller).map(SecretCall::Find));
        self.secret_call(read, options)
    }

    /// Deletes a secret by name and scope; resolves with it, `deleted: true`.
    #[wasm_bindgen(js_name = deleteWhere, unchecked_return_type = "Promise<StripeResponse<Secret>>")]
    pub fn delete_where(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeleteParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let read = check_live(&self.live)
            .and_then(|()| read::delete_params(&params, &self.caller).map(SecretCall::DeleteWhere));
        self.secret_call(read, options)
    }

    /// One page of a scope, newest first. As stripe-node's, the Promise is
    /// also an async iterator over every item of every page, with
    /// `autoPagingEach` and `autoPagingToArray`.
    #[wasm_bindgen(unchecked_return_type = "ApiListPromise")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> JsValue {
        let live = self.live.clone();
        let read = check_live(&self.live)
            .and_then(|()| read::list_params(&params, &self.caller))
            .and_then(|params| Ok((params, request_options(options)?)));
        // The walk after the first page starts once that page is in.
        let state = Rc::new(RefCell::new(Walk::Stopped));
        let backwards = matches!(&read, Ok((params, _)) if params.ending_before.is_some());
        let first_page = {
            let state = state.clone();
            promise(
                async move {
                    let (params, options) = read?;
                    let page = client_of(&live)?.list_responded(&params, &options).await?;
                    // Freed while the page was in flight: nothing is handed out.
                    check_live(&live)?;
                    let mut cursor = ListCursor::new(params);
                    // A first page that makes no progress is still the
                    // page asked for; the walk after it fails with why.
                    *state.borrow_mut() = match cursor.take_page(&page.value) {
                        Ok(()) => Walk::Ready(Box::new((cursor, options))),
                        Err(error) => Walk::Refused(error),
                    };
                    Ok(page)
                },
                write::responded_list,
            )
        };
        let walk = SecretWalk {
            live: self.live.clone(),
            state,
        };
        list_promise(first_page, walk, backwards)
    }

    /// Every secret of a scope, following `has_more` one page at a time;
    /// each page passes the rule again. Bad params reject the first `next()`.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "AsyncIterableIterator<Secret>")]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> JsValue {
        let read = check_live(&self.live)
            .and_then(|()| read::list_params(&params, &self.caller))
            .and_then(|params| Ok((ListCursor::new(params), request_options(options)?)));
        let state = match read {
            Ok((cursor, options)) => Walk::Ready(Box::new((cursor, options))),
            Err(error) => Walk::Refused(error),
        };
        async_iterable(SecretWalk {
            live: self.live.clone(),
            state: Rc::new(RefCell::new(state)),
        })
    }
}

/// The params of a call whose answer is one Secret.
enum SecretCall {
    Create(CreateParams),
    Find(FindParams),
    DeleteWhere(DeleteParams),
}

impl JsSecretStore {
    /// The one path of `create`, `find` and `deleteWhere`: the options are
    /// read at once, after the params, and one future type runs them all
    /// (a future per operation would be a copy of this code each).
    fn secret_call(&self, read: Result<SecretCall, Error>, options: JsValue) -> Promise {
        let live = self.live.clone();
        let read = read.and_then(|call| Ok((call, request_options(options)?)));
        promise(
            async move {
                let (call, options) = read?;
                let store = client_of(&live)?;
                let answer = match &call {
                    SecretCall::Create(params) => store.create_responded(params, &options).await,
                    SecretCall::Find(params) => store.find_responded(params, &options).await,
                    SecretCall::DeleteWhere(params) => store.delete_where_responded(params, &options).await,
                };
                // Freed while the answer was in flight: nothing is handed out.
                check_live(&live)?;
                answer
            },
            write::responded_secret,
        )
    }
}

fn request_options(options: JsValue) -> Result<RequestOptions, Error> {
    // `null` is junk here, not "left out": only `undefined` is.
    read::request_options(&options)
}

/// Where a `listAll` walk stands.
enum Walk {
    /// Boxed: the cursor holds the params and the ids seen so far.
    Ready(Box<(ListCursor, RequestOptions)>),
    /// A page is being fetched (the cursor is with that future).
    Fetching,
    /// The params were refused: the first `next()` rejects with this.
    Refused(Error),
    /// Ended: by the last page, an error or `return()`.
    Stopped,
}

/// The Rust side of a `listAll` iterator; `values.js` wraps it in the
/// async-iterator protocol and calls `next` one at a time.
#[wasm_bindgen(skip_typescript)]
pub struct SecretWalk {
    /// The store's client: after `free()`, every step rejects with
    /// `store_freed` and sends nothing.
    live: Live,
    state: Rc<RefCell<Walk>>,
}

#[wasm_bindgen]
impl SecretWalk {
    /// The next Secret, or `undefined` after the last.
    pub fn next(&self) -> Promise {
        let state = self.state.clone();
        let live = self.live.clone();
        let store = match client_of(&live) {
            Ok(store) => store,
            Err(error) => {
                *state.borrow_mut() = Walk::Stopped;
                return Promise::reject(&write::error(&error));
            }
        };
        let taken = std::mem::replace(&mut *state.borrow_mut(), Walk::Fetching);
        run(Box::pin(async move {
            let (mut cursor, options) = match taken {
                Walk::Ready(walk) => *walk,
                Walk::Refused(error) => {
                    *state.borrow_mut() = Walk::Stopped;
                    return Err(write::error(&error));
                }
                // One `next()` at a time (values.js queues them); a walk
                // that ended stays ended.
                Walk::Fetching | Walk::Stopped => {
                    *state.borrow_mut() = Walk::Stopped;
                    return Ok(JsValue::UNDEFINED);
                }
            };
            let next = cursor.next(&store, &options).await;
            let mut slot = state.borrow_mut();
            // Freed while the page was in flight: nothing is handed out.
            if let Err(error) = check_live(&live) {
                *slot = Walk::Stopped;
                return Err(write::error(&error));
            }
            // `stop()` while the page was in flight: nothing more is handed out.
            if matches!(*slot, Walk::Stopped) {
                return Ok(JsValue::UNDEFINED);
            }
            match next {
                Ok(Some(secret)) => {
                    *slot = Walk::Ready(Box::new((cursor, options)));
                    write::secret(&secret).map_err(|error| write::error(&error))
                }
                Ok(None) => {
                    *slot = Walk::Stopped;
                    Ok(JsValue::UNDEFINED)
                }
                Err(error) => {
                    *slot = Walk::Stopped;
                    Err(write::error(&error))
                }
            }
        }))
    }

    /// Throws `store_freed` once the store is freed: `list()`'s iterator
    /// asks before each item of the first page it already holds.
    pub fn check(&self) -> Result<(), JsValue> {
        check_live(&self.live).map_err(|error| {
            *self.state.borrow_mut() = Walk::Stopped;
            write::error(&error)
        })
    }

    /// Ends the walk: no page is requested after this.
    pub fn stop(&self) {
        *self.state.borrow_mut() = Walk::Stopped;
    }
}
