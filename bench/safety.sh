#!/usr/bin/env bash
# Attacks newsidx as a careful operator would, and prints what held (issue #15):
#   kills     SIGKILL at random moments during builds (one writer, the parallel import,
#             hash shards, year shards), compacts and removals; after each kill every
#             database passes xapian-check and holds every article it held after the kill
#             before; a build again converges on exactly the content of a build never
#             interrupted (ids and document data)
#   writers   a compact, a build --wait and a third writer (build or rm) at once, with
#             searchers running: the third is refused or runs alone, nothing is corrupt,
#             every search answers
#   disk full builds, imports, compacts and removals on a small tmpfs filled up: every
#             database stays at a commit and passes xapian-check, and a build once there is
#             room converges
# Usage: bash bench/safety.sh [KILLS_PER_WAY] (default 12); NEWSIDX_BIN (default build/bin)
# holds newsidx and newsidx-search. Root is needed for the disk-full part (a tmpfs).
set -u
cd "$(dirname "$0")/.."
. tests/cli/lib.sh
kills=${1:-12}
bin=${NEWSIDX_BIN:-build/bin}
newsidx=$bin/newsidx search=$bin/newsidx-search
[ -x "$newsidx" ] && [ -x "$search" ] || { echo "no binaries in $bin: build first" >&2; exit 2; }
work=${NEWSIDX_SAFETY_WORK:-/tmp/newsidx-safety}
mkdir -p "$work"
archive=$work/archive
make_archive "$archive" 60
seed=${NEWSIDX_SAFETY_SEED:-$$}
RANDOM=$seed
echo "seed $seed, $(find "$archive" -name '*.txt' | wc -l) articles"
failures=0
problem() { echo "PROBLEM: $*"; failures=$((failures + 1)); }

databases() {  # the folders to xapian-check: one database, or those its stub lists
    if [ -f "$1/XAPIANDB" ]; then sed -n "s#^auto #$1/#p" "$1/XAPIANDB"; else echo "$1"; fi
}
checked() {  # checked DB: every database passes xapian-check
    local d
    for d in $(databases "$1"); do
        [ -d "$d" ] || continue
        xapian-check "$d" >/dev/null 2>&1 || return 1
    done
}
content() {  # content DB: "id data-hash" of every article, sorted
    /usr/bin/python3 - "$1" <<'EOF'
import hashlib, sys, xapian
db = xapian.Database(sys.argv[1])
rows = []
for post in db.postlist(""):
    doc = db.get_document(post.docid)
    ids = [t.term for t in doc.termlist() if t.term.startswith(b"Q")]
    rows.append("%s %s" % (ids[0].decode(), hashlib.md5(doc.get_data()).hexdigest()))
if rows:
    print("\n".join(sorted(rows)))
EOF
}
ids_of() { content "$1" | cut -d' ' -f1; }
# A first build killed before it made the database (or the shards' stub) leaves no database to
# check: the next build must make it.
made() { [ -e "$1/iamglass" ] || [ -e "$1/XAPIANDB" ]; }

# 1. Kills.
killed=0 survived=0
for way in "--shard-min-files 100000" "-j 2 --shard-min-files 0" "--shards 3" "--shard-by year"; do
    ref=$work/ref.db db=$work/kill.db
    rm -rf "$ref" "$db" "$db".*
    # shellcheck disable=SC2086
    "$newsidx" build -q $way --db "$ref" "$archive" >/dev/null 2>&1
    content "$ref" >"$work/ref.content"
    : >"$work/committed"
    for _ in $(seq 1 "$kills"); do
        op=$((RANDOM % 4))
        made "$db" || op=0
        # Compacts and removals take a fraction of a build's time: kill them sooner.
        if [ "$op" -le 1 ]; then ms=$((50 + RANDOM % 1500)); else ms=$((5 + RANDOM % 250)); fi
        made "$db" || ms=$((5 + RANDOM % 40))  # about when Xapian creates the database
        if [ "$op" -le 1 ]; then
            for _ in 1 2 3; do touch "$archive"/copy$((1 + RANDOM % 60))/*.txt; done
            # shellcheck disable=SC2086
            "$newsidx" build -q --batch-size 40 $way --db "$db" "$archive" >/dev/null 2>&1 &
        elif [ "$op" = 2 ]; then
            "$newsidx" compact --db "$db" >/dev/null 2>&1 &
        else
            # Removed, then brought back by touching their files (the build after the kill).
            k=$((1 + RANDOM % 60))
            "$newsidx" rm --db "$db" $(cd "$archive/copy$k" && ls | sed 's/\.txt$//') \
                >/dev/null 2>&1 &
            touch "$archive/copy$k"/*.txt
        fi
        pid=$!
        sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
        kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
        wait "$pid" 2>/dev/null
        made "$db" || continue
        if ! checked "$db"; then
            problem "$way: xapian-check fails after a kill (op $op at ${ms} ms)"
            continue
        fi
        # A build loses nothing committed, a compact changes nothing, rm only removes.
        ids_of "$db" >"$work/now"
        lost=$(comm -23 "$work/committed" "$work/now" | wc -l)
        added=$(comm -13 "$work/committed" "$work/now" | wc -l)
        if [ "$op" -le 1 ] && [ "$lost" != 0 ]; then
            problem "$way: $lost committed articles lost after a killed build"
        elif [ "$op" = 2 ] && [ "$lost$added" != 00 ]; then
            problem "$way: a killed compact changed the articles (-$lost +$added)"
        elif [ "$op" = 3 ] && [ "$added" != 0 ]; then
            problem "$way: a killed rm added $added articles"
        fi
        mv "$work/now" "$work/committed"
        survived=$((survived + 1))
    done
    touch "$archive"/copy*/*.txt
    # shellcheck disable=SC2086
    "$newsidx" build -q $way --db "$db" "$archive" >/dev/null 2>"$work/final.err" ||
        problem "$way: the build after the kills failed: $(head -3 "$work/final.err")"
    content "$db" >"$work/now.content"
    cmp -s "$work/ref.content" "$work/now.content" ||
        problem "$way: after the kills a build gives other content than one never interrupted"
