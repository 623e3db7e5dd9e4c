#!/usr/bin/env bash
# Regression: issue #15, item 4. A long file name, a long JSON Lines id or a long category
# exceeded Xapian's term limit: "Term too long" lost the whole run, and every later build
# stopped at the same file. Now such terms are hashed past the limit (the full value kept in
# the article), and the articles are found by their id and category as usual.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
dir=$work/long-terms
db=$work/long-terms.db
rm -rf "$dir" "$db" && mkdir -p "$dir"
long_name=$(printf 'n%.0s' $(seq 1 246))
cp corpus/100_c809ca34303675c3.txt "$dir/$long_name.txt"
cp corpus/101_ca4df1217eac0937.txt "$dir/"
id_a="https://example.com/$(printf 'a%.0s' $(seq 1 300))/one"
id_b="https://example.com/$(printf 'a%.0s' $(seq 1 300))/two"  # the same first 245 bytes
category=$(printf 'Very long category %.0s' $(seq 1 20))
cat >"$dir/feed.jsonl" <<EOF
{"id": "short-1", "title": "A short id", "body": "Nothing special here."}
{"id": "$id_a", "title": "First long id", "body": "The first of two long ids."}
{"id": "$id_b", "title": "Second long id", "body": "The second of two long ids."}
{"id": "long-category", "category": "$category", "title": "A long category", "body": "Filed under a long category."}
{"id": "short-2", "title": "Another short id", "body": "Nothing special either."}
EOF
"$newsidx" build -q --db "$db" "$dir" >"$work/long.out" 2>"$work/long.err" ||
    fail "build: exit $?: $(cat "$work/long.err")"
[ ! -s "$work/long.err" ] || fail "stderr: $(cat "$work/long.err")"
[ "$(doc_count "$db")" -eq 7 ] || fail "$(doc_count "$db") articles, expected 7"
xapian-check "$db" >/dev/null || fail "xapian-check"
"$search" --db "$db" -f json show "$long_name" | grep -q '"title":"North Korea fires' ||
    fail "the article of the long file name is not found by its id"
"$search" --db "$db" -f json show "$id_b" | grep -q '"title":"Second long id"' ||
    fail "the second long id is not found, or is the first one"
[ "$("$search" --db "$db" -f ids "long ids" | sort)" = "$(printf '%s\n' "$id_a" "$id_b" | sort)" ] ||
    fail "both long ids are not listed: $("$search" --db "$db" -f ids "long ids")"
[ "$("$search" --db "$db" --count --category "$category")" = 1 ] ||
    fail "--category with the long category finds nothing"
[ "$("$search" --db "$db" --count "category:\"$category\"")" = 1 ] ||
    fail "category: with the long category finds nothing"
"$newsidx" build --db "$db" "$dir" 2>&1 | grep -q '^0 changed, 7 unchanged, 0 removed, 0 skipped' ||
    fail "a second build is not a no-op"
"$newsidx" rm --db "$db" "$id_a" >/dev/null || fail "rm of a long id"
[ "$(doc_count "$db")" -eq 6 ] || fail "rm of a long id removed $((7 - $(doc_count "$db")))"
exit 0
