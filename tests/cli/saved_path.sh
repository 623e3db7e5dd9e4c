#!/usr/bin/env bash
# Regression: issue #15 (9). `--db .` inside the database folder, `--db DB/.` and
# `--db DB/XAPIANDB` put the saved searches inside the folder (..saved.toml,
# XAPIANDB.saved.toml), and `compact` then deleted them with the old folder. The database
# path is resolved first: the file is DB.saved.toml beside the folder, and a saved-search file
# inside a database folder (--saved-file, $NEWSIDX_SAVED) is refused.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/saved-path
rm -rf "$work" && mkdir -p "$work"
unset NEWSIDX_SAVED
"$newsidx" build -q --db "$work/one.db" corpus >/dev/null || fail "build one.db"
"$newsidx" build -q --db "$work/shards.db" --shards 2 corpus >/dev/null || fail "build shards.db"

# spelling DIR DB NAME EXPECTED: `saved add NAME` run in DIR with --db DB keeps it in
# EXPECTED, nothing inside the database folders; the saved search outlives a compact.
spelling() {
    local dir=$1 db=$2 name=$3 expected=$4 folder
    (cd "$dir" && "$search" --db "$db" saved add "$name" pipeline >/dev/null 2>"$work/err") ||
        fail "--db $db in $dir: saved add: $(cat "$work/err")"
    [ -f "$expected" ] || fail "--db $db in $dir: no $expected"
    grep -q "^\[$name\]" "$expected" || fail "--db $db in $dir: $name is not in $expected"
    for folder in "$work/one.db" "$work/shards.db"; do
        [ -z "$(find "$folder" -name '*saved*')" ] ||
            fail "--db $db in $dir: saved-search files inside $folder: $(find "$folder" -name '*saved*')"
    done
    (cd "$dir" && "$search" --db "$db" saved run "$name" -f ids >/dev/null) ||
        fail "--db $db in $dir: saved run"
}
spelling "$work/one.db" . dot "$work/one.db.saved.toml"
spelling "$work" one.db/. slash_dot "$work/one.db.saved.toml"
spelling "$work" one.db/ slash "$work/one.db.saved.toml"
spelling "$work/shards.db" . archive_dot "$work/shards.db.saved.toml"
spelling "$work" shards.db/XAPIANDB stub "$work/shards.db.saved.toml"
spelling "$work/shards.db" XAPIANDB bare_stub "$work/shards.db.saved.toml"
spelling "$work/shards.db/shard-0" .. up "$work/shards.db.saved.toml"
# Any other path is kept as typed: beside it.
spelling "$work" one.db plain "$work/one.db.saved.toml"
printf '%s\n' "auto shards.db/shard-0" "auto shards.db/shard-1" >"$work/my.stub"
spelling "$work" my.stub own_stub "$work/my.stub.saved.toml"

"$newsidx" compact --db "$work/one.db" >/dev/null || fail "compact one.db"
"$newsidx" compact --db "$work/shards.db" >/dev/null || fail "compact shards.db"
[ "$(cd "$work/one.db" && "$search" --db . saved list -f ids | tr '\n' ' ')" = "dot plain slash slash_dot " ] ||
    fail "one.db's saved searches after compact: $(cd "$work/one.db" && "$search" --db . saved list -f ids 2>&1)"
[ "$(cd "$work/shards.db" && "$search" --db XAPIANDB saved list -f ids | tr '\n' ' ')" = "archive_dot bare_stub stub up " ] ||
    fail "shards.db's saved searches after compact"

# A saved-search file inside a database folder is refused, however it is named, before
# anything is written.
refused() {
    local file=$1
    shift
    "$@" >/dev/null 2>"$work/err"
    [ $? -eq 2 ] || fail "$file: expected exit 2 ($(cat "$work/err"))"
    grep -q "^newsidx-search: saved-search file .* is inside the database folder .*" "$work/err" ||
        fail "$file: $(cat "$work/err")"
    [ ! -e "$file" ] && [ ! -e "$file.lock" ] || fail "$file was written"
}
for file in "$work/one.db/x.toml" "$work/shards.db/x.toml" "$work/shards.db/shard-1/x.toml" \
    "$work/shards.db/meta/x.toml"; do
    refused "$file" "$search" --db "$work/one.db" --saved-file "$file" saved add x kim
    refused "$file" env NEWSIDX_SAVED="$file" "$search" --db "$work/one.db" saved add x kim
    refused "$file" "$search" --db "$work/one.db" --saved-file "$file" saved:x
done
# Through a symbolic link to the folder, too.
ln -s one.db "$work/link"
refused "$work/link/x.toml" "$search" --db "$work/one.db" --saved-file "$work/link/x.toml" saved add x kim
exit 0
