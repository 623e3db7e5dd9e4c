#!/usr/bin/env bash
# Regression: issue #15, item 7. What would hang a build: a FIFO given as input (in a folder
# or by name), a .jsonl link to /dev/zero, standard input that sends nothing (SIGTERM must
# still stop the build), an endless line on standard input. Each ends within seconds.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
dir=$work/hangs
db=$work/hangs.db
rm -rf "$dir" "$db" && mkdir -p "$dir"
cp corpus/100_c809ca34303675c3.txt "$dir/"
mkfifo "$dir/feed.jsonl" "$dir/named.txt"
ln -s /dev/zero "$dir/zero.jsonl"
timeout 20 "$newsidx" build -q --db "$db" "$dir" >"$work/hangs.out" 2>"$work/hangs.err"
status=$?
[ "$status" = 2 ] || fail "a folder with a FIFO and a link to /dev/zero: exit $status"
grep -qx "newsidx: $dir/feed.jsonl: not a regular file (a FIFO)" "$work/hangs.err" ||
    fail "no line for the FIFO: $(cat "$work/hangs.err")"
grep -qx "newsidx: $dir/zero.jsonl: not a regular file (a character device)" "$work/hangs.err" ||
    fail "no line for the link to /dev/zero: $(cat "$work/hangs.err")"
[ "$(doc_count "$db")" -eq 1 ] || fail "the regular file was not indexed"
timeout 20 "$newsidx" build -q --db "$db" "$dir/named.txt" >/dev/null 2>"$work/hangs.err"
status=$?
[ "$status" = 2 ] || fail "a FIFO named: exit $status"
grep -qx "newsidx: $dir/named.txt: not a regular file (a FIFO)" "$work/hangs.err" ||
    fail "no line for the FIFO named: $(cat "$work/hangs.err")"

# Standard input that sends nothing: SIGTERM stops the build, which commits and says so.
"$newsidx" build -q --db "$db" - < <(exec sleep 60) >"$work/hangs.out" 2>"$work/hangs.err" &
pid=$!
sleep 1
kill -TERM "$pid"
for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
done
if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
    fail "SIGTERM did not stop a build reading a silent standard input"
fi
wait "$pid"
status=$?
[ "$status" = 2 ] || fail "SIGTERM on a silent standard input: exit $status"
grep -q "interrupted (signal 15)" "$work/hangs.err" || fail "$(cat "$work/hangs.err")"
pkill -f "^sleep 60$" 2>/dev/null

# An endless line on standard input stops at the line limit.
tr '\0' a </dev/zero | timeout 20 "$newsidx" build -q --max-article-size 100000 --db "$db" - \
    >"$work/hangs.out" 2>"$work/hangs.err"
status=${PIPESTATUS[1]}
[ "$status" = 2 ] || fail "an endless line: exit $status"
grep -qx "newsidx: -:1: line too long (over 100000 bytes: see --max-article-size)" \
    "$work/hangs.err" || fail "$(cat "$work/hangs.err")"
exit 0
