//! [`SecretStore`]: the four operations and `list_all`, with the rule,
//! the input checks, idempotency and retries around every request.

use std::collections::VecDeque;
use std::fmt;

use zeroize::{Zeroize, Zeroizing};

use crate::encode::{decimal, push_hex};
use crate::error::{server_request_id, Error, ErrorKind};
use crate::form::Form;
use crate::json::Json;
use crate::options::Options;
use crate::params::{CreateParams, DeleteParams, FindParams, ListParams, Operation};
use crate::platform;
use crate::redact::{Redactor, MAX_SERVER_MESSAGE_BYTES};
use crate::retry::{self, Attempt};
use crate::scope::{CallerIdentity, Scope};
use crate::secret::{ScopeInAnswer, Secret, SecretList};
use crate::seen::SeenIds;
use crate::transport::{
    self, AbortSignal, FetchTransport, HttpRequest, HttpResponse, Method, Transport, TransportError,
};

/// The `Stripe-Version` sent unless the caller picks another.
pub const DEFAULT_API_VERSION: &str = "2024-04-10";
/// Retries after the first attempt, as stripe-node's `maxNetworkRetries`.
pub const DEFAULT_MAX_NETWORK_RETRIES: u32 = 2;
/// Milliseconds an attempt may take, as stripe-node's `timeout`.
pub const DEFAULT_TIMEOUT_MS: u32 = 80_000;
/// The only `Authorization` a UI extension may send; the Dashboard puts
/// the real credentials in.
pub const EXTENSION_AUTHORIZATION: &str = "Bearer DO_NOT_PASS_A_REAL_API_KEY";
const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

