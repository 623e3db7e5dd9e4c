#!/usr/bin/env bash
# show ID prints the whole article (JSON: exactly what `newsidx parse` prints); similar ID lists
# articles on the same subject, never the article itself, within --since/--until.
set -u
. "$NEWSIDX_SRC/tests/cli/lib.sh"
newsidx=$1 search=$2 work=$3
db=$NEWSIDX_WORK/corpus.db
cd "$NEWSIDX_SRC"
id=100_c809ca34303675c3

[ "$("$search" --db "$db" show "$id" --format json)" = "$("$newsidx" parse "corpus/$id.txt")" ] ||
    fail "show --format json differs from parse"
text=$("$search" --db "$db" show "$id") || fail "show exit $?"
for part in "North Korea fires 2 short-range ballistic missiles" "by Ayşe Yılmaz" \
    "• Tokyo lodges protest through its embassy in Beijing" "ISTANBUL" \
    "kicked off their annual springtime drills"; do
    grep -qF "$part" <<<"$text" || fail "show lacks: $part"
done
grep -q "Anadolu" <<<"$text" && fail "show prints the footer"
# Wrapped to $COLUMNS.
[ "$(COLUMNS=50 "$search" --db "$db" show "$id" | LC_ALL=C.UTF-8 wc -L)" -le 50 ] ||
    fail "show does not fit 50 columns"
"$search" --db "$db" show no_such_id 2>"$work/err"
[ $? -eq 1 ] || fail "show of an unknown id should exit 1"
grep -q "no article with id no_such_id" "$work/err" || fail "message: $(cat "$work/err")"
# Via newsidx search, options after the subcommand.
[ "$("$newsidx" search show "$id" --db "$db" -f ids)" = "$id" ] || fail "newsidx search show"

similar=$("$search" --db "$db" -f jsonl -n 5 similar "$id") || fail "similar exit $?"
[ "$(wc -l <<<"$similar")" -eq 5 ] || fail "similar gave fewer than 5: $similar"
grep -q "\"id\":\"$id\"" <<<"$similar" && fail "similar lists the article itself"
top=$(head -3 <<<"$similar" | grep -c '"category":"Asia - Pacific"')
[ "$top" -eq 3 ] || fail "the three most similar should be Asia - Pacific: $similar"
"$search" --db "$db" -f jsonl -n 100 similar "$id" --since 2020 --until 2024 |
    sed -E 's/.*"published":"([0-9]{4}).*/\1/' | while read -r year; do
    [ "$year" -ge 2020 ] && [ "$year" -le 2024 ] || fail "similar --since 2020 --until 2024 gave $year"
done || exit 1
"$search" --db "$db" similar no_such_id 2>"$work/err"
[ $? -eq 2 ] || fail "similar of an unknown id should exit 2"

# The words show and similar elsewhere in a query are words; first, after --.
"$search" --db "$db" -f ids trade show >/dev/null || fail "trade show"
"$search" --db "$db" -f ids -- show >/dev/null || fail "-- show"
"$search" --db "$db" show "$id" extra >/dev/null 2>&1
[ $? -eq 2 ] || fail "show with two ids should exit 2"
echo ok
