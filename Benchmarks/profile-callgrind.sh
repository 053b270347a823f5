#!/usr/bin/env bash
# Profiles one redovisa-bench workload with callgrind, with Lua's own functions named.
#
#   Benchmarks/profile-callgrind.sh WORKLOAD [COUNT] [--no-hook]
#
# WORKLOAD is one of redovisa-bench --profile's (validate, validate-encoded, trivial, encode,
# decode, spin, create, run, pool), or `standalone`: the validation of (b) in a minimal
# interpreter (lua.c's work, linked the same way as Debian's lua5.4), COUNT calls, untimed.
#
# Why not simply `valgrind .build/release/redovisa-bench`: Debian's liblua5.4.so is stripped, so
# every Lua function shows as an address, and valgrind 3.19 cannot read the DWARF 5 that Swift
# 6 emits. So this builds in its own scratch path, relinks the binary against the static
# liblua5.4.a (which keeps its symbols), strips the debug info and runs callgrind on that.
# Output: $PROFILE_OUT (default /tmp/redovisa-callgrind)/WORKLOAD-COUNT[-nohook].callgrind and
# .self.txt / .inclusive.txt summaries. Subtract a COUNT=1 run for the per-call cost.
set -euo pipefail
cd "$(dirname "$0")/.."

workload=${1:?usage: $0 WORKLOAD [COUNT] [--no-hook]}
count=${2:-5000}
shift $(( $# < 2 ? $# : 2 ))
out=${PROFILE_OUT:-/tmp/redovisa-callgrind}
scratch=${PROFILE_SCRATCH:-.build-bench-prof}
lua_a="$(pkg-config --variable=libdir lua5.4)/liblua5.4.a"
mkdir -p "$out"
[ -f "$lua_a" ] || { echo "no $lua_a (liblua5.4-dev)" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }

swift build -c release --scratch-path "$scratch" --product redovisa-bench >/dev/null
bench="$out/redovisa-bench"
if [ ! -x "$bench" ] || [ "$scratch/release/redovisa-bench" -nt "$bench" ]; then
    # Relink with a library directory that holds only liblua5.4.a searched first, so that
    # -llua5.4 finds the static archive. The link command is swiftc's or, when swiftc shows it,
    # clang's: whichever names the product last.
    mkdir -p "$out/lualib"
    ln -sf "$lua_a" "$out/lualib/liblua5.4.a"
    rm -f "$scratch/release/redovisa-bench"
    swift build -c release --scratch-path "$scratch" --product redovisa-bench -v > "$out/link.log" 2>&1
    link=$(grep -E '^/[^ ]*/(swiftc|clang|clang\+\+) .* -o [^ ]*/redovisa-bench( |$)' "$out/link.log" | tail -1)
    [ -n "$link" ] || { echo "could not find the link command in $out/link.log" >&2; exit 1; }
    link=$(sed -E -e 's#^([^ ]+) #\1 -L'"$out"'/lualib #' -e 's# -v( |$)# #' \
        -e "s# -o [^ ]*/redovisa-bench# -o $bench#" <<<"$link")
    eval "$link"
    strip --strip-debug "$bench"
fi

if [ "$workload" = standalone ]; then
    cat > "$out/mini-lua.c" <<'C'
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
int main(int argc, char **argv) {
    if (argc < 2) return 2;
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    if (luaL_dofile(L, argv[1]) != LUA_OK) { fprintf(stderr, "%s\n", lua_tostring(L, -1)); return 1; }
    lua_close(L);
    return 0;
}
C
    cc -O2 $(pkg-config --cflags lua5.4) -o "$out/mini-lua" "$out/mini-lua.c" "$lua_a" -lm
    "$bench" --emit-lua "$count" > "$out/standalone.lua"
    command=("$out/mini-lua" "$out/standalone.lua")
else
    command=("$bench" --profile "$workload" --count "$count" "$@")
fi

name="$workload-$count${1:+-nohook}"
valgrind --tool=callgrind --callgrind-out-file="$out/$name.callgrind" "${command[@]}" 2>&1 | grep -E 'refs|error' || true
callgrind_annotate "$out/$name.callgrind" 2>/dev/null | sed -n '20,60p' > "$out/$name.self.txt"
callgrind_annotate --inclusive=yes "$out/$name.callgrind" 2>/dev/null | sed -n '20,90p' > "$out/$name.inclusive.txt"
echo "profile: $out/$name.callgrind"
echo "summaries: $out/$name.self.txt (exclusive), $out/$name.inclusive.txt (inclusive)"
head -30 "$out/$name.self.txt" | cut -c1-150
