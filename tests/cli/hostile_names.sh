#!/usr/bin/env bash
# Regression: issue #15 (10). Category names, file and folder names, ids, arguments and values
# of the saved-search file with terminal escapes (a screen clear, an OSC 52 clipboard write,
# a C1 CSI, bidirectional overrides) reach no terminal raw: not through `stats`, `build -v`,
# the duplicate-id warning, `--format ids` or an error message of either binary. An id
# cannot hold a control character: a JSON line with one is refused, a file name's is escaped.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/hostile-names
rm -rf "$work" && mkdir -p "$work/in"
clear=$'\e[2J' osc52=$'\e]52;c;b3duZWQ=\a' csi=$'\xc2\x9b''31m' bidi=$'\u202e'
evil="$clear$osc52$csi$bidi"

# safe FILE WHAT: no control character (but tab and newline), no C1, no bidi control.
safe() {
    python3 - "$1" "$2" <<'EOF' || exit 1
import sys
text = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read()
bad = [c for c in text if (ord(c) < 0x20 and c not in "\t\n") or 0x7f <= ord(c) < 0xa0
       or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069 or 0xdc80 <= ord(c) <= 0xdcff]
if bad:
    print("FAIL: %s: unsafe characters %r" % (sys.argv[2], sorted(set(bad))))
    sys.exit(1)
EOF
}

# A plain-text article whose category holds the escapes; one in a hostile folder with a
# hostile name; one whose name holds a newline.
sed "1s/.*/Energy $evil/" corpus/102_ce06b15e1832e038.txt >"$work/in/category.txt"
mkdir -p "$work/in/dir$evil"
cp corpus/103_7b86262ef9f8157a.txt "$work/in/dir$evil/name$evil.txt"
cp corpus/104_6d3e631b7779de93.txt "$work/in/new"$'\n'"line.txt"
# JSON Lines: the same id in two files (the warning names both, one in the hostile folder), a
# hostile category, and ids holding a newline or an escape (refused).
python3 - "$work/in" "$evil" <<'EOF'
import json, sys
folder, evil = sys.argv[1], sys.argv[2]
def article(id, category="World"):
    return json.dumps({"id": id, "title": "Harbour reopens", "category": category,
                       "published": "2024-05-01", "body": ["The harbour reopened."]}) + "\n"
open(folder + "/feed.jsonl", "w").write(
    article("dup-1", "Cat " + evil) + article("bad\nid") + article("bad" + evil))
open(folder + "/dir" + evil + "/feed.jsonl", "w").write(article("dup-1"))
EOF

"$newsidx" build -v --db "$work/db" "$work/in" >"$work/build.out" 2>"$work/build.err"
[ $? -eq 2 ] || fail "build: expected exit 2 for the refused ids ($(cat "$work/build.err"))"
safe "$work/build.err" "build -v"
safe "$work/build.out" "build summary"
[ "$(grep -c ': id contains control characters "bad' "$work/build.err")" -eq 2 ] ||
    fail "ids with control characters not refused: $(cat "$work/build.err")"
grep -q '^newsidx: warning: .*: id dup-1 also read from .*; this one replaces it$' "$work/build.err" ||
    fail "no duplicate-id warning: $(cat "$work/build.err")"
[ "$(grep -c '^newsidx: indexed ' "$work/build.err")" -eq 5 ] ||
    fail "expected 5 'indexed' lines, one a line: $(cat "$work/build.err")"

"$newsidx" stats --db "$work/db" >"$work/stats.out" 2>&1 || fail "stats: $(cat "$work/stats.out")"
safe "$work/stats.out" "stats"
grep -q '^categories .*Energy ' "$work/stats.out" || fail "stats: $(cat "$work/stats.out")"

# --format ids: one id a line, each found by show.
"$search" --db "$work/db" -f ids -n 100 --since 1000 >"$work/ids" 2>&1 || fail "ids: $(cat "$work/ids")"
safe "$work/ids" "--format ids"
[ "$(wc -l <"$work/ids")" -eq "$(doc_count "$work/db")" ] || fail "ids: $(cat -A "$work/ids")"
while IFS= read -r id; do
    "$search" --db "$work/db" show "$id" >/dev/null 2>&1 || fail "show $id: not found"
done <"$work/ids"

# build -v of removed files.
rm -rf "$work/in/dir$evil"
"$newsidx" build -v --db "$work/db" "$work/in" >/dev/null 2>"$work/removed.err"
safe "$work/removed.err" "build -v, removals"
[ "$(grep -c '^newsidx: removed the articles of ' "$work/removed.err")" -eq 2 ] ||
    fail "removals: $(cat "$work/removed.err")"

# Error messages that echo an argument or a value of a file (exit 2; `rm` of an id it does
# not find exits 1).
errors() {
    local want=2
    [ "$1" = rm ] && want=1
    [ "$1" = rm ] && shift
    "$@" >"$work/err.out" 2>"$work/err.txt"
    [ $? -eq $want ] || fail "$1 ...: expected exit $want ($(cat "$work/err.txt"))"
    grep -q . "$work/err.txt" || fail "$1 ...: no message"
    safe "$work/err.txt" "message of $(printf '%q ' "$@")"
}
errors "$search" --db "$work/no$evil" kim
errors "$search" --db "$work/db" --format "x$evil" kim
errors "$search" --db "$work/db" --facets "x$evil" kim
errors "$search" --db "$work/db" --since "x$evil" kim
errors "$search" --db "$work/db" show
errors "$newsidx" stats --db "$work/no$evil"
errors "$newsidx" build --db "$work/db" -j "x$evil" "$work/in"
errors rm "$newsidx" rm --db "$work/db" "id$evil"
errors "$newsidx" compact --db "$work/no$evil"
printf '[a]\nquery = "kim"\nsince = "\\u001b[2J\\u202e"\n' >"$work/saved.toml"
errors "$search" --db "$work/db" --saved-file "$work/saved.toml" saved:a
printf '[a]\nauthor = "\\u001b[\\u202e\\u0007!"\n[b]\nquery = "kim"\n' >"$work/saved2.toml"
errors "$search" --db "$work/db" --saved-file "$work/saved2.toml" saved run --all
errors "$search" --db "$work/db" --saved-file "$work/saved2.toml" saved run a
exit 0
