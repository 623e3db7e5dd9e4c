#!/usr/bin/env bash
# Issue 18 (11): `newsidx rm` can be undone: `build --force PATH...` reads what it is given
# again, whatever the recorded state says, and writes what the database lacks, for text files
# and JSON Lines alike; without it an unchanged file is passed over.
set -u
. tests/cli/lib.sh
newsidx=$1 work=$3/build-force
rm -rf "$work" && mkdir -p "$work/in"
cp corpus/languages/*.txt "$work/in/"
texts=$(ls "$work/in" | wc -l)
cat >"$work/in/items.jsonl" <<'JSON'
{"id": "item-1", "title": "Ferry service resumes across the strait", "body": ["The ferry runs again."]}
{"id": "item-2", "title": "Harbour cranes stand idle", "body": ["No ship came in today."]}
JSON
all=$((texts + 2))
"$newsidx" build -q --db "$work/db" "$work/in" || fail "first build"
[ "$(doc_count "$work/db")" = $all ] || fail "first build: $(doc_count "$work/db") articles"
text_id=$(basename "$(ls "$work/in"/*.txt | head -1)" .txt)
"$newsidx" rm --db "$work/db" "$text_id" item-2 >/dev/null || fail "rm"
[ "$(doc_count "$work/db")" = $((all - 2)) ] || fail "rm left $(doc_count "$work/db")"
"$newsidx" build --db "$work/db" "$work/in" >"$work/out" 2>&1 || fail "build: $(cat "$work/out")"
[ "$(doc_count "$work/db")" = $((all - 2)) ] ||
    fail "an unchanged folder brought removed articles back: $(cat "$work/out")"
grep -q "^0 changed" "$work/out" || fail "an unchanged folder was read: $(cat "$work/out")"
"$newsidx" build --force --db "$work/db" "$work/in" >"$work/out" 2>&1 ||
    fail "build --force: $(cat "$work/out")"
[ "$(doc_count "$work/db")" = $all ] || fail "--force: $(doc_count "$work/db") articles, expected $all"
# The two removed come back; the others are held as they are.
grep -q "^2 changed, $((all - 2)) unchanged" "$work/out" || fail "--force summary: $(cat "$work/out")"
"$newsidx" build --db "$work/db" "$work/in" >"$work/out" 2>&1 || fail "build after --force"
grep -q "^0 changed, $all unchanged" "$work/out" || fail "after --force: $(cat "$work/out")"
exit 0