/// How a store talks to Stripe, apart from the transport.
#[derive(Clone)]
pub struct Settings {
    /// The whole `Authorization` header value. Never printed.
    pub authorization: Zeroizing<String>,
    pub api_version: String,
    pub stripe_account: Option<String>,
    pub max_network_retries: u32,
    pub timeout_ms: u32,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("authorization", &"[redacted]")
            .field("api_version", &self.api_version)
            .field("stripe_account", &self.stripe_account)
            .field("max_network_retries", &self.max_network_retries)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

impl Settings {
    /// Stripe's defaults, with the given `Authorization` value.
    pub fn new(authorization: String) -> Self {
        Settings {
            authorization: Zeroizing::new(authorization),
            api_version: DEFAULT_API_VERSION.to_owned(),
            stripe_account: None,
            max_network_retries: DEFAULT_MAX_NETWORK_RETRIES,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }
}

/// Per-call options, the second argument of every method in JS.
#[derive(Clone, Debug, Default)]
pub struct RequestOptions {
    /// Used as given for a POST and all its retries; a fresh random key
    /// otherwise. Up to 255 characters, no control characters.
    pub idempotency_key: Option<String>,
    /// Aborting it stops the call at once; nothing more is sent.
    pub signal: Option<AbortSignal>,
}

/// A Secret Store client that enforces the UI-extension rule: only the
/// account scope and the caller's own user scope, checked before any
/// request leaves and again on every secret that comes back.
///
/// ```no_run
/// # async fn demo() -> Result<(), stripe_apps_secrets::Error> {
/// use stripe_apps_secrets::{FindParams, Options, RequestOptions, Scope, SecretStore};
///
/// let store = SecretStore::new(Options {
///     user_id: Some("usr_alice".into()),
///     api_key: Some("sk_test_123".into()),
///     base_url: Some("http://127.0.0.1:12111".into()),
///     ..Options::default()
/// })?;
/// let params = FindParams { name: "oauth".into(), scope: Scope::user("usr_alice"), expand: vec!["payload".into()] };
/// let secret = store.find(&params, &RequestOptions::default()).await?;
/// assert_eq!(secret.name.as_deref(), Some("oauth"));
///
/// // Another user's scope is refused here, and nothing is sent.
/// let theirs = FindParams { scope: Scope::user("usr_bob"), ..params };
/// assert!(store.find(&theirs, &RequestOptions::default()).await.is_err());
/// # Ok(()) }
/// ```
pub struct SecretStore<T> {
    caller: CallerIdentity,
    settings: Settings,
    /// The needles of the store's key, made once: every answer's
    /// `lastResponse` is redacted, and re-encoding the key per call was
    /// most of a `find`'s overhead.
    key_redactor: Redactor,
    transport: T,
}

impl<T> fmt::Debug for SecretStore<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretStore")
            .field("caller", &self.caller)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> SecretStore<T> {
    /// A store over any transport.
    pub fn with_transport(caller: CallerIdentity, settings: Settings, transport: T) -> Self {
        SecretStore {
            caller,
            key_redactor: key_redactor(&settings),
            settings,
            transport,
        }
    }

    /// Who this store acts for.
    pub fn caller(&self) -> &CallerIdentity {
        &self.caller
    }

    /// Creates a secret, or replaces the payload and expiry of the one with
    /// that name in that scope.
    pub async fn create(&self, params: &CreateParams, options: &RequestOptions) -> Result<Secret, Error> {
        Ok(self.create_responded(params, options).await?.value)
    }

    /// Finds a secret by name and scope.
    pub async fn find(&self, params: &FindParams, options: &RequestOptions) -> Result<Secret, Error> {
        Ok(self.find_responded(params, options).await?.value)
    }

    /// Deletes a secret by name and scope; returns it with `deleted: true`.
    pub async fn delete_where(
        &self,
        params: &DeleteParams,
        options: &RequestOptions,
    ) -> Result<Secret, Error> {
        Ok(self.delete_where_responded(params, options).await?.value)
    }

    /// One page of a scope, newest first.
    pub async fn list(&self, params: &ListParams, options: &RequestOptions) -> Result<SecretList, Error> {
        Ok(self.list_responded(params, options).await?.value)
    }

    /// [`create`](Self::create), with the answer's status and headers.
    pub async fn create_responded(
        &self,
        params: &CreateParams,
        options: &RequestOptions,
    ) -> Result<Responded<Secret>, Error> {
        self.secret_responded(params, options, ScopeInAnswer::Required)
            .await
    }

    /// [`find`](Self::find), with the answer's status and headers.
    pub async fn find_responded(
        &self,
        params: &FindParams,
        options: &RequestOptions,
    ) -> Result<Responded<Secret>, Error> {
        self.secret_responded(params, options, ScopeInAnswer::Required)
            .await
    }

    /// [`delete_where`](Self::delete_where), with the answer's status and headers.
    pub async fn delete_where_responded(
        &self,
        params: &DeleteParams,
        options: &RequestOptions,
    ) -> Result<Responded<Secret>, Error> {
        self.secret_responded(params, options, ScopeInAnswer::OptionalWithoutPayload)
            .await
    }

    /// One operation whose answer is a Secret of the params' scope.
    async fn secret_responded<P: Operation>(
        &self,
        params: &P,
        options: &RequestOptions,
        rule: ScopeInAnswer,
    ) -> Result<Responded<Secret>, Error> {
        let answer = self.execute(&self.prepare(params, options)?, options).await?;
        secret_answer(answer, params.scope(), rule)
    }

    /// [`list`](Self::list), with the answer's status and headers.
    pub async fn list_responded(
        &self,
        params: &ListParams,
        options: &RequestOptions,
    ) -> Result<Responded<SecretList>, Error> {
        let answer = self.execute(&self.prepare(params, options)?, options).await?;
        list_answer(answer, params)
    }

    /// Every secret of a scope, page by page.
    pub fn list_all(&self, params: ListParams, options: RequestOptions) -> ListAll<'_, T> {
        ListAll {
            store: self,
            cursor: ListCursor::new(params),
            options,
        }
    }

