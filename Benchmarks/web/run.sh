#!/usr/bin/env bash
# The web benchmark (`make bench`): wrk on loopback against `redovisa serve --demo` (release
# build) with a fresh database — 64 connections, 30 s each:
#
#   1. GET /healthz            the reference: a plain route behind the same middleware, no session
#   2. GET a report form page  step 1 of an LSS report, logged in as the demo contact person
#   3. POST a submission       "Skicka in" of a fresh, complete draft each time
#
# and prints requests per second, p50 and p99 for each, against the targets: the form page at
# least 30 % of the reference's throughput; a submission's p99 under 50 ms.
#
#   Benchmarks/web/run.sh PATH/TO/redovisa [SECONDS] [CONNECTIONS] [THREADS]
#
# The environment may set DRAFTS (how many fresh drafts to make, 120 000 by default) and ROUTES
# (which of "hello form submit" to run, all by default). Beside wrk's figures it prints the
# server's CPU time per request (user + system from /proc, over the route's run): the figure
# that depends least on what else the machine is doing.
set -euo pipefail
binary=${1:?usage: Benchmarks/web/run.sh PATH/TO/redovisa [SECONDS] [CONNECTIONS] [THREADS]}
seconds=${2:-30}
connections=${3:-64}
threads=${4:-2}
drafts=${DRAFTS:-120000}
routes=" ${ROUTES:-hello form submit} "
case "$routes" in *" submit "*) ;; *) drafts=1 ;; esac   # no submissions: no drafts to make
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk is missing: make bench-deps" >&2; exit 1; }

# The server, from the project's root (it publishes ./templates into the demo). Its request log
# (standard error) goes to /dev/null: written as in production, kept nowhere.
cd "$root"
db="$work/bench.sqlite"
"$binary" serve --demo --port 0 --db "$db" > "$work/server.out" 2>/dev/null &
server=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'Redovisa serves http://[0-9.]*:[0-9]*' "$work/server.out" | head -1 | sed 's/Redovisa serves //')" || true
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.out" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the server did not start" >&2; exit 1; }

