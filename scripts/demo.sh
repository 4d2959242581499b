#!/usr/bin/env bash
# The demo, in one command: installs what is missing (scripts/setup.sh),
# builds pkg/, the SDK bundle of the page's Extension mode and the Secret
# Store emulator, then serves the demo page
# (www/) and the package (pkg/) from the emulator on
# http://127.0.0.1:12111 (another port: PORT=8080 scripts/demo.sh).
# Ctrl-C stops the emulator and everything else this script started.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=127.0.0.1
PORT="${PORT:-12111}"
step() { printf '\n== %s\n' "$*"; }

case "$PORT" in
  '' | *[!0-9]*) echo "PORT must be a number, not '$PORT'" >&2; exit 2 ;;
esac
if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
  echo "Something already listens on $HOST:$PORT. Stop it, or pick another port: PORT=12112 $0" >&2
  exit 1
fi

if [ -f scripts/setup.sh ]; then
  step "install what is missing (scripts/setup.sh)"
  bash scripts/setup.sh
fi

step "build pkg/ (scripts/build-pkg.sh)"
scripts/build-pkg.sh

step "bundle the UI extension SDK and the fake Dashboard for the page (scripts/build-demo-sdk.mjs)"
node scripts/build-demo-sdk.mjs

step "build the emulator"
cargo build -p secret-store-emulator

step "start the emulator"
workdir=$(mktemp -d)
emulator_pid=
cleanup() {
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill -TERM "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The access log (one 'METHOD PATH STATUS' line per request, never a
# payload) goes to this terminal's stderr.
target/debug/secret-store-emulator --host "$HOST" --port "$PORT" --www www --pkg pkg >"$workdir/stdout" &
emulator_pid=$!
url=
for _ in $(seq 100); do
  url=$(sed -n 's/^listening on //p' "$workdir/stdout")
  [ -n "$url" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "The emulator did not start on $HOST:$PORT." >&2
  exit 1
fi

cat <<BANNER

  The demo is running. Open this in a browser:

      $url/

  Ctrl-C stops it.

BANNER
wait "$emulator_pid"