    /// The rule and the input checks, then the request: nothing is sent
    /// unless both pass. The one generic step of a call: what follows,
    /// [`execute`](Self::execute), is one future for every operation.
    pub(crate) fn prepare<'a, P: Operation>(
        &self,
        params: &'a P,
        options: &RequestOptions,
    ) -> Result<Prepared<'a>, Error> {
        let request = prepare_request(
            &self.caller,
            &self.settings,
            params,
            options.idempotency_key.as_deref(),
        )?;
        Ok(Prepared {
            request,
            payload: params.secret(),
            largest_answer: params.answer_items().saturating_mul(MAX_SECRET_JSON_BYTES),
        })
    }

    /// Sends one operation with its retries and returns the parsed answer.
    /// The rule was applied once, by `prepare_request`: every attempt sends
    /// that same request, and the store's caller cannot change, so a check
    /// per attempt could never refuse what the first allowed.
    /// An answer longer than the operation's largest is refused unread.
    pub(crate) async fn execute(
        &self,
        prepared: &Prepared<'_>,
        options: &RequestOptions,
    ) -> Result<Answer, Error> {
        let &Prepared {
            ref request,
            payload,
            largest_answer,
        } = prepared;
        let signal = options.signal.as_ref();
        let mut retries = 0;
        loop {
            if signal.is_some_and(transport::aborted) {
                return Err(aborted());
            }
            let attempt = self
                .transport
                .send(request, self.settings.timeout_ms, signal)
                .await;
            if let Some(error) = oversized(&attempt, largest_answer, &self.key_redactor) {
                return Err(error);
            }
            match judge(&self.settings, attempt.as_ref().map_err(|e| *e), payload, retries) {
                Verdict::Answer(json) => {
                    let with_payload;
                    let redactor = match payload {
                        None => &self.key_redactor,
                        Some(payload) => {
                            with_payload = self.key_redactor.with(payload);
                            &with_payload
                        }
                    };
                    let response = attempt
                        .map(|answer| LastResponse::from_answer(answer, redactor))
                        .unwrap_or_default();
                    return Ok((json, response));
                }
                Verdict::Fail(error) => return Err(error),
                Verdict::Retry { wait_ms } => {
                    retries += 1;
                    if self.transport.sleep(wait_ms, signal).await.is_err() {
                        return Err(aborted());
                    }
                }
            }
        }
    }
}

/// One operation's request, checked and encoded: made only by
/// [`SecretStore::prepare`], so nothing is sent unless the rule and the
/// checks passed.
pub(crate) struct Prepared<'a> {
    request: HttpRequest,
    /// The payload the request carries, to redact from what comes back.
    payload: Option<&'a str>,
    /// The most bytes the answer can take.
    largest_answer: usize,
}

/// A 2xx answer's JSON and what came with it.
pub(crate) type Answer = (Json, LastResponse);

/// The Secret of `scope` an answer holds, checked by `rule`.
pub(crate) fn secret_answer(
    (mut json, response): Answer,
    scope: &Scope,
    rule: ScopeInAnswer,
) -> Result<Responded<Secret>, Error> {
    let secret = secret_from(&mut json, scope, rule)?;
    Ok(Responded::new(secret, response))
}

/// The page of `params` an answer holds, checked.
pub(crate) fn list_answer(
    (mut json, response): Answer,
    params: &ListParams,
) -> Result<Responded<SecretList>, Error> {
    let list = SecretList::from_json(&mut json, &params.scope, params.page_size());
    json.zeroize();
    Ok(Responded::new(list?, response))
}

/// What came back with a result, as stripe-node's `lastResponse`: the
/// answer's status and headers (never a request header, so never the key).
/// `Debug` shows header names only: a server may echo anything in a value.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct LastResponse {
    pub status_code: u16,
    pub request_id: Option<String>,
    /// Header names in lower case, as the transport gave them.
    pub headers: Vec<(String, String)>,
}

impl fmt::Debug for LastResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("LastResponse")
            .field("status_code", &self.status_code)
            .field("request_id", &self.request_id)
            .field("headers", &names)
            .finish()
    }
}

impl LastResponse {
    /// What of `response` may be handed to the caller: a server or proxy
    /// may echo the `Authorization` header or the payload into any header,
    /// and callers log `requestId`. So the error fields' rules apply:
    /// `request_id` only with the shape of Stripe's ids and no secret in
    /// it, every header value redacted and bounded as an error message is,
    /// and a header whose name holds a secret left out. (No `From` impl:
    /// an unredacted conversion is what let the key through before.)
    #[inline(never)]
    pub(crate) fn from_answer(mut response: HttpResponse, redactor: &Redactor) -> Self {
        let request_id = server_request_id(response.request_id.as_deref(), redactor);
        let headers = std::mem::take(&mut response.headers)
            .into_iter()
            .filter(|(name, value)| !redactor.touches_name(name) && !redactor.holds_short_secret(value))
            .filter_map(|(name, value)| {
                // The header is the id's source: it shows what `request_id`
                // shows, nothing the check refused.
                if name == "request-id" {
                    return request_id.clone().map(|id| (name, id));
                }
                let value = redactor.redact(&value, MAX_SERVER_MESSAGE_BYTES);
                Some((name, value))
            })
            .collect();
        LastResponse {
            status_code: response.status,
            request_id,
            headers,
        }
    }
}

