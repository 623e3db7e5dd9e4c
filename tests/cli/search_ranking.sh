#!/usr/bin/env bash
# Regression: issue #16, item 2. Ranking as a reader expects it, on a real database:
#  - `title:ls`: the long page titled "ls" comes before short pages whose longer titles
#    mention ls (a field word weighs by its field's length, not the article's);
#  - among short articles, the shorter of two that mention a word once comes first (no
#    floor that makes every short article as long as 250 words).
set -u
. "$NEWSIDX_SRC/tests/cli/lib.sh"
newsidx=$1 search=$2 work=$3
cd "$NEWSIDX_SRC"
rm -rf "$work/ranking.db" && mkdir -p "$work"
/usr/bin/python3 - "$work/pages.jsonl" <<'PY'
import json, sys
rows = []
long_body = " ".join(["List information about the files in the current directory, sorted by name."] * 60)
rows.append({"id": "ls", "title": "ls", "body": long_body})
for k in range(7):
    rows.append({"id": "dircolors-%d" % k,
                 "title": "dircolors %d: colour setup for ls and the colours of its output" % k,
                 "body": "Output commands to set the colour environment variable, section %d." % k})
filler = " ".join("word%d" % i for i in range(150))
rows.append({"id": "z-longer", "title": "A note", "body": "The glacier retreated. " + filler})
rows.append({"id": "a-short", "title": "A note", "body": "The glacier retreated. " + "Few words here."})
with open(sys.argv[1], "w") as out:
    for row in rows:
        out.write(json.dumps(row) + "\n")
PY
"$newsidx" build -q --db "$work/ranking.db" "$work/pages.jsonl" >/dev/null || fail "build"
first=$("$search" --db "$work/ranking.db" -f ids -n 1 'title:ls') || fail "title:ls exit $?"
[ "$first" = ls ] || fail "title:ls ranks $first first, not the page titled ls"
first=$("$search" --db "$work/ranking.db" -f ids -n 1 glacier) || fail "glacier exit $?"
[ "$first" = a-short ] || fail "glacier ranks $first first, not the shorter article"
exit 0
