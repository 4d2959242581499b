//! A Stripe Apps Secret Store client for UI extensions, with Stripe's rule
//! enforced before any request leaves: a UI extension reaches the account
//! scope and its own user's scope, nothing else.
//!
//! The same crate is an npm package (built by `wasm-pack`; see the README)
//! and a Rust library for Rust front ends:
//!
//! ```no_run
//! # async fn demo() -> Result<(), stripe_apps_secrets::Error> {
//! use stripe_apps_secrets::{CreateParams, Options, RequestOptions, Scope, SecretStore};
//!
//! let store = SecretStore::new(Options {
//!     user_id: Some("usr_alice".into()),
//!     api_key: Some("sk_test_123".into()),
//!     ..Options::default()
//! })?;
//! let created = store
//!     .create(
//!         &CreateParams {
//!             name: "oauth".into(),
//!             payload: "token-value".into(),
//!             scope: Scope::user("usr_alice"),
//!             expires_at: None,
//!             expand: vec![],
//!         },
//!         &RequestOptions::default(),
//!     )
//!     .await?;
//! assert_eq!(created.name.as_deref(), Some("oauth"));
//! # Ok(()) }
//! ```

/// The README's and docs/'s Rust blocks, compiled by `cargo test --doc`
/// (tests/docs/snippets.test.mjs checks that every page with one is here).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
#[doc = include_str!("../docs/rust.md")]
pub struct DocsAreDoctests;

/// talc's wasm setup: it grows linear memory as needed, like the default
/// allocator, at about 5 KB less `.wasm`. Single-threaded, as wasm-bindgen
/// modules are.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

mod client;
mod encode;
mod error;
mod form;
mod interop;
mod js;
mod json;
mod options;
mod params;
mod platform;
mod redact;
mod retry;
mod scope;
mod secret;
mod seen;
pub mod transport;

pub use client::{
    LastResponse, ListAll, ListCursor, RequestOptions, Responded, SecretStore, Settings, DEFAULT_API_VERSION,
    DEFAULT_MAX_NETWORK_RETRIES, DEFAULT_TIMEOUT_MS, EXTENSION_AUTHORIZATION,
};
pub use error::{Error, ErrorKind};
pub use options::{Options, DEFAULT_BASE_URL};
pub use params::{CreateParams, DeleteParams, FindParams, ListParams, MAX_EXPIRY_SECONDS, MAX_TEXT_CHARS};
pub use scope::{CallerIdentity, Scope};
pub use secret::{Secret, SecretList};

/// The JS API's class, reachable from Rust so the browser tests can drive
/// it as JS does.
#[doc(hidden)]
pub use js::JsSecretStore;
