#!/usr/bin/env bash
# Issue #16, item 3: a language per article. From the JSON Lines key, from build --language,
# else detected; stems per language, so that an inflected query word finds its article in
# its own language without saying which, and lang: / --language restrict both the articles
# and the stemming; a language facet; a bad tag is one problem line, the rest is indexed.
set -u
. "$NEWSIDX_SRC/tests/cli/lib.sh"
newsidx=$1 search=$2 work=$3
cd "$NEWSIDX_SRC"
db=$work/languages.db
rm -rf "$db" "$work/in"
mkdir -p "$work/in/turkish"
cat >"$work/in/feed.jsonl" <<'JSONL'
{"id": "tr1", "language": "TR", "title": "Kütüphaneler", "body": "Kitaplarımızdan seçmeler belediye kütüphanelerinde."}
{"id": "en1", "language": "en", "title": "Libraries", "body": "The libraries lend the books for free."}
{"id": "pt1", "language": "pt_br", "title": "Bibliotecas", "body": "As bibliotecas municipais emprestam livros."}
{"id": "de1", "title": "Bibliotheken der Stadt", "body": "Die städtischen Bibliotheken verleihen ihre Bücher kostenlos an alle Bürgerinnen und Bürger, die einen Ausweis besitzen."}
{"id": "bad", "language": "not a tag", "title": "Refused", "body": "Refused."}
JSONL
# An English text said to be Turkish: --language wins over what detection would say.
cp corpus/101_ca4df1217eac0937.txt "$work/in/turkish/1.txt"
"$newsidx" build -q --db "$db" "$work/in/feed.jsonl" >"$work/out" 2>"$work/err"
[ $? = 2 ] || fail "a bad language tag: exit should be 2"
[ "$(cat "$work/err")" = "newsidx: $work/in/feed.jsonl:5: not a language tag \"not a tag\" (write it as BCP 47: tr, pt-BR)" ] ||
    fail "the bad tag's line: $(cat "$work/err")"
"$newsidx" build -q --db "$db" --language tr "$work/in/turkish" ||
    fail "build --language tr: exit $?"
ids() { "$search" --db "$db" -f ids "$@" | sort | tr '\n' ' '; }

# An inflected form finds the article in its own language, whichever it is.
[ "$(ids kitaplar)" = "tr1 " ] || fail "kitaplar (Turkish stem kitap): $(ids kitaplar)"
[ "$(ids bibliothek)" = "de1 " ] || fail "bibliothek (the German article, detected): $(ids bibliothek)"
[ "$(ids library)" = "en1 " ] || fail "library (English stem librari): $(ids library)"
# lang: and --language keep one language and stem in it alone.
[ -z "$(ids lang:en kitaplar)" ] || fail "lang:en kitaplar: $(ids lang:en kitaplar)"
[ "$(ids --language tr kitaplar)" = "tr1 " ] || fail "--language tr kitaplar"
[ "$(ids lang:pt)" = "pt1 " ] || fail "lang:pt (recorded pt-BR): $(ids lang:pt)"
[ "$(ids lang:PT-br)" = "pt1 " ] || fail "lang:PT-br: $(ids lang:PT-br)"
[ "$(ids lang:tr)" = "1 tr1 " ] || fail "lang:tr (with the --language tr file): $(ids lang:tr)"
"$search" --db "$db" show 1 -f json | grep -q '"language":"tr"' || fail "--language tr not recorded"
"$search" --db "$db" lang:1 >/dev/null 2>"$work/err"
[ $? = 2 ] || fail "lang:1 should exit 2"
grep -q "lang:1 is not a language tag" "$work/err" || fail "lang:1: $(cat "$work/err")"
# The language is recorded with the article, as given (tag case normalised) or detected.
"$search" --db "$db" show pt1 -f json | grep -q '"language":"pt-BR"' || fail "pt1's language"
"$search" --db "$db" show de1 -f json | grep -q '"language":"de"' || fail "de1's detected language"
"$newsidx" parse "$work/in/feed.jsonl" 2>/dev/null | grep '"id":"de1"' | grep -q '"language":"de"' ||
    fail "parse does not print the detected language"
facets=$("$search" --db "$db" -n 0 --facets language lang:tr OR lang:en OR lang:de OR lang:pt)
echo "$facets" | grep -q '^language  tr 2 · de 1 · en 1 · pt 1$' || fail "language facet: $facets"
exit 0
