#!/usr/bin/env bash
# Regression: issue #15 (11). A folder whose XAPIANDB holds `remote :PROGRAM ...` ran PROGRAM
# when searched (Xapian's program backend). The searcher refuses such a stub, in a folder, as
# a file, or nested in another stub, before anything runs, unless --allow-remote-program or
# the config file's allow_remote_program allows it; then `remote :xapian-progsrv DB` works.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/remote-program
rm -rf "$work" && mkdir -p "$work"
"$newsidx" build -q --db "$work/news.db" corpus >/dev/null || fail "build"
export XDG_CONFIG_HOME=$work/xdg
marker=$work/MARKER
printf '#!/bin/sh\ntouch %s\n' "$marker" >"$work/evil.sh"
chmod +x "$work/evil.sh"

# A folder someone hands over, as a file, and nested.
mkdir -p "$work/folder" "$work/outer/inner"
printf '%s\n' "auto ../news.db" "remote :$work/evil.sh --flag" >"$work/folder/XAPIANDB"
printf '%s\n' "auto news.db" "remote :$work/evil.sh --flag" >"$work/file.stub"
printf '%s\n' "remote :$work/evil.sh" >"$work/outer/inner/XAPIANDB"
printf '%s\n' "auto $work/news.db" "auto inner" >"$work/outer/XAPIANDB"

for db in "$work/folder" "$work/file.stub" "$work/outer"; do
    for args in "pipeline" "--count pipeline" "show 102_ce06b15e1832e038" \
        "similar 102_ce06b15e1832e038" "saved list" "--queries $work/evil.sh"; do
        # shellcheck disable=SC2086
        "$search" --db "$db" $args >"$work/out" 2>"$work/err"
        code=$?
        [ ! -e "$marker" ] || fail "--db $db $args ran the program"
        [ "$args" = "saved list" ] && continue  # reads no database
        [ $code -eq 2 ] || fail "--db $db $args: exit $code, expected 2"
        grep -Eq "^newsidx-search: cannot open database $db: .*XAPIANDB:[0-9]+: remote :$work/evil.sh would run that program: refused \(give --allow-remote-program, or allow_remote_program = true in the configuration file, to run it\)$|^newsidx-search: cannot open database $db: $work/file.stub:2: remote :" "$work/err" ||
            fail "--db $db $args: $(cat "$work/err")"
    done
done
"$newsidx" search --db "$work/folder" pipeline >/dev/null 2>&1
[ $? -eq 2 ] && [ ! -e "$marker" ] || fail "newsidx search ran the program"

# Allowed, it runs (it is no Xapian server, so the search then fails).
"$search" --db "$work/folder" --allow-remote-program pipeline >/dev/null 2>&1
[ -e "$marker" ] || fail "--allow-remote-program: the program did not run"
rm -f "$marker"
mkdir -p "$work/xdg/newsidx"
echo "allow_remote_program = true" >"$work/xdg/newsidx/config.toml"
"$search" --db "$work/outer" pipeline >/dev/null 2>&1
[ -e "$marker" ] || fail "allow_remote_program = true: the program did not run"
rm -f "$marker" "$work/xdg/newsidx/config.toml"

# The way to use it on purpose: xapian-progsrv (here local; through ssh in README).
printf '%s\n' "remote :xapian-progsrv $work/news.db" >"$work/progsrv.stub"
expected=$("$search" --db "$work/news.db" -f ids pipeline)
[ "$("$search" --db "$work/progsrv.stub" --allow-remote-program -f ids pipeline)" = "$expected" ] ||
    fail "remote :xapian-progsrv with --allow-remote-program"
"$search" --db "$work/progsrv.stub" -f ids pipeline >/dev/null 2>&1
[ $? -eq 2 ] || fail "remote :xapian-progsrv without the option"
# newsidx stats on a sharded archive reads its databases by name, not through the stub.
"$newsidx" build -q --shards 2 --db "$work/sharded.db" corpus >/dev/null || fail "sharded build"
printf '%s\n' "remote :$work/evil.sh" >>"$work/sharded.db/XAPIANDB"
"$newsidx" stats --db "$work/sharded.db" >"$work/out" 2>&1 || fail "stats: $(cat "$work/out")"
[ ! -e "$marker" ] || fail "newsidx stats ran the program of a stub line"
grep -q "^articles        $corpus_articles$" "$work/out" || fail "stats: $(cat "$work/out")"
exit 0
