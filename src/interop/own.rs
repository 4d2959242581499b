//! Reading JS objects by their own properties only. A page may share its
//! realm with code that pollutes `Object.prototype` or `Array.prototype`
//! (a JSON merge in any dependency can do it); nothing inherited may steer
//! a call, so every read here asks the object itself, through
//! `Object.getOwnPropertyDescriptor`, and runs no getter.

use js_sys::{Array, JsString, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/interop/objects.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = ownValue)]
    fn own_value_of(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(thread_local_v2, js_name = ABSENT)]
    static ABSENT: JsValue;
    #[wasm_bindgen(thread_local_v2, js_name = ACCESSOR)]
    static ACCESSOR: JsValue;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = ownKeys)]
    fn reflect_own_keys(target: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = getPrototypeOf)]
    fn prototype_of(target: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// A JS string, seen as having `isWellFormed`.
    type WellFormed;
    #[wasm_bindgen(catch, method, js_name = isWellFormed)]
    fn is_well_formed(this: &WellFormed) -> Result<bool, JsValue>;
}

/// One own property, as found.
pub enum Own {
    /// The object has no such own property (whatever its prototypes have).
    Absent,
    /// A data property and its value.
    Value(JsValue),
    /// A getter or setter: never run.
    Accessor,
}

/// Why an object could not be read: a Proxy trap threw, or the value is
/// not an object at all.
#[derive(Debug)]
pub struct Unreadable;

impl From<JsValue> for Unreadable {
    fn from(_: JsValue) -> Self {
        Unreadable
    }
}

/// The own property `key` of `target` (an object), without running any
/// getter. A Proxy's `getOwnPropertyDescriptor` trap does run; if it
/// throws, the object is [`Unreadable`].
pub fn own(target: &JsValue, key: &JsValue) -> Result<Own, Unreadable> {
    // One call into objects.js's `ownValue`, which reads the descriptor.
    let found = own_value_of(target, key)?;
    if ABSENT.with(|absent| Object::is(&found, absent)) {
        return Ok(Own::Absent);
    }
    if ACCESSOR.with(|accessor| Object::is(&found, accessor)) {
        return Ok(Own::Accessor);
    }
    Ok(Own::Value(found))
}

/// The own keys of an object (strings and symbols), as `Reflect.ownKeys`.
pub fn own_keys(target: &JsValue) -> Result<Array, Unreadable> {
    Ok(reflect_own_keys(target)?)
}

/// Whether `value` is an array (a Proxy of one included).
pub fn array(value: &JsValue) -> Result<bool, Unreadable> {
    Ok(is_array(value)?)
}

/// Whether `value` is a plain object: made by `{}` or `Object.create(null)`
/// in this realm. Class instances, arrays, functions and foreign objects
/// are not.
pub fn plain_object(value: &JsValue) -> Result<bool, Unreadable> {
    thread_local! {
        static OBJECT_PROTOTYPE: JsValue = Object::get_prototype_of(&Object::new()).into();
    }
    if !value.is_object() || array(value)? {
        return Ok(false);
    }
    let prototype = prototype_of(value)?;
    Ok(prototype.is_null() || OBJECT_PROTOTYPE.with(|p| Object::is(&prototype, p)))
}

/// The Rust string of a JS string, or `None` if it holds a lone UTF-16
/// surrogate (it could not be stored or sent without changing).
pub fn well_formed(value: &JsValue) -> Option<String> {
    // `isWellFormed` is native in current engines; elsewhere (or if a page
    // overwrote it), a scan.
    let ok = match value.unchecked_ref::<WellFormed>().is_well_formed() {
        Ok(ok) => ok,
        Err(_) => value.unchecked_ref::<JsString>().is_valid_utf16(),
    };
    if ok {
        value.as_string()
    } else {
        None
    }
}
