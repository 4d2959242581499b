//! What the Stripe Apps Secret Store emulator answers, with no I/O.
//!
//! An [`Engine`] holds one store of secrets and answers the four Secret Store
//! endpoints as Stripe does (form params, error JSON with `doc_url`, expand,
//! pagination, 10 secrets per scope, expiry, idempotency, Bearer and Basic
//! auth, the UI-extension placeholder key with the user it acts for), plus the emulator's test
//! controls (request log, faults, reset). A request goes in as a [`Head`], a
//! query string and a [`Body`]; an [`Outcome`] comes out. The clock is the
//! caller's (`now_ms` on each answer). Every store it keeps is bounded in
//! bytes (see [`limits`]).
//!
//! The axum server (`secret-store-emulator`) and the wasm testing engine
//! (`secret-store-testing`) are thin shells over it.
#![warn(missing_docs)]

mod api;
mod auth;
mod engine;
mod errors;
mod faults;
mod form;
mod head;
mod idempotency;
mod ids;
pub mod limits;
mod params;
mod reply;
mod reqlog;
mod rules;
mod store;

pub use auth::{is_user_id, EXTENSION_KEY, USER_HEADER};
pub use engine::{wants_body, Admission, Answer, Body, Engine, Outcome, State};
pub use errors::ApiError;
pub use faults::{Fault, MAX_DELAY_MS};
pub use head::Head;
pub use ids::request_id;
pub use reply::Reply;
