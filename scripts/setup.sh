#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian machine (as
# root), and skips whatever is already there:
#   the wasm32 target; Chromium and ChromeDriver (apt); wasm-pack;
#   the wasm-bindgen CLI at exactly the version Cargo.lock pins; wasm-snip
#   (scripts/snip.sh); npm packages
#   (wasm-opt among them, from binaryen).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)

if ((${#missing[@]})); then
  step "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The version this project is tested with; it finds wasm-opt, the
# wasm-bindgen CLI and ChromeDriver on this machine instead of downloading.
wasm_pack_version=0.15.1
if [ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $wasm_pack_version" ]; then
  step "cargo install wasm-pack $wasm_pack_version (about 3 minutes)"
  cargo install wasm-pack --version "$wasm_pack_version"
fi

# The CLI must equal the wasm-bindgen crate in Cargo.lock, or wasm-pack
# tries to download one. No --locked: its lock pins a crate the registry
# here does not serve.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]; then
  step "cargo install wasm-bindgen-cli $bindgen_version (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

wasm_snip_version=0.4.0
if [ "$(wasm-snip --version 2>/dev/null || true)" != "wasm-snip $wasm_snip_version" ]; then
  step "cargo install wasm-snip $wasm_snip_version (about 2 minutes)"
  cargo install wasm-snip --version "$wasm_snip_version"
fi

if ! npm ls --depth=0 >/dev/null 2>&1; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

# The Stripe App test app (tests/stripe-app/) has its own packages, as an
# app made from the Stripe CLI's template does (jest 29, ts-jest,
# TypeScript 5.9, the UI extension SDK and tools).
if ! npm ls --prefix tests/stripe-app --depth=0 >/dev/null 2>&1; then
  step "npm ci (tests/stripe-app)"
  npm ci --prefix tests/stripe-app --no-audit --no-fund
fi
