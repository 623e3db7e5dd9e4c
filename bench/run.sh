#!/usr/bin/env bash
# Indexing benchmark: newsidx build against Omega's scriptindex and SQLite FTS5 on one
# generated archive. See bench/README.md.
#
#   bench/run.sh [--jobs J] [--work DIR] [N]      N articles (default 100000)
#
# --jobs J is passed to `newsidx build` (default: its own, one thread per core).
# --work DIR holds the archive and the databases (default /tmp/newsidx-bench/N); the archive
# is generated once and reused by later runs with the same N.
set -euo pipefail

usage() { sed -n '5,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

N=100000
JOBS=""
WORK=""
while [ $# -gt 0 ]; do
    case "$1" in
        --jobs|-j) JOBS="${2:?--jobs needs a number}"; shift 2 ;;
        --jobs=*) JOBS="${1#--jobs=}"; shift ;;
        --work) WORK="${2:?--work needs a folder}"; shift 2 ;;
        --work=*) WORK="${1#--work=}"; shift ;;
        -h|--help) usage ;;
        [0-9]*) N="$1"; shift ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage ;;
    esac
done
case "$N" in *[!0-9]*|"") echo "run.sh: N must be a number" >&2; exit 2 ;; esac
[ "$N" -ge 1 ] || { echo "run.sh: N must be at least 1" >&2; exit 2; }

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/newsidx-bench/$N}"
ARTICLES="$WORK/articles"
SI_INPUT="$WORK/articles.scriptindex"
JSONL="$WORK/articles.jsonl"
DBS="$WORK/db"
LOGS="$WORK/log"
NEWSIDX="$ROOT/build-bench/bin/newsidx"
REPEATS=1
[ "$N" -le 20000 ] && REPEATS=3

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }

# ---- 1. Packages -------------------------------------------------------------------------
say "checking packages"
if [ -f "$ROOT/scripts/deps.sh" ]; then
    # The build dependencies of newsidx (g++, cmake, Xapian, ICU, ...).
    . "$ROOT/scripts/deps.sh"
    install_missing_packages
fi
missing=""
for pkg in xapian-omega sqlite3 time python3 cmake; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    say "installing:$missing"
    [ "$(id -u)" -eq 0 ] || die "run as root, or install these packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
python3 - <<'EOF' || die "python3's sqlite3 module has no FTS5"
import sqlite3
sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
EOF

# ---- 2. Build ----------------------------------------------------------------------------
mkdir -p "$WORK" "$DBS" "$LOGS"
say "building newsidx (Release) in build-bench/"
(cd "$ROOT" &&
    cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null &&
    cmake --build build-bench -j2 >/dev/null) 2>"$LOGS/build.log" || die "build failed: see $LOGS/build.log"

# ---- 3. The archive (generated once) -------------------------------------------------------
# The archive is reused while N and generate.py are the same.
STAMP="$N $(md5sum <"$ROOT/bench/generate.py" | cut -d' ' -f1)"
if [ -f "$WORK/.generated" ] && [ "$(cat "$WORK/.generated")" = "$STAMP" ]; then
    say "reusing the archive in $ARTICLES"
else
    say "generating $N articles into $ARTICLES (not timed)"
    rm -rf "$ARTICLES" "$SI_INPUT" "$JSONL" "$WORK/.generated"
    python3 "$ROOT/bench/generate.py" --count "$N" --out "$ARTICLES" \
        --scriptindex "$SI_INPUT" --jsonl "$JSONL"
    echo "$STAMP" >"$WORK/.generated"
fi
FILES=$(find "$ARTICLES" -name '*.txt' | wc -l)
[ "$FILES" -eq "$N" ] || die "$ARTICLES has $FILES .txt files, expected $N (remove $WORK)"
INPUT_BYTES=$(find "$ARTICLES" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')

# ---- 4. Checks: the reader accepts the generated text ---------------------------------------
say "checking that newsidx parse accepts the first articles"
first=$(find "$ARTICLES/000" -name '0000001_*.txt' | head -n 1)
[ -n "$first" ] || die "no $ARTICLES/000/0000001_*.txt"
"$NEWSIDX" parse "$first" >"$LOGS/parse-first.jsonl" || die "newsidx parse $first failed"
"$NEWSIDX" parse "$ARTICLES/000" >"$LOGS/parse-000.jsonl" 2>"$LOGS/parse-000.err" ||
    die "newsidx parse $ARTICLES/000 failed: $(head -n 3 "$LOGS/parse-000.err")"
python3 - "$LOGS/parse-000.jsonl" "$JSONL" <<'EOF' || die "newsidx parse disagrees with the generator"
import json, sys
parsed = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
want = {}
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        a = json.loads(line)
        want[a["id"]] = a
        if len(want) >= 2000:
            break
bad = [a["id"] for a in parsed if want.get(a["id"]) != a]
if bad:
    print(f"{len(bad)} of {len(parsed)} articles differ, e.g. {bad[0]}", file=sys.stderr)
    sys.exit(1)
EOF

# The FTS5 loader: the JSON Lines into one table, in one transaction.
cat >"$WORK/fts5_load.py" <<'EOF'
import json, sqlite3, sys
db, src = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db, isolation_level=None)
con.execute("""CREATE VIRTUAL TABLE articles USING fts5(
    id UNINDEXED, category, title, summary, authors, dateline, highlights, body,
    photo_credit, published UNINDEXED, updated UNINDEXED,
    tokenize='porter unicode61 remove_diacritics 2')""")

