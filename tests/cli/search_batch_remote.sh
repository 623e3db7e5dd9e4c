#!/usr/bin/env bash
# Regression: issue #15 (8). Batch mode died when a remote shard stalled or reset: exit 2, and
# every later query lost. A query that cannot be answered gets its {"query", "error"} line;
# the next one opens the database again and is answered once the shard is back; exit 2 at
# the end. A real xapian-tcpsrv on 127.0.0.1, stopped with SIGSTOP (Xapian's remote timeout,
# 10 s for a stub's remote line, bounds each stalled query; the stub format has no way to
# shorten it), then killed.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/batch-remote
rm -rf "$work" && mkdir -p "$work"
"$newsidx" build -q --db "$work/shards.db" --shards 2 corpus >/dev/null || fail "build"
trap stop_servers EXIT
serve shard0 "$work/shards.db/shard-0" && port0=$port
serve shard1 "$work/shards.db/shard-1" && port1=$port pid1=$pid
cp -r "$work/shards.db/meta" "$work/meta"
printf '%s\n' "auto meta" "remote 127.0.0.1:$port0" "remote 127.0.0.1:$port1" >"$work/remote.stub"
expected=$("$search" --db "$work/shards.db" --count pipeline)

mkfifo "$work/queries"
"$search" --db "$work/remote.stub" -n 0 --queries - <"$work/queries" >"$work/batch.out" \
    2>"$work/batch.err" &
batch=$!
exec 3>"$work/queries"
trap 'exec 3>&-; kill "$batch" 2>/dev/null; stop_servers' EXIT
# ask QUERY: sends it and waits (60 s at most) for its answer; sets answer.
asked=0
ask() {
    asked=$((asked + 1))
    echo "$1" >&3
    local i
    for i in $(seq 1 1200); do
        [ "$(wc -l <"$work/batch.out")" -ge $asked ] && break
        kill -0 "$batch" 2>/dev/null || fail "the batch ended after $((asked - 1)) answers: $(cat "$work/batch.err")"
        sleep 0.05
    done
    answer=$(sed -n "${asked}p" "$work/batch.out")
    [ -n "$answer" ] || fail "no answer to $1"
}
answered() { [[ $answer == "{\"query\":\"$1\",\"total\":$expected,"* ]] || fail "$1: $answer"; }
failed() {
    [[ $answer == "{\"query\":\"$1\",\"error\":\"database $work/remote.stub: remote shard remote:tcp(127.0.0.1:$port1) does not answer: "* ]] ||
        fail "$1: $answer"
}

ask pipeline && answered pipeline
kill -STOP -- "-$pid1"  # stalls: the server and the child serving this batch
ask "pipeline " && failed "pipeline "
ask "pipeline  " && failed "pipeline  "  # while it still stalls: opening again fails too
kill -CONT -- "-$pid1"
ask "pipeline   " && answered "pipeline   "  # back: the batch went on
kill "$pid1"  # resets
wait "$pid1" 2>/dev/null
ask "pipeline    " && failed "pipeline    "
serve shard1 "$work/shards.db/shard-1" 3>&-  # another port: the stub names the old one
ask "pipeline     " && failed "pipeline     "
exec 3>&-
wait "$batch"
code=$?
[ $code -eq 2 ] || fail "batch exit $code, expected 2 (queries failed)"
[ ! -s "$work/batch.err" ] || fail "stderr: $(cat "$work/batch.err")"
[ "$(wc -l <"$work/batch.out")" -eq 6 ] || fail "expected 6 answers: $(cat "$work/batch.out")"
exit 0
