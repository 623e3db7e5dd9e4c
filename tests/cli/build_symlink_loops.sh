#!/usr/bin/env bash
# Symbolic link loops are reported (a file) or not followed (a folder); the rest is indexed.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
dir=$work/loops
rm -rf "$dir" "$work/loops.db" && mkdir -p "$dir/sub"
cp corpus/100_c809ca34303675c3.txt "$dir/sub/"
ln -s self.txt "$dir/self.txt"   # a file link to itself
ln -s .. "$dir/sub/up"           # a folder link back up: would loop if followed
"$newsidx" build --db "$work/loops.db" "$dir" >"$work/loops.out" 2>"$work/loops.err"
status=$?
[ "$status" -eq 2 ] || fail "exit $status, expected 2"
grep -qx "newsidx: $dir/self.txt: too many levels of symbolic links" "$work/loops.err" ||
    fail "no line for the loop: $(cat "$work/loops.err")"
[ "$(wc -l <"$work/loops.err")" -eq 1 ] || fail "$(cat "$work/loops.err")"
grep -q '^1 changed, 0 unchanged, 0 removed, 1 skipped' "$work/loops.out" || fail "$(cat "$work/loops.out")"
exit 0
