#!/usr/bin/env bash
# Regression: issue #18 (12). `newsidx-search ... | head -1` printed "cannot write output" and
# exited 2: a closed pipe on standard output is a quiet exit with the status the results
# would have given (as grep and ripgrep), for searches, show, batch mode and saved runs; a
# saved run whose output was lost still reports the same matches next time; other write
# errors (/dev/full) stay errors.
set -u
. tests/cli/lib.sh
search=$2 db=$NEWSIDX_WORK/corpus.db work=$3/closed_pipe
rm -rf "$work" && mkdir -p "$work"
export NEWSIDX_DB=$db NEWSIDX_SAVED=$work/saved.toml

# closed EXPECTED_STATUS ARGS...: runs the searcher with its standard output a pipe whose
# read end is already closed (deterministic, unlike `| head`, which may read it all first).
closed() {
    local want=$1
    shift
    /usr/bin/python3 - "$@" >"$work/rc" 2>"$work/err" <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
print(subprocess.run(sys.argv[1:], stdout=w, stdin=subprocess.DEVNULL).returncode)
PY
    [ "$(cat "$work/rc")" = "$want" ] ||
        fail "$* into a closed pipe: exit $(cat "$work/rc"), not $want ($(cat "$work/err"))"
    [ ! -s "$work/err" ] || fail "$* into a closed pipe said: $(cat "$work/err")"
}

closed 0 "$search" gas
closed 1 "$search" zzzznothing
closed 0 "$search" --format json -n 50 the
closed 0 "$search" --count gas
id=$("$search" --format ids -n 1 gas)
closed 0 "$search" show "$id"
printf 'gas\nzzzznothing\n' >"$work/queries"
closed 0 "$search" --queries "$work/queries"

# A saved run whose output was lost: quiet, and the same matches come again.
"$search" saved add gas gas >/dev/null || fail "saved add"
"$search" saved run gas --new -f ids >/dev/null || fail "first saved run"
"$search" saved reset gas >/dev/null || fail "saved reset"
closed 0 "$search" saved run gas --new -f ids
[ -n "$("$search" saved run gas --new -f ids)" ] ||
    fail "the matches whose output was lost are not reported again"

# A full disk stays an error.
"$search" gas >/dev/full 2>"$work/full.err"
[ $? -eq 2 ] || fail "> /dev/full did not exit 2"
grep -q "cannot write output" "$work/full.err" || fail "> /dev/full: $(cat "$work/full.err")"
exit 0
