//! What the JS API (`js/`) and the transports (`transport/`) both stand on
//! to meet JS: own-property reads of JS objects (`own.rs`), the JS strings
//! of fixed names made once (`js_str.rs`), headers as one string
//! (`headers.rs`), and their JS side, `objects.js`, which wasm-bindgen links
//! as a snippet.

pub(crate) mod headers;
pub(crate) mod js_str;
pub(crate) mod own;
