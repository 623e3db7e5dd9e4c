#!/usr/bin/env bash
# Regression: issue #15, item 3. A folder that cannot be read is reported (exit 2) and nothing
# under it is removed; a build that would remove more than half the archive (a folder not
# mounted looks empty) refuses unless --allow-mass-removal.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
archive=$work/archive-unreadable
make_archive "$archive" 5

# Permissions do not stop root: the first part runs as nobody, with its own copy of the
# binary (the build tree may not be reachable by other users).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    tmp=$(mktemp -d /tmp/newsidx-unreadable.XXXXXX)
    trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
    cp "$newsidx" "$tmp/newsidx"
    cp -r "$archive" "$tmp/in"
    rm -f "$tmp"/in/.complete-*
    chown -R nobody: "$tmp"
    chmod 755 "$tmp"
    as_nobody() {
        setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
            env HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" "$@"
    }
    db=$tmp/db
    as_nobody "$tmp/newsidx" build -q --db "$db" "$tmp/in" >/dev/null || fail "first build failed"
    [ "$(doc_count "$db")" -eq 180 ] || fail "$(doc_count "$db") articles, expected 180"
    # A sub-folder, then the folder given itself.
    for unreadable in "$tmp/in/copy2" "$tmp/in"; do
        chmod 000 "$unreadable"
        as_nobody "$tmp/newsidx" build --db "$db" "$tmp/in" >"$tmp/out" 2>"$tmp/err"
        status=$?
        chmod 755 "$unreadable"
        [ "$status" = 2 ] || fail "$unreadable unreadable: exit $status"
        grep -qx "newsidx: $unreadable: cannot read folder (Permission denied)" "$tmp/err" ||
            fail "$unreadable unreadable: $(cat "$tmp/err")"
        [ "$(doc_count "$db")" -eq 180 ] || fail "$unreadable unreadable: articles were removed"
        grep -q " 0 removed" "$tmp/out" || fail "$(cat "$tmp/out")"
    done
    as_nobody "$tmp/newsidx" build -q --db "$db" "$tmp/in" >"$tmp/out" 2>&1 ||
        fail "the build after the folders are readable again failed: $(cat "$tmp/out")"
    [ "$(doc_count "$db")" -eq 180 ] || fail "$(doc_count "$db") articles after, expected 180"
else
    echo "skipped the unreadable folders: this needs root and setpriv"
fi

# A folder emptied (or a mount point not mounted): more than half of the archive would go.
db=$work/unreadable.db
gone=$work/unreadable-gone
rm -rf "$db" "$gone" "$work/unreadable-in" && mkdir -p "$gone"
cp -r "$archive" "$work/unreadable-in" && archive=$work/unreadable-in
"$newsidx" build -q --db "$db" "$archive" >/dev/null || fail "build failed"
mv "$archive"/copy1 "$archive"/copy2 "$archive"/copy3 "$gone"/
"$newsidx" build -q --db "$db" "$archive" >"$work/mass.out" 2>"$work/mass.err"
status=$?
[ "$status" = 2 ] || fail "a mass removal: exit $status"
grep -qx "newsidx: not removing the 108 articles of 108 files gone from the folders given: that is more than half of the archive (is a folder not mounted, or emptied by mistake?); if the files were removed on purpose, build again with --allow-mass-removal" \
    "$work/mass.err" || fail "$(cat "$work/mass.err")"
[ "$(doc_count "$db")" -eq 180 ] || fail "a mass removal was done: $(doc_count "$db") articles"
"$newsidx" build -q --allow-mass-removal --db "$db" "$archive" >"$work/mass.out" 2>&1 ||
    fail "--allow-mass-removal: $(cat "$work/mass.out")"
[ "$(doc_count "$db")" -eq 72 ] || fail "--allow-mass-removal: $(doc_count "$db") articles, expected 72"
# Fewer than half: removed without asking.
mv "$gone"/copy1 "$archive"/ && "$newsidx" build -q --db "$db" "$archive" >/dev/null
mv "$archive"/copy1 "$gone"/
"$newsidx" build -q --db "$db" "$archive" >"$work/mass.out" 2>&1 || fail "$(cat "$work/mass.out")"
[ "$(doc_count "$db")" -eq 72 ] || fail "$(doc_count "$db") articles, expected 72"
exit 0
