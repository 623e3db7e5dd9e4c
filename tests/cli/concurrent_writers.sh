#!/usr/bin/env bash
# Regression: issue #15, items 1 and 2. Writers that run at the same time never write one
# database together, whatever swaps a compact or a first build's import makes:
#  - a compact running, a `build --wait` waiting for it, then a third writer (build, rm):
#    the third is refused while the waiter builds, the waiter succeeds, the database passes
#    xapian-check and holds every article;
#  - a first build's parallel import with a `build --wait` started beside it: both succeed,
#    with the count of one build and no import folder left;
#  - two files that give the same id across the import's shards: one article, a warning,
#    and no duplicate left by an import killed at any moment;
#  - a database holding two documents of one id (as an older version could leave): the
#    next build keeps the later one and says so.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
archive=$work/archive-concurrent
make_archive "$archive" 40
more=$work/concurrent-more
rm -rf "$more" && mkdir -p "$more"
for f in "$archive"/copy1*/*.txt "$archive"/copy2*/*.txt; do
    cp "$f" "$more/m_$(basename "$f")"
done
articles=$((36 * 40))
added=$(find "$more" -name '*.txt' | wc -l)
db=$work/concurrent.db

check_db() {  # check_db EXPECTED_COUNT WHAT: one database, or each its stub lists
    local d
    for d in $(if [ -f "$db/XAPIANDB" ]; then sed -n "s#^auto #$db/#p" "$db/XAPIANDB"; else echo "$db"; fi); do
        xapian-check "$d" >/dev/null 2>&1 || fail "$2: xapian-check $d fails"
    done
    [ "$(doc_count "$db")" -eq "$1" ] || fail "$2: $(doc_count "$db") articles, expected $1"
}

# 1. compact, a waiting build, a third writer; on one database and on shards (where compact
#    swaps each shard's folder inside the archive's).
#    The database is large enough for the compact to outlast the waiter's start.
big=$work/archive-concurrent-big
make_archive "$big" 100
for layout in "" "--shards 2"; do
rm -rf "$db.big"
# shellcheck disable=SC2086
"$newsidx" build -q $layout --db "$db.big" "$big" >/dev/null || fail "the first build failed"
conclusive=0
for attempt in 1 2 3 4 5 6; do
    rm -rf "$db" "$db".compacting
    cp -a "$db.big" "$db"
    "$newsidx" compact --db "$db" >"$work/compact.out" 2>&1 &
    compact=$!
    for _ in $(seq 1 500); do
        [ -e "$db.compacting" ] || compgen -G "$db/*.compacting" >/dev/null && break
        sleep 0.01
    done
    "$newsidx" build -q --wait --db "$db" "$big" "$more" >"$work/waiter.out" 2>&1 &
    waiter=$!
    wait "$compact" || fail "compact failed: $(cat "$work/compact.out")"
    # The waiter now locks the compacted database (flock gives a lock to no one in
    # particular: a writer started now could get it first), and builds into it: nobody
    # else may write it meanwhile. (When the lock was on the folder swapped out, the waiter
    # held a lock nobody else looked at.)
    held=0
    for _ in $(seq 1 50); do
        flock -n "$db" true 2>/dev/null || { held=1; break; }
        sleep 0.01
    done
    kill -0 "$waiter" 2>/dev/null || { wait "$waiter"; continue; }
    "$newsidx" rm --db "$db" c3_100_c809ca34303675c3 >"$work/rm.out" 2>&1
    rm_status=$?
    "$newsidx" build -q --db "$db" "$big" >"$work/third.out" 2>&1
    third_status=$?
    running=0
    kill -0 "$waiter" 2>/dev/null && running=1
    wait "$waiter" || fail "$layout: the waiting build failed: $(cat "$work/waiter.out")"
    removed=0
    [ "$rm_status" = 0 ] && removed=1  # it ran after the waiter: allowed
    check_db $((36 * 100 + added - removed)) "$layout: after compact and a waiting build"
    # Not seen holding the lock, or done before the others ran: they may have run alone.
    [ "$held" = 1 ] && [ "$running" = 1 ] || continue
    [ "$rm_status" = 2 ] && grep -q "is locked by another build, rm or compact" "$work/rm.out" ||
        fail "$layout: rm during the waiting build: exit $rm_status, $(cat "$work/rm.out")"
    [ "$third_status" = 2 ] && grep -q "is locked by another build" "$work/third.out" ||
        fail "$layout: a third build during the waiting build: exit $third_status, $(cat "$work/third.out")"
    conclusive=1
    break
done
[ "$conclusive" = 1 ] || echo "note: $layout: the waiting build never outlasted the compact; case 1 inconclusive"
"$newsidx" rm --db "$db" c3_100_c809ca34303675c3 >/dev/null 2>&1
check_db $((36 * 100 + added - 1)) "$layout: after rm"
done
rm -rf "$db.big"

