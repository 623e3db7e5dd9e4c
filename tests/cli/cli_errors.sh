#!/usr/bin/env bash
# Issue 18 (17): a command line that is refused gets one line that starts with the program's
# name, says the valid choices in words and the nearest command or option; numbers are not
# taken for names (--sort 2); --help shows choices as the man pages do.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/cli-errors
rm -rf "$work" && mkdir -p "$work"
"$newsidx" build -q --db "$work/db" corpus/languages || fail "build"
refused() {  # refused EXPECTED COMMAND...: exit 2, stderr exactly EXPECTED, nothing on stdout
    local expected=$1
    shift
    "$@" >"$work/out" 2>"$work/err"
    local code=$?
    [ $code = 2 ] || fail "$*: exit $code, expected 2"
    [ "$(cat "$work/err")" = "$expected" ] || fail "$*: said '$(cat "$work/err")', expected '$expected'"
    [ ! -s "$work/out" ] || fail "$*: printed $(cat "$work/out")"
}
refused "newsidx: give a command: build, parse, stats, rm, compact, search" "$newsidx"
refused "newsidx: unknown command biuld (did you mean build?); the commands are build, parse, stats, rm, compact, search" \
    "$newsidx" biuld corpus
refused "newsidx: unknown option --jbos (did you mean --jobs?)" "$newsidx" build --jbos 2 corpus
refused "newsidx: --format: xml is not one of text, json" "$newsidx" stats --db "$work/db" -f xml
refused "newsidx: --shard-by: month is not one of year" "$newsidx" build --db "$work/new" --shard-by month corpus
refused "newsidx-search: unknown option --limt (did you mean --limit?)" "$search" --db "$work/db" --limt 3 ankara
refused "newsidx-search: --sort: newst is not one of relevance, newest, oldest" \
    "$search" --db "$work/db" --sort newst ankara
refused "newsidx-search: --sort: 2 is not one of relevance, newest, oldest" \
    "$search" --db "$work/db" --sort 2 ankara
refused "newsidx-search: --format: 3 is not one of text, json, jsonl, ids" \
    "$search" --db "$work/db" -f 3 ankara
refused "newsidx-search: --facets: colour is not one of category, dateline, author, language, year, month" \
    "$search" --db "$work/db" --facets year,colour ankara
refused "newsidx-search: --color: sometimes is not one of auto, always, never" \
    "$search" --db "$work/db" --color sometimes ankara
refused "newsidx-search: give a command: add, list, show, edit, rm, run, reset" "$search" saved
# A name in another case is the name.
"$search" --db "$work/db" --sort NEWEST -f IDS ankara >"$work/out" 2>"$work/err" ||
    fail "--sort NEWEST -f IDS: $(cat "$work/err")"
# --help and the man page name the choices.
"$search" --help >"$work/help" || fail "--help"
for choices in "relevance|newest|oldest" "text|json|jsonl|ids" "auto|always|never"; do
    grep -qF -- "$choices" "$work/help" || fail "--help does not show $choices"
done
! grep -q "ENUM\|->" "$work/help" || fail "--help shows CLI11's type notation: $(grep "ENUM" "$work/help")"
exit 0
