#!/usr/bin/env bash
# Scale-out benchmark: how long `newsidx build` takes into one database and into shards, and
# how fast the same queries are answered by one database, a stub over local shards, and
# remote shards served by xapian-tcpsrv on loopback. See bench/README.md.
#
#   bench/shards.sh [--shards S] [--rounds R] [--work DIR] [N]     N articles (default 20000)
#
# Builds newsidx in Release into build-bench/, generates the archive once into DIR (default
# /tmp/newsidx-bench-shards/N), times R rounds (default 3; median shown) of first builds and
# of updates (half the archive added to the other half) into one database and into S shards
# (default 2), then runs bench/query_bench.py (1,000 queries, 3 rounds) on one database, the
# stub and remote shards. Run it on an otherwise idle machine: the cores are what is measured.
set -euo pipefail

usage() { sed -n '6,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
N=20000
SHARDS=2
ROUNDS=3
WORK=""
while [ $# -gt 0 ]; do
    case "$1" in
        --shards) SHARDS="${2:?--shards needs a number}"; shift 2 ;;
        --rounds) ROUNDS="${2:?--rounds needs a number}"; shift 2 ;;
        --work) WORK="${2:?--work needs a folder}"; shift 2 ;;
        -h|--help) usage ;;
        [0-9]*) N="$1"; shift ;;
        *) echo "shards.sh: unknown argument: $1" >&2; usage ;;
    esac
done
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/newsidx-bench-shards/$N}"
NEWSIDX="$ROOT/build-bench/bin/newsidx"
SEARCH="$ROOT/build-bench/bin/newsidx-search"
say() { printf '== %s\n' "$*" >&2; }
doc_count() { xapian-delve "$1" | sed -n 's/^number of documents = //p'; }

mkdir -p "$WORK"
say "building newsidx (Release) in build-bench/"
(cd "$ROOT" && cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    >/dev/null && cmake --build build-bench -j"$(nproc)" >/dev/null) 2>"$WORK/build.log" ||
    { echo "shards.sh: build failed: see $WORK/build.log" >&2; exit 1; }
STAMP="$N $(md5sum <"$ROOT/bench/generate.py" | cut -d' ' -f1)"
if [ "$(cat "$WORK/.generated" 2>/dev/null)" != "$STAMP" ]; then
    say "generating $N articles into $WORK/articles (not timed)"
    rm -rf "$WORK/articles" "$WORK/articles.jsonl"
    python3 "$ROOT/bench/generate.py" --count "$N" --out "$WORK/articles" \
        --jsonl "$WORK/articles.jsonl" >/dev/null
    echo "$STAMP" >"$WORK/.generated"
fi
find "$WORK/articles" -name '*.txt' -exec cat {} + >/dev/null  # the page cache, for all

# ---- Builds, alternating, each into a fresh folder:
#   one         one database, as newsidx builds it first (parallel import shards merged by
#               compaction: bench/README.md)
#   one-writer  one database written by one writer, as every later build is
#   shards      --shards S: a writer thread per shard
# then updates: half the archive built (not timed), the other half added (timed), into one
# database (one writer: it is not empty) and into shards.
half=()
for dir in "$WORK"/articles/*/; do
    [ ${#half[@]} -lt $(($(ls -d "$WORK"/articles/*/ | wc -l) / 2)) ] && half+=("$dir")
