//! Integration tests: each starts an emulator on a loopback port and speaks HTTP to it.

mod auth;
mod bad_input;
mod binary;
mod common;
mod controls;
mod cors;
mod endpoints;
mod errors;
mod faults;
mod idempotency;
mod pagination;
mod rules;
mod static_files;
mod wire;
