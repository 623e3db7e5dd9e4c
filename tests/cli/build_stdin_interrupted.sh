#!/usr/bin/env bash
# Issue 18 (14): SIGTERM or SIGINT during `newsidx build -` stops reading standard input at
# once (not when the producer closes the pipe), indexes and commits the lines already read
# (they cannot be read again), says so, and exits 2.
set -u
. tests/cli/lib.sh
newsidx=$1 work=$3/stdin-interrupted
rm -rf "$work" && mkdir -p "$work"
for sig in TERM INT; do
    db=$work/$sig.db
    rm -f "$work/fifo" && mkfifo "$work/fifo"
    (
        echo '{"id": "s-1", "title": "Ferry service resumes", "body": ["The ferry runs."]}'
        echo '{"id": "s-2", "title": "Harbour cranes idle", "body": ["No ship came."]}'
        exec sleep 30  # the pipe stays open
    ) >"$work/fifo" &
    producer=$!
    "$newsidx" build --db "$db" - <"$work/fifo" >"$work/out" 2>"$work/err" &
    build=$!
    for _ in $(seq 1 100); do  # until it has read both lines (they are in its progress)
        [ -e "$db/iamglass" ] && break
        sleep 0.05
    done
    sleep 0.5
    kill -$sig $build
    waited=0
    while kill -0 $build 2>/dev/null && [ $waited -lt 50 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    kill -0 $build 2>/dev/null && fail "SIG$sig: still reading 5 s later"
    wait $build
    code=$?
    kill $producer 2>/dev/null
    [ $code = 2 ] || fail "SIG$sig: exit $code, expected 2"
    grep -q "interrupted (signal" "$work/err" || fail "SIG$sig: not said: $(cat "$work/err")"
    [ "$(doc_count "$db")" = 2 ] || fail "SIG$sig: the lines read were lost: $(doc_count "$db") articles"
done
exit 0
