#!/usr/bin/env bash
# Runs one end-to-end case: run_case.sh EXPECTED_EXIT GOLDEN|- COMMAND...
# Checks the exit code and, with a golden file, diffs the sanitised stdout and stderr against
# it (as notmuch's test suite does). NEWSIDX_UPDATE_GOLDEN=1 rewrites the golden file instead.
# Environment: NEWSIDX_SRC (source tree) and NEWSIDX_WORK (scratch folder) from CMake.
set -u
expected_exit=$1
golden=$2
shift 2

out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
( cd "$NEWSIDX_SRC" && "$@" ) >"$out" 2>"$err" </dev/null
status=$?

# Volatile parts: where the build tree is, and scores (floating point).
sanitize() {
    sed -e "s#$NEWSIDX_WORK#WORK#g" -e "s#$NEWSIDX_SRC/##g" \
        -e 's/"score":[0-9.e+-]*/"score":SCORE/g' \
        -e 's/ ([0-9.]* s, [0-9]* articles\/s)$/ (TIME)/'
}
actual=$( { sanitize <"$out"; echo "--- stderr"; sanitize <"$err"; } )

failed=0
if [ "$status" -ne "$expected_exit" ]; then
    echo "FAIL: exit code $status, expected $expected_exit"
    failed=1
fi
if [ "$golden" != "-" ]; then
    if [ "${NEWSIDX_UPDATE_GOLDEN:-}" = 1 ]; then
        printf '%s\n' "$actual" >"$golden"
        echo "updated $golden"
    elif ! diff -u "$golden" <(printf '%s\n' "$actual"); then
        echo "FAIL: output differs from $golden (NEWSIDX_UPDATE_GOLDEN=1 rewrites it)"
        failed=1
    fi
fi
if [ "$failed" -ne 0 ]; then
    echo "--- command: $*"
    echo "--- stdout"; cat "$out"; echo "--- stderr"; cat "$err"
fi
exit "$failed"
