#!/usr/bin/env bash
# Regression: issue #15 (14). A query of only negative terms means "every article but
# these" (it found the very articles it excludes); numbers out of range for -n and --offset
# are refused with exit 2 (they wrapped around, printed nothing and exited 0).
set -u
. tests/cli/lib.sh
search=$2 db=$NEWSIDX_WORK/corpus.db

count() { "$search" --db "$db" --count -- "$@"; }
total=$("$search" --db "$db" --count --since 1000)
[ "$total" -gt 0 ] || fail "no articles"
for pair in "-glacier|glacier" "NOT glacier|glacier" "-glacier -pipeline|glacier OR pipeline" \
    '-"black sea"|"black sea"' "-category:energy|category:energy" "-title:glacier|title:glacier"; do
    negative=${pair%%|*} positive=${pair#*|}
    want=$((total - $(count "$positive")))
    got=$(count "$negative")
    [ "$got" = "$want" ] || fail "$negative: $got matches, expected $want (all but $positive)"
    # The ids listed are those the positive query does not find.
    "$search" --db "$db" -f ids -n 1000 -- "$negative" | sort >"$3/negative.ids"
    "$search" --db "$db" -f ids -n 1000 -- "$positive" | sort >"$3/positive.ids"
    [ -z "$(comm -12 "$3/negative.ids" "$3/positive.ids")" ] ||
        fail "$negative lists articles of $positive"
done

# refused ARGS...: exit 2, a line on stderr naming the option and its range, nothing on
# stdout.
refused() {
    "$search" --db "$db" "$@" gas >"$work.out" 2>"$work.err"
    local code=$?
    [ $code -eq 2 ] || fail "$*: exit $code, expected 2 ($(cat "$work.err"))"
    [ ! -s "$work.out" ] || fail "$*: printed $(head -c 200 "$work.out")"
    grep -Eq -- '(--limit|--offset).*not in range' "$work.err" ||
        fail "$*: the message does not name the option and its range: $(cat "$work.err")"
}
work=$3/ranges
for args in "-n -1" "-n 4294967295" "-n 18446744073709551615" "-n 10001" "--limit=-5" \
    "--offset -1" "--offset 18446744073709551615" "--offset 100001" "--count -n -1"; do
    # shellcheck disable=SC2086
    refused $args
done
# The largest values allowed work.
"$search" --db "$db" -n 10000 --offset 100000 gas >/dev/null 2>"$work.err"
[ $? -eq 0 ] || fail "-n 10000 --offset 100000: $(cat "$work.err")"
[ "$("$search" --db "$db" -n 10000 -f ids gas | wc -l)" = "$(count gas)" ] || fail "-n 10000"
exit 0
