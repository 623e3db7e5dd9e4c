#!/usr/bin/env bash
# Issue 18 (3): --explain on a query expanded by synonyms lists only what matched, each
# synonym group once (Xapian weighs it as one term), and its weights add up to the score.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/explain-synonyms
rm -rf "$work" && mkdir -p "$work"
# (tests/data/synonyms.txt holds a bad line on purpose: exit 2)
"$newsidx" build -q --db "$work/db" --synonyms tests/data/synonyms.txt corpus 2>/dev/null
[ "$(doc_count "$work/db")" -gt 0 ] || fail "build"
for query in dprk "dprk missiles" "EV" "pyong* OR türkiye"; do
    "$search" --db "$work/db" --explain -n 10 -f json "$query" >"$work/out" 2>"$work/err" ||
        fail "$query: $(cat "$work/err")"
    [ "$(jq '.results | length' "$work/out")" -gt 0 ] || fail "$query: no results"
    jq -e '[.results[] | ((.explain | map(.weight) | add) - .score | fabs) < 0.001 * .score]
           | all' "$work/out" >/dev/null ||
        fail "$query: the weights do not add up to the score: $(jq -c '.results[0] | [.score, .explain]' "$work/out")"
    jq -e '[.results[].explain_complete] | all' "$work/out" >/dev/null ||
        fail "$query: explain says it is incomplete"
    # A synonym group is one line, named by the members the article holds.
    jq -e '[.results[] | .explain | map(.term) | length == (unique | length)] | all' \
        "$work/out" >/dev/null || fail "$query: a term listed twice"
done
"$search" --db "$work/db" --explain -n 1 dprk >"$work/text" || fail "text"
grep -q "score [0-9.]* = text:north korea [0-9.]*$" "$work/text" ||
    fail "the group is not named by the phrase that matched: $(grep score "$work/text")"
exit 0