/// A result with the answer it came in.
#[derive(Clone, Debug)]
pub struct Responded<T> {
    pub value: T,
    pub last_response: LastResponse,
}

impl<T> Responded<T> {
    fn new(value: T, last_response: LastResponse) -> Self {
        Responded { value, last_response }
    }
}

/// What to do after one attempt: the one reading of answers and the one
/// retry decision, made for every attempt of every operation in
/// [`SecretStore::execute`].
pub(crate) enum Verdict {
    /// A 2xx answer with a JSON body, for the operation to read.
    Answer(Json),
    /// Try again after this wait.
    Retry { wait_ms: u32 },
    /// The call fails with this error.
    Fail(Error),
}

/// An answer longer than `largest` bytes, refused before it is parsed: a
/// page of tens of thousands of items took seconds to read on the JS engine
/// before the page check could refuse it. Not inlined into the one future
/// that calls it.
#[inline(never)]
fn oversized(
    attempt: &Result<HttpResponse, TransportError>,
    largest: usize,
    redactor: &Redactor,
) -> Option<Error> {
    let answer = attempt
        .as_ref()
        .ok()
        .filter(|answer| answer.body.len() > largest)?;
    Some(
        Error::unexpected_response("an answer longer than any the call could get").with_status(
            answer.status,
            answer.request_id.as_deref(),
            redactor,
        ),
    )
}

/// The most bytes of JSON one Secret can take: a `name` and a `payload` of
/// 5,000 characters each, every character escaped as a surrogate pair
/// (`\uXXXX\uXXXX`, 12 bytes), and room for the other fields and a page's
/// own.
pub(crate) const MAX_SECRET_JSON_BYTES: usize = 128 * 1024;

/// Judges one attempt: a 2xx JSON answer is the result; other answers and
/// failures become errors (a server's echo of `payload` or of the key
/// redacted), retried by stripe-node's policy while `retries_done` is under
/// the store's budget.
pub(crate) fn judge(
    settings: &Settings,
    attempt: Result<&HttpResponse, TransportError>,
    payload: Option<&str>,
    retries_done: u32,
) -> Verdict {
    let (outcome, error) = match attempt {
        Ok(response) => {
            let mut body = Json::parse(&response.body).ok();
            let request_id = response.request_id.as_deref();
            if (200..300).contains(&response.status) {
                return match body {
                    Some(json) => Verdict::Answer(json),
                    None => Verdict::Fail(Error::unexpected_response("the body is not JSON").with_status(
                        response.status,
                        request_id,
                        &redactor(settings, payload),
                    )),
                };
            }
            let redactor = redactor(settings, payload);
            let error = Error::from_response(response.status, body.as_ref(), request_id, &redactor);
            body.zeroize();
            let outcome = Attempt::Answered {
                status: response.status,
                should_retry: response.should_retry,
            };
            (outcome, error)
        }
        Err(TransportError::Aborted) => return Verdict::Fail(aborted()),
        Err(TransportError::Malformed) => {
            return Verdict::Fail(Error::unexpected_response(
                "the fetch function did not resolve with a response",
            ))
        }
        Err(TransportError::Timeout) => (Attempt::NoAnswer, timed_out(settings.timeout_ms)),
        Err(TransportError::Connection) => (Attempt::NoAnswer, connection_failed()),
    };
    if !retry::should_retry(outcome, retries_done, settings.max_network_retries) {
        return Verdict::Fail(error);
    }
    Verdict::Retry {
        wait_ms: retry::backoff_ms(retries_done + 1, platform::jitter()),
    }
}

/// What a server's words are scrubbed of before they reach an error: the
/// payload and the key, with and without its `Bearer `.
fn redactor(settings: &Settings, payload: Option<&str>) -> Redactor {
    let key = settings.authorization.strip_prefix("Bearer ");
    let secrets = [payload, Some(settings.authorization.as_str()), key];
    Redactor::new(&secrets.into_iter().flatten().collect::<Vec<_>>())
}

