#!/usr/bin/env bash
# Issue 18 (10): an article of a JSON Lines file is recognised by its id and content, not its
# line: deleting the first line leaves the others unchanged (not indexed again), and each
# says its new line.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/jsonl-moved
rm -rf "$work" && mkdir -p "$work"
for i in 1 2 3 4 5; do
    echo "{\"id\": \"item-$i\", \"title\": \"Harbour report $i\", \"body\": [\"Cranes number $i.\"]}"
done >"$work/items.jsonl"
"$newsidx" build --db "$work/db" "$work/items.jsonl" >"$work/out" 2>&1 || fail "build: $(cat "$work/out")"
sed -i 1d "$work/items.jsonl"
"$newsidx" build --db "$work/db" "$work/items.jsonl" >"$work/out" 2>&1 || fail "build: $(cat "$work/out")"
grep -q "^0 changed, 4 unchanged, 1 removed" "$work/out" ||
    fail "the lines after a deleted one were indexed again: $(cat "$work/out")"
[ "$(doc_count "$work/db")" = 4 ] || fail "$(doc_count "$work/db") articles"
source=$("$search" --db "$work/db" -f json -n 1 'title:"harbour report 2"' |
    jq -r '.results[0].source')
[ "$source" = "$work/items.jsonl:1" ] || fail "item-2 says it is at $source"
# A line whose article changed is indexed again, wherever it is.
sed -i 's/Cranes number 3/Cranes number three/' "$work/items.jsonl"
"$newsidx" build --db "$work/db" "$work/items.jsonl" >"$work/out" 2>&1 || fail "build: $(cat "$work/out")"
grep -q "^1 changed, 3 unchanged, 0 removed" "$work/out" || fail "a changed line: $(cat "$work/out")"
"$search" --db "$work/db" -f ids three | grep -qx item-3 || fail "the changed line is not searched"
exit 0
