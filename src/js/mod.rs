//! The JS API: the `SecretStore` class (`store.rs`) whose async methods
//! run the Rust engine, arguments read by hand as own properties
//! (`read.rs`), results and errors handed over by serde-wasm-bindgen and
//! the error classes of `classes.js` (`write.rs`).

mod read;
mod store;
mod types;
mod write;

pub use store::JsSecretStore;
