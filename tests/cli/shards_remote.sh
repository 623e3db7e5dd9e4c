#!/usr/bin/env bash
# Remote shards on loopback: two xapian-tcpsrv serve the two shards of a --shards 2 archive;
# a stub listing the meta database and `remote` lines answers every search as one database
# does. A shard's copy is swapped under a running server by rewriting its stub; a server
# that is killed, or hangs, is an error (exit 2) naming it, never a hang.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/shards-remote
rm -rf "$work" && mkdir -p "$work"
one=$work/one.db shards=$work/shards.db
"$newsidx" build -q --db "$one" --synonyms tests/data/synonyms.txt corpus >/dev/null 2>&1
"$newsidx" build -q --db "$shards" --shards 2 --synonyms tests/data/synonyms.txt corpus \
    >/dev/null 2>&1

trap stop_servers EXIT

serve shard0 "$shards/shard-0" && port0=$port pid0=$pid
serve shard1 "$shards/shard-1" && port1=$port pid1=$pid

# A searcher's stub: its own copy of the meta database (spelling, synonyms, schema) and the
# remote shards.
cp -r "$shards/meta" "$work/meta"
printf '%s\n' "auto meta" "remote 127.0.0.1:$port0" "remote 127.0.0.1:$port1" >"$work/remote.stub"
# The searcher, through xapian-tcpsrv, changes nothing it reads.
served=$(db_checksum "$shards"; db_checksum "$work/meta")
same_answers "$search" "$one" "$work/remote.stub"

# The shards alone: Xapian 1.4's remote protocol carries no spelling or synonym tables, so
# there are no suggestions nor synonyms; everything else is the same.
printf '%s\n' "remote 127.0.0.1:$port0" "remote 127.0.0.1:$port1" >"$work/shards-only.stub"
same_answer "$search" "$one" "$work/shards-only.stub" -f json -n 50 'korea OR pipeline'
same_answer "$search" "$one" "$work/shards-only.stub" -f json -n 0 --facets category,year gas
[ "$(db_checksum "$shards"; db_checksum "$work/meta")" = "$served" ] ||
    fail "searching remote shards changed them"
[ "$("$search" --db "$work/shards-only.stub" -f json 'Pyongyng missles' | jq -c .suggestion)" = null ] ||
    fail "a suggestion without the meta database"

# A new copy of a shard, swapped in under a running server: it serves a stub folder, whose
# one line is replaced by a rename. New searches read the new copy.
mkdir -p "$work/served1"
xapian-compact -q "$shards/shard-1" "$work/served1/v1" >/dev/null || fail "xapian-compact"
echo "auto v1" >"$work/served1/XAPIANDB"
serve served1 "$work/served1" && port2=$port
printf '%s\n' "auto meta" "remote 127.0.0.1:$port0" "remote 127.0.0.1:$port2" >"$work/swap.stub"
same_answer "$search" "$one" "$work/swap.stub" -f json -n 50 'korea OR pipeline'
gone=$(xapian-delve -a -1 "$work/served1/v1" | grep -m1 '^Q' | cut -c2-)
xapian-compact -q "$work/served1/v1" "$work/served1/v2" >/dev/null || fail "xapian-compact v2"
"$newsidx" rm --db "$work/served1/v2" "$gone" >/dev/null || fail "rm from the new copy"
echo "auto v2" >"$work/served1/XAPIANDB.tmp" && mv "$work/served1/XAPIANDB.tmp" "$work/served1/XAPIANDB"
"$search" --db "$work/swap.stub" show "$gone" >/dev/null 2>&1
[ $? -eq 1 ] || fail "the swapped-in copy is not the one searched"
[ "$("$search" --db "$work/swap.stub" --count --since 1900)" = $((corpus_articles - 1)) ] || fail "count after the swap"

# A server that goes away while a searcher has it open: the next query is an error, given as
# its answer (search_batch_remote.sh: the batch goes on).
mkfifo "$work/queries"
"$search" --db "$work/remote.stub" --queries - <"$work/queries" >"$work/batch.out" \
    2>"$work/batch.err" &
batch=$!
exec 3>"$work/queries"
echo pipeline >&3
for i in $(seq 1 100); do
    [ -s "$work/batch.out" ] && break
    sleep 0.05
done
[ -s "$work/batch.out" ] || fail "no answer from the batch"
kill "$pid1"
wait "$pid1" 2>/dev/null
echo korea >&3
exec 3>&-
wait "$batch"
[ $? -eq 2 ] || fail "batch exit $? after a server went away"
grep -q "^{\"query\":\"korea\",\"error\":\"database $work/remote.stub: remote shard remote:tcp(127.0.0.1:$port1) does not answer: " \
    "$work/batch.out" || fail "batch: $(cat "$work/batch.out" "$work/batch.err")"

# A server that is down: refused at once.
timeout 20 "$search" --db "$work/remote.stub" pipeline >/dev/null 2>"$work/err"
code=$?
[ $code -eq 2 ] || fail "exit $code with a server down"
grep -qx "newsidx-search: database $work/remote.stub: remote shard remote:tcp(127.0.0.1:$port1) does not answer: Couldn't connect (Connection refused)" \
    "$work/err" || fail "message: $(cat "$work/err")"

# A server that hangs (stopped): Xapian gives up after its remote timeout (10 s for a stub's
# `remote` line), well before `timeout` would.
kill -STOP "$pid0"
printf '%s\n' "auto meta" "remote 127.0.0.1:$port0" >"$work/hung.stub"
timeout 30 "$search" --db "$work/hung.stub" pipeline >/dev/null 2>"$work/err"
code=$?
[ $code -eq 2 ] || fail "exit $code with a hung server (124: the searcher hung)"
grep -q "remote shard remote:tcp(127.0.0.1:$port0) does not answer: Timeout expired" "$work/err" ||
    fail "message: $(cat "$work/err")"
exit 0
