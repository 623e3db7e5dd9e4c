#!/usr/bin/env bash
# Colour on a terminal (script(1) gives the searcher one), never with NO_COLOR or in a pipe.
set -u
search=$2 db=$NEWSIDX_WORK/corpus.db
esc=$'\e['
fail() { echo "FAIL: $*"; exit 1; }
tty_out=$(script -qec "NO_COLOR= $search --db $db -n 1 pipeline" /dev/null)
[[ "$tty_out" == *"$esc"* ]] || fail "no colour on a terminal"
no_color=$(script -qec "NO_COLOR=1 $search --db $db -n 1 pipeline" /dev/null)
[[ "$no_color" != *"$esc"* ]] || fail "colour despite NO_COLOR"
piped=$("$search" --db "$db" -n 1 pipeline | cat)
[[ "$piped" != *"$esc"* ]] || fail "colour in a pipe"
forced=$("$search" --db "$db" -n 1 --color always pipeline)
[[ "$forced" == *"${esc}1;31mpipeline"* ]] || fail "--color always does not highlight"
exit 0
