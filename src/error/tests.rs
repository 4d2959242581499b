use super::*;
use crate::form;
use crate::redact::{REDACTED, TRUNCATED};

const KEY: &str = "Bearer sk_test_51Key";

fn body(text: &str) -> Json {
    Json::parse(text).expect("test JSON parses")
}

fn none() -> Redactor {
    Redactor::new(&[])
}

/// The redactor `judge` builds for a create with `payload`.
fn call(payload: &str) -> Redactor {
    Redactor::new(&[payload, KEY, "sk_test_51Key"])
}

/// An error answer whose `error` object has these string fields.
fn answered(status: u16, fields: &[(&str, &str)], request_id: Option<&str>, redactor: &Redactor) -> Error {
    let mut members = Vec::new();
    for (name, value) in fields {
        members.push((name.to_string(), Json::Str(value.to_string())));
    }
    let json = Json::Object(vec![("error".into(), Json::Object(members))]);
    Error::from_response(status, Some(&json), request_id, redactor)
}

#[test]
fn every_kind_has_its_stripe_node_name() {
    for (kind, name) in [
        (ErrorKind::Scope, "StripeScopeError"),
        (ErrorKind::InvalidRequest, "StripeInvalidRequestError"),
        (ErrorKind::Authentication, "StripeAuthenticationError"),
        (ErrorKind::Permission, "StripePermissionError"),
        (ErrorKind::RateLimit, "StripeRateLimitError"),
        (ErrorKind::Api, "StripeAPIError"),
        (ErrorKind::Connection, "StripeConnectionError"),
        (ErrorKind::Idempotency, "StripeIdempotencyError"),
        (ErrorKind::Abort, "StripeAbortError"),
    ] {
        assert_eq!(kind.type_name(), name);
        assert_eq!(Error::new(kind, "m").type_name(), name);
        assert_eq!(Error::new(kind, "m").kind(), kind);
    }
}

#[test]
fn status_decides_before_type_for_401_403_429() {
    for ty in [
        None,
        Some("invalid_request_error"),
        Some("idempotency_error"),
        Some("api_error"),
        Some("rate_limit_error"),
        Some("authentication_error"),
    ] {
        for (status, kind) in [
            (401, ErrorKind::Authentication),
            (403, ErrorKind::Permission),
            (429, ErrorKind::RateLimit),
        ] {
            let fields: Vec<(&str, &str)> = ty.iter().map(|t| ("type", *t)).collect();
            assert_eq!(
                answered(status, &fields, None, &none()).kind(),
                kind,
                "{status} {ty:?}"
            );
        }
    }
}

#[test]
fn each_type_maps_to_its_class_whatever_the_status() {
    let cases = [
        ("invalid_request_error", ErrorKind::InvalidRequest),
        ("idempotency_error", ErrorKind::Idempotency),
        ("authentication_error", ErrorKind::Authentication),
        ("rate_limit_error", ErrorKind::RateLimit),
        ("api_error", ErrorKind::Api),
        ("card_error", ErrorKind::Api),
        ("something_new", ErrorKind::Api),
    ];
    for (ty, kind) in cases {
        for status in [200, 302, 400, 402, 404, 409, 422, 499, 500, 502, 503] {
            let error = answered(status, &[("type", ty), ("message", "m")], None, &none());
            assert_eq!(error.kind(), kind, "{ty} at {status}");
            assert_eq!(error.status_code(), Some(status));
        }
    }
}

#[test]
fn without_a_type_the_status_decides() {
    for (status, kind) in [
        (399, ErrorKind::Api),
        (400, ErrorKind::InvalidRequest),
        (404, ErrorKind::InvalidRequest),
        (499, ErrorKind::InvalidRequest),
        (500, ErrorKind::Api),
        (502, ErrorKind::Api),
    ] {
        assert_eq!(
            answered(status, &[("message", "m")], None, &none()).kind(),
            kind,
            "{status}"
        );
        assert_eq!(
            Error::from_response(status, None, None, &none()).kind(),
            kind,
            "{status}"
        );
    }
}

