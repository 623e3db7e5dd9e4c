#!/usr/bin/env bash
# Regression: issue #15 (15). A file name that is not UTF-8 gave an id that `show` could not
# find (printed as caf\uFFFD). Its bytes are escaped reversibly (%XX, and a % that would read
# as an escape is %25): the id printed is the id `show` finds, and two names never share one.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/non-utf8-names
rm -rf "$work" && mkdir -p "$work/in"
article=corpus/100_c809ca34303675c3.txt
cp "$article" "$work/in/caf"$'\xe9'".txt"
cp "$article" "$work/in/caf%E9.txt"
cp "$article" "$work/in/50%_off.txt"
cp "$article" "$work/in/Gökçe.txt"
"$newsidx" build -q --db "$work/db" "$work/in" >"$work/build.out" 2>"$work/build.err" ||
    fail "build: $(cat "$work/build.err")"
[ "$(doc_count "$work/db")" -eq 4 ] || fail "expected 4 articles, one a file"
"$search" --db "$work/db" -f ids -n 10 --since 1000 | sort >"$work/ids"
printf '%s\n' 'caf%E9' 'caf%25E9' '50%_off' 'Gökçe' | sort >"$work/expected"
diff "$work/expected" "$work/ids" >&2 || fail "ids printed are not the escaped names"
while IFS= read -r id; do
    "$search" --db "$work/db" show "$id" >"$work/show.out" 2>"$work/show.err" ||
        fail "show $id: exit $? ($(cat "$work/show.err"))"
    "$search" --db "$work/db" -f json show "$id" | jq -e --arg id "$id" '.id == $id' >/dev/null ||
        fail "show -f json $id: another id"
done <"$work/ids"
# JSON output carries the same id (the source keeps the name, U+FFFD where it was not UTF-8).
"$search" --db "$work/db" -f jsonl -n 10 --since 1000 | jq -r .id | sort | diff "$work/expected" - >&2 ||
    fail "JSON ids differ"
exit 0
