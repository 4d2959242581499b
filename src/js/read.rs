//! Reading the arguments of JS calls: options, params and request options,
//! refusing anything that is not what the API documents, before anything
//! is sent.
//!
//! Every argument is read as its own properties only, each once
//! (`crate::interop::own`): inherited values never count, getters never run, and
//! unknown keys are refused, so a misspelt `paylod` is an error rather
//! than a dropped field. Strings with a lone UTF-16 surrogate are refused:
//! they cannot be sent without changing.

use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};

use crate::client::RequestOptions;
use crate::encode::decimal;
use crate::error::Error;
use crate::interop::js_str::js_str;
use crate::interop::own::{array, own, own_keys, plain_object, well_formed, Own};
use crate::js::scope_input::{resolve, FieldValue, ScopeInput};
use crate::options::Options;
use crate::params::{CreateParams, DeleteParams, FindParams, ListParams};
use crate::scope::{CallerIdentity, Scope};
use crate::transport::{self, AbortSignal};

/// More `expand` items than any operation has fields: a longer array is a
/// mistake (or an attack) and is not walked.
const MAX_EXPAND_ITEMS: u32 = 16;
/// More keys than a scope object can rightly have: not walked further.
const MAX_SCOPE_KEYS: u32 = 8;

/// One argument object: the values of its allowed keys, read once.
struct Args {
    what: &'static str,
    /// In the order of `allowed`; `None` where the key is absent.
    values: Vec<Option<Own>>,
    allowed: &'static [&'static str],
}