#[test]
fn fields_are_copied() {
    let json = body(
        r#"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such secret","param":"name","doc_url":"https://stripe.com/docs/error-codes/resource-missing"}}"#,
    );
    let error = Error::from_response(404, Some(&json), Some("req_1"), &call("hunter2"));
    assert_eq!(error.type_name(), "StripeInvalidRequestError");
    assert_eq!(error.code(), Some("resource_missing"));
    assert_eq!(error.param(), Some("name"));
    assert_eq!(error.message(), "No such secret");
    assert_eq!(error.status_code(), Some(404));
    assert_eq!(error.request_id(), Some("req_1"));
    assert_eq!(
        error.doc_url(),
        Some("https://stripe.com/docs/error-codes/resource-missing")
    );
}

#[test]
fn a_body_without_message_is_explained() {
    let error = Error::from_response(502, None, None, &none());
    assert_eq!(
        error.message(),
        "The Stripe API answered 502 without an error object."
    );
    let error = Error::from_response(502, Some(&body("{}")), None, &none());
    assert_eq!(
        error.message(),
        "The Stripe API answered 502 without an error object."
    );
    let error = answered(418, &[("type", "api_error")], None, &none());
    assert_eq!(error.message(), "The Stripe API answered 418.");
}

#[test]
fn fields_of_the_wrong_shape_are_dropped() {
    let good_code = "c".repeat(MAX_CODE_BYTES);
    let good_param = "p".repeat(MAX_PARAM_BYTES);
    let good_id = format!("req_{}", "A".repeat(MAX_REQUEST_ID_BYTES - 4));
    let good_url = format!("https://docs.stripe.com/{}", "d".repeat(MAX_DOC_URL_BYTES - 24));
    let kept = [
        ("code", "parameter_invalid_integer_2"),
        ("code", good_code.as_str()),
        ("param", "scope[user]"),
        ("param", "expand[0]"),
        ("param", "data.payload"),
        ("param", good_param.as_str()),
        (
            "doc_url",
            "https://stripe.com/docs/error-codes/resource-missing#a_b.c~",
        ),
        ("doc_url", good_url.as_str()),
    ];
    for (name, value) in kept {
        let error = answered(400, &[(name, value)], None, &none());
        let got = match name {
            "code" => error.code(),
            "param" => error.param(),
            _ => error.doc_url(),
        };
        assert_eq!(got, Some(value), "{name} {value}");
    }
    let long_code = "c".repeat(MAX_CODE_BYTES + 1);
    let long_param = "p".repeat(MAX_PARAM_BYTES + 1);
    let long_url = format!("{good_url}d");
    let dropped = [
        ("code", ""),
        ("code", "Resource_missing"),
        ("code", "resource-missing"),
        ("code", "scope[user]"),
        ("code", "a b"),
        ("code", long_code.as_str()),
        ("param", ""),
        ("param", "Name"),
        ("param", "name "),
        ("param", "<script>"),
        ("param", "na\u{e9}me"),
        ("param", long_param.as_str()),
        ("doc_url", ""),
        ("doc_url", "http://stripe.com/docs"),
        ("doc_url", "https://stripe.com.evil.example/docs"),
        ("doc_url", "https://evil.example/https://stripe.com/"),
        ("doc_url", "https://stripe.com/docs?x=1"),
        ("doc_url", "https://stripe.com/docs x"),
        ("doc_url", "https://stripe.com/docs\"><img>"),
        ("doc_url", "https://stripe.com/d%6fcs"),
        ("doc_url", long_url.as_str()),
    ];
    for (name, value) in dropped {
        let error = answered(400, &[(name, value)], None, &none());
        assert_eq!(
            (error.code(), error.param(), error.doc_url()),
            (None, None, None),
            "{name} {value}"
        );
    }
    for id in ["req_1", "req_AbC9", good_id.as_str()] {
        assert_eq!(answered(400, &[], Some(id), &none()).request_id(), Some(id));
    }
    let long_id = format!("{good_id}A");
    for id in [
        "",
        "req_",
        "req-1",
        "REQ_1",
        "1",
        "req_a_b",
        "req_1 ",
        "xreq_1",
        long_id.as_str(),
    ] {
        assert_eq!(answered(400, &[], Some(id), &none()).request_id(), None, "{id}");
        let error = Error::unexpected_response("x").with_status(200, Some(id), &none());
        assert_eq!(error.request_id(), None, "{id}");
        assert_eq!(error.status_code(), Some(200));
    }
    let error = Error::unexpected_response("x").with_status(201, Some("req_7"), &none());
    assert_eq!(
        (error.status_code(), error.request_id()),
        (Some(201), Some("req_7"))
    );
}

