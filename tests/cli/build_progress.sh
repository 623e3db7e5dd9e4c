#!/usr/bin/env bash
# Issue 18 (18): the progress line on a terminal says how far the build is: "N of M files
# (P%)", articles in the singular for one, and is cleared before the summary.
set -u
. tests/cli/lib.sh
newsidx=$1 work=$3/progress
rm -rf "$work" && mkdir -p "$work"
make_archive "$work/archive" 20  # 20 x 36 articles: long enough for a line to be drawn
total=$(find "$work/archive" -name '*.txt' | wc -l)
# script(1) gives the build a terminal; -j 1 and small batches keep it going a while.
script -qec "$newsidx build -j 1 --batch-size 50 --db $work/db $work/archive" /dev/null \
    >"$work/tty" 2>&1 || fail "build: $(tail -c 300 "$work/tty")"
tr '\r' '\n' <"$work/tty" | sed 's/\x1b\[K//g' >"$work/lines"
grep -q " of $total files ([0-9]*%), [0-9]* articles, " "$work/lines" ||
    fail "no progress line with a total: $(head -5 "$work/lines")"
grep -q "^$total changed, 0 unchanged" "$work/lines" ||
    fail "no summary: $(tail -c 300 "$work/tty")"
exit 0
