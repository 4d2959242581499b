//! The JS `SecretStore` class: the Rust [`SecretStore`] over
//! [`FetchTransport`], its async methods seen from JS as Promises and
//! `listAll` as an async iterator.
//!
//! Each method reads its arguments at once, before returning its Promise
//! (so changing them afterwards changes nothing), then runs the same
//! engine as Rust callers: the rule, the checks, the retries and the
//! answer checks all live in `client.rs`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::{read, write};
use crate::client::{list_answer, secret_answer, Answer, ListCursor, RequestOptions, SecretStore};
use crate::error::Error;
use crate::params::{CreateParams, DeleteParams, FindParams, ListParams};
use crate::scope::CallerIdentity;
use crate::secret::ScopeInAnswer;
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
            .and_then(|()| read::create_params(&params, &self.caller).map(Call::Create));
        self.call(read, options)
    }

    /// Finds a secret by name and scope.
    #[wasm_bindgen(unchecked_return_type = "Promise<StripeResponse<Secret>>")]
    pub fn find(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FindParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let read =
            check_live(&self.live).and_then(|()| read::find_params(&params, &self.caller).map(Call::Find));
        self.call(read, options)
    }

    /// Deletes a secret by name and scope; resolves with it, `deleted: true`.
    #[wasm_bindgen(js_name = deleteWhere, unchecked_return_type = "Promise<StripeResponse<Secret>>")]
    pub fn delete_where(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeleteParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let read = check_live(&self.live)
            .and_then(|()| read::delete_params(&params, &self.caller).map(Call::DeleteWhere));
        self.call(read, options)
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
        // The walk after the first page starts once that page is in.
        let state = Rc::new(RefCell::new(Walk::Stopped));
        let read = check_live(&self.live).and_then(|()| read::list_params(&params, &self.caller));
        let backwards = matches!(&read, Ok(params) if params.ending_before.is_some());
        let first_page = self.call(read.map(|params| Call::FirstPage(params, state.clone())), options);
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

/// One call of the JS API. Every call runs as one future type, `run`'s: a
/// future per kind of call was a copy of the async plumbing each (issue 33).
enum Call {
    Create(CreateParams),
    Find(FindParams),
    DeleteWhere(DeleteParams),
    /// `list()`'s page; the walk after it is set up in the `Walk`.
    FirstPage(ListParams, Rc<RefCell<Walk>>),
    /// A walk's next page, into its cursor; its first secret is handed out.
    NextPage(Box<ListCursor>, Rc<RefCell<Walk>>),
}

impl JsSecretStore {
    /// A call whose params were read (or refused): the options are read at
    /// once, after the params, and the call runs as a Promise.
    fn call(&self, read: Result<Call, Error>, options: JsValue) -> Promise {
        let read = read.and_then(|call| Ok((call, request_options(options)?)));
        run(self.live.clone(), read)
    }
}

/// Runs a call as a Promise: a result is handed over as its JS value, an
/// error as its JS class. The one instance of the promise driver, and of
/// the future around [`SecretStore::execute`].
fn run(live: Live, read: Result<(Call, RequestOptions), Error>) -> Promise {
    future_to_promise(async move {
        let result = async {
            let (call, options) = read?;
            let store = client_of(&live)?;
            let prepared = match &call {
                Call::Create(params) => store.prepare(params, &options),
                Call::Find(params) => store.prepare(params, &options),
                Call::DeleteWhere(params) => store.prepare(params, &options),
                Call::FirstPage(params, _) => store.prepare(params, &options),
                Call::NextPage(cursor, _) => store.prepare(cursor.params(), &options),
            };
            let answer = match prepared {
                Ok(prepared) => store.execute(&prepared, &options).await,
                Err(error) => Err(error),
            };
            hand_out(&live, call, answer, options)
        };
        result.await.map_err(|error| write::error(&error))
    })
}

/// What a call hands out once its answer is in (or failed): checked by
/// the call's rule, and nothing at all once the store was freed.
fn hand_out(
    live: &Live,
    call: Call,
    answer: Result<Answer, Error>,
    options: RequestOptions,
) -> Result<JsValue, Error> {
    match call {
        Call::Create(params) => secret_out(live, answer, &params.scope, ScopeInAnswer::Required),
        Call::Find(params) => secret_out(live, answer, &params.scope, ScopeInAnswer::Required),
        Call::DeleteWhere(params) => {
            secret_out(live, answer, &params.scope, ScopeInAnswer::OptionalWithoutPayload)
        }
        Call::FirstPage(params, state) => {
            let page = list_answer(answer?, &params)?;
            // Freed while the page was in flight: nothing is handed out.
            check_live(live)?;
            let mut cursor = ListCursor::new(params);
            // A first page that makes no progress is still the page asked
            // for; the walk after it fails with why.
            *state.borrow_mut() = match cursor.take_page(&page.value) {
                Ok(()) => Walk::Ready(Box::new((cursor, options))),
                Err(error) => Walk::Refused(error),
            };
            write::responded_list(&page)
        }
        Call::NextPage(mut cursor, state) => {
            let mut slot = state.borrow_mut();
            let next = answer
                .and_then(|answer| list_answer(answer, cursor.params()))
                .and_then(|page| cursor.take_in(page.value));
            // Freed while the page was in flight: nothing is handed out.
            if let Err(error) = check_live(live) {
                *slot = Walk::Stopped;
                return Err(error);
            }
            // `stop()` while the page was in flight: nothing more is handed out.
            if matches!(*slot, Walk::Stopped) {
                return Ok(JsValue::UNDEFINED);
            }
            *slot = Walk::Stopped;
            next?;
            match cursor.pop() {
                Some(secret) => {
                    *slot = Walk::Ready(Box::new((*cursor, options)));
                    write::secret(&secret)
                }
                None => Ok(JsValue::UNDEFINED),
            }
        }
    }
}

/// The Secret of `scope` an answer holds (read, so its JSON is wiped),
/// handed out unless the store was freed while it was in flight.
fn secret_out(
    live: &Live,
    answer: Result<Answer, Error>,
    scope: &crate::scope::Scope,
    rule: ScopeInAnswer,
) -> Result<JsValue, Error> {
    let secret = answer.and_then(|answer| secret_answer(answer, scope, rule));
    check_live(live)?;
    write::responded_secret(&secret?)
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
        if let Err(error) = check_live(&live) {
            *state.borrow_mut() = Walk::Stopped;
            return Promise::reject(&write::error(&error));
        }
        let taken = std::mem::replace(&mut *state.borrow_mut(), Walk::Fetching);
        let (mut cursor, options) = match taken {
            Walk::Ready(walk) => *walk,
            Walk::Refused(error) => {
                *state.borrow_mut() = Walk::Stopped;
                return Promise::reject(&write::error(&error));
            }
            // One `next()` at a time (values.js queues them); a walk that
            // ended stays ended.
            Walk::Fetching | Walk::Stopped => {
                *state.borrow_mut() = Walk::Stopped;
                return Promise::resolve(&JsValue::UNDEFINED);
            }
        };
        // A secret of a page in hand, or the end: nothing to fetch.
        if let Some(secret) = cursor.pop() {
            let handed = write::secret(&secret);
            *state.borrow_mut() = Walk::Ready(Box::new((cursor, options)));
            return match handed {
                Ok(value) => Promise::resolve(&value),
                Err(error) => Promise::reject(&write::error(&error)),
            };
        }
        if cursor.finished() {
            *state.borrow_mut() = Walk::Stopped;
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        run(live, Ok((Call::NextPage(Box::new(cursor), state), options)))
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
