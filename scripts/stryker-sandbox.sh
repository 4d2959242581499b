#!/usr/bin/env bash
# The two steps StrykerJS runs in its sandbox (scripts/stryker.config.mjs):
#
#   stryker-sandbox.sh build ROOT   once, after the sources are mutated
#   stryker-sandbox.sh test         once per mutant
#
# `build` makes pkg/'s JS from the mutated sources as scripts/build-pkg.sh
# would, without cargo: the snippets wasm-bindgen copied into pkg/ are
# replaced by their sources in src/, then scripts/finish-pkg.mjs copies and
# bundles the entries. Stryker switches mutants at run time (one build holds
# them all), so this runs once. The sandbox does not copy target/ (3.6 GB):
# a link to the repository's stands in, read only (the testing engine that
# finish-pkg bundles, the emulator the suites start).
#
# `test` runs the Node suites that exercise that JS, on the wasm engine,
# then on the JS engine asked for with init({ engine: 'js' }), then on the
# JS engine init() picks where WebAssembly is missing. It stops at the first
# failing suite, those that start an engine in many ways first: a killed
# mutant costs seconds.
set -euo pipefail

case "${1:-}" in
build)
    root=${2:?usage: stryker-sandbox.sh build ROOT}
    [ -e target ] || ln -s "$root/target" target
    # finish-pkg reads tiny-inflate and zopfli from node_modules, which Stryker
    # links into the sandbox only after this build step.
    [ -e node_modules ] || ln -s "$root/node_modules" node_modules
    dirs=(pkg/snippets/*/)
    [ ${#dirs[@]} -eq 1 ] && [ -f "${dirs[0]}src/js/errors.js" ] || { echo "stryker-sandbox: pkg/ holds no single snippets folder: run scripts/build-pkg.sh" >&2; exit 1; }
    for source in src/js/errors.js src/js/values.js src/interop/objects.js src/transport/http.js; do
        cp "$source" "${dirs[0]}$source"
    done
    node scripts/finish-pkg.mjs
    ;;
test)
    # A suite still running after 60 s (each takes a few) has hung: a
    # mutant that loops, even in promise jobs, which starve the runner's
    # own timers, fails here sooner than at Stryker's timeout. `timeout`
    # signals the suite's whole process group, its children with it.
    suite() { # suite [ENV=value...] [--node-flag...] FILE...
        local env=() flags=()
        while [[ $1 =~ ^[A-Z_]+= ]]; do env+=("$1"); shift; done
        while [[ $1 == --* ]]; do flags+=("$1"); shift; done
        env "${env[@]}" timeout -k 5 "${BOUND:-60}" node "${flags[@]}" --test --test-reporter=dot "$@"
    }
    # A run over the token helper and the hooks alone (STRYKER_MUTATE names
    # only their files) runs only the suites that load their entries
    # (pkg/tokens.js, pkg/react.js): the others import neither, so they
    # cannot tell such a mutant apart, and a survivor would spend minutes
    # in them.
    if [[ -n ${STRYKER_MUTATE:-} ]] && ! tr ',' '\n' <<<"$STRYKER_MUTATE" | grep -qvE '^src/js/package/(app-objects|token-[a-z]+|use-stored|hooks)\.js(:|$)'; then
        # On the wasm engine only: the helper's and the hooks' JS is the
        # same over both, and each suite takes half the time.
        suite STRIPE_APPS_SECRETS_ENGINE=wasm tests/node/tokens.test.mjs
        suite STRIPE_APPS_SECRETS_ENGINE=wasm tests/node/react.test.mjs
        suite tests/hostile/hooks.test.mjs
        exit 0
    fi
    # instanceof across copies of the package (the error brand), and init()
    # of the bundler entry bundled without import.meta.url: quick, first.
    suite tests/node/instanceof.test.mjs
    suite tests/node/bundler-init.test.mjs
    suite tests/node/http.test.mjs
    suite tests/node/junk.test.mjs
    suite tests/hostile/engine-switch.test.mjs
    suite tests/node/single-file.test.mjs
    suite tests/node/embedded-wasm.test.mjs
    suite tests/hostile/inherited.test.mjs
    suite tests/node/client.test.mjs
    suite tests/node/results.test.mjs
    suite tests/hostile/header-lines.test.mjs
    suite tests/hostile/pages.test.mjs
    suite tests/hostile/echoes.test.mjs
    suite tests/node/rule.test.mjs
    suite tests/hostile/misuse.test.mjs
    suite STRIPE_APPS_SECRETS_ENGINE=js tests/node/junk.test.mjs
    suite STRIPE_APPS_SECRETS_ENGINE=js tests/node/client.test.mjs
    suite STRIPE_APPS_SECRETS_ENGINE=js tests/node/results.test.mjs
    suite STRIPE_APPS_SECRETS_ENGINE=js tests/hostile/header-lines.test.mjs
    suite STRIPE_APPS_SECRETS_ENGINE=js tests/hostile/pages.test.mjs
    suite STRIPE_APPS_SECRETS_ENGINE=js tests/hostile/echoes.test.mjs
    suite --import=./tests/support/no-webassembly.mjs tests/node/client.test.mjs
    # Getters for then and toJSON, signals that cannot be read (each a
    # process per case, both engines).
    suite tests/hostile/hooks.test.mjs
    suite tests/hostile/signals.test.mjs
    # The token helper and the hooks (each suite runs both engines).
    suite tests/node/tokens.test.mjs
    suite tests/node/react.test.mjs
    # Last, the slowest (a process per case, both engines): a realm whose
    # fetch answers oddly, or whose Object.prototype holds non-writable
    # properties or setters.
    BOUND=300 suite tests/hostile/settle.test.mjs
    ;;
*)
    echo "usage: stryker-sandbox.sh build ROOT | test" >&2
    exit 2
    ;;
esac
