#!/usr/bin/env bash
# Batch mode answers each line exactly as a single --format json query does.
set -u
. tests/cli/lib.sh
search=$2 db=$NEWSIDX_WORK/corpus.db
queries='pipeline
title:glacier
"black sea" gas
author:gokce date:2020..
xylophonequartz
Kim’s'
batch=$(printf '%s\n' "$queries" | "$search" --db "$db" -n 3 --facets year --queries -)
[ $? -eq 0 ] || fail "batch exit"
i=0
while IFS= read -r q; do
    i=$((i + 1))
    single=$("$search" --db "$db" -n 3 --facets year --format json "$q")
    [ "$single" = "$(printf '%s\n' "$batch" | sed -n "${i}p")" ] || fail "line $i differs for: $q"
done <<<"$queries"
[ "$(printf '%s\n' "$batch" | wc -l)" -eq 6 ] || fail "expected 6 lines"
printf 'date:2025-02-31\nkim\n' | "$search" --db "$db" --queries - >"$3/batch.out"
[ $? -eq 2 ] || fail "a bad query in the batch should make the exit code 2"
grep -qx '{"query":"date:2025-02-31","error":"impossible date 2025-02-31"}' "$3/batch.out" ||
    fail "$(cat "$3/batch.out")"
[ "$(wc -l <"$3/batch.out")" -eq 2 ] || fail "the batch should go on after a bad query"
exit 0
