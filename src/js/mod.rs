//! The JS API: `SecretStore` and its async methods, a thin binding over
//! the Rust client. Every method returns a Promise and never throws: bad
//! arguments reject it, with nothing sent.

mod input;
mod output;
mod types;

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect, Symbol};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::client::{ListCursor, RequestOptions, SecretStore as Store};
use crate::error::{Error, ErrorKind};
use crate::scope::CallerIdentity;
use crate::transport::FetchTransport;

type Shared = Rc<Store<FetchTransport>>;

/// A Secret Store client bound to one caller. See the README for options.
#[wasm_bindgen(js_name = SecretStore)]
pub struct JsSecretStore {
    store: Shared,
}

#[wasm_bindgen(js_class = SecretStore)]
impl JsSecretStore {
    /// Throws a `StripeInvalidRequestError` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SecretStoreOptions")] options: JsValue,
    ) -> Result<JsSecretStore, JsValue> {
        let options = input::store_options(&options).map_err(|e| output::error(&e))?;
        let store = Store::new(options).map_err(|e| output::error(&e))?;
        Ok(JsSecretStore {
            store: Rc::new(store),
        })
    }

    /// The `userId` this store was built with.
    #[wasm_bindgen(getter, js_name = userId)]
    pub fn user_id(&self) -> Option<String> {
        self.store.caller().user_id().map(str::to_owned)
    }

    /// Creates a secret, or replaces the one with that name in that scope.
    #[wasm_bindgen(unchecked_return_type = "Promise<Secret>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.call(&params, &options, input::create_params, |store, params, options| async move {
            Ok(output::secret(&store.create(&params, &options).await?))
        })
    }

    /// Finds a secret by name and scope.
    #[wasm_bindgen(unchecked_return_type = "Promise<Secret>")]
    pub fn find(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FindParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.call(
            &params,
            &options,
            input::find_params,
            |store, params, options| async move { Ok(output::secret(&store.find(&params, &options).await?)) },
        )
    }

    /// Deletes a secret by name and scope; resolves with it, `deleted: true`.
    #[wasm_bindgen(js_name = deleteWhere, unchecked_return_type = "Promise<Secret>")]
    pub fn delete_where(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeleteParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.call(
            &params,
            &options,
            input::delete_params,
            |store, params, options| async move {
                Ok(output::secret(&store.delete_where(&params, &options).await?))
            },
        )
    }

    /// One page of a scope, newest first: `{ object, url, has_more, data }`.
    #[wasm_bindgen(unchecked_return_type = "Promise<SecretList>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.call(&params, &options, input::list_params, |store, params, options| async move {
            Ok(output::secret_list(&store.list(&params, &options).await?))
        })
    }

    /// Every secret of a scope: `for await (const secret of store.listAll(params))`.
    /// Pages are fetched as the loop needs them, each through the rule.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "AsyncIterableIterator<Secret>")]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> JsValue {
        let prepared = input::list_params(&params, self.store.caller())
            .and_then(|p| Ok((ListCursor::new(p), input::request_options(&options)?)));
        let iterator: JsValue = ListAllIterator {
            store: self.store.clone(),
            state: Rc::new(RefCell::new(match prepared {
                Ok((cursor, options)) => Walk::Ready(cursor, options),
                Err(error) => Walk::Failed(error),
            })),
        }
        .into();
        // `for await` asks for [Symbol.asyncIterator](), which must return the
        // iterator itself: Object.prototype.valueOf does exactly that.
        if let Ok(value_of) = Reflect::get(&Object::new(), &"valueOf".into()) {
            let _ = Reflect::set(&iterator, &Symbol::async_iterator(), &value_of);
        }
        iterator
    }
}

impl JsSecretStore {
    /// Reads the arguments at once (so a refusal is decided before the call
    /// returns), then runs `operation` as a Promise.
    fn call<P, F, Fut>(
        &self,
        params: &JsValue,
        options: &JsValue,
        read: fn(&JsValue, &CallerIdentity) -> Result<P, Error>,
        operation: F,
    ) -> Promise
    where
        P: 'static,
        F: FnOnce(Shared, P, RequestOptions) -> Fut + 'static,
        Fut: Future<Output = Result<Result<JsValue, JsValue>, Error>> + 'static,
    {
        let prepared =
            read(params, self.store.caller()).and_then(|p| Ok((p, input::request_options(options)?)));
        let store = self.store.clone();
        settle(async move {
            let (params, options) = prepared?;
            operation(store, params, options).await
        })
    }
}

/// Where a `listAll` walk stands.
enum Walk {
    Ready(ListCursor, RequestOptions),
    /// A page is being fetched; the cursor is with that call.
    Busy,
    /// Bad arguments: the first `next()` rejects with this, then done.
    Failed(Error),
    Done,
}

/// The async iterator `listAll` returns.
#[wasm_bindgen]
pub struct ListAllIterator {
    store: Shared,
    state: Rc<RefCell<Walk>>,
}

#[wasm_bindgen]
impl ListAllIterator {
    /// The next secret as `{ value, done }`.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<Secret, undefined>>")]
    pub fn next(&self) -> Promise {
        let store = self.store.clone();
        let state = self.state.clone();
        settle(async move {
            let taken = std::mem::replace(&mut *state.borrow_mut(), Walk::Busy);
            let (mut cursor, options) = match taken {
                Walk::Ready(cursor, options) => (cursor, options),
                Walk::Busy => {
                    return Err(Error::new(
                        ErrorKind::InvalidRequest,
                        "listAll: next() was called before the previous call settled.",
                    )
                    .with_code("concurrent_next"))
                }
                Walk::Failed(error) => {
                    *state.borrow_mut() = Walk::Done;
                    return Err(error);
                }
                Walk::Done => {
                    *state.borrow_mut() = Walk::Done;
                    return Ok(Ok(output::iterator_result(JsValue::UNDEFINED, true)));
                }
            };
            let outcome = cursor.next(&store, &options).await;
            *state.borrow_mut() = match &outcome {
                Ok(None) => Walk::Done,
                _ => Walk::Ready(cursor, options),
            };
            Ok(match outcome? {
                Some(secret) => output::secret(&secret).map(|value| output::iterator_result(value, false)),
                None => Ok(output::iterator_result(JsValue::UNDEFINED, true)),
            })
        })
    }

    /// Ends the walk early (`break` in a `for await` loop calls this).
    #[wasm_bindgen(
        js_name = "return",
        unchecked_return_type = "Promise<IteratorResult<Secret, undefined>>"
    )]
    pub fn finish(&self) -> Promise {
        if !matches!(*self.state.borrow(), Walk::Busy) {
            *self.state.borrow_mut() = Walk::Done;
        }
        Promise::resolve(&output::iterator_result(JsValue::UNDEFINED, true))
    }
}

/// Runs an operation as a Promise: `Err(Error)` rejects with a JS `Error`,
/// `Ok(Err(js))` (an engine failure building the result) rejects with it.
/// The future is boxed so every method shares one promise driver in the
/// `.wasm` instead of one copy each.
fn settle<F>(work: F) -> Promise
where
    F: Future<Output = Result<Result<JsValue, JsValue>, Error>> + 'static,
{
    drive(Box::pin(work))
}

type Operation =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Result<JsValue, JsValue>, Error>>>>;

fn drive(work: Operation) -> Promise {
    future_to_promise(async move {
        match work.await {
            Ok(result) => result,
            Err(error) => Err(output::error(&error)),
        }
    })
}
