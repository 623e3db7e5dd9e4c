#!/usr/bin/env bash
# The searcher never modifies a database: every search command, run by a user who may not
# write to it (as root: nobody), answers as usual, and the database's files are byte-identical
# afterwards; one database and a stub of shards alike. (Remote shards: shards_remote.sh.)
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/read-only
rm -rf "$work" && mkdir -p "$work"
# (tests/data/synonyms.txt has a bad line on purpose: exit 2, the rest is used.)
"$newsidx" build -q --db "$work/one.db" --synonyms tests/data/synonyms.txt corpus >/dev/null 2>&1
[ "$(doc_count "$work/one.db")" -eq "$corpus_articles" ] || fail "build one database"
"$newsidx" build -q --shards 2 --db "$work/shards.db" --synonyms tests/data/synonyms.txt corpus \
    >/dev/null 2>&1
[ "$(doc_count "$work/shards.db")" -eq "$corpus_articles" ] || fail "build shards"
printf '%s\n' pipeline 'Pyong*' 'kim date:2025-02-31' >"$work/queries.txt"

as_user() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    as_user test -x "$search" || {
        echo "skipped as nobody: $search is not reachable by nobody; run as root only"
        as_user() { "$@"; }
    }
fi
# The saved searches live in a folder the user may write, never in the database.
saved=$(mktemp -d)
chmod 777 "$saved" "$work"
export NEWSIDX_SAVED=$saved/saved.toml

# CODE ARGS...: newsidx-search ARGS on $db exits CODE.
cases=(
    "0 pipeline"
    "0 -f json --facets category,dateline,author,year,month gas"
    "0 -f jsonl --explain 'title:korea missiles'"
    "0 --sort newest --since 2019 climate"
    "0 --count climate"
    "0 -f ids 'Pyong* OR gas*'"
    "0 dprk"
    "1 'Pyongyng missles'"
    "0 --correct 'Pyongyng missles'"
    "2 'kim date:2025-02-31'"
    "0 show 100_c809ca34303675c3"
    "0 -f json similar 100_c809ca34303675c3"
    "1 show no_such_id"
    "2 --queries $work/queries.txt"
    "0 saved add energy 'pipeline OR gas' --category Energy"
    "0 saved list"
    "0 saved show energy"
    "0 saved run energy"
    "0 saved run --all --new"
    "1 saved run --all --new"
    "0 saved reset --all"
    "0 saved rm energy"
)
for db in "$work/one.db" "$work/shards.db"; do
    chmod -R a-w "$db"
    before=$(db_checksum "$db")
    for case in "${cases[@]}"; do
        code=${case%% *}
        eval "set -- ${case#* }"
        as_user "$search" --db "$db" "$@" >"$work/out" 2>"$work/err"
        got=$?
        [ "$got" -eq "$code" ] || fail "$db: $case: exit $got ($(cat "$work/err"))"
    done
    as_user "$newsidx" search --db "$db" pipeline >/dev/null || fail "newsidx search"
    [ "$(db_checksum "$db")" = "$before" ] || fail "searching $db changed it"
    chmod -R u+w "$db"
done
rm -rf "$saved"
exit 0