#[test]
fn a_message_that_is_exactly_a_secret_is_redacted() {
    let redactor = call("hunter2");
    for secret in ["hunter2", KEY, "sk_test_51Key"] {
        let error = answered(400, &[("message", secret)], None, &redactor);
        assert_eq!(error.message(), REDACTED, "{secret}");
    }
}

const WITHHELD: &str =
    "The Stripe API answered 400; its message held a value the call sent, so it is not shown.";

#[test]
fn a_message_that_holds_a_short_secret_is_withheld_whole_not_shredded() {
    // The emulator's scope-full message, with a one-letter payload: redacted
    // in place it read "the ma[redacted]imum per scope (10 secrets ma[redacted])".
    let full = "This scope is full: it already holds 10 secrets, the maximum per scope (10 secrets max). Delete one, or set an existing name to replace it.";
    for payload in ["x", "a", "10", "ope"] {
        let error = answered(400, &[("message", full)], None, &call(payload));
        assert_eq!(error.message(), WITHHELD, "{payload}");
    }
    // Not in the message: the server's words, whole.
    let error = answered(400, &[("message", full)], None, &call("zq"));
    assert_eq!(error.message(), full);
    // Four bytes and more: redacted where they occur, the rest kept.
    let error = answered(400, &[("message", full)], None, &call("full"));
    assert_eq!(error.message(), full.replace("full", REDACTED));
}

#[test]
fn every_copy_in_every_shape_is_redacted() {
    let payload = "a b&c=\"d\"\n\u{e9}";
    let redactor = call(payload);
    let mut form = String::new();
    form::encode_value(&mut form, payload);
    assert_eq!(form, "a%20b%26c%3D%22d%22%0A%C3%A9");
    let escaped = "a b&c=\\\"d\\\"\\n\u{e9}";
    for (echo, expected) in [
        (
            format!("bad {payload} ({payload})"),
            "bad [redacted] ([redacted])",
        ),
        (format!("bad {form}"), "bad [redacted]"),
        (format!("{escaped} bad"), "[redacted] bad"),
        (format!("{payload}{form}"), "[redacted]"),
        (
            format!("key {KEY}, bare sk_test_51Key."),
            "key [redacted], bare [redacted].",
        ),
        ("Bearer%20sk_test_51Key".to_string(), "[redacted]"),
        ("nothing to hide".to_string(), "nothing to hide"),
        ("hunter".to_string(), "hunter"),
    ] {
        let error = answered(400, &[("message", &echo)], None, &redactor);
        assert_eq!(error.message(), expected, "{echo}");
    }
    // A JSON escape with \u: a control character as our writer escapes it.
    let error = answered(400, &[("message", "x\\u0001y")], None, &call("x\u{1}y"));
    assert_eq!(error.message(), REDACTED);
}

#[test]
fn a_payload_that_is_a_prefix_of_the_key_leaves_no_part_of_the_key() {
    for payload in ["sk_test", "Bearer sk", "sk_test_51Key", "51Ke", "_51Key"] {
        let redactor = call(payload);
        let error = answered(400, &[("message", &format!("got {KEY}"))], None, &redactor);
        assert_eq!(error.message(), "got [redacted]", "{payload}");
    }
    // Shorter than four bytes: the message is withheld whole.
    for payload in ["51K", "Key"] {
        let error = answered(400, &[("message", &format!("got {KEY}"))], None, &call(payload));
        assert_eq!(error.message(), WITHHELD, "{payload}");
    }
    // Overlapping copies of two needles become one run.
    let redactor = Redactor::new(&["abcd", "cdef"]);
    assert_eq!(redactor.redact("xabcdefx", 100), "x[redacted]x");
    assert_eq!(redactor.redact("abcdcdef", 100), "[redacted]");
    assert_eq!(redactor.redact("abcd-cdef", 100), "[redacted]-[redacted]");
}