impl Args {
    /// `value` must be a non-array object whose own keys are all in
    /// `allowed`; left out (`undefined`), it is empty when `optional`.
    fn read(
        value: &JsValue,
        what: &'static str,
        allowed: &'static [&'static str],
        optional: bool,
    ) -> Result<Self, Error> {
        let empty = || Args {
            what,
            values: allowed.iter().map(|_| None).collect(),
            allowed,
        };
        if value.is_undefined() && optional {
            return Ok(empty());
        }
        let unreadable = || Error::invalid_param(what, [what, " could not be read."].concat());
        if !value.is_object() || array(value).map_err(|_| unreadable())? {
            return Err(Error::invalid_param(what, [what, " must be an object."].concat()));
        }
        let keys = own_keys(value).map_err(|_| unreadable())?;
        let mut args = empty();
        for key in keys.iter() {
            // Compared as JS strings first (`===` against names made once):
            // copying every key into Rust showed in profiles.
            if let Some(slot) = allowed.iter().position(|a| key == js_str(a)) {
                args.values[slot] = Some(own(value, &key).map_err(|_| unreadable())?);
                continue;
            }
            let Some(name) = key.as_string() else {
                return Err(Error::invalid_param(what, [what, " has a symbol key."].concat()));
            };
            let Some(slot) = allowed.iter().position(|a| *a == name) else {
                let shown = if crate::encode::char_count(&name) <= 64 {
                    name.as_str()
                } else {
                    "(a long key)"
                };
                return Err(Error::invalid_param(
                    what,
                    [
                        "Unknown key in ",
                        what,
                        ": '",
                        shown,
                        "'. Allowed: ",
                        &allowed.join(", "),
                        ".",
                    ]
                    .concat(),
                )
                .with_code("parameter_unknown"));
            };
            args.values[slot] = Some(own(value, &key).map_err(|_| unreadable())?);
        }
        Ok(args)
    }

    /// The value of `key`: `None` when absent or `undefined`; an accessor
    /// is refused, never run.
    fn get(&self, key: &'static str) -> Result<Option<&JsValue>, Error> {
        let slot = self.allowed.iter().position(|a| *a == key);
        match slot.and_then(|i| self.values[i].as_ref()) {
            None | Some(Own::Absent) => Ok(None),
            Some(Own::Value(value)) if value.is_undefined() => Ok(None),
            Some(Own::Value(value)) => Ok(Some(value)),
            Some(Own::Accessor) => Err(Error::invalid_param(
                key,
                [self.what, ".", key, " must be a plain value, not a getter."].concat(),
            )),
        }
    }

    fn string(&self, key: &'static str) -> Result<Option<String>, Error> {
        self.get(key)?.map(|value| text(value, key)).transpose()
    }

    fn required_string(&self, key: &'static str) -> Result<String, Error> {
        self.string(key)?.ok_or_else(|| Error::missing_param(key))
    }

    /// An integer in `[min, max]`; `bounds` says the range in words for
    /// the error.
    fn integer(&self, key: &'static str, min: i64, max: i64, bounds: &str) -> Result<Option<i64>, Error> {
        self.integer_from(key, min, max, bounds, false)
    }

    /// An integer param sent in the form: a number, or a string of the
    /// exact decimal digits that number would be sent as (Stripe's sample
    /// extension passes `expires_at` straight from a text field, and
    /// stripe-node sends it as is), so accepting it changes nothing on the
    /// wire.
    fn form_integer(
        &self,
        key: &'static str,
        min: i64,
        max: i64,
        bounds: &str,
    ) -> Result<Option<i64>, Error> {
        self.integer_from(key, min, max, bounds, true)
    }

    fn integer_from(
        &self,
        key: &'static str,
        min: i64,
        max: i64,
        bounds: &str,
        digits: bool,
    ) -> Result<Option<i64>, Error> {
        let Some(value) = self.get(key)? else {
            return Ok(None);
        };
        let number = match value.as_f64() {
            Some(n) if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 => Some(n as i64),
            Some(_) => None,
            None if digits => value.as_string().as_deref().and_then(canonical_integer),
            None => None,
        };
        match number {
            Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(Error::invalid_param(
                key,
                [key, " must be ", bounds, "."].concat(),
            )),
        }
    }

    fn expand(&self) -> Result<Vec<String>, Error> {
        let refuse = || Error::invalid_param("expand", "expand must be an array of strings.");
        let Some(value) = self.get("expand")? else {
            return Ok(Vec::new());
        };
        if !value.is_object() || !array(value).map_err(|_| refuse())? {
            return Err(refuse());
        }
        let length = match own(value, &js_str("length")) {
            Ok(Own::Value(length)) => length.as_f64().unwrap_or(f64::INFINITY),
            _ => return Err(refuse()),
        };
        if length > f64::from(MAX_EXPAND_ITEMS) {
            return Err(Error::invalid_param(
                "expand",
                [
                    "expand may hold at most ",
                    &decimal(MAX_EXPAND_ITEMS.into()),
                    " items.",
                ]
                .concat(),
            ));
        }
        (0..length as u32)
            .map(|i| match own(value, &JsValue::from(i)) {
                // A hole is not read through to Array.prototype.
                Ok(Own::Value(item)) => text(&item, "expand"),
                _ => Err(refuse()),
            })
            .collect()
    }

    fn scope(&self, caller: &CallerIdentity) -> Result<Scope, Error> {
        resolve(caller, scope_input(self.get("scope")?))
    }
}

/// `0` or digits without a leading zero, no sign, no spaces: the exact
/// text an integer is sent as, so accepting it changes nothing on the wire.
fn canonical_integer(text: &str) -> Option<i64> {
    let canonical = !text.is_empty()
        && text.len() <= 18
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    canonical.then(|| text.parse().ok()).flatten()
}

/// A string value with no lone surrogate.
fn text(value: &JsValue, param: &str) -> Result<String, Error> {
    if !value.is_string() {
        return Err(Error::invalid_param(
            param,
            [param, " must be a string."].concat(),
        ));
    }
    well_formed(value).ok_or_else(|| {
        Error::invalid_param(
            param,
            [
                param,
                " holds a lone UTF-16 surrogate, which cannot be stored without changing it.",
            ]
            .concat(),
        )
    })
}

