#!/usr/bin/env bash
# stats, rm and compact on a copy of the corpus database; searches keep working during compact.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
db=$work/maintenance.db
rm -rf "$db" && mkdir -p "$work"
"$newsidx" build -q --db "$db" corpus >/dev/null || fail "build"

stats=$("$newsidx" stats --db "$db" --format json) || fail "stats"
[[ "$stats" == '{"database":"'"$db"'","articles":'"$corpus_articles"',"distinct_terms":'* ]] || fail "stats: $stats"
[[ "$stats" == *'"published_first":"2016-03-15","published_last":"2026-07-28","last_build":"20'* ]] ||
    fail "stats dates: $stats"
[[ "$stats" == *'"categories":[{"value":"Asia - Pacific","count":4},'* ]] || fail "stats categories: $stats"
"$newsidx" stats --db "$db" | grep -q "^articles        $corpus_articles$" || fail "text stats"
# Issue 18 (16): the ten largest categories and how many more, not all on one line; JSON has all.
line=$("$newsidx" stats --db "$db" | grep '^categories ')
[ "$(tr -cd ',' <<<"$line" | wc -c)" -eq 9 ] || fail "not ten categories: $line"
all=$(grep -o '"value":' <<<"$stats" | wc -l)
[ "$all" -gt 10 ] || fail "the corpus has $all categories: the test needs more than ten"
[[ "$line" == *" ($((all - 10)) more)" ]] || fail "no count of the others: $line"
"$newsidx" stats --db "$work/none" 2>/dev/null
[ $? -eq 2 ] || fail "stats of a missing database should exit 2"

"$newsidx" rm --db "$db" 100_c809ca34303675c3 no-such-id >"$work/rm.out" 2>"$work/rm.err"
[ $? -eq 0 ] || fail "rm exit"
grep -qx "removed 1 article; $((corpus_articles - 1)) in $db" "$work/rm.out" || fail "rm: $(cat "$work/rm.out")"
grep -qx 'newsidx: no article with id no-such-id' "$work/rm.err" || fail "rm: $(cat "$work/rm.err")"
"$newsidx" rm --db "$db" no-such-id 2>/dev/null
[ $? -eq 1 ] || fail "rm of nothing should exit 1"
# Issue 18 (19): the next build's summary counts what the database holds ("20 unchanged ...
# 19 articles" before); the article comes back when its file is named.
left=$((corpus_articles - 1))
summary=$("$newsidx" build --db "$db" corpus)
[[ "$summary" == "0 changed, $left unchanged, 0 removed, 0 skipped; $left articles in $db "* ]] ||
    fail "build after rm: $summary"
summary=$("$newsidx" build --db "$db" corpus/100_c809ca34303675c3.txt)
[[ "$summary" == "1 changed, 0 unchanged, 0 removed, 0 skipped; $corpus_articles articles"* ]] ||
    fail "naming the file of the removed article: $summary"

before=$("$search" --db "$db" --format ids -n 100 pipeline)
rm -f "$work/compact-search.err"
( for i in $(seq 1 100); do
      "$search" --db "$db" --count pipeline >/dev/null 2>>"$work/compact-search.err" ||
          [ $? -eq 1 ] || echo "search failed" >>"$work/compact-search.err"
  done ) &
loop=$!
"$newsidx" compact --db "$db" | grep -q '^compacted ' || fail "compact"
wait "$loop"
[ ! -s "$work/compact-search.err" ] || fail "search during compact: $(cat "$work/compact-search.err")"
xapian-check "$db" >/dev/null || fail "xapian-check after compact"
[ ! -e "$db.compacting" ] || fail "left the old copy behind"
[ "$("$search" --db "$db" --format ids -n 100 pipeline)" = "$before" ] || fail "results changed"
exit 0
