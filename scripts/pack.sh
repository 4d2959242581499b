#!/usr/bin/env bash
# Builds the npm package and packs it: the tarball `npm install` takes.
#   scripts/pack.sh             build pkg/ (scripts/build-pkg.sh), then pack
#   scripts/pack.sh --no-build  pack pkg/ as it is
# The tarball goes to target/pack/; are-the-types-wrong and publint check it
# (the raw .wasm export has no types to check). The last line printed is the
# tarball's path. Needs what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != --no-build ]; then
  scripts/setup.sh
  scripts/build-pkg.sh
fi
mkdir -p target/pack
tarball=$(npm pack ./pkg --silent --pack-destination target/pack | tail -n 1)
path="target/pack/$tarball"
node_modules/.bin/attw "$path" --exclude-entrypoints ./stripe_apps_secrets_bg.wasm >&2
node_modules/.bin/publint run "$path" --strict >&2
echo "$PWD/$path"