done
echo "kills: $killed SIGKILLs, $survived checked databases passed, $failures problems"

# 2. Writers at once, with searchers.
rounds=0 refused=0 alone=0 searches=0 failed_searches=0
db=$work/writers.db
rm -rf "$db" "$db".*
"$newsidx" build -q --db "$db" "$archive" >/dev/null 2>&1
for round in $(seq 1 "$kills"); do
    rounds=$((rounds + 1))
    touch "$work/searching"
    (
        n=0
        while [ -e "$work/searching" ]; do
            "$search" --db "$db" --count pipeline >/dev/null 2>>"$work/search.err"
            [ $? -le 1 ] || echo x >>"$work/search.failed"
            n=$((n + 1))
        done
        echo "$n" >>"$work/search.count"
    ) &
    "$newsidx" compact --db "$db" >/dev/null 2>&1 &
    compact=$!
    sleep 0.0$((RANDOM % 9))
    touch "$archive"/copy$((1 + RANDOM % 60))/*.txt
    "$newsidx" build -q --wait --db "$db" "$archive" >"$work/waiter.err" 2>&1 &
    waiter=$!
    wait "$compact"
    if [ $((round % 2)) = 0 ]; then
        "$newsidx" rm --db "$db" no-such-id >/dev/null 2>"$work/third.err"
    else
        "$newsidx" build -q --db "$db" "$archive" >/dev/null 2>"$work/third.err"
    fi
    third=$?
    wait "$waiter" || problem "writers round $round: the waiting build failed: $(cat "$work/waiter.err")"
    if grep -q "is locked" "$work/third.err"; then refused=$((refused + 1)); else alone=$((alone + 1)); fi
    [ "$third" -le 2 ] || problem "writers round $round: the third writer exited $third"
    grep -qv "is locked\|no article with id" "$work/third.err" &&
        problem "writers round $round: $(cat "$work/third.err")"
    rm -f "$work/searching"
    wait
    checked "$db" || problem "writers round $round: xapian-check fails"
done
searches=$(awk '{ n += $1 } END { print n }' "$work/search.count")
failed_searches=$(cat "$work/search.failed" 2>/dev/null | wc -l)
rm -f "$work/search.count" "$work/search.failed"
[ "$failed_searches" = 0 ] || problem "$failed_searches searches failed: $(sort "$work/search.err" | uniq -c | head -3)"
rm -f "$work/search.err"
echo "writers: $rounds rounds (third writer refused $refused times, ran alone $alone), $searches searches meanwhile, $failed_searches failed"

# 3. Disk full.
cases=0
fs=$work/fs
mkdir -p "$fs"
mountpoint -q "$fs" && umount "$fs"
if mount -t tmpfs -o size=64m tmpfs "$fs" 2>/dev/null; then
    fill() { head -c 200M /dev/zero >"$fs/filler" 2>/dev/null; }
    db=$fs/news.db
    for way in "--shard-min-files 100000" "-j 2 --shard-min-files 0" "--shards 3" \
        "--shard-by year" compact rm; do
        rm -rf "$db" "$db".* "$fs/filler"
        case $way in
        compact | rm)
            "$newsidx" build -q --db "$db" "$archive" >/dev/null 2>&1
            fill
            if [ "$way" = compact ]; then
                "$newsidx" compact --db "$db" >/dev/null 2>&1
            else
                "$newsidx" rm --db "$db" $(cd "$archive/copy1" && ls | sed 's/\.txt$//') >/dev/null 2>&1
            fi
            ;;
        *)
            # shellcheck disable=SC2086
            "$newsidx" build -q --batch-size 50 $way --db "$db" "$archive" >/dev/null 2>&1 &
            pid=$!
            sleep 0.$((2 + RANDOM % 6))
            fill
            wait "$pid"
            ;;
        esac
        cases=$((cases + 1))
        checked "$db" || problem "disk full ($way): xapian-check fails"
        [ ! -e "$db.import" ] && [ ! -e "$db.compacting" ] || problem "disk full ($way): a work folder is left"
        rm -f "$fs/filler"
        touch "$archive"/copy1/*.txt
        "$newsidx" build -q --db "$db" "$archive" >/dev/null 2>&1 ||
            problem "disk full ($way): the build with room again failed"
        [ "$(doc_count "$db")" = "$(find "$archive" -name '*.txt' | wc -l)" ] ||
            problem "disk full ($way): $(doc_count "$db") articles after"
    done
    umount "$fs"
else
    echo "disk full: skipped (cannot mount a tmpfs)"
fi
echo "disk full: $cases cases"
echo "problems: $failures"
[ "$failures" = 0 ]
