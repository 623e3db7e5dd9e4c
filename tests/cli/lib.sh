# Sourced by the script tests: failure reporting and a larger archive made from corpus/.
fail() { echo "FAIL: $*"; exit 1; }

# How many articles `newsidx build corpus` indexes (corpus/languages/ included).
corpus_articles=$(find "${NEWSIDX_SRC:-.}/corpus" -name '*.txt' | wc -l)

# make_archive DIR COPIES: COPIES copies of the top-level articles of corpus/ under DIR, each
# file renamed so that every article has its own id (36 x COPIES articles). Reused when
# already there.
make_archive() {
    dir=$1 copies=$2
    [ -f "$dir/.complete-$copies" ] && return 0
    rm -rf "$dir" && mkdir -p "$dir"
    for k in $(seq 1 "$copies"); do
        mkdir -p "$dir/copy$k"
        for f in corpus/*.txt; do
            cp "$f" "$dir/copy$k/c${k}_$(basename "$f")"
        done
    done
    touch "$dir/.complete-$copies"
}

doc_count() {
    xapian-delve "$1" | sed -n 's/^number of documents = //p'
}

# The names and contents of every file in a folder: equal only if nothing in it changed.
db_checksum() {
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0 md5sum)
}

# same_answer SEARCH DB OTHER_DB ARGS...: both databases answer `newsidx-search ARGS` alike:
# the same exit code, stderr (database paths aside) and output, as same_results.py compares
# them (scores within rounding, percentages not compared). Uses $work for its files.
same_answer() {
    local search=$1 one=$2 other=$3
    shift 3
    "$search" --db "$one" "$@" >"$work/one.out" 2>"$work/one.err"
    local a=$?
    "$search" --db "$other" "$@" >"$work/other.out" 2>"$work/other.err"
    local b=$?
    [ "$a" = "$b" ] || fail "exit $a on one database, $b on $other: $* ($(cat "$work/other.err"))"
    [ "$(sed "s#$one#DB#g" "$work/one.err")" = "$(sed "s#$other#DB#g" "$work/other.err")" ] ||
        fail "stderr differs: $*: $(cat "$work/one.err") / $(cat "$work/other.err")"
    python3 "$NEWSIDX_SRC/tests/cli/same_results.py" "$work/one.out" "$work/other.out" ||
        fail "results differ: $*"
}

# Searches that a sharded archive must answer as one database of the same articles does
# (shards_search.sh, shards_remote.sh), one a line, as the arguments of newsidx-search; the
# databases have tests/data/synonyms.txt.
SHARD_CASES=(
    "-f json -n 50 pipeline"
    "-f json -n 50 'north korea missiles'"
    "-f json -n 50 '\"black sea\" OR title:gas'"
    "-f json -n 50 'Pyong* OR gas*'"
    "-f json -n 50 'kim NEAR/5 xi'"
    "-f json -n 50 'author:gokce date:2020..2025'"
    "-f json -n 50 --sort newest climate"
    "-f json -n 50 --sort oldest --category Sports --category Energy"
    "-f json -n 50 --since 2019 --until 2023 --sort newest"
    "-f json -n 50 date:2021..2024"
    "-f json -n 5 --offset 3 gas"
    "-f json -n 0 --facets category,dateline,author,year,month gas"
    "-f json -n 3 --facets category,year --since 2015"
    "-f json --explain -n 5 'title:korea missiles'"
    "-f json 'Pyongyng missles'"
    "-f json --correct -n 5 'Pyongyng missles'"
    "--count climate"
    "-f ids -n 100 'trade OR sanctions'"
    "-f json -n 50 dprk sanctions"
    "-f json -n 50 --no-synonyms dprk"
    "-f json -n 10 similar 100_c809ca34303675c3"
    "-f json -n 10 similar 120_2bc346ec5ad6bd24 --since 2020"
    "show 100_c809ca34303675c3"
    "-f json show 120_2bc346ec5ad6bd24"
    "show no_such_id"
    "-f json xylophonequartz"
    "kim date:2025-02-31"
    "-f jsonl -n 3 --offset 1 glacier"
)

# same_answers SEARCH DB OTHER_DB: every SHARD_CASES search, and all of them in batch mode.
same_answers() {
    local case
    for case in "${SHARD_CASES[@]}"; do
        eval "same_answer \"\$1\" \"\$2\" \"\$3\" $case"
    done
    printf '%s\n' pipeline 'Pyong*' 'dprk sanctions' 'date:2025-02-31' 'Pyongyng missles' \
        >"$work/batch.txt"
    same_answer "$1" "$2" "$3" --queries "$work/batch.txt" -n 20 --facets category,year
}

# Remote shards (shards_remote.sh, search_batch_remote.sh).
servers=()
stop_servers() {
    local pid
    for pid in "${servers[@]}"; do
        kill -CONT -- "-$pid" 2>/dev/null
        kill "$pid" 2>/dev/null  # xapian-tcpsrv then ends its process group: its children
    done
    wait 2>/dev/null
}

# serve NAME DATABASE: xapian-tcpsrv on a free port of 127.0.0.1, in a process group of its
# own (on SIGTERM it kills its whole group, which would be this script's); sets port and pid.
# Its log is $work/NAME.log; stop_servers (trap it on EXIT) ends every server started.
serve() {
    local attempt i
    for attempt in 1 2 3 4 5; do
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 --idle-timeout 30000 "$2" \
            >"$work/$1.log" 2>&1 &
        pid=$!
        servers+=("$pid")
        for i in $(seq 1 100); do
            grep -q '^Listening' "$work/$1.log" && return 0
            kill -0 "$pid" 2>/dev/null || break  # the port was taken meanwhile: another one
            sleep 0.05
        done
    done
    fail "xapian-tcpsrv $2 does not start: $(cat "$work/$1.log")"
}