/// The redactor of the store's key alone (the `Authorization` value and the
/// key without `Bearer `).
fn key_redactor(settings: &Settings) -> Redactor {
    redactor(settings, None)
}

impl SecretStore<FetchTransport> {
    /// A store over `fetch`: the global one with `api_key`, or the given
    /// `stripeApiFetch`-shaped function, as `options` say (`options.rs`
    /// checks them).
    pub fn new(options: Options) -> Result<Self, Error> {
        let (caller, settings, transport) = crate::options::configure(options)?;
        Ok(SecretStore::with_transport(caller, settings, transport))
    }
}

/// The rule, the input checks and the encoding of one operation, then its
/// request: `Err` means nothing may be sent.
pub(crate) fn prepare_request<P: Operation>(
    caller: &CallerIdentity,
    settings: &Settings,
    params: &P,
    idempotency_key: Option<&str>,
) -> Result<HttpRequest, Error> {
    caller.allow(params.scope())?;
    params.validate(platform::now_unix_seconds())?;
    let mut form = Form::new();
    params.encode(&mut form);
    build_request(settings, P::METHOD, P::PATH, &form, idempotency_key)
}

fn build_request(
    settings: &Settings,
    method: Method,
    path: &str,
    form: &Form,
    idempotency_key: Option<&str>,
) -> Result<HttpRequest, Error> {
    let mut headers = vec![
        ("Authorization", settings.authorization.as_str().to_owned()),
        ("Stripe-Version", settings.api_version.clone()),
    ];
    if let Some(account) = &settings.stripe_account {
        headers.push(("Stripe-Account", account.clone()));
    }
    let (path, body) = match method {
        Method::Get if form.is_empty() => (path.to_owned(), None),
        Method::Get => ([path, "?", form.as_str()].concat(), None),
        Method::Post => {
            let key = match idempotency_key {
                Some(key) => check_idempotency_key(key)?.to_owned(),
                None => random_idempotency_key()?,
            };
            headers.push(("Content-Type", "application/x-www-form-urlencoded".to_owned()));
            headers.push(("Idempotency-Key", key));
            (path.to_owned(), Some(form.as_str().to_owned()))
        }
    };
    Ok(HttpRequest {
        method,
        path,
        headers,
        body,
    })
}

pub(crate) fn secret_from(json: &mut Json, scope: &Scope, rule: ScopeInAnswer) -> Result<Secret, Error> {
    let secret = Secret::from_json(json, scope, rule);
    json.zeroize();
    secret
}

pub(crate) fn aborted() -> Error {
    Error::new(ErrorKind::Abort, "The call was aborted by its AbortSignal.").with_code("aborted")
}

fn timed_out(timeout_ms: u32) -> Error {
    Error::new(
        ErrorKind::Connection,
        [
            "No answer within the timeout of ",
            &decimal(timeout_ms.into()),
            " ms.",
        ]
        .concat(),
    )
    .with_code("timeout")
}

fn connection_failed() -> Error {
    Error::new(
        ErrorKind::Connection,
        "The request could not reach the Stripe API.",
    )
    .with_code("connection_error")
}

/// The emulator refuses the same keys, with a 400: a key a header cannot
/// carry unchanged must never be sent (or silently dropped).
fn check_idempotency_key(key: &str) -> Result<&str, Error> {
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY_LEN || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid_param(
            "idempotencyKey",
            "idempotencyKey must be 1 to 255 visible ASCII characters (! to ~).",
        ));
    }
    Ok(key)
}

fn random_idempotency_key() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    if !platform::fill_random(&mut bytes) {
        return Err(Error::new(
            ErrorKind::Api,
            "No cryptographic random source (crypto.getRandomValues).",
        ));
    }
    let mut key = String::with_capacity(32);
    for byte in bytes {
        push_hex(&mut key, byte, false);
    }
    Ok(key)
}

