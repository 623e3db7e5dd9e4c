#!/usr/bin/env bash
# Issue 18 (9): a bad line of a JSON Lines file is reported once: later builds do not report
# it again while it stays as it is (exit 0 when nothing new is wrong; --verbose says how many
# were skipped as before), a new bad line is reported, and --strict reports them all again.
set -u
. tests/cli/lib.sh
newsidx=$1 work=$3/jsonl-bad-once
rm -rf "$work" && mkdir -p "$work"
feed=$work/feed.jsonl
{
    echo '{"id": "f-1", "title": "Ferry service resumes", "body": ["The ferry runs again."]}'
    echo '{"id": "f-2", "title": '
    echo '{"id": "f-3", "title": "Harbour cranes idle", "body": ["No ship came in."]}'
} >"$feed"
build() {  # build [OPTIONS]: status in $code, stderr in $work/err
    "$newsidx" build -q --db "$work/db" "$@" "$feed" 2>"$work/err"
    code=$?
}
build
[ $code = 2 ] && grep -q "feed.jsonl:2: invalid JSON" "$work/err" || fail "first build: $code $(cat "$work/err")"
build
[ $code = 0 ] && [ ! -s "$work/err" ] || fail "the same bad line again: $code $(cat "$work/err")"
# The file changes (a good line added): the old bad line is still not an error.
echo '{"id": "f-4", "title": "Lighthouse relit", "body": ["It shines."]}' >>"$feed"
"$newsidx" build -v --db "$work/db" "$feed" >/dev/null 2>"$work/err"
code=$?
[ $code = 0 ] || fail "a good line added: exit $code $(cat "$work/err")"
grep -q "feed.jsonl: 1 line skipped as before" "$work/err" || fail "--verbose: $(cat "$work/err")"
! grep -q "invalid JSON" "$work/err" || fail "reported again: $(cat "$work/err")"
[ "$(doc_count "$work/db")" = 3 ] || fail "$(doc_count "$work/db") articles"
# A new bad line is reported (and only it); --strict reports both.
echo '{"id": "f-5", "title": 5}' >>"$feed"
build
[ $code = 2 ] && grep -q "feed.jsonl:5: wrong type" "$work/err" && ! grep -q ":2:" "$work/err" ||
    fail "a new bad line: $code $(cat "$work/err")"
build --strict
[ $code = 2 ] && grep -q "feed.jsonl:2: invalid JSON" "$work/err" &&
    grep -q "feed.jsonl:5: wrong type" "$work/err" || fail "--strict: $code $(cat "$work/err")"
# Fixed, the line is indexed.
sed -i '2s/.*/{"id": "f-2", "title": "Quay repaired", "body": ["Done."]}/' "$feed"
build
[ $code = 0 ] && [ "$(doc_count "$work/db")" = 4 ] || fail "fixed: $code $(cat "$work/err")"
exit 0
