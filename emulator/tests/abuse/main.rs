//! Abuse: floods, slow clients and malformed input against the real binary.
//!
//! Memory is read as the emulator process's resident set (`VmRSS` in
//! `/proc/PID/status`, Linux only) before and after each flood; every flood
//! moves far more bytes than the bound it checks, so an unbounded store
//! fails it.

mod errors;
mod floods;
mod keys;
mod process;
mod slow;
