#!/usr/bin/env bash
# Article text and file names with terminal escape sequences, other control characters and
# bidirectional overrides: shown harmlessly in text output and on stderr (replaced by U+FFFD),
# and as valid JSON that keeps them, escaped, in JSON output.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/hostile
rm -rf "$work" && mkdir -p "$work/in"

# JSON Lines: every field a terminal could be attacked through.
python3 - "$work/in/feed.jsonl" <<'EOF'
import json, sys
evil = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202eesrever\u202c\u2066x\u2069\x00\x7f\x08"
a = {"id": "evil-1", "title": "Harbour " + evil + " title", "category": "Cat" + evil,
     "authors": ["Ann " + evil], "dateline": "TOWN" + evil, "published": "2024-05-01",
     "summary": "Summary " + evil, "highlights": ["High " + evil],
     "body": ["The harbour reopened " + evil + " on Monday.", "Second " + evil]}
open(sys.argv[1], "w").write(json.dumps(a) + "\n")
open(sys.argv[1] + ".expected", "w").write(json.dumps(a))
EOF
# A plain-text page with raw escape bytes in its title, and a broken file whose name holds
# an escape sequence (its diagnostic on stderr must not carry it).
sed '2s/^/\x1b[31m/' corpus/102_ce06b15e1832e038.txt >"$work/in/page.txt"
printf 'not an article\n' >"$work/in/bad"$'\e[2J'"name.txt"

"$newsidx" build -q --db "$work/db" "$work/in" >"$work/build.out" 2>"$work/build.err"
[ $? -eq 2 ] || fail "build: expected exit 2 for the broken file"
grep -q 'name.txt' "$work/build.err" || fail "no diagnostic for the broken file"

# safe FILE WHAT: no control character (but tab and newline), no C1, no bidi control, no
# escape sequence other than the colours newsidx itself writes.
safe() {
    python3 - "$1" "$2" <<'EOF' || exit 1
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub("\x1b\\[[0-9;]*m", "", text)  # our own SGR colours (--color always)
bad = [c for c in text if (ord(c) < 0x20 and c not in "\t\n") or 0x7f <= ord(c) < 0xa0
       or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
if bad:
    print("FAIL: %s: unsafe characters %r" % (sys.argv[2], sorted(set(bad))))
    sys.exit(1)
EOF
}
safe "$work/build.err" "build stderr"
"$newsidx" build -v --db "$work/db" "$work/in" >/dev/null 2>"$work/build2.err"
safe "$work/build2.err" "build -v stderr"

for args in "harbour" "--color always harbour" "--facets category,author,dateline harbour" \
    "show evil-1" "--color always show evil-1" "--explain harbour" "-f ids harbour"; do
    # shellcheck disable=SC2086
    "$search" --db "$work/db" $args >"$work/out.txt" 2>"$work/err.txt"
    [ $? -eq 0 ] || fail "$args: exit $? ($(cat "$work/err.txt"))"
    grep -q . "$work/out.txt" || fail "$args: no output"
    safe "$work/out.txt" "$args"
done
# What a query echoes back (a suggestion, an error) is safe too.
"$search" --db "$work/db" $'harbour \e[2J date:2024-02-31' >"$work/out.txt" 2>"$work/err.txt"
[ $? -eq 2 ] || fail "an impossible date in a hostile query: expected exit 2"
safe "$work/err.txt" "error message"

# JSON keeps the text exactly, escaped: valid JSON, no raw control characters.
for format in json jsonl; do
    "$search" --db "$work/db" -f "$format" harbour >"$work/out.json" || fail "-f $format failed"
    safe "$work/out.json" "-f $format"
    python3 - "$work/out.json" "$work/in/feed.jsonl.expected" <<'EOF' || fail "-f $format: text not kept"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
results = json.loads(lines[0])["results"] if len(lines) == 1 and lines[0].startswith('{"query"') \
    else [json.loads(l) for l in lines]
expected = json.loads(open(sys.argv[2]).read())
hit = [r for r in results if r["id"] == "evil-1"][0]
assert hit["title"] == expected["title"], hit["title"]
EOF
done
"$search" --db "$work/db" -f json show evil-1 >"$work/show.json" || fail "show -f json failed"
safe "$work/show.json" "show -f json"
python3 -c '
import json, sys
got, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for key in ("title", "summary", "highlights", "body", "authors", "category", "dateline"):
    assert got[key] == want[key], (key, got[key], want[key])
' "$work/show.json" "$work/in/feed.jsonl.expected" || fail "show -f json does not keep the text"
"$newsidx" parse "$work/in/feed.jsonl" >"$work/parse.json" || fail "parse failed"
safe "$work/parse.json" "parse"
exit 0
