//! The JS API: the `SecretStore` class (`store.rs`) whose async methods
//! run the Rust engine, arguments read by hand as own properties
//! (`read.rs`), results and errors built by `classes.js` as own
//! properties, never by assignment (`write.rs`). `own.rs` reads JS objects
//! by their own properties only; `js_str.rs` makes the JS strings of fixed
//! names once.

pub(crate) mod js_str;
pub(crate) mod own;
mod read;
mod scope_input;
mod store;
mod types;
pub(crate) mod write;

pub use store::JsSecretStore;
