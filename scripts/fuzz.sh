#!/bin/sh
# Builds the libFuzzer harnesses of tests/fuzz in build-asan (clang, ASan and UBSan: the tree
# scripts/test.sh tests) and runs each for SECONDS (default 60), two at a time. Inputs that
# crash, leak, hang or exhaust memory are kept in fuzz-crashes/; the exit code is 1 if any.
set -eu
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing_packages
seconds=${1:-60}
build=build-asan
fuzzers=$(cd tests/fuzz && ls *_fuzz.cc | sed 's/_fuzz\.cc$//')
crashes=$PWD/fuzz-crashes
work=$PWD/$build/fuzz

configure_test_build "$build"
cmake --build "$build" -j "$(nproc)" --target fuzzers newsidx >/dev/null

# Seeds, made afresh from what the tests use; the corpus each harness grows is kept between runs.
seed() {  # seed NAME: an empty folder of seeds for harness NAME, printed
    rm -rf "$work/$1/seeds"
    mkdir -p "$work/$1/seeds" "$work/$1/corpus"
    echo "$work/$1/seeds"
}
dir=$(seed aa_reader)
cp corpus/*.txt tests/data/bad/* "$dir"
dir=$(seed text_analyzer)
cp corpus/*.txt tests/data/bad/* tests/data/synonyms.txt "$dir"
printf "U.S. v2.2, 1,000.5 x:y a_b can't 3rd.\n" >"$dir/ascii"  # split without ICU
dir=$(seed jsonl_reader)
# One line a file: what `newsidx parse` prints of corpus/, and the lines of tests/fuzz/seeds.
ASAN_OPTIONS=detect_leaks=0 "$build/bin/newsidx" parse corpus | split -l 1 - "$dir/parse-"
split -l 1 tests/fuzz/seeds/articles.jsonl "$dir/seed-"
dir=$(seed query)
# The queries of the end-to-end tests, then ours with --since and --until lines ('|' between).
sed -n "/<<'QUERIES'/,/^QUERIES/p" tests/cli/search_queries.sh | sed '1d;$d' |
    split -l 1 - "$dir/cli-"
for f in $(ls "$dir"); do  # no final newline: it would be an empty --since
    tr -d '\n' <"$dir/$f" >"$dir/$f.q" && rm "$dir/$f"
done
i=0
while IFS= read -r line; do
    i=$((i + 1))
    printf '%s' "$line" | tr '|' '\n' >"$dir/seed-$i"
done <tests/fuzz/seeds/queries.txt
dir=$(seed saved_store)
cp tests/fuzz/seeds/*.toml "$dir"
awk '/^```toml/ { n++; keep = 1; next } /^```/ { keep = 0 } keep { print > (dir "/readme-" n ".toml") }' \
    dir="$dir" README.md

# Leaks of the libraries we use, not ours (each one explained there).
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0"
run() {  # run NAME: fuzz harness NAME for $seconds; its log is $work/NAME.log
    dict=""
    [ -f "tests/fuzz/$1.dict" ] && dict="-dict=tests/fuzz/$1.dict"
    mkdir -p "$crashes/$1"
    # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: 2 GB is running away.
    "$build/bin/${1}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$crashes/$1/" $dict \
        "$work/$1/corpus" "$work/$1/seeds" >"$work/$1.log" 2>&1 && rc=0 || rc=$?
    echo "$rc" >"$work/$1.rc"
}
set -- $fuzzers
while [ $# -gt 0 ]; do  # two at a time, one a core
    pids=""
    for name in "$1" "${2:-}"; do
        [ -n "$name" ] || continue
        run "$name" &
        pids="$pids $!"
    done
    for pid in $pids; do
        wait "$pid"
    done
    shift
    [ $# -gt 0 ] && shift
done

status=0
for name in $fuzzers; do
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log")
    if [ "$(cat "$work/$name.rc")" -eq 0 ]; then
        printf '%-14s %10s runs  nothing found\n' "$name" "${execs:-?}"
    else
        status=1
        what=$(sed -n 's/^SUMMARY: //p' "$work/$name.log" | head -1)
        printf '%-14s %10s runs  FOUND %s: input in %s, log %s\n' "$name" "${execs:-?}" \
            "${what:-something}" "$crashes/$name/" "$work/$name.log"
        # What CI shows of it: the report and the input, as the log ends with them.
        grep -v -E '^(#[0-9]|INFO:|MS:|stat::)' "$work/$name.log" | tail -n 40 | sed 's/^/    /'
    fi
done
exit $status
