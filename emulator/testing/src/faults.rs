//! Fault lists from JS, read with serde-wasm-bindgen and refused as the
//! emulator refuses a list sent as JSON text. Reading values, not text,
//! leaves serde_json's parser out of the engine.

use std::fmt;

use secret_store_core::{ApiError, Fault};
use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use wasm_bindgen::JsValue;

/// Reads an array of plain objects. serde-wasm-bindgen reads only the
/// fields a struct names, so the keys are read again to refuse any other,
/// with the words serde_json uses.
pub fn read(faults: JsValue) -> Result<Vec<Fault>, ApiError> {
    let list = serde_wasm_bindgen::from_value(faults.clone()).map_err(unreadable)?;
    serde_wasm_bindgen::from_value::<Vec<KnownKeys>>(faults).map_err(unreadable)?;
    Ok(list)
}

/// serde-wasm-bindgen's errors are JS `Error`s, whose text starts `Error: `.
fn unreadable(error: serde_wasm_bindgen::Error) -> ApiError {
    let text = error.to_string();
    Fault::unreadable_list(text.strip_prefix("Error: ").unwrap_or(&text))
}

/// An object whose every key is one of [`Fault::FIELDS`].
struct KnownKeys;

impl<'de> Deserialize<'de> for KnownKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(KnownKeys)
    }
}

impl<'de> Visitor<'de> for KnownKeys {
    type Value = KnownKeys;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct Fault")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KnownKeys, A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if !Fault::FIELDS.contains(&key.as_str()) {
                return Err(A::Error::unknown_field(&key, Fault::FIELDS));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(KnownKeys)
    }
}
