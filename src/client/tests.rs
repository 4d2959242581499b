use super::*;
use crate::form::decode;
use crate::redact::REDACTED;
use crate::transport::double::{answer, block_on, Double, Scripted};
use proptest::prelude::*;

const OWN: &str = "usr_alice";

fn secret_body(scope: &str, payload: Option<&str>) -> String {
    let payload = payload
        .map(|p| format!(",\"payload\":\"{p}\""))
        .unwrap_or_default();
    format!(
        r#"{{"id":"appsecret_1","object":"apps.secret","created":1,"expires_at":null,"livemode":false,"name":"n","scope":{scope}{payload}}}"#
    )
}

fn store(script: Vec<Scripted>) -> SecretStore<Double> {
    let caller = CallerIdentity::new(Some(OWN.into())).unwrap();
    SecretStore::with_transport(
        caller,
        Settings::new("Bearer sk_test_x".into()),
        Double::answering(script),
    )
}

fn find_params(scope: Scope) -> FindParams {
    FindParams {
        name: "n".into(),
        scope,
        expand: vec!["payload".into()],
    }
}

fn create_params(payload: &str) -> CreateParams {
    CreateParams {
        name: "n".into(),
        payload: payload.into(),
        scope: Scope::Account,
        expires_at: None,
        expand: vec![],
    }
}

#[test]
fn refusals_send_nothing() {
    let store = store(vec![]);
    let error =
        block_on(store.find(&find_params(Scope::user("usr_bob")), &RequestOptions::default())).unwrap_err();
    assert_eq!(error.code(), Some("scope_not_allowed"));
    let error = block_on(store.create(&create_params(""), &RequestOptions::default())).unwrap_err();
    assert_eq!(error.param(), Some("payload"));
    assert!(store.transport.sent.borrow().is_empty());
}

#[test]
fn find_sends_a_get_with_the_query_and_headers() {
    let store = store(vec![answer(
        200,
        &secret_body(r#"{"type":"user","user":"usr_alice"}"#, Some("p")),
    )]);
    let secret = block_on(store.find(&find_params(Scope::user(OWN)), &RequestOptions::default())).unwrap();
    assert_eq!(secret.payload.as_deref(), Some("p"));
    let sent = store.transport.sent.borrow();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, Method::Get);
    assert_eq!(
        sent[0].path,
        "/v1/apps/secrets/find?name=n&scope[type]=user&scope[user]=usr_alice&expand[0]=payload"
    );
    assert_eq!(sent[0].header("Authorization"), Some("Bearer sk_test_x"));
    assert_eq!(sent[0].header("Stripe-Version"), Some(DEFAULT_API_VERSION));
    assert_eq!(sent[0].header("Idempotency-Key"), None);
    assert!(sent[0].body.is_none());
}

