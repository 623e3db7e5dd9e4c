#!/usr/bin/env bash
# A generated archive of 800 articles (bench/generate.py), one database and --shards 3: the
# query benchmark's workload, in every sort order and with facets, answers alike; so do
# listings of many articles of one day (ties that Xapian would order by docid).
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/shards-generated
count=800
mkdir -p "$work"
if [ ! -f "$work/.generated-$count" ]; then
    rm -rf "$work/articles"
    python3 bench/generate.py --count "$count" --out "$work/articles" \
        --jsonl "$work/articles.jsonl" >/dev/null || fail "generate.py"
    touch "$work/.generated-$count"
fi
rm -rf "$work/one.db" "$work/shards.db" "$work/held"
# One database in two builds, the second half of the articles first: its docids follow
# another order than the shards', so any result that depended on docids would differ.
mkdir -p "$work/held"
find "$work/articles" -name '*.txt' | sort | head -n $((count / 2)) | xargs mv -t "$work/held"
"$newsidx" build --db "$work/one.db" "$work/articles" | grep -q "^$((count / 2)) changed" ||
    fail "build one database"
mv "$work/held"/* "$work/articles/000/"
"$newsidx" build --db "$work/one.db" "$work/articles" | grep -q "^$((count / 2)) changed" ||
    fail "build one database, second half"
"$newsidx" build --db "$work/shards.db" --shards 3 "$work/articles" | grep -q "^$count changed" ||
    fail "build shards"

# The benchmark's workload (bench/query_bench.py): words, phrases, title: words, date ranges.
python3 - "$work/articles.jsonl" >"$work/queries.txt" <<'EOF' || fail "workload"
import sys
sys.path.insert(0, "bench")
import query_bench
for q in query_bench.workload(sys.argv[1], 150, 7):
    print(q[1])
EOF
printf '%s\n' date:2019 date:2021-03 'date:2016..2017' >>"$work/queries.txt"
same_answer "$search" "$work/one.db" "$work/shards.db" --queries "$work/queries.txt" -n 10
same_answer "$search" "$work/one.db" "$work/shards.db" --queries "$work/queries.txt" -n 3 \
    --facets category,author,year
same_answer "$search" "$work/one.db" "$work/shards.db" --queries "$work/queries.txt" -n 20 \
    --sort newest
same_answer "$search" "$work/one.db" "$work/shards.db" --queries "$work/queries.txt" -n 20 \
    --sort oldest --since 2018
# Listings: every article scores 0, so days with several articles are ties.
for sort in relevance newest oldest; do
    same_answer "$search" "$work/one.db" "$work/shards.db" -f jsonl -n 400 --sort "$sort" \
        --since 2016
done
ties=$("$search" --db "$work/one.db" -f jsonl -n 400 --sort newest --since 2016 |
    jq -r .published | uniq -d | wc -l)
[ "$ties" -gt 10 ] || fail "only $ties days with two articles in the listing: ties untested"
exit 0
