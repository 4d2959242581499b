#!/usr/bin/env bash
# Mutation testing of the code that decides who may read what: the rule,
# the answer checks, the input checks, the encoding and the redaction.
# Every mutant the host tests (`cargo test --lib`) do not catch fails this
# script, unless `mutants-equivalent` names it with the reason it cannot
# change behaviour.
#
#   scripts/mutants.sh            # about 16 minutes on 2 cores (see docs/tests.md)
#   MUTANTS_JOBS=1 scripts/mutants.sh
#
# Results: target/mutants.out/ (caught.txt, missed.txt, unviable.txt, timeout.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned: another version may name or generate mutants differently, and the
# equivalents below are listed by name.
VERSION=27.1.0
JOBS=${MUTANTS_JOBS:-2}

# The files that enforce the rule, check answers, validate input and redact;
# json.rs reads every answer, options.rs checks every store's options and
# encode.rs writes what the form and the redaction needles hold;
# js/scope_input.rs turns a JS caller's scope into the one the rule judges;
# seen.rs is how a list walk knows a page repeats what it has seen.
FILES=(src/scope.rs src/secret.rs src/error.rs src/redact.rs src/encode.rs src/params.rs src/form.rs src/retry.rs src/json.rs src/options.rs src/js/scope_input.rs src/seen.rs src/client.rs)
# In client.rs only these functions: the rest is the engine's transport
# plumbing (the async loop, the wasm-facing store), covered by the browser suites.
CLIENT_FNS='judge|oversized|redactor|prepare|prepare_request|secret_answer|list_answer|build_request|check_idempotency_key|secret_from|from_answer|ListCursor::[a-z_]+|ListAll<[^>]*>::next|no_progress'
EXAMINE="^src/(scope|secret|error|redact|encode|params|form|retry|json|options|js/scope_input|seen)\.rs:|^src/client\.rs:[0-9]+:[0-9]+: .*\b($CLIENT_FNS)\b"
# Test code is not under test: the test modules are cfg'd for the host
# only, which cargo-mutants does not recognise as test code, and so is
# form.rs's `decode`, the tests' stand-in for a server's form parser.
EXCLUDE='\btests::|^src/form\.rs:.* decode\b'

if ! cargo mutants --version 2>/dev/null | grep -qx "cargo-mutants $VERSION"; then
    echo "Installing cargo-mutants $VERSION..."
    nice -n 10 cargo install cargo-mutants --version "$VERSION" --locked
fi

file_args=()
for f in "${FILES[@]}"; do file_args+=(-f "$f"); done

start=$(date +%s)
status=0
nice -n 10 cargo mutants --no-shuffle -j "$JOBS" -p stripe-apps-secrets --test-tool cargo \
    -o target "${file_args[@]}" --re "$EXAMINE" --exclude-re "$EXCLUDE" -- --lib || status=$?
elapsed=$(( $(date +%s) - start ))
# 0: all caught; 2: some missed; 3: some timed out. Anything else (the
# unmutated tree failing, a bad option) is a failure of the run itself.
case $status in 0|2|3) ;; *) echo "cargo mutants failed to run (exit $status)" >&2; exit "$status" ;; esac

out=target/mutants.out
count() { # count FILE OUTCOME
    { grep -c "^$1:" "$out/$2.txt" 2>/dev/null || true; } | head -1
}
printf '\n%-22s %7s %7s %9s %8s\n' file caught missed unviable timeout
for f in "${FILES[@]}"; do
    printf '%-22s %7s %7s %9s %8s\n' "$f" "$(count "$f" caught)" "$(count "$f" missed)" \
        "$(count "$f" unviable)" "$(count "$f" timeout)"
done
echo "run time: $((elapsed / 60)) min $((elapsed % 60)) s with -j $JOBS"

# Names without line:column, so edits elsewhere do not stale the list.
strip_position() { sed -E 's/^([^:]+):[0-9]+:[0-9]+: /\1: /'; }
# The reason follows the last " | " (a name may hold "|", as in `replace | with &`).
listed=$(grep -v '^\s*\(#\|$\)' mutants-equivalent | sed -E 's/^(.*) \| .*$/\1/' || true)
unreasoned=$(grep -v '^\s*\(#\|$\)' mutants-equivalent | grep -v ' | ..........' || true)
if [ -n "$unreasoned" ]; then
    echo "Equivalents without a reason:" >&2
    echo "$unreasoned" >&2
    exit 1
fi
missed=$(strip_position < "$out/missed.txt" | sort -u)
unexplained=$(comm -23 <(echo "$missed" | sed '/^$/d') <(echo "$listed" | sed '/^$/d' | sort -u))
stale=$(comm -13 <(echo "$missed" | sed '/^$/d') <(echo "$listed" | sed '/^$/d' | sort -u))
if [ -n "$stale" ]; then
    echo "Listed as equivalent but not missed any more (remove them from mutants-equivalent):"
    echo "$stale"
fi
if [ -n "$unexplained" ]; then
    echo "Missed mutants (add a test, or list them in mutants-equivalent with a reason):" >&2
    echo "$unexplained" >&2
    exit 1
fi
echo "No missed mutants outside mutants-equivalent."
