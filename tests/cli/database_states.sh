#!/usr/bin/env bash
# Issue 17 (6): every command that opens a database says the same thing, in one line, of
# each state a path can be in: nothing there (or an empty folder), a folder of other files,
# another program's Xapian database, one from another schema version, one locked by a writer.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/database-states
rm -rf "$work" && mkdir -p "$work"
cd "$work" || exit 2
mkdir empty other && echo hi >other/notes.txt
"$newsidx" build -q --db foreign "$NEWSIDX_SRC/corpus/languages" || fail "build"
"$newsidx" build -q --db old "$NEWSIDX_SRC/corpus/languages" || fail "build"
# Another program's database: ours with the schema mark taken off; another version: ours
# with another schema number.
/usr/bin/python3 - <<'PY' || fail "python3-xapian"
import xapian
db = xapian.WritableDatabase("foreign", xapian.DB_OPEN)
db.set_metadata("newsidx:schema", "")
db.commit()
db = xapian.WritableDatabase("old", xapian.DB_OPEN)
db.set_metadata("newsidx:schema", "6")
db.commit()
PY
expect() {  # expect STATE MESSAGE: each reader says MESSAGE of the path STATE, exits 2
    # and changes nothing (a build into it is tried below, where it is refused)
    local state=$1 message=$2
    for cmd in "search:$search --db $state korea" "stats:$newsidx stats --db $state" \
        "rm:$newsidx rm --db $state some-id" "compact:$newsidx compact --db $state"; do
        local name=${cmd%%:*}
        rm -rf copy && { [ ! -e "$state" ] || cp -r "$state" copy; }
        # shellcheck disable=SC2086
        ${cmd#*:} >out 2>err
        local code=$?
        [ $code = 2 ] || fail "$name on $state: exit $code, expected 2 ($(cat err))"
        [ "$(wc -l <err)" = 1 ] || fail "$name on $state: not one line: $(cat err)"
        grep -qF -- "$message" err || fail "$name on $state: $(cat err), expected: $message"
        diff -r "$state" copy >/dev/null 2>&1 || [ ! -e "$state" ] ||
            fail "$name on $state changed it"
    done
}
expect missing "no database at missing (create one with: newsidx build --db missing FOLDER)"
expect empty "no database at empty (create one with: newsidx build --db empty FOLDER)"
expect other "other is not a database but a folder of other files (notes.txt): give --db a database, or a new or empty folder to build into"
"$newsidx" build -q --db other "$NEWSIDX_SRC/corpus/languages" 2>err
grep -qF "other is not a database but a folder of other files (notes.txt)" err ||
    fail "build into other: $(cat err)"
expect foreign "foreign is not a newsidx database (another program made it): give --db a newsidx database, or a new folder to build into"
"$newsidx" build -q --db foreign "$NEWSIDX_SRC/corpus/languages" 2>err
grep -qF "foreign is not a newsidx database (another program made it)" err ||
    fail "build into foreign: $(cat err)"
expect old "old was built by another version of newsidx (schema 6, this one reads 7): remove it and build again"
"$newsidx" build -q --db old "$NEWSIDX_SRC/corpus/languages" 2>err
grep -qF "old was built by another version of newsidx (schema 6, this one reads 7): remove it and build again" err ||
    fail "build into old: $(cat err)"
# Locked by a writer: the writers say so (a build adds how to wait); readers read on.
"$newsidx" build -q --db locked "$NEWSIDX_SRC/corpus/languages" || fail "build"
flock locked sleep 30 &
holder=$!
for _ in $(seq 1 50); do flock -n locked true 2>/dev/null || break; sleep 0.1; done
locked="database locked is locked by another build, rm or compact"
"$newsidx" build -q --db locked "$NEWSIDX_SRC/corpus/languages" 2>err
[ $? = 2 ] && grep -qF "$locked (--wait waits for it)" err || fail "build when locked: $(cat err)"
for args in "rm --db locked some-id" "compact --db locked"; do
    # shellcheck disable=SC2086
    "$newsidx" $args >out 2>err
    [ $? = 2 ] && grep -qF "$locked" err || fail "$args when locked: $(cat err)"
done
"$search" --db locked -n 1 --format ids Ankara >out 2>err || fail "search when locked: $(cat err)"
"$newsidx" stats --db locked >out 2>err || fail "stats when locked: $(cat err)"
kill $holder 2>/dev/null
exit 0
