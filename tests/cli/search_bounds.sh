#!/usr/bin/env bash
# Regression: issue #15 (13). Saved searches that refer to each other multiplied (three
# short definitions took 49 s and 586 MB for one --count, a fourth level never ended),
# because date ranges did not count towards the 1,000-word bound and the bound was checked
# only once everything was expanded: the expanded query's size, saved searches and ranges
# included, is bounded while it is expanded, and a query past it is refused at once (exit 2).
# --explain explains at most 100 results (a round trip per term per hit over remote shards).
set -u
. tests/cli/lib.sh
search=$2 db=$NEWSIDX_WORK/corpus.db work=$3/bounds
rm -rf "$work" && mkdir -p "$work"
export NEWSIDX_SAVED=$work/saved.toml

# twenty TEMPLATE: TEMPLATE with N = 01..20, joined by OR.
twenty() {
    local i out=""
    for i in $(seq -w 1 20); do
        out+="${out:+ OR }${1//N/$i}"
    done
    printf '%s' "$out"
}
{
    printf '[ranges]\nquery = "%s"\n' "$(twenty 'date:20N..2025')"
    printf '[words]\nquery = "%s"\n' "$(twenty 'gas')"
    for level in 2 3 4; do
        printf '[ranges%s]\nquery = "%s"\n' "$level" "$(twenty "saved:ranges$((level - 1))")"
    done
} | sed 's/saved:ranges1/saved:ranges/g' >"$NEWSIDX_SAVED"
printf '[words2]\nquery = "%s"\n[words3]\nquery = "%s"\n' "$(twenty saved:words)" \
    "$(twenty saved:words2)" >>"$NEWSIDX_SAVED"

# refused QUERY: exit 2 within 20 s, "query too long".
refused() {
    timeout 20 "$search" --db "$db" --count "$1" >"$work/out" 2>"$work/err"
    local code=$?
    [ $code -ne 124 ] || fail "$1: still expanding after 20 s"
    [ $code -eq 2 ] || fail "$1: exit $code, expected 2 ($(cat "$work/out"))"
    grep -q "query too long: " "$work/err" || fail "$1: $(cat "$work/err")"
}
answered() {
    timeout 20 "$search" --db "$db" --count "$1" >"$work/out" 2>"$work/err"
    local code=$?
    [ $code -eq 0 ] || fail "$1: exit $code ($(cat "$work/err"))"
}
answered saved:ranges   # 20 ranges
answered saved:ranges2  # 400
refused saved:ranges3   # 8,000
refused saved:ranges4   # 160,000
refused "saved:ranges2 OR saved:ranges2 OR saved:ranges2"
answered saved:words2   # 400 words
refused saved:words3    # 8,000 words
refused "$(printf 'date:..%d OR ' $(seq 1001 2010))date:..2011"  # 1,011 ranges, 15 kB
grep -q "^newsidx-search: saved search ranges3: query too long: more than 1000 words once saved:ranges2 is expanded (at most 1000)$" \
    <(timeout 20 "$search" --db "$db" --count saved:ranges4 2>&1) || fail "message of saved:ranges4"

# --explain: at most 100 results, in every format.
for format in text json; do
    "$search" --db "$db" -f $format --explain -n 100 gas >/dev/null 2>"$work/err" ||
        fail "--explain -n 100: $(cat "$work/err")"
    "$search" --db "$db" -f $format --explain -n 101 gas >"$work/out" 2>"$work/err"
    code=$?
    [ $code -eq 2 ] && [ ! -s "$work/out" ] &&
        [ "$(cat "$work/err")" = "newsidx-search: --explain explains at most 100 results: give -n 100 or less" ] ||
        fail "--explain -n 101: exit $code: $(cat "$work/err")"
done
exit 0