#[test]
fn a_post_keeps_one_idempotency_key_across_retries() {
    let ok = secret_body(r#"{"type":"account"}"#, None);
    let store = store(vec![
        answer(500, "{}"),
        Scripted::Fail(TransportError::Timeout),
        answer(200, &ok),
    ]);
    block_on(store.create(&create_params("a&b"), &RequestOptions::default())).unwrap();
    let sent = store.transport.sent.borrow();
    assert_eq!(sent.len(), 3);
    let key = sent[0].header("Idempotency-Key").unwrap().to_owned();
    assert_eq!(key.len(), 32);
    assert!(sent
        .iter()
        .all(|s| s.header("Idempotency-Key") == Some(key.as_str())));
    assert_eq!(
        decode(sent[0].body.as_deref().unwrap())[1],
        ("payload".into(), "a&b".into())
    );
    let sleeps = store.transport.sleeps.borrow();
    assert_eq!(sleeps.len(), 2);
    assert_eq!(sleeps[0], 500);
    assert!((500..=1000).contains(&sleeps[1]));
}

#[test]
fn separate_calls_get_separate_keys_and_a_given_key_is_used_as_is() {
    let ok = secret_body(r#"{"type":"account"}"#, None);
    let store = store(vec![answer(200, &ok), answer(200, &ok), answer(200, &ok)]);
    block_on(store.create(&create_params("p"), &RequestOptions::default())).unwrap();
    block_on(store.create(&create_params("p"), &RequestOptions::default())).unwrap();
    let mine = RequestOptions {
        idempotency_key: Some("order-42".into()),
        signal: None,
    };
    block_on(store.create(&create_params("p"), &mine)).unwrap();
    let sent = store.transport.sent.borrow();
    assert_ne!(
        sent[0].header("Idempotency-Key"),
        sent[1].header("Idempotency-Key")
    );
    assert_eq!(sent[2].header("Idempotency-Key"), Some("order-42"));
}

#[test]
fn idempotency_keys_with_line_breaks_are_refused_unsent() {
    let store = store(vec![]);
    for key in [
        "a\r\nX-Evil: 1",
        "",
        &"k".repeat(256),
        "caf\u{e9}",
        "a b",
        "tab\there",
    ] {
        let options = RequestOptions {
            idempotency_key: Some(key.to_owned()),
            signal: None,
        };
        let error = block_on(store.create(&create_params("p"), &options)).unwrap_err();
        assert_eq!(error.param(), Some("idempotencyKey"));
    }
    assert!(store.transport.sent.borrow().is_empty());
}

#[test]
fn non_retryable_answers_are_not_retried() {
    let not_found = r#"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such secret","param":"name"}}"#;
    let store = store(vec![answer(404, not_found)]);
    let error = block_on(store.find(&find_params(Scope::Account), &RequestOptions::default())).unwrap_err();
    assert_eq!(error.code(), Some("resource_missing"));
    assert_eq!(error.status_code(), Some(404));
    assert_eq!(error.request_id(), Some("req_1"));
    assert_eq!(store.transport.sent.borrow().len(), 1);
}

#[test]
fn retries_stop_at_the_budget() {
    let store = store(vec![
        answer(429, "{}"),
        answer(429, "{}"),
        answer(429, "{}"),
        answer(200, "{}"),
    ]);
    let error = block_on(store.find(&find_params(Scope::Account), &RequestOptions::default())).unwrap_err();
    assert_eq!(error.type_name(), "StripeRateLimitError");
    assert_eq!(store.transport.sent.borrow().len(), 3);
}

#[test]
fn should_retry_false_stops_a_500() {
    let store = store(vec![Scripted::Answer {
        status: 500,
        should_retry: Some(false),
        body: "{}".into(),
    }]);
    let error = block_on(store.find(&find_params(Scope::Account), &RequestOptions::default())).unwrap_err();
    assert_eq!(error.type_name(), "StripeAPIError");
    assert_eq!(store.transport.sent.borrow().len(), 1);
}

#[test]
fn connection_failures_become_connection_errors() {
    let store = store(vec![]);
    let error = block_on(store.find(&find_params(Scope::Account), &RequestOptions::default())).unwrap_err();
    assert_eq!(error.type_name(), "StripeConnectionError");
    assert_eq!(store.transport.sent.borrow().len(), 3);
    let store = self::store(vec![Scripted::Fail(TransportError::Aborted)]);
    let error = block_on(store.find(&find_params(Scope::Account), &RequestOptions::default())).unwrap_err();
    assert_eq!(error.type_name(), "StripeAbortError");
    assert_eq!(store.transport.sent.borrow().len(), 1);
}

#[test]
fn an_echoed_payload_is_redacted_from_errors() {
    let echo = r#"{"error":{"type":"invalid_request_error","message":"Invalid payload: s3cr3t-value"}}"#;
    let store = store(vec![answer(400, echo)]);
    let error =
        block_on(store.create(&create_params("s3cr3t-value"), &RequestOptions::default())).unwrap_err();
    assert!(!error.message().contains("s3cr3t"));
    assert!(!format!("{error:?} {store:?}").contains("sk_test_x"));
}

#[test]
fn a_foreign_secret_in_an_answer_is_withheld() {
    let theirs = secret_body(r#"{"type":"user","user":"usr_bob"}"#, Some("bobs-secret"));
    let store = store(vec![answer(200, &theirs)]);
    let error = block_on(store.find(&find_params(Scope::user(OWN)), &RequestOptions::default())).unwrap_err();
    assert_eq!(error.code(), Some("scope_mismatch_in_response"));
    assert!(!format!("{error:?}").contains("bobs-secret"));
}

#[test]
fn garbage_answers_are_api_errors() {
    let store = store(vec![answer(200, "<html>"), answer(200, "{\"object\":\"list\"}")]);
    let error = block_on(store.find(&find_params(Scope::Account), &RequestOptions::default())).unwrap_err();
    assert_eq!(error.type_name(), "StripeAPIError");
    assert_eq!(error.status_code(), Some(200));
    let error =
        block_on(store.list(&ListParams::new(Scope::Account), &RequestOptions::default())).unwrap_err();
    assert_eq!(error.type_name(), "StripeAPIError");
}

fn response(status: u16, should_retry: Option<bool>, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: Vec::new(),
        request_id: Some("req_9".into()),
        should_retry,
        body: body.into(),
    }
}

fn settings(retries: u32) -> Settings {
    let mut settings = Settings::new("Bearer sk_test_judge".into());
    settings.max_network_retries = retries;
    settings
}

#[test]
fn judge_reads_answers_and_decides_retries() {
    let ok = judge(&settings(2), Ok(&response(200, None, "{\"a\":1}")), None, 0);
    assert!(matches!(ok, Verdict::Answer(Json::Object(_))));
    match judge(&settings(2), Ok(&response(200, None, "<html>")), None, 0) {
        Verdict::Fail(error) => {
            assert_eq!(error.code(), Some("unexpected_response"));
            assert_eq!(error.status_code(), Some(200));
            assert_eq!(error.request_id(), Some("req_9"));
        }
        _ => panic!("a 200 that is not JSON fails"),
    }
    for status in [409, 429, 500, 503] {
        match judge(&settings(2), Ok(&response(status, None, "{}")), None, 1) {
            Verdict::Retry { wait_ms } => assert!((500..=2000).contains(&wait_ms), "{status}: {wait_ms}"),
            _ => panic!("{status} is retried"),
        }
        assert!(matches!(
            judge(&settings(2), Ok(&response(status, None, "{}")), None, 2),
            Verdict::Fail(_)
        ));
    }
    assert!(matches!(
        judge(&settings(2), Ok(&response(500, Some(false), "{}")), None, 0),
        Verdict::Fail(_)
    ));
    assert!(matches!(
        judge(&settings(2), Ok(&response(400, Some(true), "{}")), None, 0),
        Verdict::Retry { .. }
    ));
    assert!(matches!(
        judge(&settings(2), Ok(&response(404, None, "{}")), None, 0),
        Verdict::Fail(_)
    ));
}

#[test]
fn judge_names_failures_and_redacts_echoes() {
    let verdict = |failure| match judge(&settings(0), Err(failure), None, 0) {
        Verdict::Fail(error) => (error.type_name(), error.code().map(str::to_owned)),
        _ => panic!("no retries left"),
    };
    assert_eq!(
        verdict(TransportError::Connection),
        ("StripeConnectionError", Some("connection_error".into()))
    );
    assert_eq!(
        verdict(TransportError::Timeout),
        ("StripeConnectionError", Some("timeout".into()))
    );
    assert_eq!(
        verdict(TransportError::Aborted),
        ("StripeAbortError", Some("aborted".into()))
    );
    assert_eq!(
        verdict(TransportError::Malformed),
        ("StripeAPIError", Some("unexpected_response".into()))
    );
    assert!(matches!(
        judge(&settings(2), Err(TransportError::Aborted), None, 0),
        Verdict::Fail(_)
    ));
    assert!(matches!(
        judge(&settings(2), Err(TransportError::Malformed), None, 0),
        Verdict::Fail(_)
    ));
    let echo = r#"{"error":{"type":"invalid_request_error","message":"bad hunter2 with sk_test_judge"}}"#;
    match judge(&settings(2), Ok(&response(400, None, echo)), Some("hunter2"), 0) {
        Verdict::Fail(error) => {
            assert!(!error.message().contains("hunter2"));
            assert!(!error.message().contains("sk_test_judge"));
        }
        _ => panic!("a 400 is not retried"),
    }
}

#[test]
fn the_cursor_moves_past_each_page() {
    let secret = |id: &str| {
        let mut json = Json::parse(&format!(
            r#"{{"id":"{id}","object":"apps.secret","created":1,"name":"n","scope":{{"type":"account"}}}}"#
        ))
        .unwrap();
        Secret::from_json(&mut json, &Scope::Account, ScopeInAnswer::Required).unwrap()
    };
    let page = |ids: &[&str], has_more| SecretList {
        data: ids.iter().map(|id| secret(id)).collect(),
        has_more,
        url: "/v1/apps/secrets".into(),
    };
    let mut cursor = ListCursor::new(ListParams::new(Scope::Account));
    cursor.take_page(&page(&["s3", "s2"], true)).unwrap();
    assert_eq!(cursor.params().starting_after.as_deref(), Some("s2"));
    assert!(!cursor.finished());
    cursor.take_page(&page(&["s1"], false)).unwrap();
    assert!(cursor.finished());
    let mut backwards = ListParams::new(Scope::Account);
    backwards.ending_before = Some("s0".into());
    let mut cursor = ListCursor::new(backwards);
    cursor.take_page(&page(&["s2", "s1"], true)).unwrap();
    assert_eq!(cursor.params().ending_before.as_deref(), Some("s2"));
    let error = cursor.take_page(&page(&[], true)).unwrap_err();
    assert_eq!(error.code(), Some("list_no_progress"));
    assert!(
        cursor.finished(),
        "an empty page that says has_more ends the walk with why"
    );
}

fn page(ids: &[&str], has_more: bool) -> Scripted {
    let data: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id":"{id}","object":"apps.secret","created":1,"name":"n","scope":{{"type":"account"}}}}"#))
        .collect();
    answer(
        200,
        &format!(
            r#"{{"object":"list","url":"/v1/apps/secrets","has_more":{has_more},"data":[{}]}}"#,
            data.join(",")
        ),
    )
}

#[test]
fn list_all_follows_has_more() {
    let store = store(vec![
        page(&["s5", "s4"], true),
        page(&["s3", "s2"], true),
        page(&["s1"], false),
    ]);
    let mut params = ListParams::new(Scope::Account);
    params.limit = Some(2);
    let mut all = store.list_all(params, RequestOptions::default());
    let mut ids = Vec::new();
    while let Some(secret) = block_on(all.next()).unwrap() {
        ids.push(secret.id.clone());
    }
    assert_eq!(ids, ["s5", "s4", "s3", "s2", "s1"]);
    let sent = store.transport.sent.borrow();
    assert_eq!(sent.len(), 3);
    assert!(sent[1].path.ends_with("limit=2&starting_after=s4"));
    assert!(sent[2].path.ends_with("limit=2&starting_after=s2"));
}

#[test]
fn list_all_walks_backwards_from_ending_before() {
    let store = store(vec![page(&["s3", "s2"], true), page(&["s5", "s4"], false)]);
    let mut params = ListParams::new(Scope::Account);
    params.ending_before = Some("s1".into());
    let mut all = store.list_all(params, RequestOptions::default());
    let mut ids = Vec::new();
    while let Some(secret) = block_on(all.next()).unwrap() {
        ids.push(secret.id.clone());
    }
    assert_eq!(
        ids,
        ["s2", "s3", "s4", "s5"],
        "last to first within each page, as stripe-node"
    );
    assert!(store.transport.sent.borrow()[1]
        .path
        .ends_with("ending_before=s3"));
}

fn walk(store: &SecretStore<Double>, params: ListParams) -> (Vec<String>, Option<Error>) {
    let mut all = store.list_all(params, RequestOptions::default());
    let mut ids = Vec::new();
    loop {
        match block_on(all.next()) {
            Ok(Some(secret)) => ids.push(secret.id.clone()),
            Ok(None) => return (ids, None),
            Err(error) => {
                // A walk that made no progress is over; after other
                // errors, the next call tries the page again.
                if error.code() == Some("list_no_progress") {
                    assert!(block_on(all.next()).unwrap().is_none());
                }
                return (ids, Some(error));
            }
        }
    }
}

fn assert_no_progress(error: Option<Error>) {
    let error = error.expect("the walk fails");
    assert_eq!(error.type_name(), "StripeAPIError");
    assert_eq!(error.code(), Some("list_no_progress"));
}

#[test]
fn a_page_repeating_a_seen_secret_stops_the_walk() {
    let start_after = |id: &str| {
        let mut params = ListParams::new(Scope::Account);
        params.starting_after = Some(id.into());
        params
    };
    let cases: Vec<(Vec<Scripted>, ListParams, Vec<&str>)> = vec![
        // The next page starts with the last cursor again.
        (
            vec![page(&["s3", "s2"], true), page(&["s2", "s1"], true)],
            ListParams::new(Scope::Account),
            vec!["s3", "s2"],
        ),
        // The same page twice.
        (
            vec![page(&["s3", "s2"], true), page(&["s3", "s2"], true)],
            ListParams::new(Scope::Account),
            vec!["s3", "s2"],
        ),
        // An older page again, two pages on.
        (
            vec![page(&["s5"], true), page(&["s4"], true), page(&["s5"], true)],
            ListParams::new(Scope::Account),
            vec!["s5", "s4"],
        ),
        // A duplicate within one page, even on the last page.
        (
            vec![page(&["s3", "s3"], false)],
            ListParams::new(Scope::Account),
            vec![],
        ),
        // The secret the walk started after.
        (vec![page(&["s9", "s8"], true)], start_after("s9"), vec![]),
    ];
    for (script, params, yielded) in cases {
        let store = store(script);
        let (ids, error) = walk(&store, params);
        assert_eq!(ids, yielded);
        assert_no_progress(error);
    }
    let mut backwards = ListParams::new(Scope::Account);
    backwards.ending_before = Some("s1".into());
    let store = store(vec![page(&["s3", "s2"], true), page(&["s4", "s3"], true)]);
    let (ids, error) = walk(&store, backwards);
    assert_eq!(ids, ["s2", "s3"], "last to first within a page, as stripe-node");
    assert_no_progress(error);
    assert_eq!(store.transport.sent.borrow().len(), 2);
}

#[test]
fn an_empty_page_ends_the_walk_only_without_has_more() {
    let store = store(vec![page(&["s2"], true), page(&[], true), page(&["s1"], false)]);
    let (ids, error) = walk(&store, ListParams::new(Scope::Account));
    assert_eq!(ids, ["s2"]);
    assert_no_progress(error);
    assert_eq!(store.transport.sent.borrow().len(), 2);
    let store = self::store(vec![page(&["s2"], true), page(&[], false), page(&["s1"], false)]);
    let (ids, error) = walk(&store, ListParams::new(Scope::Account));
    assert_eq!(ids, ["s2"]);
    assert!(error.is_none());
    let store = self::store(vec![page(&[], false)]);
    assert_eq!(walk(&store, ListParams::new(Scope::Account)), (vec![], None));
}

#[test]
fn a_long_walk_with_new_ids_goes_on() {
    let ids: Vec<String> = (0..60).map(|i| format!("s{i}")).collect();
    let script = ids
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| {
            let pair: Vec<&str> = pair.iter().map(String::as_str).collect();
            page(&pair, i < 29)
        })
        .collect();
    let store = store(script);
    assert_eq!(walk(&store, ListParams::new(Scope::Account)), (ids, None));
    assert_eq!(store.transport.sent.borrow().len(), 30);
}

#[test]
fn a_failed_page_fails_the_walk() {
    let store = store(vec![page(&["s2"], true), answer(404, "{}")]);
    let (ids, error) = walk(&store, ListParams::new(Scope::Account));
    assert_eq!(ids, ["s2"]);
    assert_eq!(error.unwrap().status_code(), Some(404));
}

/// The answer each operation expects for `scope`.
fn success(op: &str, scope: &Scope) -> Scripted {
    let scope_json = match scope.user_id() {
        None => r#"{"type":"account"}"#.to_string(),
        Some(user) => format!(r#"{{"type":"user","user":"{user}"}}"#),
    };
    match op {
        "list" | "list_all" => answer(
            200,
            &format!(
                r#"{{"object":"list","url":"/v1/apps/secrets","has_more":false,"data":[{}]}}"#,
                secret_body(&scope_json, None)
            ),
        ),
        _ => answer(200, &secret_body(&scope_json, None)),
    }
}

/// Runs `op` on `scope` through the Rust API.
fn run(store: &SecretStore<Double>, op: &str, scope: Scope) -> Result<(), Error> {
    let options = RequestOptions::default();
    match op {
        "create" => {
            let params = CreateParams {
                name: "n".into(),
                payload: "p".into(),
                scope,
                expires_at: None,
                expand: vec![],
            };
            block_on(store.create(&params, &options)).map(drop)
        }
        "find" => block_on(store.find(&find_params(scope), &options)).map(drop),
        "delete" => {
            let params = DeleteParams {
                name: "n".into(),
                scope,
                expand: vec![],
            };
            block_on(store.delete_where(&params, &options)).map(drop)
        }
        "list" => block_on(store.list(&ListParams::new(scope), &options)).map(drop),
        _ => block_on(store.list_all(ListParams::new(scope), options).next()).map(drop),
    }
}

const OPERATIONS: [&str; 5] = ["create", "find", "delete", "list", "list_all"];

#[test]
fn every_operation_refuses_another_users_scope_before_sending() {
    let others = [
        "usr_bob",
        "usr_alice ",
        " usr_alice",
        "USR_ALICE",
        "usr_Alice",
        "usr_alic",
        "usr_alice\0",
        "ｕｓｒ＿ａｌｉｃｅ",
        "",
    ];
    let alice_store = || store(vec![]);
    let anonymous_store = || {
        SecretStore::with_transport(
            CallerIdentity::new(None).unwrap(),
            Settings::new("Bearer sk_test_x".into()),
            Double::default(),
        )
    };
    for op in OPERATIONS {
        for other in others {
            let store = alice_store();
            let error = run(&store, op, Scope::user(other)).unwrap_err();
            assert_eq!(error.code(), Some("scope_not_allowed"), "{op} {other:?}");
            assert_eq!(error.param(), Some("scope[user]"), "{op} {other:?}");
            assert!(
                store.transport.sent.borrow().is_empty(),
                "{op} {other:?} was sent"
            );
        }
        for user in [OWN, "usr_bob"] {
            let store = anonymous_store();
            let error = run(&store, op, Scope::user(user)).unwrap_err();
            assert_eq!(error.code(), Some("scope_not_allowed"), "{op} {user}");
            assert!(store.transport.sent.borrow().is_empty(), "{op} {user} was sent");
        }
    }
}

#[test]
fn every_operation_sends_for_the_allowed_scopes() {
    for op in OPERATIONS {
        for scope in [Scope::Account, Scope::user(OWN)] {
            let store = store(vec![success(op, &scope)]);
            run(&store, op, scope.clone()).unwrap_or_else(|e| panic!("{op} {scope:?}: {e}"));
            let sent = store.transport.sent.borrow();
            assert_eq!(sent.len(), 1, "{op} {scope:?}");
            let form = sent[0]
                .body
                .clone()
                .unwrap_or_else(|| sent[0].path.split_once('?').unwrap().1.to_owned());
            let expected_scope = match scope.user_id() {
                None => "scope[type]=account".to_owned(),
                Some(user) => format!("scope[type]=user&scope[user]={user}"),
            };
            assert!(form.contains(&expected_scope), "{op}: {form}");
        }
        // An answer from the other allowed scope is withheld.
        let store = store(vec![success(op, &Scope::Account)]);
        let error = run(&store, op, Scope::user(OWN)).unwrap_err();
        assert_eq!(error.code(), Some("scope_mismatch_in_response"), "{op}");
    }
}

#[test]
fn each_operation_sends_its_exact_request() {
    let at = platform::now_unix_seconds() + 3600;
    let mut settings = Settings::new("Bearer sk_test_x".into());
    settings.stripe_account = Some("acct_1".into());
    settings.api_version = "2099-01-01".into();
    let store = SecretStore::with_transport(
        CallerIdentity::new(Some(OWN.into())).unwrap(),
        settings,
        Double::answering(vec![
            success("create", &Scope::user(OWN)),
            success("find", &Scope::Account),
            answer(
                200,
                r#"{"id":"appsecret_1","object":"apps.secret","deleted":true}"#,
            ),
            success("list", &Scope::user(OWN)),
        ]),
    );
    let key = |key: &str| RequestOptions {
        idempotency_key: Some(key.into()),
        signal: None,
    };
    let create = CreateParams {
        name: "my key".into(),
        payload: "a&b=c+d%é".into(),
        scope: Scope::user(OWN),
        expires_at: Some(at),
        expand: vec!["payload".into()],
    };
    block_on(store.create(&create, &key("k1"))).unwrap();
    let find = FindParams {
        name: "n/1".into(),
        scope: Scope::Account,
        expand: vec![],
    };
    block_on(store.find(&find, &RequestOptions::default())).unwrap();
    let delete = DeleteParams {
        name: "old".into(),
        scope: Scope::Account,
        expand: vec!["payload".into(), "x".into()],
    };
    let deleted = block_on(store.delete_where(&delete, &key("k2"))).unwrap();
    assert!(deleted.deleted);
    let mut list = ListParams::new(Scope::user(OWN));
    list.limit = Some(100);
    list.ending_before = Some("appsecret_9".into());
    list.expand = vec!["data.payload".into()];
    block_on(store.list(&list, &RequestOptions::default())).unwrap();

    let sent = store.transport.sent.borrow();
    let shown: Vec<(Method, &str, Option<&str>)> = sent
        .iter()
        .map(|s| (s.method, s.path.as_str(), s.body.as_deref()))
        .collect();
    let create_body = format!(
        "name=my%20key&payload=a%26b%3Dc%2Bd%25%C3%A9&scope[type]=user&scope[user]=usr_alice&expires_at={at}&expand[0]=payload"
    );
    assert_eq!(
        shown,
        [
            (Method::Post, "/v1/apps/secrets", Some(create_body.as_str())),
            (Method::Get, "/v1/apps/secrets/find?name=n%2F1&scope[type]=account", None),
            (
                Method::Post,
                "/v1/apps/secrets/delete",
                Some("name=old&scope[type]=account&expand[0]=payload&expand[1]=x")
            ),
            (
                Method::Get,
                "/v1/apps/secrets?scope[type]=user&scope[user]=usr_alice&limit=100&ending_before=appsecret_9&expand[0]=data.payload",
                None
            ),
        ]
    );
    let headers = |s: &crate::transport::double::Sent| s.headers.clone();
    let common = |extra: &[(&str, &str)]| {
        let mut all = vec![
            ("Authorization".to_string(), "Bearer sk_test_x".to_string()),
            ("Stripe-Version".to_string(), "2099-01-01".to_string()),
            ("Stripe-Account".to_string(), "acct_1".to_string()),
        ];
        all.extend(extra.iter().map(|(n, v)| (n.to_string(), v.to_string())));
        all
    };
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    assert_eq!(headers(&sent[0]), common(&[form, ("Idempotency-Key", "k1")]));
    assert_eq!(headers(&sent[1]), common(&[]));
    assert_eq!(headers(&sent[2]), common(&[form, ("Idempotency-Key", "k2")]));
    assert_eq!(headers(&sent[3]), common(&[]));
}

#[test]
fn a_get_without_parameters_has_no_query() {
    let settings = Settings::new("Bearer k".into());
    let request = build_request(&settings, Method::Get, "/v1/x", &Form::new(), None).unwrap();
    assert_eq!((request.path.as_str(), request.body.as_deref()), ("/v1/x", None));
    let request = build_request(&settings, Method::Post, "/v1/x", &Form::new(), None).unwrap();
    assert_eq!(request.body.as_deref(), Some(""));
}

#[test]
fn idempotency_keys_at_the_limits() {
    let longest = "k".repeat(MAX_IDEMPOTENCY_KEY_LEN);
    for good in ["k", "!", "~", "order-42", longest.as_str()] {
        assert_eq!(check_idempotency_key(good).unwrap(), good);
    }
    let too_long = format!("{longest}k");
    for bad in [
        "",
        "a b",
        "order-42 \u{e9}",
        "a\tb",
        "a\u{7f}",
        "a\u{85}b",
        too_long.as_str(),
    ] {
        let error = check_idempotency_key(bad).unwrap_err();
        assert_eq!(error.param(), Some("idempotencyKey"), "{bad:?}");
    }
}

#[test]
fn invalid_input_is_refused_unsent_for_every_operation() {
    for op in ["find", "delete"] {
        for (name, expand, param) in [
            ("", vec![], "name"),
            ("n", vec![String::new()], "expand"),
            (&*"x".repeat(5001), vec![], "name"),
        ] {
            let store = store(vec![]);
            let options = RequestOptions::default();
            let error = if op == "find" {
                let params = FindParams {
                    name: name.into(),
                    scope: Scope::Account,
                    expand,
                };
                block_on(store.find(&params, &options)).unwrap_err()
            } else {
                let params = DeleteParams {
                    name: name.into(),
                    scope: Scope::Account,
                    expand,
                };
                block_on(store.delete_where(&params, &options)).unwrap_err()
            };
            assert_eq!(error.param(), Some(param), "{op}");
            assert!(store.transport.sent.borrow().is_empty());
        }
    }
    let store = store(vec![]);
    let mut list = ListParams::new(Scope::Account);
    list.limit = Some(0);
    let error = block_on(store.list(&list, &RequestOptions::default())).unwrap_err();
    assert_eq!(error.param(), Some("limit"));
    assert!(store.transport.sent.borrow().is_empty());
}

#[test]
fn a_result_comes_with_its_answer_and_debug_shows_no_header_value() {
    let ok = secret_body(r#"{"type":"account"}"#, None);
    let store = store(vec![answer(200, &ok)]);
    let responded =
        block_on(store.find_responded(&find_params(Scope::Account), &RequestOptions::default())).unwrap();
    assert_eq!(responded.last_response.status_code, 200);
    assert_eq!(responded.last_response.request_id.as_deref(), Some("req_1"));
    assert_eq!(
        responded.last_response.headers,
        [("request-id".to_owned(), "req_1".to_owned())]
    );
    let echoed = LastResponse {
        status_code: 200,
        request_id: None,
        headers: vec![("x-echo".into(), "hunter2".into())],
    };
    let shown = format!("{echoed:?}");
    assert!(shown.contains("x-echo") && !shown.contains("hunter2"), "{shown}");
}

#[test]
fn last_response_holds_no_echo_of_the_key_or_the_payload() {
    let payload = "hunter2 & more";
    let echoes = [
        ("request-id", "Bearer sk_test_x"),
        ("x-auth", "Bearer sk_test_x"),
        ("x-key", "key=sk_test_x;"),
        ("x-payload", "hunter2 & more"),
        ("x-form", "was hunter2+%26+more"),
        ("x-uri", "hunter2%20%26%20more"),
    ];
    for (name, value) in echoes {
        let headers = vec![
            (name.to_owned(), value.to_owned()),
            ("content-type".to_owned(), "application/json".to_owned()),
        ];
        let ok = secret_body(r#"{"type":"account"}"#, None);
        let s = store(vec![Scripted::WithHeaders { headers, body: ok }]);
        let params = create_params(payload);
        let got = block_on(s.create_responded(&params, &RequestOptions::default())).unwrap();
        let last = &got.last_response;
        let shown = format!("{:?} {:?}", last.request_id, last.headers);
        for secret in ["sk_test_x", "hunter2", "hunter2+%26"] {
            assert!(!shown.contains(secret), "{name}: {shown}");
        }
        assert_eq!(last.request_id, None, "{name}");
        assert!(
            last.headers
                .contains(&("content-type".to_owned(), "application/json".to_owned())),
            "{name}: the other headers stay"
        );
        if name != "request-id" {
            assert!(
                last.headers
                    .iter()
                    .any(|(n, v)| n == name && v.contains(REDACTED)),
                "{name}: {shown}"
            );
        }
    }
    // Ids of the wrong shape go, as in errors; a header named after a
    // secret goes whole; honest ones stay.
    let headers = vec![
        ("request-id".to_owned(), "<script>".to_owned()),
        ("x-sk_test_x".to_owned(), "1".to_owned()),
        ("x-plain".to_owned(), "fine".to_owned()),
    ];
    let ok = secret_body(r#"{"type":"account"}"#, None);
    let s = store(vec![Scripted::WithHeaders { headers, body: ok }]);
    let got = block_on(s.find_responded(&find_params(Scope::Account), &RequestOptions::default())).unwrap();
    assert_eq!(got.last_response.request_id, None);
    assert_eq!(
        got.last_response.headers,
        [("x-plain".to_owned(), "fine".to_owned())]
    );
    let ok = secret_body(r#"{"type":"account"}"#, None);
    let headers = vec![("request-id".to_owned(), "req_Ab12".to_owned())];
    let s = store(vec![Scripted::WithHeaders { headers, body: ok }]);
    let got = block_on(s.find_responded(&find_params(Scope::Account), &RequestOptions::default())).unwrap();
    assert_eq!(got.last_response.request_id.as_deref(), Some("req_Ab12"));
    assert_eq!(
        got.last_response.headers,
        [("request-id".to_owned(), "req_Ab12".to_owned())]
    );
}

#[test]
fn a_page_longer_than_its_limit_is_refused_and_ends_the_walk() {
    let ids: Vec<String> = (0..11).map(|i| format!("appsecret_{i}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    // 11 items to the default page size of 10; 3 to a limit of 2.
    let s = store(vec![page(&refs, true)]);
    let error = block_on(s.list(&ListParams::new(Scope::Account), &RequestOptions::default())).unwrap_err();
    assert_eq!(
        (error.type_name(), error.code()),
        ("StripeAPIError", Some("unexpected_response"))
    );
    let mut params = ListParams::new(Scope::Account);
    params.limit = Some(2);
    let s = store(vec![page(&refs[..3], true), page(&refs[..2], false)]);
    let (walked, error) = walk(&s, params.clone());
    assert!(walked.is_empty());
    assert_eq!(error.as_ref().and_then(Error::code), Some("unexpected_response"));
    assert_eq!(s.transport.sent.borrow().len(), 1, "no page after a refused one");
    let s = store(vec![page(&refs[..2], false)]);
    assert_eq!(walk(&s, params).0.len(), 2);
}

#[test]
fn lists_of_0_1_2_and_100_items() {
    for n in [0, 1, 2, 100] {
        let ids: Vec<String> = (0..n).map(|i| format!("appsecret_{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let store = store(vec![page(&refs, false), page(&refs, false)]);
        // The largest page Stripe sends, asked for.
        let mut params = ListParams::new(Scope::Account);
        params.limit = Some(100);
        let list = block_on(store.list(&params, &RequestOptions::default())).unwrap();
        let got: Vec<&str> = list.data.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(got, refs);
        assert!(!list.has_more);
        assert_eq!(list.url, "/v1/apps/secrets");
        let (walked, error) = walk(&store, params);
        assert_eq!((walked, error), (ids, None));
    }
}

#[test]
fn echoes_in_every_field_of_an_answer_are_redacted_through_the_api() {
    let payload = "s3cr3t \"v\"";
    let answers = [
        r#"{"error":{"type":"invalid_request_error","message":"s3cr3t \"v\""}}"#,
        r#"{"error":{"type":"invalid_request_error","message":"s3cr3t%20%22v%22"}}"#,
        r#"{"error":{"type":"invalid_request_error","message":"s3cr3t \\\"v\\\""}}"#,
        r#"{"error":{"type":"invalid_request_error","message":"Bearer sk_test_x"}}"#,
        r#"{"error":{"type":"invalid_request_error","message":"sk_test_x"}}"#,
    ];
    for body in answers {
        let store = store(vec![answer(400, body)]);
        let params = CreateParams {
            name: "n".into(),
            payload: payload.into(),
            scope: Scope::Account,
            expires_at: None,
            expand: vec![],
        };
        let error = block_on(store.create(&params, &RequestOptions::default())).unwrap_err();
        assert_eq!(error.message(), "[redacted]", "{body}");
        assert_eq!(error.request_id(), Some("req_1"));
    }
    let store = store(vec![answer(
        400,
        r#"{"error":{"type":"invalid_request_error","code":"sk_test_x","param":"sk_test_x"}}"#,
    )]);
    let error = block_on(store.find(&find_params(Scope::Account), &RequestOptions::default())).unwrap_err();
    assert_eq!((error.code(), error.param()), (None, None));
    // A 200 that is not JSON: its request id is checked as well.
    let answer_with_id = |id: &str| HttpResponse {
        headers: Vec::new(),
        status: 200,
        request_id: Some(id.into()),
        should_retry: None,
        body: "<html>".into(),
    };
    for (id, kept) in [("req_abc", Some("req_abc")), ("req_hunter2", None), ("<b>", None)] {
        match judge(&settings(0), Ok(&answer_with_id(id)), Some("hunter2"), 0) {
            Verdict::Fail(error) => assert_eq!(error.request_id(), kept, "{id}"),
            _ => panic!("not JSON"),
        }
    }
}

#[test]
fn later_retries_wait_longer() {
    for _ in 0..20 {
        match judge(&settings(5), Ok(&response(503, None, "{}")), None, 3) {
            Verdict::Retry { wait_ms } => assert!((2000..=4000).contains(&wait_ms), "{wait_ms}"),
            _ => panic!("503 is retried"),
        }
    }
}

fn json_like() -> impl Strategy<Value = String> {
    let secret = secret_body(r#"{"type":"account"}"#, Some("p"));
    prop_oneof![
        any::<String>(),
        "[\\[\\]{}\",:0-9a-z_. -]{0,80}",
        Just(secret.clone()),
        // A real answer with one byte range replaced by noise.
        (0..secret.len(), any::<String>()).prop_map(move |(at, noise)| {
            let at = (0..=at).rev().find(|&i| secret.is_char_boundary(i)).unwrap_or(0);
            format!("{}{noise}", &secret[..at])
        }),
    ]
}

proptest! {
    /// Whatever a server answers, every operation returns a value or an
    /// error: the parser, the Secret checks and the error mapper never panic.
    #[test]
    fn any_answer_is_handled_without_panicking(status in 0u16..1000, body in json_like(), should_retry in any::<Option<bool>>()) {
        let script = || vec![Scripted::Answer { status, should_retry, body: body.clone() }];
        let options = RequestOptions::default();
        let _ = block_on(store(script()).find(&find_params(Scope::Account), &options));
        let _ = block_on(store(script()).create(&create_params("p"), &options));
        let _ = block_on(store(script()).list(&ListParams::new(Scope::Account), &options));
        let delete = DeleteParams { name: "n".into(), scope: Scope::Account, expand: vec![] };
        let _ = block_on(store(script()).delete_where(&delete, &options));
    }

    /// Arbitrary bytes, decoded as the transport would decode them.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256), status in 100u16..600) {
        let body = String::from_utf8_lossy(&bytes).into_owned();
        let parsed = Json::parse(&body).ok();
        let _ = Error::from_response(status, parsed.as_ref(), None, &Redactor::new(&["p"]));
        let _ = block_on(store(vec![answer(status, &body)]).find(&find_params(Scope::Account), &RequestOptions::default()));
    }
}

#[test]
fn last_response_leaves_out_headers_named_after_a_secret_in_any_case_or_holding_a_short_one() {
    let redactor = crate::redact::Redactor::new(&["q", "Bearer sk_test_51Key", "sk_test_51Key"]);
    let mut answer = response(200, None, "{}");
    answer.headers = vec![
        // Header names come lower-cased; the key is not.
        ("sk_test_51key".into(), "1".into()),
        ("x-bearer sk_test_51key".into(), "2".into()),
        // A one-letter payload in a value: the header goes, not a shredded value.
        ("x-echo".into(), "aqua".into()),
        ("x-kept".into(), "plain".into()),
        ("x-redacted".into(), "key sk_test_51Key".into()),
    ];
    let kept = LastResponse::from_answer(answer, &redactor).headers;
    assert_eq!(
        kept,
        vec![
            ("x-kept".to_owned(), "plain".to_owned()),
            ("x-redacted".to_owned(), "key [redacted]".to_owned())
        ]
    );
}

#[test]
fn an_answer_longer_than_the_call_could_get_is_refused_unread_and_not_retried() {
    use crate::client::MAX_SECRET_JSON_BYTES;
    // A Secret whose name pads the answer to exactly the most one Secret
    // can take: read as usual.
    let body = |len: usize| {
        let bare = secret_body(r#"{"type":"account"}"#, None);
        let pad = len - bare.len();
        bare.replacen(
            r#""name":"n""#,
            &format!(r#""name":"{}""#, "n".repeat(pad + 1)),
            1,
        )
    };
    let exact = body(MAX_SECRET_JSON_BYTES);
    assert_eq!(exact.len(), MAX_SECRET_JSON_BYTES);
    let store = store(vec![answer(200, &exact)]);
    let found = block_on(store.find(&find_params(Scope::Account), &RequestOptions::default())).unwrap();
    assert!(found
        .name
        .as_deref()
        .is_some_and(|name| name.len() > MAX_SECRET_JSON_BYTES - 200));
    // One byte more: refused before it is parsed, once.
    let store = self::store(vec![
        answer(200, &body(MAX_SECRET_JSON_BYTES + 1)),
        answer(200, &exact),
    ]);
    let error = block_on(store.find(&find_params(Scope::Account), &RequestOptions::default())).unwrap_err();
    assert_eq!(
        (error.type_name(), error.code()),
        ("StripeAPIError", Some("unexpected_response"))
    );
    assert_eq!(error.status_code(), Some(200));
    assert_eq!(store.transport.sent.borrow().len(), 1, "not retried");
    // A page of `limit` Secrets may be `limit` times as long.
    let mut params = ListParams::new(Scope::Account);
    params.limit = Some(2);
    let long_page = format!(
        r#"{{"object":"list","url":"/v1/apps/secrets","has_more":false,"data":[{}],"pad":"{}"}}"#,
        secret_body(r#"{"type":"account"}"#, None),
        "p".repeat(MAX_SECRET_JSON_BYTES + 100)
    );
    let store = self::store(vec![answer(200, &long_page)]);
    assert!(block_on(store.list(&params, &RequestOptions::default())).is_ok());
    params.limit = Some(1);
    let store = self::store(vec![answer(200, &long_page)]);
    let error = block_on(store.list(&params, &RequestOptions::default())).unwrap_err();
    assert_eq!(error.code(), Some("unexpected_response"));
}
