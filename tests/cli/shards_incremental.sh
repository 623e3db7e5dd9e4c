#!/usr/bin/env bash
# Incremental builds across shards: a touched, a changed and a removed file, an article whose
# date moves it to another year's shard, JSON Lines whose articles spread over the shards
# (a line removed, one changed, one without a date). One database, --shards 3 and
# --shard-by year end up answering alike.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/shards-incremental
rm -rf "$work" && mkdir -p "$work/in"
cp corpus/*.txt "$work/in/"
# 20 more articles in one JSON Lines file (ids of their own), one of them without a date.
"$newsidx" parse corpus/10*.txt corpus/11*.txt |
    jq -c '.id = "j" + .id | if .id == "j105_66f07cf057011dff" then .published = null else . end' \
        >"$work/in/feed.jsonl"
layouts=("one" "hash --shards 3" "year --shard-by year")
build_all() {
    local layout name
    for layout in "${layouts[@]}"; do
        read -r name flags <<<"$layout"
        # shellcheck disable=SC2086
        "$newsidx" build --db "$work/$name.db" $flags "$work/in" >"$work/$name.out" 2>&1 ||
            fail "build $name: $(cat "$work/$name.out")"
        # What the build did, without the database path and timing.
        sed -E 's/ [0-9]+ articles in .*//' "$work/$name.out" >"$work/$name.summary"
    done
    for name in hash year; do
        cmp -s "$work/one.summary" "$work/$name.summary" ||
            fail "$name: $(cat "$work/$name.summary") / one: $(cat "$work/one.summary")"
    done
}
# shard_of DB ID: the shards of DB that hold the article ID.
shard_of() {
    local s
    for s in "$1"/shard-*; do
        xapian-delve -t "Q$2" "$s" 2>/dev/null | grep -q "termfreq 1" && basename "$s"
    done
}

build_all
[ "$(cat "$work/one.summary")" = "56 changed, 0 unchanged, 0 removed, 0 skipped;" ] ||
    fail "first build: $(cat "$work/one.summary")"
[ "$(shard_of "$work/year.db" j105_66f07cf057011dff)" = shard-undated ] ||
    fail "an article without a date is not in shard-undated"
[ "$(shard_of "$work/year.db" 104_6d3e631b7779de93)" = shard-2018 ] || fail "104 not in 2018"

touch "$work/in/101_ca4df1217eac0937.txt"
sed -i '3s/.*/Zeppelins return to the skies over the Bosphorus/' "$work/in/102_ce06b15e1832e038.txt"
rm "$work/in/103_7b86262ef9f8157a.txt"
# 104: published 20.05.2018 -> 01.01.2019, so it moves from shard-2018 to shard-2019.
sed -i -E '0,/\| 20\.05\.2018/s//| 01.01.2019/' "$work/in/104_6d3e631b7779de93.txt"
# The feed: a line gone, a title changed, a date changed (2017 -> 2024).
jq -c 'select(.id != "j110_5542e49f7825550a")
       | if .id == "j111_81a15e15d0567f88" then .title = "Zeppelin feed title" else . end
       | if .id == "j107_a9cc88fc9ad84e1f" then .published = "2024-02-02" else . end' \
    "$work/in/feed.jsonl" >"$work/feed" && mv "$work/feed" "$work/in/feed.jsonl"
old_year=$(shard_of "$work/year.db" j107_a9cc88fc9ad84e1f)
build_all
# 101 unchanged (same bytes); 102 and 104 changed, and 2 feed lines (j107's date, j111's
# title: the lines after the one removed only moved up, and are unchanged); 103 and j110 gone.
[ "$(cat "$work/one.summary")" = "4 changed, 50 unchanged, 2 removed, 0 skipped;" ] ||
    fail "rebuild: $(cat "$work/one.summary")"
[ "$(shard_of "$work/year.db" 104_6d3e631b7779de93)" = shard-2019 ] ||
    fail "104 is in $(shard_of "$work/year.db" 104_6d3e631b7779de93), not only shard-2019"
[ "$(shard_of "$work/year.db" j107_a9cc88fc9ad84e1f)" = shard-2024 ] ||
    fail "j107 (was in $old_year) is in $(shard_of "$work/year.db" j107_a9cc88fc9ad84e1f)"
# (shards_search.sh runs every kind of search; these are about what the rebuild changed.)
for name in hash year; do
    for case in "-f json -n 50 zeppelin" "-f json -n 100 --sort oldest --since 2000" \
        "-f json -n 0 --facets category,year,author 'korea OR gas OR climate'" \
        "-f json -n 10 similar j111_81a15e15d0567f88" "-f json -n 50 date:2018..2019" \
        "show 104_6d3e631b7779de93" "-f json 'Pyongyng missles'"; do
        eval "same_answer \"\$search\" \"\$work/one.db\" \"\$work/\$name.db\" $case"
    done
done
[ "$("$search" --db "$work/hash.db" -f ids zeppelin | sort | tr '\n' ' ')" = \
    "102_ce06b15e1832e038 j111_81a15e15d0567f88 " ] || fail "changed articles not found"

# Nothing changed: nothing written, in any layout.
build_all
[ "$(cat "$work/one.summary")" = "0 changed, 54 unchanged, 0 removed, 0 skipped;" ] ||
    fail "no-op rebuild: $(cat "$work/one.summary")"
for d in "$work"/hash.db/meta "$work"/hash.db/shard-* "$work"/year.db/meta "$work"/year.db/shard-*; do
    xapian-check "$d" >/dev/null || fail "xapian-check $d"
done
exit 0
