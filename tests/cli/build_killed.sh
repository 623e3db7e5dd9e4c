#!/usr/bin/env bash
# A build killed with SIGKILL at random moments, again and again, leaves each time a database
# that opens, passes xapian-check, answers searches and still holds every article it held
# after the kill before (what was committed is never lost); building again completes it to
# the count of an uninterrupted build. NEWSIDX_KILL_SEED repeats a run (its seed is printed).
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
archive=$work/archive-killed
make_archive "$archive" 30
expected=$((36 * 30))
seed=${NEWSIDX_KILL_SEED:-$$}
RANDOM=$seed
echo "seed $seed"
# The ids of the articles in the archive, sorted.
ids_in() {
    for d in $(databases); do
        xapian-delve -a -1 "$d" | sed -n 's/^Q//p'
    done | sort
}
# Every way of writing: one writer, parallel shards merged at the end, and a sharded archive
# (whose meta database, with the file states, commits after the shards: an article whose
# file is recorded as indexed is never lost).
for way in "--shard-min-files 100000" "--shard-min-files 0" "--shards 3"; do
db=$work/killed.db
rm -rf "$db"
# The databases to check: the folder, or the meta database and the shards of a stub.
databases() { if [ -f "$db/XAPIANDB" ]; then echo "$db"/meta "$db"/shard-*; else echo "$db"; fi; }
committed=$work/committed.ids
: >"$committed"
for kill in 1 2 3 4 5 6; do
    ms=$((200 + RANDOM % 1000))
    delay=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
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
    ids_in >"$work/now.ids"
    lost=$(comm -23 "$committed" "$work/now.ids" | head -3)
    [ -z "$lost" ] || fail "$way, killed at ${delay}s: articles committed before are gone: $lost"
    mv "$work/now.ids" "$committed"
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