/// Where a walk over every page of a scope stands: shared by the Rust
/// [`ListAll`] and the JS async iterator.
///
/// A walk must move forward. A page that names a secret the walk has seen
/// already (a repeated cursor, a page served twice, a duplicate within a
/// page, or the id the walk started from), or that is empty while saying
/// `has_more`, ends the walk with a `StripeAPIError` coded
/// `list_no_progress`, instead of looping or stopping silently. A server
/// that keeps answering `has_more` with new ids is not stopped: each page
/// is real progress, and the caller decides how far to walk.
#[derive(Debug)]
pub struct ListCursor {
    params: ListParams,
    buffered: VecDeque<Secret>,
    finished: bool,
    /// Every id the walk started from or was handed, to see a repeat.
    seen: SeenIds,
}

impl ListCursor {
    pub fn new(params: ListParams) -> Self {
        let mut seen = SeenIds::default();
        for id in [&params.starting_after, &params.ending_before]
            .into_iter()
            .flatten()
        {
            seen.insert(id);
        }
        ListCursor {
            params,
            buffered: VecDeque::new(),
            finished: false,
            seen,
        }
    }

    /// The next secret, fetching the next page through `store` when the
    /// fetched ones are used up; `None` after the last.
    pub async fn next<T: Transport>(
        &mut self,
        store: &SecretStore<T>,
        options: &RequestOptions,
    ) -> Result<Option<Secret>, Error> {
        loop {
            if let Some(secret) = self.pop() {
                return Ok(Some(secret));
            }
            if self.finished {
                return Ok(None);
            }
            let page = store.list(&self.params, options).await?;
            self.take_in(page)?;
        }
    }

    /// A secret of the pages taken in and not handed out yet.
    pub(crate) fn pop(&mut self) -> Option<Secret> {
        self.buffered.pop_front()
    }

    /// [`take_page`](Self::take_page), then keeps the page's secrets to
    /// hand out. Walking backwards (`ending_before`), items come last to
    /// first within each page (oldest to newest), as stripe-node's
    /// auto-pagination yields them.
    pub(crate) fn take_in(&mut self, page: SecretList) -> Result<(), Error> {
        self.take_page(&page)?;
        if self.params.ending_before.is_some() {
            self.buffered.extend(page.data.into_iter().rev());
        } else {
            self.buffered.extend(page.data);
        }
        Ok(())
    }

    /// Moves the cursor past `page`: the next page starts after its last
    /// secret (before its first, walking backwards; within a page items
    /// come newest to oldest, as stripe-node yields them), or the walk is
    /// over. A page that makes no progress is refused whole, and the walk
    /// is over.
    pub(crate) fn take_page(&mut self, page: &SecretList) -> Result<(), Error> {
        for secret in &page.data {
            if !self.seen.insert(&secret.id) {
                self.finished = true;
                return Err(no_progress("a page repeated a secret the walk had already seen"));
            }
        }
        let backwards = self.params.ending_before.is_some();
        let next_cursor = if backwards {
            page.data.first()
        } else {
            page.data.last()
        };
        match (next_cursor, page.has_more) {
            (Some(secret), true) => {
                let id = Some(secret.id.clone());
                if backwards {
                    self.params.ending_before = id;
                } else {
                    self.params.starting_after = id;
                }
                Ok(())
            }
            (None, true) => {
                self.finished = true;
                Err(no_progress("an empty page said has_more"))
            }
            (_, false) => {
                self.finished = true;
                Ok(())
            }
        }
    }

    /// The params of the next page.
    pub fn params(&self) -> &ListParams {
        &self.params
    }

    /// Whether the last page has been taken in.
    pub fn finished(&self) -> bool {
        self.finished
    }
}

fn no_progress(what: &str) -> Error {
    Error::new(
        ErrorKind::Api,
        ["The list walk made no progress: ", what, "; it was stopped."].concat(),
    )
    .with_code("list_no_progress")
}

/// Every secret of a scope, fetched a page at a time; see
/// [`SecretStore::list_all`].
pub struct ListAll<'a, T> {
    store: &'a SecretStore<T>,
    cursor: ListCursor,
    options: RequestOptions,
}

impl<T: Transport> ListAll<'_, T> {
    /// The next secret, `None` after the last.
    pub async fn next(&mut self) -> Result<Option<Secret>, Error> {
        self.cursor.next(self.store, &self.options).await
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
