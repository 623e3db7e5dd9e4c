#!/usr/bin/env bash
# A build killed with SIGKILL at any moment leaves a database that opens, passes xapian-check
# and answers searches; building again completes it to the count of an uninterrupted build.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
archive=$work/archive-killed
make_archive "$archive" 30
expected=$((36 * 30))
# Both ways of writing: one writer, and parallel shards merged at the end.
for shard_min in 100000 0; do
db=$work/killed.db
rm -rf "$db"
for delay in 0.1 0.4 0.8 1.2 2.0; do
    "$newsidx" build -q --batch-size 40 -j 2 --shard-min-files "$shard_min" --db "$db" "$archive" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ -f "$db/iamglass" ] || continue  # killed before it made the database
    xapian-check "$db" >/dev/null || fail "xapian-check failed after a kill at ${delay}s"
    "$search" --db "$db" --count pipeline >/dev/null
    [ $? -le 1 ] || fail "search failed after a kill at ${delay}s"
    echo "shard-min-files $shard_min, killed at ${delay}s: $(doc_count "$db") articles committed"
done
"$newsidx" build -q --shard-min-files "$shard_min" --db "$db" "$archive" >/dev/null ||
    fail "the completing build failed"
[ "$(doc_count "$db")" -eq "$expected" ] || fail "$(doc_count "$db") articles, expected $expected"
xapian-check "$db" >/dev/null || fail "xapian-check after completing"
[ ! -e "$db.import" ] || fail "shards left behind"
done
exit 0
