#!/usr/bin/env bash
# Usage: scripts/snip.sh IN.wasm OUT.wasm
# Replaces the bodies of Rust's panic and core::fmt functions in rustc's
# output with `unreachable` (wasm-snip; it cannot read wasm-bindgen's
# output, so it runs before wasm-bindgen). With panic = "abort" a panic
# traps either way; what goes is the code that would format its message,
# about 2.7 KB of the .wasm's gzip (bench/NOTES.md). The crate formats no
# text of its own with core::fmt (src/encode.rs), and the suites run on
# the snipped builds, so a formatting call left in a live path would fail
# them.
set -euo pipefail
wasm-snip --snip-rust-fmt-code --snip-rust-panicking-code -o "$2" "$1"
