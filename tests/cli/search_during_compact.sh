#!/usr/bin/env bash
# Regression: issue #15 (6) and (15). While builds and compactions alternate on a database,
# every search answers, and answers right: about one in 1,500 failed with
# DatabaseCorruptError ("Expected block 277 to be level 1", "EOF reading block") because an
# open or a reopen that overlapped compact's swap of the folder read tables of both folders;
# and DatabaseModifiedError came through after 5 reopens. Searchers run in parallel, new
# processes and a long-running batch, for SECONDS (default 50) at most; each answer is checked
# (exit 0, the expected count, nothing on stderr).
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/during-compact seconds=${4:-50}
rm -rf "$work" && mkdir -p "$work"
make_archive "$3/archive-5" 5  # 180 articles
cp -r "$3/archive-5" "$work/in"
db=$work/news.db
"$newsidx" build -q --db "$db" "$work/in" >/dev/null || fail "first build"
expected=$("$search" --db "$db" --count pipeline)
[ "$expected" -gt 0 ] || fail "no matches to check"
ids=$("$search" --db "$db" -f ids -n 5 --sort newest pipeline)
deadline=$((SECONDS + seconds))

# The writers: a build and a compact, in turn. Every other build rewrites every article (a
# sentence added after the last paragraph, or taken away again: what the searches below find,
# and their order, stay the same), so that the compacted copies differ; the others only see
# the files touched (quick: their state recorded, a commit), so that swaps come often. The
# writers' own failures are recorded, not this test's subject.
(
    round=0
    while [ $SECONDS -lt $deadline ]; do
        round=$((round + 1))
        case $((round % 4)) in
            1) find "$work/in" -name '*.txt' -exec sed -i '$a\\nEdited once more.' {} + ;;
            3) cp -r "$3/archive-5/." "$work/in" ;;
            *) find "$work/in" -name '*.txt' -exec touch {} + ;;
        esac
        "$newsidx" build -q --wait --db "$db" "$work/in" >/dev/null 2>>"$work/writers.err" ||
            echo "round $round: build exit $?" >>"$work/writers.err"
        "$newsidx" compact --db "$db" >/dev/null 2>>"$work/writers.err" ||
            echo "round $round: compact exit $?" >>"$work/writers.err"
    done
    echo "$round" >"$work/rounds"
) &
writers=$!

# A searcher: new processes, one after the other; a count, a page of ids, and show.
searcher() {
    local n=$1 runs=0 out code
    while [ $SECONDS -lt $deadline ]; do
        runs=$((runs + 1))
        out=$("$search" --db "$db" --count pipeline 2>"$work/s$n.err")
        code=$?
        if [ $code -ne 0 ] || [ "$out" != "$expected" ] || [ -s "$work/s$n.err" ]; then
            echo "count: exit $code, '$out' (expected $expected): $(cat "$work/s$n.err")" >>"$work/failures"
        fi
        out=$("$search" --db "$db" -f ids -n 5 --sort newest pipeline 2>"$work/s$n.err")
        code=$?
        if [ $code -ne 0 ] || [ "$out" != "$ids" ] || [ -s "$work/s$n.err" ]; then
            echo "ids: exit $code: $(cat "$work/s$n.err")" >>"$work/failures"
        fi
        "$search" --db "$db" show c1_102_ce06b15e1832e038 >/dev/null 2>"$work/s$n.err"
        code=$?
        if [ $code -ne 0 ] || [ -s "$work/s$n.err" ]; then
            echo "show: exit $code: $(cat "$work/s$n.err")" >>"$work/failures"
        fi
    done
    echo "$runs" >"$work/runs$n"
}
searcher 1 &
s1=$!
searcher 2 &
s2=$!
searcher 3 &
s3=$!
# A batch: one process, one open database, a query a line for as long as the writers run.
(while [ $SECONDS -lt $deadline ]; do echo pipeline; sleep 0.005; done) |
    "$search" --db "$db" -n 0 --queries - >"$work/batch.out" 2>"$work/batch.err"
batch=$?
wait "$s1" "$s2" "$s3" "$writers"

[ $batch -eq 0 ] && [ ! -s "$work/batch.err" ] ||
    echo "batch: exit $batch: $(head -c 300 "$work/batch.err")" >>"$work/failures"
wrong=$(grep -vc "^{\"query\":\"pipeline\",\"total\":$expected," "$work/batch.out")
[ "$wrong" -eq 0 ] || echo "batch: $wrong wrong answers: $(grep -vm1 "\"total\":$expected," "$work/batch.out" | head -c 300)" >>"$work/failures"
answers=$(($(cat "$work/runs1") + $(cat "$work/runs2") + $(cat "$work/runs3")))
echo "$(cat "$work/rounds") rounds of build and compact; $((answers * 3)) searches and $(wc -l <"$work/batch.out") batch queries"
if [ -s "$work/writers.err" ]; then
    echo "writers' own failures (not checked here):"
    sort "$work/writers.err" | uniq -c | sort -rn | head -5
fi
[ "$(cat "$work/rounds")" -ge 2 ] || fail "fewer than two rounds of build and compact"
if [ -s "$work/failures" ]; then
    sort "$work/failures" | uniq -c | sort -rn | head -10
    fail "$(wc -l <"$work/failures") searches failed"
fi

# A database that is truly damaged still fails, at once, with Xapian's words.
cp -r "$db" "$work/damaged.db"
truncate -s 8192 "$work/damaged.db/postlist.glass"
timeout 60 "$search" --db "$work/damaged.db" --count pipeline >/dev/null 2>"$work/err"
code=$?
[ $code -eq 2 ] && grep -q "^newsidx-search: .*Error" "$work/err" ||
    fail "a damaged database: exit $code: $(cat "$work/err")"
exit 0
