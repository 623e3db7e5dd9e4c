#!/usr/bin/env bash
# JSON Lines from standard input: good lines indexed, bad lines reported as -:LINE.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
db=$work/stdin.db
rm -rf "$db" && mkdir -p "$work"
printf '%s\n' '{"id":"s1","title":"Pipeline talks resume","body":"Gas \u2013 at last."}' \
    '{"id":"s2","title":"No body"}' 'not json' '{"id":"s3"}' |
    "$newsidx" build --db "$db" - >"$work/stdin.out" 2>"$work/stdin.err"
status=$?
[ "$status" -eq 2 ] || fail "exit $status, expected 2 (two bad lines)"
grep -qx 'newsidx: -:3: invalid JSON' "$work/stdin.err" || fail "$(cat "$work/stdin.err")"
grep -qx 'newsidx: -:4: missing title' "$work/stdin.err" || fail "$(cat "$work/stdin.err")"
grep -q '^2 changed, 0 unchanged, 0 removed, 2 skipped' "$work/stdin.out" || fail "$(cat "$work/stdin.out")"
[ "$("$search" --db "$db" --format ids pipeline)" = s1 ] || fail "s1 not found"
exit 0
