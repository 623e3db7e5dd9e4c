#!/usr/bin/env bash
# saved run --new: what it reports first, then only articles indexed since, never an article
# indexed again under its id, everything again after reset; a failed write reports nothing.
# The saved files live beside the database, which saved commands never change.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
dir=$work/saved-new
rm -rf "$dir" && mkdir -p "$dir/articles"
export NEWSIDX_DB=$dir/db
unset NEWSIDX_SAVED
cp corpus/1[0-2]*.txt "$dir/articles/"
"$newsidx" build -q --db "$NEWSIDX_DB" "$dir/articles" >/dev/null || fail "build"
matches() { "$search" -f ids -n 1000 "$@" | sort; }

"$search" saved add korea north korea >/dev/null || fail "add korea"
"$search" saved add gas gas >/dev/null || fail "add gas"
[ -f "$dir/db.saved.toml" ] || fail "the saved file is not beside the database"
db_before=$(db_checksum "$NEWSIDX_DB")

first=$("$search" saved run korea --new -f ids) || fail "first run"
[ "$(sort <<<"$first")" = "$(matches north korea)" ] || fail "first run: $first"
[ "$first" = "$("$search" -f ids -n 1000 --sort newest north korea)" ] || fail "not newest first"
out=$("$search" saved run korea --new -f ids)
[ $? -eq 1 ] && [ -z "$out" ] || fail "second run printed: $out"
grep -q '^{"saved":"korea","reported":\["1' "$dir/db.saved.toml.state" || fail "state"
[ "$(db_checksum "$NEWSIDX_DB")" = "$db_before" ] || fail "saved commands changed the database"

# Articles indexed since: only they are new.
cp corpus/13*.txt "$dir/articles/"
"$newsidx" build -q --db "$NEWSIDX_DB" "$dir/articles" >/dev/null || fail "build more"
expected=$(matches north korea | grep '^13')
[ -n "$expected" ] || fail "the new articles should match"
new=$("$search" saved run korea --new -f ids) || fail "run after indexing more"
[ "$(sort <<<"$new")" = "$expected" ] || fail "new: $new; expected $expected"

# Indexed again: touched (the build skips it), then changed under its id after being removed
# (a new document, a new docid): not new either time.
id=130_ba4a82abb3c1e139
touch "$dir/articles/"*.txt
"$newsidx" build -q --db "$NEWSIDX_DB" "$dir/articles" >/dev/null || fail "rebuild"
docid=$(xapian-delve -1 -t "Q$id" "$NEWSIDX_DB" | tail -1)
"$newsidx" rm --db "$NEWSIDX_DB" "$id" >/dev/null || fail "rm"
echo "Added later." >>"$dir/articles/$id.txt"
"$newsidx" build -q --db "$NEWSIDX_DB" "$dir/articles" >/dev/null || fail "build changed"
[ "$(xapian-delve -1 -t "Q$id" "$NEWSIDX_DB" | tail -1)" != "$docid" ] || fail "same docid"
out=$("$search" saved run korea --new -f ids)
[ $? -eq 1 ] && [ -z "$out" ] || fail "re-indexed articles reported again: $out"

# reset forgets; --all --new tags each result with its saved search.
"$search" saved reset korea || fail "reset"
[ "$("$search" saved run korea --new -f ids | sort)" = "$(matches north korea)" ] || fail "after reset"
all=$("$search" saved run --all --new -f jsonl) || fail "--all --new"
[ "$(grep -c '^{"saved":"gas",' <<<"$all")" -eq "$(matches gas | wc -l)" ] || fail "--all: $all"
[ "$(grep -vc '^{"saved":"gas",' <<<"$all")" -eq 0 ] || fail "--all reported korea again: $all"
"$search" saved run --all --new >/dev/null
[ $? -eq 1 ] || fail "--all --new with nothing new should exit 1"
"$search" saved reset --all || fail "reset --all"
text=$("$search" saved run --all --new) || fail "--all text"
[ "$(grep -c '^\[' <<<"$text")" -eq 2 ] && grep -qx '\[gas\]' <<<"$text" && grep -qx '\[korea\]' <<<"$text" ||
    fail "--all text headings: $text"

# A write that fails (full disk, closed output) is an error, and the same matches come next time.
"$search" saved reset korea || fail "reset"
"$search" saved run korea --new -f json >/dev/full 2>"$dir/err"
[ $? -eq 2 ] || fail "/dev/full should exit 2"
grep -qx 'newsidx-search: cannot write output' "$dir/err" || fail "message: $(cat "$dir/err")"
"$search" saved run korea --new -f ids >&- 2>/dev/null
[ $? -eq 2 ] || fail "a closed output should exit 2"
json=$("$search" saved run korea --new -f json) || fail "run after failed writes"
[[ "$json" == '{"saved":"korea","query":"saved:korea","total":'"$(matches north korea | wc -l)"',"total_exact":true,'* ]] ||
    fail "after failed writes: $json"

# --new with -n: the newest n, the rest the next time; --offset makes no sense with it.
"$search" saved reset gas || fail "reset gas"
two=$("$search" saved run gas --new -f ids -n 2) || fail "-n 2"
[ "$two" = "$("$search" -f ids -n 2 --sort newest gas)" ] || fail "-n 2: $two"
rest=$("$search" saved run gas --new -f ids) || fail "the rest"
[ "$(sort <<<"$two"$'\n'"$rest")" = "$(matches gas)" ] || fail "-n 2 then the rest: $rest"
"$search" saved run gas --new --offset 1 2>/dev/null
[ $? -eq 2 ] || fail "--offset with --new should exit 2"
echo ok
