#!/usr/bin/env bash
# build --shards 2 and --shard-by year on corpus/: a stub folder that every search answers as
# one database of the same articles does; saved searches; stats, rm and compact across
# shards; layouts that do not match are refused.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/shards-search
rm -rf "$work" && mkdir -p "$work"
one=$work/one.db shards=$work/shards.db years=$work/years.db
synonyms=tests/data/synonyms.txt
"$newsidx" build -q --db "$one" --synonyms "$synonyms" corpus >/dev/null 2>&1
"$newsidx" build --db "$shards" --shards 2 --synonyms "$synonyms" corpus >"$work/build.out" 2>/dev/null
[ $? -eq 2 ] || fail "build exit (the synonyms file has a bad line: 2)"
grep -q "^$corpus_articles changed, 0 unchanged, 0 removed, 1 skipped (1 not a synonym group); $corpus_articles articles in $shards " \
    "$work/build.out" || fail "build: $(cat "$work/build.out")"
"$newsidx" build -q --db "$years" --shard-by year --synonyms "$synonyms" corpus >/dev/null 2>&1

# The layout: a stub that Xapian opens, the meta database first.
[ "$(grep -v '^#' "$shards/XAPIANDB")" = "$(printf 'auto meta\nauto shard-0\nauto shard-1')" ] ||
    fail "stub: $(cat "$shards/XAPIANDB")"
[ "$(doc_count "$shards")" = "$corpus_articles" ] || fail "xapian-delve does not see every article through the stub"
[ "$(doc_count "$shards/meta")" = 0 ] || fail "the meta database holds articles"
[ $(($(doc_count "$shards/shard-0") + $(doc_count "$shards/shard-1"))) = "$corpus_articles" ] || fail "shard counts"
for db in "$shards"/meta "$shards"/shard-* "$years"/meta "$years"/shard-*; do
    xapian-check "$db" >/dev/null || fail "xapian-check $db"
done
[ "$(ls -d "$years"/shard-* | wc -l)" = 11 ] || fail "year shards: $(ls "$years")"

same_answers "$search" "$one" "$shards"
same_answers "$search" "$one" "$years"

# Saved searches, beside each database as usual: the same definitions give the same runs.
for db in "$one" "$shards"; do
    "$search" --db "$db" saved add korea North Korea China trade >/dev/null || fail "saved add"
    "$search" --db "$db" saved add energy pipeline --category Energy --sort newest -n 5 \
        >/dev/null || fail "saved add energy"
done
[ -f "$shards.saved.toml" ] || fail "the saved searches are not beside the archive"
same_answer "$search" "$one" "$shards" saved run --all -f json
same_answer "$search" "$one" "$shards" -f json 'saved:korea AND date:2020..'
same_answer "$search" "$one" "$shards" saved run korea --new -f jsonl
same_answer "$search" "$one" "$shards" saved run korea --new -f jsonl

# stats: the whole archive, then each shard.
stats=$("$newsidx" stats --db "$shards" --format json) || fail "stats"
[[ "$stats" == '{"database":"'"$shards"'","articles":'"$corpus_articles"',"distinct_terms":'* ]] || fail "stats: $stats"
[ "$(jq -r .distinct_terms <<<"$stats")" = "$("$newsidx" stats --db "$one" -f json | jq .distinct_terms)" ] ||
    fail "distinct terms differ from one database's"
[ "$(jq -c '[.layout, (.shards | map(.articles) | add), (.shards | map(.name))]' <<<"$stats")" = \
    '["hash 2",'"$corpus_articles"',["shard-0","shard-1"]]' ] || fail "stats shards: $stats"
[ "$(jq -r .last_build <<<"$stats")" != null ] || fail "no last build"
"$newsidx" stats --db "$years" | grep -q '^layout          shards by year$' || fail "text stats"

# rm finds the shard that holds an id; compact swaps in each shard.
"$newsidx" rm --db "$shards" 100_c809ca34303675c3 no-such-id >"$work/rm.out" 2>/dev/null
[ $? -eq 0 ] || fail "rm exit"
grep -qx "removed 1 article; $((corpus_articles - 1)) in $shards" "$work/rm.out" || fail "rm: $(cat "$work/rm.out")"
"$search" --db "$shards" show 100_c809ca34303675c3 >/dev/null 2>&1
[ $? -eq 1 ] || fail "removed article still shown"
"$newsidx" rm --db "$one" 100_c809ca34303675c3 >/dev/null
"$newsidx" compact --db "$shards" >"$work/compact.out" || fail "compact"
[ "$(grep -c '^compacted ' "$work/compact.out")" = 3 ] || fail "compact: $(cat "$work/compact.out")"
"$newsidx" compact --db "$years" --shard shard-2016 | grep -q "^compacted $years/shard-2016: " ||
    fail "compact one shard"
"$newsidx" compact --db "$years" --shard shard-1999 2>"$work/err"
[ $? -eq 2 ] && grep -q "has no shard shard-1999" "$work/err" || fail "compact of an unknown shard"
ls "$shards" | grep -q compacting && fail "compact left a copy behind"
same_answer "$search" "$one" "$shards" -f json -n 50 'korea OR pipeline'

# A layout other than the archive's is refused, never mixed in.
expect_refused() {
    local message=$1
    shift
    "$newsidx" build -q "$@" corpus >/dev/null 2>"$work/err"
    [ $? -eq 2 ] || fail "not refused: $*"
    grep -qF "$message" "$work/err" || fail "message for $*: $(cat "$work/err")"
}
expect_refused "database $shards has 2 shards by id hash, not 3 shards by id hash: build into a new folder to change that" \
    --db "$shards" --shards 3
expect_refused "has 2 shards by id hash, not shards by year" --db "$shards" --shard-by year
expect_refused "database $one is one database, not shards: build the shards into a new folder" \
    --db "$one" --shards 2
"$newsidx" build --db "$work/x.db" --shards 2 --shard-by year corpus >/dev/null 2>&1
[ $? -eq 2 ] || fail "--shards with --shard-by"
# Without --shards, a build keeps the archive's layout (and the removed article stays
# removed until its file changes).
"$newsidx" build --db "$shards" corpus | grep -q "^0 changed, $((corpus_articles - 1)) unchanged.*; $((corpus_articles - 1)) articles" ||
    fail "incremental build without --shards"
exit 0
