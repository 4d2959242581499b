//! Reading the arguments of JS calls from the snapshot the JS driver makes
//! of them (`src/js/driver.js`), refusing anything that is not what the API
//! documents, with the same errors in the same order as ever.
//!
//! The driver reads every property once (a getter of a params object runs
//! once; a getter in a scope object never runs) and passes what it found
//! as JSON: strings and finite numbers as themselves, everything else as a
//! marker this module turns into the error. Strings with a lone UTF-16
//! surrogate come as a marker too: they cannot be stored without changing.
//!
//! An argument is `0` (left out), `1` (not an object), `2` (its keys could
//! not be read), an array of its own keys (when some key is not allowed;
//! `0` for a symbol key), or an object of the allowed keys' values. A value
//! is a string, a number, an array of them (`expand`), `true` (reading it
//! threw), `false` (a string with a lone surrogate), `null` (anything
//! else), or `1` (a function for `fetch`, an `AbortSignal` for `signal`).
//! A scope is a string, or the `[key, value]` pairs of a plain object's own
//! properties (value: a string, `0` for undefined, `null` for anything
//! else: accessors, other types), or `null` for anything else.

use crate::error::Error;
use crate::json::Json;
use crate::options::Options;
use crate::params::{CreateParams, FindParams, ListParams};
use crate::scope::{CallerIdentity, FieldValue, Scope, ScopeInput};

/// One argument, its keys checked against a list.
struct Args<'a> {
    values: Option<&'a Json>,
    what: &'static str,
}

impl<'a> Args<'a> {
    /// `snapshot` must be an object whose keys are all in `allowed`; left
    /// out, it is an empty object when `optional`.
    fn new(
        snapshot: Option<&'a Json>,
        what: &'static str,
        allowed: &[&str],
        optional: bool,
    ) -> Result<Self, Error> {
        match snapshot {
            Some(Json::Object(_)) => Ok(Args {
                values: snapshot,
                what,
            }),
            Some(Json::Int(0)) | None if optional => Ok(Args { values: None, what }),
            Some(Json::Int(2)) => Err(Error::invalid_param(what, format!("{what} could not be read."))),
            Some(Json::Array(keys)) => {
                for key in keys {
                    let Some(key) = key.as_str() else {
                        return Err(Error::invalid_param(what, format!("{what} has a symbol key.")));
                    };
                    if !allowed.contains(&key) {
                        let shown = if key.len() <= 64 { key } else { "(a long key)" };
                        return Err(Error::invalid_param(
                            what,
                            format!(
                                "Unknown key in {what}: '{shown}'. Allowed: {}.",
                                allowed.join(", ")
                            ),
                        )
                        .with_code("parameter_unknown"));
                    }
                }
                Err(Error::invalid_param(what, format!("{what} could not be read.")))
            }
            _ => Err(Error::invalid_param(what, format!("{what} must be an object."))),
        }
    }

