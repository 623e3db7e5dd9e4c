#!/usr/bin/env bash
# Issue 18 (13): a negative or zero count given to `newsidx build` is refused (exit 2, one
# line naming the option, no database made); it used to wrap around to a huge number.
set -u
. tests/cli/lib.sh
newsidx=$1 work=$3/option-ranges
rm -rf "$work" && mkdir -p "$work"
for args in "--jobs -1" "--jobs 0" "--batch-size -1" "--batch-size 0" "--shard-min-files -1" \
    "--shards -1" "--shards 0" "--max-article-size -1" "--max-article-size 0"; do
    option=${args%% *}
    # shellcheck disable=SC2086
    "$newsidx" build --db "$work/db" $args corpus >"$work/out" 2>"$work/err"
    code=$?
    [ $code -eq 2 ] || fail "$args: exit $code, expected 2"
    grep -q -- "$option.*not in range" "$work/err" ||
        fail "$args: the message does not name the option and its range: $(cat "$work/err")"
    [ "$(wc -l <"$work/err")" -le 2 ] || fail "$args: more than the message: $(cat "$work/err")"
    [ ! -e "$work/db" ] || fail "$args: a database was made"
done
# The smallest values allowed work.
"$newsidx" build -q --db "$work/db" --jobs 1 --batch-size 1 --shard-min-files 0 corpus \
    >/dev/null 2>"$work/err" || fail "the smallest values: $(cat "$work/err")"
exit 0