# 2. a first build's parallel import, and a build --wait beside it.
for attempt in 1 2 3; do
    rm -rf "$db" "$db".*
    # Both wait: whichever locks first imports, the other then finds every file indexed.
    "$newsidx" build -q --wait -j 2 --shard-min-files 0 --db "$db" "$archive" \
        >"$work/import.out" 2>&1 &
    import=$!
    sleep 0.$((1 + RANDOM % 5))
    "$newsidx" build -q --wait -j 2 --shard-min-files 0 --db "$db" "$archive" \
        >"$work/waiter.out" 2>&1 || fail "attempt $attempt: the waiting build failed: $(cat "$work/waiter.out")"
    wait "$import" || fail "attempt $attempt: the import failed: $(cat "$work/import.out")"
    check_db "$articles" "attempt $attempt: import and a waiting build"
    [ ! -e "$db.import" ] || fail "attempt $attempt: $db.import left behind"
done

# 3. the same id from two files, in different shards of the import; kills at any moment.
twins=$work/concurrent-twins
rm -rf "$twins" && mkdir -p "$twins/a" "$twins/z"
cp -r "$archive"/copy1 "$archive"/copy2 "$twins/a/"
cp -r "$archive"/copy1 "$twins/z/"  # 36 names again: z/ comes last and wins
rm -rf "$db" "$db".*
"$newsidx" build -q -j 2 --shard-min-files 0 --db "$db" "$twins" >/dev/null 2>"$work/twins.err"
grep -q "warning: .*z/copy1/c1_100_c809ca34303675c3.txt: id c1_100_c809ca34303675c3 also read from .*a/copy1/c1_100_c809ca34303675c3.txt; this one replaces it" \
    "$work/twins.err" || fail "no warning of the same id in two import shards: $(head -3 "$work/twins.err")"
check_db 72 "the same ids in two import shards"
"$search" --db "$db" -f json show c1_100_c809ca34303675c3 | grep -q '"source":"[^"]*/z/copy1/' ||
    fail "the earlier file's article won"
for kill in 1 2 3 4 5; do
    rm -rf "$db" "$db".*
    "$newsidx" build -q -j 2 --shard-min-files 0 --batch-size 20 --db "$db" "$twins" \
        >/dev/null 2>&1 &
    pid=$!
    sleep 0.$((RANDOM % 9))
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    "$newsidx" build -q -j 2 --shard-min-files 0 --db "$db" "$twins" >/dev/null 2>"$work/again.err" ||
        fail "killed import of twins ($kill): the next build failed: $(cat "$work/again.err")"
    check_db 72 "killed import of twins ($kill), built again"
done

# 3b. killed while Xapian was creating the database (the lock file, empty tables, v.tmp and no
#     iamglass, as a kill a few milliseconds in leaves it), or before its first commit: the
#     next build creates it again; a table with content is never removed.
for layout in "" "--shards 2"; do
    rm -rf "$db" "$db".*
    created=$db
    [ -n "$layout" ] && created=$db/shard-1
    mkdir -p "$created"
    : >"$created/flintlock"; : >"$created/postlist.glass"; : >"$created/termlist.glass"
    printf 'half a version file' >"$created/v.tmp"
    # shellcheck disable=SC2086
    "$newsidx" build -q $layout --db "$db" "$twins/z" >/dev/null 2>"$work/again.err" ||
        fail "$layout: a build after a killed creation failed: $(cat "$work/again.err")"
    check_db 36 "$layout: a build after a killed creation"
done
# ...and killed before the first commit of a sharded archive's meta database.
rm -rf "$db" && mkdir -p "$db"
/usr/bin/python3 -c 'import sys, xapian; xapian.WritableDatabase(sys.argv[1], xapian.DB_CREATE).close()' \
    "$db/meta" || fail "could not create a meta database"
"$newsidx" build -q --shards 2 --db "$db" "$twins/z" >/dev/null 2>"$work/again.err" ||
    fail "a build after a killed first commit of the meta database failed: $(cat "$work/again.err")"
check_db 36 "a build after a killed first commit of the meta database"
rm -rf "$db" && mkdir -p "$db" && : >"$db/flintlock" && echo content >"$db/postlist.glass"
"$newsidx" build -q --db "$db" "$twins/z" >/dev/null 2>&1 && fail "a table with content was replaced"
[ "$(cat "$db/postlist.glass")" = content ] || fail "a table with content was removed"

# 4. two documents of one id in the database: the next build repairs it.
rm -rf "$db" "$db".*
"$newsidx" build -q --db "$db" "$archive/copy1" >/dev/null || fail "build of copy1 failed"
/usr/bin/python3 - "$db" <<'EOF' || fail "could not add a duplicate"
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
post = next(iter(db.postlist("Qc1_100_c809ca34303675c3")))
db.add_document(db.get_document(post.docid))
db.set_metadata("newsidx:ids_checked", "")  # as an older version left it
db.commit()
EOF
[ "$(doc_count "$db")" -eq 37 ] || fail "the duplicate was not added"
"$newsidx" build -q --db "$db" "$archive/copy1" >/dev/null 2>"$work/repair.err"
grep -q "warning: .*c1_100_c809ca34303675c3.txt: id c1_100_c809ca34303675c3 also read from" \
    "$work/repair.err" || fail "the repair is not reported: $(cat "$work/repair.err")"
check_db 36 "a build after a duplicate"
exit 0
