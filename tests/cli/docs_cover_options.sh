# Every option and command that --help shows, for every (sub)command of both binaries, is in
# the installed man page, offered by the installed bash completion, and in the zsh completion.
# Usage: docs_cover_options.sh NEWSIDX NEWSIDX_SEARCH BUILD_DIR WORK
set -u
. "$(dirname "$0")/lib.sh"
newsidx=$1 search=$2 build=$3 work=$4/docs
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/usr" >/dev/null || fail "cmake --install failed"
share=$work/usr/share
for f in man/man1/newsidx.1.gz man/man1/newsidx-search.1.gz man/man7/newsidx-query.7.gz \
    bash-completion/completions/newsidx bash-completion/completions/newsidx-search \
    zsh/vendor-completions/_newsidx; do
    [ -s "$share/$f" ] || fail "not installed: share/$f"
done
[ -x "$work/usr/bin/newsidx" ] && [ -x "$work/usr/bin/newsidx-search" ] ||
    fail "binaries not installed in bin/"
bash_completion=/usr/share/bash-completion/bash_completion
[ -f "$bash_completion" ] || fail "bash-completion is not installed (scripts/deps.sh)"

# The man page as words: roff escapes and fonts removed.
man_text() { gzip -dc "$share/man/man1/$1.1.gz" | sed 's/\\-/-/g; s/\\f[BIRP]//g'; }

# completes PROGRAM WORD...: what the installed bash completion offers for the last word.
completes() {
    bash -c '
        source "$1"; source "$2"; shift 2
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _newsidx; printf "%s\n" "${COMPREPLY[@]}"' _ \
        "$bash_completion" "$share/bash-completion/completions/$1" "$@"
}

# check PROGRAM BINARY COMMAND...: checks the command's options and subcommands, then theirs.
checked=0
check() {
    local program=$1 binary=$2
    shift 2
    local help options subs opt sub offered offered_words
    help=$("$binary" "$@" --help) || fail "$program $* --help failed"
    options=$(printf '%s\n' "$help" | grep -E '^  +-' | grep -oE '^ +(-[A-Za-z0-9],)?--[a-z0-9-]+' |
        tr ',' '\n' | tr -d ' ')
    subs=$(printf '%s\n' "$help" | sed -n '/^Subcommands:/,/^$/p' | sed -n 's/^  \([a-z]\+\) .*/\1/p')
    offered=$(completes "$program" "$program" "$@" -)
    offered_words=$(completes "$program" "$program" "$@" "")
    for opt in $options; do
        man_text "$program" | grep -qE -- "(^|[ ,])$opt( |,|$)" ||
            fail "$opt of '$program $*' is not in $program(1)"
        printf '%s\n' "$offered" | grep -qxF -- "$opt" ||
            fail "$opt of '$program $*' is not completed by bash (got: $offered)"
        grep -qE -- "[\" ]$opt[\" ]" "$share/zsh/vendor-completions/_newsidx" ||
            fail "$opt of '$program $*' is not in the zsh completion"
        checked=$((checked + 1))
    done
    for sub in $subs; do
        printf '%s\n' "$offered_words" | grep -qxF -- "$sub" ||
            fail "command '$program $* $sub' is not completed by bash"
        man_text "$program" | grep -qF ".SS \"$program${*:+ $*} $sub\"" ||
            fail "command '$program $* $sub' has no section in $program(1)"
        # newsidx search runs newsidx-search, checked on its own.
        [ "$program $*" = "newsidx " ] && [ "$sub" = search ] && continue
        check "$program" "$binary" "$@" "$sub"
    done
}
check newsidx "$newsidx"
check newsidx-search "$search"
# `newsidx search` completes as newsidx-search does.
completes newsidx newsidx search --fo | grep -qxF -- --format ||
    fail "newsidx search --fo does not complete to --format"
[ "$checked" -gt 60 ] || fail "only $checked options found in --help: is the parsing broken?"
# newsidx-query(7) is README's query language and schema.
gzip -dc "$share/man/man7/newsidx-query.7.gz" | grep -q 'INDEX SCHEMA' ||
    fail "newsidx-query(7) has no INDEX SCHEMA section"
echo "$checked options checked"
