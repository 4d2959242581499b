//! Each fact of the JS API is written once in Rust; where another file must
//! spell it again (these TypeScript types, the JS classes of `errors.js`,
//! the Secrets `values.js` builds, the export list of `public-api.js`), these
//! tests compare them, so that no copy drifts.

use crate::client::{DEFAULT_API_VERSION, DEFAULT_MAX_NETWORK_RETRIES, DEFAULT_TIMEOUT_MS};
use crate::error::ErrorKind;
use crate::options::MAX_NETWORK_RETRIES_LIMIT;

/// types.rs itself: wasm-bindgen's macro takes its `TYPES`.
const TYPES: &str = include_str!("../types.rs");
const ERRORS_JS: &str = include_str!("../errors.js");
const VALUES_JS: &str = include_str!("../values.js");
const PUBLIC_API_JS: &str = include_str!("../package/public-api.js");
const SECRET_RS: &str = include_str!("../../secret.rs");

const KINDS: [ErrorKind; 9] = [
    ErrorKind::Scope,
    ErrorKind::InvalidRequest,
    ErrorKind::Authentication,
    ErrorKind::Permission,
    ErrorKind::RateLimit,
    ErrorKind::Api,
    ErrorKind::Connection,
    ErrorKind::Idempotency,
    ErrorKind::Abort,
];

/// Fails to compile when a kind is added that `KINDS` does not list.
#[allow(dead_code)]
fn every_kind_is_listed(kind: ErrorKind) {
    match kind {
        ErrorKind::Scope
        | ErrorKind::InvalidRequest
        | ErrorKind::Authentication
        | ErrorKind::Permission
        | ErrorKind::RateLimit
        | ErrorKind::Api
        | ErrorKind::Connection
        | ErrorKind::Idempotency
        | ErrorKind::Abort => {}
    }
}

#[test]
fn every_error_type_is_a_typescript_type_a_js_class_and_an_export_and_none_else() {
    for kind in KINDS {
        let name = kind.type_name();
        assert!(
            TYPES.contains(&format!("\n  | '{name}'")),
            "{name}: SecretStoreErrorType"
        );
        let class = format!("export declare class {name} extends StripeError {{ readonly type: '{name}'; }}");
        assert!(TYPES.contains(&class), "{name}: its declared class");
        assert!(
            ERRORS_JS.contains(&format!("export class {name} extends StripeError {{}}")),
            "{name}: errors.js"
        );
        assert!(
            ERRORS_JS.contains(&format!("['{name}', {name}],")),
            "{name}: errors.js's CLASSES"
        );
        assert!(
            PUBLIC_API_JS.contains(&format!("  {name},\n")),
            "{name}: public-api.js"
        );
    }
    assert_eq!(TYPES.matches("\n  | 'Stripe").count(), KINDS.len());
    assert_eq!(
        TYPES.matches("export declare class Stripe").count(),
        KINDS.len() + 1
    );
    assert_eq!(ERRORS_JS.matches(" extends StripeError {}").count(), KINDS.len());
    assert_eq!(PUBLIC_API_JS.matches("\n  Stripe").count(), KINDS.len() + 1);
}

/// The fields of `block` (the text after `start` up to the first `}`) that `field` finds, line by line.
fn fields<'a>(text: &'a str, start: &str, field: impl Fn(&'a str) -> Option<&'a str>) -> Vec<&'a str> {
    let block = &text[text.find(start).expect(start) + start.len()..];
    block[..block.find('}').expect("a closing brace")]
        .lines()
        .filter_map(|line| field(line.trim()))
        .collect()
}

#[test]
fn a_secret_has_the_same_fields_in_rust_in_typescript_and_as_values_js_builds_it() {
    let rust = fields(SECRET_RS, "pub struct Secret {", |line| {
        line.strip_prefix("pub ")?.split(':').next()
    });
    let typescript = fields(TYPES, "export interface Secret {", |line| {
        let name = line.split([':', '?']).next()?;
        (!name.is_empty() && !name.starts_with("/**")).then_some(name)
    });
    // Rust has no `object`: it is the same for every Secret.
    let mut expected = rust.clone();
    expected.insert(1, "object");
    assert_eq!(typescript, expected);
    let built: Vec<&str> = VALUES_JS
        .lines()
        .filter_map(|line| {
            let (name, after) = line[line.find("secret.")? + "secret.".len()..].split_once(' ')?;
            after.starts_with("= ").then_some(name)
        })
        .collect();
    assert_eq!(
        built, expected,
        "makeSecret assigns every field, in Stripe's order"
    );
}

#[test]
fn the_typescript_docs_give_the_defaults_and_limits_the_engine_applies() {
    for fact in [
        format!("default {DEFAULT_MAX_NETWORK_RETRIES}, at most {MAX_NETWORK_RETRIES_LIMIT}."),
        format!("Milliseconds per attempt; default {DEFAULT_TIMEOUT_MS}."),
        format!("`Stripe-Version`; default `{DEFAULT_API_VERSION}`."),
    ] {
        assert!(TYPES.contains(&fact), "types.rs should say: {fact}");
    }
}
