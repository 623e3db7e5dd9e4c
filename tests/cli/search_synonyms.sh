#!/usr/bin/env bash
# build --synonyms stores the groups; the searcher expands a word into them, so "DPRK" finds
# articles that never print it; --no-synonyms and a later --synonyms file change that.
set -u
. "$NEWSIDX_SRC/tests/cli/lib.sh"
newsidx=$1 search=$2 work=$3
db=$work/synonyms.db
rm -rf "$db"
cd "$NEWSIDX_SRC"

out=$("$newsidx" build --db "$db" --synonyms tests/data/synonyms.txt corpus 2>&1)
[ $? -eq 2 ] || fail "a bad line in the synonyms file should make the build exit 2: $out"
grep -q '^newsidx: tests/data/synonyms.txt:5: not a synonym group' <<<"$out" ||
    fail "no diagnostic for line 5: $out"
grep -q '^3 synonym groups from tests/data/synonyms.txt$' <<<"$out" || fail "no summary: $out"

grep -qi dprk corpus/100_c809ca34303675c3.txt && fail "the corpus article prints DPRK"
ids=$("$search" --db "$db" -f ids -n 100 DPRK) || fail "DPRK found nothing"
grep -qx 100_c809ca34303675c3 <<<"$ids" || fail "DPRK did not find the North Korea article: $ids"
[ "$(sort <<<"$ids")" = "$("$search" --db "$db" -f ids -n 100 '"north korea" OR "pyongyang regime" OR dprk' | sort)" ] ||
    fail "DPRK should find what its synonyms find"
# Issue 18 (1): a synonym key is never "corrected" (it suggested "work" for dprk), and
# --correct searches it as typed; a misspelt word beside it still is.
out=$("$search" --db "$db" -n 1 dprk 2>&1)
grep -q 'Did you mean' <<<"$out" && fail "dprk got a spelling suggestion: $out"
out=$("$search" --db "$db" -n 1 --correct dprk 2>&1)
grep -q 'showing results for' <<<"$out" && fail "--correct dprk searched something else: $out"
grep -q '^showing 1-1 of' <<<"$out" || fail "--correct dprk: $out"
grep -q 'Did you mean: dprk missiles?' <<<"$("$search" --db "$db" -n 1 dprk missles 2>&1)" ||
    fail "missles beside dprk is not corrected"
"$search" --db "$db" -f ids --no-synonyms DPRK >/dev/null
[ $? -eq 1 ] || fail "--no-synonyms DPRK should find nothing"
# A multi-word key, and one with accents folded.
[ "$("$search" --db "$db" -c 'north korea')" = "$("$search" --db "$db" -c '"north korea" OR dprk OR "pyongyang regime"')" ] ||
    fail "north korea is not expanded"
[ "$("$search" --db "$db" -c turkey)" = "$("$search" --db "$db" -c Türkiye)" ] ||
    fail "turkey should find what Türkiye finds"

# Building again without --synonyms keeps them; a new file replaces them all.
"$newsidx" build -q --db "$db" corpus >/dev/null || fail "second build"
"$search" --db "$db" -c DPRK >/dev/null || fail "synonyms lost by a build without --synonyms"
printf 'EV = electric vehicle\n' >"$work/ev.txt"
"$newsidx" build -q --db "$db" --synonyms "$work/ev.txt" >/dev/null || fail "--synonyms alone"
"$search" --db "$db" -c DPRK >/dev/null
[ $? -eq 1 ] || fail "old synonyms should be gone"
"$search" --db "$db" -f ids EV | grep -qx 105_66f07cf057011dff || fail "EV should find 105"

"$newsidx" build -q --db "$db" --synonyms "$work/missing.txt" corpus 2>"$work/err"
[ $? -eq 2 ] || fail "a missing synonyms file is an error"
grep -q 'cannot open synonyms file' "$work/err" || fail "message: $(cat "$work/err")"
echo ok
