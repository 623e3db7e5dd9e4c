#!/usr/bin/env bash
# Bad input of every kind, through the real binaries: each gets its clear message and exit
# code 2, the rest of the run goes on, and nothing already indexed is lost.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/bad-input
rm -rf "$work" && mkdir -p "$work"
db=$work/news.db
"$newsidx" build -q --db "$db" corpus >/dev/null || fail "building corpus/"
base=$(doc_count "$db")

# expect CODE PATTERN COMMAND...: exit CODE and a line of stderr matching PATTERN.
expect() {
    local code=$1 pattern=$2
    shift 2
    "$@" >"$work/out" 2>"$work/err"
    local got=$?
    [ "$got" -eq "$code" ] || fail "$*: exit $got, expected $code ($(head -c 300 "$work/err"))"
    grep -Eq -- "$pattern" "$work/err" || fail "$*: no line matching '$pattern' in: $(cat "$work/err")"
}
# intact: the archive still holds what it held, passes xapian-check and answers.
intact() {
    xapian-check "$db" >/dev/null || fail "xapian-check after: $1"
    [ "$(doc_count "$db")" -ge "$base" ] || fail "articles lost after: $1"
    "$search" --db "$db" show 102_ce06b15e1832e038 >/dev/null || fail "search after: $1"
}

# Broken files, each named with its reason; the good article among them is indexed.
in=$work/in
mkdir -p "$in"
: >"$in/empty.txt"
head -c 4096 "$newsidx" >"$in/binary.txt"
{ sed -n 1,3p corpus/105_*.txt; printf 'A body with a \0 NUL byte.\n'; sed '1,3d' corpus/105_*.txt; } \
    >"$in/nul.txt"
printf 'World\n\nCaf\xe9 society\n' >"$in/latin1.txt"
printf 'World\n\n\x93Quoted\x94 and \x96 dashed\n' >"$in/cp1252.txt"
iconv -f UTF-8 -t UTF-16 corpus/106_*.txt >"$in/utf16.txt"
python3 -c 'import sys; open(sys.argv[1], "w").write("x" * 50_000_000)' "$in/huge.txt"
python3 - "$in/feed.jsonl" <<'EOF'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "huge", "title": "Huge", "body": "y" * 50_000_000}) + "\n")
    f.write(json.dumps({"id": "small-one", "title": "Harbour pilots", "body": "Fine."}) + "\n")
EOF
ln -s loop.txt "$in/loop.txt"
mkdir "$in/folder.txt"  # a folder with a .txt name: walked into, not read as a file
cp corpus/107_*.txt "$in/good.txt"
"$newsidx" build -q --db "$db" "$in" >"$work/out" 2>"$work/err"
[ $? -eq 2 ] || fail "broken files: expected exit 2"
for line in "empty.txt: empty file" "binary.txt:[0-9]+: binary file \(NUL byte\)" \
    "nul.txt:4: binary file \(NUL byte\)" "latin1.txt:3: invalid UTF-8" \
    "cp1252.txt:3: invalid UTF-8" "utf16.txt: UTF-16 text" "huge.txt: file too large" \
    "feed.jsonl:1: line too long" "loop.txt: .*(loop|symbolic links)"; do
    grep -Eq "^newsidx: $in/$line" "$work/err" || fail "no line '$line' in: $(cat "$work/err")"
done
[ "$(grep -c . "$work/err")" -eq 9 ] || fail "one line per broken file expected: $(cat "$work/err")"
"$search" --db "$db" -f ids 'harbour pilots' | grep -qx small-one || fail "small-one not indexed"
"$search" --db "$db" show good >/dev/null || fail "good.txt not indexed"
intact "broken files"

# Files that vanish while a build reads them: said, the rest indexed, the database sound.
make_archive "$work/many" 20
"$newsidx" build -q -j 2 --db "$db" "$work/many" >/dev/null 2>"$work/vanish.err" &
pid=$!
sleep 0.3
rm -rf "$work/many/copy20" "$work/many/copy19"
wait "$pid"
code=$?
[ "$code" -le 2 ] || fail "a build whose files vanished exited $code"
if [ -s "$work/vanish.err" ]; then
    grep -v 'cannot open file (No such file or directory)' "$work/vanish.err" && fail "unexpected stderr"
