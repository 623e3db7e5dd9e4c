#!/usr/bin/env bash
# A build killed with SIGKILL at any moment leaves a database that opens, passes xapian-check
# and answers searches; building again completes it to the count of an uninterrupted build.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
archive=$work/archive-killed
make_archive "$archive" 30
expected=$((36 * 30))
# Every way of writing: one writer, parallel shards merged at the end, and a sharded archive
# (whose meta database, with the file states, commits after the shards: an article whose
# file is recorded as indexed is never lost).
for way in "--shard-min-files 100000" "--shard-min-files 0" "--shards 3"; do
db=$work/killed.db
rm -rf "$db"
# The databases to check: the folder, or the meta database and the shards of a stub.
databases() { if [ -f "$db/XAPIANDB" ]; then echo "$db"/meta "$db"/shard-*; else echo "$db"; fi; }
for delay in 0.1 0.4 0.8 1.2 2.0; do
    # shellcheck disable=SC2086
    "$newsidx" build -q --batch-size 40 -j 2 $way --db "$db" "$archive" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ -f "$db/iamglass" ] || [ -f "$db/XAPIANDB" ] || continue  # killed before it made one
    for d in $(databases); do
        xapian-check "$d" >/dev/null || fail "xapian-check $d failed after a kill at ${delay}s"
    done
    "$search" --db "$db" --count pipeline >/dev/null
    [ $? -le 1 ] || fail "search failed after a kill at ${delay}s"
    echo "$way, killed at ${delay}s: $(doc_count "$db") articles committed"
done
# shellcheck disable=SC2086
"$newsidx" build -q $way --db "$db" "$archive" >/dev/null || fail "the completing build failed"
[ "$(doc_count "$db")" -eq "$expected" ] || fail "$(doc_count "$db") articles, expected $expected"
for d in $(databases); do
    xapian-check "$d" >/dev/null || fail "xapian-check $d after completing"
done
[ ! -e "$db.import" ] || fail "shards left behind"
done
exit 0
