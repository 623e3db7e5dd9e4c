#!/usr/bin/env bash
# Building the same folder twice gives the same articles and the same terms.
set -eu
newsidx=$1 work=$3
db=$work/twice.db
rm -rf "$db" && mkdir -p "$work"
"$newsidx" build --db "$db" corpus >/dev/null
first=$(xapian-delve -a -1 "$db" | md5sum)
count1=$(xapian-delve "$db" | grep 'number of documents')
"$newsidx" build --db "$db" corpus >/dev/null
second=$(xapian-delve -a -1 "$db" | md5sum)
count2=$(xapian-delve "$db" | grep 'number of documents')
echo "$count1 / $count2"
[ "$count1" = "$count2" ] || { echo "FAIL: document count changed"; exit 1; }
expected=$(find corpus -name '*.txt' | wc -l)
[ "$count1" = "number of documents = $expected" ] || { echo "FAIL: expected $expected articles"; exit 1; }
[ "$first" = "$second" ] || { echo "FAIL: terms changed"; exit 1; }
xapian-check "$db" >/dev/null