/// A scope as the caller wrote it, read without running any of its code:
/// a shorthand string, or the own data properties of a plain object.
fn scope_input(value: Option<&JsValue>) -> ScopeInput {
    let Some(value) = value else {
        return ScopeInput::Missing;
    };
    if value.is_string() {
        return match well_formed(value) {
            Some(text) => ScopeInput::Shorthand(text),
            None => ScopeInput::NotAnObject,
        };
    }
    if !plain_object(value).unwrap_or(false) {
        return ScopeInput::NotAnObject;
    }
    let Ok(keys) = own_keys(value) else {
        return ScopeInput::NotAnObject;
    };
    if keys.length() > MAX_SCOPE_KEYS {
        return ScopeInput::Fields(vec![("(too many keys)".to_owned(), FieldValue::Other)]);
    }
    ScopeInput::Fields(
        keys.iter()
            .map(|key| {
                let known = ["type", "user"].into_iter().find(|name| key == js_str(name));
                let Some(name) = known.map(str::to_owned).or_else(|| key.as_string()) else {
                    return ("(symbol)".to_owned(), FieldValue::Other);
                };
                let field = match own(value, &key) {
                    Ok(Own::Value(v)) if v.is_undefined() => FieldValue::Undefined,
                    Ok(Own::Value(v)) if v.is_string() => match well_formed(&v) {
                        Some(text) => FieldValue::Text(text),
                        None => FieldValue::Other,
                    },
                    _ => FieldValue::Other,
                };
                (name, field)
            })
            .collect(),
    )
}

/// The second argument of every method.
pub fn request_options(value: &JsValue) -> Result<RequestOptions, Error> {
    let args = Args::read(value, "options", &["idempotencyKey", "signal"], true)?;
    let signal = match args.get("signal")? {
        None => None,
        Some(signal) => Some(
            signal
                .dyn_ref::<AbortSignal>()
                .filter(|signal| transport::readable(signal))
                .cloned()
                .ok_or_else(|| Error::invalid_param("signal", "signal must be an AbortSignal."))?,
        ),
    };
    Ok(RequestOptions {
        idempotency_key: args.string("idempotencyKey")?,
        signal,
    })
}

pub fn create_params(value: &JsValue, caller: &CallerIdentity) -> Result<CreateParams, Error> {
    let args = Args::read(
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
        expires_at: args.form_integer("expires_at", i64::MIN, i64::MAX, "an integer (Unix seconds)")?,
        expand: args.expand()?,
    })
}

pub fn find_params(value: &JsValue, caller: &CallerIdentity) -> Result<FindParams, Error> {
    let args = Args::read(value, "params", &["name", "scope", "expand"], false)?;
    let scope = args.scope(caller)?;
    Ok(FindParams {
        name: args.required_string("name")?,
        scope,
        expand: args.expand()?,
    })
}

pub fn delete_params(value: &JsValue, caller: &CallerIdentity) -> Result<DeleteParams, Error> {
    let FindParams { name, scope, expand } = find_params(value, caller)?;
    Ok(DeleteParams { name, scope, expand })
}

pub fn list_params(value: &JsValue, caller: &CallerIdentity) -> Result<ListParams, Error> {
    let args = Args::read(
        value,
        "params",
        &["scope", "limit", "starting_after", "ending_before", "expand"],
        false,
    )?;
    let scope = args.scope(caller)?;
    Ok(ListParams {
        scope,
        limit: args
            .form_integer("limit", 1, 100, "an integer from 1 to 100")?
            .map(|n| n as u32),
        starting_after: args.string("starting_after")?,
        ending_before: args.string("ending_before")?,
        expand: args.expand()?,
    })
}

/// The options of `new SecretStore(options)`.
pub fn store_options(value: &JsValue) -> Result<Options, Error> {
    let args = Args::read(
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
    let fetch =
        match args.get("fetch")? {
            None => None,
            Some(fetch) => Some(fetch.dyn_ref::<Function>().cloned().ok_or_else(|| {
                Error::invalid_param("fetch", "fetch must be a function (stripeApiFetch).")
            })?),
        };
    Ok(Options {
        user_id: args.string("userId")?,
        api_key: args.string("apiKey")?,
        fetch,
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
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::canonical_integer;

    #[test]
    fn only_canonical_decimal_strings_are_integers() {
        assert_eq!(canonical_integer("1900000000"), Some(1_900_000_000));
        assert_eq!(canonical_integer("0"), Some(0));
        assert_eq!(canonical_integer("5"), Some(5));
        for refused in [
            "",
            " 19",
            "19 ",
            "1.9e9",
            "0x10",
            "+5",
            "-5",
            "05",
            "1_0",
            "١٢",
            "9999999999999999999",
        ] {
            assert_eq!(canonical_integer(refused), None, "{refused:?}");
        }
    }
}
