#!/usr/bin/env bash
# Two `saved run --all --new` at once, many times: between them each article is reported once
# per saved search, and the state file stays valid; `saved add`s at once all survive.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3
dir=$work/saved-concurrent
rm -rf "$dir" && mkdir -p "$dir"
export NEWSIDX_DB=$dir/db NEWSIDX_SAVED=$dir/saved.toml
"$newsidx" build -q --db "$NEWSIDX_DB" corpus >/dev/null || fail "build"
for spec in "korea:north korea" "gas:gas" "climate:climate" "trade:trade OR saved:korea"; do
    "$search" saved add "${spec%%:*}" "${spec#*:}" >/dev/null || fail "add $spec"
done
"$search" saved add everything --since 1900 >/dev/null || fail "add everything"
expected=$(for name in korea gas climate trade everything; do
    "$search" -f ids -n 1000 "saved:$name" | sed "s/^/$name /"
done | sort)

for round in $(seq 1 15); do
    "$search" saved reset --all || fail "reset"
    "$search" saved run --all --new -f jsonl >"$dir/a.out" 2>"$dir/a.err" &
    a=$!
    "$search" saved run --all --new -f jsonl >"$dir/b.out" 2>"$dir/b.err" &
    b=$!
    wait "$a"; status_a=$?
    wait "$b"; status_b=$?
    # One found everything new, the other nothing (or they shared it, if the lock let them).
    [ $((status_a + status_b)) -le 1 ] && [ "$status_a" -le 1 ] && [ "$status_b" -le 1 ] ||
        fail "round $round: exit $status_a and $status_b: $(cat "$dir/a.err" "$dir/b.err")"
    reported=$(cat "$dir/a.out" "$dir/b.out" |
        sed -E 's/^\{"saved":"([^"]*)","rank":[0-9]+,"id":"([^"]*)".*/\1 \2/' | sort)
    [ "$reported" = "$expected" ] ||
        fail "round $round: reported $(wc -l <<<"$reported"), expected $(wc -l <<<"$expected"); duplicates: $(uniq -d <<<"$reported" | head -3)"
    grep -qvE '^\{"saved":"[A-Za-z0-9_-]+","reported":\["[^"]+"(,"[^"]+")*\]\}$' "$NEWSIDX_SAVED.state" &&
        fail "round $round: state file: $(head -c 300 "$NEWSIDX_SAVED.state")"
    [ "$(wc -l <"$NEWSIDX_SAVED.state")" -eq 5 ] || fail "round $round: state lines"
done

# Adds of different names at once: every one is kept.
pids=()
for i in $(seq 1 12); do
    "$search" saved add "n$i" kim >/dev/null 2>>"$dir/add.err" &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid" || fail "a concurrent add failed: $(cat "$dir/add.err")"
done
[ "$("$search" saved list -f ids | grep -c '^n[0-9]*$')" -eq 12 ] ||
    fail "concurrent adds lost: $("$search" saved list -f ids | tr '\n' ' ')"
ls "$dir" | grep -q '\.tmp$' && fail "temporary files left: $(ls "$dir")"
echo ok
