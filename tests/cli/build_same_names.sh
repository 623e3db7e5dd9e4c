#!/usr/bin/env bash
# Regression: issue #15, item 5. Two files that give the same id (a/x.txt and b/x.txt, or two
# JSON Lines files): deleting the one that won kept nothing, though the other was still
# there, and touching or naming it brought nothing back. Now an article stays while any file
# that gave it is there, and its text becomes the survivor's; on one database, in a first
# build's import, and in shards by year (where the two copies have different years).
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
dir=$work/same-names
db=$work/same-names.db
id=100_c809ca34303675c3
src=corpus/$id.txt

title_of() { "$search" --db "$db" -f json show "$1" | sed -n 's/.*"title":"\([^"]*\)".*/\1/p'; }

# setup: a/x.txt is the corpus article of 2016; b/x.txt the same with another title, of 2020.
setup() {
    rm -rf "$dir" "$db" && mkdir -p "$dir/a" "$dir/b" "$dir/other"
    cp "$src" "$dir/a/$id.txt"
    sed -e 's/^North Korea fires 2/Copy B: North Korea fires 2/' -e 's/15\.03\.2016/15.03.2020/g' \
        "$src" >"$dir/b/$id.txt"
    for f in corpus/10[1-9]_*.txt; do cp "$f" "$dir/other/"; done
}

for way in "" "-j 2 --shard-min-files 0" "--shard-by year"; do
    setup
    # shellcheck disable=SC2086
    "$newsidx" build -q $way --db "$db" "$dir" >/dev/null 2>"$work/same.err"
    grep -q "id $id also read from" "$work/same.err" || fail "$way: no warning: $(cat "$work/same.err")"
    [ "$(title_of $id)" = "Copy B: North Korea fires 2 short-range ballistic missiles into East Sea, says Seoul" ] ||
        fail "$way: b/ did not win: $(title_of $id)"
    rm "$dir/b/$id.txt"
    "$newsidx" build -q --db "$db" "$dir" >"$work/same.out" 2>&1 || fail "$way: $(cat "$work/same.out")"
    [ "$(title_of $id)" = "North Korea fires 2 short-range ballistic missiles into East Sea, says Seoul" ] ||
        fail "$way: the article of a/ is not there after b/ was deleted: '$(title_of $id)'"
    "$search" --db "$db" --count 'title:"copy b"' >/dev/null && fail "$way: b/'s text is still found"
    "$newsidx" build --db "$db" "$dir" 2>&1 | grep -q '^0 changed, 10 unchanged, 0 removed' ||
        fail "$way: a third build is not a no-op"
    rm "$dir/a/$id.txt"
    "$newsidx" build -q --db "$db" "$dir" >"$work/same.out" 2>&1 || fail "$way: $(cat "$work/same.out")"
    "$search" --db "$db" show $id >/dev/null 2>&1 && fail "$way: the article stays with no file"
    [ "$(doc_count "$db")" -eq 9 ] || fail "$way: $(doc_count "$db") articles, expected 9"
done

# JSON Lines: two files give "dup"; the line of the one that won goes, then the other file.
setup
printf '%s\n' '{"id": "dup", "title": "From one", "body": "One."}' \
    '{"id": "only-one", "title": "Only in one", "body": "Alone."}' >"$dir/1.jsonl"
printf '%s\n' '{"id": "dup", "title": "From two", "body": "Two."}' >"$dir/2.jsonl"
"$newsidx" build -q --db "$db" "$dir" >/dev/null 2>&1
[ "$(title_of dup)" = "From two" ] || fail "jsonl: 2.jsonl did not win: $(title_of dup)"
printf '%s\n' '{"id": "something-else", "title": "Else", "body": "Else."}' >"$dir/2.jsonl"
"$newsidx" build -q --db "$db" "$dir" >"$work/same.out" 2>&1 || fail "jsonl: $(cat "$work/same.out")"
[ "$(title_of dup)" = "From one" ] || fail "jsonl: dup is not 1.jsonl's after 2.jsonl dropped it: '$(title_of dup)'"
rm "$dir/1.jsonl"
"$newsidx" build -q --db "$db" "$dir" >/dev/null 2>&1
"$search" --db "$db" show dup >/dev/null 2>&1 && fail "jsonl: dup stays with no file"

# A file whose article was removed with rm comes back when it is touched, or named.
setup
"$newsidx" build -q --db "$db" "$dir/a" >/dev/null 2>&1
"$newsidx" rm --db "$db" $id >/dev/null || fail "rm"
touch "$dir/a/$id.txt"
"$newsidx" build -q --db "$db" "$dir/a" >/dev/null 2>&1
"$search" --db "$db" show $id >/dev/null || fail "a touched file does not bring its article back"
"$newsidx" rm --db "$db" $id >/dev/null || fail "rm"
"$newsidx" build -q --db "$db" "$dir/a/$id.txt" >/dev/null 2>&1
"$search" --db "$db" show $id >/dev/null || fail "a file named does not bring its article back"
exit 0