# Log in as the demo contact person; the session cookie and its CSRF token.
jar="$work/cookies"
token() { grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
csrf="$(curl -fsS -c "$jar" -b "$jar" "$url/logga-in" | token)"
curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "anvandare=kontaktperson" "$url/logga-in/demo"
cookie="redovisa=$(awk '$6 == "redovisa" { print $7 }' "$jar")"
csrf="$(curl -fsS -b "$jar" "$url/mina-sidor" | token)"

# The form page: a new LSS report for the first client, step 1 answered as a person would.
enrolment="$(curl -fsS -b "$jar" "$url/rapporter/ny" | grep -o 'href="/rapporter/ny?insats=[0-9]*"' | head -1 | grep -o '[0-9]*')"
start="$(curl -fsS -b "$jar" "$url/rapporter/ny?insats=$enrolment")"
period="$(printf '%s' "$start" | grep -o '<option value="[0-9-]*" selected' | grep -o '[0-9]\{4\}-[0-9]\{2\}')"
step="$(curl -fsS -o /dev/null -w '%{redirect_url}' -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "insats=$enrolment" \
  --data-urlencode "mall=lss-kontaktperson" --data-urlencode "period=$period" "$url/rapporter/ny")"
step="/${step#*://*/}"
form="$(curl -fsS -b "$jar" "$url$step")"
revision="$(printf '%s' "$form" | grep -o 'name="revision" value="[0-9]*"' | grep -o '[0-9]*')"
curl -fsS -o /dev/null -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "revision=$revision" \
  --data-urlencode "klient_fornamn=Anna" --data-urlencode "klient_efternamn=Åberg" --data-urlencode "ar=${period%-*}" \
  --data-urlencode "manad=$((10#${period#*-}))" --data-urlencode "alla_tillfallen=nej_nagra" \
  --data-urlencode "aktiviteter=Bio och fika." --data-urlencode "anledning=Sjuk en vecka." --data-urlencode "atgard=spara" "$url$step"
[ "$(curl -fsS -o /dev/null -w '%{http_code}' -b "$jar" "$url$step")" = 200 ] || { echo "the form page does not answer 200" >&2; exit 1; }

# The drafts to submit: complete and valid, made through the domain by a script as the contact person.
{ echo "DRAFTS = $drafts"; cat "$here/drafts.lua"; } > "$work/drafts.lua"
range="$("$binary" script run "$work/drafts.lua" --as kontaktperson --write --db "$db" --json --timeout 0 --max-instructions 0)"
first="$(printf '%s' "$range" | grep -o '"first": [0-9]*' | grep -o '[0-9]*$')"
last="$(printf '%s' "$range" | grep -o '"last": [0-9]*' | grep -o '[0-9]*$')"

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Web benchmark: wrk -t$threads -c$connections -d${seconds}s on loopback, $url ($machine)"
echo "Form page: $step ($period); $((last - first + 1)) fresh drafts to submit"
echo

export BENCH_DIR="$here" THREADS="$threads" COOKIE="" CSRF="$csrf" FIRST="$first" LAST="$last"
ticks="$(getconf CLK_TCK)"
# The server's user + system time so far, in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
run() { # NAME PATH SCRIPT [COOKIE]: wrk's RESULT line, and the server's CPU ticks over the run
  case "$routes" in *" $1 "*) ;; *) return 0 ;; esac
  local before line
  before="$(cpu)"
  line="$(COOKIE="${4:-}" wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$here/$3" "$url$2" | grep '^RESULT' | sed "s/^RESULT/$1/")"
  echo "$line cpu=$(( $(cpu) - before ))"
}
hello="$(run hello /healthz get.lua)"
page="$(run form "$step" get.lua "$cookie")"
submitted_before="$(sqlite3 "$db" "SELECT COUNT(*) FROM report WHERE id BETWEEN $first AND $last AND status = 'submitted'")"
submit="$(run submit /rapporter/ submit.lua "$cookie")"
fresh=$(( $(sqlite3 "$db" "SELECT COUNT(*) FROM report WHERE id BETWEEN $first AND $last AND status = 'submitted'") - submitted_before ))

field() { printf '%s' "$1" | grep -o "$2=[0-9.]*" | cut -d= -f2; }
row() { printf '%-44s %12s %10s %10s %10s %10s\n' "$@"; }
figures() { # NAME LINE
  if [ -z "$2" ]; then row "$1" - - - - -; return; fi
  row "$1" "$(field "$2" rps)" "$(field "$2" p50)" "$(field "$2" p99)" "$(field "$2" requests)" \
    "$(awk -v c="$(field "$2" cpu)" -v t="$ticks" -v n="$(field "$2" requests)" 'BEGIN { printf "%.0f", c / t * 1e6 / n }')"
}
row "" "requests/s" "p50 ms" "p99 ms" "requests" "CPU µs"
figures "GET /healthz (hello world, the reference)" "$hello"
figures "GET a report form page (LSS step 1)" "$page"
figures "POST a submission (Skicka in)" "$submit"
for line in "$hello" "$page" "$submit"; do
  [ -n "$line" ] || continue
  if [ "$(field "$line" errors)" != 0 ] || [ "$(field "$line" non2xx3xx)" != 0 ]; then echo "note: $line"; fi
done
echo
verdict() { if awk -v a="$1" -v b="$3" "BEGIN { exit !(a $2 b) }"; then echo met; else echo MISSED; fi; }
if [ -n "$hello" ] && [ -n "$page" ]; then
  ratio="$(awk -v a="$(field "$page" rps)" -v b="$(field "$hello" rps)" 'BEGIN { printf "%.1f", 100 * a / b }')"
  echo "form page: $ratio % of the reference's requests/s (target at least 30 %): $(verdict "$ratio" '>=' 30)"
fi
if [ -n "$submit" ]; then
  p99="$(field "$submit" p99)"
  echo "submission p99: $p99 ms (target under 50 ms): $(verdict "$p99" '<' 50)"
  echo "submissions: $fresh fresh drafts submitted during the run (wrk counted $(field "$submit" requests) answers; a draft is never submitted twice while fresh ones remain)"
fi