    fn get(&self, key: &'static str) -> Result<Option<&'a Json>, Error> {
        match self.values.and_then(|values| values.get(key)) {
            Some(Json::Bool(true)) => Err(Error::invalid_param(
                key,
                format!("Reading {}.{key} threw.", self.what),
            )),
            value => Ok(value),
        }
    }

    fn string(&self, key: &'static str) -> Result<Option<String>, Error> {
        self.get(key)?.map(|value| text(value, key)).transpose()
    }

    fn required_string(&self, key: &'static str) -> Result<String, Error> {
        self.string(key)?.ok_or_else(|| Error::missing_param(key))
    }

    /// An integer in `[min, max]`; `bounds` says so in words for the error.
    fn integer(&self, key: &'static str, min: i64, max: i64, bounds: &str) -> Result<Option<i64>, Error> {
        match self.get(key)? {
            None => Ok(None),
            Some(Json::Int(n)) if (min..=max).contains(n) => Ok(Some(*n)),
            Some(_) => Err(Error::invalid_param(key, format!("{key} must be {bounds}."))),
        }
    }

    fn expand(&self) -> Result<Vec<String>, Error> {
        match self.get("expand")? {
            None => Ok(Vec::new()),
            Some(Json::Array(items)) => items.iter().map(|item| text(item, "expand")).collect(),
            Some(_) => Err(Error::invalid_param(
                "expand",
                "expand must be an array of strings.",
            )),
        }
    }

    /// `Some(true)` when the driver found the object it checks for (a
    /// function, an `AbortSignal`), `None` when left out.
    fn marked(&self, key: &'static str, refusal: &str) -> Result<Option<()>, Error> {
        match self.get(key)? {
            None => Ok(None),
            Some(Json::Int(1)) => Ok(Some(())),
            Some(_) => Err(Error::invalid_param(key, refusal)),
        }
    }

    fn scope(&self, caller: &CallerIdentity) -> Result<Scope, Error> {
        caller.resolve(scope_input(self.get("scope")?))
    }
}

/// A string value with no lone surrogate.
fn text(value: &Json, param: &str) -> Result<String, Error> {
    match value {
        Json::Str(text) => Ok(text.clone()),
        Json::Bool(false) => Err(Error::invalid_param(
            param,
            format!("{param} holds a lone UTF-16 surrogate, which cannot be stored without changing it."),
        )),
        _ => Err(Error::invalid_param(param, format!("{param} must be a string."))),
    }
}

fn scope_input(value: Option<&Json>) -> ScopeInput {
    match value {
        None => ScopeInput::Missing,
        Some(Json::Str(text)) => ScopeInput::Shorthand(text.clone()),
        Some(Json::Array(pairs)) => ScopeInput::Fields(
            pairs
                .iter()
                .map(|pair| match pair {
                    Json::Array(kv) => {
                        let name = kv.first().and_then(Json::as_str).unwrap_or("(symbol)").to_owned();
                        let value = match kv.get(1) {
                            Some(Json::Str(text)) => FieldValue::Text(text.clone()),
                            Some(Json::Int(0)) => FieldValue::Undefined,
                            _ => FieldValue::Other,
                        };
                        (name, value)
                    }
                    _ => ("(symbol)".to_owned(), FieldValue::Other),
                })
                .collect(),
        ),
        Some(_) => ScopeInput::NotAnObject,
    }
}

/// The second argument of every method: the idempotency key (the signal
/// stays with the driver; only its type is checked here).
pub fn request_options(snapshot: Option<&Json>) -> Result<Option<String>, Error> {
    let args = Args::new(snapshot, "options", &["idempotencyKey", "signal"], true)?;
    args.marked("signal", "signal must be an AbortSignal.")?;
    args.string("idempotencyKey")
}

pub fn create_params(snapshot: Option<&Json>, caller: &CallerIdentity) -> Result<CreateParams, Error> {
    let args = Args::new(
        snapshot,
        "params",
        &["name", "payload", "scope", "expires_at", "expand"],
        false,
    )?;
    let scope = args.scope(caller)?;
    Ok(CreateParams {
        name: args.required_string("name")?,
        payload: args.required_string("payload")?,
        scope,
        expires_at: args.integer("expires_at", i64::MIN, i64::MAX, "an integer (Unix seconds)")?,
        expand: args.expand()?,
    })
}

pub fn find_params(snapshot: Option<&Json>, caller: &CallerIdentity) -> Result<FindParams, Error> {
    let args = Args::new(snapshot, "params", &["name", "scope", "expand"], false)?;
    let scope = args.scope(caller)?;
    Ok(FindParams {
        name: args.required_string("name")?,
        scope,
        expand: args.expand()?,
    })
}

pub fn list_params(snapshot: Option<&Json>, caller: &CallerIdentity) -> Result<ListParams, Error> {
    let args = Args::new(
        snapshot,
        "params",
        &["scope", "limit", "starting_after", "ending_before", "expand"],
        false,
    )?;
    let scope = args.scope(caller)?;
    Ok(ListParams {
        scope,
        limit: args
            .integer("limit", 1, 100, "an integer from 1 to 100")?
            .map(|n| n as u32),
        starting_after: args.string("starting_after")?,
        ending_before: args.string("ending_before")?,
        expand: args.expand()?,
    })
}

/// The store's options, and whether a `fetch` function was given (the
/// function itself stays with the driver).
pub fn store_options(snapshot: Option<&Json>) -> Result<(Options, bool), Error> {
    let args = Args::new(
        snapshot,
        "options",
        &[
            "userId",
            "apiKey",
            "fetch",
            "baseUrl",
            "apiVersion",
            "stripeAccount",
            "maxNetworkRetries",
            "timeout",
        ],
        false,
    )?;
    let fetch = args.marked("fetch", "fetch must be a function (stripeApiFetch).")?;
    let options = Options {
        user_id: args.string("userId")?,
        api_key: args.string("apiKey")?,
        fetch: None,
        base_url: args.string("baseUrl")?,
        api_version: args.string("apiVersion")?,
        stripe_account: args.string("stripeAccount")?,
        max_network_retries: args
            .integer("maxNetworkRetries", 0, 10, "an integer from 0 to 10")?
            .map(|n| n as u32),
        timeout_ms: args
            .integer(
                "timeout",
                1,
                i64::from(i32::MAX - 1),
                "a positive number of milliseconds",
            )?
            .map(|n| n as u32),
    };
    Ok((options, fetch.is_some()))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn parse(text: &str) -> Json {
        Json::parse(text).unwrap()
    }

    fn caller() -> CallerIdentity {
        CallerIdentity::new(Some("usr_alice".into())).unwrap()
    }

    fn find_error(snapshot: &str) -> Error {
        find_params(Some(&parse(snapshot)), &caller()).unwrap_err()
    }

    #[test]
    fn reads_a_find() {
        let params = find_params(
            Some(&parse(
                r#"{"scope":[["type","user"],["user","usr_alice"]],"name":"n","expand":["payload"]}"#,
            )),
            &caller(),
        )
        .unwrap();
        assert_eq!(params.scope, Scope::user("usr_alice"));
        assert_eq!(params.name, "n");
        assert_eq!(params.expand, ["payload"]);
    }

    #[test]
    fn markers_become_the_errors() {
        assert_eq!(find_error("1").message(), "params must be an object.");
        assert_eq!(find_error("0").message(), "params must be an object.");
        assert_eq!(find_error("2").message(), "params could not be read.");
        assert_eq!(find_error(r#"["name",0]"#).message(), "params has a symbol key.");
        let unknown = find_error(r#"["name","paylod"]"#);
        assert_eq!(unknown.code(), Some("parameter_unknown"));
        assert_eq!(
            unknown.message(),
            "Unknown key in params: 'paylod'. Allowed: name, scope, expand."
        );
        assert_eq!(
            find_error(r#"{"scope":"account","name":true}"#).message(),
            "Reading params.name threw."
        );
        assert!(find_error(r#"{"scope":"account","name":false}"#)
            .message()
            .contains("lone UTF-16 surrogate"));
        assert_eq!(
            find_error(r#"{"scope":"account","name":null}"#).message(),
            "name must be a string."
        );
        assert_eq!(
            find_error(r#"{"scope":"account"}"#).code(),
            Some("parameter_missing")
        );
        assert_eq!(
            find_error(r#"{"scope":"account","name":"n","expand":"payload"}"#).message(),
            "expand must be an array of strings."
        );
        assert_eq!(
            find_error(r#"{"scope":null,"name":"n"}"#).code(),
            Some("scope_not_allowed")
        );
        let getter = find_error(r#"{"scope":[["type",null]],"name":"n"}"#);
        assert_eq!(getter.param(), Some("scope[type]"));
        let other = find_error(r#"{"scope":[["type","user"],["user","usr_bob"]],"name":"n"}"#);
        assert_eq!(other.param(), Some("scope[user]"));
    }

    #[test]
    fn options_and_numbers() {
        assert_eq!(request_options(Some(&parse("0"))).unwrap(), None);
        assert_eq!(
            request_options(Some(&parse(r#"{"idempotencyKey":"k","signal":1}"#)))
                .unwrap()
                .as_deref(),
            Some("k")
        );
        assert_eq!(
            request_options(Some(&parse(r#"{"signal":null}"#)))
                .unwrap_err()
                .param(),
            Some("signal")
        );
        let list = |text: &str| list_params(Some(&parse(text)), &caller());
        assert_eq!(list(r#"{"scope":"account","limit":10}"#).unwrap().limit, Some(10));
        for bad in ["101", "0", "1.5", "null", "\"10\""] {
            assert_eq!(
                list(&format!(r#"{{"scope":"account","limit":{bad}}}"#))
                    .unwrap_err()
                    .param(),
                Some("limit")
            );
        }
        let (options, fetch) = store_options(Some(&parse(r#"{"fetch":1,"userId":"usr_1"}"#))).unwrap();
        assert!(fetch);
        assert_eq!(options.user_id.as_deref(), Some("usr_1"));
        assert_eq!(
            store_options(Some(&parse(r#"{"fetch":null}"#)))
                .unwrap_err()
                .param(),
            Some("fetch")
        );
    }
}
