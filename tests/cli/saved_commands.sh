#!/usr/bin/env bash
# saved add/list/show/edit/rm, saved:NAME in queries (nested, cycles, unknown names), broken
# files; the database is left byte for byte as it was.
set -u
. tests/cli/lib.sh
search=$2 work=$3
dir=$work/saved-commands
rm -rf "$dir" && mkdir -p "$dir"
export NEWSIDX_DB=$NEWSIDX_WORK/corpus.db NEWSIDX_SAVED=$dir/saved.toml
db_before=$(db_checksum "$NEWSIDX_DB")
ids() { "$search" -f ids -n 100 "$@"; }
# expect_error EXIT_MESSAGE COMMAND...: exit 2 and exactly this line on stderr.
expect_error() {
    message=$1
    shift
    "$@" >"$dir/out" 2>"$dir/err"
    status=$?
    [ "$status" -eq 2 ] || fail "exit $status, expected 2: $*"
    [ "$(cat "$dir/err")" = "$message" ] || fail "$*: $(cat "$dir/err")"
}

[ "$("$search" saved add korea north korea)" = "added korea (4 matches)" ] || fail "add korea"
"$search" saved add energy --category Energy --sort newest -n 3 >/dev/null || fail "add energy"
"$search" saved add both 'saved:korea OR saved:energy' >/dev/null || fail "add both"
[ "$("$search" saved list)" = "both    saved:korea OR saved:energy
energy  category Energy · sort newest · limit 3
korea   north korea" ] || fail "list: $("$search" saved list)"
[ "$("$search" saved list -f ids)" = "$(printf 'both\nenergy\nkorea')" ] || fail "list -f ids"
[ "$("$search" saved show energy -f json)" = '{"name":"energy","query":"","category":["Energy"],"author":[],"dateline":[],"language":[],"since":null,"until":null,"sort":"newest","limit":3,"facets":[],"reported":0}' ] ||
    fail "show json: $("$search" saved show energy -f json)"
"$search" saved show korea | grep -qx 'query     north korea' || fail "show text"
grep -qx '\[energy\]' "$NEWSIDX_SAVED" && grep -qx 'category = \["Energy"\]' "$NEWSIDX_SAVED" ||
    fail "the file: $(cat "$NEWSIDX_SAVED")"

# saved:NAME is its query, alone or combined; its filters apply to it alone.
[ "$(ids saved:korea)" = "$(ids north korea)" ] || fail "saved:korea"
[ "$(ids 'saved:korea AND date:2025')" = "$(ids 'north korea date:2025')" ] || fail "AND date"
[ "$(ids 'saved:energy OR glacier' | sort)" = "$({ ids category:energy; ids glacier; } | sort -u)" ] ||
    fail "saved:energy OR glacier"
[ "$(ids saved:both | sort)" = "$({ ids north korea; ids category:energy; } | sort -u)" ] ||
    fail "nested"
# saved run takes the saved options (newest first, 3), and those of the command line over them.
run=$("$search" saved run energy -f jsonl)
[ "$(wc -l <<<"$run")" -eq 3 ] || fail "run energy: $run"
[ "$(grep -c '"saved":"energy","rank":[0-9]*,"id":"[^"]*","source":"[^"]*","score":[0-9.e+-]*,"percent":[0-9]*,"title":"[^"]*","authors":\[[^]]*\],"published":"[^"]*","updated":[^,]*,"category":"Energy"' <<<"$run")" -eq 3 ] ||
    fail "run energy results: $run"
[ "$(sed -E 's/.*"published":"([^"]*)".*/\1/' <<<"$run")" = "$(sed -E 's/.*"published":"([^"]*)".*/\1/' <<<"$run" | sort -r)" ] ||
    fail "run energy is not newest first"
[ "$("$search" saved run energy -f ids -n 5 --sort oldest)" = "$("$search" -f ids --category Energy -n 5 --sort oldest)" ] ||
    fail "run with -n and --sort"
"$search" saved run korea | head -1 | grep -qx '\[korea\]' || fail "text heading"

# Errors, word for word; none changes the file.
file_before=$(md5sum <"$NEWSIDX_SAVED")
expect_error "newsidx-search: saved search korea refers to itself: korea -> both -> korea" \
    "$search" saved edit korea 'saved:both'
expect_error "newsidx-search: no saved search named nope" "$search" 'kim OR saved:nope'
expect_error "newsidx-search: saved search korea exists already: change it with saved edit" \
    "$search" saved add korea kim
expect_error 'newsidx-search: bad saved search name "north korea": use up to 64 letters, digits, - and _' \
    "$search" saved add 'north korea' kim
expect_error 'newsidx-search: bad saved search name "Türkiye": use up to 64 letters, digits, - and _' \
    "$search" saved show Türkiye
for verb in show edit rm run reset; do
    expect_error "newsidx-search: no saved search named nope" "$search" saved "$verb" nope --sort newest
done
expect_error "newsidx-search: saved search both uses saved:korea: change or remove both first" \
    "$search" saved rm korea
expect_error "newsidx-search: saved search d: impossible date 2025-02-31" \
    "$search" saved add d kim --since 2025-02-31
[ "$(md5sum <"$NEWSIDX_SAVED")" = "$file_before" ] || fail "a refused command changed the file"

# A cycle made by hand is an error, not a hang.
printf '[a]\nquery = "saved:b"\n\n[b]\nquery = "kim OR saved:a"\n' >"$dir/cycle.toml"
expect_error "newsidx-search: saved search a refers to itself: a -> b -> a" \
    timeout 20 "$search" --saved-file "$dir/cycle.toml" 'saved:a AND date:2025'

# edit replaces the query and the options given; an empty value clears one.
"$search" saved edit energy pipeline --category '' >/dev/null || fail "edit"
"$search" saved show energy -f json | grep -q '"query":"pipeline","category":\[\],.*"sort":"newest","limit":3' ||
    fail "after edit: $("$search" saved show energy -f json)"

# A broken file: file:line, exit 2, and the file is never rewritten.
printf '[korea]\nquery = "north korea"\nlimt = 3\n' >"$dir/broken.toml"
cp "$dir/broken.toml" "$dir/broken.orig"
for args in "saved list" "saved add x kim" "saved run korea --new" "saved rm korea" "saved:korea"; do
    # shellcheck disable=SC2086
    expect_error "newsidx-search: $dir/broken.toml:3: unknown key limt in saved search korea (known: query, category, author, dateline, language, since, until, sort, limit, facets)" \
        "$search" --saved-file "$dir/broken.toml" $args
done
printf '[korea]\nquery = "north korea\nsort = "newest"\n' >"$dir/broken.toml"
cp "$dir/broken.toml" "$dir/broken.orig"
"$search" --saved-file "$dir/broken.toml" saved edit korea kim 2>"$dir/err"
[ $? -eq 2 ] || fail "syntax error exit"
grep -q "^newsidx-search: $dir/broken.toml:2: " "$dir/err" || fail "syntax error: $(cat "$dir/err")"
cmp -s "$dir/broken.toml" "$dir/broken.orig" || fail "a broken file was rewritten"
[ ! -e "$dir/broken.toml.state" ] || fail "state written for a broken file"
# A search that names no saved search does not read the file.
"$search" --saved-file "$dir/broken.toml" -f ids kim >/dev/null || fail "plain search with a broken file"

"$search" saved rm both && "$search" saved rm korea || fail "rm"
[ "$("$search" saved list -f ids)" = energy ] || fail "after rm: $("$search" saved list -f ids)"
[ "$(db_checksum "$NEWSIDX_DB")" = "$db_before" ] || fail "the database changed"
echo ok
