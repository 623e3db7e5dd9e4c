#!/usr/bin/env bash
# Query benchmark: newsidx-search in batch mode against SQLite FTS5, on the archive and the
# databases that bench/run.sh left in its work folder. See bench/README.md.
#
#   bench/queries.sh [--work DIR] [--rounds R] [N]     N articles (default 100000)
set -euo pipefail

N=100000
WORK=""
ROUNDS=3
while [ $# -gt 0 ]; do
    case "$1" in
        --work) WORK="${2:?--work needs a folder}"; shift 2 ;;
        --rounds) ROUNDS="${2:?--rounds needs a number}"; shift 2 ;;
        -h|--help) sed -n '5p' "$0" | sed 's/^# *//'; exit 0 ;;
        [0-9]*) N="$1"; shift ;;
        *) echo "queries.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/newsidx-bench/$N}"
for need in "$WORK/db/newsidx.db" "$WORK/db/fts5.sqlite" "$WORK/articles.jsonl"; do
    [ -e "$need" ] || {
        echo "queries.sh: $need is missing: run bench/run.sh $N first" >&2
        exit 2
    }
done
cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$ROOT/build-bench" -j"$(nproc)" --target newsidx-search >/dev/null
python3 "$ROOT/bench/query_bench.py" --search "$ROOT/build-bench/bin/newsidx-search" \
    --db "$WORK/db/newsidx.db" --fts5 "$WORK/db/fts5.sqlite" --jsonl "$WORK/articles.jsonl" \
    --rounds "$ROUNDS" | tee "$WORK/queries.txt"
