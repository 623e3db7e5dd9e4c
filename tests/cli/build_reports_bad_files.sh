#!/usr/bin/env bash
# Bad files are reported one line each, skipped, and the good ones are indexed all the same.
set -u
newsidx=$1 search=$2 work=$3
db=$work/bad.db
rm -rf "$db" && mkdir -p "$work"
"$newsidx" build --db "$db" corpus tests/data/bad >"$work/bad.out" 2>"$work/bad.err"
status=$?
fail() { echo "FAIL: $*"; cat "$work/bad.out" "$work/bad.err"; exit 1; }
[ "$status" -eq 2 ] || fail "exit $status, expected 2"
[ "$(wc -l <"$work/bad.err")" -eq 6 ] || fail "expected one stderr line per bad file"
grep -qx 'newsidx: tests/data/bad/feb31.txt:7: impossible date 31.02.2025' "$work/bad.err" ||
    fail "no line for feb31.txt"
grep -qx 'newsidx: tests/data/bad/latin1.txt:3: invalid UTF-8' "$work/bad.err" ||
    fail "no line for latin1.txt"
n=$(find corpus -name '*.txt' | wc -l)
grep -q "^$n changed, 0 unchanged, 0 removed, 6 skipped (" "$work/bad.out" || fail "summary"
[ "$("$search" --db "$db" --count pipeline)" -eq 4 ] || fail "good articles not searchable"