fi
intact "files removed during a build"
"$newsidx" build -q --db "$db" "$work/many" >/dev/null || fail "the next build failed"
[ "$(doc_count "$db")" -eq $((base + 2 + 36 * 18)) ] || fail "$(doc_count "$db") articles after"

# A folder where a file is expected, a file where a folder is expected.
expect 2 "cannot read synonyms file $work: Is a directory" \
    "$newsidx" build -q --db "$db" --synonyms "$work"
expect 2 "cannot read the queries: Is a directory" "$search" --db "$db" --queries "$work"
expect 2 "cannot read $work: Is a directory" "$search" --db "$db" --saved-file "$work" saved list
: >"$work/plain-file"
expect 2 "plain-file: it is a file, not a database folder" \
    "$newsidx" build -q --db "$work/plain-file" corpus
expect 2 "cannot open database .*plain-file" "$search" --db "$work/plain-file" kim
intact "folders and files swapped"

# Databases of other programs are neither searched nor written to.
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("create table t(x)")' \
    "$work/other.sqlite"
expect 2 "it is a file, not a database folder" "$newsidx" build -q --db "$work/other.sqlite" corpus
expect 2 "cannot open database" "$search" --db "$work/other.sqlite" kim
/usr/bin/python3 - "$work/other.xapian" <<'EOF'
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_CREATE)
doc = xapian.Document()
doc.add_term("kim")
db.add_document(doc)
db.commit()
EOF
before=$(db_checksum "$work/other.xapian")
expect 2 "is not a newsidx database" "$newsidx" build -q --db "$work/other.xapian" corpus
expect 2 "is not a newsidx database" "$search" --db "$work/other.xapian" kim
[ "$(db_checksum "$work/other.xapian")" = "$before" ] || fail "another program's database changed"
mkdir "$work/documents" && echo letter >"$work/documents/letter.odt"
expect 2 "a folder of other files" "$newsidx" build -q --db "$work/documents" corpus
[ "$(ls "$work/documents")" = letter.odt ] || fail "files added to a folder of other files"

# Unreadable files and a read-only database: as an unprivileged user (root reads anything).
as_nobody() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
if as_nobody test -x "$newsidx" 2>/dev/null && as_nobody test -w /tmp; then
    mine=$work/mine.db
    cp -r "$db" "$mine" && chmod -R a+rX "$work"
    [ "$(id -u)" -eq 0 ] && chown -R 65534:65534 "$mine" "$work/in"
    chmod 000 "$in/good.txt"
    touch "$in/good.txt"  # changed: the build must read it again
    expect 2 "good.txt: cannot open file \(Permission denied\)" \
        as_nobody "$newsidx" build -q --db "$mine" "$in"
    chmod 644 "$in/good.txt"
    # A database the user may read but not write: searches work, builds fail and change nothing.
    [ "$(id -u)" -eq 0 ] && chown -R 0:0 "$mine"
    chmod -R a-w "$mine"
    before=$(db_checksum "$mine")
    as_nobody "$search" --db "$mine" show 102_ce06b15e1832e038 >/dev/null ||
        fail "search of a read-only database"
    expect 2 "cannot open database .*(Permission denied|Read-only)" \
        as_nobody "$newsidx" build -q --db "$mine" corpus
    [ "$(db_checksum "$mine")" = "$before" ] || fail "a read-only database changed"
else
    echo "skipped: unreadable files and read-only databases (no unprivileged user can run $newsidx)"
fi

# A full disk: the build fails clearly, and what was committed before is still there.
full=$work/full
mkdir -p "$full"
if mount -t tmpfs -o size=2m tmpfs "$full" 2>/dev/null; then
    trap 'umount "$full" 2>/dev/null' EXIT
    "$newsidx" build -q --db "$full/news.db" corpus >/dev/null || fail "corpus/ on a 2 MB disk"
    expect 2 "No space left on device" "$newsidx" build -q --batch-size 100 --db "$full/news.db" \
        "$work/many"
    xapian-check "$full/news.db" >/dev/null || fail "xapian-check after a full disk"
    [ "$(doc_count "$full/news.db")" -ge 36 ] || fail "articles lost on a full disk"
    "$search" --db "$full/news.db" show 102_ce06b15e1832e038 >/dev/null ||
        fail "search after a full disk"
else
    echo "skipped: a full disk (cannot mount a tmpfs here)"
fi
exit 0
