# Sourced by the script tests: failure reporting and a larger archive made from corpus/.
fail() { echo "FAIL: $*"; exit 1; }

# make_archive DIR COPIES: COPIES copies of corpus/ under DIR, each file renamed so that every
# article has its own id (36 x COPIES articles). Reused when already there.
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
