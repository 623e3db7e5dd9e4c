#!/usr/bin/env bash
# Issue 18 (4): a word typed as a field that is none (`tittle:linux`) gets one warning on
# stderr naming the known fields, and is searched as words with the usual exit status; known
# fields, times, URLs and phrases get none.
set -u
. tests/cli/lib.sh
search=$2 db=$NEWSIDX_WORK/corpus.db work=$3
mkdir -p "$work"
fields='(fields: title, author, dateline, category, lang, date, saved)'
for pair in 'tittle:korea|tittle' 'authors:Cho korea|authors' '-Source:AP gas|Source'; do
    query=${pair%|*} name=${pair#*|}
    "$search" --db "$db" -n 1 -- "$query" >"$work/out" 2>"$work/err"
    code=$?
    [ $code -le 1 ] || fail "$query: exit $code: $(cat "$work/err")"
    [ "$(cat "$work/err")" = "newsidx-search: warning: unknown field \"$name\" $fields: searched as words" ] ||
        fail "$query: $(cat "$work/err")"
done
# Searched as words: the same answers as with a space for the colon.
[ "$("$search" --db "$db" -f ids -- 'authors:Cho korea' 2>/dev/null)" = \
    "$("$search" --db "$db" -f ids -- 'authors Cho korea')" ] || fail "authors:Cho not searched as words"
for query in 'title:korea' 'date:2025 lang:en gas' '10:30 gas' 'http://example.org gas' \
    '"tittle:korea" gas' 'category:"Asia - Pacific"'; do
    "$search" --db "$db" -n 1 -- "$query" >/dev/null 2>"$work/err"
    [ ! -s "$work/err" ] || fail "$query: $(cat "$work/err")"
done
exit 0