#[test]
fn an_empty_needle_matches_nothing_and_ends() {
    let redactor = Redactor::new(&["", "p"]);
    assert_eq!(redactor.redact("a p b", 100), "a [redacted] b");
    let redactor = Redactor::new(&[""]);
    assert_eq!(redactor.redact("anything", 100), "anything");
    assert_eq!(redactor.redact("", 100), "");
    assert!(!redactor.touches("anything"));
    let error = answered(
        400,
        &[("message", "m"), ("code", "c"), ("param", "p")],
        Some("req_1"),
        &redactor,
    );
    assert_eq!(
        (error.message(), error.code(), error.param()),
        ("m", Some("c"), Some("p"))
    );
    assert_eq!(error.request_id(), Some("req_1"));
}

#[test]
fn structured_fields_holding_a_secret_are_dropped() {
    let redactor = call("abc123");
    let error = answered(
        400,
        &[
            ("code", "abc123"),
            ("param", "x.abc123"),
            ("doc_url", "https://stripe.com/docs/abc123"),
        ],
        Some("req_abc123"),
        &redactor,
    );
    assert_eq!(error.code(), None);
    assert_eq!(error.param(), None);
    assert_eq!(error.doc_url(), None);
    assert_eq!(error.request_id(), None);
    let error = Error::unexpected_response("x").with_status(200, Some("req_abc123"), &redactor);
    assert_eq!(error.request_id(), None);
    let error = answered(400, &[("code", "abc12")], Some("req_abc12"), &redactor);
    assert_eq!(
        (error.code(), error.request_id()),
        (Some("abc12"), Some("req_abc12"))
    );
}

#[test]
fn long_messages_are_cut_at_a_character_boundary() {
    let max = MAX_SERVER_MESSAGE_BYTES;
    let exact = "m".repeat(max);
    assert_eq!(
        answered(400, &[("message", &exact)], None, &none()).message(),
        exact
    );
    let over = "m".repeat(max + 1);
    let cut = answered(400, &[("message", &over)], None, &none());
    assert_eq!(cut.message(), format!("{exact}{TRUNCATED}"));
    // A two-byte character across the limit is left out whole.
    let straddling = format!("{}\u{e9}tail", "m".repeat(max - 1));
    let cut = answered(400, &[("message", &straddling)], None, &none());
    assert_eq!(cut.message(), format!("{}{TRUNCATED}", "m".repeat(max - 1)));
    let none_cut = none().redact("abc", 2);
    assert_eq!(none_cut, format!("ab{TRUNCATED}"));
    assert_eq!(none().redact("abc", 0), TRUNCATED);
    // The same with needles that do not occur, which lengthen the scan.
    assert_eq!(call("zzz").redact("abc", 2), format!("ab{TRUNCATED}"));
    assert_eq!(call("zzz").redact("abc", 3), "abc");
}

#[test]
fn a_secret_across_the_cut_is_redacted_whole() {
    let max = MAX_SERVER_MESSAGE_BYTES;
    let redactor = call("hunter2");
    let text = format!("{}hunter2 and more", "m".repeat(max - 3));
    let error = answered(400, &[("message", &text)], None, &redactor);
    assert_eq!(
        error.message(),
        format!("{}{REDACTED}{TRUNCATED}", "m".repeat(max - 3))
    );
    // Ending exactly with the secret: nothing was cut away.
    let text = format!("{}hunter2", "m".repeat(max - 3));
    let error = answered(400, &[("message", &text)], None, &redactor);
    assert_eq!(error.message(), format!("{}{REDACTED}", "m".repeat(max - 3)));
    // A secret starting at the cut is cut away, never shown in part.
    let text = format!("{}hunter2", "m".repeat(max));
    let error = answered(400, &[("message", &text)], None, &redactor);
    assert_eq!(error.message(), format!("{}{TRUNCATED}", "m".repeat(max)));
    // Copies back to back, far past the cut: one run, then the cut.
    let text = "hunter2".repeat(max);
    let error = answered(400, &[("message", &text)], None, &redactor);
    assert_eq!(error.message(), format!("{REDACTED}{TRUNCATED}"));
    let text = format!("{}{}", "hunter2".repeat(max / 7 - 1), "-hunter2");
    assert_eq!(redactor.redact(&text, max), format!("{REDACTED}-{REDACTED}"));
}