def rows():
    with open(src, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            yield (a["id"], a["category"], a["title"], a["summary"], "\n".join(a["authors"]),
                   a["dateline"], "\n".join(a["highlights"]), "\n\n".join(a["body"]),
                   a["photo_credit"], a["published"], a["updated"])

con.execute("BEGIN")
con.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows())
con.execute("COMMIT")
print(con.execute("SELECT count(*) FROM articles").fetchone()[0], "rows")
con.close()
EOF

# ---- 5. Timed runs -----------------------------------------------------------------------
JOBS_ARGS=()
[ -n "$JOBS" ] && JOBS_ARGS=(--jobs "$JOBS")

# Warm the page cache the same way for every tool.
find "$ARTICLES" -name '*.txt' -exec cat {} + >/dev/null
cat "$SI_INPUT" "$JSONL" >/dev/null

# run_tool TOOL REP: indexes into a fresh database, timed; appends a line to $LOGS/times.
run_tool() {
    local tool=$1 rep=$2 load db out="$LOGS/$1.$2.out" err="$LOGS/$1.$2.err"
    case "$tool" in
        newsidx) db="$DBS/newsidx.db" ;;
        scriptindex) db="$DBS/scriptindex.db" ;;
        fts5) db="$DBS/fts5.sqlite" ;;
    esac
    rm -rf "$db" "$db-journal" "$db-wal"
    sync
    load=$(cut -d' ' -f1 /proc/loadavg)
    case "$tool" in
        newsidx) /usr/bin/time -f '%e %M %U %S' -o "$LOGS/time" \
            "$NEWSIDX" build --db "$db" "${JOBS_ARGS[@]}" "$ARTICLES" >"$out" 2>"$err" ||
            die "newsidx build failed (exit $?): $(tail -n 3 "$err") $(cat "$out")" ;;
        scriptindex) /usr/bin/time -f '%e %M %U %S' -o "$LOGS/time" \
            scriptindex --stemmer=english "$db" "$ROOT/bench/omega.script" "$SI_INPUT" \
            >"$out" 2>"$err" || die "scriptindex failed: $(tail -n 3 "$err")" ;;
        fts5) /usr/bin/time -f '%e %M %U %S' -o "$LOGS/time" \
            python3 "$WORK/fts5_load.py" "$db" "$JSONL" >"$out" 2>"$err" ||
            die "FTS5 load failed: $(tail -n 3 "$err")" ;;
    esac
    # Each tool must have indexed every article.
    case "$tool" in
        newsidx) grep -q "^$N changed, 0 unchanged, 0 removed, 0 skipped;" "$out" ||
            die "newsidx build did not index all $N articles: $(cat "$out")" ;;
        scriptindex) grep -q "= ($N, 0, 0, 0)" "$out" ||
            die "scriptindex did not add all $N records: $(cat "$out" "$err")" ;;
        fts5) grep -q "^$N rows" "$out" || die "FTS5 has not $N rows: $(cat "$out")" ;;
    esac
    # tool, wall seconds, peak RSS KB, CPU seconds (user + system), load average before.
    tail -n 1 "$LOGS/time" | awk -v t="$tool" -v l="$load" \
        '{printf "%s %s %s %.2f %s\n", t, $1, $2, $3 + $4, l}' >>"$LOGS/times"
    say "  run $rep $tool: $(tail -n 1 "$LOGS/times" |
        awk '{printf "%s s, %s CPU s, %d MB peak RSS (load before: %s)", $2, $4, $3 / 1024, $5}')"
}

: >"$LOGS/times"
say "indexing $N articles ($((INPUT_BYTES / 1000000)) MB), $REPEATS run(s) per tool"
for rep in $(seq 1 "$REPEATS"); do
    for tool in newsidx scriptindex fts5; do
        run_tool "$tool" "$rep"
    done
