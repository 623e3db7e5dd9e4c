#!/usr/bin/env bash
# SIGINT and SIGTERM stop a build cleanly: it commits, says so, exits 2; a search running
# meanwhile keeps working and sees committed states only.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
archive=$work/archive-interrupted
make_archive "$archive" 30
for sig in INT TERM; do
    db=$work/interrupted-$sig.db
    rm -rf "$db"
    "$newsidx" build -q --batch-size 40 --db "$db" "$archive" >"$work/int.out" 2>"$work/int.err" &
    pid=$!
    # Search in a loop while the build runs: never an error (exit 2).
    searches=0
    while kill -0 "$pid" 2>/dev/null && [ $searches -lt 200 ]; do
        if [ -f "$db/iamglass" ]; then
            "$search" --db "$db" --count pipeline >/dev/null 2>"$work/search.err"
            [ $? -le 1 ] || fail "search during the build: $(cat "$work/search.err")"
            searches=$((searches + 1))
        fi
        [ $searches -eq 3 ] && kill -s "$sig" "$pid"
        sleep 0.02
    done
    wait "$pid"
    status=$?
    if grep -q interrupted "$work/int.err"; then
        [ "$status" -eq 2 ] || fail "exit $status after SIG$sig, expected 2"
        xapian-check "$db" >/dev/null || fail "xapian-check after SIG$sig"
        echo "SIG$sig: stopped with $(doc_count "$db") articles; $(cat "$work/int.out")"
    else
        echo "SIG$sig: the build finished before the signal"
    fi
done
exit 0