done
[ ${#half[@]} -gt 0 ] || half=("$WORK"/articles/000)
timed() {  # timed LABEL DB EXPECTED FLAGS... -- INPUTS...
    local label=$1 db=$2 expected=$3 seconds kb
    shift 3
    sync
    /usr/bin/time -f '%e %M' -o "$WORK/time" "$NEWSIDX" build --db "$db" "$@" >"$WORK/out" 2>/dev/null
    grep -q "^$expected changed" "$WORK/out" || { cat "$WORK/out"; exit 1; }
    read -r seconds kb <"$WORK/time"
    echo "$label $seconds $kb $(cut -d' ' -f1 /proc/loadavg) $expected" >>"$WORK/times"
    say "round $round, $label: $seconds s, $((kb / 1024)) MB peak RSS"
}
: >"$WORK/times"
for round in $(seq 1 "$ROUNDS"); do
    for layout in one one-writer shards; do
        rm -rf "$WORK/$layout.db"
        flags=()
        [ "$layout" = one-writer ] && flags=(--shard-min-files 100000000)
        [ "$layout" = shards ] && flags=(--shards "$SHARDS")
        timed "$layout" "$WORK/$layout.db" "$N" "${flags[@]}" "$WORK/articles"
    done
    for layout in one shards; do
        db="$WORK/update-$layout.db"
        rm -rf "$db"
        flags=()
        [ "$layout" = shards ] && flags=(--shards "$SHARDS")
        "$NEWSIDX" build -q --db "$db" "${flags[@]}" "${half[@]}" >/dev/null
        added=$(($(find "$WORK/articles" -name '*.txt' | wc -l) - $(doc_count "$db")))
        timed "update-$layout" "$db" "$added" "$WORK/articles"
    done
done
rm -rf "$WORK"/update-*.db "$WORK/one-writer.db"

# The first build of one database ends compacted (its import merges by compaction); the
# shards are compacted here, as a deployment would, so that the queries compare like with like.
/usr/bin/time -f '%e' -o "$WORK/compact-time" "$NEWSIDX" compact --db "$WORK/shards.db" >/dev/null

# ---- Queries: the same workload on one database, the local stub, and remote shards.
servers=()
cleanup() { for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
cp -r "$WORK/shards.db/meta" "$WORK/meta"  # a searcher's own copy (README, Scale-out)
echo "auto meta" >"$WORK/remote.stub"
for ((k = 0; k < SHARDS; k++)); do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # A process group of its own: on SIGTERM xapian-tcpsrv ends its whole group.
    setsid xapian-tcpsrv --quiet --port "$port" --interface 127.0.0.1 \
        "$WORK/shards.db/shard-$k" >"$WORK/tcpsrv-$k.log" 2>&1 &
    servers+=("$!")
    echo "remote 127.0.0.1:$port" >>"$WORK/remote.stub"
done
sleep 1
say "queries: one database, local stub, remote shards"
python3 "$ROOT/bench/query_bench.py" --search "$SEARCH" --db "$WORK/one.db" \
    --also "stub=$WORK/shards.db" --also "remote=$WORK/remote.stub" \
    --jsonl "$WORK/articles.jsonl" >"$WORK/queries.txt"

{
    echo "newsidx scale-out benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
    echo "archive: $N articles, $(du -sb "$WORK/articles" | cut -f1) bytes; --shards $SHARDS"
    awk '{s[$1] = s[$1] " " $2; r[$1] = r[$1] " " $3; n[$1] = $5}
        function median(list,   a, k, i, j, t) {
            k = split(list, a, " ")
            for (i = 2; i <= k; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
            return a[int((k + 1) / 2)]
        }
        END {
            split("one one-writer shards update-one update-shards", order, " ")
            for (i = 1; i <= 5; i++) {
                l = order[i]
                printf "%-14s %6d articles: median %7.1f s, %6.0f articles/s, peak RSS %4.0f MB\n", l, n[l], median(s[l]), n[l] / median(s[l]), median(r[l]) / 1024
            }
            printf "first build, shards / one database: %.2fx; / one writer: %.2fx\n", median(s["one"]) / median(s["shards"]), median(s["one-writer"]) / median(s["shards"])
            printf "update, shards / one database: %.2fx\n", median(s["update-one"]) / median(s["update-shards"])
        }' "$WORK/times"
    echo "all builds (layout, seconds, peak RSS KB, load average before, articles):"
    sed 's/^/  /' "$WORK/times"
    echo "newsidx compact of the shards: $(cat "$WORK/compact-time") s"
    echo "index size: one $(du -sb "$WORK/one.db" | cut -f1) bytes, shards (compacted)" \
        "$(du -sb "$WORK/shards.db" | cut -f1) bytes"
    cat "$WORK/queries.txt"
} | tee "$WORK/results.txt"
