//! JS strings for the property names and fixed values the binding and the
//! fetch transport pass to JS on every call, made once per name instead of
//! decoded from UTF-8 each time (the decode showed in profiles of `find`).

use std::cell::RefCell;

use wasm_bindgen::JsValue;

thread_local! {
    static MADE: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS string for `text`, made on first use. For `'static` literals
/// only: the cache never shrinks.
pub fn js_str(text: &'static str) -> JsValue {
    MADE.with(|made| {
        let mut made = made.borrow_mut();
        // Literals are found by address: one pointer comparison per entry.
        // The same text at another address (not merged by the linker) is
        // found by value, and then cached under that address too.
        if let Some((_, value)) = made.iter().find(|(known, _)| std::ptr::eq(*known, text)) {
            return value.clone();
        }
        if let Some(value) = made
            .iter()
            .find(|(known, _)| *known == text)
            .map(|(_, v)| v.clone())
        {
            made.push((text, value.clone()));
            return value;
        }
        let value = JsValue::from_str(text);
        made.push((text, value.clone()));
        value
    })
}
