#!/usr/bin/env bash
# Regression: issue #18, item 8. `build -q` prints nothing when all went well (the README's
# cron line mails nothing), also the second time and with --synonyms; after a problem,
# stdout stays empty, stderr has the problem's line, and the exit status is 2.
set -u
. "$NEWSIDX_SRC/tests/cli/lib.sh"
newsidx=$1 work=$3
cd "$NEWSIDX_SRC"
db=$work/quiet.db
rm -rf "$db"
grep '=' tests/data/synonyms.txt | grep -v '^#' >"$work/synonyms.txt"
for run in first again; do
    "$newsidx" build -q --db "$db" --synonyms "$work/synonyms.txt" corpus \
        >"$work/out" 2>"$work/err" || fail "$run build: exit $?: $(cat "$work/err")"
    [ ! -s "$work/out" ] || fail "$run build -q printed on stdout: $(cat "$work/out")"
    [ ! -s "$work/err" ] || fail "$run build -q printed on stderr: $(cat "$work/err")"
done
"$newsidx" build -q --db "$db" corpus tests/data/bad >"$work/out" 2>"$work/err"
[ $? = 2 ] || fail "a build with bad files should exit 2"
[ ! -s "$work/out" ] || fail "build -q printed on stdout after a problem: $(cat "$work/out")"
grep -q '^newsidx: tests/data/bad/' "$work/err" || fail "no problem line: $(cat "$work/err")"
grep -v '^newsidx: tests/data/bad/' "$work/err" && fail "more than the problems on stderr"
exit 0
