//! Reading JS arguments into Rust values, once each, refusing anything
//! that is not what the API documents.
//!
//! Every property is read once (a getter runs once; its value is the one
//! checked and sent). Strings are checked for lone UTF-16 surrogates while
//! still JS strings: turning one into a Rust `String` would replace it with
//! U+FFFD and silently change a secret.

use js_sys::{Array, JsString, Number, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::client::RequestOptions;
use crate::error::Error;
use crate::js_str::js_str;
use crate::options::Options;
use crate::params::{CreateParams, DeleteParams, FindParams, ListParams};
use crate::scope::{CallerIdentity, FieldValue, Scope, ScopeInput};
use crate::transport::AbortSignal;

#[wasm_bindgen]
extern "C" {
    /// A JS string, seen through the one method this module needs.
    type StringValue;
    /// `String.prototype.isWellFormed`; caught, for engines that lack it.
    #[wasm_bindgen(catch, method, js_name = isWellFormed)]
    fn is_well_formed(this: &StringValue) -> Result<bool, JsValue>;
}

/// A JS object whose own keys have been checked against a list.
struct Args {
    object: JsValue,
    what: &'static str,
}

impl Args {
    /// `value` must be a plain object whose keys are all in `allowed`.
    /// `undefined` is an empty object when `optional`.
    fn new(value: &JsValue, what: &'static str, allowed: &[&str], optional: bool) -> Result<Args, Error> {
        if value.is_undefined() && optional {
            return Ok(Args {
                object: Object::new().into(),
                what,
            });
        }
        if !value.is_object() || Array::is_array(value) || value.is_function() {
            return Err(Error::invalid_param(what, format!("{what} must be an object.")));
        }
        let keys = Reflect::own_keys(value.unchecked_ref())
            .map_err(|_| Error::invalid_param(what, format!("{what} could not be read.")))?;
        for key in keys.iter() {
            let Some(key) = key.as_string() else {
                return Err(Error::invalid_param(what, format!("{what} has a symbol key.")));
            };
            if !allowed.contains(&key.as_str()) {
                let shown = if key.len() <= 64 {
                    key.as_str()
                } else {
                    "(a long key)"
                };
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
        Ok(Args {
            object: value.clone(),
            what,
        })
    }

    fn get(&self, key: &'static str) -> Result<JsValue, Error> {
        if self.object.is_undefined() {
            return Ok(JsValue::UNDEFINED); // optional arguments left out
        }
        Reflect::get(&self.object, &js_str(key))
            .map_err(|_| Error::invalid_param(key, format!("Reading {}.{key} threw.", self.what)))
    }

    fn string(&self, key: &'static str) -> Result<Option<String>, Error> {
        let value = self.get(key)?;
        if value.is_undefined() {
            return Ok(None);
        }
        well_formed_string(&value, key).map(Some)
    }

    fn required_string(&self, key: &'static str) -> Result<String, Error> {
        self.string(key)?.ok_or_else(|| Error::missing_param(key))
    }

    /// An integer in `[min, max]`; `bounds` says so in words for the error
    /// (formatting floats would pull float printing into the `.wasm`).
    fn integer(&self, key: &'static str, min: f64, max: f64, bounds: &str) -> Result<Option<f64>, Error> {
        let value = self.get(key)?;
        if value.is_undefined() {
            return Ok(None);
        }
        match value.as_f64() {
            Some(n) if Number::is_integer(&value) && (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(Error::invalid_param(key, format!("{key} must be {bounds}."))),
        }
    }

    fn expand(&self) -> Result<Vec<String>, Error> {
        let value = self.get("expand")?;
        if value.is_undefined() {
            return Ok(Vec::new());
        }
        if !Array::is_array(&value) {
            return Err(Error::invalid_param(
                "expand",
                "expand must be an array of strings.",
            ));
        }
        let array: &Array = value.unchecked_ref();
        array
            .iter()
            .map(|item| well_formed_string(&item, "expand"))
            .collect()
    }

    fn scope(&self, caller: &CallerIdentity) -> Result<Scope, Error> {
        caller.resolve(scope_input(&self.get("scope")?))
    }
}

/// `value` as a Rust string, if it is a JS string with no lone surrogate.
fn well_formed_string(value: &JsValue, param: &str) -> Result<String, Error> {
    let Some(text) = value.dyn_ref::<JsString>() else {
        return Err(Error::invalid_param(param, format!("{param} must be a string.")));
    };
    // isWellFormed is native in current engines; the fallback walks code units.
    let well_formed = text
        .unchecked_ref::<StringValue>()
        .is_well_formed()
        .unwrap_or_else(|_| text.is_valid_utf16());
    if !well_formed {
        return Err(Error::invalid_param(
            param,
            format!("{param} holds a lone UTF-16 surrogate, which cannot be stored without changing it."),
        ));
    }
    text.as_string()
        .ok_or_else(|| Error::invalid_param(param, format!("{param} must be a string.")))
}

/// Snapshots a scope argument for [`CallerIdentity::resolve`]: strings as
/// shorthands; plain objects (prototype `Object.prototype` or null) as
/// their own data properties; accessors and everything else as refusals.
fn scope_input(value: &JsValue) -> ScopeInput {
    if value.is_undefined() {
        return ScopeInput::Missing;
    }
    if let Some(text) = value.dyn_ref::<JsString>() {
        return match well_formed_string(text, "scope") {
            Ok(text) => ScopeInput::Shorthand(text),
            Err(_) => ScopeInput::NotAnObject,
        };
    }
    if !value.is_object() || Array::is_array(value) || value.is_function() {
        return ScopeInput::NotAnObject;
    }
    let object: &Object = value.unchecked_ref();
    let Ok(prototype) = Reflect::get_prototype_of(object) else {
        return ScopeInput::NotAnObject;
    };
    if !prototype.is_null() && !Object::is(&prototype, &object_prototype()) {
        return ScopeInput::NotAnObject;
    }
    let Ok(keys) = Reflect::own_keys(object) else {
        return ScopeInput::NotAnObject;
    };
    let mut fields = Vec::new();
    for key in keys.iter() {
        let Some(name) = key.as_string() else {
            // A symbol key is an extra key.
            fields.push(("(symbol)".to_owned(), FieldValue::Other));
            continue;
        };
        fields.push((name, field_value(object, &key)));
    }
    ScopeInput::Fields(fields)
}

/// `Object.prototype`, looked up once.
fn object_prototype() -> JsValue {
    thread_local! {
        static PROTOTYPE: JsValue = Reflect::get_prototype_of(&Object::new()).map(JsValue::from).unwrap_or_default();
    }
    PROTOTYPE.with(JsValue::clone)
}

fn field_value(object: &Object, key: &JsValue) -> FieldValue {
    let Ok(descriptor) = Reflect::get_own_property_descriptor(object, key) else {
        return FieldValue::Other;
    };
    let is_data = Reflect::has(&descriptor, &js_str("value")).unwrap_or(false);
    if !is_data {
        return FieldValue::Other; // an accessor: its getter is never run
    }
    match Reflect::get(&descriptor, &js_str("value")) {
        Ok(value) if value.is_undefined() => FieldValue::Undefined,
        Ok(value) if value.is_string() => match well_formed_string(&value, "scope") {
            Ok(text) => FieldValue::Text(text),
            Err(_) => FieldValue::Other,
        },
        _ => FieldValue::Other,
    }
}

pub fn create_params(value: &JsValue, caller: &CallerIdentity) -> Result<CreateParams, Error> {
    let args = Args::new(
        value,
        "params",
        &["name", "payload", "scope", "expires_at", "expand"],
        false,
    )?;
    let scope = args.scope(caller)?;
    Ok(CreateParams {
        name: args.required_string("name")?,
        payload: args.required_string("payload")?,
        scope,
        expires_at: args
            .integer(
                "expires_at",
                i64::MIN as f64,
                i64::MAX as f64,
                "an integer (Unix seconds)",
            )?
            .map(|n| n as i64),
        expand: args.expand()?,
    })
}

pub fn find_params(value: &JsValue, caller: &CallerIdentity) -> Result<FindParams, Error> {
    let args = Args::new(value, "params", &["name", "scope", "expand"], false)?;
    let scope = args.scope(caller)?;
    Ok(FindParams {
        name: args.required_string("name")?,
        scope,
        expand: args.expand()?,
    })
}

pub fn delete_params(value: &JsValue, caller: &CallerIdentity) -> Result<DeleteParams, Error> {
    let args = Args::new(value, "params", &["name", "scope", "expand"], false)?;
    let scope = args.scope(caller)?;
    Ok(DeleteParams {
        name: args.required_string("name")?,
        scope,
        expand: args.expand()?,
    })
}

pub fn list_params(value: &JsValue, caller: &CallerIdentity) -> Result<ListParams, Error> {
    let args = Args::new(
        value,
        "params",
        &["scope", "limit", "starting_after", "ending_before", "expand"],
        false,
    )?;
    let scope = args.scope(caller)?;
    Ok(ListParams {
        scope,
        limit: args
            .integer("limit", 1.0, 100.0, "an integer from 1 to 100")?
            .map(|n| n as u32),
        starting_after: args.string("starting_after")?,
        ending_before: args.string("ending_before")?,
        expand: args.expand()?,
    })
}

pub fn request_options(value: &JsValue) -> Result<RequestOptions, Error> {
    let args = Args::new(value, "options", &["idempotencyKey", "signal"], true)?;
    let signal = args.get("signal")?;
    let signal = if signal.is_undefined() {
        None
    } else {
        Some(
            signal
                .dyn_into::<AbortSignal>()
                .map_err(|_| Error::invalid_param("signal", "signal must be an AbortSignal."))?,
        )
    };
    Ok(RequestOptions {
        idempotency_key: args.string("idempotencyKey")?,
        signal,
    })
}

pub fn store_options(value: &JsValue) -> Result<Options, Error> {
    let args = Args::new(
        value,
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
    let fetch = args.get("fetch")?;
    let fetch = if fetch.is_undefined() {
        None
    } else {
        Some(
            fetch
                .dyn_into()
                .map_err(|_| Error::invalid_param("fetch", "fetch must be a function (stripeApiFetch)."))?,
        )
    };
    Ok(Options {
        user_id: args.string("userId")?,
        api_key: args.string("apiKey")?,
        fetch,
        base_url: args.string("baseUrl")?,
        api_version: args.string("apiVersion")?,
        stripe_account: args.string("stripeAccount")?,
        max_network_retries: args
            .integer("maxNetworkRetries", 0.0, 10.0, "an integer from 0 to 10")?
            .map(|n| n as u32),
        timeout_ms: args
            .integer(
                "timeout",
                1.0,
                f64::from(i32::MAX - 1),
                "a positive number of milliseconds",
            )?
            .map(|n| n as u32),
    })
}