#[test]
fn display_and_debug_say_what_happened_and_never_the_secret() {
    let json = body(
        r#"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such secret: hunter2","param":"name"}}"#,
    );
    let error = Error::from_response(404, Some(&json), Some("req_9"), &call("hunter2"));
    assert_eq!(
        error.to_string(),
        "StripeInvalidRequestError: No such secret: [redacted]"
    );
    assert_eq!(
        format!("{error:?}"),
        "Error { type: \"StripeInvalidRequestError\", code: Some(\"resource_missing\"), \
         param: Some(\"name\"), status_code: Some(404), request_id: Some(\"req_9\"), \
         doc_url: None, message: \"No such secret: [redacted]\" }"
    );
    assert!(!format!("{error} {error:?} {error:#?}").contains("hunter2"));
}

#[test]
fn the_crate_s_own_errors() {
    let error = Error::invalid_param("limit", "limit must be 1 to 100.");
    assert_eq!(
        (error.kind(), error.code(), error.param(), error.message()),
        (
            ErrorKind::InvalidRequest,
            Some("parameter_invalid"),
            Some("limit"),
            "limit must be 1 to 100."
        )
    );
    let error = Error::missing_param("scope");
    assert_eq!(
        (error.kind(), error.code(), error.param(), error.message()),
        (
            ErrorKind::InvalidRequest,
            Some("parameter_missing"),
            Some("scope"),
            "Missing required param: scope."
        )
    );
    let error = Error::unexpected_response("a list without data");
    assert_eq!(
        (error.kind(), error.code(), error.message()),
        (
            ErrorKind::Api,
            Some("unexpected_response"),
            "Unexpected response from the Stripe API: a list without data."
        )
    );
    assert_eq!(error.status_code(), None);
    let error = Error::new(ErrorKind::Scope, "a").with_message("b");
    assert_eq!(error.message(), "b");
}

#[test]
fn a_403_for_a_missing_permission_or_with_no_body_asks_about_secret_write() {
    const HINT: &str = " Does the app declare the secret_write permission in stripe-app.json?";
    let answer = |status: u16, text: Option<&str>| {
        let json = text.map(|t| Json::parse(t).unwrap());
        Error::from_response(status, json.as_ref(), None, &none())
    };
    for code in [
        "more_permissions_required_for_application",
        "more_permissions_required_for_session",
    ] {
        let body = [
            r#"{"error":{"type":"invalid_request_error","code":""#,
            code,
            r#"","message":"Not allowed."}}"#,
        ]
        .concat();
        let error = answer(403, Some(&body));
        assert_eq!(error.type_name(), "StripePermissionError");
        assert_eq!(error.message(), ["Not allowed.", HINT].concat());
        assert_eq!(error.code(), Some(code));
    }
    assert_eq!(
        answer(403, None).message(),
        ["The Stripe API answered 403 without an error object.", HINT].concat()
    );
    assert_eq!(
        answer(403, Some("{}")).message(),
        ["The Stripe API answered 403 without an error object.", HINT].concat()
    );
    // Another 403, or another status: as the server said.
    let other =
        r#"{"error":{"type":"invalid_request_error","code":"secret_not_allowed","message":"Not allowed."}}"#;
    assert_eq!(answer(403, Some(other)).message(), "Not allowed.");
    let no_code = r#"{"error":{"type":"invalid_request_error","message":"Not allowed."}}"#;
    assert_eq!(answer(403, Some(no_code)).message(), "Not allowed.");
    let missing = r#"{"error":{"type":"invalid_request_error","code":"more_permissions_required_for_application","message":"No."}}"#;
    assert_eq!(answer(400, Some(missing)).message(), "No.");
    assert_eq!(
        answer(401, None).message(),
        "The Stripe API answered 401 without an error object."
    );
}
