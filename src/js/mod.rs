//! The JS API: the `SecretStore` class (`store.rs`) whose async methods
//! run the Rust engine, arguments read by hand as own properties
//! (`read.rs`, over `crate::interop::own`), results built by `values.js`
//! and errors by `errors.js` as own properties, never by assignment
//! through a prototype (`write.rs`).

mod read;
mod scope_input;
mod store;
mod types;
mod write;

pub use store::JsSecretStore;
