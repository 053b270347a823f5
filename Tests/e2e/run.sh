#!/usr/bin/env bash
# End-to-end test in a real browser: starts `redovisa serve --demo` from the built binary on a
# free port with a fresh database in a temporary folder, runs the selenium test against it in
# headless Chromium, and stops the server. Called by `make e2e`, which installs what it needs.
#
#   Tests/e2e/run.sh PATH/TO/redovisa [PYTHON]
set -euo pipefail
binary=${1:?usage: Tests/e2e/run.sh PATH/TO/redovisa [PYTHON]}
python=${2:-.build/e2e-venv/bin/python}
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The server runs from the project's root, where it finds ./templates to publish. Port 0: the
# system picks a free port, and the start line says which.
cd "$root"
"$binary" serve --demo --port 0 --db "$work/e2e.sqlite" > "$work/server.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'Redovisa serves http://[0-9.]*:[0-9]*' "$work/server.log" | head -1 | sed 's/Redovisa serves //')" || true
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log" >&2; echo "e2e: the server did not start" >&2; exit 1; fi
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/server.log" >&2; echo "e2e: no start line from the server in 30 s" >&2; exit 1; }
echo "e2e: server at $url (database $work/e2e.sqlite)"
status=0
REDOVISA_URL="$url" "$python" "$root/Tests/e2e/test_lss_report.py" || status=$?
if [ "$status" -ne 0 ]; then echo "e2e: the server's log:" >&2; tail -40 "$work/server.log" >&2; fi
exit "$status"