done

# The no-op rebuild: the same archive, unchanged, into the last newsidx database.
sync
/usr/bin/time -f '%e %M %U %S' -o "$LOGS/time" \
    "$NEWSIDX" build --db "$DBS/newsidx.db" "${JOBS_ARGS[@]}" "$ARTICLES" \
    >"$LOGS/noop.out" 2>"$LOGS/noop.err" || die "no-op newsidx build failed: $(cat "$LOGS/noop.err")"
grep -q "^0 changed, $N unchanged, 0 removed, 0 skipped;" "$LOGS/noop.out" ||
    die "the second newsidx build changed something: $(cat "$LOGS/noop.out")"
read -r NOOP_S NOOP_KB _ <"$LOGS/time"

# ---- 6. Report ---------------------------------------------------------------------------
size_kb() { du -sk "$@" 2>/dev/null | awk '{s += $1} END {print s}'; }
NEWSIDX_KB=$(size_kb "$DBS/newsidx.db")
SI_KB=$(size_kb "$DBS/scriptindex.db")
FTS_KB=$(size_kb "$DBS/fts5.sqlite")

{
    echo
    echo "newsidx indexing benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
         "$(awk '/MemTotal/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo)"
    echo "software: Xapian $(dpkg-query -W -f='${Version}' libxapian30 2>/dev/null)," \
         "xapian-omega $(dpkg-query -W -f='${Version}' xapian-omega 2>/dev/null)," \
         "SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')," \
         "$(python3 --version)"
    echo "newsidx:  $NEWSIDX, built $(date -u -r "$NEWSIDX" '+%Y-%m-%d %H:%M UTC')," \
         "sha256 $(sha256sum <"$NEWSIDX" | cut -c1-12)"
    echo "archive:  $N articles in $ARTICLES, $INPUT_BYTES bytes of .txt" \
         "($((INPUT_BYTES / N)) bytes an article)"
    echo "runs:     $REPEATS per tool, median shown; newsidx jobs: ${JOBS:-default ($(nproc))}"
    echo
    awk -v n="$N" -v bytes="$INPUT_BYTES" -v nx_kb="$NEWSIDX_KB" -v si_kb="$SI_KB" \
        -v fts_kb="$FTS_KB" '
        function median(list,    a, k, i, j, t) {
            k = split(list, a, " ")
            for (i = 2; i <= k; i++) {
                t = a[i] + 0
                for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]
                a[j + 1] = t
            }
            return a[int((k + 1) / 2)]
        }
        { secs[$1] = secs[$1] " " $2; rss[$1] = rss[$1] " " $3; cpu[$1] = cpu[$1] " " $4 }
        END {
            name["newsidx"] = "newsidx build"; kb["newsidx"] = nx_kb
            name["scriptindex"] = "omega scriptindex"; kb["scriptindex"] = si_kb
            name["fts5"] = "sqlite3 FTS5"; kb["fts5"] = fts_kb
            split("newsidx scriptindex fts5", order, " ")
            for (i = 1; i <= 3; i++) {
                t = order[i]; s[t] = median(secs[t]); r[t] = median(rss[t]); c[t] = median(cpu[t])
            }
            printf "%-17s %8s %7s %10s %7s %13s %10s %13s\n", "tool", "seconds", "CPU s",
                   "articles/s", "MB/s", "peak RSS (MB)", "index (MB)", "newsidx ratio"
            for (i = 1; i <= 3; i++) {
                t = order[i]
                printf "%-17s %8.2f %7.2f %10.0f %7.2f %13.0f %10.0f %12.2fx\n", name[t], s[t],
                       c[t], n / s[t], bytes / 1e6 / s[t], r[t] * 1024 / 1e6, kb[t] * 1024 / 1e6,
                       (n / s["newsidx"]) / (n / s[t])
            }
        }' "$LOGS/times"
    echo
    echo "newsidx ratio = newsidx articles/s / that tool's articles/s (above 1: newsidx is faster)."
    echo "Medians of each column; CPU s = user + system seconds of all threads."
    echo "MB = 10^6 bytes; MB/s counts the .txt input; index = du -sk of the database."
    printf 'no-op rebuild (newsidx build again, unchanged archive): %s s, %d MB peak RSS: %s\n' \
        "$NOOP_S" "$((NOOP_KB * 1024 / 1000000))" "$(cut -d';' -f1 "$LOGS/noop.out")"
    echo "all runs (tool, seconds, peak RSS KB, CPU seconds, 1-minute load average before the run):"
    sed 's/^/  /' "$LOGS/times"
} | tee "$WORK/results.txt"
